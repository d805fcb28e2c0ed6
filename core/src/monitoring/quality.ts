/**
 * Automatic quality checks for monitoring series (shared/reference/monitoring.md §5.3).
 *
 * The checks never drop, reorder or change data: they return, for every input point at the same index, the flag
 * codes that apply. Values must already be in the canonical unit of their quantity (see quantities.ts).
 * Thresholds come from core/src/reference/monitoring.json (each with its source and status).
 */
import {
  MONITORING_QUANTITY_REFERENCE,
  MONITORING_TIME_REFERENCE,
  MONITORING_UNCERTAINTY_REFERENCE,
  type MonitoringQuantityReference,
} from '../reference/monitoring.js';

export interface MonitoringPoint {
  /** End of the measuring period (EURDEP END, BfS end_measure), ISO 8601 with a time zone. */
  time: string;
  value: number;
  /** Absolute 1σ uncertainty in the same unit as the value. */
  uncertainty?: number | null;
  /** Start of the measuring period (EURDEP BEGIN), when the source sends it. */
  begin?: string | null;
  /** `time` already parsed (epoch ms), for callers that hold times as numbers; wins over `time` when finite. */
  timeMs?: number;
}

export const QUALITY_FLAGS = [
  /** value is NaN, ±Infinity or not a number */
  'not_finite',
  /** time (or begin) is not an ISO 8601 date-time with a time zone, or not a real calendar date */
  'invalid_time',
  /** another point has the same time; series checks use only the first of them */
  'duplicate_time',
  /** a physically non-negative quantity is negative */
  'negative',
  /** outside the plausibility range of the quantity */
  'out_of_range',
  /** looks like a dose rate sent in µSv/h but labelled nSv/h (value ×1000 is a normal background) */
  'unit_suspect',
  /** time is later than now + the clock-skew tolerance */
  'future_time',
  /** begin is not before time (end) */
  'begin_after_end',
  /** uncertainty not finite, negative, or larger than allowed relative to the value */
  'implausible_uncertainty',
  /** one value far above both neighbours and above the robust local baseline */
  'spike',
  /** part of a run of identical values in a quantity that should fluctuate */
  'flatline',
] as const;
export type QualityFlag = (typeof QUALITY_FLAGS)[number];

const NO_FLAGS: readonly QualityFlag[] = Object.freeze([]);

// ---------- time ----------

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)$/;

/**
 * Parses an ISO 8601 date-time to epoch milliseconds; null unless it has a time zone (Z or ±hh:mm) and is a real
 * calendar time. A time without zone is ambiguous (station local time or UTC?) and is refused.
 */
export function parseIsoTime(s: unknown): number | null {
  if (typeof s !== 'string' || s.length > 40) return null;
  const m = ISO_RE.exec(s);
  if (!m) return null;
  const y = +m[1]!;
  const mo = +m[2]!;
  const d = +m[3]!;
  const h = +m[4]!;
  const mi = +m[5]!;
  const sec = m[6] === undefined ? 0 : +m[6];
  const ms = m[7] === undefined ? 0 : +(m[7] + '00').slice(0, 3);
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59) return null;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (d > (mo === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[mo - 1]!)) return null;
  let offsetMin = 0;
  const zone = m[8]!;
  if (zone !== 'Z' && zone !== 'z') {
    const digits = zone.length > 3 ? zone.slice(1).replace(':', '') : zone.slice(1);
    const oh = +digits.slice(0, 2);
    const om = digits.length > 2 ? +digits.slice(2) : 0;
    if (oh > 23 || om > 59) return null;
    offsetMin = (zone.charCodeAt(0) === 45 ? -1 : 1) * (oh * 60 + om);
  }
  return Date.UTC(y, mo - 1, d, h, mi, sec, ms) - offsetMin * 60_000;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function nowMs(now: Date | string | number): number {
  const t = now instanceof Date ? now.getTime() : typeof now === 'number' ? now : parseIsoTime(now);
  if (t === null || !Number.isFinite(t)) throw new RangeError('now must be a valid time');
  return t;
}

function positive(name: string, x: number): number {
  if (typeof x !== 'number' || !Number.isFinite(x) || x <= 0) throw new RangeError(`${name} must be > 0`);
  return x;
}

function referenceFor(quantity: string): MonitoringQuantityReference {
  const ref = MONITORING_QUANTITY_REFERENCE[quantity];
  if (!ref) throw new RangeError(`unknown quantity ${quantity}`);
  return ref;
}

const isFiniteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

// ---------- per-point checks ----------

/** The value is not a finite number. */
export function isNotFinite(p: MonitoringPoint): boolean {
  return !isFiniteNumber(p.value);
}

/** Negative value of a quantity that cannot be negative (dose rate, counts, precipitation, wind). */
export function isNegative(quantity: string, p: MonitoringPoint, ref = referenceFor(quantity)): boolean {
  return ref.nonNegative && isFiniteNumber(p.value) && p.value < 0;
}

/** Outside the plausibility range of monitoring.json (bounds exclusive where the reference says so). */
export function isOutOfRange(quantity: string, p: MonitoringPoint, ref = referenceFor(quantity)): boolean {
  const v = p.value;
  if (!isFiniteNumber(v)) return false;
  const below = ref.min.exclusive ? v <= ref.min.value : v < ref.min.value;
  const above = ref.max.exclusive ? v >= ref.max.value : v > ref.max.value;
  return below || above;
}

/**
 * A dose rate below the plausible minimum whose ×1000 lies in the natural background band: most likely µSv/h sent
 * with an nSv/h label. Only this direction is checked: a value 1000× too high cannot be told from a real event.
 */
export function isUnitSuspect(quantity: string, p: MonitoringPoint, ref = referenceFor(quantity)): boolean {
  const v = p.value;
  if (!ref.typicalMax || !isFiniteNumber(v) || v <= 0 || v >= ref.min.value) return false;
  const scaled = v * 1000;
  return scaled >= ref.min.value && scaled <= ref.typicalMax.value;
}

/** time later than now + tolerance (monitoring.md §5.3 "END ≤ now + clock-skew tolerance"). */
export function isFutureTime(
  p: MonitoringPoint,
  now: Date | string | number,
  toleranceS: number = MONITORING_TIME_REFERENCE.futureToleranceS.value,
): boolean {
  const t = parseIsoTime(p.time);
  return t !== null && t > nowMs(now) + toleranceS * 1000;
}

/** begin not strictly before time (the Icelandic EURDEP date-rollover bug, monitoring.md §1.3). */
export function isBeginAfterEnd(p: MonitoringPoint): boolean {
  if (p.begin === undefined || p.begin === null) return false;
  const b = parseIsoTime(p.begin);
  const e = parseIsoTime(p.time);
  return b !== null && e !== null && b >= e;
}

/**
 * Uncertainty that cannot be right: not finite, negative, or larger than `maxRelative` × |value|
 * (the EURDEP feed with UNCERTAINTY 1.50E+10 %, monitoring.md §1.3). A missing uncertainty is not flagged;
 * the relative test is skipped when the value is 0 or not finite.
 */
export function isImplausibleUncertainty(
  p: MonitoringPoint,
  maxRelative: number = MONITORING_UNCERTAINTY_REFERENCE.maxRelative.value,
): boolean {
  const u = p.uncertainty;
  if (u === undefined || u === null) return false;
  if (!isFiniteNumber(u) || u < 0) return true;
  const v = p.value;
  if (!isFiniteNumber(v) || v === 0) return false;
  return u / Math.abs(v) > maxRelative;
}

// ---------- series checks ----------

/**
 * Indices of the points usable for series checks, in time order: finite value, valid time, and the first (in
 * input order) of any points sharing a time. Also reports which indices share a time.
 */
function seriesOrder(points: readonly MonitoringPoint[]): {
  order: Uint32Array;
  duplicate: Uint8Array;
  times: Float64Array;
} {
  const n = points.length;
  const times = new Float64Array(n);
  const valid: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = points[i]!;
    const t = typeof p?.timeMs === 'number' && Number.isFinite(p.timeMs) ? p.timeMs : parseIsoTime(p?.time);
    times[i] = t ?? NaN;
    if (t !== null) valid.push(i);
  }
  let sorted = true;
  for (let j = 1; j < valid.length; j++) {
    if (times[valid[j]!]! < times[valid[j - 1]!]!) {
      sorted = false;
      break;
    }
  }
  if (!sorted) valid.sort((a, b) => times[a]! - times[b]! || a - b);
  const duplicate = new Uint8Array(n);
  const order: number[] = [];
  for (let j = 0; j < valid.length; j++) {
    const i = valid[j]!;
    const prev = j > 0 ? valid[j - 1]! : -1;
    if (prev >= 0 && times[prev] === times[i]) {
      duplicate[prev] = 1;
      duplicate[i] = 1;
      continue; // a later copy: the first one (lowest input index, thanks to the stable tie-break) is kept
    }
    if (isFiniteNumber(points[i]!.value)) order.push(i);
  }
  // A duplicate group whose first member had a non-finite value: keep none of them (no reliable value).
  return { order: Uint32Array.from(order), duplicate, times };
}

function median(buf: Float64Array): number {
  buf.sort();
  const m = buf.length >> 1;
  return buf.length % 2 ? buf[m]! : (buf[m - 1]! + buf[m]!) / 2;
}

export interface SpikeParams {
  /** Threshold in robust standard deviations. */
  k: number;
  /** Number of neighbours each side used for the baseline. */
  halfWindow: number;
  /** Floor on σ as a fraction of the local median. */
  minRelativeSigma: number;
}

/**
 * Spike rule (monitoring.md §5.3 "single-interval jump > k·σ that reverts at the next value"):
 * x[i] is a spike when, with the baseline m = median of the up to `halfWindow` values on each side (x[i] itself
 * excluded, at least 4 of them) and σ = max(1.4826·MAD of those values, minRelativeSigma·|m|, u[i]) where u[i] is
 * the point's own plausible 1σ uncertainty (a 12-value MAD alone often underestimates the scatter),
 *   x[i] − m > k·σ  and  x[i] − x[i−1] > k·σ  and  x[i] − x[i+1] > k·σ.
 * Upward only; the first and last points are never spikes (the reversion cannot be seen). A rise that persists
 * (step, rain washout over hours, a real release) fails the "both neighbours" test and is not a spike.
 */
function spikeMaskOrdered(values: Float64Array, params: SpikeParams, uncert?: Float64Array): Uint8Array {
  const m = values.length;
  const out = new Uint8Array(m);
  const h = Math.max(1, Math.floor(params.halfWindow));
  const buf = new Float64Array(2 * h);
  for (let j = 1; j < m - 1; j++) {
    const x = values[j]!;
    const a = values[j - 1]!;
    const b = values[j + 1]!;
    if (!(x > a && x > b)) continue; // only local maxima can be spikes: skips most points cheaply
    let c = 0;
    for (let q = Math.max(0, j - h); q <= Math.min(m - 1, j + h); q++) if (q !== j) buf[c++] = values[q]!;
    if (c < 4) continue;
    const window = buf.subarray(0, c);
    const med = median(window);
    for (let q = 0; q < c; q++) window[q] = Math.abs(window[q]! - med);
    const mad = median(window);
    const sigma = Math.max(1.4826 * mad, params.minRelativeSigma * Math.abs(med), uncert?.[j] ?? 0);
    const thr = params.k * sigma;
    if (x - med > thr && x - a > thr && x - b > thr) out[j] = 1;
  }
  return out;
}

/** Runs of at least `minRun` identical consecutive values (a stuck sensor; monitoring.md §5.3). */
function flatlineMaskOrdered(values: Float64Array, minRun: number): Uint8Array {
  const m = values.length;
  const out = new Uint8Array(m);
  let start = 0;
  for (let j = 1; j <= m; j++) {
    if (j < m && values[j] === values[start]) continue;
    if (j - start >= minRun) out.fill(1, start, j);
    start = j;
  }
  return out;
}

/** Plausible 1σ uncertainty of a point, 0 when absent or implausible. */
function usableUncertainty(p: MonitoringPoint, maxRelative: number): number {
  const u = p.uncertainty;
  return typeof u === 'number' && !isImplausibleUncertainty(p, maxRelative) ? u : 0;
}

function orderedArrays(points: readonly MonitoringPoint[], order: Uint32Array) {
  const maxRelative = MONITORING_UNCERTAINTY_REFERENCE.maxRelative.value;
  const values = new Float64Array(order.length);
  const uncert = new Float64Array(order.length);
  for (let j = 0; j < order.length; j++) {
    const p = points[order[j]!]!;
    values[j] = p.value;
    uncert[j] = usableUncertainty(p, maxRelative);
  }
  return { values, uncert };
}

function seriesMask(
  points: readonly MonitoringPoint[],
  check: (values: Float64Array, uncert: Float64Array) => Uint8Array,
): boolean[] {
  const { order } = seriesOrder(points);
  const { values, uncert } = orderedArrays(points, order);
  const ordered = check(values, uncert);
  const out = new Array<boolean>(points.length).fill(false);
  for (let j = 0; j < order.length; j++) if (ordered[j]) out[order[j]!] = true;
  return out;
}

function spikeParamsFor(ref: MonitoringQuantityReference): SpikeParams | null {
  return ref.spike
    ? {
        k: ref.spike.k.value,
        halfWindow: ref.spike.halfWindow.value,
        minRelativeSigma: ref.spike.minRelativeSigma.value,
      }
    : null;
}

/** Spike mask aligned with `points`; all false for quantities without a spike rule (precipitation, wind…). */
export function spikeMask(
  quantity: string,
  points: readonly MonitoringPoint[],
  params: SpikeParams | null = spikeParamsFor(referenceFor(quantity)),
): boolean[] {
  if (!params) return new Array<boolean>(points.length).fill(false);
  return seriesMask(points, (v, u) => spikeMaskOrdered(v, params, u));
}

/** Flatline mask aligned with `points`; all false for quantities that may legitimately stay constant. */
export function flatlineMask(
  quantity: string,
  points: readonly MonitoringPoint[],
  minRun: number | null = referenceFor(quantity).flatline?.minRun.value ?? null,
): boolean[] {
  if (minRun === null) return new Array<boolean>(points.length).fill(false);
  return seriesMask(points, (v) => flatlineMaskOrdered(v, Math.max(2, minRun)));
}

export interface QualityOptions {
  now: Date | string | number;
  /** Per-station override of the quantity's reference (e.g. the probe's real measuring range). */
  reference?: MonitoringQuantityReference;
}

/** All checks; the result has one (possibly empty, frozen) flag list per input point, at the same index. */
export function qualityFlags(
  quantity: string,
  points: readonly MonitoringPoint[],
  options: QualityOptions,
): ReadonlyArray<readonly QualityFlag[]> {
  const ref = options.reference ?? referenceFor(quantity);
  const now = nowMs(options.now);
  const futureLimit = now + MONITORING_TIME_REFERENCE.futureToleranceS.value * 1000;
  const maxRelative = MONITORING_UNCERTAINTY_REFERENCE.maxRelative.value;
  const { order, duplicate, times } = seriesOrder(points);
  const { values, uncert } = orderedArrays(points, order);
  const params = spikeParamsFor(ref);
  const spikes = params ? spikeMaskOrdered(values, params, uncert) : null;
  const flat = ref.flatline ? flatlineMaskOrdered(values, Math.max(2, ref.flatline.minRun.value)) : null;
  const seriesFlags = new Uint8Array(points.length); // bit 1 spike, bit 2 flatline
  for (let j = 0; j < order.length; j++) {
    if (spikes?.[j]) seriesFlags[order[j]!]! |= 1;
    if (flat?.[j]) seriesFlags[order[j]!]! |= 2;
  }

  const out = new Array<readonly QualityFlag[]>(points.length);
  for (let i = 0; i < points.length; i++) {
    const p: MonitoringPoint = points[i] ?? { time: '', value: NaN };
    const flags: QualityFlag[] = [];
    if (isNotFinite(p)) flags.push('not_finite');
    const ti = times[i]!;
    const t = Number.isNaN(ti) ? null : ti;
    const beginInvalid = p.begin !== undefined && p.begin !== null && parseIsoTime(p.begin) === null;
    if (t === null || beginInvalid) flags.push('invalid_time');
    if (duplicate[i]) flags.push('duplicate_time');
    if (isNegative(quantity, p, ref)) flags.push('negative');
    if (isOutOfRange(quantity, p, ref)) flags.push('out_of_range');
    if (isUnitSuspect(quantity, p, ref)) flags.push('unit_suspect');
    if (t !== null && t > futureLimit) flags.push('future_time');
    if (isBeginAfterEnd(p)) flags.push('begin_after_end');
    if (isImplausibleUncertainty(p, maxRelative)) flags.push('implausible_uncertainty');
    if (seriesFlags[i]! & 1) flags.push('spike');
    if (seriesFlags[i]! & 2) flags.push('flatline');
    out[i] = flags.length ? flags : NO_FLAGS;
  }
  return out;
}

// ---------- availability ----------

/** Default N for isOffline (monitoring.json time.offlineMissedIntervals: Safecast, 2). */
export const OFFLINE_MISSED_INTERVALS: number = MONITORING_TIME_REFERENCE.offlineMissedIntervals.value;

export interface Gap {
  /** Last time present before the gap. */
  from: string;
  /** First time present after the gap. */
  to: string;
  /** Expected values missing strictly between `from` and `to`. */
  missingIntervals: number;
}

/**
 * Missing periods in a series reported every `intervalS` seconds. Invalid times are ignored; order and duplicates
 * do not matter. A step longer than gapFactor × interval (monitoring.json, 1.5) is a gap, so clock jitter is not.
 */
export function gaps(
  times: readonly string[],
  intervalS: number,
  gapFactor: number = MONITORING_TIME_REFERENCE.gapFactor.value,
): Gap[] {
  const intervalMs = positive('intervalS', intervalS) * 1000;
  const parsed: number[] = [];
  for (const s of times) {
    const t = parseIsoTime(s);
    if (t !== null) parsed.push(t);
  }
  const sorted = Float64Array.from(parsed).sort();
  const out: Gap[] = [];
  for (let j = 1; j < sorted.length; j++) {
    const a = sorted[j - 1]!;
    const b = sorted[j]!;
    const step = b - a;
    if (step > gapFactor * intervalMs) {
      out.push({
        from: new Date(a).toISOString(),
        to: new Date(b).toISOString(),
        missingIntervals: Math.max(1, Math.round(step / intervalMs) - 1),
      });
    }
  }
  return out;
}

/**
 * True when more than `missedIntervals` × `intervalS` have passed since the last value, i.e. the values due at
 * last + 1·interval … last + N·interval have all not arrived (Safecast: two missing hourly bins, monitoring.md §3.4).
 * No (or an unreadable) last time counts as offline: stale must never look normal (§5.3).
 */
export function isOffline(
  lastTime: string | null | undefined,
  intervalS: number,
  missedIntervals: number,
  now: Date | string | number,
): boolean {
  const interval = positive('intervalS', intervalS);
  const missed = positive('missedIntervals', missedIntervals);
  const current = nowMs(now);
  const last = parseIsoTime(lastTime);
  if (last === null) return true;
  return current - last > missed * interval * 1000;
}
