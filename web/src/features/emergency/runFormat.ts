/**
 * How a run's numbers read: doses in the unit that keeps them readable, arrival times as the isochrones name them,
 * activities in Bq multiples.
 */
import { ARRIVAL_TIMES_S } from '@sievert/core';
import { significantDigits } from './cordonView';

type NumberFormat = (value: number, digits?: number) => string;

/** A dose in Sv, mSv, µSv or nSv, whichever keeps the number at 1 or more: "3,2 mSv", "870 µSv"; 0 → "0 mSv". */
export function formatDose(sv: number, number: NumberFormat): string {
  if (!Number.isFinite(sv)) return '—';
  if (sv === 0) return `${number(0)} mSv`;
  const abs = Math.abs(sv);
  const [value, unit] =
    abs >= 1
      ? [sv, 'Sv']
      : abs >= 1e-3
        ? [sv * 1e3, 'mSv']
        : abs >= 1e-6
          ? [sv * 1e6, 'µSv']
          : [sv * 1e9, 'nSv'];
  return `${number(value, significantDigits(value))} ${unit}`;
}

/** An activity in Bq, kBq … PBq: "370 TBq". */
export function formatActivity(bq: number, number: NumberFormat): string {
  const units: Array<[number, string]> = [
    [1e15, 'PBq'],
    [1e12, 'TBq'],
    [1e9, 'GBq'],
    [1e6, 'MBq'],
    [1e3, 'kBq'],
  ];
  const [factor, unit] = units.find(([f]) => bq >= f) ?? [1, 'Bq'];
  const value = bq / factor;
  return `${number(value, significantDigits(value))} ${unit}`;
}

/** A duration as the isochrones name it: `{ unit: 'min', count: 15 }`, `{ unit: 'h', count: 2 }`. */
export function durationParts(seconds: number): { unit: 'min' | 'h'; count: number } {
  if (seconds < 3600) return { unit: 'min', count: Math.round(seconds / 60) };
  const hours = seconds / 3600;
  return { unit: 'h', count: Math.round(hours * 10) / 10 };
}

/** The line style of an isochrone: later arrivals lighter, so the first ones stand out. */
export function arrivalColour(afterS: number): string {
  const index = ARRIVAL_TIMES_S.indexOf(afterS);
  const palette = ['#0f172a', '#1e3a8a', '#1d4ed8', '#2563eb', '#3b82f6', '#60a5fa'];
  return palette[index === -1 ? palette.length - 1 : index]!;
}
