import { Type } from 'typebox';
import {
  CreateOrganisationBody,
  IdParams,
  Organisation,
  OrganisationListQuery,
  OrganisationPage,
  UpdateOrganisationBody,
} from '@sievert/core';
import { errors, type Http } from '../../http.js';
import { actorOf } from '../../plugins/request-context.js';
import type { OrganisationService } from './organisation.service.js';

export function organisationRoutes(app: Http, service: OrganisationService): void {
  const tags = ['organisations'];
  app.get(
    '/api/v1/organisations',
    {
      schema: {
        tags,
        summary: 'Organisations in my scope',
        querystring: OrganisationListQuery,
        response: { 200: OrganisationPage, ...errors },
      },
    },
    async (request) => service.list(actorOf(request), request.query),
  );
  app.get(
    '/api/v1/organisations/:id',
    { schema: { tags, params: IdParams, response: { 200: Organisation, ...errors } } },
    async (request) => service.get(actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/organisations',
    { schema: { tags, body: CreateOrganisationBody, response: { 201: Organisation, ...errors } } },
    async (request, reply) => reply.status(201).send(await service.create(actorOf(request), request.body)),
  );
  app.patch(
    '/api/v1/organisations/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: UpdateOrganisationBody,
        response: { 200: Organisation, ...errors },
      },
    },
    async (request) => service.update(actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/v1/organisations/:id',
    { schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await service.delete(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
