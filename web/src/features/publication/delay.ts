/** The units an official picks a publication delay in. */
export const DELAY_UNITS = ['minutes', 'hours', 'days'] as const;
export type DelayUnit = (typeof DELAY_UNITS)[number];

const UNIT_SECONDS: Record<DelayUnit, number> = { minutes: 60, hours: 3600, days: 86_400 };

export interface DelayInput {
  value: number;
  unit: DelayUnit;
}

/**
 * Seconds as the form shows them: in the largest unit that holds them whole (3600 → 1 hour, 1800 → 30
 * minutes, 5400 → 90 minutes). A delay set through the API in odd seconds shows as a fraction of a minute.
 */
export function splitDelay(seconds: number): DelayInput {
  if (seconds > 0 && seconds % UNIT_SECONDS.days === 0)
    return { value: seconds / UNIT_SECONDS.days, unit: 'days' };
  if (seconds > 0 && seconds % UNIT_SECONDS.hours === 0)
    return { value: seconds / UNIT_SECONDS.hours, unit: 'hours' };
  return { value: Math.round((seconds / UNIT_SECONDS.minutes) * 100) / 100, unit: 'minutes' };
}

/** The form's value and unit as the whole seconds the API takes. */
export function joinDelay({ value, unit }: DelayInput): number {
  return Math.round(value * UNIT_SECONDS[unit]);
}

export type DelayPartUnit = DelayUnit | 'seconds';

/** 90 061 s → 1 day, 1 hour, 1 minute, 1 second (zero parts left out; no delay → no parts). */
export function delayParts(seconds: number): { unit: DelayPartUnit; count: number }[] {
  const parts: { unit: DelayPartUnit; count: number }[] = [];
  if (!Number.isFinite(seconds)) return parts;
  let rest = Math.max(0, Math.round(seconds));
  for (const unit of ['days', 'hours', 'minutes'] as const) {
    const count = Math.floor(rest / UNIT_SECONDS[unit]);
    rest -= count * UNIT_SECONDS[unit];
    if (count > 0) parts.push({ unit, count });
  }
  if (rest > 0) parts.push({ unit: 'seconds', count: rest });
  return parts;
}
