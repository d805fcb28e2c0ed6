/**
 * Source-cordon reference data (shared/reference/physics.md §5.5, §5.6): point-source gamma constants Γ for H*(10),
 * broad-beam HVL/TVL of lead, steel and concrete, the IAEA 100 µSv/h inner-cordon criterion and the IAEA default
 * inner-cordon radii. The numbers live in cordon.json, never in code.
 */
import type { CordonSituation, ShieldMaterial } from '../schemas/emergency.js';
import data from './cordon.json' with { type: 'json' };

export type CordonReferenceStatus = 'verified' | 'to_verify';
/** The tag physics.md gives the number: V read in the source, C computed there, M from memory, '' untagged. */
export type CordonReferenceMarker = 'V' | 'C' | 'M' | '';

export interface CordonReferenceValue {
  value: number;
  marker: CordonReferenceMarker;
  source: string;
  status: CordonReferenceStatus;
}

export interface CordonDefaultRadius extends CordonReferenceValue {
  /** The situation as IAEA EPR-FIRST RESPONDERS 2006 Table 1 words it. */
  description: string;
}

/** Half- and tenth-value layers (cm); null where physics.md gives no value. */
export interface ShieldLayers {
  hvlCm: CordonReferenceValue | null;
  tvlCm: CordonReferenceValue | null;
}

export interface CordonNuclideReference {
  name: string;
  note?: string;
  /** Γ for the ambient dose equivalent H*(10), µSv·m²/(MBq·h). */
  gammaHStar10: CordonReferenceValue;
  /** Γ for air kerma, µGy·m²/(MBq·h) (cross-check only). */
  gammaAirKerma: CordonReferenceValue;
  /** Classic exposure-rate constant Γ_X, R·cm²/(mCi·h) (cross-check only). */
  gammaExposureClassic: CordonReferenceValue;
  shielding: Record<ShieldMaterial, ShieldLayers>;
}

export const CORDON_REFERENCE_EDITION: string = data.edition;
export const CORDON_REFERENCE_SOURCES: Readonly<Record<string, string>> = data.sources;

/** The IAEA inner-cordon criterion: ambient dose-equivalent rate 100 µSv/h. */
export const CORDON_CRITERION_USV_PER_H: CordonReferenceValue = data.criterion
  .doseRateUSvPerH as CordonReferenceValue;

export const CORDON_MODEL_REFERENCE: {
  /** Distance (m) up to which air attenuation and buildup roughly cancel (physics.md §5.6). */
  airNeutralRangeM: CordonReferenceValue;
  /** 1 R·cm²/(mCi·h) in µGy·m²/(MBq·h). */
  exposureToAirKermaGamma: CordonReferenceValue;
} = data.model as never;

/** IAEA EPR-FIRST RESPONDERS 2006 Table 1 default inner-cordon radii (m) by situation. */
export const CORDON_DEFAULT_RADII: Readonly<Record<CordonSituation, CordonDefaultRadius>> =
  data.defaultRadii as Record<CordonSituation, CordonDefaultRadius>;

export const CORDON_NUCLIDES: ReadonlyArray<CordonNuclideReference> =
  data.nuclides as unknown as CordonNuclideReference[];

export const CORDON_NUCLIDE_NAMES: readonly string[] = CORDON_NUCLIDES.map((n) => n.name);

const BY_NAME = new Map(CORDON_NUCLIDES.map((n) => [n.name.toLowerCase(), n]));

/** Finds a nuclide's cordon data by its written name (`Cs-137`, `cs-137`); null when the data does not know it. */
export function findCordonNuclide(name: string): CordonNuclideReference | null {
  return BY_NAME.get(name.trim().toLowerCase()) ?? null;
}
