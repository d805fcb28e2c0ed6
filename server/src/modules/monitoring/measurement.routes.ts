import {
  ErrorBody,
  IngestBody,
  IngestResult,
  MeasurementListQuery,
  MeasurementPage,
  NetworkView,
  Series,
  SeriesQuery,
  StationCodeParams,
  ValidateMeasurementsBody,
  ValidateMeasurementsResult,
} from '@sievert/core';
import type { FastifyRequest } from 'fastify';
import { errors, type Http } from '../../http.js';
import { AppError } from '../../errors.js';
import { actorOf } from '../../plugins/request-context.js';
import type { IngestSender, IngestService } from './ingest.service.js';
import type { MeasurementService } from './measurement.service.js';

/** Large enough for a day of a hundred 1-minute stations in one batch; files beyond this are split by the sender. */
export const INGEST_BODY_LIMIT = 32 * 1024 * 1024;

const ingestResponses = { 200: IngestResult, ...errors, 413: ErrorBody, 415: ErrorBody };

async function senderOf(request: FastifyRequest, ingest: IngestService): Promise<IngestSender> {
  if (request.stationToken) return ingest.senderForToken(request.stationToken);
  return ingest.senderForActor(request.actor);
}

function textOf(body: unknown): string {
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  if (typeof body === 'string') return body;
  throw new AppError('request.unsupported_media_type');
}

export function measurementRoutes(app: Http, ingest: IngestService, measurements: MeasurementService): void {
  const tags = ['monitoring'];
  app.post(
    '/api/v1/ingest/measurements',
    {
      bodyLimit: INGEST_BODY_LIMIT,
      // Stations send all day: their requests are not logged one by one (errors still are).
      logLevel: 'warn',
      schema: {
        tags,
        summary:
          'Send measurements (a station with `Authorization: Bearer <station token>`, or an official). Answered after commit; bad items are listed by index and the rest kept',
        body: IngestBody,
        response: ingestResponses,
      },
    },
    async (request) => ingest.ingestJson(await senderOf(request, ingest), request.body.measurements, 'http'),
  );

  // CSV and EURDEP arrive as text, only on these routes.
  app.register(async (scope) => {
    const http = scope as unknown as Http;
    http.addContentTypeParser(
      ['text/plain', 'text/csv', 'application/octet-stream', 'application/x-eurdep'],
      { parseAs: 'buffer', bodyLimit: INGEST_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    http.post(
      '/api/v1/ingest/csv',
      {
        bodyLimit: INGEST_BODY_LIMIT,
        logLevel: 'warn',
        schema: {
          tags,
          summary:
            'Send measurements as CSV with a header row: station, quantity, value, unit, time (or begin, end), uncertainty, sensor',
          response: ingestResponses,
        },
      },
      async (request) => ingest.ingestCsv(await senderOf(request, ingest), textOf(request.body)),
    );
    http.post(
      '/api/v1/ingest/eurdep',
      {
        bodyLimit: INGEST_BODY_LIMIT,
        logLevel: 'warn',
        schema: {
          tags,
          summary:
            'Send a EURDEP 2.x message (gross gamma dose rate records); the answer is the same as for JSON',
          response: ingestResponses,
        },
      },
      async (request) => ingest.ingestEurdep(await senderOf(request, ingest), textOf(request.body)),
    );
  });

  app.get(
    '/api/v1/stations/:code/series',
    {
      schema: {
        tags,
        summary: 'A chart series: at most maxPoints points, raw or from hourly/daily rollups',
        params: StationCodeParams,
        querystring: SeriesQuery,
        response: { 200: Series, ...errors },
      },
    },
    async (request) => measurements.series(actorOf(request), request.params.code, request.query),
  );
  app.get(
    '/api/v1/stations/:code/measurements',
    {
      schema: {
        tags,
        summary: 'Stored values of a station, newest first, with quality flags and validation state',
        params: StationCodeParams,
        querystring: MeasurementListQuery,
        response: { 200: MeasurementPage, ...errors },
      },
    },
    async (request) => measurements.list(actorOf(request), request.params.code, request.query),
  );
  app.post(
    '/api/v1/stations/:code/measurements/validate',
    {
      schema: {
        tags,
        summary: 'Validate or reject the values of a period (officials); audited',
        params: StationCodeParams,
        body: ValidateMeasurementsBody,
        response: { 200: ValidateMeasurementsResult, ...errors },
      },
    },
    async (request) => measurements.validate(actorOf(request), request.params.code, request.body),
  );
  app.get(
    '/api/v1/monitoring/network',
    {
      schema: {
        tags,
        summary: 'Every station with its latest value, offline state and open alarm (the dashboard map)',
        response: { 200: NetworkView, ...errors },
      },
    },
    async (request) => measurements.network(actorOf(request)),
  );
}
