/**
 * The alarm engine's pure logic (issue 4, point 5; shared/reference/monitoring.md §5.2–§5.4). No I/O.
 *
 * - `evaluateStation` turns one station's recent values into the conditions active now (level ladder,
 *   baseline, rate of rise, offline, data quality), labelling a rain-washout peak `likely_natural_rain`.
 * - `neighbourAgreement` groups unexplained elevations of nearby stations into network conditions.
 * - `nextEpisodeAction` decides, from the open alarm (if any) and the current condition, whether to raise,
 *   escalate, update, start clearing or end an alarm, so there is one alarm per episode.
 * - `transitionAlarm` is the acknowledge / close / reopen state machine.
 *
 * Every number comes from the rule set (default: core/src/reference/alarms.json, each number with its
 * source). Dose rates are in nSv/h, precipitation in mm per measuring period, times in epoch milliseconds.
 * All functions are linear in their input (plus a sort when the caller passes unsorted points).
 */
import {
  ALARM_SEVERITIES,
  type AlarmCause,
  type AlarmRule,
  type AlarmSeverity,
  type AlarmState,
} from '../schemas/measurements.js';
import { DEFAULT_ALARM_RULE_SET, type AlarmRuleSet } from '../reference/alarms.js';

export {
  ALARM_REFERENCE,
  ALARM_REFERENCE_EDITION,
  ALARM_REFERENCE_SOURCES,
  DEFAULT_ALARM_RULE_SET,
  alarmReferenceValues,
  validateAlarmRuleSet,
  type AlarmLevelRung,
  type AlarmReferenceStatus,
  type AlarmReferenceValue,
  type AlarmRuleProblem,
  type AlarmRuleSet,
} from '../reference/alarms.js';

const MIN = 60_000;
const HOUR = 3_600_000;
/**
 * 1/Φ⁻¹(3/4): scales the median absolute deviation to σ for normally distributed data (a mathematical
 * constant).
 */
const MAD_TO_SIGMA = 1.4826;
/** Mean Earth radius (IUGG), for great-circle distances. */
const EARTH_RADIUS_KM = 6371.0088;

// ---------- public types ----------

/** One dose-rate value: `t` = end of the measuring period (epoch ms), `v` in nSv/h. */
export interface DosePoint {
  t: number;
  v: number;
  /** Quality flags (core/src/monitoring/quality.ts); pass [] for a value an official validated. */
  flags?: readonly string[] | null;
  /** An official rejected the value. */
  rejected?: boolean;
}

/** One precipitation value (mm over the period ending at `t`) at the station itself or at a gauge nearby. */
export interface RainPoint {
  t: number;
  v: number;
  stationCode: string;
  /** Distance from the evaluated station (0 for its own gauge). */
  distanceKm: number;
}

export interface AlarmStationRef {
  code: string;
  lat: number;
  lon: number;
  /** Expected reporting interval in seconds. */
  intervalS: number;
}

export interface EvaluateStationInput {
  station: AlarmStationRef;
  /** Evaluation time (epoch ms). */
  now: number;
  /** Recent dose-rate values, ideally sorted by time: the baseline window plus a day (8 days by default). */
  dose: readonly DosePoint[];
  /** Precipitation at the station and at gauges within `rules.rain.radiusKm` over the same period. */
  rain?: readonly RainPoint[];
  /** Time of the last value the station sent (any quantity), or null if never. */
  lastTime: number | null;
  rules?: AlarmRuleSet;
}

/** A reason as a stable code (`alarm.reason.*`) with the numbers behind it, translated by clients. */
export interface AlarmReasonEntry {
  code: string;
  params: Record<string, unknown>;
}

/** A condition active now: what an alarm is raised, escalated or kept open for. */
export interface AlarmCondition {
  rule: AlarmRule;
  severity: AlarmSeverity;
  cause: AlarmCause;
  /**
   * The current value the rule looks at, in `valueUnit` (dose rate, rise per hour, minutes, fraction,
   * stations).
   */
  value: number | null;
  /** The threshold the value is compared with, in `valueUnit`. */
  threshold: number | null;
  valueUnit: 'nSv/h' | 'nSv/h per h' | 'min' | 'fraction' | 'stations';
  /** The highest dose rate of the episode and when (nSv/h, epoch ms); null for offline and data quality. */
  peakValue: number | null;
  peakTime: number | null;
  /** Unit of peakValue (the canonical dose-rate unit), null when there is no peak. */
  unit: string | null;
  /** When the episode began (epoch ms), null when unknown (a station that never reported). */
  since: number | null;
  /** The station's code, or the stations of a neighbour cluster (sorted). */
  stations: string[];
  reasons: AlarmReasonEntry[];
}

/** A station's robust baseline: median and σ = max(1.4826·MAD, minRelativeSigma·median) of usable values. */
export interface RobustBaseline {
  median: number;
  sigma: number;
  /** Values used. */
  n: number;
  /** The window (epoch ms): values with from < t ≤ to. */
  from: number;
  to: number;
  /** False when rain-affected values had to be kept because too few were left without them. */
  rainExcluded: boolean;
}

// ---------- small helpers ----------

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const round = (x: number, digits = 1) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
const iso = (t: number) => new Date(t).toISOString();

/** Rank of a severity (info 0 … emergency 3); -1 for an unknown string. */
export function alarmSeverityRank(s: AlarmSeverity): number {
  return ALARM_SEVERITIES.indexOf(s);
}

/** Great-circle distance in km (haversine). */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** First index i in sorted `a[0..n)` with a[i] >= x (or > x when `strict`). */
function lowerBound(a: Float64Array, n: number, x: number, strict = false): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (strict ? a[mid]! <= x : a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Moves the k-th smallest of buf[0..n) to buf[k], smaller ones before it, larger after (Hoare quickselect,
 * median-of-three pivot; falls back to a sort after too many rounds, so it is never quadratic).
 */
function select(buf: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  let rounds = 0;
  const maxRounds = 2 * Math.ceil(Math.log2(n + 1)) + 8;
  while (hi > lo) {
    if (++rounds > maxRounds) {
      buf.subarray(lo, hi + 1).sort();
      break;
    }
    const mid = (lo + hi) >>> 1;
    const a = buf[lo]!;
    const b = buf[mid]!;
    const c = buf[hi]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (buf[i]! < pivot) i++;
      while (buf[j]! > pivot) j--;
      if (i <= j) {
        const tmp = buf[i]!;
        buf[i] = buf[j]!;
        buf[j] = tmp;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return buf[k]!;
}

/** Median of buf[0..n) in linear expected time; reorders buf. */
function medianInPlace(buf: Float64Array, n: number): number {
  const k = n >> 1;
  const upper = select(buf, n, k);
  if (n % 2) return upper;
  let lower = -Infinity;
  for (let i = 0; i < k; i++) if (buf[i]! > lower) lower = buf[i]!;
  return (lower + upper) / 2;
}

// ---------- series preparation ----------

interface Series {
  /** All kept points (finite time ≤ now), sorted by time, first of equal times kept. */
  t: Float64Array;
  /** 1 when the point may not trigger alarms (not finite, negative, rejected, blocking flag). */
  bad: Uint8Array;
  /** Index of the point in the caller's array. */
  src: Uint32Array;
  n: number;
  /** The usable points only. */
  ut: Float64Array;
  uv: Float64Array;
  m: number;
}

function isBlocked(p: DosePoint, nonBlocking: ReadonlySet<string>): boolean {
  if (!isNum(p.v) || p.v < 0 || p.rejected === true) return true;
  const flags = p.flags;
  if (flags === undefined || flags === null) return false;
  if (!Array.isArray(flags)) return true; // an unreadable flag list is not trusted
  for (const f of flags) if (!nonBlocking.has(f as string)) return true;
  return false;
}

function prepare(dose: readonly DosePoint[] | null | undefined, now: number, rules: AlarmRuleSet): Series {
  const list: readonly DosePoint[] = Array.isArray(dose) ? (dose as readonly DosePoint[]) : [];
  const keep = new Uint32Array(list.length);
  let k = 0;
  let sorted = true;
  let prev = -Infinity;
  for (let i = 0; i < list.length; i++) {
    const p = list[i] as DosePoint | null | undefined;
    if (typeof p !== 'object' || p === null || !isNum(p.t) || p.t > now) continue;
    if (p.t < prev) sorted = false;
    prev = p.t;
    keep[k++] = i;
  }
  let order = keep.subarray(0, k);
  if (!sorted) order = order.slice().sort((a, b) => list[a]!.t - list[b]!.t || a - b);
  const nonBlocking = new Set(rules.nonBlockingFlags);
  const t = new Float64Array(k);
  const bad = new Uint8Array(k);
  const src = new Uint32Array(k);
  const ut = new Float64Array(k);
  const uv = new Float64Array(k);
  let n = 0;
  let m = 0;
  for (let j = 0; j < k; j++) {
    const i = order[j]!;
    const p = list[i]!;
    if (n > 0 && t[n - 1] === p.t) continue; // same period twice: the first is kept
    t[n] = p.t;
    src[n] = i;
    if (isBlocked(p, nonBlocking)) bad[n] = 1;
    else {
      ut[m] = p.t;
      uv[m] = p.v;
      m++;
    }
    n++;
  }
  return { t, bad, src, n, ut, uv, m };
}

/** Trailing median of the last `s` usable values at each index (fewer at the start). */
function trailingMedian(uv: Float64Array, m: number, s: number): Float64Array {
  const out = new Float64Array(m);
  const w = Math.max(1, Math.floor(s));
  const buf = new Float64Array(w);
  for (let j = 0; j < m; j++) {
    const from = Math.max(0, j - w + 1);
    const c = j - from + 1;
    if (c === 1) out[j] = uv[j]!;
    else if (c === 2) out[j] = (uv[j]! + uv[j - 1]!) / 2;
    else if (c === 3) {
      const a = uv[j - 2]!;
      const b = uv[j - 1]!;
      const d = uv[j]!;
      out[j] = Math.max(Math.min(a, b), Math.min(Math.max(a, b), d));
    } else {
      for (let q = 0; q < c; q++) buf[q] = uv[from + q]!;
      out[j] = medianInPlace(buf, c);
    }
  }
  return out;
}

/**
 * Hysteresis trigger over x[0..m) (NaN skipped): active after `raiseCount` consecutive x ≥ raise, inactive
 * again after `clearCount` consecutive x < clear. Returns the index where the active episode's raising run
 * began, or -1.
 */
function schmitt(
  x: Float64Array,
  m: number,
  raise: number,
  clear: number,
  raiseCount: number,
  clearCount: number,
): number {
  let active = false;
  let start = -1;
  let run = 0;
  let runStart = -1;
  for (let j = 0; j < m; j++) {
    const v = x[j]!;
    if (v !== v) continue;
    if (!active) {
      if (v >= raise) {
        if (run === 0) runStart = j;
        if (++run >= raiseCount) {
          active = true;
          start = runStart;
          run = 0;
        }
      } else run = 0;
    } else if (v < clear) {
      if (++run >= clearCount) {
        active = false;
        run = 0;
      }
    } else run = 0;
  }
  return active ? start : -1;
}

function peakFrom(s: Series, from: number): { value: number; time: number } {
  let value = -Infinity;
  let time = NaN;
  for (let j = from; j < s.m; j++) {
    if (s.uv[j]! > value) {
      value = s.uv[j]!;
      time = s.ut[j]!;
    }
  }
  return { value, time };
}

// ---------- rain ----------

interface RainGauge {
  code: string;
  distanceKm: number;
  t: Float64Array;
  /** Prefix sums of mm: cum[i] = sum of v[0..i). */
  cum: Float64Array;
  /** Prefix counts of rainy periods (60-min amount > minMm at t[i]). */
  rainyCum: Int32Array;
  rainy: Uint8Array;
  n: number;
}

function prepareRain(
  rain: readonly RainPoint[] | null | undefined,
  now: number,
  ownCode: string,
  rules: AlarmRuleSet,
): RainGauge[] {
  const list: readonly RainPoint[] = Array.isArray(rain) ? (rain as readonly RainPoint[]) : [];
  const groups = new Map<string, { distanceKm: number; idx: number[] }>();
  for (let i = 0; i < list.length; i++) {
    const p = list[i] as RainPoint | null | undefined;
    if (typeof p !== 'object' || p === null || !isNum(p.t) || p.t > now || !isNum(p.v) || p.v <= 0) continue;
    const code = typeof p.stationCode === 'string' ? p.stationCode : '';
    const d = isNum(p.distanceKm) && p.distanceKm >= 0 ? p.distanceKm : code === ownCode ? 0 : NaN;
    if (!(d <= rules.rain.radiusKm)) continue;
    let g = groups.get(code);
    if (!g) groups.set(code, (g = { distanceKm: d, idx: [] }));
    g.distanceKm = Math.min(g.distanceKm, d);
    g.idx.push(i);
  }
  const windowMs = rules.rain.windowMinutes * MIN;
  const out: RainGauge[] = [];
  for (const [code, g] of groups) {
    let sorted = true;
    for (let j = 1; j < g.idx.length; j++) if (list[g.idx[j]!]!.t < list[g.idx[j - 1]!]!.t) sorted = false;
    if (!sorted) g.idx.sort((a, b) => list[a]!.t - list[b]!.t || a - b);
    const t = new Float64Array(g.idx.length);
    const v = new Float64Array(g.idx.length);
    let n = 0;
    for (const i of g.idx) {
      const p = list[i]!;
      if (n > 0 && t[n - 1] === p.t) continue;
      t[n] = p.t;
      v[n] = p.v;
      n++;
    }
    const cum = new Float64Array(n + 1);
    for (let j = 0; j < n; j++) cum[j + 1] = cum[j]! + v[j]!;
    const rainy = new Uint8Array(n);
    const rainyCum = new Int32Array(n + 1);
    let lo = 0;
    for (let j = 0; j < n; j++) {
      while (t[lo]! <= t[j]! - windowMs) lo++;
      if (cum[j + 1]! - cum[lo]! > rules.rain.minMm) rainy[j] = 1;
      rainyCum[j + 1] = rainyCum[j]! + rainy[j]!;
    }
    out.push({ code, distanceKm: g.distanceKm, t, cum, rainyCum, rainy, n });
  }
  return out;
}

/**
 * 1 for each usable value within the influence of rain (from onset tolerance before to persistence after).
 */
function rainAffectedMask(s: Series, gauges: readonly RainGauge[], rules: AlarmRuleSet): Uint8Array | null {
  if (gauges.length === 0 || s.m === 0) return null;
  const diff = new Int32Array(s.m + 1);
  const before = rules.rain.onsetToleranceMinutes * MIN;
  const after = rules.rain.persistAfterRainHours * HOUR;
  let any = false;
  for (const g of gauges) {
    for (let j = 0; j < g.n; j++) {
      if (!g.rainy[j]) continue;
      const lo = lowerBound(s.ut, s.m, g.t[j]! - before);
      const hi = lowerBound(s.ut, s.m, g.t[j]! + after, true);
      if (hi > lo) {
        diff[lo]!++;
        diff[hi]!--;
        any = true;
      }
    }
  }
  if (!any) return null;
  const mask = new Uint8Array(s.m);
  let c = 0;
  for (let j = 0; j < s.m; j++) {
    c += diff[j]!;
    if (c > 0) mask[j] = 1;
  }
  return mask;
}

// ---------- baseline ----------

function baselineOf(
  s: Series,
  now: number,
  rules: AlarmRuleSet,
  rainMask: Uint8Array | null,
): RobustBaseline | null {
  const b = rules.baseline;
  const to = now - b.excludeRecentHours * HOUR;
  const from = to - b.windowHours * HOUR;
  const lo = lowerBound(s.ut, s.m, from, true);
  const hi = lowerBound(s.ut, s.m, to, true);
  if (hi - lo < b.minValues) return null;
  const buf = new Float64Array(hi - lo);
  const fill = (mask: Uint8Array | null) => {
    let c = 0;
    for (let j = lo; j < hi; j++) if (!mask || !mask[j]) buf[c++] = s.uv[j]!;
    return c;
  };
  let n = fill(rainMask);
  let rainExcluded = rainMask !== null;
  if (n < b.minValues) {
    n = fill(null);
    rainExcluded = false;
  }
  const median = medianInPlace(buf, n);
  for (let j = 0; j < n; j++) buf[j] = Math.abs(buf[j]! - median);
  const mad = medianInPlace(buf, n);
  const sigma = Math.max(MAD_TO_SIGMA * mad, b.minRelativeSigma * Math.abs(median));
  return { median, sigma, n, from, to, rainExcluded };
}

/**
 * The station's robust baseline at `now`: median and σ (1.4826·MAD, floored at minRelativeSigma·median) of
 * the usable values in (now − excludeRecentHours − windowHours, now − excludeRecentHours] (monitoring.md §5.2
 * L1: rolling 7-day median). Flagged and rejected values are left out, and so are values within rain
 * influence when `rain` is given (unless too few would remain). Null with fewer than `minValues` values.
 */
export function robustBaseline(
  points: readonly DosePoint[],
  now: number,
  rules: AlarmRuleSet = DEFAULT_ALARM_RULE_SET,
  rain?: readonly RainPoint[],
  stationCode = '',
): RobustBaseline | null {
  if (!isNum(now)) throw new RangeError('now must be a finite time in epoch milliseconds');
  const s = prepare(points, now, rules);
  const gauges = prepareRain(rain, now, stationCode, rules);
  return baselineOf(s, now, rules, rainAffectedMask(s, gauges, rules));
}

// ---------- rain classification ----------

interface Context {
  s: Series;
  smooth: Float64Array;
  gauges: RainGauge[];
  now: number;
  rules: AlarmRuleSet;
  baseline: RobustBaseline | null;
}

/**
 * Is the episode that began at usable index `start` a rain washout (monitoring.md §5.4)? Natural when: rain
 * above the recipe's amount fell at the station or a gauge within the radius from shortly before the rise
 * until now; the rise did not begin before the rain; the peak is at most maxRatio × baseline; the excess is
 * not still there persistAfterRainHours after the last rain; and after the rain (or the peak) the excess
 * decays at least as fast as the effective radon-progeny half-life allows.
 */
function classifyRain(ctx: Context, start: number): { natural: boolean; reasons: AlarmReasonEntry[] } {
  const { s, smooth, gauges, now, rules, baseline } = ctx;
  const r = rules.rain;
  const since = s.ut[start]!;
  let first = start;
  if (baseline) {
    const limit = since - r.onsetLookbackHours * HOUR;
    const thr = baseline.median + r.onsetSigmas * baseline.sigma;
    while (first > 0 && s.ut[first - 1]! >= limit && s.uv[first - 1]! > thr) first--;
  }
  const onset = s.ut[first]!;
  const a = onset - r.leadMinutes * MIN;
  const hours = round((now - a) / HOUR);

  let best: RainGauge | null = null;
  let bestMm = 0;
  let firstRain = Infinity;
  let lastRain = -Infinity;
  for (const g of gauges) {
    const lo = lowerBound(g.t, g.n, a);
    const hi = lowerBound(g.t, g.n, now, true);
    if (hi <= lo || g.rainyCum[hi]! - g.rainyCum[lo]! === 0) continue;
    const mm = g.cum[hi]! - g.cum[lo]!;
    if (!best || mm > bestMm || (mm === bestMm && g.distanceKm < best.distanceKm)) {
      best = g;
      bestMm = mm;
    }
    firstRain = Math.min(firstRain, g.t[lo]!);
    lastRain = Math.max(lastRain, g.t[hi - 1]!);
  }
  if (!best) {
    return {
      natural: false,
      reasons: [{ code: 'alarm.reason.no_rain_nearby', params: { radiusKm: r.radiusKm, hours } }],
    };
  }
  const reasons: AlarmReasonEntry[] = [
    {
      code: 'alarm.reason.rain_nearby',
      params: {
        mm: round(bestMm),
        hours,
        station: best.code,
        distanceKm: round(best.distanceKm),
        minutesSinceRain: Math.round((now - lastRain) / MIN),
      },
    },
  ];
  const failures: AlarmReasonEntry[] = [];
  if (onset < firstRain - r.onsetToleranceMinutes * MIN)
    failures.push({
      code: 'alarm.reason.rise_before_rain',
      params: { minutes: Math.round((firstRain - onset) / MIN) },
    });
  if (now - lastRain > r.persistAfterRainHours * HOUR)
    failures.push({
      code: 'alarm.reason.persists_after_rain',
      params: { hours: round((now - lastRain) / HOUR), maxHours: r.persistAfterRainHours },
    });
  if (!baseline) {
    failures.push({ code: 'alarm.reason.no_baseline', params: {} });
    return { natural: false, reasons: [...reasons, ...failures] };
  }
  let ps = -Infinity;
  let pt = since;
  for (let j = first; j < s.m; j++) {
    if (smooth[j]! > ps) {
      ps = smooth[j]!;
      pt = s.ut[j]!;
    }
  }
  const ratio = baseline.median > 0 ? ps / baseline.median : Infinity;
  if (ratio > r.maxRatio)
    failures.push({
      code: 'alarm.reason.above_washout_ratio',
      params: { ratio: round(ratio, 2), maxRatio: r.maxRatio },
    });
  const tRef = Math.max(pt, lastRain);
  const tLast = s.ut[s.m - 1]!;
  const excessRef = ps - baseline.median;
  const excessNow = smooth[s.m - 1]! - baseline.median;
  const decaying = tLast > tRef && excessNow < excessRef;
  // estimated only once the decay has run for half the allowed half-life (earlier it is mostly noise)
  const halfLife =
    decaying && excessNow > 0 && tLast - tRef >= (r.maxEffectiveHalfLifeMinutes * MIN) / 2
      ? round(((tLast - tRef) / MIN) * (Math.LN2 / Math.log(excessRef / excessNow)))
      : null;
  if (tLast > tRef) {
    const allowed =
      excessRef * 2 ** (-(tLast - tRef) / (r.maxEffectiveHalfLifeMinutes * MIN)) +
      r.decayNoiseSigmas * baseline.sigma;
    if (excessNow > allowed)
      failures.push({
        code: 'alarm.reason.decay_too_slow',
        params: { halfLifeMinutes: halfLife, maxHalfLifeMinutes: r.maxEffectiveHalfLifeMinutes },
      });
  }
  if (failures.length) return { natural: false, reasons: [...reasons, ...failures] };
  reasons.push({
    code: 'alarm.reason.peak_shape_washout',
    params: { ratio: round(ratio, 2), maxRatio: r.maxRatio, halfLifeMinutes: halfLife, decaying },
  });
  return { natural: true, reasons };
}

// ---------- station evaluation ----------

function episodeFields(s: Series, start: number, unit: string) {
  const peak = peakFrom(s, start);
  return {
    peakValue: round(peak.value),
    peakTime: peak.time,
    unit,
    since: s.ut[start]!,
  };
}

/**
 * The conditions active now at one station, in the order level, baseline, rate_of_rise, offline, data_quality
 * (at most one per rule). Only usable values (finite, ≥ 0, not rejected, no blocking flag) trigger level,
 * baseline and rate rules; a condition needs `confirmValues` consecutive usable values and ends after
 * `clearValues` consecutive values below the clear level (hysteresis). Throws RangeError for an invalid `now`
 * or station interval; bad points are skipped, never thrown on.
 */
export function evaluateStation(input: EvaluateStationInput): AlarmCondition[] {
  const rules = input.rules ?? DEFAULT_ALARM_RULE_SET;
  const now = input.now;
  if (!isNum(now)) throw new RangeError('now must be a finite time in epoch milliseconds');
  const intervalS = input.station?.intervalS;
  if (!isNum(intervalS) || intervalS <= 0) throw new RangeError('station.intervalS must be > 0');
  const code = String(input.station.code);
  const unit = rules.unit;
  const s = prepare(input.dose, now, rules);
  const gauges = prepareRain(input.rain, now, code, rules);
  const baseline = baselineOf(s, now, rules, rainAffectedMask(s, gauges, rules));
  const smooth = trailingMedian(s.uv, s.m, rules.rateOfRise.smoothValues);
  const ctx: Context = { s, smooth, gauges, now, rules, baseline };
  const out: AlarmCondition[] = [];
  const last = s.m > 0 ? round(s.uv[s.m - 1]!) : null;

  // Absolute level ladder: the highest active rung.
  const rungs = rules.level.rungs;
  for (let i = rungs.length - 1; i >= 0; i--) {
    const rung = rungs[i]!;
    const start = schmitt(
      s.uv,
      s.m,
      rung.threshold,
      rung.threshold * rules.level.clearRatio,
      rung.confirmValues,
      rules.level.clearValues,
    );
    if (start < 0) continue;
    const reasons: AlarmReasonEntry[] = [
      {
        code: 'alarm.reason.level_exceeded',
        params: { value: last, threshold: rung.threshold, unit, rung: rung.id },
      },
    ];
    let cause: AlarmCause = 'unexplained';
    if (rung.rainMayExplain) {
      const rain = classifyRain(ctx, start);
      reasons.push(...rain.reasons);
      if (rain.natural) cause = 'likely_natural_rain';
    }
    out.push({
      rule: 'level',
      severity: rung.severity,
      cause,
      value: last,
      threshold: rung.threshold,
      valueUnit: 'nSv/h',
      ...episodeFields(s, start, unit),
      stations: [code],
      reasons,
    });
    break;
  }

  // Station baseline (L1).
  if (baseline) {
    const b = rules.baseline;
    const excess = Math.max(b.minExcess, b.sigmaMultiple * baseline.sigma);
    const threshold = baseline.median + excess;
    const start = schmitt(
      s.uv,
      s.m,
      threshold,
      baseline.median + b.clearRatio * excess,
      b.confirmValues,
      b.clearValues,
    );
    if (start >= 0) {
      const rain = classifyRain(ctx, start);
      out.push({
        rule: 'baseline',
        severity: rain.natural ? rules.rain.severity : b.severity,
        cause: rain.natural ? 'likely_natural_rain' : 'unexplained',
        value: last,
        threshold: round(threshold),
        valueUnit: 'nSv/h',
        ...episodeFields(s, start, unit),
        stations: [code],
        reasons: [
          {
            code: 'alarm.reason.above_baseline',
            params: {
              value: last,
              baseline: round(baseline.median),
              sigma: round(baseline.sigma),
              excess: round(excess),
              threshold: round(threshold),
              unit,
            },
          },
          ...rain.reasons,
        ],
      });
    }
  }

  // Rate of rise over windowMinutes, between trailing medians.
  const rr = rules.rateOfRise;
  if (s.m > rr.smoothValues) {
    const windowMs = rr.windowMinutes * MIN;
    const rate = new Float64Array(s.m).fill(NaN);
    let k = -1;
    for (let j = 0; j < s.m; j++) {
      while (k + 1 < j && s.ut[k + 1]! <= s.ut[j]! - windowMs) k++;
      if (k < rr.smoothValues - 1 || s.ut[k]! > s.ut[j]! - windowMs) continue;
      const elapsed = s.ut[j]! - s.ut[k]!;
      if (elapsed > 2 * windowMs) continue; // across a gap: no rate
      rate[j] = (smooth[j]! - smooth[k]!) / (elapsed / HOUR);
    }
    const thr = Math.max(
      rr.ratePerHour,
      baseline ? (rr.minSigmas * baseline.sigma) / (rr.windowMinutes / 60) : 0,
    );
    const start = schmitt(rate, s.m, thr, rr.clearRatio * thr, rr.confirmValues, rr.clearValues);
    if (start >= 0) {
      const rain = classifyRain(ctx, start);
      let current = NaN;
      for (let j = s.m - 1; j >= 0 && current !== current; j--) current = rate[j]!;
      out.push({
        rule: 'rate_of_rise',
        severity: rain.natural ? rules.rain.severity : rr.severity,
        cause: rain.natural ? 'likely_natural_rain' : 'unexplained',
        value: current === current ? round(current) : null,
        threshold: round(thr),
        valueUnit: 'nSv/h per h',
        ...episodeFields(s, start, unit),
        stations: [code],
        reasons: [
          {
            code: 'alarm.reason.rate_of_rise',
            params: {
              rate: current === current ? round(current) : null,
              threshold: round(thr),
              windowMinutes: rr.windowMinutes,
              unit: `${unit} per h`,
            },
          },
          ...rain.reasons,
        ],
      });
    }
  }

  // Offline: nothing for more than missedIntervals × interval (and at least minMinutes).
  const lastSeen = Math.max(
    isNum(input.lastTime) ? input.lastTime : -Infinity,
    s.n > 0 ? s.t[s.n - 1]! : -Infinity,
  );
  const allowedMs = Math.max(
    rules.offline.missedIntervals * intervalS * 1000,
    rules.offline.minMinutes * MIN,
  );
  if (lastSeen === -Infinity || now - lastSeen > allowedMs) {
    const known = lastSeen !== -Infinity;
    const minutes = known ? Math.floor((now - lastSeen) / MIN) : null;
    out.push({
      rule: 'offline',
      severity: rules.offline.severity,
      cause: 'technical',
      value: minutes,
      threshold: round(allowedMs / MIN),
      valueUnit: 'min',
      peakValue: null,
      peakTime: null,
      unit: null,
      since: known ? lastSeen : null,
      stations: [code],
      reasons: [
        {
          code: 'alarm.reason.offline',
          params: { minutes, lastTime: known ? iso(lastSeen) : null, intervalS },
        },
      ],
    });
  }

  // Data quality: share of flagged or rejected values in the recent window.
  const dq = rules.dataQuality;
  const dqFrom = lowerBound(s.t, s.n, now - dq.windowHours * HOUR, true);
  const total = s.n - dqFrom;
  if (total >= dq.minValues) {
    let flagged = 0;
    let firstBad = NaN;
    for (let j = dqFrom; j < s.n; j++) {
      if (!s.bad[j]) continue;
      flagged++;
      if (firstBad !== firstBad) firstBad = s.t[j]!;
    }
    const fraction = flagged / total;
    if (flagged > 0 && fraction >= dq.maxFlaggedFraction) {
      const counts: Record<string, number> = {};
      let kinds = 0;
      const list = input.dose;
      for (let j = dqFrom; j < s.n; j++) {
        if (!s.bad[j]) continue;
        const p = list[s.src[j]!]!;
        const names: string[] = [];
        if (p.rejected === true) names.push('rejected');
        if (!isNum(p.v)) names.push('not_finite');
        if (Array.isArray(p.flags))
          for (const f of p.flags) if (typeof f === 'string' && f.length <= 40) names.push(f);
        for (const f of names) {
          if (counts[f] === undefined) {
            if (kinds >= 20) continue;
            kinds++;
            counts[f] = 0;
          }
          counts[f]++;
        }
      }
      out.push({
        rule: 'data_quality',
        severity: dq.severity,
        cause: 'technical',
        value: round(fraction, 2),
        threshold: dq.maxFlaggedFraction,
        valueUnit: 'fraction',
        peakValue: null,
        peakTime: null,
        unit: null,
        since: firstBad,
        stations: [code],
        reasons: [
          {
            code: 'alarm.reason.flagged_fraction',
            params: { fraction: round(fraction, 2), flagged, total, hours: dq.windowHours, flags: counts },
          },
        ],
      });
    }
  }
  return out;
}

// ---------- neighbours ----------

/** One station's state for neighbour agreement. */
export interface StationElevation {
  code: string;
  lat: number;
  lon: number;
  elevated: boolean;
  /** When the elevation began (epoch ms). */
  since: number;
  cause: AlarmCause;
  peakValue?: number | null;
  peakTime?: number | null;
}

/**
 * A station's elevation for `neighbourAgreement`, from its conditions: elevated when a condition of one of
 * `rules.neighbours.fromRules` is active; cause `unexplained` if any of them is, `since` the earliest start.
 */
export function elevationFromConditions(
  station: { code: string; lat: number; lon: number },
  conditions: readonly AlarmCondition[],
  rules: AlarmRuleSet = DEFAULT_ALARM_RULE_SET,
): StationElevation {
  let since = Infinity;
  let cause: AlarmCause | null = null;
  let peakValue: number | null = null;
  let peakTime: number | null = null;
  for (const c of conditions) {
    if (!rules.neighbours.fromRules.includes(c.rule)) continue;
    if (isNum(c.since)) since = Math.min(since, c.since);
    if (cause !== 'unexplained') cause = c.cause;
    if (c.peakValue !== null && (peakValue === null || c.peakValue > peakValue)) {
      peakValue = c.peakValue;
      peakTime = c.peakTime;
    }
  }
  return {
    code: station.code,
    lat: station.lat,
    lon: station.lon,
    elevated: cause !== null,
    since: since === Infinity ? NaN : since,
    cause: cause ?? 'unexplained',
    peakValue,
    peakTime,
  };
}

/**
 * Network conditions: groups of at least `minStations` stations with an unexplained elevation, linked when
 * two of them are within `radiusKm` (great circle) and began within `windowMinutes` of each other (chains
 * allowed, so a plume crossing the network is one cluster; monitoring.md §5.2 L2, §5.4 network consistency).
 * Elevations labelled likely natural, not elevated, or with unusable coordinates or times are ignored. Sorted
 * by start time.
 */
export function neighbourAgreement(
  elevations: readonly StationElevation[],
  rules: AlarmRuleSet = DEFAULT_ALARM_RULE_SET,
): AlarmCondition[] {
  const nb = rules.neighbours;
  const byCode = new Map<string, StationElevation>();
  const list: readonly StationElevation[] = Array.isArray(elevations)
    ? (elevations as readonly StationElevation[])
    : [];
  for (const e of list) {
    if (typeof e !== 'object' || e === null || e.elevated !== true || e.cause !== 'unexplained') continue;
    if (typeof e.code !== 'string' || !isNum(e.since) || !isNum(e.lat) || !isNum(e.lon)) continue;
    if (Math.abs(e.lat) > 90 || Math.abs(e.lon) > 180) continue;
    const prev = byCode.get(e.code);
    if (!prev || e.since < prev.since) byCode.set(e.code, e);
  }
  const pts = [...byCode.values()];
  const n = pts.length;
  if (n < nb.minStations) return [];

  // Grid of cells at least radiusKm wide: linked stations are in the same or an adjacent cell.
  const degLat = nb.radiusKm / ((Math.PI / 180) * EARTH_RADIUS_KM);
  let maxLat = 0;
  for (const p of pts) maxLat = Math.max(maxLat, Math.abs(p.lat));
  const cosMax = Math.cos((Math.min(89.9, maxLat + degLat) * Math.PI) / 180);
  const degLon = Math.min(360, degLat / Math.max(cosMax, 1e-6));
  const xCells = Math.max(1, Math.ceil(360 / degLon));
  const wrap = (x: number) => ((x % xCells) + xCells) % xCells;
  const cellOf = (p: StationElevation) =>
    [Math.floor(p.lat / degLat), wrap(Math.floor((p.lon + 180) / degLon))] as const;
  const cells = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const [y, x] = cellOf(pts[i]!);
    const key = `${y}:${x}`;
    let c = cells.get(key);
    if (!c) cells.set(key, (c = []));
    c.push(i);
  }
  for (const c of cells.values()) c.sort((a, b) => pts[a]!.since - pts[b]!.since);

  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const windowMs = nb.windowMinutes * MIN;
  for (let i = 0; i < n; i++) {
    const p = pts[i]!;
    const [y, x] = cellOf(p);
    const keys = new Set<string>();
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) keys.add(`${y + dy}:${wrap(x + dx)}`);
    for (const key of keys) {
      const c = cells.get(key);
      if (!c) continue;
      // members sorted by since: only those within the window of p
      let lo = 0;
      let hi = c.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (pts[c[mid]!]!.since < p.since - windowMs) lo = mid + 1;
        else hi = mid;
      }
      for (let q = lo; q < c.length; q++) {
        const j = c[q]!;
        const o = pts[j]!;
        if (o.since > p.since + windowMs) break;
        if (j <= i) continue;
        const a = find(i);
        const b = find(j);
        if (a !== b && haversineKm(p.lat, p.lon, o.lat, o.lon) <= nb.radiusKm) parent[a] = b;
      }
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = []));
    g.push(i);
  }
  const out: AlarmCondition[] = [];
  for (const g of groups.values()) {
    if (g.length < nb.minStations) continue;
    const stations = g.map((i) => pts[i]!.code).sort();
    let since = Infinity;
    let peakValue: number | null = null;
    let peakTime: number | null = null;
    for (const i of g) {
      const p = pts[i]!;
      since = Math.min(since, p.since);
      if (isNum(p.peakValue) && (peakValue === null || p.peakValue > peakValue)) {
        peakValue = p.peakValue;
        peakTime = isNum(p.peakTime) ? p.peakTime : null;
      }
    }
    out.push({
      rule: 'neighbours',
      severity: nb.severity,
      cause: 'unexplained',
      value: g.length,
      threshold: nb.minStations,
      valueUnit: 'stations',
      peakValue,
      peakTime,
      unit: peakValue === null ? null : rules.unit,
      since,
      stations,
      reasons: [
        {
          code: 'alarm.reason.neighbours_agree',
          params: {
            count: g.length,
            stations,
            radiusKm: nb.radiusKm,
            windowMinutes: nb.windowMinutes,
          },
        },
      ],
    });
  }
  return out.sort((a, b) => a.since! - b.since! || a.stations[0]!.localeCompare(b.stations[0]!));
}

/**
 * Pairs current neighbour clusters with open `neighbours` alarms: each cluster takes the not yet matched open
 * alarm sharing the most stations with it (none shared → a new alarm). Open alarms left over have no
 * condition now (pass null to nextEpisodeAction for them).
 */
export function matchNeighbourClusters(
  open: readonly { id: string; stations: readonly string[] }[],
  clusters: readonly AlarmCondition[],
): { matches: Array<{ cluster: AlarmCondition; openId: string | null }>; unmatchedOpenIds: string[] } {
  const sets = open.map((o) => ({ id: o.id, set: new Set(o.stations) }));
  const used = new Set<string>();
  const matches = clusters.map((cluster) => {
    let bestId: string | null = null;
    let best = 0;
    for (const o of sets) {
      if (used.has(o.id)) continue;
      let shared = 0;
      for (const c of cluster.stations) if (o.set.has(c)) shared++;
      if (shared > best) {
        best = shared;
        bestId = o.id;
      }
    }
    if (bestId !== null) used.add(bestId);
    return { cluster, openId: bestId };
  });
  return { matches, unmatchedOpenIds: sets.filter((o) => !used.has(o.id)).map((o) => o.id) };
}

// ---------- episodes ----------

/**
 * What to do with an alarm:
 * - `raise`: create a new alarm (new episode);
 * - `escalate`: same alarm, set the higher severity (notify again), keep the episode; clear `clearSince`;
 * - `update`: same alarm, refresh lastSeenAt, peak and reasons (no notification; severity is never lowered);
 *   clear `clearSince`. For a closed alarm (resolved / false alarm by an official) whose condition continues:
 *   refresh lastSeenAt and peak only, without reopening it;
 * - `clear_pending`: the condition is gone; set `clearSince = now`;
 * - `resolve`: gone for clearMinutes on an auto-resolving rule (offline, data_quality): close it as resolved
 *   by the system;
 * - `cleared`: gone for clearMinutes on the other rules: the episode is over, the alarm stays open until an
 *   official closes it (nothing to write; the next condition of the rule raises a new alarm);
 * - `none`: nothing to do.
 */
export type EpisodeAction =
  'raise' | 'escalate' | 'update' | 'clear_pending' | 'resolve' | 'cleared' | 'none';

/** The latest alarm of the station (or cluster) and rule, open or closed. */
export interface EpisodeAlarm {
  rule: AlarmRule;
  severity: AlarmSeverity;
  /** Last evaluation at which its condition was active (epoch ms). */
  lastSeenAt: number;
  /** When its condition disappeared (epoch ms), null while active. */
  clearSince: number | null;
  /** Omitted = open. */
  state?: AlarmState;
}

/**
 * One alarm per episode: compare the latest alarm of a station and rule (or of a matched neighbour cluster)
 * with the condition active now (same rule, or null). A condition that returns within clearMinutes continues
 * the episode; one that returns later starts a new episode. Severity only goes up within an episode. An alarm
 * an official closed while its condition continues is not raised again unless the severity rises above it.
 */
export function nextEpisodeAction(
  open: EpisodeAlarm | null,
  condition: { rule: AlarmRule; severity: AlarmSeverity } | null,
  now: number,
  rules: AlarmRuleSet = DEFAULT_ALARM_RULE_SET,
): EpisodeAction {
  if (!isNum(now)) throw new RangeError('now must be a finite time in epoch milliseconds');
  if (!open) return condition ? 'raise' : 'none';
  if (condition && condition.rule !== open.rule)
    throw new RangeError(`condition rule ${condition.rule} does not match alarm rule ${open.rule}`);
  const clearMs = (rules.episodes.clearMinutes[open.rule] ?? 0) * MIN;
  const higher =
    condition !== null && alarmSeverityRank(condition.severity) > alarmSeverityRank(open.severity);
  if (open.state === 'resolved' || open.state === 'false_alarm') {
    if (!condition) return 'none';
    const continuous = now - open.lastSeenAt <= clearMs;
    return continuous && !higher ? 'update' : 'raise';
  }
  if (condition) {
    if (open.clearSince !== null && now - open.clearSince >= clearMs) return 'raise';
    return higher ? 'escalate' : 'update';
  }
  if (open.clearSince === null) return 'clear_pending';
  if (now - open.clearSince < clearMs) return 'none';
  return rules.episodes.autoResolve.includes(open.rule) ? 'resolve' : 'cleared';
}

// ---------- lifecycle ----------

export const ALARM_ACTIONS = ['acknowledge', 'resolve', 'false_alarm', 'reopen'] as const;
export type AlarmAction = (typeof ALARM_ACTIONS)[number];

export type AlarmTransition =
  | {
      ok: true;
      state: AlarmState;
      /** Which who/when fields to set: acknowledgedAt/By, closedAt/By, or clear closedAt/By (reopen). */
      stamp: 'acknowledged' | 'closed' | 'reopened';
    }
  | { ok: false; code: 'alarm.action_not_allowed'; params: { action: string; state: string } };

const TRANSITIONS: Record<
  AlarmAction,
  { from: readonly AlarmState[]; to: AlarmState; stamp: 'acknowledged' | 'closed' | 'reopened' }
> = {
  acknowledge: { from: ['raised'], to: 'acknowledged', stamp: 'acknowledged' },
  resolve: { from: ['raised', 'acknowledged'], to: 'resolved', stamp: 'closed' },
  false_alarm: { from: ['raised', 'acknowledged'], to: 'false_alarm', stamp: 'closed' },
  // Whoever reopens has seen it: the alarm goes back to acknowledged, not to raised.
  reopen: { from: ['resolved', 'false_alarm'], to: 'acknowledged', stamp: 'reopened' },
};

/**
 * The alarm lifecycle: raised → acknowledged → resolved | false_alarm (raised → resolved | false_alarm
 * directly too); a closed alarm can only be reopened (→ acknowledged). Anything else is refused with
 * `alarm.action_not_allowed` naming the action and the current state.
 */
export function transitionAlarm(state: AlarmState, action: AlarmAction): AlarmTransition {
  const t = (TRANSITIONS as Record<string, (typeof TRANSITIONS)[AlarmAction] | undefined>)[action];
  if (!t || !t.from.includes(state))
    return {
      ok: false,
      code: 'alarm.action_not_allowed',
      params: { action: String(action), state: String(state) },
    };
  return { ok: true, state: t.to, stamp: t.stamp };
}
