/**
 * The columns of the runs list, kept beside each run when it is stored (`emergency_runs.summary`), so that a list
 * does not parse every run's outputs.
 */
import type { RunBody, RunListItem } from '@sievert/core';

export type RunListColumns = Omit<RunListItem, 'id' | 'title' | 'createdAt' | 'createdBy' | 'incidentId'>;

export function runListColumns(
  inputs: RunBody,
  outputs: { model: RunListItem['model']; zones: unknown[]; maxima: Array<{ effectiveSv: number }> },
): RunListColumns {
  return {
    model: outputs.model,
    nuclides: inputs.release.nuclides.map((n) => n.nuclide),
    lat: inputs.release.lat,
    lon: inputs.release.lon,
    windSpeedMS: inputs.weather.windSpeedMS,
    windFromDeg: inputs.weather.windFromDeg,
    stability: inputs.weather.stability,
    zones: outputs.zones.length,
    maxEffectiveSv: Math.max(0, ...outputs.maxima.map((m) => m.effectiveSv)),
  };
}
