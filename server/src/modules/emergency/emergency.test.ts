/**
 * The emergency calculators through the HTTP API (the contract outside checks rely on). Expected numbers:
 * - σ at 1 km, class D, from the ISC3 coefficients of EPA-454/B-95-003b (ISC3 User's Guide Vol. II) Tables 1-1
 *   (σy: c = 8.3330, d = 0.72382) and 1-2 (σz: a = 32.093, b = 0.81066 for 0.3 < x ≤ 1 km);
 * - the ground-level centreline concentration of a ground release, C = Q/(π σy σz u) (Turner 1970, eq. 5.5);
 * - the cordon: Γ H*(10) of Cs-137 = 0.0926 µSv·m²/(MBq·h) (shared/reference/physics.md §5.6), inverse square, the
 *   IAEA 100 µSv/h inner-cordon criterion and 30 m default radius (EPR-First Responders 2006, Table 1), lead TVL
 *   2.16 cm for Cs-137 (NCRP 49 via USAF T.O. 33B-1-1 Table 6-28).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.js';

describeEachDatabase('emergency calculators', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(dialect);
  });
  afterAll(async () => app.close());

  const post = (url: string, payload: object) => app.app.inject({ method: 'POST', url, payload });
  const plume = (over: Record<string, unknown> = {}, receptor: Record<string, number> = {}) => ({
    releaseRate: 1e9,
    heightM: 0,
    windSpeedMS: 5,
    stability: 'D',
    receptor: { x: 1000, y: 0, z: 0, ...receptor },
    ...over,
  });

  it('gives the steady-plume concentration with the ISC3 σ at a receptor, without signing in', async () => {
    const res = await post('/api/v1/emergency/concentration', plume());
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const sy = 465.11628 * 1 * Math.tan(0.017453293 * 8.333);
    const sz = 32.093;
    expect(body.sigmaY).toBeCloseTo(sy, 3);
    expect(body.sigmaZ).toBeCloseTo(sz, 3);
    expect(body.sigma).toBe('pg-isc3');
    expect(body.concentration / (1e9 / (Math.PI * sy * sz * 5))).toBeCloseTo(1, 6);

    // Crosswind: the Gaussian falls off as exp(−y²/2σy²).
    const off = (await post('/api/v1/emergency/concentration', plume({}, { y: 100 }))).json();
    expect(off.concentration / body.concentration).toBeCloseTo(Math.exp(-(100 ** 2) / (2 * sy ** 2)), 6);
    // Upwind and at the source: nothing.
    const upwind = (await post('/api/v1/emergency/concentration', plume({}, { x: -50 }))).json();
    expect(upwind).toMatchObject({ concentration: 0, sigmaY: 0, sigmaZ: 0 });
    // Another σ set is named in the answer.
    const urban = (await post('/api/v1/emergency/concentration', plume({ sigma: 'briggs-urban' }))).json();
    expect(urban.sigma).toBe('briggs-urban');
    expect(urban.sigmaY).not.toBeCloseTo(sy, 1);
    // Under a low lid far downwind the plume is well mixed: C = Q/(√(2π) σy u L).
    const mixed = (
      await post(
        '/api/v1/emergency/concentration',
        plume({ mixingHeightM: 200, stability: 'B' }, { x: 5000 }),
      )
    ).json();
    expect(mixed.regime).toBe('well_mixed');
    expect(mixed.concentration / (1e9 / (Math.sqrt(2 * Math.PI) * mixed.sigmaY * 5 * 200))).toBeCloseTo(1, 6);
  });

  it('refuses out-of-range input naming the field', async () => {
    for (const [body, field] of [
      [plume({ windSpeedMS: -2 }), '/windSpeedMS'],
      [plume({ windSpeedMS: 0 }), '/windSpeedMS'],
      [plume({ stability: 'G' }), '/stability'],
      [plume({ sigma: 'gaussian-magic' }), '/sigma'],
      [plume({}, { z: -1 }), '/receptor/z'],
      [plume({ releaseRate: 'lots' }), '/releaseRate'],
      [plume({ heightM: 300, mixingHeightM: 200 }), '/heightM'],
    ] as const) {
      const res = await post('/api/v1/emergency/concentration', body);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.details.issues[0].field, field).toBe(field);
    }
  });

  it('draws the cordon of a lost Cs-137 source, with and without lead, and warns above the default radius', async () => {
    const res = await post('/api/v1/emergency/cordon', { nuclide: 'Cs-137', activityBq: 1e12 });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.doseRateAt1mUSvPerH).toBeCloseTo(0.0926 * 1e6, 6);
    expect(body.radiusM).toBeCloseTo(Math.sqrt((0.0926 * 1e6) / 100), 6);
    expect(body).toMatchObject({ criterionUSvPerH: 100, defaultRadiusM: 30, exceedsDefault: true });
    expect(body.warnings.map((w: { code: string }) => w.code)).toContain('cordon.exceeds_default');

    const shielded = (
      await post('/api/v1/emergency/cordon', {
        nuclide: 'Cs-137',
        activityBq: 1e12,
        shielding: { material: 'lead', thicknessCm: 5 },
      })
    ).json();
    const transmission = 10 ** (-5 / 2.16);
    expect(shielded.doseRateAt1mUSvPerH).toBeCloseTo(0.0926 * 1e6 * transmission, 4);
    expect(shielded.radiusM).toBeCloseTo(Math.sqrt((0.0926 * 1e6 * transmission) / 100), 4);
    expect(shielded.exceedsDefault).toBe(false);
  });

  it('refuses an unknown nuclide, a negative activity or thickness, and an unknown material, naming the field', async () => {
    for (const [body, field] of [
      [{ nuclide: 'Xx-999', activityBq: 1e9 }, '/nuclide'],
      [{ nuclide: 'Cs-137', activityBq: -5 }, '/activityBq'],
      [
        { nuclide: 'Cs-137', activityBq: 1e9, shielding: { material: 'lead', thicknessCm: -1 } },
        '/shielding/thicknessCm',
      ],
      [
        { nuclide: 'Cs-137', activityBq: 1e9, shielding: { material: 'cheese', thicknessCm: 1 } },
        '/shielding/material',
      ],
    ] as const) {
      const res = await post('/api/v1/emergency/cordon', body);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.details.issues[0].field, field).toBe(field);
    }
  });

  it('stores a dispersion run with its zones and the communes inside, for officials; others may read it', async () => {
    const responder = await app.login('demo.responder');
    const body = {
      title: 'Diễn tập: cháy kho nguồn Cs-137',
      release: {
        lat: 20.66344,
        lon: 106.06828,
        heightM: 10,
        durationS: 3600,
        nuclides: [
          { nuclide: 'Cs-137', activityBq: 1e15 },
          { nuclide: 'I-131', activityBq: 1e15 },
        ],
      },
      weather: { windSpeedMS: 3, windFromDeg: 0, stability: 'D' },
    };
    const res = await responder.request('POST', '/api/v1/emergency/runs', body);
    expect(res.statusCode, res.body).toBe(201);
    const run = res.json();
    expect(run).toMatchObject({ sigma: 'pg-isc3', downwindBearingDeg: 180, inputs: body });
    const codes = run.zones.map((z: { code: string }) => z.code);
    expect(codes).toContain('GSR7-URGENT-E'); // 100 mSv in 7 days: sheltering or evacuation
    expect(codes).toContain('GSR7-ITB'); // 50 mSv thyroid: iodine thyroid blocking
    // The wind blows from the north: every zone lies south of the release.
    for (const zone of run.zones)
      for (const polygon of zone.coordinates)
        for (const [, lat] of polygon[0]) expect(lat).toBeLessThan(body.release.lat + 1e-3);
    // The thyroid zone (larger) holds at least the zone of urgent actions.
    const itb = run.zones.find((z: { code: string }) => z.code === 'GSR7-ITB');
    const urgent = run.zones.find((z: { code: string }) => z.code === 'GSR7-URGENT-E');
    expect(itb.areaKm2).toBeGreaterThan(urgent.areaKm2);

    const commune = await app.login('demo.commune');
    const again = await commune.request('GET', `/api/v1/emergency/runs/${run.id}`);
    expect(again.json()).toEqual(run);
    expect((await commune.request('POST', '/api/v1/emergency/runs', body)).statusCode).toBe(403);
    const facility = await app.login('demo.facility');
    expect((await facility.request('GET', `/api/v1/emergency/runs/${run.id}`)).statusCode).toBe(403);

    for (const [bad, field] of [
      [
        { ...body, release: { ...body.release, nuclides: [{ nuclide: 'Zz-1', activityBq: 1 }] } },
        '/release/nuclides/0/nuclide',
      ],
      [{ ...body, weather: { ...body.weather, windSpeedMS: -1 } }, '/weather/windSpeedMS'],
      [{ ...body, weather: { ...body.weather, windSpeedMS: 1e-9 } }, '/weather/windSpeedMS'],
      [{ ...body, weather: { ...body.weather, mixingHeightM: 5 } }, '/release/heightM'],
      [{ ...body, weather: { ...body.weather, stability: 'Q' } }, '/weather/stability'],
    ] as const) {
      const refused = await responder.request('POST', '/api/v1/emergency/runs', bad);
      expect(refused.statusCode, field).toBe(400);
      expect(refused.json().error.details.issues[0].field, field).toBe(field);
    }
    const audit = await (await app.login('demo.admin')).request('GET', '/api/v1/audit?action=emergency.run');
    expect(audit.json().items.length).toBe(1);
  });
});
