import { DashboardSummary } from '@sievert/core';
import { errors, type Http } from '../../http.js';
import { actorOf } from '../../plugins/request-context.js';
import type { DashboardService } from './dashboard.service.js';

export function dashboardRoutes(app: Http, service: DashboardService): void {
  app.get(
    '/api/v1/dashboard',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'Counts for the home page, in my scope',
        response: { 200: DashboardSummary, ...errors },
      },
    },
    async (request) => service.summary(actorOf(request)),
  );
}
