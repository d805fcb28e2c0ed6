/**
 * The arithmetic behind a station's chart, free of the DOM so that it is tested in Node: the query of each period,
 * the points split where values are missing (a gap is drawn as a gap, never bridged), runs of provisional and
 * checked values, the summary a screen reader hears, and the ticks of both axes.
 */
import type { PublicResolution, PublicSeriesPoint } from '@sievert/core';
import { MONITORING_TIME_REFERENCE } from '@sievert/core/reference/monitoring';
import { zonedDay, zonedDayStartIso, zoneOffsetMs } from './format';

export const PERIODS = ['day', 'month', 'year'] as const;
export type Period = (typeof PERIODS)[number];

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** 24 hours of raw values, 35 days of hourly means (EURDEP's longer view, monitoring.md §1.2), a year of daily means. */
export const PERIOD_RESOLUTION: Readonly<Record<Period, PublicResolution>> = {
  day: 'raw',
  month: 'hour',
  year: 'day',
};

const PERIOD_SPAN_MS: Readonly<Record<Period, number>> = {
  day: DAY_MS,
  month: 35 * DAY_MS,
  year: 365 * DAY_MS,
};

export interface SeriesRequest {
  resolution: PublicResolution;
  /** Absent: the server's default, the 24 h before its publication cut-off. */
  from?: string;
}

/**
 * The query of a period. The start is rounded (to the hour, or to the local day for daily means) so that the same
 * address is asked for a while and the browser's cache and the server's ETag can answer; the end is left to the
 * server, which cuts it to the last published time.
 */
export function seriesRequest(period: Period, nowMs: number): SeriesRequest {
  const resolution = PERIOD_RESOLUTION[period];
  if (period === 'day') return { resolution };
  const start = nowMs - PERIOD_SPAN_MS[period];
  if (period === 'month')
    return { resolution, from: new Date(Math.floor(start / HOUR_MS) * HOUR_MS).toISOString() };
  return { resolution, from: zonedDayStartIso(zonedDay(start)) ?? new Date(start).toISOString() };
}

export interface ChartPoint {
  /** Epoch ms: the end of a raw value's period, the start of an hourly or daily bucket. */
  t: number;
  /** nSv/h: the value, or the bucket's mean. */
  v: number;
  min: number | null;
  max: number | null;
  count: number | null;
  provisional: boolean;
}

export function toChartPoints(points: readonly PublicSeriesPoint[]): ChartPoint[] {
  const converted: ChartPoint[] = [];
  for (const point of points) {
    const t = Date.parse(point.time);
    if (!Number.isFinite(t) || !Number.isFinite(point.value)) continue;
    converted.push({
      t,
      v: point.value,
      min: typeof point.min === 'number' && Number.isFinite(point.min) ? point.min : null,
      max: typeof point.max === 'number' && Number.isFinite(point.max) ? point.max : null,
      count: typeof point.count === 'number' ? point.count : null,
      provisional: point.provisional,
    });
  }
  return converted.sort((a, b) => a.t - b.t);
}

/**
 * The step between two values: an hour or a day for means; for raw values the median step of the series itself
 * (stations report every 10 minutes, some every minute or hour), 10 minutes when there are too few to tell.
 */
export function expectedStepMs(resolution: PublicResolution, points: readonly ChartPoint[]): number {
  if (resolution === 'hour') return HOUR_MS;
  if (resolution === 'day') return DAY_MS;
  const steps: number[] = [];
  for (let i = 1; i < points.length; i += 1) {
    const step = points[i]!.t - points[i - 1]!.t;
    if (step > 0) steps.push(step);
  }
  if (steps.length === 0) return 10 * MINUTE_MS;
  steps.sort((a, b) => a - b);
  return steps[Math.floor(steps.length / 2)]!;
}

/** A step longer than this many expected steps means values are missing (core's monitoring reference). */
export const GAP_FACTOR: number = MONITORING_TIME_REFERENCE.gapFactor.value;

/** The points cut into runs without missing values: each run is drawn as one line, gaps stay empty. */
export function splitAtGaps(
  points: readonly ChartPoint[],
  stepMs: number,
  gapFactor = GAP_FACTOR,
): ChartPoint[][] {
  const segments: ChartPoint[][] = [];
  let current: ChartPoint[] = [];
  for (const point of points) {
    const previous = current.at(-1);
    if (previous && point.t - previous.t > stepMs * gapFactor) {
      segments.push(current);
      current = [];
    }
    current.push(point);
  }
  if (current.length > 0) segments.push(current);
  return segments;
}

export interface StatusRun {
  provisional: boolean;
  points: ChartPoint[];
}

/**
 * A gap-free segment cut where values change between provisional and checked, so that each run can be drawn in its
 * own line style. A run starts at the last point of the one before: the line stays continuous, and the stretch
 * leading to a provisional value is drawn as provisional.
 */
export function statusRuns(segment: readonly ChartPoint[]): StatusRun[] {
  const runs: StatusRun[] = [];
  let current: StatusRun | null = null;
  let previous: ChartPoint | null = null;
  for (const point of segment) {
    if (!current) {
      current = { provisional: point.provisional, points: [point] };
    } else if (point.provisional === current.provisional) {
      current.points.push(point);
    } else {
      runs.push(current);
      current = { provisional: point.provisional, points: previous ? [previous, point] : [point] };
    }
    previous = point;
  }
  if (current) runs.push(current);
  return runs;
}

export interface SeriesSummary {
  /** nSv/h. */
  min: number;
  mean: number;
  max: number;
  /** Points in the series (values or buckets). */
  count: number;
  provisional: number;
  first: number;
  last: number;
}

/**
 * Lowest, mean and highest over the period. Buckets contribute their own lowest and highest value; the mean is
 * weighted by the number of values in each bucket when the server says it (a partial hour counts less).
 */
export function summarise(points: readonly ChartPoint[]): SeriesSummary | null {
  if (points.length === 0) return null;
  let min = Infinity;
  let max = -Infinity;
  let weighted = 0;
  let weights = 0;
  let provisional = 0;
  const weighByCount = points.every((point) => point.count !== null && point.count > 0);
  for (const point of points) {
    min = Math.min(min, point.min ?? point.v);
    max = Math.max(max, point.max ?? point.v);
    const weight = weighByCount ? point.count! : 1;
    weighted += point.v * weight;
    weights += weight;
    if (point.provisional) provisional += 1;
  }
  return {
    min,
    max,
    mean: weighted / weights,
    count: points.length,
    provisional,
    first: points[0]!.t,
    last: points.at(-1)!.t,
  };
}

/** A "nice" step (1, 2, 2.5 or 5 × 10ⁿ) near `rough`. */
export function niceStep(rough: number): number {
  if (!Number.isFinite(rough) || rough <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  const scaled = rough / power;
  const nice = scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 2.5 ? 2.5 : scaled <= 5 ? 5 : 10;
  return nice * power;
}

/**
 * The value axis from zero (a dose rate is never negative, and a zero base keeps small wiggles small) to a nice
 * top at or above both the highest value and `minTop`, so that normal scatter does not look like a rise.
 */
export function valueAxis(
  maxValue: number,
  minTop: number,
  targetTicks = 4,
): { top: number; ticks: number[] } {
  const wanted = Math.max(Number.isFinite(maxValue) ? maxValue * 1.05 : 0, minTop, Number.EPSILON);
  const step = niceStep(wanted / targetTicks);
  const top = Math.ceil(wanted / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let tick = 0; tick <= top + step / 2; tick += step) ticks.push(Math.round(tick * 1e9) / 1e9);
  return { top, ticks };
}

export type TimeTickUnit = 'time' | 'day' | 'month';

const FIXED_STEPS: readonly { ms: number; unit: TimeTickUnit }[] = [
  { ms: HOUR_MS, unit: 'time' },
  { ms: 2 * HOUR_MS, unit: 'time' },
  { ms: 3 * HOUR_MS, unit: 'time' },
  { ms: 6 * HOUR_MS, unit: 'time' },
  { ms: 12 * HOUR_MS, unit: 'time' },
  { ms: DAY_MS, unit: 'day' },
  { ms: 2 * DAY_MS, unit: 'day' },
  { ms: 7 * DAY_MS, unit: 'day' },
  { ms: 14 * DAY_MS, unit: 'day' },
];

/**
 * Ticks of the time axis, at most `maxTicks`, on round local times (whole hours, local midnights, first days of
 * months) of the province's zone; the unit says how to label them.
 */
export function timeTicks(
  fromMs: number,
  toMs: number,
  maxTicks: number,
): { unit: TimeTickUnit; ticks: number[] } {
  const span = toMs - fromMs;
  if (!(span > 0) || maxTicks < 1) return { unit: 'time', ticks: [] };
  const offset = zoneOffsetMs(fromMs);
  for (const step of FIXED_STEPS) {
    if (span / step.ms > maxTicks) continue;
    const ticks: number[] = [];
    for (
      let local = Math.ceil((fromMs + offset) / step.ms) * step.ms;
      local - offset <= toMs;
      local += step.ms
    ) {
      ticks.push(local - offset);
    }
    return { unit: step.unit, ticks };
  }
  for (const months of [1, 2, 3, 6, 12]) {
    const ticks: number[] = [];
    const start = new Date(fromMs + offset);
    let year = start.getUTCFullYear();
    let month = start.getUTCMonth() + 1;
    for (;;) {
      if (month > 11) {
        year += Math.floor(month / 12);
        month %= 12;
      }
      const tick = Date.UTC(year, month, 1) - offset;
      if (tick > toMs) break;
      if (tick >= fromMs && month % months === 0) ticks.push(tick);
      month += 1;
    }
    if (ticks.length <= maxTicks) return { unit: 'month', ticks };
  }
  return { unit: 'month', ticks: [] };
}
