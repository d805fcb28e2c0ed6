/**
 * Stored dispersion runs through the API: the list (newest first, title search ignoring accents, incident filter),
 * the exports (GeoJSON, KML 2.2 parsed back, the Vietnamese Word summary unzipped and read), and who may read them.
 */
import { strFromU8, unzipSync } from 'fflate';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestApp,
  describeEachDatabase,
  orgId,
  type Session,
  type TestApp,
} from '../../test/harness.js';

const release = (over: Record<string, unknown> = {}) => ({
  lat: 20.66344,
  lon: 106.06828,
  heightM: 10,
  durationS: 3600,
  nuclides: [
    { nuclide: 'Cs-137', activityBq: 1e15 },
    { nuclide: 'I-131', activityBq: 1e15 },
  ],
  ...over,
});
const weather = { windSpeedMS: 3, windFromDeg: 0, stability: 'D' };

const kml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) => ['Placemark', 'Folder', 'Style', 'Polygon'].includes(name),
});

interface StoredRun {
  id: number;
  title: string | null;
  inputs: { release: { lat: number; lon: number } };
  zones: Array<{ code: string; communes: Array<{ name: string }> }>;
}

describeEachDatabase('dispersion runs: list and exports', (dialect) => {
  let app: TestApp;
  let responder: Session;
  let runs: StoredRun[];
  /** Two incidents the responder is tasked on (a run may only be linked to an incident its author can read). */
  let incidentA: number;
  let incidentB: number;
  const create = async (body: Record<string, unknown>, incidentId?: number) => {
    const res = await responder.request('POST', '/api/v1/emergency/runs', { ...body, incidentId });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<StoredRun>();
  };

  beforeAll(async () => {
    app = await createTestApp(dialect);
    responder = await app.login('demo.responder');
    // The commune under the first run's plume has a population recorded (a test figure).
    const set = await (
      await app.login('demo.admin')
    ).request('PATCH', '/api/v1/geo/communes/11977', {
      population: 20_000,
      populationYear: 2024,
    });
    expect(set.statusCode, set.body).toBe(200);
    const dost = await app.login('demo.dost');
    const rescue = await orgId(app, 'UPSC');
    const incident = async (title: string) => {
      const res = await dost.request('POST', '/api/v1/incidents', {
        kind: 'fire',
        title,
        description: 'Cháy kho',
        lat: 20.66,
        lon: 106.07,
        communeCode: '11977',
      });
      expect(res.statusCode, res.body).toBe(201);
      const id = res.json<{ id: number }>().id;
      const task = await dost.request('POST', `/api/v1/incidents/${id}/tasks`, {
        title: 'Tính phát tán',
        assigneeOrganisationId: rescue,
      });
      expect(task.statusCode, task.body).toBe(201);
      return id;
    };
    incidentA = await incident('Cháy kho nguồn');
    incidentB = await incident('Cháy kho khác');
    runs = [
      // 2.2 km north of a commune's label point, the wind from the north: the zones cover that commune.
      await create({
        title: 'Diễn tập: cháy kho nguồn Cs-137',
        release: release({ lat: 20.65801, lon: 106.09766 }),
        weather,
      }),
      await create(
        { release: release({ nuclides: [{ nuclide: 'Co-60', activityBq: 1e9 }] }), weather },
        incidentA,
      ),
      await create(
        {
          title: 'Sự cố <nguồn> & "kho" ]]> Ir-192',
          release: release({ nuclides: [{ nuclide: 'I-131', activityBq: 5e14 }] }),
          weather: { windSpeedMS: 2, windFromDeg: 90, stability: 'F', mixingHeightM: 400 },
          sigma: 'briggs-rural',
        },
        incidentA,
      ),
    ];
  });
  afterAll(async () => app.close());

  it('lists runs newest first with their release, weather, zone count and highest dose', async () => {
    const res = await responder.request('GET', '/api/v1/emergency/runs');
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page.total).toBe(3);
    expect(page.items.map((r: { id: number }) => r.id)).toEqual(runs.map((r) => r.id).reverse());
    const first = page.items[2];
    expect(first).toEqual({
      id: runs[0]!.id,
      title: 'Diễn tập: cháy kho nguồn Cs-137',
      createdAt: '2026-11-28T08:00:00.000Z',
      createdBy: expect.any(String),
      incidentId: null,
      model: 'plume',
      nuclides: ['Cs-137', 'I-131'],
      lat: 20.65801,
      lon: 106.09766,
      windSpeedMS: 3,
      windFromDeg: 0,
      stability: 'D',
      zones: runs[0]!.zones.length,
      maxEffectiveSv: expect.any(Number),
    });
    const stored = (await responder.request('GET', `/api/v1/emergency/runs/${runs[0]!.id}`)).json();
    // The 7-day projection: the period of the GSR Part 7 criteria for sheltering and evacuation.
    expect(first.maxEffectiveSv).toBe(
      stored.maxima.find((m: { periodS: number }) => m.periodS === 604_800).effectiveSv,
    );
    expect(first.zones).toBeGreaterThan(0);
  });

  it('finds runs by words of the title without accents, by incident, and pages', async () => {
    const titles = async (query: string) =>
      (await responder.request('GET', `/api/v1/emergency/runs${query}`))
        .json<{ items: Array<{ id: number }> }>()
        .items.map((r) => r.id);
    expect(await titles('?q=CHAY%20KHO')).toEqual([runs[0]!.id]);
    expect(await titles('?q=su%20co')).toEqual([runs[2]!.id]);
    // LIKE wildcards in the text are matched literally.
    expect(await titles('?q=%25')).toEqual([]);
    expect(await titles('?q=_')).toEqual([]);
    expect(await titles(`?incidentId=${incidentA}`)).toEqual([runs[2]!.id, runs[1]!.id]);
    expect(await titles(`?incidentId=${incidentA}&q=ir-192`)).toEqual([runs[2]!.id]);
    expect(await titles(`?incidentId=${incidentB}`)).toEqual([]);
    const page = (await responder.request('GET', '/api/v1/emergency/runs?limit=1&offset=1')).json();
    expect(page).toMatchObject({ total: 3, items: [{ id: runs[1]!.id }] });
    for (const [query, field] of [
      ['?limit=201', 'query/limit'],
      ['?limit=0', 'query/limit'],
      ['?incidentId=0', 'query/incidentId'],
      ['?q=' + 'x'.repeat(201), 'query/q'],
      ['?sort=id', 'query/sort'],
    ] as const) {
      const res = await responder.request('GET', `/api/v1/emergency/runs${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.details.issues[0].field, query).toBe(field);
    }
  });

  it('exports the zones, the release point and the run as GeoJSON', async () => {
    const run = runs[0]!;
    const res = await responder.request('GET', `/api/v1/emergency/runs/${run.id}/export?format=geojson`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/geo+json');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="sievert-run-${run.id}.geojson"`);
    const fc = res.json();
    expect(fc.type).toBe('FeatureCollection');
    type Feature = { geometry: { type: string }; properties: Record<string, unknown> };
    const of = (kind: string) => (fc.features as Feature[]).filter((f) => f.properties.kind === kind);
    expect(fc.features[0]).toMatchObject({
      geometry: { type: 'Point', coordinates: [106.09766, 20.65801] },
      properties: { kind: 'release', runId: run.id, heightM: 10 },
    });
    expect(of('release')).toHaveLength(1);
    const zones = of('zone');
    expect(zones.map((z) => z.properties.code)).toEqual(run.zones.map((z) => z.code));
    // Models that compute arrivals add the area reached by each time after the release starts.
    const arrivals = of('arrival');
    expect(zones.length + arrivals.length + 1).toBe(fc.features.length);
    for (const f of [...zones, ...arrivals]) expect(f.geometry.type).toBe('MultiPolygon');
    for (const a of arrivals) expect([900, 1800, 3600, 7200, 14400, 28800]).toContain(a.properties.afterS);
    // The people of the commune recorded above are counted in the zones that cover part of it.
    const covering = zones.filter((z) =>
      (z.properties.communes as Array<{ code: string }>).some((c) => c.code === '11977'),
    );
    expect(covering.length).toBeGreaterThan(0);
    for (const z of covering) {
      const commune = (
        z.properties.communes as Array<{ code: string; population: number; fraction: number }>
      ).find((c) => c.code === '11977')!;
      expect(commune.population).toBeCloseTo(20_000 * commune.fraction, 6);
      expect(z.properties.population).toBeGreaterThanOrEqual(commune.population);
    }
  });

  it('exports KML 2.2 that parses back, with styled zones and a hostile title kept as text', async () => {
    for (const run of [runs[0]!, runs[2]!]) {
      const res = await responder.request('GET', `/api/v1/emergency/runs/${run.id}/export?format=kml`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('application/vnd.google-earth.kml+xml');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="sievert-run-${run.id}.kml"`);
      expect(XMLValidator.validate(res.body)).toBe(true);
      const doc = kml.parse(res.body).kml;
      expect(doc['@xmlns']).toBe('http://www.opengis.net/kml/2.2');
      const d = doc.Document;
      const unescape = (s: string) =>
        s
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, '&');
      expect(unescape(d.name)).toBe(run.title ?? `Lần tính phát tán số ${run.id}`);
      expect(d.Placemark[0].Point.coordinates).toBe(`${run.inputs.release.lon},${run.inputs.release.lat}`);
      const zones = d.Folder[0].Placemark;
      expect(zones).toHaveLength(run.zones.length);
      const styles = new Set(d.Style.map((s: { '@id': string }) => s['@id']));
      for (const z of zones) {
        expect(styles.has(z.styleUrl.slice(1))).toBe(true);
        const polygons = z.Polygon ?? z.MultiGeometry.Polygon;
        const ring = polygons[0].outerBoundaryIs.LinearRing.coordinates.split(' ');
        expect(ring.length).toBeGreaterThanOrEqual(4);
        expect(ring[0]).toBe(ring.at(-1));
      }
      if (run.zones.some((z) => z.code === 'GSR7-URGENT-E'))
        expect(zones.map((z: { name: string }) => z.name)).toContain('Sơ tán hoặc trú ẩn');
    }
  });

  it('exports the Vietnamese summary as a Word document with the release, zones and communes', async () => {
    const run = runs[0]!;
    const res = await responder.request('GET', `/api/v1/emergency/runs/${run.id}/export?format=docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(res.headers['content-disposition']).toBe(`attachment; filename="sievert-run-${run.id}.docx"`);
    const xml = strFromU8(unzipSync(new Uint8Array(res.rawPayload))['word/document.xml']!);
    expect(XMLValidator.validate(xml)).toBe(true);
    const text = [...xml.matchAll(/<w:t xml:space="preserve">(.*?)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toContain('KẾT QUẢ TÍNH TOÁN PHÁT TÁN PHÓNG XẠ');
    expect(text).toContain('Diễn tập: cháy kho nguồn Cs-137');
    // 08:00 UTC is 15:00 in Asia/Ho_Chi_Minh.
    expect(text).toContain('15:00 ngày 28/11/2026 (GMT+7)');
    expect(text).toContain('1,0 × 10¹⁵');
    expect(text).toContain('3 m/s, thổi từ hướng 0° (Bắc)');
    expect(text).toContain('Pasquill–Gifford');
    expect(text).toContain('Sơ tán hoặc trú ẩn');
    expect(text).toContain('liều hiệu dụng 100 mSv trong 7 ngày');
    expect(text).toContain('Uống viên iốt ổn định');
    const communes = [...new Set(run.zones.flatMap((z) => z.communes.map((c) => c.name)))];
    expect(communes.length).toBeGreaterThan(0);
    for (const name of communes) expect(text).toContain(name);
    expect(text).toMatch(/\d+ người/);
    expect(text).toContain('Mô hình chỉ có giá trị trong khoảng 100 m đến 20 km');
    // Doses with a decimal comma, never a decimal point before a unit.
    expect(text).toMatch(/\d+(,\d+)? mSv/);
    expect(text).not.toMatch(/\d\.\d+ mSv/);

    // The hostile title stays text in Word too.
    const hostile = await responder.request(
      'GET',
      `/api/v1/emergency/runs/${runs[2]!.id}/export?format=docx`,
    );
    const hostileXml = strFromU8(unzipSync(new Uint8Array(hostile.rawPayload))['word/document.xml']!);
    expect(XMLValidator.validate(hostileXml)).toBe(true);
    expect(hostileXml).toContain('Sự cố &lt;nguồn&gt; &amp; &quot;kho&quot; ]]&gt; Ir-192');
    expect(hostileXml).toContain(`<w:t xml:space="preserve">số ${incidentA}</w:t>`);
  });

  it('reads, lists and exports a run stored by the first model (communes by their centre, no population)', async () => {
    const inputs = { title: 'Lần tính cũ', release: release(), weather };
    const legacyZone = {
      code: 'GSR7-ITB',
      quantity: 'thyroid',
      periodS: 604800,
      thresholdSv: 0.05,
      actions: ['iodine_thyroid_blocking'],
      // A square of about 1.56 × 1.67 km around the commune's label point.
      coordinates: [
        [
          [
            [106.09, 20.63],
            [106.105, 20.63],
            [106.105, 20.645],
            [106.09, 20.645],
            [106.09, 20.63],
          ],
        ],
      ],
      areaKm2: 2.6,
      communes: [{ code: '11977', name: 'Xã cũ' }],
    };
    const outputs = {
      sigma: 'pg-isc3',
      windAtReleaseMS: 3,
      downwindBearingDeg: 180,
      receptorHeightM: 1.5,
      grid: { reachM: 20000, cells: 160, xs: [100, 20000], ys: [-10000, 10000] },
      maxima: [{ periodS: 604800, effectiveSv: 0.2, thyroidSv: 1.1, atDownwindM: 300 }],
      zones: [legacyZone],
      missing: [],
      assumptions: ['run.steady_gaussian_plume', 'run.no_wet_deposition'],
    };
    const summary = {
      model: 'plume',
      nuclides: ['Cs-137', 'I-131'],
      lat: 20.66344,
      lon: 106.06828,
      windSpeedMS: 3,
      windFromDeg: 0,
      stability: 'D',
      zones: 1,
      maxEffectiveSv: 0.2,
    };
    const { id } = await app.database.db
      .insertInto('emergency_runs')
      .values({
        title: inputs.title,
        inputs: JSON.stringify(inputs),
        outputs: JSON.stringify(outputs),
        created_at: '2026-11-01T02:00:00.000Z',
        created_by: null,
        title_key: 'lan tinh cu',
        summary: JSON.stringify(summary),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const read = await responder.request('GET', `/api/v1/emergency/runs/${id}`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({
      model: 'plume',
      effectiveHeightM: 10,
      plumeRiseM: 0,
      ageGroup: 'adult',
      arrivals: [],
      zones: [
        {
          code: 'GSR7-ITB',
          population: null,
          populationMissing: 1,
          communes: [{ code: '11977', name: 'Xã cũ', population: null, arrivalS: null }],
        },
      ],
    });
    // The share of the commune inside the stored zone is measured today; it cannot exceed the square.
    const commune = read.json().zones[0].communes[0];
    expect(commune.areaKm2).toBeGreaterThan(0.5);
    expect(commune.areaKm2).toBeLessThanOrEqual(2.61);
    const communeArea = (await app.app.inject({ url: '/api/v1/geo/communes' }))
      .json<Array<{ code: string; areaKm2: number }>>()
      .find((c) => c.code === '11977')!.areaKm2;
    expect(commune.fraction).toBeCloseTo(commune.areaKm2 / communeArea, 1);
    const listed = (await responder.request('GET', '/api/v1/emergency/runs?q=lan%20tinh%20cu')).json();
    expect(listed.items).toEqual([expect.objectContaining({ id, createdBy: null, ...summary })]);
    const docx = await responder.request('GET', `/api/v1/emergency/runs/${id}/export?format=docx`);
    expect(docx.statusCode).toBe(200);
    const xml = strFromU8(unzipSync(new Uint8Array(docx.rawPayload))['word/document.xml']!);
    expect(xml).toContain('Xã cũ');
    expect(xml).toContain('chưa có số liệu');
    expect(xml).toContain('9:00 ngày 01/11/2026 (GMT+7)');
    for (const format of ['geojson', 'kml'])
      expect(
        (await responder.request('GET', `/api/v1/emergency/runs/${id}/export?format=${format}`)).statusCode,
      ).toBe(200);
    await app.database.db.deleteFrom('emergency_runs').where('id', '=', id).execute();
  });

  it('refuses an unknown format or run, and whoever may not read emergency data', async () => {
    const id = runs[0]!.id;
    const pdf = await responder.request('GET', `/api/v1/emergency/runs/${id}/export?format=pdf`);
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().error.details.issues[0].field).toBe('query/format');
    const none = await responder.request('GET', `/api/v1/emergency/runs/${id}/export`);
    expect(none.json().error.details.issues[0]).toMatchObject({ field: 'query/format', reason: 'required' });
    expect(
      (await responder.request('GET', '/api/v1/emergency/runs/999999/export?format=kml')).statusCode,
    ).toBe(404);

    const commune = await app.login('demo.commune');
    expect((await commune.request('GET', '/api/v1/emergency/runs')).statusCode).toBe(200);
    expect((await commune.request('GET', `/api/v1/emergency/runs/${id}/export?format=docx`)).statusCode).toBe(
      200,
    );
    const facility = await app.login('demo.facility');
    for (const url of [
      '/api/v1/emergency/runs',
      `/api/v1/emergency/runs/${id}/export?format=geojson`,
      `/api/v1/emergency/runs/${id}/export?format=docx`,
      '/api/v1/emergency/weather?lat=20.6&lon=106',
    ]) {
      const res = await facility.request('GET', url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe('auth.forbidden');
      expect((await app.app.inject({ url })).statusCode, url).toBe(401);
    }
  });
});
