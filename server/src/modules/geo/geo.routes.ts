import { Type } from 'typebox';
import {
  Commune,
  CommuneCodeParams,
  CommuneList,
  CommunePopulationImportQuery,
  CommunePopulationImportReport,
  ErrorBody,
  Province,
  UpdateCommunePopulationBody,
} from '@sievert/core';
import { AppError } from '../../errors.js';
import { errors, type Http } from '../../http.js';
import { actorOf } from '../../plugins/request-context.js';
import { sha256 } from '../registry/import.service.js';
import type { GeoService } from './geo.service.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Population files arrive as raw bodies, on the import route only. */
const FILE_TYPES = [XLSX_TYPE, 'application/octet-stream', 'text/csv', 'application/csv'];
/** A country's communes with names and sources fit in well under a megabyte. */
export const POPULATION_IMPORT_BODY_LIMIT = 2 * 1024 * 1024;

/** `?format=` wins; else the content type; else the bytes (an XLSX is a ZIP: `PK\x03\x04`). */
function formatOf(format: 'csv' | 'xlsx' | undefined, contentType: string, body: Buffer): 'csv' | 'xlsx' {
  if (format) return format;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === XLSX_TYPE) return 'xlsx';
  if (type === 'text/csv' || type === 'application/csv') return 'csv';
  return body.length >= 4 && body[0] === 0x50 && body[1] === 0x4b && body[2] === 0x03 && body[3] === 0x04
    ? 'xlsx'
    : 'csv';
}

/** Public: boundaries, names and populations of communes are published facts. Changing them is not. */
export function geoRoutes(app: Http, geo: GeoService): void {
  const tags = ['geo'];
  app.get(
    '/api/v1/geo/province',
    {
      schema: { tags, summary: 'The province: names, area, population, bounds', response: { 200: Province } },
    },
    async () => geo.province(),
  );
  app.get(
    '/api/v1/geo/communes',
    {
      schema: {
        tags,
        summary: 'Communes and wards (no geometry), with their population, its year and source',
        response: { 200: CommuneList, 304: Type.Null() },
      },
    },
    async (request, reply) => {
      const { list, etag } = await geo.communeList();
      // Revalidated every time: a population just changed must show at once; unchanged, the answer is a 304.
      void reply.header('etag', etag).header('cache-control', 'public, no-cache');
      if (request.headers['if-none-match'] === etag) return reply.status(304).send(null);
      return list;
    },
  );
  app.patch(
    '/api/v1/geo/communes/:code',
    {
      schema: {
        tags,
        summary:
          "Set or clear (null) a commune's population; the year and source are kept when not sent (geo.manage, audited)",
        params: CommuneCodeParams,
        body: UpdateCommunePopulationBody,
        response: { 200: Commune, ...errors },
      },
    },
    async (request) => geo.updatePopulation(actorOf(request), request.params.code, request.body),
  );
  app.register(async (scope) => {
    const http = scope as unknown as Http;
    http.addContentTypeParser(
      FILE_TYPES,
      { parseAs: 'buffer', bodyLimit: POPULATION_IMPORT_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    http.post(
      '/api/v1/geo/communes/population',
      {
        bodyLimit: POPULATION_IMPORT_BODY_LIMIT,
        schema: {
          tags,
          summary:
            'Import commune populations (CSV or XLSX as the raw body; columns code/mã, population/dân số, year/năm, source/nguồn). dryRun=true (default) reports every problem by row and column and writes nothing; dryRun=false writes every row, or nothing when any row has a problem',
          querystring: CommunePopulationImportQuery,
          response: { 200: CommunePopulationImportReport, ...errors, 413: ErrorBody, 415: ErrorBody },
        },
      },
      async (request) => {
        const body = request.body;
        if (!Buffer.isBuffer(body)) throw new AppError('request.unsupported_media_type');
        return geo.importPopulation(
          actorOf(request),
          new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
          formatOf(request.query.format, String(request.headers['content-type'] ?? ''), body),
          request.query.dryRun ?? true,
          request.locale,
          sha256(body),
        );
      },
    );
  });
  app.get(
    '/api/v1/geo/communes.geojson',
    {
      schema: {
        tags,
        summary: 'Communes and wards as a GeoJSON FeatureCollection (WGS 84)',
        response: { 200: Type.Unknown(), 304: Type.Null() },
      },
    },
    async (request, reply) => {
      const { body, etag } = await geo.communesGeoJson();
      void reply.header('etag', etag).header('cache-control', 'public, max-age=300, must-revalidate');
      if (request.headers['if-none-match'] === etag) return reply.status(304).send(null);
      return reply
        .type('application/geo+json; charset=utf-8')
        .serializer((x: unknown) => x as string)
        .send(body);
    },
  );
}
