/**
 * The data of the isotope charts, as uPlot takes it (column arrays sharing one sorted x), built from API samples.
 * Pure functions: no DOM, tested without a browser.
 */
import type { IsotopeLine, IsotopeSample } from '@sievert/core';

export interface Line {
  slope: number;
  intercept: number;
}

export interface ScatterData {
  /** δ¹⁸O, ascending; the first and last are the ends of the lines, a little beyond the samples. */
  x: number[];
  /** δ²H of the samples without flags (null elsewhere). */
  normal: Array<number | null>;
  /** δ²H of the flagged samples (null elsewhere). */
  outliers: Array<number | null>;
  /** The Global Meteoric Water Line at every x. */
  gmwl: number[];
  /** The river's own line at every x, or null when it has none. */
  local: Array<number | null>;
  /** The sample behind each x (null at the two line ends). */
  samples: Array<IsotopeSample | null>;
}

/**
 * δ²H against δ¹⁸O of the samples with both, with the GMWL and the river's line drawn across the whole range
 * (8 % of the range beyond the samples on each side, at least 0.2 ‰: a river's samples often span 1–2 ‰ only, and a
 * wider margin would squeeze them into the middle of the plot).
 */
export function buildScatter(
  samples: readonly IsotopeSample[],
  gmwl: Line,
  local: IsotopeLine | Line | null,
): ScatterData {
  const paired = samples
    .filter((s): s is IsotopeSample & { d18o: number; d2h: number } => s.d18o !== null && s.d2h !== null)
    .sort((a, b) => a.d18o - b.d18o || a.id - b.id);
  const empty: ScatterData = { x: [], normal: [], outliers: [], gmwl: [], local: [], samples: [] };
  if (paired.length === 0) return empty;
  const lo = paired[0]!.d18o;
  const hi = paired[paired.length - 1]!.d18o;
  const pad = Math.max(0.2, (hi - lo) * 0.08);
  const ends = [lo - pad, hi + pad] as const;
  const on = (line: Line | null, x: number) => (line ? line.slope * x + line.intercept : null);
  const x = [ends[0], ...paired.map((s) => s.d18o), ends[1]];
  return {
    x,
    normal: [null, ...paired.map((s) => (s.flags.length === 0 ? s.d2h : null)), null],
    outliers: [null, ...paired.map((s) => (s.flags.length > 0 ? s.d2h : null)), null],
    gmwl: x.map((v) => on(gmwl, v)!),
    local: x.map((v) => on(local, v)),
    samples: [null, ...paired, null],
  };
}

export interface TimeSeriesData {
  /** Epoch seconds, ascending, each once. */
  x: number[];
  /** One series per sampling point (in the order of `codes`), null where the point has no value at that time. */
  series: Array<{ code: string; values: Array<number | null> }>;
}

/** One value per sample over time, a series per sampling point; several samples at one instant keep the last. */
export function buildTimeSeries(
  samples: readonly IsotopeSample[],
  value: (s: IsotopeSample) => number | null,
  codes?: readonly string[],
): TimeSeriesData {
  const withValue = samples.filter((s) => {
    const v = value(s);
    return v !== null && Number.isFinite(v) && Number.isFinite(Date.parse(s.sampledAt));
  });
  const times = [...new Set(withValue.map((s) => Math.floor(Date.parse(s.sampledAt) / 1000)))].sort(
    (a, b) => a - b,
  );
  const index = new Map(times.map((t, i) => [t, i]));
  const order = codes ?? [...new Set(withValue.map((s) => s.stationCode))].sort();
  const series = order.map((code) => ({ code, values: times.map((): number | null => null) }));
  const byCode = new Map(series.map((s) => [s.code, s]));
  for (const s of withValue) {
    const target = byCode.get(s.stationCode);
    if (target) target.values[index.get(Math.floor(Date.parse(s.sampledAt) / 1000))!] = value(s);
  }
  return { x: times, series };
}

/** `δ²H = 7,62·δ¹⁸O + 5,1` in the reader's number format: a formula, the same in every language. */
export function lineFormula(line: Line, formatNumber: (value: number, digits: number) => string): string {
  const sign = line.intercept < 0 ? '−' : '+';
  return `δ²H = ${formatNumber(line.slope, 2)}·δ¹⁸O ${sign} ${formatNumber(Math.abs(line.intercept), 1)}`;
}

/**
 * The sample nearest to a point of the plot (CSS pixels), within `radius`: what the pointer is on. `positions`
 * are the samples' own positions on the plot (null for the line ends).
 */
export function nearestIndex(
  positions: ReadonlyArray<{ left: number; top: number } | null>,
  left: number,
  top: number,
  radius: number,
): number | null {
  let best: number | null = null;
  let bestDistance = radius * radius;
  positions.forEach((p, index) => {
    if (!p) return;
    const distance = (p.left - left) ** 2 + (p.top - top) ** 2;
    if (distance <= bestDistance) {
      bestDistance = distance;
      best = index;
    }
  });
  return best;
}

/**
 * Lab results with a fixed number of decimals in the reader's format ("-8,50", "-61,0", "± 0,10"): a column of δ
 * values reads evenly and "-61" is not taken for a value measured to the unit. null → "—".
 */
export type FixedFormat = (value: number | null | undefined, digits: number) => string;

export function createFixed(locale: string): FixedFormat {
  const formatters = new Map<number, Intl.NumberFormat>();
  return (value, digits) => {
    if (value === null || value === undefined || !Number.isFinite(value)) return '—';
    let formatter = formatters.get(digits);
    if (!formatter) {
      formatter = new Intl.NumberFormat(locale, {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
      formatters.set(digits, formatter);
    }
    // "-0,00" reads as a value below zero: a value that rounds to zero has no sign.
    const text = formatter.format(value);
    return /^-0([.,]0*)?$/.test(text) ? text.slice(1) : text;
  };
}

/** Okabe–Ito colours: told apart by colour-blind readers too. */
export const SERIES_COLOURS = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#000000',
  '#F0E442',
];
