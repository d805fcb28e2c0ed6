import { expect } from 'vitest';
import type { Session, TestApp } from './harness.js';

export interface TenMinuteValue {
  /** Minutes after `t0` at which the ten-minute period ends. */
  end: number;
  /** nSv/h. */
  value: number;
}

/**
 * A gamma dose-rate station created by an official, with an ingest token, that sends ten-minute dose rates ending
 * at `t0 + end` minutes through the real ingest route.
 */
export async function stationWithValues(
  app: TestApp,
  official: Session,
  station: { code: string; name: string; lat: number; lon: number },
  t0: number,
  values: readonly TenMinuteValue[],
): Promise<void> {
  const created = await official.request('POST', '/api/v1/stations', { ...station, kind: 'gamma_dose_rate' });
  expect(created.statusCode, created.body).toBe(201);
  const token = (
    await official.request('POST', `/api/v1/stations/${station.code}/tokens`, { name: 't' })
  ).json<{
    token: string;
  }>().token;
  const at = (minutes: number) => new Date(t0 + minutes * 60_000).toISOString();
  const sent = await app.app.inject({
    method: 'POST',
    url: '/api/v1/ingest/measurements',
    headers: { authorization: `Bearer ${token}` },
    payload: {
      measurements: values.map((v) => ({
        station: station.code,
        quantity: 'ambient_dose_rate',
        value: v.value,
        unit: 'nSv/h',
        begin: at(v.end - 10),
        end: at(v.end),
      })),
    },
  });
  expect(sent.statusCode, sent.body).toBeLessThan(300);
}

/** Ten-minute period ends from `first` to `last` minutes, every 10 minutes. */
export function everyTenMinutes(
  first: number,
  last: number,
  value: (end: number) => number,
): TenMinuteValue[] {
  const out: TenMinuteValue[] = [];
  for (let end = first; end <= last; end += 10) out.push({ end, value: value(end) });
  return out;
}
