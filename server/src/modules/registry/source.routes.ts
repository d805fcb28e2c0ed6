import { Type } from 'typebox';
import {
  CreateSourceBody,
  CreateTransactionBody,
  IdParams,
  Source,
  SourceListQuery,
  SourceLocation,
  SourcePage,
  SourceTransaction,
  UpdateSourceBody,
} from '@sievert/core';
import { errors, type Http } from '../../http.js';
import { actorOf } from '../../plugins/request-context.js';
import type { SourceService } from './source.service.js';

const Summary = Type.Object({
  byCategory: Type.Record(Type.String(), Type.Integer()),
  byStatus: Type.Record(Type.String(), Type.Integer()),
  total: Type.Integer(),
});

export function sourceRoutes(app: Http, service: SourceService): void {
  const tags = ['registry'];
  app.get(
    '/api/v1/sources',
    {
      schema: {
        tags,
        summary: 'Sealed sources in my scope, with decayed activity and IAEA category',
        querystring: SourceListQuery,
        response: { 200: SourcePage, ...errors },
      },
    },
    async (request) => service.list(actorOf(request), request.query),
  );
  app.get(
    '/api/v1/sources/summary',
    {
      schema: {
        tags,
        summary: 'Counts of sources by category and status in my scope',
        response: { 200: Summary, ...errors },
      },
    },
    async (request) => service.summary(actorOf(request)),
  );
  app.get(
    '/api/v1/facilities/:id/source-locations',
    {
      schema: {
        tags,
        summary: "Where the facility keeps its sources, with each place's aggregate category (Σ A/D)",
        params: IdParams,
        response: { 200: Type.Array(SourceLocation), ...errors },
      },
    },
    async (request) => service.locations(actorOf(request), request.params.id),
  );
  app.get(
    '/api/v1/sources/:id',
    { schema: { tags, params: IdParams, response: { 200: Source, ...errors } } },
    async (request) => service.get(actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/sources',
    {
      schema: {
        tags,
        summary: 'Register a sealed source (records its receipt)',
        body: CreateSourceBody,
        response: { 201: Source, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(actorOf(request), request.body)),
  );
  app.patch(
    '/api/v1/sources/:id',
    {
      schema: {
        tags,
        summary: 'Correct descriptive fields (status changes go through transactions)',
        params: IdParams,
        body: UpdateSourceBody,
        response: { 200: Source, ...errors },
      },
    },
    async (request) => service.update(actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/v1/sources/:id/transactions',
    {
      schema: {
        tags,
        summary: 'The source ledger, oldest first',
        params: IdParams,
        response: { 200: Type.Array(SourceTransaction), ...errors },
      },
    },
    async (request) => service.transactions(actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/sources/:id/transactions',
    {
      schema: {
        tags,
        summary: 'Append a transaction to the ledger',
        params: IdParams,
        body: CreateTransactionBody,
        response: { 201: SourceTransaction, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.recordTransaction(actorOf(request), request.params.id, request.body)),
  );
}
