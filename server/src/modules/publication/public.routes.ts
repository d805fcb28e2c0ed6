import { createHash } from 'node:crypto';
import { Type } from 'typebox';
import {
  PublicExportQuery,
  PublicFacilityCounts,
  PublicNotice,
  PublicNoticeList,
  PublicNoticeParams,
  PublicNoticeQuery,
  PublicOverview,
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
 * Sends `body` with Cache-Control and an ETag of its content, or 304 when the client already holds it. The JSON is
 * serialised here; the ETag leaves out `generatedAt`, so it changes only when the data do.
 */
function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  body: unknown,
  cacheControl: string,
  contentType = 'application/json; charset=utf-8',
) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  // The time an answer was computed is not part of its identity: unchanged data keep their ETag (and get 304s).
  const tagged =
    typeof body === 'object' && body !== null && 'generatedAt' in body
      ? JSON.stringify({ ...body, generatedAt: undefined })
      : text;
  const opaque = `"${createHash('sha256').update(tagged).digest('base64url').slice(0, 27)}"`;
  // Weak when the bytes may differ (another generatedAt) for the same data (RFC 9110 §8.8.1).
  const etag = tagged === text ? opaque : `W/${opaque}`;
  void reply.header('cache-control', cacheControl).header('etag', etag);
  const sent = request.headers['if-none-match'];
  if (typeof sent === 'string' && sent.split(',').some((t) => t.trim().replace(/^W\//, '') === opaque))
    return reply.status(304).send();
  return reply
    .type(contentType)
    .serializer((x: unknown) => x as string)
    .send(text);
}

/** `attachment; filename=…` for an ASCII file name made by the service. */
const attachment = (name: string) => `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}"`;

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
    '/api/v1/public/overview',
    {
      onRequest: limit,
      schema: {
        ...open,
        summary:
          'Public: network status (stations online/offline, newest published value, the highest now), the publication delay, the published notices count, the publisher and the licence of the open data',
        response: { 200: PublicOverview, ...errors },
      },
    },
    async (request, reply) => sendCached(request, reply, await service.overview(), SHORT_CACHE),
  );
  app.get(
    '/api/v1/public/notices',
    {
      onRequest: limit,
      schema: {
        ...open,
        summary:
          'Public: notices the Department published (incident notices a leader approved), newest first; exercises are marked and labelled as such',
        querystring: PublicNoticeQuery,
        response: { 200: PublicNoticeList, ...errors },
      },
    },
    async (request, reply) =>
      sendCached(request, reply, await service.notices(request.query.limit ?? 50), SHORT_CACHE),
  );
  app.get(
    '/api/v1/public/notices/:id',
    {
      onRequest: limit,
      schema: {
        ...open,
        summary: 'Public: one published notice (404 when it is not published or was withdrawn)',
        params: PublicNoticeParams,
        response: { 200: PublicNotice, ...errors },
      },
    },
    async (request, reply) =>
      sendCached(request, reply, await service.notice(request.params.id), SHORT_CACHE),
  );
  app.get(
    '/api/v1/public/facilities/by-commune',
    {
      onRequest: limit,
      schema: {
        ...open,
        summary:
          'Public: licensed radiation facilities counted by kind in each commune — aggregates only; no facility, source, place or person is ever published',
        response: { 200: PublicFacilityCounts, ...errors },
      },
    },
    async (request, reply) => sendCached(request, reply, await service.facilityCounts(), LONG_CACHE),
  );
  app.get(
    '/api/v1/public/communes.geojson',
    {
      onRequest: limit,
      schema: {
        ...open,
        summary:
          'Public: commune and ward boundaries simplified for a map of the whole province (about 85 m), with code and names',
        response: { 200: Type.Unknown(), ...errors },
      },
    },
    async (request, reply) => {
      const { body } = await service.communesGeoJson();
      return sendCached(request, reply, body, LONG_CACHE, 'application/geo+json; charset=utf-8');
    },
  );
  app.get(
    '/api/v1/public/export',
    {
      onRequest: limit,
      schema: {
        ...open,
        summary:
          'Public open data: published dose rates of every public station (or `station`) from < t ≤ to as CSV (UTF-8, one row per value), GeoJSON (a Feature per station with its values and the licence) or EURDEP 2.0 (T-GAMMA, A5, NSV/H). Default period: the 24 h before the publication cut-off; resolution as for a series; at most 100 000 rows. The data are under the licence named in the `Link: <…>; rel="license"` header and in GET /api/v1/public/overview (CC BY 4.0 unless the installation says otherwise)',
        querystring: PublicExportQuery,
        response: { 200: Type.String(), ...errors },
      },
    },
    async (request, reply) => {
      const file = await service.export(request.query);
      const licence = await service.licence();
      void reply.header('content-disposition', attachment(file.fileName));
      if (licence.url) void reply.header('link', `<${licence.url}>; rel="license"`);
      return sendCached(request, reply, file.body, file.settled ? LONG_CACHE : SHORT_CACHE, file.contentType);
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
  app.delete(
    '/api/v1/publication/rules/:code',
    {
      schema: {
        tags,
        summary:
          "Remove a station's own rule: the network default applies to it again (publication.manage; audited)",
        params: PublicStationParams,
        response: { 200: PublicationRules, ...errors },
      },
    },
    async (request) => service.removeRule(actorOf(request), request.params.code),
  );
}
