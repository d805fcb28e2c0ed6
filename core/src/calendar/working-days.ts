/**
 * Statutory deadlines in working days (ngày làm việc): Monday to Friday, less public holidays (reference data).
 * Dates are calendar dates `YYYY-MM-DD` in the province's time zone; no time of day is involved.
 */
import holidayData from '../reference/holidays-vn.json' with { type: 'json' };

export const HOLIDAY_EDITION: string = holidayData.edition;
export const HOLIDAY_LEGAL_BASIS: string = holidayData.legalBasis;
const DEFAULT_HOLIDAYS: ReadonlySet<string> = new Set(
  Object.values(holidayData.holidays as Record<string, string[]>).flat(),
);
export const HOLIDAY_YEARS: readonly number[] = Object.keys(holidayData.holidays).map(Number);

function parse(date: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`not a date: ${date}`);
  return new Date(`${date}T00:00:00Z`);
}

function format(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addCalendarDays(date: string, days: number): string {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + days);
  return format(d);
}

export function isWorkingDay(date: string, holidays: ReadonlySet<string> = DEFAULT_HOLIDAYS): boolean {
  const day = parse(date).getUTCDay();
  return day !== 0 && day !== 6 && !holidays.has(date);
}

/**
 * The deadline `n` working days after `start` (the day a complete dossier is received does not count):
 * the n-th working day after it.
 */
export function addWorkingDays(
  start: string,
  n: number,
  holidays: ReadonlySet<string> = DEFAULT_HOLIDAYS,
): string {
  let date = start;
  let left = n;
  while (left > 0) {
    date = addCalendarDays(date, 1);
    if (isWorkingDay(date, holidays)) left -= 1;
  }
  return date;
}

/** Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is before `from`. */
export function workingDaysBetween(
  from: string,
  to: string,
  holidays: ReadonlySet<string> = DEFAULT_HOLIDAYS,
): number {
  if (to === from) return 0;
  const forward = to > from;
  let count = 0;
  let date = from;
  while (date !== to) {
    date = addCalendarDays(date, forward ? 1 : -1);
    if (isWorkingDay(forward ? date : addCalendarDays(date, 1), holidays)) count += 1;
  }
  return forward ? count : -count;
}

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((parse(to).getTime() - parse(from).getTime()) / 86_400_000);
}
