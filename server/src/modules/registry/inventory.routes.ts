import { Type } from 'typebox';
import { PutUnsealedBody, UnsealedListQuery, UnsealedRecord } from '@sievert/core';
import type { UnsealedService } from './unsealed.service.js';
import {
  ConfirmInventoryBody,
  CreateInventoryCampaignBody,
  FacilityInventory,
  Id,
  InventoryCampaign,
  InventoryCampaignSummary,
  InventoryFinding,
  InventoryFindingQuery,
  ResolveInventoryFindingBody,
  YearFacilityParams,
  YearParams,
} from '@sievert/core';
import { errors, type Http } from '../../http.js';
import { actorOf } from '../../plugins/request-context.js';
import type { InventoryService } from './inventory.service.js';

export function inventoryRoutes(app: Http, service: InventoryService): void {
  const tags = ['registry'];
  app.post(
    '/api/v1/inventory',
    {
      schema: {
        tags,
        summary: 'Open the yearly source inventory reconciliation',
        body: CreateInventoryCampaignBody,
        response: { 201: InventoryCampaign, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.open(actorOf(request), request.body.year, request.body.dueOn)),
  );
  app.get(
    '/api/v1/inventory',
    {
      schema: {
        tags,
        summary: "Every year's inventory with its progress, newest first",
        response: { 200: Type.Array(InventoryCampaignSummary), ...errors },
      },
    },
    async (request) => service.campaigns(actorOf(request)),
  );
  app.get(
    '/api/v1/inventory/:year/findings',
    {
      schema: {
        tags,
        summary: "The year's differences (findings) within my scope",
        params: YearParams,
        querystring: InventoryFindingQuery,
        response: { 200: Type.Array(InventoryFinding), ...errors },
      },
    },
    async (request) => service.findings(actorOf(request), request.params.year, request.query),
  );
  app.post(
    '/api/v1/inventory/:year/findings/:id/resolve',
    {
      schema: {
        tags,
        summary: 'Resolve a difference, saying what was done',
        params: Type.Object(
          { year: Type.Integer({ minimum: 2000, maximum: 2100 }), id: Id },
          { additionalProperties: false },
        ),
        body: ResolveInventoryFindingBody,
        response: { 200: InventoryFinding, ...errors },
      },
    },
    async (request) =>
      service.resolve(actorOf(request), request.params.year, request.params.id, request.body.resolution),
  );
  app.post(
    '/api/v1/inventory/:year/close',
    {
      schema: {
        tags,
        summary: "Close the year's inventory (no more confirmations)",
        params: YearParams,
        response: { 200: InventoryCampaign, ...errors },
      },
    },
    async (request) => service.close(actorOf(request), request.params.year),
  );
  app.get(
    '/api/v1/inventory/:year',
    {
      schema: {
        tags,
        summary: 'Which facilities have confirmed, with their discrepancies',
        params: YearParams,
        response: { 200: InventoryCampaign, ...errors },
      },
    },
    async (request) => service.campaign(actorOf(request), request.params.year),
  );
  app.get(
    '/api/v1/inventory/:year/facilities/:facilityId',
    {
      schema: {
        tags,
        summary: "A facility's expected list and its confirmation",
        params: YearFacilityParams,
        response: { 200: FacilityInventory, ...errors },
      },
    },
    async (request) => service.facility(actorOf(request), request.params.year, request.params.facilityId),
  );
  app.post(
    '/api/v1/inventory/:year/facilities/:facilityId/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm the list, source by source, and add what the registry lacks',
        params: YearFacilityParams,
        body: ConfirmInventoryBody,
        response: { 200: FacilityInventory, ...errors },
      },
    },
    async (request) =>
      service.confirm(actorOf(request), request.params.year, request.params.facilityId, request.body),
  );
}

export function unsealedRoutes(app: Http, service: UnsealedService): void {
  const tags = ['registry'];
  app.get(
    '/api/v1/unsealed',
    {
      schema: {
        tags,
        summary: 'Monthly quantities of unsealed nuclides received and used',
        querystring: UnsealedListQuery,
        response: { 200: Type.Array(UnsealedRecord), ...errors },
      },
    },
    async (request) => service.list(actorOf(request), request.query),
  );
  app.put(
    '/api/v1/unsealed',
    {
      schema: {
        tags,
        summary: "Report (or correct) a month's quantities for one nuclide",
        body: PutUnsealedBody,
        response: { 200: UnsealedRecord, ...errors },
      },
    },
    async (request) => service.put(actorOf(request), request.body),
  );
}
