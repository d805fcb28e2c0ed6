import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeEurdep } from '@sievert/core';
import { createTestApp, describeEachDatabase, type Session, type TestApp } from '../../test/harness.js';

/** Clock of the test app: 2026-11-28T08:00Z. Values are 10-minute dose rates ending at the given times. */
const T0 = Date.parse('2026-11-28T00:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

async function addStation(dost: Session, code: string, extra: Record<string, unknown> = {}) {
  const res = await dost.request('POST', '/api/v1/stations', {
    code,
    name: `Trạm ${code}`,
    kind: 'gamma_dose_rate',
    lat: 20.65,
    lon: 106.05,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  const token = await dost.request('POST', `/api/v1/stations/${code}/tokens`, { name: 'test' });
  return token.json().token as string;
}

describeEachDatabase('measurement ingest', (dialect) => {
  let app: TestApp;
  let dost: Session;
  let token: string;
  let otherToken: string;
  beforeAll(async () => {
    app = await createTestApp(dialect);
    dost = await app.login('demo.dost');
    token = await addStation(dost, 'VN33101', {
      conversionFactors: [{ sensor: 'GM-1', nSvPerHourPerCps: 10, backgroundCps: 0.5 }],
    });
    otherToken = await addStation(dost, 'VN33102');
  });
  afterAll(async () => app.close());

  const send = (body: unknown, bearer = token, url = '/api/v1/ingest/measurements', contentType?: string) =>
    app.app.inject({
      method: 'POST',
      url,
      headers: {
        authorization: `Bearer ${bearer}`,
        ...(contentType ? { 'content-type': contentType } : {}),
      },
      ...(typeof body === 'string' ? { payload: body } : { payload: body as object }),
    });

  it('stores a JSON batch in canonical units, reports bad items by index and keeps the rest', async () => {
    const res = await send({
      measurements: [
        { station: 'VN33101', quantity: 'ambient_dose_rate', value: 0.11, unit: 'uSv/h', time: at(10) },
        { quantity: 'ambient_dose_rate', value: 95, unit: 'nSv/h', begin: at(10), end: at(20) },
        { station: 'VN33101', quantity: 'ambient_dose_rate', value: 'abc', unit: 'nSv/h', time: at(30) },
        { station: 'VN33101', quantity: 'radon', value: 1, unit: 'Bq/m3', time: at(30) },
        { station: 'VN33101', quantity: 'ambient_dose_rate', value: 1, unit: 'furlong', time: at(30) },
        {
          station: 'VN33101',
          quantity: 'ambient_dose_rate',
          value: 1,
          unit: 'nSv/h',
          time: '2026-11-28 10:00',
        },
        { station: 'VN33102', quantity: 'ambient_dose_rate', value: 90, unit: 'nSv/h', time: at(30) },
        'not an object',
        { station: 'VN33101', quantity: 'ambient_dose_rate', value: 90, unit: 'nSv/h' },
        { station: 'VN33101', quantity: 'precipitation', value: 2.5, unit: 'mm', begin: at(20), end: at(30) },
        { station: 'VN33101', quantity: 'temperature', value: 77, unit: '°F', time: at(30) },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ accepted: 4, duplicates: 0, revised: 0 });
    expect(body.rejected.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([
      [2, 'ingest.invalid_value'],
      [3, 'ingest.unknown_quantity'],
      [4, 'ingest.unknown_unit'],
      [5, 'ingest.invalid_time'],
      [6, 'ingest.station_not_allowed'],
      [7, 'ingest.not_an_object'],
      [8, 'ingest.time_missing'],
    ]);
    expect(body.rejected[2].message).toContain('furlong');
    expect(body.rejected[3].field).toBe('time');

    const series = await dost.request(
      'GET',
      `/api/v1/stations/VN33101/series?from=${at(0)}&to=${at(60)}&quantity=ambient_dose_rate`,
    );
    expect(series.json()).toMatchObject({
      unit: 'nSv/h',
      resolution: 'raw',
      points: [
        { time: at(10), value: 110 },
        { time: at(20), value: 95 },
      ],
    });
    const temperature = await dost.request(
      'GET',
      `/api/v1/stations/VN33101/series?from=${at(0)}&to=${at(60)}&quantity=temperature`,
    );
    expect(temperature.json().points[0].value).toBeCloseTo(25, 10);
  });

  it('is idempotent: the same value is a duplicate, a changed value a revision, both counted', async () => {
    const item = { quantity: 'ambient_dose_rate', value: 100, unit: 'nSv/h', time: at(120) };
    expect((await send({ measurements: [item] })).json()).toMatchObject({ accepted: 1, duplicates: 0 });
    expect((await send({ measurements: [item, item] })).json()).toMatchObject({ accepted: 0, duplicates: 2 });
    const changed = await send({ measurements: [{ ...item, value: 0.101, unit: 'µSv/h' }] });
    expect(changed.json()).toMatchObject({ accepted: 1, revised: 1, duplicates: 0 });
    const list = await dost.request(
      'GET',
      `/api/v1/stations/VN33101/measurements?from=${at(110)}&to=${at(130)}&quantity=ambient_dose_rate`,
    );
    expect(list.json().items).toEqual([expect.objectContaining({ value: 101, revision: 1, source: 'http' })]);
    const revisions = await app.database.db
      .selectFrom('measurement_revisions')
      .select(['value', 'rev'])
      .where('t', '=', Date.parse(at(120)) / 1000)
      .execute();
    expect(revisions).toEqual([{ value: 100, rev: 0 }]);
    // The hourly rollup follows the revision.
    const hour = await dost.request(
      'GET',
      `/api/v1/stations/VN33101/series?from=${at(60)}&to=${at(120)}&resolution=hour`,
    );
    expect(hour.json().points).toEqual([expect.objectContaining({ value: 101, count: 1 })]);
  });

  it('keeps out-of-order values, flags a spike once the next value shows it, and rolls up hours and days', async () => {
    const base = 0; // 18 values ending 2026-11-27T07:30Z onwards, sent newest first
    const values = [80, 82, 79, 81, 80, 83, 81, 80, 950, 82, 79, 81, 80, 82, 81, 79, 80, 81];
    const items = values.map((v, i) => ({
      quantity: 'ambient_dose_rate',
      value: v,
      unit: 'nSv/h',
      begin: at(base - 1000 + i * 10),
      end: at(base - 990 + i * 10),
    }));
    const first = await send({ measurements: items.slice(0, 9).reverse() });
    expect(first.json()).toMatchObject({ accepted: 9 });
    const second = await send({ measurements: items.slice(9).reverse() });
    expect(second.json()).toMatchObject({ accepted: 9 });
    const flagged = await dost.request(
      'GET',
      `/api/v1/stations/VN33101/measurements?flagged=true&from=${at(base - 1000)}&to=${at(base)}`,
    );
    expect(flagged.json().items).toEqual([expect.objectContaining({ value: 950, flags: ['spike'] })]);

    const hours = await dost.request(
      'GET',
      `/api/v1/stations/VN33101/series?from=${at(base - 1000)}&to=${at(base - 820)}&resolution=hour`,
    );
    const points = hours.json().points as Array<{ count: number; min: number; max: number }>;
    expect(points.reduce((n, p) => n + p.count, 0)).toBe(18);
    expect(Math.max(...points.map((p) => p.max))).toBe(950);
  });

  it('derives H*(10) from a counter with the station’s conversion factor', async () => {
    const res = await send({
      measurements: [
        { quantity: 'count_rate', sensor: 'GM-1', value: 10.5, unit: 'cps', time: at(300) },
        { quantity: 'count_rate', sensor: 'GM-9', value: 10.5, unit: 'cps', time: at(310) },
      ],
    });
    expect(res.json()).toMatchObject({ accepted: 2, rejected: [{ index: 1, code: 'ingest.no_conversion' }] });
    const dose = await dost.request('GET', `/api/v1/stations/VN33101/series?from=${at(290)}&to=${at(300)}`);
    expect(dose.json().points).toEqual([expect.objectContaining({ value: 100 })]);
  });

  it('takes CSV with Vietnamese or English headers and names the line of each problem', async () => {
    const csv = [
      'Trạm,Đại lượng,Giá trị,Đơn vị,Thời gian',
      `VN33101,ambient_dose_rate,0.090,µSv/h,${at(400)}`,
      `VN33101,ambient_dose_rate,,nSv/h,${at(410)}`,
      `VN33101,ambient_dose_rate,91,nSv/h,${at(420)}`,
      '',
    ].join('\n');
    const res = await send(csv, token, '/api/v1/ingest/csv', 'text/csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      accepted: 2,
      rejected: [{ index: 1, line: 3, code: 'ingest.invalid_value', field: 'value' }],
    });
    const broken = await send('a,b\n"unterminated', token, '/api/v1/ingest/csv', 'text/csv');
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('ingest.unreadable');
    const noHeader = await send('x,y,z\n1,2,3', token, '/api/v1/ingest/csv', 'text/csv');
    expect(noHeader.json().error.message).toContain('quantity');
  });

  it('takes EURDEP: keeps begin-after-end and absurd uncertainty values flagged, refuses other nuclides', async () => {
    const written = writeEurdep({
      header: {
        originator: 'VN',
        importance: 'ROUTINE',
        countryCode: 'VN',
        formatVersion: '2.0',
        sent: at(-400),
        messageId: 'VN-TEST-1',
      },
      localities: [{ code: 'VN33101', name: 'Test', latitude: 20.65, longitude: 106.05 }],
      records: [
        {
          localityCode: 'VN33101',
          begin: at(-500),
          end: at(-490),
          nuclide: 'T-GAMMA',
          sampleType: 'A5',
          unit: 'NSV/H',
          value: 84,
        },
        {
          localityCode: 'VN33101',
          begin: at(-490), // rewritten below to 16:10 (after END), as the Icelandic feed did
          end: at(-480),
          nuclide: 'T-GAMMA',
          sampleType: 'A5',
          unit: 'NSV/H',
          value: 85,
        },
        {
          localityCode: 'VN33101',
          begin: at(-480),
          end: at(-470),
          nuclide: 'T-GAMMA',
          sampleType: 'A5',
          unit: 'NSV/H',
          value: 86,
          uncertainty: 1.5e10,
          uncertaintyType: 'H',
          uncertaintyUnit: 'nSv/h',
        },
        {
          localityCode: 'VN33101',
          begin: at(-480),
          end: at(-470),
          nuclide: 'CS-137',
          sampleType: 'A1',
          unit: 'BQ/M3',
          value: 0.001,
        },
      ],
    });
    const short = (iso: string) => iso.replace(':00.000Z', 'Z');
    const faulty = `,${short(at(-490))},${short(at(-480))},85,`;
    expect(written).toContain(faulty);
    const text = written.replace(faulty, `,${short(at(-470))},${short(at(-480))},85,`);
    const res = await send(text, token, '/api/v1/ingest/eurdep', 'text/plain');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      accepted: 3,
      flagged: 2,
      rejected: [{ index: 3, code: 'ingest.unknown_quantity', field: 'NUCLIDE' }],
    });
    const list = await dost.request(
      'GET',
      `/api/v1/stations/VN33101/measurements?flagged=true&from=${at(-495)}&to=${at(-465)}`,
    );
    expect(list.json().items.map((m: { value: number; flags: string[] }) => [m.value, m.flags])).toEqual([
      [86, ['implausible_uncertainty']],
      [85, ['begin_after_end']],
    ]);
    // A station token cannot send another station's EURDEP records.
    const other = await send(text, otherToken, '/api/v1/ingest/eurdep', 'text/plain');
    expect(other.json().accepted).toBe(0);
    expect(other.json().rejected[0].code).toBe('ingest.station_not_allowed');
    const garbage = await send('\\BEGIN_NOTHING;', token, '/api/v1/ingest/eurdep', 'text/plain');
    expect(garbage.statusCode).toBe(400);
  });

  it('refuses senders without a valid token, and officials without the permission', async () => {
    const bad = await send({ measurements: [] }, 'svs_000000000000_' + 'a'.repeat(43));
    expect(bad.statusCode).toBe(401);
    const revokedToken = await dost.request('POST', '/api/v1/stations/VN33102/tokens', { name: 'x' });
    const id = revokedToken.json().info.id as number;
    await dost.request('DELETE', `/api/v1/stations/VN33102/tokens/${id}`);
    expect((await send({ measurements: [] }, revokedToken.json().token)).statusCode).toBe(401);
    const commune = await app.login('demo.commune');
    const res = await commune.request('POST', '/api/v1/ingest/measurements', { measurements: [] });
    expect(res.statusCode).toBe(403);
    const official = await dost.request('POST', '/api/v1/ingest/measurements', {
      measurements: [
        { station: 'VN33102', quantity: 'ambient_dose_rate', value: 70, unit: 'nSv/h', time: at(5) },
      ],
    });
    expect(official.json()).toMatchObject({ accepted: 1 });
    const unknown = await dost.request('POST', '/api/v1/ingest/measurements', {
      measurements: [
        { station: 'VN99999', quantity: 'ambient_dose_rate', value: 70, unit: 'nSv/h', time: at(5) },
      ],
    });
    expect(unknown.json().rejected[0].code).toBe('ingest.unknown_station');
    const notJson = await send('{"measurements": [', token, undefined, 'application/json');
    expect(notJson.statusCode).toBe(400);
    const missing = await send({ values: [] });
    expect(missing.json().error.details.issues[0].field).toBe('/measurements');
  });

  it('stores a huge batch in one go and answers with the counts', async () => {
    const n = 20_000;
    const start = Date.parse('2026-06-01T00:00:00Z');
    const measurements = Array.from({ length: n }, (_, i) => ({
      quantity: 'ambient_dose_rate',
      value: 80 + (i % 7),
      unit: 'nSv/h',
      time: new Date(start + i * 600_000).toISOString(),
    }));
    const res = await send({ measurements });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ accepted: n, rejected: [] });
    const year = await dost.request(
      'GET',
      `/api/v1/stations/VN33101/series?from=2026-06-01T00:00:00Z&to=2026-11-01T00:00:00Z&maxPoints=200`,
    );
    const body = year.json();
    expect(body.resolution).toBe('day');
    expect(body.points.length).toBeLessThanOrEqual(200);
    expect(body.points.reduce((s: number, p: { count: number }) => s + p.count, 0)).toBe(n);
    const tooMany = await send({ measurements: Array.from({ length: 50_001 }, () => ({})) });
    expect(tooMany.statusCode).toBe(400);
  });

  it('lets officials validate and reject values; rejected values leave the rollups and the latest value', async () => {
    const validate = await dost.request('POST', '/api/v1/stations/VN33101/measurements/validate', {
      quantity: 'ambient_dose_rate',
      from: at(10),
      to: at(20),
      decision: 'rejected',
      note: 'Kiểm tra tại chỗ: đầu dò bị che',
    });
    expect(validate.json()).toEqual({ changed: 2 });
    const hour = await dost.request(
      'GET',
      `/api/v1/stations/VN33101/series?from=${at(0)}&to=${at(60)}&resolution=hour`,
    );
    expect(hour.json().points).toEqual([]);
    const raw = await dost.request(
      'GET',
      `/api/v1/stations/VN33101/series?from=${at(0)}&to=${at(60)}&resolution=raw`,
    );
    expect(raw.json().points[0]).toMatchObject({ value: 110, validation: 'rejected' });
    const commune = await app.login('demo.commune');
    const denied = await commune.request('POST', '/api/v1/stations/VN33101/measurements/validate', {
      quantity: 'ambient_dose_rate',
      from: at(10),
      to: at(20),
      decision: 'validated',
    });
    expect(denied.statusCode).toBe(403);
    const audit = await dost.request('GET', '/api/v1/audit?action=measurement.validate');
    expect(audit.statusCode === 200 || audit.statusCode === 403).toBe(true);
  });

  it('shows the network with latest values and offline stations', async () => {
    const network = async () =>
      (await dost.request('GET', '/api/v1/monitoring/network')).json().stations as Array<{
        code: string;
        latest: { value: number; time: string } | null;
        offline: boolean;
      }>;
    // The newest value of VN33101 ends at 07:00 (the CSV); it is 08:00, two 10-minute intervals are missed.
    const before = (await network()).find((s) => s.code === 'VN33101')!;
    expect(before).toMatchObject({ latest: { value: 91, time: at(420) }, offline: true });
    await send({
      measurements: [{ quantity: 'ambient_dose_rate', value: 88, unit: 'nSv/h', time: at(480) }],
    });
    const after = (await network()).find((s) => s.code === 'VN33101')!;
    expect(after).toMatchObject({ latest: { value: 88 }, offline: false });
  });
});

describe('bucket arithmetic', () => {
  it('puts a value ending on the hour in the hour before', async () => {
    const { MeasurementRepository } = await import('./measurement.repository.js');
    const repo = new MeasurementRepository('sqlite', 7 * 3600);
    expect(repo.hourBucket(Date.parse('2026-11-28T10:00:00Z') / 1000)).toBe(
      Date.parse('2026-11-28T09:00:00Z') / 1000,
    );
    // Local days in Vietnam start at 17:00 UTC the day before.
    expect(repo.dayBucket(Date.parse('2026-11-28T16:59:00Z') / 1000)).toBe(
      Date.parse('2026-11-27T17:00:00Z') / 1000,
    );
    expect(repo.dayBucket(Date.parse('2026-11-28T17:10:00Z') / 1000)).toBe(
      Date.parse('2026-11-28T17:00:00Z') / 1000,
    );
  });
});
