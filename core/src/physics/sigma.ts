/**
 * Dispersion coefficients σy and σz (metres) for a continuous plume, by stability class and downwind distance.
 * Three selectable sets (the choice must be shown with every result):
 * - `pg-isc3`: Pasquill–Gifford curves as fitted in EPA ISC3 (EPA-454/B-95-003b Vol. II, Tables 1-1 and 1-2), rural;
 * - `briggs-rural`, `briggs-urban`: Briggs (1973) as tabulated by Gifford (1976).
 * Coefficients live in core/src/reference/dispersion.json. Pure functions, no I/O: run in Node and the browser.
 */
import type { SigmaSetReference, StabilityClass } from '../reference/dispersion.js';
import { SIGMA_SET_REFERENCE, STABILITY_CLASSES } from '../reference/dispersion.js';

export const SIGMA_SETS = ['pg-isc3', 'briggs-rural', 'briggs-urban'] as const;
export type SigmaSet = (typeof SIGMA_SETS)[number];

/** The σ set used when the user chooses none (issue 5: ISC3 PG rural is the default). */
export const DEFAULT_SIGMA_SET: SigmaSet = 'pg-isc3';

export function isSigmaSet(value: unknown): value is SigmaSet {
  return typeof value === 'string' && (SIGMA_SETS as readonly string[]).includes(value);
}

export function isStabilityClass(value: unknown): value is StabilityClass {
  return typeof value === 'string' && (STABILITY_CLASSES as readonly string[]).includes(value);
}

/** Label, validity range and source of a σ set, for display next to results. */
export function sigmaSetInfo(set: SigmaSet): {
  label: string;
  validityM: { min: number; max: number };
  source: string;
} {
  const ref = reference(set);
  return {
    label: ref.label,
    validityM: { min: ref.validity.minM, max: ref.validity.maxM },
    source: ref.source,
  };
}

function reference(set: unknown): SigmaSetReference {
  if (!isSigmaSet(set)) {
    throw new RangeError(`set must be one of ${SIGMA_SETS.join(', ')} (got ${JSON.stringify(set)})`);
  }
  return SIGMA_SET_REFERENCE[set];
}

function checkArgs(stability: unknown, xM: unknown): asserts stability is StabilityClass {
  if (!isStabilityClass(stability)) {
    throw new RangeError(
      `stability must be one of ${STABILITY_CLASSES.join(', ')} (got ${JSON.stringify(stability)})`,
    );
  }
  if (typeof xM !== 'number' || !Number.isFinite(xM) || xM <= 0) {
    throw new RangeError(`xM must be a finite downwind distance > 0 m (got ${String(xM)})`);
  }
}

const briggs = (k: { a: number; b: number; c: number }, x: number): number =>
  k.a * x * Math.pow(1 + k.b * x, k.c);

/** Horizontal dispersion coefficient σy in metres at downwind distance `xM` (metres, > 0). */
export function sigmaY(set: SigmaSet, stability: StabilityClass, xM: number): number {
  const ref = reference(set);
  checkArgs(stability, xM);
  const sy = ref.sigmaY;
  if (sy.form === 'briggs') return briggs(sy.classes[stability], xM);
  const k = sy.classes[stability];
  const xKm = xM / 1000;
  const th = sy.degToRad.value * (k.c - k.d * Math.log(xKm));
  return sy.constant.value * xKm * Math.tan(th);
}

/** Vertical dispersion coefficient σz in metres at downwind distance `xM` (metres, > 0); ISC3 caps at 5000 m for A, B. */
export function sigmaZ(set: SigmaSet, stability: StabilityClass, xM: number): number {
  const ref = reference(set);
  checkArgs(stability, xM);
  const sz = ref.sigmaZ;
  if (sz.form === 'briggs') return briggs(sz.classes[stability], xM);
  const xKm = xM / 1000;
  const pieces = sz.classes[stability].pieces;
  const piece = pieces.find((p) => p.maxKm === null || xKm <= p.maxKm) ?? pieces[pieces.length - 1]!;
  const value = piece.a * Math.pow(xKm, piece.b);
  return sz.capM.classes.includes(stability) ? Math.min(value, sz.capM.value) : value;
}
