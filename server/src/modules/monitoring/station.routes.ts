import { Type } from 'typebox';
import {
  CreatedStationToken,
  CreateStationBody,
  CreateStationTokenBody,
  Id,
  Station,
  StationCode,
  StationCodeParams,
  StationListQuery,
  StationPage,
  StationToken,
  UpdateStationBody,
} from '@sievert/core';
import { errors, type Http } from '../../http.js';
import { actorOf } from '../../plugins/request-context.js';
import type { StationService } from './station.service.js';

export function stationRoutes(app: Http, service: StationService): void {
  const tags = ['monitoring'];
  app.get(
    '/api/v1/stations',
    {
      schema: {
        tags,
        summary: 'Monitoring stations',
        querystring: StationListQuery,
        response: { 200: StationPage, ...errors },
      },
    },
    async (request) => service.list(actorOf(request), request.query),
  );
  app.post(
    '/api/v1/stations',
    {
      schema: {
        tags,
        summary: 'Add a station (officials)',
        body: CreateStationBody,
        response: { 201: Station, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(actorOf(request), request.body)),
  );
  app.get(
    '/api/v1/stations/:code',
    { schema: { tags, params: StationCodeParams, response: { 200: Station, ...errors } } },
    async (request) => service.get(actorOf(request), request.params.code),
  );
  app.patch(
    '/api/v1/stations/:code',
    {
      schema: {
        tags,
        summary: 'Edit a station (send `version` to refuse a concurrent edit)',
        params: StationCodeParams,
        body: UpdateStationBody,
        response: { 200: Station, ...errors },
      },
    },
    async (request) => service.update(actorOf(request), request.params.code, request.body),
  );
  app.get(
    '/api/v1/stations/:code/tokens',
    {
      schema: {
        tags,
        summary: "The station's ingest tokens (never their secrets)",
        params: StationCodeParams,
        response: { 200: Type.Array(StationToken), ...errors },
      },
    },
    async (request) => service.tokens(actorOf(request), request.params.code),
  );
  app.post(
    '/api/v1/stations/:code/tokens',
    {
      schema: {
        tags,
        summary: 'Issue an ingest token for this station; the token is shown once',
        params: StationCodeParams,
        body: Type.Optional(CreateStationTokenBody),
        response: { 201: CreatedStationToken, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.issueToken(actorOf(request), request.params.code, request.body?.name)),
  );
  app.delete(
    '/api/v1/stations/:code/tokens/:tokenId',
    {
      schema: {
        tags,
        summary: 'Revoke an ingest token',
        params: Type.Object({ code: StationCode, tokenId: Id }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.revokeToken(actorOf(request), request.params.code, request.params.tokenId);
      return reply.status(204).send(null);
    },
  );
}
