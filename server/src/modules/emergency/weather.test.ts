/**
 * The weather near a release point, from what stations sent through the real ingest API: nearest first, at most
 * five, wind converted to m/s, rain as an intensity over the last hour of amounts, values with a meaningless flag
 * left out, and the age of the oldest value shown. Test clock: 2026-11-28T08:00Z.
 */
import { haversineKm } from '@sievert/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type Session, type TestApp } from '../../test/harness.js';

const at = (hhmm: string) => `2026-11-28T${hhmm}:00Z`;
const POINT = { lat: 20.7, lon: 106.0 };

interface Item {
  quantity: string;
  value: number;
  unit: string;
  time?: string;
  begin?: string;
  end?: string;
}

describeEachDatabase('weather near a point for dispersion runs', (dialect) => {
  let app: TestApp;
  let dost: Session;
  let responder: Session;

  async function station(code: string, lat: number, lon: number, items: Item[], intervalS = 600) {
    const created = await dost.request('POST', '/api/v1/stations', {
      code,
      name: `Trạm thử ${code}`,
      kind: 'gamma_dose_rate',
      lat,
      lon,
      intervalS,
    });
    expect(created.statusCode, created.body).toBe(201);
    const token = (await dost.request('POST', `/api/v1/stations/${code}/tokens`, { name: 'test' })).json()
      .token as string;
    const sent = await app.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/measurements',
      headers: { authorization: `Bearer ${token}` },
      payload: { measurements: items },
    });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().rejected, code).toEqual([]);
  }

  const tenMinutes = (ends: string[], mm: number): Item[] =>
    ends.map((end) => {
      const t = Date.parse(at(end));
      return {
        quantity: 'precipitation',
        value: mm,
        unit: 'mm',
        begin: new Date(t - 600_000).toISOString(),
        end: new Date(t).toISOString(),
      };
    });

  beforeAll(async () => {
    app = await createTestApp(dialect);
    dost = await app.login('demo.dost');
    responder = await app.login('demo.responder');
    // About 1 km east: wind in km/h, rain every 10 min for the last 50 min (and a downpour before that hour).
    await station('VN33W01', 20.7, 106.01, [
      { quantity: 'wind_speed', value: 10.8, unit: 'km/h', time: at('07:50') },
      { quantity: 'wind_direction', value: 45, unit: 'deg', time: at('07:50') },
      { quantity: 'temperature', value: 25, unit: '°C', time: at('07:30') },
      ...tenMinutes(['06:50'], 100),
      ...tenMinutes(['07:10', '07:20', '07:30', '07:40', '07:50'], 1),
    ]);
    // About 2.2 km north: only a wind direction, two hours old, sent with a +07:00 offset.
    await station('VN33W02', 20.72, 106.0, [
      { quantity: 'wind_direction', value: 270, unit: 'deg', time: '2026-11-28T13:00:00+07:00' },
    ]);
    // About 5.2 km east: a rain amount without its period counts as one reporting interval (10 min).
    await station('VN33W03', 20.7, 106.05, [
      { quantity: 'precipitation', value: 2, unit: 'mm', time: at('07:00') },
    ]);
    // About 5.6 km north: an impossible wind speed is not shown; the direction is.
    await station('VN33W05', 20.75, 106.0, [
      { quantity: 'wind_speed', value: 500, unit: 'm/s', time: at('07:55') },
      { quantity: 'wind_direction', value: 180, unit: 'deg', time: at('07:55') },
    ]);
    // About 11 km north, and about 45 km away: the sixth is one too many.
    await station('VN33W06', 20.8, 106.0, [
      { quantity: 'wind_speed', value: 2, unit: 'm/s', time: at('07:40') },
    ]);
    await station('VN33W04', 21.0, 106.3, [
      { quantity: 'wind_speed', value: 5, unit: 'm/s', time: at('07:40') },
    ]);
    // Nearest of all, but with a dose rate and a temperature only: no weather for a dispersion run.
    await station('VN33G01', 20.7001, 106.0001, [
      { quantity: 'ambient_dose_rate', value: 95, unit: 'nSv/h', time: at('07:50') },
      { quantity: 'temperature', value: 24, unit: '°C', time: at('07:50') },
    ]);
  });
  afterAll(async () => app.close());

  it('gives the five nearest stations with weather, nearest first, with wind, rain intensity and age', async () => {
    const res = await responder.request('GET', `/api/v1/emergency/weather?lat=${POINT.lat}&lon=${POINT.lon}`);
    expect(res.statusCode, res.body).toBe(200);
    const { stations } = res.json();
    expect(stations.map((s: { code: string }) => s.code)).toEqual([
      'VN33W01',
      'VN33W02',
      'VN33W03',
      'VN33W05',
      'VN33W06',
    ]);
    const [w1, w2, w3, w5, w6] = stations;
    expect(w1.distanceM).toBe(Math.round(haversineKm(POINT.lat, POINT.lon, 20.7, 106.01) * 1000));
    expect(w1.distanceM).toBeGreaterThan(1000);
    expect(w1.distanceM).toBeLessThan(1100);
    expect(w1).toMatchObject({ name: 'Trạm thử VN33W01', windFromDeg: 45, temperatureC: 25 });
    expect(w1.windSpeedMS).toBeCloseTo(3, 10);
    // 5 × 1 mm over the 50 minutes the periods cover: 6 mm/h; the 100 mm ending 06:50 lies outside the hour.
    expect(w1.rainMmH).toBeCloseTo(6, 6);
    // The oldest value shown is the temperature of 07:30.
    expect(w1).toMatchObject({ time: '2026-11-28T07:30:00.000Z', ageS: 1800 });
    expect(w2).toMatchObject({
      windSpeedMS: null,
      windFromDeg: 270,
      rainMmH: null,
      temperatureC: null,
      time: '2026-11-28T06:00:00.000Z',
      ageS: 7200,
    });
    expect(w3.rainMmH).toBeCloseTo(12, 6);
    expect(w5).toMatchObject({ windSpeedMS: null, windFromDeg: 180, ageS: 300 });
    expect(w6).toMatchObject({ windSpeedMS: 2, ageS: 1200 });
  });

  it('orders by distance without a cut-off, and refuses a point off the globe', async () => {
    // Far away, the same five nearest are still the answer: distance orders, it does not filter.
    const far = (await responder.request('GET', '/api/v1/emergency/weather?lat=-40&lon=-70')).json();
    expect(far.stations).toHaveLength(5);
    for (const [query, field] of [
      ['lat=91&lon=106', 'query/lat'],
      ['lat=20&lon=181', 'query/lon'],
      ['lat=abc&lon=106', 'query/lat'],
      ['lon=106', 'query/lat'],
    ] as const) {
      const res = await responder.request('GET', `/api/v1/emergency/weather?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.details.issues[0].field, query).toBe(field);
    }
  });

  it('is for those who may read emergency data', async () => {
    const url = `/api/v1/emergency/weather?lat=${POINT.lat}&lon=${POINT.lon}`;
    expect((await (await app.login('demo.commune')).request('GET', url)).statusCode).toBe(200);
    expect((await (await app.login('demo.facility')).request('GET', url)).statusCode).toBe(403);
    expect((await app.app.inject({ url })).statusCode).toBe(401);
  });
});
