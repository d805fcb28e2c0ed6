/**
 * What a station's value means on the public scale: its class (colour, label), how its marker is drawn (value,
 * offline, no value: told apart by shape and outline, not by colour alone) and the plain sentence comparing it with
 * the natural background. The numbers come from core's public-portal reference data.
 */
import type { PublicStation } from '@sievert/core';
import {
  PUBLIC_BACKGROUND,
  PUBLIC_DOSE_RATE_SCALE,
  publicDoseRateClass,
  type DoseRateClass,
} from '@sievert/core/reference/public-portal';
import { formatBound } from './format';
import type { Language } from './i18n';

export type MarkerKind = 'value' | 'offline' | 'no_value';

/** Offline wins: a silent station's last value is never shown as if it were current (monitoring.md §5.3). */
export function markerKind(station: Pick<PublicStation, 'status' | 'latest'>): MarkerKind {
  if (station.status === 'offline') return 'offline';
  if (!station.latest) return 'no_value';
  return 'value';
}

/** The class of a station's latest value, or null when it has none. */
export function stationClass(station: Pick<PublicStation, 'latest'>): DoseRateClass | null {
  return station.latest ? publicDoseRateClass(station.latest.value) : null;
}

/** "< 0,1", "0,1–0,15", "≥ 10": a class's range in µSv/h. */
export function classRange(entry: DoseRateClass, language: Language): string {
  if (entry.index === 0 && entry.upperNSvPerHour !== null)
    return `< ${formatBound(entry.upperNSvPerHour, language)}`;
  if (entry.upperNSvPerHour === null) return `≥ ${formatBound(entry.lowerNSvPerHour, language)}`;
  return `${formatBound(entry.lowerNSvPerHour, language)}–${formatBound(entry.upperNSvPerHour, language)}`;
}

export function classLabel(entry: DoseRateClass, language: Language): string {
  return entry.label[language];
}

export const SCALE_CLASSES = PUBLIC_DOSE_RATE_SCALE.classes;

export type BackgroundComparison = 'below' | 'within' | 'above' | 'high';

/** How a value (nSv/h) compares with the Red River delta's usual natural background. */
export function compareWithBackground(nSvPerHour: number): BackgroundComparison {
  const { minNSvPerHour, maxNSvPerHour } = PUBLIC_BACKGROUND.redRiverDeltaTypical;
  if (nSvPerHour >= PUBLIC_DOSE_RATE_SCALE.clearlyAboveBackground.nSvPerHour) return 'high';
  if (nSvPerHour > maxNSvPerHour) return 'above';
  if (nSvPerHour < minNSvPerHour) return 'below';
  return 'within';
}

/** Sort key of the station table: by value, stations without one last whichever the direction. */
export function compareByValue(
  a: Pick<PublicStation, 'latest' | 'name'>,
  b: Pick<PublicStation, 'latest' | 'name'>,
  direction: 'asc' | 'desc',
): number {
  const left = a.latest?.value;
  const right = b.latest?.value;
  if (left === undefined && right === undefined) return a.name.localeCompare(b.name, 'vi');
  if (left === undefined) return 1;
  if (right === undefined) return -1;
  const order = direction === 'asc' ? left - right : right - left;
  return order !== 0 ? order : a.name.localeCompare(b.name, 'vi');
}
