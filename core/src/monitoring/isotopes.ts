/**
 * Stable isotopes of river water (δ¹⁸O, δ²H in ‰ vs VSMOW; tritium in TU): the Global Meteoric Water Line
 * (Craig 1961), the deuterium excess (Dansgaard 1964), a river's own least-squares line, and outlier flags.
 *
 * Flags never change or drop a sample; they say why it deserves a look. Isotope flags are hydrological anomaly
 * flags, not radiological alarms (shared/reference/monitoring.md §6). Every number comes from
 * core/src/reference/isotopes.json with its source.
 */
import {
  ISOTOPE_D_EXCESS,
  ISOTOPE_GMWL,
  ISOTOPE_OUTLIER_REFERENCE,
  ISOTOPE_PLAUSIBILITY,
  ISOTOPE_UNCERTAINTY_REFERENCE,
} from '../reference/isotopes.js';

export const ISOTOPE_FLAGS = [
  /** δ¹⁸O outside the plausibility range of river water of the province */
  'd18o_out_of_range',
  /** δ²H outside the plausibility range */
  'd2h_out_of_range',
  /** tritium outside the plausibility range (above it: unusual for river water, possibly artificial) */
  'tritium_out_of_range',
  /** the lab's stated uncertainty of δ¹⁸O or δ²H is larger than allowed */
  'uncertainty_high',
  /** robust z-score of the d-excess, within the river's samples, beyond the limit */
  'd_excess_outlier',
  /** robust z-score of the distance from the river's own δ²H–δ¹⁸O line beyond the limit */
  'line_residual_outlier',
] as const;
export type IsotopeFlag = (typeof ISOTOPE_FLAGS)[number];

/** The measured values of one sample; null or undefined = not measured. */
export interface IsotopeValues {
  d18o?: number | null;
  d2h?: number | null;
  tritiumTu?: number | null;
  /** 1σ uncertainties as the lab states them, same unit as the value. */
  d18oUnc?: number | null;
  d2hUnc?: number | null;
  tritiumUnc?: number | null;
}

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** δ²H on the Global Meteoric Water Line for a δ¹⁸O (‰): 8·δ¹⁸O + 10 (Craig 1961). */
export function gmwlD2h(d18o: number): number {
  return ISOTOPE_GMWL.slope.value * d18o + ISOTOPE_GMWL.intercept.value;
}

/** Deuterium excess d = δ²H − 8·δ¹⁸O (Dansgaard 1964), ‰; null unless both values are known. */
export function deuteriumExcess(
  d2h: number | null | undefined,
  d18o: number | null | undefined,
): number | null {
  if (!finite(d2h) || !finite(d18o)) return null;
  return d2h - ISOTOPE_D_EXCESS.slope.value * d18o;
}

/**
 * Standard uncertainty of d from the two independent uncertainties (first-order propagation, GUM):
 * u(d) = √(u(δ²H)² + 8²·u(δ¹⁸O)²). Null unless both are known.
 */
export function deuteriumExcessUncertainty(
  d2hUnc: number | null | undefined,
  d18oUnc: number | null | undefined,
): number | null {
  if (!finite(d2hUnc) || !finite(d18oUnc) || d2hUnc < 0 || d18oUnc < 0) return null;
  const k = ISOTOPE_D_EXCESS.slope.value;
  return Math.sqrt(d2hUnc * d2hUnc + k * k * d18oUnc * d18oUnc);
}

/** An ordinary least-squares line y = slope·x + intercept. */
export interface RegressionLine {
  slope: number;
  intercept: number;
  /** Coefficient of determination (0…1). */
  r2: number;
  /** Number of points it was fitted to. */
  n: number;
  /** Standard error of the slope (null with only two points). */
  slopeSe: number | null;
}

/**
 * Least-squares fit of y on x. Null with fewer than 2 finite pairs or when all x are equal. Sums are taken about
 * the means, which keeps precision for data far from the origin.
 */
export function fitLeastSquaresLine(xs: readonly number[], ys: readonly number[]): RegressionLine | null {
  const px: number[] = [];
  const py: number[] = [];
  for (let i = 0; i < Math.min(xs.length, ys.length); i += 1) {
    const x = xs[i];
    const y = ys[i];
    if (finite(x) && finite(y)) {
      px.push(x);
      py.push(y);
    }
  }
  const n = px.length;
  if (n < 2) return null;
  const mx = px.reduce((s, v) => s + v, 0) / n;
  const my = py.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = px[i]! - mx;
    const dy = py[i]! - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  // All x equal (up to rounding of the mean): no line.
  const tolerance = 1e-9 * Math.max(1, Math.abs(mx));
  if (sxx <= n * tolerance * tolerance) return null;
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const r2 = syy === 0 ? 1 : Math.min(1, (sxy * sxy) / (sxx * syy));
  let slopeSe: number | null = null;
  if (n > 2) {
    const sse = Math.max(0, syy - slope * sxy);
    slopeSe = Math.sqrt(sse / (n - 2) / sxx);
  }
  return { slope, intercept, r2, n, slopeSe };
}

function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Robust spread of a baseline: median and σ estimated as MAD/0.6745 (Iglewicz & Hoaglin 1993), never below
 * `minSigma` (the analytical uncertainty: a river whose values agree better than the lab can measure must not
 * flag noise).
 */
export function robustSpread(
  baseline: readonly number[],
  minSigma = 0,
): { median: number; sigma: number } | null {
  const values = baseline.filter(finite);
  if (values.length === 0) return null;
  const m = median(values);
  const mad = median(values.map((v) => Math.abs(v - m)));
  const sigma = Math.max(mad / ISOTOPE_OUTLIER_REFERENCE.madScale.value, minSigma);
  return { median: m, sigma };
}

/**
 * Modified z-scores (Iglewicz & Hoaglin 1993): 0.6745·(x − median)/MAD of the baseline, for each value.
 * NaN for a value that is not finite, or when σ is 0.
 */
export function modifiedZScores(
  values: readonly number[],
  minSigma = 0,
  baseline: readonly number[] = values,
): number[] {
  const centre = robustSpread(baseline, minSigma);
  return values.map((v) =>
    centre && finite(v) && centre.sigma > 0 ? (v - centre.median) / centre.sigma : Number.NaN,
  );
}

function outside(range: { min: { value: number }; max: { value: number } }, v: number): boolean {
  return v < range.min.value || v > range.max.value;
}

/** The flags that depend on one sample alone: plausibility ranges and stated uncertainties. */
export function isotopeSampleFlags(s: IsotopeValues): IsotopeFlag[] {
  const flags: IsotopeFlag[] = [];
  if (finite(s.d18o) && outside(ISOTOPE_PLAUSIBILITY.d18o, s.d18o)) flags.push('d18o_out_of_range');
  if (finite(s.d2h) && outside(ISOTOPE_PLAUSIBILITY.d2h, s.d2h)) flags.push('d2h_out_of_range');
  if (finite(s.tritiumTu) && outside(ISOTOPE_PLAUSIBILITY.tritiumTu, s.tritiumTu))
    flags.push('tritium_out_of_range');
  if (
    (finite(s.d18oUnc) && s.d18oUnc > ISOTOPE_UNCERTAINTY_REFERENCE.maxD18o.value) ||
    (finite(s.d2hUnc) && s.d2hUnc > ISOTOPE_UNCERTAINTY_REFERENCE.maxD2h.value)
  )
    flags.push('uncertainty_high');
  return flags;
}

export interface IsotopeGroupOptions {
  /** |robust z| beyond which a sample is an outlier (default from isotopes.json). */
  robustZ?: number;
  /** Fewest paired samples for the statistical flags (default from isotopes.json). */
  minSamples?: number;
}

export interface IsotopeGroupAnalysis {
  /** Samples given. */
  n: number;
  /** Samples with both δ¹⁸O and δ²H. */
  paired: number;
  /**
   * The group's own δ²H–δ¹⁸O line: least squares over the paired samples inside the plausibility ranges and
   * without statistical flags. Null with fewer than 3 such samples or no spread in δ¹⁸O.
   */
  line: RegressionLine | null;
  /** Per sample, in input order. */
  dExcess: Array<number | null>;
  /** δ²H − (slope·δ¹⁸O + intercept) of the final line. */
  residual: Array<number | null>;
  zDExcess: Array<number | null>;
  zResidual: Array<number | null>;
  flags: IsotopeFlag[][];
  /** Means over the samples without any flag (null when none). */
  meanD18o: number | null;
  meanD2h: number | null;
  meanDExcess: number | null;
  meanTritiumTu: number | null;
  /** Samples with at least one flag. */
  flagged: number;
}

const mean = (values: number[]): number | null =>
  values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;

/**
 * Analyses the samples of one river (or one sampling point): d-excess, the local line and the flags.
 *
 * Baseline = the paired samples inside the plausibility ranges. With at least `minSamples` of them:
 * - `d_excess_outlier`: |robust z| of d against the baseline's d-excess > limit;
 * - `line_residual_outlier`: |robust z| of the residual from a first least-squares line (baseline without the
 *   d-excess outliers) > limit.
 * The reported line is fitted to the baseline without either kind of outlier, so one mistyped or evaporated
 * sample does not tilt it; with fewer samples it is the least-squares line of the whole baseline.
 * σ floors are the typical analytical uncertainties propagated to d and to the residual.
 */
export function analyseIsotopeGroup(
  samples: readonly IsotopeValues[],
  options: IsotopeGroupOptions = {},
): IsotopeGroupAnalysis {
  const limit = options.robustZ ?? ISOTOPE_OUTLIER_REFERENCE.robustZ.value;
  const minSamples = options.minSamples ?? ISOTOPE_OUTLIER_REFERENCE.minSamples.value;
  const u18 = ISOTOPE_UNCERTAINTY_REFERENCE.typicalD18o.value;
  const u2 = ISOTOPE_UNCERTAINTY_REFERENCE.typicalD2h.value;
  const k = ISOTOPE_D_EXCESS.slope.value;

  const flags = samples.map(isotopeSampleFlags);
  const dExcess = samples.map((s) => deuteriumExcess(s.d2h, s.d18o));
  const pairedIdx = samples.flatMap((s, i) => (finite(s.d18o) && finite(s.d2h) ? [i] : []));
  const baseIdx = pairedIdx.filter(
    (i) => !flags[i]!.includes('d18o_out_of_range') && !flags[i]!.includes('d2h_out_of_range'),
  );
  const x = (i: number) => samples[i]!.d18o as number;
  const y = (i: number) => samples[i]!.d2h as number;

  const zDExcess: Array<number | null> = samples.map(() => null);
  const zResidual: Array<number | null> = samples.map(() => null);
  // A line through two points says nothing about the river: at least three.
  const fit = (idx: number[]) => (idx.length >= 3 ? fitLeastSquaresLine(idx.map(x), idx.map(y)) : null);
  let line = fit(baseIdx);
  const statistical = baseIdx.length >= minSamples;

  if (statistical) {
    const dBase = baseIdx.map((i) => dExcess[i]!);
    const zs = modifiedZScores(
      pairedIdx.map((i) => dExcess[i]!),
      Math.sqrt(u2 * u2 + k * k * u18 * u18),
      dBase,
    );
    pairedIdx.forEach((i, j) => {
      const z = zs[j]!;
      zDExcess[i] = Number.isFinite(z) ? z : null;
      if (Number.isFinite(z) && Math.abs(z) > limit) flags[i]!.push('d_excess_outlier');
    });
    // First-pass line without the d-excess outliers: one far-off sample has the leverage to pull an ordinary
    // least-squares line onto itself and hide its own residual.
    const notDOutlier = baseIdx.filter((i) => !flags[i]!.includes('d_excess_outlier'));
    const line0 = fit(notDOutlier) ?? line;
    if (line0) {
      const r0 = (i: number) => y(i) - (line0.slope * x(i) + line0.intercept);
      const zr = modifiedZScores(
        pairedIdx.map(r0),
        Math.sqrt(u2 * u2 + line0.slope * line0.slope * u18 * u18),
        notDOutlier.map(r0),
      );
      pairedIdx.forEach((i, j) => {
        const z = zr[j]!;
        zResidual[i] = Number.isFinite(z) ? z : null;
        if (Number.isFinite(z) && Math.abs(z) > limit) flags[i]!.push('line_residual_outlier');
      });
      const kept = notDOutlier.filter((i) => !flags[i]!.includes('line_residual_outlier'));
      line = fit(kept) ?? line0;
    }
  }

  const residual = samples.map((s) =>
    line && finite(s.d18o) && finite(s.d2h) ? s.d2h - (line.slope * s.d18o + line.intercept) : null,
  );
  const clean = samples.flatMap((s, i) => (flags[i]!.length === 0 ? [{ s, d: dExcess[i] }] : []));
  return {
    n: samples.length,
    paired: pairedIdx.length,
    line,
    dExcess,
    residual,
    zDExcess,
    zResidual,
    flags,
    meanD18o: mean(clean.flatMap(({ s }) => (finite(s.d18o) ? [s.d18o] : []))),
    meanD2h: mean(clean.flatMap(({ s }) => (finite(s.d2h) ? [s.d2h] : []))),
    meanDExcess: mean(clean.flatMap(({ d }) => (finite(d) ? [d] : []))),
    meanTritiumTu: mean(clean.flatMap(({ s }) => (finite(s.tritiumTu) ? [s.tritiumTu] : []))),
    flagged: flags.filter((f) => f.length > 0).length,
  };
}
