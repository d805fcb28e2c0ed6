/**
 * The register of incidents (sổ theo dõi sự cố) as a spreadsheet: one row per incident with its number, report
 * time, kind, title, commune, state, severity, INES rating, whether it is an exercise, when it closed, and how its
 * statutory deadlines went. Texts are written as inline strings (core's writeXlsx), which a spreadsheet never runs
 * as a formula, so a title such as `=HYPERLINK(…)` stays text and is kept exactly as reported.
 */
import { writeXlsx, type Cell, type IncidentListItem } from '@sievert/core';
import { incidentKindVi, SEVERITY_NAMES_VI, STATE_NAMES_VI } from './incident-words.js';

/** How an incident's statutory deadlines went (as of the register's time). */
export interface RegisterClocks {
  total: number;
  /** Met by the due time. */
  onTime: number;
  /** Met after the due time. */
  late: number;
  /** Not met and past the due time. */
  overdue: number;
}

export const REGISTER_HEADERS = [
  'Số',
  'Thời điểm báo cáo',
  'Loại sự cố',
  'Tiêu đề',
  'Xã, phường',
  'Trạng thái',
  'Mức độ',
  'Cấp INES',
  'Diễn tập',
  'Thời điểm kết thúc',
  'Số thời hạn theo quy định',
  'Thực hiện đúng hạn',
  'Thực hiện trễ hạn',
  'Đang quá hạn',
] as const;

/** `28/11/2026 15:00` in the province's time zone: what people type and read in a register. */
export function registerTime(iso: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

export function registerRow(
  item: IncidentListItem,
  clocks: RegisterClocks | undefined,
  communeName: string | null,
  timeZone: string,
): Cell[] {
  const c = clocks ?? { total: 0, onTime: 0, late: 0, overdue: 0 };
  return [
    item.number,
    registerTime(item.reportedAt, timeZone),
    incidentKindVi(item.kind),
    item.title,
    communeName ?? item.communeCode,
    STATE_NAMES_VI[item.state],
    item.severity ? SEVERITY_NAMES_VI[item.severity] : null,
    item.ines,
    item.exercise ? 'Có' : 'Không',
    item.closedAt ? registerTime(item.closedAt, timeZone) : null,
    c.total,
    c.onTime,
    c.late,
    c.overdue,
  ];
}

export function incidentRegisterXlsx(rows: ReadonlyArray<ReadonlyArray<Cell>>): Uint8Array {
  return writeXlsx([{ name: 'Sổ theo dõi sự cố', rows: [[...REGISTER_HEADERS], ...rows], header: true }]);
}
