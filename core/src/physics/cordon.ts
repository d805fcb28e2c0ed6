/**
 * Source cordon for a lost, damaged or unshielded sealed source (shared/reference/physics.md §5.5, §5.6).
 *
 *   Ḣ(r) = Γ · A · T / r²          Ḣ in µSv/h, Γ in µSv·m²/(MBq·h) for H*(10), A in MBq, r in m
 *   T    = 10^(−x/TVL)             broad-beam tenth-value layer (NCRP 49); 2^(−x/HVL) only where no TVL is known
 *   r    = √(Γ · A · T / Ḣ_limit)   Ḣ_limit = 100 µSv/h, the IAEA inner-cordon criterion
 *
 * Why the TVL: physics.md §5.6 prefers 10^(−x/TVL) "for thick broad-beam shields". A broad-beam TVL is measured
 * through thick layers, so it carries the scattered photons (buildup) that reach the point behind a real shield; a
 * thin-shield HVL describes the first layer, and 2^(−x/HVL) (the same as 10^(−x/(3.32·HVL))) over-attenuates a
 * thick shield, i.e. under-estimates the dose rate. Where physics.md gives only an HVL the HVL is used and the
 * result carries the warning `cordon.shielding_hvl_only`.
 *
 * Air: physics.md gives no air attenuation coefficient, only that air attenuation and buildup roughly cancel out to
 * about 100 m. Air is therefore neither attenuating nor building up here (pure inverse square), which is valid to
 * about 100 m and over-estimates the dose rate beyond (the cautious side); a radius beyond that range carries the
 * warning `cordon.beyond_air_neutral_range`. Point source only: no self-absorption, no volume or area source.
 */
import {
  CORDON_CRITERION_USV_PER_H,
  CORDON_DEFAULT_RADII,
  CORDON_MODEL_REFERENCE,
  CORDON_NUCLIDE_NAMES,
  findCordonNuclide,
  type CordonNuclideReference,
  type CordonReferenceValue,
} from '../reference/cordon.js';
import { SHIELD_MATERIALS, type CordonSituation, type ShieldMaterial } from '../schemas/emergency.js';

const BQ_PER_MBQ = 1e6;
/** Largest number of distances one profile may ask for (a chart needs a few hundred). */
const MAX_PROFILE_POINTS = 10_000;
const MATERIALS: readonly ShieldMaterial[] = SHIELD_MATERIALS;
const SITUATIONS = Object.keys(CORDON_DEFAULT_RADII) as CordonSituation[];
const DEFAULT_SITUATION: CordonSituation = 'unshielded_source';

export interface ShieldingInput {
  /** 'lead' | 'steel' | 'concrete'. */
  material: string;
  thicknessCm: number;
}

export interface CordonSourceInput {
  nuclide: string;
  activityBq: number;
  shielding?: ShieldingInput | null;
}

export interface CordonRadiusInput extends CordonSourceInput {
  /** Dose-rate criterion (µSv/h); default the IAEA inner-cordon 100 µSv/h. */
  limitUSvPerH?: number;
}

export interface CordonInput extends CordonSourceInput {
  /** Situation that picks the IAEA default radius; default 'unshielded_source'. */
  situation?: CordonSituation;
}

export type CordonErrorCode =
  | 'cordon.unknown_nuclide'
  | 'cordon.invalid_activity'
  | 'cordon.invalid_shielding'
  | 'cordon.unknown_material'
  | 'cordon.no_shielding_data'
  | 'cordon.invalid_thickness'
  | 'cordon.invalid_distance'
  | 'cordon.invalid_limit'
  | 'cordon.unknown_situation';

/** Bad input: `field` names the input (dot path), `code` is stable for translation, the message says why. */
export class CordonInputError extends RangeError {
  constructor(
    readonly field: string,
    readonly code: CordonErrorCode,
    message: string,
    readonly params: Record<string, unknown> = {},
  ) {
    super(`${field}: ${message}`);
    this.name = 'CordonInputError';
  }
}

export interface ShieldTransmission {
  /** Null when unshielded. */
  material: ShieldMaterial | null;
  thicknessCm: number;
  /** Fraction of the unshielded dose rate that passes (1 when unshielded). */
  transmission: number;
  /** 'tvl' = 10^(−x/TVL) (preferred), 'hvl' = 2^(−x/HVL) (only an HVL is known), 'none' = unshielded. */
  method: 'tvl' | 'hvl' | 'none';
  /** The TVL or HVL used (cm), with its source; null when unshielded. */
  layer: CordonReferenceValue | null;
}

export interface CordonMessage {
  code: string;
  params: Record<string, unknown>;
}

export interface CordonProfilePoint {
  distanceM: number;
  doseRateUSvPerH: number;
}

export interface CordonCalculation {
  /** The nuclide as the data writes it (`Cs-137`). */
  nuclide: string;
  activityBq: number;
  /** Γ for H*(10) used, µSv·m²/(MBq·h), with its source. */
  gammaHStar10: CordonReferenceValue;
  shielding: ShieldTransmission;
  /** Ambient dose-equivalent rate H*(10) at 1 m (µSv/h), shield included. */
  doseRateAt1mUSvPerH: number;
  /** Distance (m) at which the H*(10) rate falls to the criterion. */
  radiusM: number;
  /** The criterion used (µSv/h): 100, IAEA inner cordon. */
  criterionUSvPerH: number;
  situation: CordonSituation;
  /** IAEA default inner-cordon radius for the situation (m). */
  defaultRadiusM: number;
  /** True when the computed radius is larger than the default: cordon at the computed radius. */
  exceedsDefault: boolean;
  warnings: CordonMessage[];
  /** Codes of the assumptions behind the numbers, to be shown with them. */
  assumptions: string[];
}

function nuclideOf(name: unknown): CordonNuclideReference {
  const found = typeof name === 'string' ? findCordonNuclide(name) : null;
  if (!found) {
    throw new CordonInputError(
      'nuclide',
      'cordon.unknown_nuclide',
      `no gamma constant for ${JSON.stringify(String(name)).slice(0, 40)}; known: ${CORDON_NUCLIDE_NAMES.join(', ')}`,
      { nuclide: String(name).slice(0, 40), known: CORDON_NUCLIDE_NAMES },
    );
  }
  return found;
}

function checkActivity(activityBq: unknown): number {
  if (typeof activityBq !== 'number' || !Number.isFinite(activityBq) || activityBq <= 0) {
    throw new CordonInputError(
      'activityBq',
      'cordon.invalid_activity',
      'must be a finite number of becquerel greater than 0',
      {
        activityBq,
      },
    );
  }
  return activityBq;
}

function checkDistance(distanceM: unknown, field: string): number {
  if (typeof distanceM !== 'number' || !Number.isFinite(distanceM) || distanceM <= 0) {
    throw new CordonInputError(
      field,
      'cordon.invalid_distance',
      'must be a finite distance in metres greater than 0',
      {
        distanceM,
      },
    );
  }
  return distanceM;
}

function transmissionFor(
  ref: CordonNuclideReference,
  shielding: ShieldingInput | null | undefined,
): ShieldTransmission {
  if (shielding === undefined || shielding === null) {
    return { material: null, thicknessCm: 0, transmission: 1, method: 'none', layer: null };
  }
  if (typeof shielding !== 'object') {
    throw new CordonInputError('shielding', 'cordon.invalid_shielding', 'must be { material, thicknessCm }');
  }
  const raw: unknown = shielding.material;
  const material = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (!MATERIALS.includes(material as ShieldMaterial)) {
    throw new CordonInputError(
      'shielding.material',
      'cordon.unknown_material',
      `unknown shielding material ${JSON.stringify(String(raw)).slice(0, 40)}; known: ${MATERIALS.join(', ')}`,
      { material: String(raw).slice(0, 40), known: MATERIALS },
    );
  }
  const x: unknown = shielding.thicknessCm;
  if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
    throw new CordonInputError(
      'shielding.thicknessCm',
      'cordon.invalid_thickness',
      'must be a finite thickness in centimetres, 0 or more',
      { thicknessCm: x },
    );
  }
  const mat = material as ShieldMaterial;
  const layers = ref.shielding[mat];
  if (layers.tvlCm) {
    return {
      material: mat,
      thicknessCm: x,
      transmission: Math.pow(10, -x / layers.tvlCm.value),
      method: 'tvl',
      layer: layers.tvlCm,
    };
  }
  if (layers.hvlCm) {
    return {
      material: mat,
      thicknessCm: x,
      transmission: Math.pow(2, -x / layers.hvlCm.value),
      method: 'hvl',
      layer: layers.hvlCm,
    };
  }
  throw new CordonInputError(
    'shielding.material',
    'cordon.no_shielding_data',
    `no HVL/TVL for ${ref.name} in ${mat} in the reference data; compute unshielded or measure`,
    { nuclide: ref.name, material: mat },
  );
}

/** Transmission of a shield for a nuclide's photons (1 when unshielded). Throws CordonInputError on bad input. */
export function shieldTransmission(nuclide: string, shielding?: ShieldingInput | null): ShieldTransmission {
  return transmissionFor(nuclideOf(nuclide), shielding);
}

function rateAt1m(ref: CordonNuclideReference, activityBq: number, t: ShieldTransmission): number {
  return (ref.gammaHStar10.value * activityBq * t.transmission) / BQ_PER_MBQ;
}

/** Ambient dose-equivalent rate H*(10) (µSv/h) at distanceM metres from a point source, behind an optional shield. */
export function doseRateAt(
  nuclide: string,
  activityBq: number,
  distanceM: number,
  shielding?: ShieldingInput | null,
): number {
  const ref = nuclideOf(nuclide);
  const a = checkActivity(activityBq);
  const r = checkDistance(distanceM, 'distanceM');
  return rateAt1m(ref, a, transmissionFor(ref, shielding)) / (r * r);
}

function checkLimit(limit: unknown): number {
  if (typeof limit !== 'number' || !Number.isFinite(limit) || limit <= 0) {
    throw new CordonInputError(
      'limitUSvPerH',
      'cordon.invalid_limit',
      'must be a finite dose rate in µSv/h greater than 0',
      {
        limitUSvPerH: limit,
      },
    );
  }
  return limit;
}

/** Distance (m) at which the H*(10) rate falls to limitUSvPerH (default 100 µSv/h, IAEA inner cordon). */
export function cordonRadius(input: CordonRadiusInput): number {
  const ref = nuclideOf(input.nuclide);
  const a = checkActivity(input.activityBq);
  const limit = checkLimit(input.limitUSvPerH ?? CORDON_CRITERION_USV_PER_H.value);
  return Math.sqrt(rateAt1m(ref, a, transmissionFor(ref, input.shielding)) / limit);
}

/** H*(10) rate (µSv/h) at each distance (m), for the dose-rate-against-distance chart. */
export function doseRateProfile(
  input: CordonSourceInput,
  distancesM: readonly number[],
): CordonProfilePoint[] {
  const ref = nuclideOf(input.nuclide);
  const a = checkActivity(input.activityBq);
  const at1m = rateAt1m(ref, a, transmissionFor(ref, input.shielding));
  if (!Array.isArray(distancesM) || distancesM.length > MAX_PROFILE_POINTS) {
    throw new CordonInputError(
      'distances',
      'cordon.invalid_distance',
      `must be a list of at most ${MAX_PROFILE_POINTS} distances`,
      { max: MAX_PROFILE_POINTS },
    );
  }
  return distancesM.map((d, i) => {
    const r = checkDistance(d, `distances[${i}]`);
    return { distanceM: r, doseRateUSvPerH: at1m / (r * r) };
  });
}

/**
 * The cordon for the API and the page: H*(10) rate at 1 m, the 100 µSv/h radius, the IAEA default radius for the
 * situation and whether the computed radius exceeds it, with warnings and the assumptions behind the numbers.
 */
export function cordon(input: CordonInput): CordonCalculation {
  const ref = nuclideOf(input.nuclide);
  const a = checkActivity(input.activityBq);
  const situation = input.situation ?? DEFAULT_SITUATION;
  if (!SITUATIONS.includes(situation)) {
    throw new CordonInputError(
      'situation',
      'cordon.unknown_situation',
      `unknown situation ${JSON.stringify(String(situation)).slice(0, 40)}; known: ${SITUATIONS.join(', ')}`,
      { situation: String(situation).slice(0, 40), known: SITUATIONS },
    );
  }
  const shield = transmissionFor(ref, input.shielding);
  const criterion = CORDON_CRITERION_USV_PER_H.value;
  const at1m = rateAt1m(ref, a, shield);
  const radiusM = Math.sqrt(at1m / criterion);
  const defaultRadiusM = CORDON_DEFAULT_RADII[situation].value;
  const exceedsDefault = radiusM > defaultRadiusM;

  const warnings: CordonMessage[] = [];
  if (exceedsDefault) {
    warnings.push({ code: 'cordon.exceeds_default', params: { radiusM, defaultRadiusM, situation } });
  }
  const airRange = CORDON_MODEL_REFERENCE.airNeutralRangeM.value;
  if (radiusM > airRange) {
    warnings.push({ code: 'cordon.beyond_air_neutral_range', params: { radiusM, validUpToM: airRange } });
  }
  if (shield.method === 'hvl' && shield.layer) {
    warnings.push({
      code: 'cordon.shielding_hvl_only',
      params: { nuclide: ref.name, material: shield.material, hvlCm: shield.layer.value },
    });
  }
  const toVerify: string[] = [];
  if (ref.gammaHStar10.status !== 'verified') toVerify.push('gamma');
  if (shield.layer && shield.layer.status !== 'verified')
    toVerify.push(`${shield.material}.${shield.method}`);
  if (toVerify.length > 0) {
    warnings.push({ code: 'cordon.data_to_verify', params: { nuclide: ref.name, items: toVerify } });
  }

  const assumptions = [
    'cordon.point_source_inverse_square',
    'cordon.ambient_dose_equivalent',
    'cordon.air_neutral',
    shield.method === 'none'
      ? 'cordon.unshielded'
      : shield.method === 'tvl'
        ? 'cordon.shield_broad_beam_tvl'
        : 'cordon.shield_hvl',
  ];

  return {
    nuclide: ref.name,
    activityBq: a,
    gammaHStar10: ref.gammaHStar10,
    shielding: shield,
    doseRateAt1mUSvPerH: at1m,
    radiusM,
    criterionUSvPerH: criterion,
    situation,
    defaultRadiusM,
    exceedsDefault,
    warnings,
    assumptions,
  };
}
