/** The open-data download form's values turned into an export query (pure, tested in export-form.test.ts). */
import type { PublicExportFormat, PublicResolution } from '@sievert/core';
import type { ExportQuery } from './api';
import { nextDay, zonedDayStartIso } from './format';

export interface ExportFormValues {
  format: PublicExportFormat;
  /** Calendar days in the province's zone ("2026-11-28"); the end day is included. */
  fromDay: string;
  toDay: string;
  /** "" for every station. */
  station: string;
  /** "" to let the server choose by the length of the period. */
  resolution: PublicResolution | '';
}

export type ExportFormResult =
  { ok: true; query: ExportQuery } | { ok: false; reason: 'invalid_date' | 'invalid_range' };

export function exportQueryOf(values: ExportFormValues): ExportFormResult {
  const from = zonedDayStartIso(values.fromDay);
  const toStart = zonedDayStartIso(values.toDay);
  if (!from || !toStart) return { ok: false, reason: 'invalid_date' };
  if (Date.parse(toStart) < Date.parse(from)) return { ok: false, reason: 'invalid_range' };
  // The end day is included: the period ends when the next local day begins.
  const to = zonedDayStartIso(nextDay(values.toDay));
  if (!to) return { ok: false, reason: 'invalid_date' };
  return {
    ok: true,
    query: {
      format: values.format,
      from,
      to,
      station: values.station || null,
      resolution: values.resolution || null,
    },
  };
}
