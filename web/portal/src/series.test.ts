import { describe, expect, it } from 'vitest';
import type { PublicSeriesPoint } from '@sievert/core';
import {
  expectedStepMs,
  GAP_FACTOR,
  niceStep,
  seriesRequest,
  splitAtGaps,
  statusRuns,
  summarise,
  timeTicks,
  toChartPoints,
  valueAxis,
  type ChartPoint,
} from './series';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-11-28T00:00:00Z');

function point(t: number, v: number, extra: Partial<ChartPoint> = {}): ChartPoint {
  return { t, v, min: null, max: null, count: null, provisional: false, ...extra };
}

describe('seriesRequest', () => {
  const now = Date.parse('2026-11-28T08:37:12Z');

  it('leaves the last 24 h to the server and asks raw values', () => {
    expect(seriesRequest('day', now)).toEqual({ resolution: 'raw' });
  });

  it('asks 35 days of hourly means from a whole hour', () => {
    expect(seriesRequest('month', now)).toEqual({ resolution: 'hour', from: '2026-10-24T08:00:00.000Z' });
  });

  it('asks a year of daily means from a local midnight (UTC+7)', () => {
    // 365 days before 28/11/2026 15:37 local is 28/11/2025; its local midnight is 27/11/2025 17:00 UTC.
    expect(seriesRequest('year', now)).toEqual({ resolution: 'day', from: '2025-11-27T17:00:00.000Z' });
  });
});

describe('toChartPoints', () => {
  it('parses, sorts and drops unreadable points', () => {
    const raw: PublicSeriesPoint[] = [
      { time: '2026-11-28T00:20:00Z', value: 82, provisional: true },
      { time: 'bad', value: 80, provisional: false },
      { time: '2026-11-28T00:10:00Z', value: 81, provisional: false, min: 70, max: 90, count: 6 },
    ];
    const points = toChartPoints(raw);
    expect(points.map((entry) => entry.v)).toEqual([81, 82]);
    expect(points[0]).toMatchObject({ min: 70, max: 90, count: 6, provisional: false });
    expect(points[1]).toMatchObject({ min: null, max: null, count: null, provisional: true });
  });
});

describe('gaps', () => {
  it('uses the median raw step, and an hour or a day for means', () => {
    const points = [0, 10, 20, 30, 31, 41].map((minutes) => point(T0 + minutes * MINUTE, 80));
    expect(expectedStepMs('raw', points)).toBe(10 * MINUTE);
    expect(expectedStepMs('raw', [point(T0, 80)])).toBe(10 * MINUTE);
    expect(expectedStepMs('hour', points)).toBe(HOUR);
    expect(expectedStepMs('day', points)).toBe(DAY);
  });

  it('splits where a step exceeds the gap factor (1.5 steps, core monitoring reference)', () => {
    expect(GAP_FACTOR).toBe(1.5);
    const points = [0, 10, 20, 35, 60, 70].map((minutes) => point(T0 + minutes * MINUTE, 80));
    // 20 → 35 is 1.5 steps (kept); 35 → 60 is 2.5 steps (a gap).
    expect(splitAtGaps(points, 10 * MINUTE).map((segment) => segment.length)).toEqual([4, 2]);
    expect(splitAtGaps([], 10 * MINUTE)).toEqual([]);
  });

  it('splits a missing hour out of hourly means', () => {
    const points = [0, 1, 2, 4, 5].map((hours) => point(T0 + hours * HOUR, 80));
    expect(splitAtGaps(points, HOUR).map((segment) => segment.length)).toEqual([3, 2]);
  });
});

describe('statusRuns', () => {
  it('cuts where values turn provisional, sharing the joining point', () => {
    const segment = [false, false, true, true, false].map((provisional, index) =>
      point(T0 + index * 10 * MINUTE, 80 + index, { provisional }),
    );
    const runs = statusRuns(segment);
    expect(runs.map((run) => [run.provisional, run.points.map((entry) => entry.v)])).toEqual([
      [false, [80, 81]],
      [true, [81, 82, 83]],
      [false, [83, 84]],
    ]);
  });
});

describe('summarise', () => {
  it('gives lowest, mean and highest of raw values', () => {
    const summary = summarise([point(T0, 70), point(T0 + 1, 90, { provisional: true }), point(T0 + 2, 80)]);
    expect(summary).toMatchObject({
      min: 70,
      max: 90,
      mean: 80,
      count: 3,
      provisional: 1,
      first: T0,
      last: T0 + 2,
    });
    expect(summarise([])).toBeNull();
  });

  it('uses the buckets’ own extremes and weights means by their counts', () => {
    const summary = summarise([
      point(T0, 80, { min: 60, max: 100, count: 6 }),
      point(T0 + HOUR, 110, { min: 100, max: 140, count: 2 }),
    ]);
    // (80 × 6 + 110 × 2) / 8 = 87.5
    expect(summary).toMatchObject({ min: 60, max: 140, mean: 87.5 });
  });
});

describe('axes', () => {
  it('picks nice steps', () => {
    expect([0.7, 1.5, 2.2, 4, 7, 23, 0.04].map(niceStep)).toEqual([1, 2, 2.5, 5, 10, 25, 0.05]);
  });

  it('starts the value axis at zero and reaches at least the minimum top', () => {
    expect(valueAxis(90, 200)).toEqual({ top: 200, ticks: [0, 50, 100, 150, 200] });
    const high = valueAxis(1300, 200);
    expect(high.top).toBeGreaterThanOrEqual(1300 * 1.05);
    expect(high.ticks[0]).toBe(0);
    expect(high.ticks.at(-1)).toBe(high.top);
  });

  it('puts time ticks on whole local hours', () => {
    // 28/11 00:30 to 29/11 00:30 local (UTC+7), at most 8 ticks: every 3 hours on local times.
    const from = Date.parse('2026-11-27T17:30:00Z');
    const { unit, ticks } = timeTicks(from, from + DAY, 8);
    expect(unit).toBe('time');
    expect(ticks).toHaveLength(8);
    expect(new Date(ticks[0]!).toISOString()).toBe('2026-11-27T20:00:00.000Z'); // 03:00 local
    expect(ticks.every((tick) => (tick + 7 * HOUR) % (3 * HOUR) === 0)).toBe(true);
  });

  it('puts ticks on local midnights for weeks and on first days of months for a year', () => {
    const from = Date.parse('2026-10-24T08:00:00Z');
    const days = timeTicks(from, from + 35 * DAY, 6);
    expect(days.unit).toBe('day');
    expect(days.ticks.every((tick) => (tick + 7 * HOUR) % DAY === 0)).toBe(true);
    const year = timeTicks(Date.parse('2025-11-27T17:00:00Z'), Date.parse('2026-11-28T08:00:00Z'), 6);
    expect(year.unit).toBe('month');
    expect(year.ticks.map((tick) => new Date(tick + 7 * HOUR).toISOString().slice(0, 10))).toEqual([
      '2026-01-01',
      '2026-03-01',
      '2026-05-01',
      '2026-07-01',
      '2026-09-01',
      '2026-11-01',
    ]);
  });
});
