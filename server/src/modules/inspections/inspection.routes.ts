import { Type } from 'typebox';
import {
  CreateFindingBody,
  CreateInspectionBody,
  Finding,
  IdParams,
  Inspection,
  InspectionListQuery,
  InspectionPage,
  UpdateFindingBody,
  UpdateInspectionBody,
} from '@sievert/core';
import type { Db } from '../../db/database.js';
import { errors, type Http } from '../../http.js';
import { actorOf } from '../../plugins/request-context.js';
import type { GeoService } from '../geo/geo.service.js';
import { inspectionRecordDocx, inspectionRecordHtml } from './inspection-record.js';
import type { InspectionService } from './inspection.service.js';

const FindingParams = Type.Object(
  { id: Type.Integer({ minimum: 1 }), findingId: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

export function inspectionRoutes(app: Http, service: InspectionService, geo: GeoService, db: Db): void {
  const tags = ['inspections'];
  app.get(
    '/api/v1/inspections',
    {
      schema: {
        tags,
        summary: 'Inspections (yearly plan and results) in my scope',
        querystring: InspectionListQuery,
        response: { 200: InspectionPage, ...errors },
      },
    },
    async (request) => service.list(actorOf(request), request.query),
  );
  app.post(
    '/api/v1/inspections',
    {
      schema: {
        tags,
        summary: 'Plan an inspection',
        body: CreateInspectionBody,
        response: { 201: Inspection, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(actorOf(request), request.body)),
  );
  app.get(
    '/api/v1/inspections/:id',
    { schema: { tags, params: IdParams, response: { 200: Inspection, ...errors } } },
    async (request) => service.get(actorOf(request), request.params.id),
  );
  app.patch(
    '/api/v1/inspections/:id',
    {
      schema: {
        tags,
        summary: 'Record the visit: status, date, team, checklist, summary',
        params: IdParams,
        body: UpdateInspectionBody,
        response: { 200: Inspection, ...errors },
      },
    },
    async (request) => service.update(actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/inspections/:id/findings',
    {
      schema: {
        tags,
        summary: 'Add a finding with its corrective action and due date',
        params: IdParams,
        body: CreateFindingBody,
        response: { 201: Finding, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.addFinding(actorOf(request), request.params.id, request.body)),
  );
  app.patch(
    '/api/v1/inspections/:id/findings/:findingId',
    {
      schema: {
        tags,
        summary: 'Report (facility) or verify (inspector) a correction',
        params: FindingParams,
        body: UpdateFindingBody,
        response: { 200: Finding, ...errors },
      },
    },
    async (request) =>
      service.updateFinding(actorOf(request), request.params.id, request.params.findingId, request.body),
  );
  app.post(
    '/api/v1/inspections/:id/close',
    {
      schema: {
        tags,
        summary: 'Close once every finding is verified',
        params: IdParams,
        response: { 200: Inspection, ...errors },
      },
    },
    async (request) => service.close(actorOf(request), request.params.id),
  );
  app.get(
    '/api/v1/inspections/:id/record',
    {
      schema: {
        tags,
        summary:
          'The inspection record: a Word document (format=docx) or printable HTML (format=html, the default)',
        params: IdParams,
        querystring: Type.Object(
          { format: Type.Optional(Type.Union([Type.Literal('html'), Type.Literal('docx')])) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const inspection = await service.get(actorOf(request), request.params.id);
      const province = await geo.provinceSummary();
      const teamIds = [
        ...new Set([
          ...(inspection.leadInspectorId ? [inspection.leadInspectorId] : []),
          ...inspection.teamUserIds,
        ]),
      ];
      const team = teamIds.length
        ? (
            await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', teamIds).execute()
          ).map((u) => u.display_name)
        : [];
      const context = { provinceName: province.name, authority: 'Sở Khoa học và Công nghệ', team };
      if (request.query.format === 'docx')
        return reply
          .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
          .header('content-disposition', `attachment; filename="bien-ban-kiem-tra-${inspection.id}.docx"`)
          .send(Buffer.from(inspectionRecordDocx(inspection, context)));
      return reply
        .type('text/html; charset=utf-8')
        .header('content-disposition', `inline; filename="bien-ban-kiem-tra-${inspection.id}.html"`)
        .send(inspectionRecordHtml(inspection, context));
    },
  );
}
