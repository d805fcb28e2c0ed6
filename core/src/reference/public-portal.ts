/**
 * Reference data of the public portal: the colour scale of the dose-rate map, the natural-background facts the
 * pages compare with, the public dose limit with its legal basis, typical medical doses and the emergency numbers.
 * The numbers live in public-portal.json with their sources; this loader only types them and answers "which class
 * is this value in". It imports nothing else, so that the public web bundle stays small.
 */
import data from './public-portal.json' with { type: 'json' };

export type PublicReferenceStatus = 'verified' | 'to_verify';

export interface PublicReferenceSource {
  title: string;
  /** Null when the source is our own reference notes or a fact without a page to link to. */
  url: string | null;
  status: PublicReferenceStatus;
}

export interface LocalisedText {
  vi: string;
  en: string;
}

export interface DoseRateClass {
  /** 0 for the lowest class. */
  index: number;
  /** Inclusive lower bound, nSv/h (0 for the lowest class). */
  lowerNSvPerHour: number;
  /** Exclusive upper bound, nSv/h; null for the highest class. */
  upperNSvPerHour: number | null;
  /** Fill colour (#rrggbb). */
  colour: string;
  /** Text colour with the higher contrast on the fill (#000000 or #ffffff). */
  textColour: string;
  label: LocalisedText;
  /** Source keys, separated by "; ". */
  source: string;
}

interface RawClass {
  upperNSvPerHour: number | null;
  colour: string;
  textColour: string;
  source: string;
  label: LocalisedText;
}

export const PUBLIC_PORTAL_EDITION: string = data.edition;

export const PUBLIC_PORTAL_SOURCES: Readonly<Record<string, PublicReferenceSource>> = data.sources as Record<
  string,
  PublicReferenceSource
>;

function buildClasses(raw: readonly RawClass[]): DoseRateClass[] {
  let lower = 0;
  return raw.map((entry, index) => {
    const built: DoseRateClass = {
      index,
      lowerNSvPerHour: lower,
      upperNSvPerHour: entry.upperNSvPerHour,
      colour: entry.colour,
      textColour: entry.textColour,
      label: entry.label,
      source: entry.source,
    };
    lower = entry.upperNSvPerHour ?? lower;
    return built;
  });
}

export const PUBLIC_DOSE_RATE_SCALE: {
  unit: string;
  /** Source key of the palette. */
  palette: string;
  note: string;
  status: PublicReferenceStatus;
  /** From this dose rate (nSv/h) on, a value is called clearly above the natural background. */
  clearlyAboveBackground: { nSvPerHour: number; source: string; status: PublicReferenceStatus; note: string };
  classes: readonly DoseRateClass[];
} = {
  unit: data.scale.unit,
  palette: data.scale.palette,
  note: data.scale.note,
  status: data.scale.status as PublicReferenceStatus,
  clearlyAboveBackground: data.scale.clearlyAboveBackground as never,
  classes: buildClasses(data.scale.classes),
};

/** The class a dose rate (nSv/h) falls in: lower bound inclusive, upper bound exclusive. */
export function publicDoseRateClass(nSvPerHour: number): DoseRateClass {
  const classes = PUBLIC_DOSE_RATE_SCALE.classes;
  const found = classes.find((entry) => entry.upperNSvPerHour === null || nSvPerHour < entry.upperNSvPerHour);
  // The last class has no upper bound, so `found` is always set for a finite value; NaN lands in the last class.
  return found ?? classes[classes.length - 1]!;
}

interface Sourced {
  source: string;
  status: PublicReferenceStatus;
}

export const PUBLIC_BACKGROUND: {
  redRiverDeltaTypical: Sourced & { minNSvPerHour: number; maxNSvPerHour: number };
  hanoiMean: Sourced & { nSvPerHour: number };
  vietnamSoilAbsorbedDoseRate: Sourced & { nGyPerHour: number };
  worldAverageNaturalAnnual: Sourced & { mSvPerYear: number };
  germanyRange: Sourced & { minNSvPerHour: number; maxNSvPerHour: number };
  rainIncrease: Sourced & { maxFactor: number; note: string };
} = data.background as never;

export const PUBLIC_DOSE_LIMIT: {
  mSvPerYear: number;
  averagedOverYears: number;
  singleYearMaxMSv: number;
  appliesTo: string;
  /** Source key of the Vietnamese legal text. */
  legalBasis: string;
  effectiveFrom: string;
  /** Source key of the international standard. */
  international: string;
  status: PublicReferenceStatus;
} = data.publicDoseLimit as never;

export type MedicalExamId = 'chest_xray' | 'head_ct' | 'abdomen_ct';

export const PUBLIC_MEDICAL_EXAMPLES: Sourced & { exams: readonly { id: MedicalExamId; mSv: number }[] } =
  data.medicalExamples as never;

export const PUBLIC_EMERGENCY_NUMBERS: Sourced & { police: string; fireRescue: string; ambulance: string } =
  data.emergencyNumbers as never;

/** The sources behind a "KEY; OTHER" reference, in that order (unknown keys are left out). */
export function publicSources(keys: string): PublicReferenceSource[] {
  return keys
    .split(';')
    .map((key) => PUBLIC_PORTAL_SOURCES[key.trim()])
    .filter((source): source is PublicReferenceSource => source !== undefined);
}
