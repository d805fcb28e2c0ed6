/**
 * The cordon page's arithmetic that is not physics: activity units converted at the edge, the computation wrapped
 * so bad input becomes a translated message, readable dose rates and distances, and the distances of the chart.
 */
import {
  cordon,
  doseRateProfile,
  CordonInputError,
  type CordonCalculation,
  type CordonProfilePoint,
  type CordonSituation,
  type ShieldMaterial,
} from '@sievert/core';
import { BQ_PER_CI } from '../registry/format';

/** Units a responder may type an activity in, with their factor to becquerels. */
export const CORDON_ACTIVITY_UNITS = [
  ['Bq', 1],
  ['GBq', 1e9],
  ['TBq', 1e12],
  ['Ci', BQ_PER_CI],
  ['mCi', BQ_PER_CI / 1e3],
] as const;
export type CordonActivityUnit = (typeof CORDON_ACTIVITY_UNITS)[number][0];

export function toBecquerel(value: number, unit: CordonActivityUnit): number {
  const factor = CORDON_ACTIVITY_UNITS.find(([name]) => name === unit)?.[1] ?? 1;
  return value * factor;
}

export interface CordonFormState {
  nuclide: string;
  activity: number | null;
  unit: CordonActivityUnit;
  material: ShieldMaterial | null;
  thicknessCm: number | null;
  situation: CordonSituation;
}

export type CordonOutcome =
  | { ok: true; result: CordonCalculation; profile: CordonProfilePoint[] }
  | { ok: false; field: string; code: string; params: Record<string, unknown> };

/** Points of the dose-rate curve (log-spaced). */
const PROFILE_POINTS = 160;

/**
 * Log-spaced distances over whole decades: from a tenth of the smaller radius (at most 0.1 m) to five times the
 * larger one (at least 100 m), so both radii sit well inside the chart.
 */
export function profileDistances(radiusM: number, defaultRadiusM: number): number[] {
  const a = Math.floor(Math.log10(Math.min(0.1, Math.min(radiusM, defaultRadiusM) / 10)));
  const b = Math.ceil(Math.log10(Math.max(100, Math.max(radiusM, defaultRadiusM) * 5)));
  return Array.from({ length: PROFILE_POINTS }, (_, i) => 10 ** (a + ((b - a) * i) / (PROFILE_POINTS - 1)));
}

/** The cordon for the form, or the reason it cannot be computed (nothing typed yet counts as no activity). */
export function computeCordon(form: CordonFormState): CordonOutcome {
  const shielding =
    form.material && form.thicknessCm !== null
      ? { material: form.material, thicknessCm: form.thicknessCm }
      : null;
  try {
    const activityBq = form.activity === null ? Number.NaN : toBecquerel(form.activity, form.unit);
    const result = cordon({ nuclide: form.nuclide, activityBq, shielding, situation: form.situation });
    const profile = doseRateProfile(
      { nuclide: form.nuclide, activityBq, shielding },
      profileDistances(result.radiusM, result.defaultRadiusM),
    );
    return { ok: true, result, profile };
  } catch (error) {
    if (error instanceof CordonInputError) {
      return { ok: false, field: error.field, code: error.code, params: error.params };
    }
    throw error;
  }
}

/** The stable code without its `cordon.` prefix, as the translation keys spell it. */
export function messageKey(code: string): string {
  return code.startsWith('cordon.') ? code.slice('cordon.'.length) : code;
}

/** Decimals that keep three significant digits (none for 100 and more). */
export function significantDigits(value: number): number {
  if (!Number.isFinite(value) || value === 0) return 0;
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  return Math.max(0, Math.min(6, 2 - magnitude));
}

type NumberFormat = (value: number, digits?: number) => string;

/** A dose rate in µSv/h, mSv/h or Sv/h, whichever keeps the number readable: "92,6 mSv/h". */
export function formatDoseRateUSvPerH(uSvPerH: number, number: NumberFormat): string {
  const [value, unit] =
    uSvPerH >= 1e6 ? [uSvPerH / 1e6, 'Sv/h'] : uSvPerH >= 1e3 ? [uSvPerH / 1e3, 'mSv/h'] : [uSvPerH, 'µSv/h'];
  return `${number(value, significantDigits(value))} ${unit}`;
}

/** A distance in metres with three significant digits: "30,4", "2,11", "1.230". */
export function formatMetres(m: number, number: NumberFormat): string {
  return number(m, significantDigits(m));
}
