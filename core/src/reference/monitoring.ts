/**
 * Monitoring-network reference data (plausibility ranges, quality-check thresholds) with their sources.
 * The numbers live in monitoring.json, never in code; values are in each quantity's canonical unit.
 */
import data from './monitoring.json' with { type: 'json' };

export type MonitoringReferenceStatus = 'verified' | 'to_verify';

export interface MonitoringReferenceValue {
  value: number;
  source: string;
  status: MonitoringReferenceStatus;
}

export interface MonitoringBound extends MonitoringReferenceValue {
  /** True when the bound itself is not allowed (value must be strictly inside). */
  exclusive: boolean;
}

export interface MonitoringQuantityReference {
  min: MonitoringBound;
  max: MonitoringBound;
  /** Upper end of natural background, used only to recognise a value sent in the wrong unit. */
  typicalMax: MonitoringReferenceValue | null;
  /** Negative values are physically impossible (flag `negative`). */
  nonNegative: boolean;
  spike: {
    k: MonitoringReferenceValue;
    halfWindow: MonitoringReferenceValue;
    minRelativeSigma: MonitoringReferenceValue;
  } | null;
  flatline: { minRun: MonitoringReferenceValue } | null;
}

export const MONITORING_REFERENCE_EDITION: string = data.edition;
export const MONITORING_REFERENCE_SOURCES: Readonly<Record<string, string>> = data.sources;

export const MONITORING_QUANTITY_REFERENCE: Readonly<Record<string, MonitoringQuantityReference>> =
  data.quantities as Record<string, MonitoringQuantityReference>;

export const MONITORING_TIME_REFERENCE: {
  futureToleranceS: MonitoringReferenceValue;
  offlineMissedIntervals: MonitoringReferenceValue;
  gapFactor: MonitoringReferenceValue;
} = data.time as never;

export const MONITORING_UNCERTAINTY_REFERENCE: { maxRelative: MonitoringReferenceValue } =
  data.uncertainty as never;
