/**
 * Reference values of a dispersion run that are not equation constants: the air temperature assumed for a fire's
 * plume rise and the arrival-area settings (plume.json, with sources and status).
 */
import data from './plume.json' with { type: 'json' };

export interface RunReferenceValue {
  value: number;
  source: string;
  status: 'verified' | 'to_verify';
}

/** Air temperature (K) for the stable-class stability parameter of a fire's Briggs rise (ISA 15 °C). */
export const FIRE_AMBIENT_TEMPERATURE: RunReferenceValue = data.briggs
  .ambientTemperature as RunReferenceValue;

/** Arrival areas: cells whose projected effective dose over `periodS` reaches `value` (Sv). */
export const ARRIVAL_THRESHOLD: RunReferenceValue & { periodS: number } = data.arrival
  .thresholdSv as RunReferenceValue & { periodS: number };

/** Times after the release start (s) at which a run draws the area the plume has reached. */
export const ARRIVAL_TIMES_S: readonly number[] = data.arrival.timesS.value;
