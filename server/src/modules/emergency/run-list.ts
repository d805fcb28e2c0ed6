/**
 * The columns of the runs list, kept beside each run when it is stored (`emergency_runs.summary`), so that a list
 * does not parse every run's outputs.
 */
import type { RunBody, RunListItem } from '@sievert/core';

export type RunListColumns = Omit<RunListItem, 'id' | 'title' | 'createdAt' | 'createdBy' | 'incidentId'>;

export function runListColumns(
  inputs: RunBody,
  outputs: {
    model: RunListItem['model'];
    zones: unknown[];
    maxima: Array<{ periodS: number; effectiveSv: number }>;
  },
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
    maxEffectiveSv: urgentMaximum(outputs.maxima),
  };
}

const SEVEN_DAYS_S = 7 * 86_400;

/**
 * The highest effective dose projected over 7 days, the period of the GSR Part 7 criteria for urgent actions
 * (sheltering, evacuation); a run computed with rules without a 7-day period gives its shortest period's.
 */
export function urgentMaximum(maxima: ReadonlyArray<{ periodS: number; effectiveSv: number }>): number {
  const week = maxima.find((m) => m.periodS === SEVEN_DAYS_S);
  const shortest = [...maxima].sort((a, b) => a.periodS - b.periodS)[0];
  return (week ?? shortest)?.effectiveSv ?? 0;
}
