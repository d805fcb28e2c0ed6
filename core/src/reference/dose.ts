/**
 * Dose-coefficient reference data (ICRP 72 inhalation, FGR 15 external, breathing rates, progeny) with sources.
 * The numbers live in dose.json, never in code. A coefficient that the reference does not give is absent:
 * the dose functions in physics/dose.ts report the pathway as missing instead of guessing.
 */
import data from './dose.json' with { type: 'json' };
import { findNuclide, SECONDS_PER, type TimeUnit } from './nuclides.js';

export type DoseReferenceStatus = 'verified' | 'to_verify';
export type DoseAgeGroup = 'infant' | '1y' | '5y' | '10y' | '15y' | 'adult';
/** ICRP 66 lung absorption types, plus iodine vapour forms: V = elemental I2, CH3I = methyl iodide. */
export type LungAbsorptionType = 'F' | 'M' | 'S' | 'V' | 'CH3I';

export interface DoseReferenceValue {
  value: number;
  source: string;
  status: DoseReferenceStatus;
}

export interface AgeCoefficientTable {
  source: string;
  status: DoseReferenceStatus;
  /** Sv/Bq by age group; an age group that is absent has no published value in the reference. */
  values: Partial<Record<DoseAgeGroup, number>>;
}

export interface ExternalCoefficient extends DoseReferenceValue {
  /** Age-specific values where the reference gives them; other ages use the adult value (flagged in results). */
  byAge?: Partial<Record<DoseAgeGroup, number>>;
  byAgeSource?: string;
}

export interface ProgenyLink {
  nuclide: string;
  /** Activity of the daughter per activity of the parent in equilibrium (branching fraction). */
  branching: number;
  source: string;
  status: DoseReferenceStatus;
}

export interface NuclideDoseReference {
  name: string;
  /** Null when neither dose.json nor nuclides.json knows the half-life. */
  halfLifeSeconds: number | null;
  halfLifeSource: string | null;
  defaultLungType: { value: LungAbsorptionType; source: string; status: DoseReferenceStatus } | null;
  /** Committed effective dose per inhaled activity (Sv/Bq) by lung type. */
  inhalation: Partial<Record<LungAbsorptionType, AgeCoefficientTable>>;
  /** Committed thyroid equivalent dose per inhaled activity (Sv/Bq) by lung type; null for non-iodine nuclides. */
  thyroidInhalation: Partial<Record<LungAbsorptionType, AgeCoefficientTable>> | null;
  /** Air submersion effective dose-rate coefficient, Sv·m³/(Bq·s), nuclide alone (FGR 15). */
  cloudImmersion: ExternalCoefficient | null;
  /** Ground-surface effective dose-rate coefficient, Sv·m²/(Bq·s), nuclide alone (FGR 15). */
  groundSurface: ExternalCoefficient | null;
  /** Short-lived daughters to add to the external pathways (ICRP inhalation coefficients already include them). */
  progeny: ProgenyLink[];
}

interface RawHalfLife {
  ref?: string;
  value?: number;
  unit?: string;
  source?: string;
  status?: string;
}

interface RawNuclideDose {
  halfLife: RawHalfLife;
  defaultLungType: NuclideDoseReference['defaultLungType'];
  inhalation: NuclideDoseReference['inhalation'];
  thyroidInhalation: NuclideDoseReference['thyroidInhalation'];
  cloudImmersion: ExternalCoefficient | null;
  groundSurface: ExternalCoefficient | null;
  progeny: ProgenyLink[];
}

function resolveHalfLife(name: string, raw: RawHalfLife): { seconds: number | null; source: string | null } {
  if (raw.ref === 'NUCLIDES') {
    const n = findNuclide(name);
    return n
      ? { seconds: n.halfLifeSeconds, source: `nuclides.json: ${n.halfLife.source}` }
      : { seconds: null, source: null };
  }
  if (typeof raw.value === 'number' && raw.unit && raw.unit in SECONDS_PER) {
    return { seconds: raw.value * SECONDS_PER[raw.unit as TimeUnit], source: raw.source ?? null };
  }
  return { seconds: null, source: null };
}

export const DOSE_REFERENCE_EDITION: string = data.edition;
export const DOSE_REFERENCE_SOURCES: Readonly<Record<string, string>> = data.sources;
export const DOSE_AGE_GROUPS: readonly DoseAgeGroup[] = data.ageGroups as DoseAgeGroup[];

/** Breathing rate (m³/s) by age group; adult is the HotSpot/RASCAL emergency default. */
export const BREATHING_RATES: Readonly<Record<DoseAgeGroup, DoseReferenceValue>> =
  data.breathingRates as Record<DoseAgeGroup, DoseReferenceValue>;
export const BREATHING_RATE_ALTERNATIVES: Readonly<Record<string, DoseReferenceValue>> =
  data.breathingRateAlternatives as Record<string, DoseReferenceValue>;

const RAW = data.nuclides as unknown as Record<string, RawNuclideDose>;

export const DOSE_NUCLIDES: ReadonlyArray<NuclideDoseReference> = Object.entries(RAW).map(([name, n]) => {
  const hl = resolveHalfLife(name, n.halfLife);
  return {
    name,
    halfLifeSeconds: hl.seconds,
    halfLifeSource: hl.source,
    defaultLungType: n.defaultLungType ?? null,
    inhalation: n.inhalation ?? {},
    thyroidInhalation: n.thyroidInhalation ?? null,
    cloudImmersion: n.cloudImmersion ?? null,
    groundSurface: n.groundSurface ?? null,
    progeny: n.progeny ?? [],
  };
});

const BY_NAME = new Map(DOSE_NUCLIDES.map((n) => [n.name.toLowerCase(), n]));

export const DOSE_NUCLIDE_NAMES: readonly string[] = DOSE_NUCLIDES.map((n) => n.name);

/** Dose data of a nuclide by its written name (`Cs-137`, `cs-137`); null when dose.json does not know it. */
export function findDoseNuclide(name: string): NuclideDoseReference | null {
  return BY_NAME.get(name.trim().toLowerCase()) ?? null;
}
