import { Type } from 'typebox';
import {
  CreateDeviceBody,
  CreateQaTestBody,
  Device,
  DeviceListQuery,
  DevicePage,
  IdParams,
  QaTest,
  UpdateDeviceBody,
} from '@sievert/core';
import { errors, type Http } from '../../http.js';
import { actorOf } from '../../plugins/request-context.js';
import type { DeviceService } from './device.service.js';

export function deviceRoutes(app: Http, service: DeviceService): void {
  const tags = ['registry'];
  app.get(
    '/api/v1/devices',
    {
      schema: {
        tags,
        summary: 'Radiation devices in my scope, with QA status',
        querystring: DeviceListQuery,
        response: { 200: DevicePage, ...errors },
      },
    },
    async (request) => service.list(actorOf(request), request.query),
  );
  app.get(
    '/api/v1/devices/:id',
    { schema: { tags, params: IdParams, response: { 200: Device, ...errors } } },
    async (request) => service.get(actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/devices',
    {
      schema: {
        tags,
        summary: 'Declare a device',
        body: CreateDeviceBody,
        response: { 201: Device, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(actorOf(request), request.body)),
  );
  app.patch(
    '/api/v1/devices/:id',
    { schema: { tags, params: IdParams, body: UpdateDeviceBody, response: { 200: Device, ...errors } } },
    async (request) => service.update(actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/v1/devices/:id/qa-tests',
    {
      schema: {
        tags,
        summary: 'QA tests (kiểm định), newest first',
        params: IdParams,
        response: { 200: Type.Array(QaTest), ...errors },
      },
    },
    async (request) => service.qaTests(actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/devices/:id/qa-tests',
    {
      schema: {
        tags,
        summary: 'Record a QA test with its certificate and next due date',
        params: IdParams,
        body: CreateQaTestBody,
        response: { 201: QaTest, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.recordQa(actorOf(request), request.params.id, request.body)),
  );
}
