import { Type } from 'typebox';
import {
  AcknowledgeAlarmBody,
  Alarm,
  AlarmListQuery,
  AlarmPage,
  CloseAlarmBody,
  IdParams,
  IsoDateTime,
} from '@sievert/core';
import { errors, type Http } from '../../http.js';
import { actorOf } from '../../plugins/request-context.js';
import type { AlarmService } from './alarm.service.js';

const AlarmEvent = Type.Object({
  at: IsoDateTime,
  action: Type.String(),
  severity: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
  by: Type.Union([Type.String(), Type.Null()]),
});

export function alarmRoutes(app: Http, alarms: AlarmService): void {
  const tags = ['monitoring'];
  app.get(
    '/api/v1/alarms',
    {
      schema: {
        tags,
        summary: 'Monitoring alarms: open first, most severe first (state=open|acknowledged|closed|…)',
        querystring: AlarmListQuery,
        response: { 200: AlarmPage, ...errors },
      },
    },
    async (request) => alarms.list(actorOf(request), request.query),
  );
  app.get(
    '/api/v1/alarms/:id',
    { schema: { tags, params: IdParams, response: { 200: Alarm, ...errors } } },
    async (request) => alarms.get(actorOf(request), request.params.id),
  );
  app.get(
    '/api/v1/alarms/:id/history',
    {
      schema: {
        tags,
        summary: 'Every step of an alarm: raised, escalated, acknowledged, closed — who and when',
        params: IdParams,
        response: { 200: Type.Array(AlarmEvent), ...errors },
      },
    },
    async (request) => alarms.history(actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/alarms/:id/acknowledge',
    {
      schema: {
        tags,
        summary: 'Acknowledge an alarm (raised → acknowledged)',
        params: IdParams,
        body: AcknowledgeAlarmBody,
        response: { 200: Alarm, ...errors },
      },
    },
    async (request) => alarms.act(actorOf(request), request.params.id, 'acknowledge', request.body.note),
  );
  app.post(
    '/api/v1/alarms/:id/close',
    {
      schema: {
        tags,
        summary: 'Close an alarm as resolved or as a false alarm',
        params: IdParams,
        body: CloseAlarmBody,
        response: { 200: Alarm, ...errors },
      },
    },
    async (request) =>
      alarms.act(
        actorOf(request),
        request.params.id,
        request.body.outcome === 'resolved' ? 'resolve' : 'false_alarm',
        request.body.note,
      ),
  );
  app.post(
    '/api/v1/alarms/:id/reopen',
    {
      schema: {
        tags,
        summary: 'Reopen a closed alarm (→ acknowledged)',
        params: IdParams,
        body: AcknowledgeAlarmBody,
        response: { 200: Alarm, ...errors },
      },
    },
    async (request) => alarms.act(actorOf(request), request.params.id, 'reopen', request.body.note),
  );
}
