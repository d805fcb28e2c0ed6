/**
 * Statutory clocks of an incident: when each deadline of the reference data falls due, and where it stands now
 * (running, due soon, overdue, met). Hours count on the clock; working days count in the province's calendar
 * (calendar/working-days.ts) and fall due at the end of the last working day, local time.
 */
import { addCalendarDays, addWorkingDays } from '../calendar/working-days.js';
import { zoneOffsetMs } from '../calendar/zone.js';
import {
  clocksForKind,
  INCIDENT_CLOCKS,
  type IncidentClockDefinition,
} from '../reference/incident-clocks.js';
import type { ClockState, IncidentKind } from './model.js';

/** Vietnam's time zone: the default for the province's calendar. */
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** What the clocks depend on: the kind, the two start instants, and the deadlines already met. */
export interface ClockSubject {
  kind: IncidentKind;
  discoveredAt: string | Date;
  reportedAt: string | Date;
  /** Met deadlines by code (ISO instants). */
  met?: Readonly<Record<string, string | null | undefined>>;
}

export interface ComputedClock {
  code: string;
  dueAt: string;
  state: ClockState;
  metAt: string | null;
  /** Seconds left (negative once overdue); null when met. */
  remainingS: number | null;
}

export interface ClockOptions {
  timeZone?: string;
  definitions?: readonly IncidentClockDefinition[];
}

const toDate = (d: string | Date) => (d instanceof Date ? d : new Date(d));

export { zoneOffsetMs };

/** The calendar date (`YYYY-MM-DD`) of an instant in a time zone. */
export function localDateOf(at: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  return new Date(at.getTime() + zoneOffsetMs(timeZone, at)).toISOString().slice(0, 10);
}

/** The instant a local calendar day ends (the next day's local midnight, less a millisecond). */
export function endOfLocalDay(date: string, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const nextMidnightUtc = Date.parse(`${addCalendarDays(date, 1)}T00:00:00Z`);
  const offset = zoneOffsetMs(timeZone, new Date(nextMidnightUtc));
  return new Date(nextMidnightUtc - offset - 1);
}

/** When a deadline falls due for an incident. */
export function clockDueAt(
  definition: IncidentClockDefinition,
  subject: Pick<ClockSubject, 'discoveredAt' | 'reportedAt'>,
  holidays?: ReadonlySet<string>,
  timeZone: string = DEFAULT_TIME_ZONE,
): Date {
  const start = toDate(definition.startsFrom === 'reportedAt' ? subject.reportedAt : subject.discoveredAt);
  if (definition.workingDays !== undefined) {
    const lastDay = addWorkingDays(localDateOf(start, timeZone), definition.workingDays, holidays);
    return endOfLocalDay(lastDay, timeZone);
  }
  if (definition.hours !== undefined) return new Date(start.getTime() + definition.hours * 3_600_000);
  throw new Error(`clock ${definition.code} has neither hours nor working days`);
}

/** Where a deadline stands at `now`: met, overdue, due soon (inside its first reminder window), running. */
export function clockState(
  dueAt: Date,
  metAt: string | null,
  now: Date,
  remindBeforeS: readonly number[],
): ClockState {
  if (metAt) return 'met';
  const left = dueAt.getTime() - now.getTime();
  if (left < 0) return 'overdue';
  const window = Math.max(0, ...remindBeforeS) * 1000;
  return left <= window ? 'due_soon' : 'running';
}

/** Every clock of the incident's kind with its due time and state at `now`. */
export function computeClocks(
  subject: ClockSubject,
  now: Date,
  holidays?: ReadonlySet<string>,
  options: ClockOptions = {},
): ComputedClock[] {
  const definitions = clocksForKind(subject.kind, options.definitions ?? INCIDENT_CLOCKS);
  return definitions.map((definition) => {
    const due = clockDueAt(definition, subject, holidays, options.timeZone);
    const metAt = subject.met?.[definition.code] ?? null;
    return {
      code: definition.code,
      dueAt: due.toISOString(),
      state: clockState(due, metAt, now, definition.remindBeforeS),
      metAt,
      remainingS: metAt ? null : Math.round((due.getTime() - now.getTime()) / 1000),
    };
  });
}

/** What the clock job should do now for one unmet clock: nothing, remind, or escalate (each once). */
export type ClockAction = 'remind' | 'escalate' | null;

/**
 * Reminders come at each `remindBeforeS` before the due time, at most once per threshold (the last reminder's
 * time says which thresholds were served); escalation comes once after the due time. A job that was stopped
 * for a while sends one reminder for the thresholds it missed, not one per threshold.
 */
export function clockAction(
  clock: { dueAt: string; metAt: string | null; remindedAt: string | null; escalatedAt: string | null },
  remindBeforeS: readonly number[],
  now: Date,
): ClockAction {
  if (clock.metAt) return null;
  const due = Date.parse(clock.dueAt);
  const t = now.getTime();
  if (t > due) return clock.escalatedAt ? null : 'escalate';
  const reminded = clock.remindedAt ? Date.parse(clock.remindedAt) : -Infinity;
  const passed = remindBeforeS.map((s) => due - s * 1000).filter((threshold) => threshold <= t);
  if (passed.length === 0) return null;
  return reminded < Math.max(...passed) ? 'remind' : null;
}
