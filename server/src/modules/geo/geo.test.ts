import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../config.js';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.js';
import { loadProvinceData, ProvinceDataError } from './province-loader.js';

describeEachDatabase('geography', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(dialect);
  });
  afterAll(async () => app.close());

  it('lists the 104 communes and wards with official codes (NQ 1666/NQ-UBTVQH15: 93 xã, 11 phường)', async () => {
    const res = await app.app.inject({ url: '/api/v1/geo/communes' });
    expect(res.statusCode).toBe(200);
    const communes = res.json<Array<{ code: string; type: string; fullName: string; areaKm2: number }>>();
    expect(communes).toHaveLength(104);
    expect(communes.filter((c) => c.type === 'phuong')).toHaveLength(11);
    expect(communes.filter((c) => c.type === 'xa')).toHaveLength(93);
    expect(communes.find((c) => c.code === '11953')).toMatchObject({
      fullName: 'Phường Phố Hiến',
      areaKm2: 21.5,
    });
    // The commune areas sum to the merger resolution's 2,514.81 km² (shared/data/geo/SOURCES.md).
    expect(Math.round(communes.reduce((s, c) => s + c.areaKm2, 0) * 100) / 100).toBeCloseTo(2514.81, 1);
  });

  it('finds the commune that holds a point: each commune’s label point, none at sea', async () => {
    const communes = await app.services.geo.communes();
    let found = 0;
    for (const c of communes)
      if ((await app.services.geo.communeAt(c.labelLat, c.labelLon)) === c.code) found++;
    // Label points lie inside their commune (shared/data/geo/SOURCES.md): all but a handful of concave shapes.
    expect(found).toBeGreaterThanOrEqual(100);
    expect(await app.services.geo.communeAt(20.3, 107.2)).toBeNull();
  });

  it('serves the GeoJSON with an ETag, compressed when asked', async () => {
    const res = await app.app.inject({ url: '/api/v1/geo/communes.geojson' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/geo+json');
    const fc = res.json<{
      type: string;
      features: Array<{ properties: { code: string }; geometry: { type: string } }>;
    }>();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(104);
    expect(new Set(fc.features.map((f) => f.geometry.type))).toEqual(new Set(['MultiPolygon']));
    const again = await app.app.inject({
      url: '/api/v1/geo/communes.geojson',
      headers: { 'if-none-match': res.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
    const gz = await app.app.inject({
      url: '/api/v1/geo/communes.geojson',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.rawPayload.length).toBeLessThan(res.rawPayload.length / 2);
  });

  it('gives the province facts (NQ 202/2025/QH15 figures in province-facts.json)', async () => {
    const res = await app.app.inject({ url: '/api/v1/geo/province' });
    expect(res.json()).toMatchObject({
      code: '33',
      communeCount: 104,
      wardCount: 11,
      areaKm2: 2514.81,
      population: 3567943,
    });
  });

  it('loads the province once and again only when its files change', async () => {
    const loads = await app.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'province')
      .execute();
    expect(loads.map((l) => l.action)).toEqual(['province.load']);
  });
});

describe('province loader', () => {
  it('refuses a folder without a manifest or with broken communes', () => {
    expect(() => loadProvinceData('/nonexistent')).toThrow(ProvinceDataError);
  });
});

describe('the code names no province', () => {
  it('has no province name in server, core or web source (a province is data)', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (name === 'node_modules' || name === 'dist') continue;
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.test.ts')) {
          if (/H[ưu]ng Y[êe]n|Thái Bình|Thai Binh/i.test(readFileSync(full, 'utf8')))
            offenders.push(path.relative(REPO_ROOT, full));
        }
      }
    };
    for (const dir of ['core/src', 'server/src', 'web/src']) walk(path.join(REPO_ROOT, dir));
    expect(offenders).toEqual([]);
  });
});
