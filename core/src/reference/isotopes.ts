/**
 * Stable-isotope reference data for river water (GMWL, d-excess, plausibility ranges, outlier rule) with their
 * sources. The numbers live in isotopes.json, never in code; δ values are in ‰ vs VSMOW, tritium in TU.
 */
import data from './isotopes.json' with { type: 'json' };

export type IsotopeReferenceStatus = 'verified' | 'to_verify';

export interface IsotopeReferenceValue {
  value: number;
  source: string;
  status: IsotopeReferenceStatus;
}

export interface IsotopeRange {
  min: IsotopeReferenceValue;
  max: IsotopeReferenceValue;
}

/** The measured quantities of a sample that have ranges. */
export type IsotopeQuantity = 'd18o' | 'd2h' | 'tritiumTu';

export const ISOTOPE_REFERENCE_EDITION: string = data.edition;
export const ISOTOPE_REFERENCE_SOURCES: Readonly<Record<string, string>> = data.sources;

/** Global Meteoric Water Line δ²H = slope·δ¹⁸O + intercept (Craig 1961). */
export const ISOTOPE_GMWL: { slope: IsotopeReferenceValue; intercept: IsotopeReferenceValue } =
  data.gmwl as never;

/** d = δ²H − slope·δ¹⁸O (Dansgaard 1964). */
export const ISOTOPE_D_EXCESS: { slope: IsotopeReferenceValue } = data.dExcess as never;

/** Values outside these are refused on entry and import (typing or unit errors). */
export const ISOTOPE_HARD_LIMITS: Readonly<Record<IsotopeQuantity, IsotopeRange>> & {
  uncertainty: { max: IsotopeReferenceValue };
} = data.hardLimits as never;

/** Values outside these are kept but flagged as implausible for river water of the province. */
export const ISOTOPE_PLAUSIBILITY: Readonly<Record<IsotopeQuantity, IsotopeRange>> =
  data.plausibility as never;

export const ISOTOPE_UNCERTAINTY_REFERENCE: {
  typicalD18o: IsotopeReferenceValue;
  typicalD2h: IsotopeReferenceValue;
  maxD18o: IsotopeReferenceValue;
  maxD2h: IsotopeReferenceValue;
} = data.uncertainty as never;

export const ISOTOPE_OUTLIER_REFERENCE: {
  madScale: IsotopeReferenceValue;
  robustZ: IsotopeReferenceValue;
  minSamples: IsotopeReferenceValue;
} = data.outliers as never;
