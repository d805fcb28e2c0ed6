/**
 * The arithmetic behind the time-series chart, kept free of the DOM so that it can be tested in Node: the windows
 * of the range presets, how many points a width asks for, the alignment of series measured at different times
 * into uPlot's columns (with real gaps where a station was silent), and the labels of the time axis.
 */

export const RANGE_PRESETS = ['24h', '7d', '35d', '1y', 'all'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** "All" asks for everything since this date; the chart then fits the axis to the data that came back. */
export const ALL_FROM_MS = Date.UTC(2000, 0, 1);

const PRESET_SPANS_MS: Record<Exclude<RangePreset, 'all'>, number> = {
  '24h': DAY_MS,
  '7d': 7 * DAY_MS,
  // EURDEP's "advanced" map shows the previous 35 days (shared/reference/monitoring.md §1.2).
  '35d': 35 * DAY_MS,
  '1y': 365 * DAY_MS,
};

/** A time window in epoch milliseconds, `from` < `to`. */
export interface TimeWindow {
  from: number;
  to: number;
}

export function presetWindow(preset: RangePreset, nowMs: number): TimeWindow {
  return { from: preset === 'all' ? ALL_FROM_MS : nowMs - PRESET_SPANS_MS[preset], to: nowMs };
}

export function isRangePreset(value: unknown): value is RangePreset {
  return typeof value === 'string' && (RANGE_PRESETS as readonly string[]).includes(value);
}

/** A zoom never goes below this span: a few raw values are the finest thing worth looking at. */
export const MIN_SPAN_MS = 10 * 60_000;

/** The window a drag selected, widened around its centre to at least MIN_SPAN_MS; null when not a window. */
export function zoomWindow(fromMs: number, toMs: number): TimeWindow | null {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) return null;
  const from = Math.min(fromMs, toMs);
  const to = Math.max(fromMs, toMs);
  if (to - from >= MIN_SPAN_MS) return { from: Math.round(from), to: Math.round(to) };
  const centre = (from + to) / 2;
  return { from: Math.round(centre - MIN_SPAN_MS / 2), to: Math.round(centre + MIN_SPAN_MS / 2) };
}

const MIN_POINTS = 60;
const MAX_POINTS = 4_000;
const POINT_STEP = 50;

/**
 * How many points to ask the server for: about one per CSS pixel of plot width (a finer series cannot be seen),
 * rounded to steps of 50 so that resizing the window by a few pixels does not fetch the series again.
 */
export function maxPointsForWidth(widthPx: number, pointsPerPixel = 1): number {
  if (!Number.isFinite(widthPx) || widthPx <= 0) return MIN_POINTS;
  const wanted = Math.round((widthPx * pointsPerPixel) / POINT_STEP) * POINT_STEP;
  return Math.min(MAX_POINTS, Math.max(MIN_POINTS, wanted));
}

/** What a chart point may carry beside its value. */
export type ChartMarker = 'flagged' | 'rejected';

export interface ChartPoint {
  /** Epoch seconds. */
  t: number;
  /** null: a gap in the series (nothing measured). */
  v: number | null;
  min?: number | null;
  max?: number | null;
  marker?: ChartMarker | null;
}

export interface SeriesToAlign {
  points: readonly ChartPoint[];
  /** Expected step between points in seconds; a longer silence (× gapFactor) is drawn as a gap. */
  stepS?: number;
}

export interface AlignedSeries {
  /** The value; `undefined` where this series has no point at that time (the line runs on), null for a gap. */
  values: (number | null | undefined)[];
  min: (number | null | undefined)[];
  max: (number | null | undefined)[];
  markers: Record<ChartMarker, (number | null | undefined)[]>;
}

export interface AlignedColumns {
  x: number[];
  series: AlignedSeries[];
}

/**
 * Joins series measured at different times (10-minute dose rates, hourly rain) on one time axis. A series has
 * `undefined` at times that only others have (uPlot draws across them) and `null` where it was silent for longer
 * than `stepS × gapFactor` (uPlot breaks the line: an offline station never looks like a straight, calm line).
 */
export function alignSeries(input: readonly SeriesToAlign[], gapFactor = 1.5): AlignedColumns {
  const withGaps = input.map((one) => {
    const sorted = [...one.points].filter((point) => Number.isFinite(point.t)).sort((a, b) => a.t - b.t);
    const step = one.stepS ?? 0;
    if (!(step > 0)) return sorted;
    const out: ChartPoint[] = [];
    for (const point of sorted) {
      const previous = out[out.length - 1];
      if (previous && point.t - previous.t > step * gapFactor) {
        // Any time strictly between the two points will do; the middle keeps the axis tidy.
        out.push({ t: (previous.t + point.t) / 2, v: null });
      }
      out.push(point);
    }
    return out;
  });
  const times = new Set<number>();
  for (const points of withGaps) for (const point of points) times.add(point.t);
  const x = [...times].sort((a, b) => a - b);
  const index = new Map(x.map((t, i) => [t, i]));
  const series = withGaps.map((points) => {
    const blank = () => new Array<number | null | undefined>(x.length).fill(undefined);
    const aligned: AlignedSeries = {
      values: blank(),
      min: blank(),
      max: blank(),
      markers: { flagged: blank(), rejected: blank() },
    };
    for (const point of points) {
      const i = index.get(point.t);
      if (i === undefined) continue;
      // Two points at the same time: the first wins, as the quality checks do (flag `duplicate_time`).
      if (aligned.values[i] !== undefined) continue;
      const value = point.v !== null && Number.isFinite(point.v) ? point.v : null;
      aligned.values[i] = value;
      aligned.min[i] = value === null ? null : finiteOr(point.min, value);
      aligned.max[i] = value === null ? null : finiteOr(point.max, value);
      if (point.marker && value !== null) aligned.markers[point.marker][i] = value;
    }
    return aligned;
  });
  return { x, series };
}

function finiteOr(value: number | null | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** Whether any point of the aligned series has a min or max different from its value (a band worth drawing). */
export function hasSpread(series: AlignedSeries): boolean {
  return series.values.some((value, i) => {
    if (value === null || value === undefined) return false;
    return series.min[i] !== value || series.max[i] !== value;
  });
}

export function hasMarkers(series: AlignedSeries, marker: ChartMarker): boolean {
  return series.markers[marker].some((value) => value !== null && value !== undefined);
}

/** The smallest and largest time of the columns, or null when empty. */
export function dataExtent(x: readonly number[]): [number, number] | null {
  const first = x[0];
  const last = x[x.length - 1];
  return first === undefined || last === undefined ? null : [first, last];
}

/** The decimals a tick step needs to be written exactly (0.25 → 2, 0.1 → 1, 5 → 0), at most 6. */
export function decimalsFor(step: number): number {
  if (!Number.isFinite(step) || step <= 0) return 0;
  for (let digits = 0; digits < 6; digits++) {
    const scaled = step * 10 ** digits;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return digits;
  }
  return 6;
}

type TickFormat = 'time' | 'dayTime' | 'day' | 'month' | 'year';

/** Which part of a date a tick shows, from the distance between ticks (uPlot's `foundIncr`, seconds). */
export function tickFormat(incrementS: number): TickFormat {
  if (incrementS < 3_600) return 'time';
  if (incrementS < 86_400) return 'dayTime';
  if (incrementS < 28 * 86_400) return 'day';
  if (incrementS < 365 * 86_400) return 'month';
  return 'year';
}

/**
 * Formats the ticks of the time axis in the province's zone ("14:30", "29/11 00:00", "11/2026", "2026"), day
 * before month as everywhere in the app (vi-VN alone would write "29-11" and "tháng 11, 2026"). Ticks less than an
 * hour apart show the date on the first tick of a new day.
 */
export function createTickFormatter(
  locale: string,
  timeZone: string,
): (splits: readonly number[], incrementS: number) => string[] {
  const time = new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const dateParts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const parts = (date: Date) => {
    const found = { day: '', month: '', year: '' };
    for (const part of dateParts.formatToParts(date)) {
      if (part.type === 'day' || part.type === 'month' || part.type === 'year') found[part.type] = part.value;
    }
    return found;
  };
  const write = (format: TickFormat, date: Date): string => {
    if (format === 'time') return time.format(date);
    const { day, month, year } = parts(date);
    if (format === 'dayTime') return `${day}/${month} ${time.format(date)}`;
    if (format === 'day') return `${day}/${month}`;
    if (format === 'month') return `${month}/${year}`;
    return year;
  };
  return (splits, incrementS) => {
    const format = tickFormat(incrementS);
    let previousDay: string | null = null;
    return splits.map((split) => {
      if (!Number.isFinite(split)) return '';
      const date = new Date(split * 1000);
      if (format !== 'time') return write(format, date);
      const { day, month, year } = parts(date);
      const key = `${year}-${month}-${day}`;
      const showDay = previousDay !== null && key !== previousDay;
      previousDay = key;
      return write(showDay ? 'dayTime' : 'time', date);
    });
  };
}
