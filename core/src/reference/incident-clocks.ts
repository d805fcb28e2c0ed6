/**
 * Statutory incident deadlines as data (incident-clocks.json): which kinds they apply to, from when, how long,
 * what must be done and for whom, and the legal text behind each. Never a number in code.
 */
import type { IncidentKind } from '../incidents/model.js';
import type { Role } from '../auth/roles.js';
import data from './incident-clocks.json' with { type: 'json' };

export type ClockStart = 'discoveredAt' | 'reportedAt';

export interface IncidentClockDefinition {
  code: string;
  kinds: readonly IncidentKind[];
  startsFrom: ClockStart;
  /** A deadline in hours on the clock… */
  hours?: number;
  /** …or in working days (Monday–Friday less public holidays), due at the end of the last one. */
  workingDays?: number;
  obligation: { vi: string; en: string };
  /** `varans`, `dost`, `police`… */
  addressees: readonly string[];
  /** Reminders this many seconds before the due time. */
  remindBeforeS: readonly number[];
  /** Told once the deadline has passed unmet. */
  escalateRoles: readonly Role[];
  /** A key of INCIDENT_CLOCK_SOURCES. */
  source: string;
  status: 'verified' | 'to_verify';
  note?: string;
}

export const INCIDENT_CLOCKS_EDITION: string = data.edition;
export const INCIDENT_CLOCK_SOURCES: Readonly<Record<string, string>> = data.sources;
/** Each source as a reader cites it, in Vietnamese and English (the long note above stays the reference). */
export const INCIDENT_CLOCK_CITATIONS: Readonly<Record<string, { vi: string; en: string }>> = data.citations;
export const INCIDENT_CLOCKS: readonly IncidentClockDefinition[] =
  data.clocks as unknown as IncidentClockDefinition[];

/** The clocks that run for an incident of this kind. */
export function clocksForKind(
  kind: IncidentKind,
  definitions: readonly IncidentClockDefinition[] = INCIDENT_CLOCKS,
): IncidentClockDefinition[] {
  return definitions.filter((d) => d.kinds.includes(kind));
}

export function clockDefinition(
  code: string,
  definitions: readonly IncidentClockDefinition[] = INCIDENT_CLOCKS,
): IncidentClockDefinition | undefined {
  return definitions.find((d) => d.code === code);
}
