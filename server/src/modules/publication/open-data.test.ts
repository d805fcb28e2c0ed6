import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  parseCsvObjects,
  parseEurdep,
  type PublicFacilityCounts,
  type PublicNoticeList,
  type PublicOverview,
} from '@sievert/core';
import { createTestApp, describeEachDatabase, type Session, type TestApp } from '../../test/harness.js';
import { everyTenMinutes, stationWithValues } from '../../test/stations.js';

/** Clock of the test app: 2026-11-28T08:00Z. Ten-minute dose rates end every 10 min from 06:10 to 07:50. */
const T0 = Date.parse('2026-11-28T06:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const CODE = 'VN34002';
const valueAt = (m: number) => 80 + m / 10;

describeEachDatabase('open data: overview, export, notices, facility counts', (dialect) => {
  let app: TestApp;
  let dost: Session;
  let leader: Session;

  const get = (url: string, headers: Record<string, string> = {}) =>
    app.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    app = await createTestApp(dialect);
    dost = await app.login('demo.dost');
    leader = await app.login('demo.leader');
    await stationWithValues(
      app,
      dost,
      { code: CODE, name: '=Trạm "Phố Hiến", bờ sông', lat: 20.64, lon: 106.06 },
      T0,
      everyTenMinutes(10, 110, valueAt),
    );
  });
  afterAll(async () => app.close());

  it('exports CSV of published values only (the delay holds back the last hour), with the licence link', async () => {
    const res = await get(`/api/v1/public/export?format=csv&station=${CODE}&from=${at(0)}&to=${at(120)}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="sievert-VN34002-raw-.*\.csv"$/,
    );
    expect(res.headers.link).toBe('<https://creativecommons.org/licenses/by/4.0/>; rel="license"');
    expect(res.headers.etag).toBeTruthy();
    const rows = parseCsvObjects(res.body.replace(/^\ufeff/, ''));
    // At 08:00 with the default one-hour delay, values ending 06:10 … 07:00 are public, 07:10 … 07:50 are not.
    expect(rows.map((r) => r.end)).toEqual([10, 20, 30, 40, 50, 60].map(at));
    expect(rows[0]).toMatchObject({
      station_code: CODE,
      // A name a spreadsheet would take for a formula is written as text (quote, comma and all).
      station_name: `'=Trạm "Phố Hiến", bờ sông`,
      begin: at(0),
      end: at(10),
      value: String(valueAt(10)),
      unit: 'nSv/h',
      resolution: 'raw',
      provisional: 'true',
    });
    const hourly = await get(
      `/api/v1/public/export?format=csv&station=${CODE}&from=${at(0)}&to=${at(120)}&resolution=hour`,
    );
    const h = parseCsvObjects(hourly.body.replace(/^\ufeff/, ''));
    expect(h).toHaveLength(1);
    expect(h[0]).toMatchObject({ begin: at(0), end: at(60), count: '6', min: String(valueAt(10)) });
  });

  it('exports GeoJSON with the licence and EURDEP 2.0 that our own parser reads back', async () => {
    const geo = await get(`/api/v1/public/export?format=geojson&from=${at(0)}&to=${at(120)}`);
    expect(geo.statusCode, geo.body).toBe(200);
    expect(geo.headers['content-type']).toBe('application/geo+json; charset=utf-8');
    const fc = geo.json();
    expect(fc.licence).toMatchObject({
      name: 'CC BY 4.0',
      url: 'https://creativecommons.org/licenses/by/4.0/',
    });
    const feature = fc.features.find((f: { id: string }) => f.id === CODE);
    expect(feature.geometry).toEqual({ type: 'Point', coordinates: [106.06, 20.64] });
    expect(feature.properties.values).toHaveLength(6);

    const eur = await get(`/api/v1/public/export?format=eurdep&station=${CODE}&from=${at(0)}&to=${at(120)}`);
    expect(eur.statusCode, eur.body).toBe(200);
    const parsed = parseEurdep(eur.body);
    expect(parsed.issues).toEqual([]);
    expect(parsed.localities[0]).toMatchObject({ code: CODE, latitude: 20.64, longitude: 106.06 });
    // Locality names are folded to ASCII for EURDEP software; the double quote cannot be carried.
    expect(parsed.localities[0]?.name).not.toMatch(/[^\x20-\x7e]/);
    expect(parsed.records.map((r) => r.value)).toEqual([10, 20, 30, 40, 50, 60].map(valueAt));
    expect(parsed.records[0]).toMatchObject({ nuclide: 'T-GAMMA', sampleType: 'A5', unit: 'NSV/H' });
  });

  it('refuses a bad export naming the field, and a period too long for its resolution', async () => {
    const field = async (query: string) => {
      const res = await get(`/api/v1/public/export?${query}`);
      expect(res.statusCode, res.body).toBe(400);
      return res.json<{ error: { details: { issues: Array<{ field: string }> } } }>().error.details.issues[0]
        ?.field;
    };
    expect(await field('format=xlsx')).toBe('query/format');
    expect(await field('')).toBe('query/format');
    expect(await field('format=csv&from=not-a-date')).toBe('query/from');
    expect(await field(`format=csv&from=2020-01-01T00:00:00Z&to=${at(0)}&resolution=raw`)).toBe('query/from');
    expect(await field('format=csv&station=lower-case')).toBe('query/station');
    expect((await get('/api/v1/public/export?format=csv&station=VN99999')).statusCode).toBe(404);
  });

  it('an embargoed notice is not public until a leader approves it; a withdrawn one leaves at once', async () => {
    const { code: commune } = await app.database.db
      .selectFrom('communes')
      .select('code')
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const incident = await dost.request('POST', '/api/v1/incidents', {
      kind: 'lost_source',
      title: 'Mất nguồn đo mức',
      description: 'Nguồn Cs-137 số sê-ri BÍ-MẬT-123 không còn trong kho.',
      lat: 20.7,
      lon: 106.1,
      communeCode: commune,
    });
    expect(incident.statusCode, incident.body).toBe(201);
    const id = incident.json().id as number;
    const draft = await dost.request('POST', `/api/v1/incidents/${id}/notices`, {
      title: 'Thông báo tìm kiếm nguồn phóng xạ',
      body: 'Người dân thấy vật lạ có biểu tượng phóng xạ xin không chạm vào và gọi 113.',
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const noticeId = draft.json().id as number;
    const publicList = async () => (await get('/api/v1/public/notices')).json<PublicNoticeList>().notices;

    expect(await publicList()).toEqual([]);
    expect((await get(`/api/v1/public/notices/${noticeId}`)).statusCode).toBe(404);

    // Sent to the leaders' queue: still not public.
    const submit = await dost.request('POST', `/api/v1/incidents/${id}/notices/${noticeId}/submit`);
    expect(submit.statusCode, submit.body).toBe(200);
    expect(submit.json().state).toBe('submitted');
    expect(await publicList()).toEqual([]);
    const queue = await leader.request('GET', '/api/v1/publication/notices?state=submitted');
    expect(queue.statusCode, queue.body).toBe(200);
    expect(queue.json().notices[0]).toMatchObject({
      id: noticeId,
      incidentId: id,
      incidentTitle: 'Mất nguồn đo mức',
      state: 'submitted',
    });
    // Only those who draft or approve notices see the queue.
    const facility = await app.login('demo.facility');
    expect((await facility.request('GET', '/api/v1/publication/notices')).statusCode).toBe(403);

    expect(
      (await dost.request('POST', `/api/v1/incidents/${id}/notices/${noticeId}/approve`)).statusCode,
    ).toBe(403);
    const approved = await leader.request('POST', `/api/v1/incidents/${id}/notices/${noticeId}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    const [published] = await publicList();
    expect(published).toEqual({
      id: noticeId,
      title: 'Thông báo tìm kiếm nguồn phóng xạ',
      body: 'Người dân thấy vật lạ có biểu tượng phóng xạ xin không chạm vào và gọi 113.',
      exercise: false,
      publishedAt: app.clock.now().toISOString(),
    });
    // The notice, never the incident record: no description, place or people.
    const one = await get(`/api/v1/public/notices/${noticeId}`);
    expect(one.body).not.toContain('BÍ-MẬT-123');
    expect(one.body).not.toContain('20.7');
    expect(one.body).not.toContain('Lê Minh Đức');
    const overview = (await get('/api/v1/public/overview')).json<PublicOverview>();
    expect(overview.notices).toEqual({ published: 1, latestAt: published!.publishedAt });

    const noReason = await leader.request('POST', `/api/v1/incidents/${id}/notices/${noticeId}/withdraw`, {
      reason: '   ',
    });
    expect(noReason.statusCode).toBe(400);
    const withdrawn = await leader.request('POST', `/api/v1/incidents/${id}/notices/${noticeId}/withdraw`, {
      reason: 'Đã tìm thấy nguồn',
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({
      state: 'withdrawn',
      withdrawReason: 'Đã tìm thấy nguồn',
      withdrawnBy: 'Lê Minh Đức (lãnh đạo Sở KH&CN)',
    });
    expect(await publicList()).toEqual([]);
    const again = await leader.request('POST', `/api/v1/incidents/${id}/notices/${noticeId}/approve`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('Đã gỡ bỏ');

    const audit = await (
      await app.login('demo.admin')
    ).request('GET', `/api/v1/audit?entityType=incident&entityId=${id}&limit=50`);
    const entries = audit.json().items as Array<{ action: string; actorName?: string; actor?: unknown }>;
    expect(entries.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'incident.notice_submit',
        'incident.notice_approve',
        'incident.notice_withdraw',
      ]),
    );
  });

  it('labels an exercise notice as an exercise on the portal', async () => {
    const incident = await dost.request('POST', '/api/v1/incidents', {
      kind: 'fire',
      title: 'Diễn tập cháy kho nguồn',
      description: 'Diễn tập.',
      lat: 20.7,
      lon: 106.1,
      communeCode: (await app.database.db.selectFrom('communes').select('code').executeTakeFirstOrThrow())
        .code,
      exercise: true,
    });
    expect(incident.statusCode, incident.body).toBe(201);
    const id = incident.json().id as number;
    const draft = await dost.request('POST', `/api/v1/incidents/${id}/notices`, {
      title: 'Thông báo diễn tập',
      body: 'Sáng mai diễn tập ứng phó sự cố bức xạ.',
    });
    await leader.request('POST', `/api/v1/incidents/${id}/notices/${draft.json().id}/approve`);
    const [notice] = (await get('/api/v1/public/notices')).json<PublicNoticeList>().notices;
    expect(notice).toMatchObject({ exercise: true, title: '[DIỄN TẬP] Thông báo diễn tập' });
  });

  it('gives the network status, the licence and the publisher in the overview', async () => {
    const res = await get('/api/v1/public/overview');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    const o = res.json<PublicOverview>();
    expect(o.licence).toMatchObject({ name: 'CC BY 4.0' });
    expect(o.publisher).toMatch(/^Sở Khoa học và Công nghệ tỉnh /);
    expect(o.publisherEn).toMatch(/^Department of Science and Technology, /);
    expect(o.delaySeconds).toBe(3600);
    expect(o.stations.total).toBe(o.stations.online + o.stations.offline);
    expect(o.stations.withValue).toBeGreaterThanOrEqual(1);
    expect(o.latestTime).toBe(at(60));
  });

  it('counts facilities by kind per commune, and nothing else of them', async () => {
    const res = await get('/api/v1/public/facilities/by-commune');
    expect(res.statusCode, res.body).toBe(200);
    const counts = res.json<PublicFacilityCounts>();
    expect(counts.kinds).toContain('hospital');
    expect(counts.total).toBe(counts.communes.reduce((a, c) => a + c.total, 0));
    const facilities = await app.database.db
      .selectFrom('organisations')
      .select(['commune_code'])
      .where('kind', '=', 'facility')
      .where('status', '=', 'active')
      .execute();
    expect(counts.total).toBe(facilities.filter((f) => f.commune_code).length);
    for (const c of counts.communes)
      expect(Object.keys(c).sort()).toEqual(['communeCode', 'communeName', 'counts', 'total']);
  });

  it('serves light commune boundaries, and removes a station rule (audited)', async () => {
    const light = await get('/api/v1/public/communes.geojson');
    expect(light.statusCode).toBe(200);
    const full = await get('/api/v1/geo/communes.geojson');
    const lightFc = light.json();
    expect(lightFc.features).toHaveLength(full.json().features.length);
    expect(light.body.length).toBeLessThan(full.body.length / 3);
    expect(Object.keys(lightFc.features[0].properties).sort()).toEqual(['code', 'name', 'name_en', 'type']);

    const set = await leader.request('PUT', '/api/v1/publication/rules', {
      station: CODE,
      delaySeconds: 600,
      mode: 'provisional',
      embargo: false,
    });
    expect(set.json().stations).toHaveLength(1);
    expect((await dost.request('DELETE', `/api/v1/publication/rules/${CODE}`)).statusCode).toBe(403);
    const removed = await leader.request('DELETE', `/api/v1/publication/rules/${CODE}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().stations).toEqual([]);
    expect((await leader.request('DELETE', `/api/v1/publication/rules/${CODE}`)).statusCode).toBe(404);
  });
});
