import { Type } from 'typebox';
import { ErrorBody, IMPORT_KINDS, templateHeaders, writeXlsx } from '@sievert/core';
import { AppError } from '../../errors.js';
import { errors, type Http } from '../../http.js';
import { actorOf } from '../../plugins/request-context.js';
import { EXPORT_KINDS, type ExportService } from './export.service.js';
import { readTable, sha256, type ImportService } from './import.service.js';

const SPREADSHEET_TYPES = [
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
  'text/csv',
];
export const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;

const ImportReport = Type.Object({
  kind: Type.String(),
  dryRun: Type.Boolean(),
  rows: Type.Integer(),
  valid: Type.Integer(),
  created: Type.Integer(),
  issues: Type.Array(
    Type.Object({
      row: Type.Integer(),
      column: Type.Union([Type.String(), Type.Null()]),
      field: Type.String(),
      reason: Type.String(),
      message: Type.String(),
    }),
  ),
});

export function registryIoRoutes(app: Http, imports: ImportService, exports: ExportService): void {
  const tags = ['registry'];
  // Spreadsheets arrive as raw bodies, only on these routes.
  app.register(async (scope) => {
    const http = scope as unknown as Http;
    http.addContentTypeParser(
      SPREADSHEET_TYPES,
      { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    http.post(
      '/api/v1/registry/import/:kind',
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          tags,
          summary:
            'Import an XLSX or CSV sheet; dryRun=true (default) lists the problems by row and column and writes nothing',
          params: Type.Object({ kind: Type.Enum(IMPORT_KINDS) }, { additionalProperties: false }),
          querystring: Type.Object(
            { dryRun: Type.Optional(Type.Boolean({ default: true })) },
            { additionalProperties: false },
          ),
          response: { 200: ImportReport, 201: ImportReport, ...errors, 413: ErrorBody, 415: ErrorBody },
        },
      },
      async (request, reply) => {
        const body = request.body;
        if (!Buffer.isBuffer(body)) throw new AppError('request.unsupported_media_type');
        const kind = request.params.kind;
        const dryRun = request.query.dryRun ?? true;
        const table = readTable(body, String(request.headers['content-type'] ?? ''));
        const report = await imports.run(actorOf(request), kind, table, dryRun, request.locale, sha256(body));
        return reply.status(dryRun ? 200 : 201).send(report);
      },
    );
  });

  app.get(
    '/api/v1/registry/import/:kind/template.xlsx',
    {
      schema: {
        tags,
        summary: 'A blank sheet with the expected headers',
        params: Type.Object({ kind: Type.Enum(IMPORT_KINDS) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      actorOf(request);
      const kind = request.params.kind;
      const body = Buffer.from(writeXlsx([{ name: kind, rows: [templateHeaders(kind)], header: true }]));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="sievert-${kind}-mau.xlsx"`)
        .send(body);
    },
  );

  app.get(
    '/api/v1/registry/export/:kind',
    {
      schema: {
        tags,
        summary: 'Download a list as XLSX or CSV, with the same filters as the list',
        params: Type.Object({ kind: Type.Enum(EXPORT_KINDS) }, { additionalProperties: false }),
        querystring: Type.Object(
          {
            format: Type.Optional(Type.Union([Type.Literal('xlsx'), Type.Literal('csv')])),
            facilityId: Type.Optional(Type.Integer({ minimum: 1 })),
            communeCode: Type.Optional(Type.String({ pattern: '^[0-9]{5}$' })),
            kind: Type.Optional(Type.String({ maxLength: 40 })),
            type: Type.Optional(Type.String({ maxLength: 40 })),
            status: Type.Optional(Type.String({ maxLength: 40 })),
            nuclide: Type.Optional(Type.String({ maxLength: 20 })),
            category: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
            qaOverdue: Type.Optional(Type.Boolean()),
            unlicensed: Type.Optional(Type.Boolean()),
            reminder: Type.Optional(
              Type.Union([Type.Literal('due_90'), Type.Literal('due_30'), Type.Literal('expired')]),
            ),
            q: Type.Optional(Type.String({ maxLength: 100 })),
            sort: Type.Optional(Type.String({ pattern: '^-?[a-zA-Z]{1,40}$' })),
            procedure: Type.Optional(Type.String({ maxLength: 40 })),
            year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { format = 'xlsx', ...filters } = request.query;
      const file = await exports.file(actorOf(request), request.params.kind, filters, format, request.locale);
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.body);
    },
  );
}
