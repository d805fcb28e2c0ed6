import { Type } from 'typebox';
import {
  AcknowledgeAlarmBody,
  Alarm,
  AlarmListQuery,
  AlarmPage,
  CloseAlarmBody,
  IdParams,
  IsoDateTime,
  StationCodeParams,
} from '@sievert/core';
import { errors, type Http } from '../../http.js';
import { actorOf } from '../../plugins/request-context.js';
import type { AlarmService } from './alarm.service.js';
import type { AlarmRulesService } from './alarm-rules.service.js';

const AlarmEvent = Type.Object({
  at: IsoDateTime,
  action: Type.String(),
  severity: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
  by: Type.Union([Type.String(), Type.Null()]),
});

const RuleSetBody = Type.Unknown({
  description: 'A complete alarm rule set, in the shape of GET /api/v1/alarm-rules → network',
});

export function alarmRoutes(app: Http, alarms: AlarmService, rules: AlarmRulesService): void {
  const tags = ['monitoring'];
  app.get(
    '/api/v1/alarm-rules',
    {
      schema: {
        tags,
        summary:
          'The alarm rules in force for the network, the defaults with the source of every number, and stations with their own rules',
        response: { 200: Type.Unknown(), ...errors },
      },
    },
    async (request) => rules.get(actorOf(request)),
  );
  app.put(
    '/api/v1/alarm-rules',
    {
      schema: {
        tags,
        summary: 'Replace the network’s alarm rules (checked: each problem names its field); audited',
        body: RuleSetBody,
        response: { 200: Type.Unknown(), ...errors },
      },
    },
    async (request) => rules.set(actorOf(request), request.body),
  );
  app.delete(
    '/api/v1/alarm-rules',
    { schema: { tags, summary: 'Back to the default rules', response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await rules.reset(actorOf(request));
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/v1/stations/:code/alarm-rules',
    {
      schema: {
        tags,
        summary: 'The rules a station is judged by (its own, or the network’s)',
        params: StationCodeParams,
        response: { 200: Type.Unknown(), ...errors },
      },
    },
    async (request) => rules.getStation(actorOf(request), request.params.code),
  );
  app.put(
    '/api/v1/stations/:code/alarm-rules',
    {
      schema: {
        tags,
        summary: 'Give a station rules of its own (e.g. a higher ladder at a high-background site); audited',
        params: StationCodeParams,
        body: RuleSetBody,
        response: { 200: Type.Unknown(), ...errors },
      },
    },
    async (request) => rules.set(actorOf(request), request.body, request.params.code),
  );
  app.delete(
    '/api/v1/stations/:code/alarm-rules',
    {
      schema: {
        tags,
        summary: 'The station follows the network’s rules again',
        params: StationCodeParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await rules.reset(actorOf(request), request.params.code);
      return reply.status(204).send(null);
    },
  );
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
