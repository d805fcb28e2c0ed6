/**
 * How monitoring data are shown: the colour scale of the network map, the display unit (µSv/h, converted at the
 * edge from the canonical nSv/h), series turned into chart points, the resolution the server chose, and "5 phút
 * trước". Pure functions, tested in display.test.ts.
 */
import { fromCanonical, type NetworkStation, type Series, type SeriesPoint } from '@sievert/core';
import type { ChartMarker, ChartPoint } from '../../ui/chart/chartData';

/** Officials and the public read dose rates in µSv/h (stored in nSv/h). */
export const DOSE_RATE_DISPLAY_UNIT = 'µSv/h';
const DOSE_RATE = 'ambient_dose_rate';

/** nSv/h → µSv/h through core's exact conversion; null when the value cannot be converted. */
export function doseRateForDisplay(nSvPerHour: number): number | null {
  const converted = fromCanonical(DOSE_RATE, nSvPerHour, DOSE_RATE_DISPLAY_UNIT);
  return 'value' in converted ? converted.value : null;
}

const DOSE_RATE_FORMATS = new Map<string, Intl.NumberFormat>();

/**
 * A dose rate (nSv/h) as officials read it: µSv/h with three decimals ("0,075", "1,410"), so that a column of values
 * lines up; null when it cannot be converted.
 */
export function formatDoseRate(nSvPerHour: number, locale: string): string | null {
  const shown = doseRateForDisplay(nSvPerHour);
  if (shown === null) return null;
  let format = DOSE_RATE_FORMATS.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
    DOSE_RATE_FORMATS.set(locale, format);
  }
  return format.format(shown);
}

/**
 * The classes of the network map, in nSv/h. A display scale, not an alarm ladder: the steps resolve the normal
 * background of the Red River delta (typically 60–120 nSv/h) and then mark the anchors networks use (0.3 µSv/h,
 * 1 µSv/h). The colours are viridis steps (colour-blind safe, readable in grey), light for low and dark for high.
 */
export const DOSE_RATE_SCALE = {
  breaksNSvPerHour: [80, 100, 120, 150, 200, 300, 1000],
  colours: ['#fde725', '#b5de2b', '#6ece58', '#35b779', '#1f9e89', '#26828e', '#3e4989', '#440154'],
  source:
    'shared/reference/monitoring.md §5.1 (Hanoi mean 0.068 µSv/h; typical Red River delta stations 60–120 nSv/h) and §5.2 (0.3 µSv/h fixed thresholds and hobby displays, 1 µSv/h NADAM); §3.5 and §9 ask for a colour-blind-safe palette with a legend',
  status: 'to_verify',
} as const;

/** Grey for stations whose value is stale or absent: never shown as "normal" (monitoring.md §5.3). */
export const OFFLINE_COLOUR = '#a3abb5';
/** The ring of a station with an open alarm: thick, dark red, visible over every class colour. */
export const ALARM_RING_COLOUR = '#b3001b';

export function doseRateClass(nSvPerHour: number): number {
  let index = 0;
  for (const lower of DOSE_RATE_SCALE.breaksNSvPerHour) if (nSvPerHour >= lower) index += 1;
  return index;
}

export function doseRateColour(nSvPerHour: number): string {
  return DOSE_RATE_SCALE.colours[doseRateClass(nSvPerHour)] ?? DOSE_RATE_SCALE.colours[0];
}

/** What a station's marker says, in the order it matters: an alarm, then silence, then its value. */
export type StationMapState = 'alarm' | 'offline' | 'out_of_service' | 'no_data' | 'normal';

export function stationMapState(station: NetworkStation): StationMapState {
  if (station.alarm) return 'alarm';
  if (station.offline) return 'offline';
  if (station.status !== 'operating') return 'out_of_service';
  if (!station.latest) return 'no_data';
  return 'normal';
}

/** The fill of a station's marker: its class colour while it reports, grey otherwise. */
export function stationFill(station: NetworkStation): string {
  if (!station.latest || station.offline || station.status !== 'operating') return OFFLINE_COLOUR;
  return doseRateColour(station.latest.value);
}

/**
 * Whether the dose-rate map shows a station: gamma and mobile stations measure the dose rate; samplers and river
 * points only when they send one (otherwise they would sit on the map as grey "no data" dots for ever).
 */
export function showsDoseRate(station: Pick<NetworkStation, 'kind' | 'latest'>): boolean {
  return station.kind === 'gamma_dose_rate' || station.kind === 'mobile' || station.latest !== null;
}

export interface NetworkCounts {
  total: number;
  /** Operating and reporting. */
  online: number;
  offline: number;
  /** In maintenance, defective or in test. */
  outOfService: number;
  alarms: number;
}

export function networkCounts(stations: readonly NetworkStation[], openAlarms: number): NetworkCounts {
  let online = 0;
  let offline = 0;
  let outOfService = 0;
  for (const station of stations) {
    if (station.status !== 'operating') outOfService += 1;
    else if (station.offline) offline += 1;
    else online += 1;
  }
  return { total: stations.length, online, offline, outOfService, alarms: openAlarms };
}

const SEVERITY_RANK = { info: 1, warning: 2, alert: 3, emergency: 4 } as const;

/** Stations in the order an official reads them: alarms (most severe first), silent ones, then by value. */
export function compareForAttention(a: NetworkStation, b: NetworkStation): number {
  const rank = (station: NetworkStation) => (station.alarm ? SEVERITY_RANK[station.alarm.severity] : 0);
  if (rank(a) !== rank(b)) return rank(b) - rank(a);
  if (a.offline !== b.offline) return a.offline ? -1 : 1;
  const value = (station: NetworkStation) => station.latest?.value ?? -Infinity;
  if (value(a) !== value(b)) return value(b) - value(a);
  return a.code.localeCompare(b.code);
}

/** A raw value's marker on the chart: rejected by an official, or flagged by the quality checks. */
export function markerOf(point: Pick<SeriesPoint, 'flags' | 'validation'>): ChartMarker | null {
  if (point.validation === 'rejected') return 'rejected';
  if (point.flags && point.flags.length > 0) return 'flagged';
  return null;
}

/** A dose-rate series as chart points in µSv/h, with the bucket's min and max and the markers of raw values. */
export function doseRatePoints(series: Pick<Series, 'points'>): ChartPoint[] {
  const out: ChartPoint[] = [];
  for (const point of series.points) {
    const t = Date.parse(point.time) / 1000;
    if (!Number.isFinite(t)) continue;
    const v = doseRateForDisplay(point.value);
    const min = point.min === undefined ? undefined : doseRateForDisplay(point.min);
    const max = point.max === undefined ? undefined : doseRateForDisplay(point.max);
    out.push({ t, v, min, max, marker: markerOf(point) });
  }
  return out;
}

/**
 * A precipitation series as bars of the amount that fell in each bucket (mm). The series gives the mean of the
 * values in a bucket and their count, so the amount is their product; a raw value is already an amount.
 */
export function rainPoints(series: Pick<Series, 'points' | 'bucketS'>): ChartPoint[] {
  const out: ChartPoint[] = [];
  for (const point of series.points) {
    const t = Date.parse(point.time) / 1000;
    if (!Number.isFinite(t) || !Number.isFinite(point.value)) continue;
    const amount = series.bucketS > 0 && point.count !== undefined ? point.value * point.count : point.value;
    out.push({ t, v: Math.max(0, amount) });
  }
  return out;
}

/** The resolution the server chose, in words the UI can translate. */
export type ResolutionInfo =
  | { kind: 'raw' }
  | { kind: 'minutes'; count: number }
  | { kind: 'hours'; count: number }
  | { kind: 'days'; count: number };

export function resolutionInfo(resolution: string, bucketS: number): ResolutionInfo {
  const seconds = Number.isFinite(bucketS) && bucketS > 0 ? bucketS : (parseResolution(resolution) ?? 0);
  if (seconds <= 0) return { kind: 'raw' };
  if (seconds % 86_400 === 0) return { kind: 'days', count: seconds / 86_400 };
  if (seconds % 3_600 === 0) return { kind: 'hours', count: seconds / 3_600 };
  return { kind: 'minutes', count: Math.max(1, Math.round(seconds / 60)) };
}

/** `hour` → 3600, `day` → 86400, `6h` → 21600, `7d` → 604800; null for anything else. */
function parseResolution(resolution: string): number | null {
  if (resolution === 'hour') return 3_600;
  if (resolution === 'day') return 86_400;
  const match = /^(\d{1,4})(min|m|h|d)$/.exec(resolution);
  if (!match) return null;
  const count = Number(match[1]);
  const unit = match[2] === 'd' ? 86_400 : match[2] === 'h' ? 3_600 : 60;
  return count > 0 ? count * unit : null;
}

/** A duration in the unit that reads best: minutes up to 2 h, hours up to 2 days, then days (one decimal). */
export function durationParts(minutes: number): { unit: 'minutes' | 'hours' | 'days'; value: number } {
  const abs = Math.abs(minutes);
  if (abs < 120) return { unit: 'minutes', value: Math.round(minutes) };
  if (abs < 48 * 60) return { unit: 'hours', value: Math.round(minutes / 6) / 10 };
  return { unit: 'days', value: Math.round(minutes / 144) / 10 };
}

/** "5 phút trước", "2 giờ trước", "hôm qua" (Intl, in the user's language); '' for a time that does not parse. */
export function relativeTime(iso: string, nowMs: number, locale: string): string {
  const time = Date.parse(iso);
  if (!Number.isFinite(time)) return '';
  const seconds = Math.round((time - nowMs) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 45) return format.format(0, 'second');
  if (abs < 3_600) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return format.format(Math.round(seconds / 3_600), 'hour');
  return format.format(Math.round(seconds / 86_400), 'day');
}
