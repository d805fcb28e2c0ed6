import { AuditListQuery, AuditPage, AuditVerifyResponse } from '@sievert/core';
import { errors, type Http } from '../../http.js';
import { actorOf } from '../../plugins/request-context.js';
import type { AuditService } from './audit.service.js';

export function auditRoutes(app: Http, service: AuditService): void {
  const tags = ['audit'];
  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags,
        summary: 'Browse the audit trail, newest first',
        querystring: AuditListQuery,
        response: { 200: AuditPage, ...errors },
      },
    },
    async (request) => service.list(actorOf(request), request.query),
  );
  app.get(
    '/api/v1/audit/verify',
    {
      schema: {
        tags,
        summary: 'Check that the hash chain is intact',
        response: { 200: AuditVerifyResponse, ...errors },
      },
    },
    async (request) => service.verify(actorOf(request)),
  );
}
