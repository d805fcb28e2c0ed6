import { Type } from 'typebox';
import { CommuneList, Province } from '@sievert/core';
import type { Http } from '../../http.js';
import type { GeoService } from './geo.service.js';

/** Public: boundaries and names of communes are published facts. */
export function geoRoutes(app: Http, geo: GeoService): void {
  const tags = ['geo'];
  app.get(
    '/api/v1/geo/province',
    {
      schema: { tags, summary: 'The province: names, area, population, bounds', response: { 200: Province } },
    },
    async () => geo.province(),
  );
  app.get(
    '/api/v1/geo/communes',
    { schema: { tags, summary: 'Communes and wards (no geometry)', response: { 200: CommuneList } } },
    async (_request, reply) => {
      void reply.header('cache-control', 'public, max-age=300');
      return geo.communes();
    },
  );
  app.get(
    '/api/v1/geo/communes.geojson',
    {
      schema: {
        tags,
        summary: 'Communes and wards as a GeoJSON FeatureCollection (WGS 84)',
        response: { 200: Type.Unknown(), 304: Type.Null() },
      },
    },
    async (request, reply) => {
      const { body, etag } = await geo.communesGeoJson();
      void reply.header('etag', etag).header('cache-control', 'public, max-age=300, must-revalidate');
      if (request.headers['if-none-match'] === etag) return reply.status(304).send(null);
      return reply
        .type('application/geo+json; charset=utf-8')
        .serializer((x: unknown) => x as string)
        .send(body);
    },
  );
}
