import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PublicSeries, PublicStation, PublicStationList } from '@sievert/core';
import { createTestApp, describeEachDatabase, type Session, type TestApp } from '../../test/harness.js';
import { everyTenMinutes, stationWithValues } from '../../test/stations.js';

/** Clock of the test app: 2026-11-28T08:00Z. Ten-minute dose rates end every 10 min from 06:10 to 07:50. */
const T0 = Date.parse('2026-11-28T06:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const CODE = 'VN34001';
/** The value ending at 06:00 + m minutes: distinct for each, so a test can tell which one is shown. */
const valueAt = (m: number) => 100 + m;

describeEachDatabase('public data and publication rules', (dialect) => {
  let app: TestApp;
  let dost: Session;
  let leader: Session;

  const get = (url: string, headers: Record<string, string> = {}, remoteAddress?: string) =>
    app.app.inject({ method: 'GET', url, headers, ...(remoteAddress ? { remoteAddress } : {}) });
  const station = async () => {
    const res = await get('/api/v1/public/stations');
    expect(res.statusCode, res.body).toBe(200);
    return res.json<PublicStationList>().stations.find((s) => s.code === CODE) as PublicStation;
  };
  const series = async (query = '') => {
    const res = await get(`/api/v1/public/stations/${CODE}/series${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<PublicSeries>();
  };
  const setRule = (who: Session, body: Record<string, unknown>) =>
    who.request('PUT', '/api/v1/publication/rules', body);

  beforeAll(async () => {
    app = await createTestApp(dialect);
    dost = await app.login('demo.dost');
    leader = await app.login('demo.leader');
    await stationWithValues(
      app,
      dost,
      { code: CODE, name: 'Trạm công khai', lat: 20.65, lon: 106.05 },
      T0,
      everyTenMinutes(10, 110, valueAt),
    );
    // 06:10–06:30 validated by the officials.
    const validated = await dost.request('POST', `/api/v1/stations/${CODE}/measurements/validate`, {
      quantity: 'ambient_dose_rate',
      from: at(10),
      to: at(30),
      decision: 'validated',
    });
    expect(validated.statusCode, validated.body).toBe(200);
  });
  afterAll(async () => app.close());

  it('publishes a value only after the delay, marked provisional until validated, without signing in', async () => {
    let s = await station();
    expect(s).toMatchObject({ name: 'Trạm công khai', kind: 'gamma_dose_rate', status: 'online' });
    // Default delay one hour: at 08:00 the newest public value is the one ending at 07:00.
    expect(s.latest).toEqual({ value: valueAt(60), unit: 'nSv/h', time: at(60), provisional: true });
    let raw = await series('?resolution=raw');
    expect(raw.points.map((p: { time: string }) => p.time)).toEqual([10, 20, 30, 40, 50, 60].map(at));
    expect(raw.points[0]).toEqual({ time: at(10), value: valueAt(10), provisional: false });
    expect(raw.points.at(-1)?.provisional).toBe(true);

    app.clock.advance(30 * 60);
    s = await station();
    expect(s.latest?.time).toBe(at(90));
    raw = await series();
    expect(raw.resolution).toBe('raw');
    expect(raw.points.at(-1)?.time).toBe(at(90));

    const hourly = await series(`?from=${at(0)}&to=${at(120)}&resolution=hour`);
    expect(hourly.points[0]).toMatchObject({ time: at(0), count: 6, provisional: true, min: 110, max: 160 });
    expect(hourly.points[0]?.value).toBeCloseTo(135);
    // 07:10–07:30 only: 07:40 and 07:50 are still inside the delay.
    expect(hourly.points[1]).toMatchObject({ time: at(60), count: 3, min: 170, max: 190 });
  });

  it('shows only validated values under validated_only; only publication.manage sets the rules', async () => {
    expect(
      (await setRule(dost, { delaySeconds: 3600, mode: 'validated_only', embargo: false })).statusCode,
    ).toBe(403);
    const anonymous = await app.app.inject({
      method: 'PUT',
      url: '/api/v1/publication/rules',
      payload: { delaySeconds: 3600, mode: 'validated_only', embargo: false },
    });
    expect(anonymous.statusCode).toBe(401);

    const res = await setRule(leader, { delaySeconds: 3600, mode: 'validated_only', embargo: false });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().network).toMatchObject({ station: null, mode: 'validated_only', delaySeconds: 3600 });
    expect((await station()).latest).toEqual({
      value: valueAt(30),
      unit: 'nSv/h',
      time: at(30),
      provisional: false,
    });
    expect((await series()).points.map((p: { time: string }) => p.time)).toEqual([10, 20, 30].map(at));

    expect(
      (await setRule(leader, { delaySeconds: 3600, mode: 'provisional', embargo: false })).statusCode,
    ).toBe(200);
    expect((await dost.request('GET', '/api/v1/publication/rules')).json().network.mode).toBe('provisional');
    // Embargo reasons are the Department's: a facility's staff may not read the rules.
    const facility = await app.login('demo.facility');
    expect((await facility.request('GET', '/api/v1/publication/rules')).statusCode).toBe(403);
  });

  it('an embargoed station shows no latest value and an empty series until the embargo is lifted', async () => {
    const noReason = await setRule(leader, {
      station: CODE,
      delaySeconds: 600,
      mode: 'provisional',
      embargo: true,
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details.issues[0]).toMatchObject({
      field: '/embargoReason',
      reason: 'required',
    });
    const set = await setRule(leader, {
      station: CODE,
      delaySeconds: 600,
      mode: 'provisional',
      embargo: true,
      embargoReason: 'Sự cố đang được đánh giá',
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().stations[0]).toMatchObject({
      station: CODE,
      embargo: true,
      embargoChangedBy: expect.any(String),
    });
    expect((await station()).latest).toBeNull();
    expect((await series()).points).toEqual([]);

    const lifted = await setRule(leader, {
      station: CODE,
      delaySeconds: 600,
      mode: 'provisional',
      embargo: false,
    });
    expect(lifted.statusCode).toBe(200);
    // The station's own delay (10 min) now applies: at 08:30 everything up to 07:50 is public.
    expect((await station()).latest?.time).toBe(at(110));

    const audit = await (
      await app.login('demo.admin')
    ).request('GET', '/api/v1/audit?entityType=publication_rule&limit=50');
    const actions = audit.json().items.map((i: { action: string }) => i.action);
    expect(actions).toEqual(
      expect.arrayContaining(['publication.rule_set', 'publication.embargo_set', 'publication.embargo_lift']),
    );
  });

  it('caches with Cache-Control and an ETag, answering 304 to If-None-Match', async () => {
    const first = await get('/api/v1/public/stations');
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    const etag = first.headers.etag as string;
    // Weak: the data, not the time they were computed, make the tag.
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await get('/api/v1/public/stations', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const old = await get(`/api/v1/public/stations/${CODE}/series?from=${at(-3000)}&to=${at(-1440)}`);
    expect(old.statusCode, old.body).toBe(200);
    expect(old.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('answers 400 naming the field for a bad period or resolution, and 404 for an unknown station', async () => {
    const field = async (query: string) => {
      const res = await get(`/api/v1/public/stations/${CODE}/series?${query}`);
      expect(res.statusCode, res.body).toBe(400);
      return res.json<{ error: { details: { issues: Array<{ field: string }> } } }>().error.details.issues[0]
        ?.field;
    };
    expect(await field('from=yesterday')).toBe('query/from');
    expect(await field('to=2026-13-45')).toBe('query/to');
    expect(await field('resolution=minute')).toBe('query/resolution');
    expect(await field(`from=${at(60)}&to=${at(0)}`)).toBe('query/from');
    // Raw values for at most 35 days.
    expect(await field(`from=2025-01-01T00:00:00Z&to=${at(0)}&resolution=raw`)).toBe('query/from');
    expect((await get('/api/v1/public/stations/VN99999/series')).statusCode).toBe(404);
  });

  it('limits each address with a token bucket: 429 with Retry-After once it is empty', async () => {
    const address = '10.9.9.9';
    const url = `/api/v1/public/stations/${CODE}/series?resolution=minute`;
    for (let i = 0; i < app.services.publication.limiter.capacity; i++)
      expect((await get(url, {}, address)).statusCode).toBe(400);
    const limited = await get(url, {}, address);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Another address has its own bucket; and tokens come back with time.
    expect((await get('/api/v1/public/stations', {}, '10.9.9.10')).statusCode).toBe(200);
    app.clock.advance(1);
    expect((await get(url, {}, address)).statusCode).toBe(400);
  });
});
