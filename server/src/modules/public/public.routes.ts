import { createHash } from 'node:crypto';
import {
  PublicationRuleBody,
  PublicationRules,
  PublicSeries,
  PublicSeriesQuery,
  PublicStationList,
  PublicStationParams,
} from '@sievert/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errors, type Http } from '../../http.js';
import { actorOf } from '../../plugins/request-context.js';
import type { PublicService } from './public.service.js';

const SHORT_CACHE = 'public, max-age=60';
/** A period that ended a day before the publication cut-off changes only when a value is re-validated. */
const LONG_CACHE = 'public, max-age=3600';

/**
 * Sends `body` with Cache-Control and a strong ETag of its JSON, or 304 when the client already holds it.
 * The JSON is serialised here (once) so that the ETag is of the very bytes sent.
 */
function sendCached(request: FastifyRequest, reply: FastifyReply, body: unknown, cacheControl: string) {
  const json = JSON.stringify(body);
  const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
  void reply.header('cache-control', cacheControl).header('etag', etag);
  const sent = request.headers['if-none-match'];
  if (typeof sent === 'string' && sent.split(',').some((t) => t.trim().replace(/^W\//, '') === etag))
    return reply.status(304).send();
  return reply.type('application/json; charset=utf-8').send(json);
}

/** The public API (no sign-in, rate-limited per address) and the officials' publication rules. */
export function publicRoutes(app: Http, service: PublicService): void {
  const tags = ['public'];
  // Public routes declare no security in the API description: they answer without a session or token.
  const open = { tags, security: [] };
  const limit = async (request: FastifyRequest) => service.limiter.take(request.ip);

  app.get(
    '/api/v1/public/stations',
    {
      onRequest: limit,
      schema: {
        ...open,
        summary:
          'Public: the gamma dose-rate stations, online or offline, with their latest published value (after the publication delay; provisional until validated; none under embargo)',
        response: { 200: PublicStationList, ...errors },
      },
    },
    async (request, reply) => sendCached(request, reply, await service.stations(), SHORT_CACHE),
  );
  app.get(
    '/api/v1/public/stations/:code/series',
    {
      onRequest: limit,
      schema: {
        ...open,
        summary:
          'Public: published dose rates of a station from < t ≤ to (default: the last 24 h published), raw or hourly/daily means with min, max and count',
        params: PublicStationParams,
        querystring: PublicSeriesQuery,
        response: { 200: PublicSeries, ...errors },
      },
    },
    async (request, reply) => {
      const { series, settled } = await service.series(request.params.code, request.query);
      return sendCached(request, reply, series, settled ? LONG_CACHE : SHORT_CACHE);
    },
  );

  app.get(
    '/api/v1/publication/rules',
    {
      schema: {
        tags,
        summary: 'Publication rules: the network default and per-station overrides (station.read)',
        response: { 200: PublicationRules, ...errors },
      },
    },
    async (request) => service.rules(actorOf(request)),
  );
  app.put(
    '/api/v1/publication/rules',
    {
      schema: {
        tags,
        summary:
          'Set the network default (no station) or a station rule: delay, validated_only or provisional, embargo with its reason (publication.manage; audited)',
        body: PublicationRuleBody,
        response: { 200: PublicationRules, ...errors },
      },
    },
    async (request) => service.setRule(actorOf(request), request.body),
  );
}
