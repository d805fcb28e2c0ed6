import {
  ConcentrationBody,
  ConcentrationResult,
  CordonBody,
  CordonResult,
  IdParams,
  Run,
  RunBody,
  RunExportQuery,
  RunListQuery,
  RunPage,
  WeatherQuery,
  WeatherResponse,
} from '@sievert/core';
import { errors, type Http } from '../../http.js';
import { actorOf } from '../../plugins/request-context.js';
import type { EmergencyService } from './emergency.service.js';

/**
 * The point calculators are pure computations on what the caller sends (no registry data, nothing stored), so
 * they answer without signing in: responders' tools and other systems can use them.
 */
export function emergencyRoutes(app: Http, emergency: EmergencyService): void {
  const tags = ['emergency'];
  app.post(
    '/api/v1/emergency/concentration',
    {
      schema: {
        tags,
        summary:
          'Steady Gaussian plume with ground reflection: concentration at a receptor (release unit per m³), σy and σz. Plume rise is not applied (heightM is the effective height); upwind gives 0',
        body: ConcentrationBody,
        response: { 200: ConcentrationResult, ...errors },
      },
    },
    async (request) => emergency.concentration(request.body),
  );
  app.post(
    '/api/v1/emergency/cordon',
    {
      schema: {
        tags,
        summary:
          'Cordon around a lost or unshielded point source: H*(10) rate at 1 m (µSv/h) and the distance where it falls to 100 µSv/h, with optional lead/steel/concrete shielding and the IAEA default radius',
        body: CordonBody,
        response: { 200: CordonResult, ...errors },
      },
    },
    async (request) => emergency.cordon(request.body),
  );
  app.post(
    '/api/v1/emergency/runs',
    {
      schema: {
        tags,
        summary:
          'A dispersion run for the record: plume per nuclide on a 20 km grid, projected doses, GSR Part 7 zones with the communes inside; inputs and outputs stored',
        body: RunBody,
        response: { 201: Run, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await emergency.createRun(actorOf(request), request.body)),
  );
  app.get(
    '/api/v1/emergency/runs',
    {
      schema: {
        tags,
        summary:
          'Stored dispersion runs, newest first; q matches the title, incidentId the incident (emergency.read)',
        querystring: RunListQuery,
        response: { 200: RunPage, ...errors },
      },
    },
    async (request) => emergency.listRuns(actorOf(request), request.query),
  );
  app.get(
    '/api/v1/emergency/runs/:id',
    { schema: { tags, params: IdParams, response: { 200: Run, ...errors } } },
    async (request) => emergency.getRun(actorOf(request), request.params.id),
  );
  app.get(
    '/api/v1/emergency/runs/:id/export',
    {
      schema: {
        tags,
        summary:
          'A stored run as a file: GeoJSON or KML (release point, zones, plume arrival areas) or the Vietnamese summary as a Word document (emergency.read)',
        params: IdParams,
        querystring: RunExportQuery,
      },
    },
    async (request, reply) => {
      const file = await emergency.exportRun(actorOf(request), request.params.id, request.query.format);
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.body);
    },
  );
  app.get(
    '/api/v1/emergency/weather',
    {
      schema: {
        tags,
        summary:
          'The latest wind, rain intensity and temperature at the (at most five) monitoring stations nearest to a point, nearest first (emergency.read)',
        querystring: WeatherQuery,
        response: { 200: WeatherResponse, ...errors },
      },
    },
    async (request) => emergency.weather(actorOf(request), request.query),
  );
}
