/**
 * The weather side of the run form that is not physics: the province's wall-clock time the officer types, turned
 * into the UTC instant core's Turner method needs; the Turner class wrapped so bad input becomes a field name; and
 * how old a station's reading may be before the form warns.
 */
import { stabilityFromTurner, type TurnerResult } from '@sievert/core';

/** The province's time zone (as app/i18n/format's; not imported, so that this file loads without the UI). */
const TIME_ZONE = 'Asia/Ho_Chi_Minh';
/**
 * The province's offset from UTC (Asia/Ho_Chi_Minh, +07:00, no daylight saving time since 1975): the form's date
 * and time are the province's, whatever the browser's zone.
 */
const PROVINCE_UTC_OFFSET = '+07:00';

/** A station reading older than this (s) is flagged: wind turns within the hour. */
export const STALE_WEATHER_S = 3600;

/** `YYYY-MM-DDTHH:mm`, the province's wall-clock time of an instant (what the date-time picker shows). */
export function provinceLocalTime(at: Date | number): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** The UTC instant (epoch ms) of a province wall-clock time `YYYY-MM-DDTHH:mm`, or null when it is not one. */
export function provinceTimeToEpoch(local: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  const ms = Date.parse(`${local}:00${PROVINCE_UTC_OFFSET}`);
  return Number.isFinite(ms) ? ms : null;
}

export interface TurnerFormInput {
  /** Province wall-clock time `YYYY-MM-DDTHH:mm`. */
  at: string;
  /** Total cloud cover in oktas (eighths of the sky), 0–8. */
  cloudOktas: number | null;
  /** Cloud ceiling (m); null: no ceiling (clear sky or ceiling unlimited). */
  ceilingM: number | null;
}

export type TurnerOutcome = { ok: true; result: TurnerResult } | { ok: false; field: string };

/**
 * The stability class by Turner's method (core's stabilityFromTurner: solar altitude, net radiation index, wind in
 * knots) for the time, place, cloud and wind of the form; `afterS` shifts the time (an hourly change of wind).
 */
export function turnerStability(
  input: TurnerFormInput,
  point: { lat: number; lon: number } | null,
  windSpeedMS: number | null,
  afterS = 0,
): TurnerOutcome {
  if (!point) return { ok: false, field: 'point' };
  const epoch = provinceTimeToEpoch(input.at);
  if (epoch === null) return { ok: false, field: 'turnerTime' };
  if (input.cloudOktas === null || !(input.cloudOktas >= 0 && input.cloudOktas <= 8))
    return { ok: false, field: 'cloudOktas' };
  if (input.ceilingM !== null && !(input.ceilingM >= 0)) return { ok: false, field: 'ceilingM' };
  if (windSpeedMS === null || !(windSpeedMS >= 0)) return { ok: false, field: 'windSpeedMS' };
  try {
    const result = stabilityFromTurner({
      timeUtc: epoch + afterS * 1000,
      lat: point.lat,
      lon: point.lon,
      windSpeedMS,
      cloudCoverOktas: input.cloudOktas,
      ceilingM: input.ceilingM,
    });
    return { ok: true, result };
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, field: 'turner' };
    throw error;
  }
}

/** Whether a station's latest reading is too old to stand for the wind now (unknown age counts as old). */
export function isStale(ageS: number | null): boolean {
  return ageS === null || ageS > STALE_WEATHER_S;
}

/** An age as the largest whole unit: `{ unit: 'min', count: 12 }`, for "12 phút trước". */
export function ageParts(ageS: number): { unit: 'min' | 'h' | 'd'; count: number } {
  if (ageS < 3600) return { unit: 'min', count: Math.max(0, Math.round(ageS / 60)) };
  if (ageS < 86_400) return { unit: 'h', count: Math.round(ageS / 3600) };
  return { unit: 'd', count: Math.round(ageS / 86_400) };
}
