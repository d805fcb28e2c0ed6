/**
 * Nuclide reference data (half-lives, D-values) with their sources. The numbers live in nuclides.json, never in code.
 */
import data from './nuclides.json' with { type: 'json' };

export type TimeUnit = 's' | 'min' | 'h' | 'd' | 'y';
export type ReferenceStatus = 'verified' | 'to_verify';

export interface NuclideReference {
  name: string;
  halfLifeSeconds: number;
  halfLife: { value: number; unit: TimeUnit; source: string; status: ReferenceStatus };
  dValueTBq: { value: number; source: string; status: ReferenceStatus } | null;
  /** False for nuclides used unsealed (nuclear medicine): categorised case by case (RS-G-1.9). */
  sealed: boolean;
}

/** Seconds per unit; the year is the Julian year (365.25 d), as ENSDF quotes half-lives. */
export const SECONDS_PER: Record<TimeUnit, number> = {
  s: 1,
  min: 60,
  h: 3600,
  d: 86_400,
  y: 365.25 * 86_400,
};

interface RawNuclide {
  name: string;
  halfLife: { value: number; unit: string; source: string; status: string };
  dValueTBq?: { value: number; source: string; status: string } | null;
  sealed: boolean;
}

export const NUCLIDE_EDITION: string = data.edition;
export const NUCLIDE_SOURCES: Record<string, string> = data.sources;

export const NUCLIDES: ReadonlyArray<NuclideReference> = (data.nuclides as RawNuclide[]).map((n) => ({
  name: n.name,
  halfLifeSeconds: n.halfLife.value * SECONDS_PER[n.halfLife.unit as TimeUnit],
  halfLife: n.halfLife as NuclideReference['halfLife'],
  dValueTBq: (n.dValueTBq ?? null) as NuclideReference['dValueTBq'],
  sealed: n.sealed,
}));

const BY_NAME = new Map(NUCLIDES.map((n) => [n.name.toLowerCase(), n]));

export const NUCLIDE_NAMES: readonly string[] = NUCLIDES.map((n) => n.name);

/** Finds a nuclide by its written name (`Cs-137`, `cs-137`, `Am-241/Be`); null when the data does not know it. */
export function findNuclide(name: string): NuclideReference | null {
  return BY_NAME.get(name.trim().toLowerCase()) ?? null;
}
