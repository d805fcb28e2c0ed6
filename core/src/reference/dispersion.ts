/**
 * Meteorology and dispersion-coefficient reference data (Pasquill and Turner stability tables, wind-profile
 * exponents, σy/σz coefficient sets) with their sources. The numbers live in dispersion.json, never in code.
 */
import data from './dispersion.json' with { type: 'json' };

export type DispersionReferenceStatus = 'verified' | 'to_verify';

/** Pasquill–Gifford stability class used by the σ curves. */
export type StabilityClass = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';
/** Turner's table also has the extremely stable class G (mapped to F for the A–F σ curves). */
export type TurnerClass = StabilityClass | 'G';
/** One cell of the Pasquill table: a class or a two-class cell such as 'A-B'. */
export type PasquillCell = StabilityClass | `${StabilityClass}-${StabilityClass}`;

export interface DispersionReferenceValue<T = number> {
  value: T;
  source: string;
  status: DispersionReferenceStatus;
}

interface Sourced {
  source: string;
  status: DispersionReferenceStatus;
}

export interface PasquillReference extends Sourced {
  /** Upper bounds of the wind rows in m/s; null = unbounded. A speed equal to a bound belongs to the next row. */
  windUpperBoundsMS: DispersionReferenceValue<(number | null)[]>;
  day: Record<'strong' | 'moderate' | 'slight', Sourced & { classes: PasquillCell[] }>;
  night: Record<'cloudy' | 'clear', Sourced & { classes: PasquillCell[] }>;
  nightCloudyMinFraction: DispersionReferenceValue;
  overcastFraction: DispersionReferenceValue;
  overcastClass: DispersionReferenceValue<StabilityClass>;
  intermediateRule: DispersionReferenceValue<'more_stable'>;
}

export interface TurnerReference {
  insolationClasses: Sourced & { rows: { minAltitudeDeg: number | null; ic: number }[] };
  nightMaxAltitudeDeg: DispersionReferenceValue;
  lowCeilingFt: DispersionReferenceValue;
  highCeilingFt: DispersionReferenceValue;
  nightClearMaxTenths: DispersionReferenceValue;
  dayClearMaxTenths: DispersionReferenceValue;
  nightClearNri: DispersionReferenceValue;
  nightCloudyNri: DispersionReferenceValue;
  overcastLowCeilingNri: DispersionReferenceValue;
  dayLowCeilingReduction: DispersionReferenceValue;
  dayMidCeilingReduction: DispersionReferenceValue;
  dayOvercastExtraReduction: DispersionReferenceValue;
  dayMinNri: DispersionReferenceValue;
  /** Upper bounds of the wind rows in whole knots; null = unbounded. */
  windUpperBoundsKt: DispersionReferenceValue<(number | null)[]>;
  nriColumns: number[];
  table: Sourced & { rows: TurnerClass[][] };
  mapGTo: DispersionReferenceValue<StabilityClass>;
  metresPerKnot: DispersionReferenceValue;
  metresPerFoot: DispersionReferenceValue;
}

export interface WindProfileReference {
  rural: Record<StabilityClass, DispersionReferenceValue>;
  urban: Record<StabilityClass, DispersionReferenceValue>;
  minHeightM: DispersionReferenceValue;
}

/** Briggs form σ = a·x·(1 + b·x)^c with x in metres. */
export interface BriggsCoefficients extends Sourced {
  a: number;
  b: number;
  c: number;
}

export interface Isc3SigmaYCoefficients extends Sourced {
  c: number;
  d: number;
}

export interface Isc3SigmaZPiece {
  /** Upper end of the piece in km (inclusive); null = unbounded. */
  maxKm: number | null;
  a: number;
  b: number;
}

export interface SigmaSetReference extends Sourced {
  label: string;
  validity: Sourced & { minM: number; maxM: number };
  sigmaY:
    | {
        form: 'isc3';
        constant: DispersionReferenceValue;
        degToRad: DispersionReferenceValue;
        classes: Record<StabilityClass, Isc3SigmaYCoefficients>;
      }
    | { form: 'briggs'; classes: Record<StabilityClass, BriggsCoefficients> };
  sigmaZ:
    | {
        form: 'isc3';
        classes: Record<StabilityClass, Sourced & { pieces: Isc3SigmaZPiece[] }>;
        capM: DispersionReferenceValue & { classes: StabilityClass[] };
      }
    | { form: 'briggs'; classes: Record<StabilityClass, BriggsCoefficients> };
}

export const DISPERSION_REFERENCE_EDITION: string = data.edition;
export const DISPERSION_REFERENCE_SOURCES: Readonly<Record<string, string>> = data.sources;
export const STABILITY_CLASSES: readonly StabilityClass[] = data.stabilityClasses as StabilityClass[];
export const PASQUILL_REFERENCE: PasquillReference = data.pasquill as never;
export const TURNER_REFERENCE: TurnerReference = data.turner as never;
export const WIND_PROFILE_REFERENCE: WindProfileReference = data.windProfile as never;
export const SIGMA_SET_REFERENCE: Readonly<
  Record<'pg-isc3' | 'briggs-rural' | 'briggs-urban', SigmaSetReference>
> = data.sigmaSets as never;
