import { Type } from 'typebox';
import {
  CreateIsotopeSampleBody,
  ErrorBody,
  IdParams,
  IsotopeDeleteQuery,
  IsotopeImportQuery,
  IsotopeImportReport,
  IsotopeSample,
  IsotopeSampleListQuery,
  IsotopeSamplePage,
  IsotopeSamplingPoint,
  IsotopeSummary,
  IsotopeSummaryQuery,
  isotopeResultTemplateHeaders,
  StationCodeParams,
  UpdateIsotopeSampleBody,
  UpdateIsotopeSamplingPointBody,
  writeXlsx,
} from '@sievert/core';
import { AppError } from '../../errors.js';
import { errors, type Http } from '../../http.js';
import { actorOf } from '../../plugins/request-context.js';
import { sha256 } from '../registry/import.service.js';
import type { IsotopeService } from './isotope.service.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Result files arrive as raw bodies, on the import route only. */
const FILE_TYPES = [XLSX_TYPE, 'application/octet-stream', 'text/csv', 'application/csv'];
export const ISOTOPE_IMPORT_BODY_LIMIT = 20 * 1024 * 1024;

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

export function isotopeRoutes(app: Http, service: IsotopeService): void {
  const tags = ['monitoring'];
  app.get(
    '/api/v1/isotopes/samples',
    {
      schema: {
        tags,
        summary: 'River stable-isotope samples, each with its d-excess and outlier flags',
        querystring: IsotopeSampleListQuery,
        response: { 200: IsotopeSamplePage, ...errors },
      },
    },
    async (request) => service.list(actorOf(request), request.query),
  );
  app.post(
    '/api/v1/isotopes/samples',
    {
      schema: {
        tags,
        summary: 'Record a sample and its lab results',
        body: CreateIsotopeSampleBody,
        response: { 201: IsotopeSample, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(actorOf(request), request.body)),
  );
  app.get(
    '/api/v1/isotopes/samples/:id',
    { schema: { tags, params: IdParams, response: { 200: IsotopeSample, ...errors } } },
    async (request) => service.get(actorOf(request), request.params.id),
  );
  app.patch(
    '/api/v1/isotopes/samples/:id',
    {
      schema: {
        tags,
        summary: 'Correct a sample (send `version` to refuse a concurrent edit)',
        params: IdParams,
        body: UpdateIsotopeSampleBody,
        response: { 200: IsotopeSample, ...errors },
      },
    },
    async (request) => service.update(actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/v1/isotopes/samples/:id',
    {
      schema: {
        tags,
        summary: 'Delete a sample (audited; `?version=` refuses a concurrent edit)',
        params: IdParams,
        querystring: IsotopeDeleteQuery,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.remove(actorOf(request), request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/v1/isotopes/points',
    {
      schema: {
        tags,
        summary: 'The river sampling points, their river and number of samples',
        response: { 200: Type.Array(IsotopeSamplingPoint), ...errors },
      },
    },
    async (request) => service.points(actorOf(request)),
  );
  app.put(
    '/api/v1/isotopes/points/:code',
    {
      schema: {
        tags,
        summary: 'Set the river a sampling point lies on',
        params: StationCodeParams,
        body: UpdateIsotopeSamplingPointBody,
        response: { 200: IsotopeSamplingPoint, ...errors },
      },
    },
    async (request) => service.setRiver(actorOf(request), request.params.code, request.body),
  );
  app.get(
    '/api/v1/isotopes/summary',
    {
      schema: {
        tags,
        summary:
          'Per river: points, samples, the local δ²H–δ¹⁸O line, mean d-excess and the flagged samples; with `river`, also every sample of it',
        querystring: IsotopeSummaryQuery,
        response: { 200: IsotopeSummary, ...errors },
      },
    },
    async (request) => service.summary(actorOf(request), request.query),
  );
  app.get(
    '/api/v1/isotopes/import/template.xlsx',
    { schema: { tags, summary: 'A blank lab result sheet with the expected headers' } },
    async (request, reply) => {
      actorOf(request);
      const body = Buffer.from(
        writeXlsx([{ name: 'Kết quả đồng vị', rows: [isotopeResultTemplateHeaders()], header: true }]),
      );
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', 'attachment; filename="sievert-dong-vi-mau.xlsx"')
        .send(body);
    },
  );

  app.register(async (scope) => {
    const http = scope as unknown as Http;
    http.addContentTypeParser(
      FILE_TYPES,
      { parseAs: 'buffer', bodyLimit: ISOTOPE_IMPORT_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    http.post(
      '/api/v1/isotopes/import',
      {
        bodyLimit: ISOTOPE_IMPORT_BODY_LIMIT,
        schema: {
          tags,
          summary:
            'Import a lab result file (CSV or XLSX as the raw body). dryRun=true (default) reports every problem by row and column and writes nothing; dryRun=false writes the good rows and reports the others',
          querystring: IsotopeImportQuery,
          response: {
            200: IsotopeImportReport,
            201: IsotopeImportReport,
            ...errors,
            413: ErrorBody,
            415: ErrorBody,
          },
        },
      },
      async (request, reply) => {
        const body = request.body;
        if (!Buffer.isBuffer(body)) throw new AppError('request.unsupported_media_type');
        const dryRun = request.query.dryRun ?? true;
        const format = formatOf(request.query.format, String(request.headers['content-type'] ?? ''), body);
        const report = await service.import(
          actorOf(request),
          new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
          format,
          dryRun,
          request.locale,
          sha256(body),
        );
        return reply.status(dryRun ? 200 : 201).send(report);
      },
    );
  });
}
