import { Type } from 'typebox';
import {
  AttachmentParams,
  AttachmentQuery,
  Clock,
  ClockParams,
  ErrorBody,
  FromAlarmBody,
  FromAlarmParams,
  IdParams,
  Incident,
  IncidentCreateBody,
  IncidentListQuery,
  IncidentPage,
  IncidentPatchBody,
  INCIDENT_ATTACHMENT_MAX_BYTES,
  Notice,
  NoticeCreateBody,
  NoticeParams,
  NoticeQueue,
  NoticeQueueQuery,
  NoticeWithdrawBody,
  Task,
  TaskCreateBody,
  TaskParams,
  TaskPatchBody,
  TimelineCreateBody,
  TimelineEntry,
  TimelineQuery,
} from '@sievert/core';
import { AppError } from '../../errors.js';
import { errors, type Http } from '../../http.js';
import { actorOf } from '../../plugins/request-context.js';
import type { IncidentService, NoticeMove } from './incident.service.js';

/** `attachment; filename="ascii"; filename*=UTF-8''utf8` (RFC 6266), safe for Vietnamese names. */
function contentDisposition(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function incidentRoutes(app: Http, incidents: IncidentService): void {
  const tags = ['incidents'];
  app.get(
    '/api/v1/incidents',
    {
      schema: {
        tags,
        summary:
          'Incidents the caller may see (officials all, a commune officer the commune’s, a facility its own, a responder those it is tasked on), newest first',
        querystring: IncidentListQuery,
        response: { 200: IncidentPage, ...errors },
      },
    },
    async (request) => incidents.list(actorOf(request), request.query),
  );
  app.post(
    '/api/v1/incidents',
    {
      schema: {
        tags,
        summary:
          'Report an incident (state `reported`); statutory clocks start; a lost or found source’s ledger records it',
        body: IncidentCreateBody,
        response: { 201: Incident, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await incidents.create(actorOf(request), request.body)),
  );
  app.post(
    '/api/v1/incidents/from-alarm/:alarmId',
    {
      schema: {
        tags,
        summary:
          'Open an incident from a monitoring alarm, pre-filled with the station, its place and commune and the latest readings; 409 when the alarm already has one',
        params: FromAlarmParams,
        body: FromAlarmBody,
        response: { 201: Incident, ...errors },
      },
      // One click sends no body: that is an empty set of overrides.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await incidents.fromAlarm(actorOf(request), request.params.alarmId, request.body)),
  );
  app.get(
    '/api/v1/incidents/:id',
    {
      schema: {
        tags,
        summary: 'One incident with its tasks, clocks, notices and links; 404 when the caller may not see it',
        params: IdParams,
        response: { 200: Incident, ...errors },
      },
    },
    async (request) => incidents.get(actorOf(request), request.params.id),
  );
  app.patch(
    '/api/v1/incidents/:id',
    {
      schema: {
        tags,
        summary:
          'Assess, move through the lifecycle (409 incident.transition_not_allowed with details.from = the current state), name the commander, edit',
        params: IdParams,
        body: IncidentPatchBody,
        response: { 200: Incident, ...errors },
      },
    },
    async (request) => incidents.update(actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/incidents/:id/tasks',
    {
      schema: {
        tags,
        summary: 'Give a task to an agency (organisation) or a person; its people are notified',
        params: IdParams,
        body: TaskCreateBody,
        response: { 201: Task, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await incidents.addTask(actorOf(request), request.params.id, request.body)),
  );
  app.patch(
    '/api/v1/incidents/:id/tasks/:taskId',
    {
      schema: {
        tags,
        summary: 'Acknowledge (status `acknowledged`), work on or finish a task; the command also reassigns',
        params: TaskParams,
        body: TaskPatchBody,
        response: { 200: Task, ...errors },
      },
    },
    async (request) =>
      incidents.updateTask(actorOf(request), request.params.id, request.params.taskId, request.body),
  );
  app.get(
    '/api/v1/incidents/:id/timeline',
    {
      schema: {
        tags,
        summary: 'The timeline, oldest first (`after`: only newer entries)',
        params: IdParams,
        querystring: TimelineQuery,
        response: { 200: Type.Array(TimelineEntry), ...errors },
      },
    },
    async (request) => incidents.timeline(actorOf(request), request.params.id, request.query.after ?? 0),
  );
  app.post(
    '/api/v1/incidents/:id/timeline',
    {
      schema: {
        tags,
        summary: 'Add a log entry, decision, measurement or message',
        params: IdParams,
        body: TimelineCreateBody,
        response: { 201: TimelineEntry, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await incidents.addTimeline(actorOf(request), request.params.id, request.body)),
  );

  // The file arrives as the raw body (any content type: the bytes decide what it is), only on this route.
  app.register(async (scope) => {
    const http = scope as unknown as Http;
    http.removeAllContentTypeParsers();
    http.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: INCIDENT_ATTACHMENT_MAX_BYTES },
      (_request, body, done) => done(null, body),
    );
    http.post(
      '/api/v1/incidents/:id/attachments',
      {
        bodyLimit: INCIDENT_ATTACHMENT_MAX_BYTES,
        schema: {
          tags,
          summary:
            'Attach a file to the timeline (raw body: PDF, PNG, JPEG, DOCX or XLSX, at most 10 MB; ?name=)',
          params: IdParams,
          querystring: AttachmentQuery,
          response: { 201: TimelineEntry, ...errors, 413: ErrorBody },
        },
      },
      async (request, reply) => {
        const body = request.body;
        if (!Buffer.isBuffer(body)) throw new AppError('request.unsupported_media_type');
        return reply
          .status(201)
          .send(await incidents.attach(actorOf(request), request.params.id, request.query.name, body));
      },
    );
  });
  app.get(
    '/api/v1/incidents/:id/attachments/:attachmentId',
    { schema: { tags, summary: 'Download an attached file', params: AttachmentParams } },
    async (request, reply) => {
      const file = await incidents.attachment(
        actorOf(request),
        request.params.id,
        request.params.attachmentId,
      );
      return reply
        .type(file.mime)
        .header('content-disposition', contentDisposition(file.name))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(file.bytes);
    },
  );
  app.post(
    '/api/v1/incidents/:id/clocks/:code/met',
    {
      schema: {
        tags,
        summary: 'Record a statutory deadline as met (now, by the caller); reminders and escalation stop',
        params: ClockParams,
        response: { 200: Clock, ...errors },
      },
    },
    async (request) => incidents.meetClock(actorOf(request), request.params.id, request.params.code),
  );
  app.post(
    '/api/v1/incidents/:id/notices',
    {
      schema: {
        tags,
        summary: 'Draft a public notice (an exercise’s carries the exercise label)',
        params: IdParams,
        body: NoticeCreateBody,
        response: { 201: Notice, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await incidents.addNotice(actorOf(request), request.params.id, request.body)),
  );
  const noticeMoves: Array<[NoticeMove, string]> = [
    ['submit', 'Send a drafted notice to the leaders for approval (incident.manage)'],
    [
      'approve',
      'Approve a notice: it is published on the public portal at once (incident.notice_approve; audited with the approver)',
    ],
  ];
  for (const [move, summary] of noticeMoves)
    app.post(
      `/api/v1/incidents/:id/notices/:noticeId/${move}`,
      { schema: { tags, summary, params: NoticeParams, response: { 200: Notice, ...errors } } },
      async (request) =>
        incidents.moveNotice(actorOf(request), request.params.id, request.params.noticeId, move),
    );
  app.post(
    '/api/v1/incidents/:id/notices/:noticeId/withdraw',
    {
      schema: {
        tags,
        summary:
          'Withdraw a notice (a draft dropped, or a published one taken down from the portal) with a reason (incident.notice_approve; audited)',
        params: NoticeParams,
        body: NoticeWithdrawBody,
        response: { 200: Notice, ...errors },
      },
    },
    async (request) =>
      incidents.moveNotice(
        actorOf(request),
        request.params.id,
        request.params.noticeId,
        'withdraw',
        request.body.reason,
      ),
  );
  app.get(
    '/api/v1/publication/notices',
    {
      schema: {
        tags: ['public'],
        summary:
          'The publication queue: incident notices of every state (draft, submitted, approved = public, withdrawn), newest first (incident.manage or incident.notice_approve)',
        querystring: NoticeQueueQuery,
        response: { 200: NoticeQueue, ...errors },
      },
    },
    async (request) => ({ notices: await incidents.noticeQueue(actorOf(request), request.query.state) }),
  );
}
