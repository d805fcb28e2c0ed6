/**
 * Nothing security-sensitive leaves through the public side. Every GET route of the API description is called
 * WITHOUT signing in (path parameters filled with real public codes and ids, every export format), and no answer
 * may contain a registry coordinate, a source or device serial, a source's activity or storage place, or the name,
 * e-mail or phone of a person. New routes are walked automatically, so a future public endpoint is checked too.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.js';
import { everyTenMinutes, stationWithValues } from '../../test/stations.js';

const T0 = Date.parse('2026-11-28T06:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const STATION = 'VN34077';

interface Needle {
  what: string;
  text: string;
  /** Numbers are matched as whole numbers in the text (20.7123 is not found inside 20.712345…). */
  number?: boolean;
}

/** Every number written in a text, as written. */
const numbersIn = (text: string) => new Set(text.match(/-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi) ?? []);

/** The ways a coordinate may be written: as stored, and rounded to 4–6 decimals (≈ 10 cm … 10 m). */
function coordinateForms(v: number): string[] {
  return [String(v), v.toFixed(6), v.toFixed(5), v.toFixed(4)].filter(
    (s) => s.replace(/[^0-9]/g, '').length >= 6,
  );
}

describeEachDatabase('redaction: the public side never shows registry or personal data', (dialect) => {
  let app: TestApp;
  const needles: Needle[] = [];

  beforeAll(async () => {
    app = await createTestApp(dialect);
    const dost = await app.login('demo.dost');
    const leader = await app.login('demo.leader');
    const db = app.database.db;

    // A public station with values, so that series and exports have something to show.
    await stationWithValues(
      app,
      dost,
      { code: STATION, name: 'Trạm kiểm tra công bố', lat: 20.6, lon: 106.0 },
      T0,
      everyTenMinutes(-600, 110, (m) => 90 + (m % 7)),
    );

    // A lost source reported at a precise place, with a published notice: the notice is public, the rest not.
    const source = await db.selectFrom('sources').select(['id', 'facility_id']).executeTakeFirstOrThrow();
    const { code: commune } = await db.selectFrom('communes').select('code').executeTakeFirstOrThrow();
    const incident = await dost.request('POST', '/api/v1/incidents', {
      kind: 'lost_source',
      title: 'Mất nguồn phóng xạ',
      description: 'Nguồn không còn trong kho lúc kiểm kê.',
      lat: 20.712345,
      lon: 106.123456,
      communeCode: commune,
      sourceId: source.id,
      facilityId: source.facility_id,
    });
    expect(incident.statusCode, incident.body).toBe(201);
    const notice = await dost.request('POST', `/api/v1/incidents/${incident.json().id}/notices`, {
      title: 'Thông báo',
      body: 'Xin người dân không nhặt vật lạ có biểu tượng phóng xạ.',
    });
    const approved = await leader.request(
      'POST',
      `/api/v1/incidents/${incident.json().id}/notices/${notice.json().id}/approve`,
    );
    expect(approved.statusCode, approved.body).toBe(200);

    // The demo places facilities on their commune's label point (public geography): give each a place of its own,
    // as a real registry has, so that finding it on the public side means a leak.
    // The boundaries are public geography with thousands of vertices; a place is chosen so that none of its
    // written forms is one of them by chance.
    const geography = new Set<string>();
    for (const url of [
      '/api/v1/geo/communes.geojson',
      '/api/v1/public/communes.geojson',
      '/api/v1/geo/communes',
    ])
      for (const n of numbersIn((await app.app.inject({ url })).body)) geography.add(n);
    let candidate = 0;
    const freePlace = (base: number) => {
      for (;;) {
        const v = Number((base + (candidate += 0.000917)).toFixed(6));
        if (!coordinateForms(v).some((f) => geography.has(f))) return v;
      }
    };
    const facilities = await db
      .selectFrom('organisations')
      .select('id')
      .where('kind', '=', 'facility')
      .execute();
    for (const f of facilities)
      await db
        .updateTable('organisations')
        .set({ latitude: freePlace(20.51), longitude: freePlace(106.02) })
        .where('id', '=', f.id)
        .execute();

    // What must never appear, read from the database itself.
    const orgs = await db
      .selectFrom('organisations')
      .select(['kind', 'latitude', 'longitude', 'phone', 'email'])
      .execute();
    for (const o of orgs) {
      if (o.kind === 'facility')
        for (const v of [o.latitude, o.longitude])
          if (v !== null)
            for (const text of coordinateForms(v))
              needles.push({ what: 'facility coordinate', text, number: true });
      if (o.phone) needles.push({ what: 'organisation phone', text: o.phone });
      if (o.email) needles.push({ what: 'organisation e-mail', text: o.email });
    }
    for (const v of [20.712345, 106.123456])
      for (const text of coordinateForms(v).filter((f) => !geography.has(f)))
        needles.push({ what: 'incident coordinate', text, number: true });
    const sources = await db
      .selectFrom('sources')
      .select(['serial', 'location', 'manufacturer', 'reference_activity_bq'])
      .execute();
    expect(sources.length).toBeGreaterThan(0);
    for (const s of sources) {
      needles.push({ what: 'source serial', text: s.serial });
      if (s.location) needles.push({ what: 'source storage place', text: s.location });
      needles.push({ what: 'source activity', text: String(s.reference_activity_bq), number: true });
    }
    for (const d of await db.selectFrom('devices').select('serial').execute())
      if (d.serial) needles.push({ what: 'device serial', text: d.serial });
    for (const u of await db
      .selectFrom('users')
      .select(['display_name', 'email', 'phone', 'username'])
      .execute()) {
      // "Lê Minh Đức (lãnh đạo Sở KH&CN)": the person's name is the part before the role in brackets.
      const name = u.display_name.split('(')[0]!.trim();
      if (name.length >= 5) needles.push({ what: 'person name', text: name });
      if (u.email) needles.push({ what: 'user e-mail', text: u.email });
      if (u.phone) needles.push({ what: 'user phone', text: u.phone });
      if (u.username.length >= 6) needles.push({ what: 'user name', text: `"${u.username}"` });
    }
    for (const p of await db
      .selectFrom('facility_profiles')
      .select(['contact_name', 'rso_name', 'rso_certificate_number', 'tax_code'])
      .execute())
      for (const [what, text] of [
        ['facility contact', p.contact_name],
        ['radiation safety officer', p.rso_name],
        ['certificate number', p.rso_certificate_number],
        ['tax code', p.tax_code],
      ] as const)
        if (text) needles.push({ what, text });
    expect(needles.some((n) => n.what === 'person name')).toBe(true);
    expect(needles.some((n) => n.what === 'facility coordinate')).toBe(true);
  });
  afterAll(async () => app.close());

  it('walks every GET route without signing in and finds none of them', async () => {
    const doc = (await app.app.inject({ url: '/docs/json' })).json<{
      paths: Record<
        string,
        Record<string, { parameters?: Array<{ in: string; name: string; required?: boolean }> }>
      >;
    }>();
    const noticeId = (await app.app.inject({ url: '/api/v1/public/notices' })).json<{
      notices: Array<{ id: number }>;
    }>().notices[0]!.id;
    const fill = (path: string) =>
      path
        .replace('{code}', STATION)
        .replace(/\{id\}/, path.startsWith('/api/v1/public/notices') ? String(noticeId) : '1')
        .replace(/\{[^}]+\}/g, '1');

    const urls: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      const get = operations.get;
      if (!get) continue;
      const url = fill(path);
      const required = (get.parameters ?? [])
        .filter((p) => p.in === 'query' && p.required)
        .map((p) => p.name);
      if (required.includes('format'))
        for (const format of ['csv', 'geojson', 'eurdep'])
          urls.push(`${url}?format=${format}&from=${at(-700)}&to=${at(120)}`);
      else if (required.length === 0) urls.push(url);
      if (path.endsWith('/series')) urls.push(`${url}?from=${at(-700)}&to=${at(120)}&resolution=raw`);
    }
    expect(urls.length).toBeGreaterThan(50);

    const answered: string[] = [];
    const leaks: string[] = [];
    for (const url of urls) {
      const res = await app.app.inject({
        method: 'GET',
        url,
        remoteAddress: `10.1.${urls.indexOf(url) % 250}.1`,
      });
      if (res.statusCode !== 200) {
        // Everything else must refuse anonymous callers, not fail.
        expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
        continue;
      }
      answered.push(url.split('?')[0]!);
      const text = `${JSON.stringify(res.headers)}\n${res.body}`;
      const numbers = numbersIn(text);
      for (const n of needles)
        if (n.number ? numbers.has(n.text) : text.includes(n.text))
          leaks.push(`${url}: ${n.what} "${n.text}"`);
    }
    expect(leaks).toEqual([]);
    // The public side did answer (the walk is not vacuous).
    expect(answered).toEqual(
      expect.arrayContaining([
        '/api/v1/public/stations',
        `/api/v1/public/stations/${STATION}/series`,
        '/api/v1/public/overview',
        '/api/v1/public/notices',
        `/api/v1/public/notices/${noticeId}`,
        '/api/v1/public/facilities/by-commune',
        '/api/v1/public/communes.geojson',
        '/api/v1/public/export',
      ]),
    );
    // Registry, people and incident routes refuse anonymous callers.
    for (const prefix of ['/api/v1/facilities', '/api/v1/sources', '/api/v1/users', '/api/v1/incidents'])
      expect(answered.filter((u) => u.startsWith(prefix))).toEqual([]);
  });
});
