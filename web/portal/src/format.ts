/**
 * Numbers, dose rates and times as the portal shows them: vi-VN (comma decimal) or en-GB, times in the province's
 * zone with the zone stated on the page. Dose rates arrive in nSv/h (the API's canonical unit) and are shown in
 * µSv/h. Pure functions over Intl, tested in format.test.ts.
 */
import { zoneOffsetMs as offsetOfZone } from '@sievert/core/calendar/zone';
import type { Language } from './i18n';

/** Every time the portal shows is in the province's zone, whatever the visitor's device says. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const DOSE_RATE_UNIT = 'µSv/h';

export function intlLocale(language: Language): string {
  return language === 'vi' ? 'vi-VN' : 'en-GB';
}

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(language: Language, digits: number): Intl.NumberFormat {
  const key = `${language}:${digits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(intlLocale(language), {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    numberFormats.set(key, format);
  }
  return format;
}

export function formatNumber(value: number, language: Language, digits = 0): string {
  return numberFormat(language, digits).format(value);
}

/** The SI prefixes' ratio (nano to micro). Core's exact unit table is not worth its size in the public bundle. */
const NANO_PER_MICRO = 1000;

/** nSv/h → µSv/h; null when the value cannot be converted (not finite). */
export function toMicroSievertPerHour(nSvPerHour: number): number | null {
  return Number.isFinite(nSvPerHour) ? nSvPerHour / NANO_PER_MICRO : null;
}

/**
 * Decimals for a dose rate in µSv/h: three below 1 µSv/h ("0,085", so that a column of background values lines up
 * and the class bounds 0,10 / 0,15 read clearly), then fewer as values grow (about three significant digits).
 */
export function doseRateDigits(microSievertPerHour: number): number {
  const size = Math.abs(microSievertPerHour);
  if (size < 1) return 3;
  if (size < 10) return 2;
  if (size < 100) return 1;
  return 0;
}

/** A dose rate given in nSv/h, written in µSv/h without the unit ("0,085"); "—" when it cannot be shown. */
export function formatDoseRate(nSvPerHour: number, language: Language): string {
  const shown = toMicroSievertPerHour(nSvPerHour);
  if (shown === null) return '—';
  return formatNumber(shown, language, doseRateDigits(shown));
}

/** A class bound in nSv/h as µSv/h with the fewest decimals that keep it exact ("0,1", "0,15", "10"). */
export function formatBound(nSvPerHour: number, language: Language): string {
  const shown = toMicroSievertPerHour(nSvPerHour) ?? 0;
  const digits = Number.isInteger(shown) ? 0 : Math.min(3, String(shown).split('.')[1]?.length ?? 0);
  return formatNumber(shown, language, digits);
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(language: Language, options: Intl.DateTimeFormatOptions, key: string) {
  const cacheKey = `${language}:${key}`;
  let format = dateTimeFormats.get(cacheKey);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(language), { timeZone: TIME_ZONE, ...options });
    dateTimeFormats.set(cacheKey, format);
  }
  return format;
}

function toDate(value: string | number): Date | null {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

const DATE_OPTIONS: Intl.DateTimeFormatOptions = { day: '2-digit', month: '2-digit', year: 'numeric' };
const TIME_OPTIONS: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** "28/11/2026" in the province's zone. */
export function formatDate(value: string | number, language: Language): string {
  const date = toDate(value);
  return date ? dateTimeFormat(language, DATE_OPTIONS, 'date').format(date) : '—';
}

/** "15:09" in the province's zone. */
export function formatTime(value: string | number, language: Language): string {
  const date = toDate(value);
  return date ? dateTimeFormat(language, TIME_OPTIONS, 'time').format(date) : '—';
}

/** "28/11/2026 15:09": date first in both languages (vi-VN alone would put the time first). */
export function formatDateTime(value: string | number, language: Language): string {
  const date = toDate(value);
  return date ? `${formatDate(date.getTime(), language)} ${formatTime(date.getTime(), language)}` : '—';
}

function zonedParts(value: string | number): { day: string; month: string; year: string } | null {
  const date = toDate(value);
  if (!date) return null;
  const parts = dateTimeFormat('en', DATE_OPTIONS, 'parts').formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((entry) => entry.type === type)?.value ?? '';
  return { day: part('day'), month: part('month'), year: part('year') };
}

/**
 * "11/2026": the month of a time in the province's zone, for a chart's axis. Built from parts because vi-VN would
 * write "tháng 11, 2026" and "29-11"; both languages write dates day/month/year.
 */
export function formatMonth(value: string | number): string {
  const parts = zonedParts(value);
  return parts ? `${parts.month}/${parts.year}` : '—';
}

/** "28/11": day and month, for the time axis of a chart. */
export function formatDayMonth(value: string | number): string {
  const parts = zonedParts(value);
  return parts ? `${parts.day}/${parts.month}` : '—';
}

/** A publication delay in words: "1 giờ", "30 phút", "1 giờ 30 phút" / "1 hour", "1 hour 30 minutes". */
export function formatDelay(seconds: number, language: Language): string {
  const totalMinutes = Math.max(0, Math.round(seconds / 60));
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  const unit = (value: number, name: 'hour' | 'minute') =>
    new Intl.NumberFormat(intlLocale(language), { style: 'unit', unit: name, unitDisplay: 'long' }).format(
      value,
    );
  const parts: string[] = [];
  if (hours > 0) parts.push(unit(hours, 'hour'));
  if (minutes > 0 || hours === 0) parts.push(unit(minutes, 'minute'));
  return parts.join(' ');
}

/** The offset of `timeZone` from UTC at an instant, in milliseconds (+7 h for Asia/Ho_Chi_Minh). */
export function zoneOffsetMs(instantMs: number, timeZone = TIME_ZONE): number {
  return offsetOfZone(timeZone, instantMs);
}

/** The instant a calendar day ("2026-11-28") starts in the province's zone, as an ISO UTC string; null if invalid. */
export function zonedDayStartIso(day: string, timeZone = TIME_ZONE): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const utcMidnight = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(utcMidnight) || new Date(utcMidnight).toISOString().slice(0, 10) !== day) return null;
  return new Date(utcMidnight - zoneOffsetMs(utcMidnight, timeZone)).toISOString();
}

/** The calendar day ("2026-11-28") of an instant in the province's zone. */
export function zonedDay(instantMs: number, timeZone = TIME_ZONE): string {
  return new Date(instantMs + zoneOffsetMs(instantMs, timeZone)).toISOString().slice(0, 10);
}

/** The day after a calendar day ("2026-11-28" → "2026-11-29"). */
export function nextDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}
