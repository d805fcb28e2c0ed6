import {
  CreateFacilityBody,
  Facility,
  FacilityListQuery,
  FacilityPage,
  IdParams,
  UpdateFacilityBody,
} from '@sievert/core';
import { errors, type Http } from '../../http.js';
import { actorOf } from '../../plugins/request-context.js';
import type { FacilityService } from './facility.service.js';

export function facilityRoutes(app: Http, service: FacilityService): void {
  const tags = ['registry'];
  app.get(
    '/api/v1/facilities',
    {
      schema: {
        tags,
        summary: 'Radiation facilities in my scope',
        querystring: FacilityListQuery,
        response: { 200: FacilityPage, ...errors },
      },
    },
    async (request) => service.list(actorOf(request), request.query),
  );
  app.get(
    '/api/v1/facilities/:id',
    { schema: { tags, params: IdParams, response: { 200: Facility, ...errors } } },
    async (request) => service.get(actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/facilities',
    {
      schema: {
        tags,
        summary: 'Register a facility (it becomes an organisation its staff sign in to)',
        body: CreateFacilityBody,
        response: { 201: Facility, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(actorOf(request), request.body)),
  );
  app.patch(
    '/api/v1/facilities/:id',
    { schema: { tags, params: IdParams, body: UpdateFacilityBody, response: { 200: Facility, ...errors } } },
    async (request) => service.update(actorOf(request), request.params.id, request.body),
  );
}
