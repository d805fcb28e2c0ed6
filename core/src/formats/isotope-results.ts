/**
 * Laboratory result files of river stable-isotope samples (CSV or XLSX): one row per sample with the sampling
 * point, the sample code, the sampling date, δ¹⁸O and δ²H (‰ vs VSMOW), tritium (TU), their uncertainties, the lab
 * and the method. Headers may be Vietnamese or English (and GNIP-style `O18`, `H2`, `H3`); title rows above the
 * header are skipped. Every problem is reported with its spreadsheet row, column and reason; good rows are kept.
 * No I/O here.
 */
import { strFromU8 } from 'fflate';
import { zoneOffsetMs } from '../calendar/zone.js';
import { parseIsoTime } from '../monitoring/quality.js';
import type { ValidationReason } from '../i18n/errors.js';
import { ISOTOPE_HARD_LIMITS, type IsotopeQuantity } from '../reference/isotopes.js';
import { MONITORING_TIME_REFERENCE } from '../reference/monitoring.js';
import { searchKey } from '../text.js';
import { parseCsv, type CsvLimits } from './csv.js';
import { columnName, excelSerialToIso, readXlsx, type Cell, type XlsxLimits } from './xlsx.js';

export const ISOTOPE_RESULT_FIELDS = [
  'station',
  'sampleCode',
  'sampledAt',
  'd18o',
  'd18oUnc',
  'd2h',
  'd2hUnc',
  'tritiumTu',
  'tritiumUnc',
  'lab',
  'method',
  'note',
] as const;
export type IsotopeResultField = (typeof ISOTOPE_RESULT_FIELDS)[number];

type ColumnType = 'station' | 'sampleCode' | 'datetime' | 'value' | 'uncertainty' | 'text';

export interface IsotopeResultColumn {
  field: IsotopeResultField;
  /** The first header is the one a template shows. */
  headers: readonly string[];
  type: ColumnType;
  required?: boolean;
  /** For text: the longest allowed value. */
  maxLength?: number;
  /** For an uncertainty: the value it belongs to. */
  of?: 'd18o' | 'd2h' | 'tritiumTu';
}

/** The columns a result file may have. Headers are matched without case, accents, δ/d, superscripts or units. */
export const ISOTOPE_RESULT_COLUMNS: readonly IsotopeResultColumn[] = [
  {
    field: 'station',
    headers: [
      'Mã điểm',
      'Mã điểm lấy mẫu',
      'Mã điểm quan trắc',
      'Mã trạm',
      'Điểm lấy mẫu',
      'Point',
      'Point code',
      'Station',
      'Station code',
      'Site code',
    ],
    type: 'station',
    required: true,
  },
  {
    field: 'sampleCode',
    headers: [
      'Mã mẫu',
      'Số hiệu mẫu',
      'Ký hiệu mẫu',
      'Sample ID',
      'Sample code',
      'Sample',
      'Lab ID',
      'Lab code',
    ],
    type: 'sampleCode',
    required: true,
  },
  {
    field: 'sampledAt',
    headers: [
      'Ngày lấy mẫu',
      'Thời gian lấy mẫu',
      'Ngày giờ lấy mẫu',
      'sampled_at',
      'Sampling date',
      'Sample date',
      'Collection date',
      'Date',
    ],
    type: 'datetime',
    required: true,
  },
  { field: 'd18o', headers: ['δ18O', 'd18O', 'delta18O', 'delta 18O', 'O18', '18O'], type: 'value' },
  {
    field: 'd18oUnc',
    headers: [
      'Sai số δ18O',
      'Độ không đảm bảo đo δ18O',
      'u(δ18O)',
      'δ18O ±',
      '± δ18O',
      'd18O_unc',
      'd18O uncertainty',
      'd18O error',
      'd18O err',
      'd18O SD',
      'O18 error',
    ],
    type: 'uncertainty',
    of: 'd18o',
  },
  {
    field: 'd2h',
    headers: ['δ2H', 'd2H', 'dD', 'δD', 'delta2H', 'deltaD', 'delta 2H', 'H2', '2H'],
    type: 'value',
  },
  {
    field: 'd2hUnc',
    headers: [
      'Sai số δ2H',
      'Sai số δD',
      'Độ không đảm bảo đo δ2H',
      'u(δ2H)',
      'u(δD)',
      'δ2H ±',
      'δD ±',
      '± δ2H',
      'd2H_unc',
      'd2H uncertainty',
      'd2H error',
      'd2H err',
      'd2H SD',
      'dD_unc',
      'dD uncertainty',
      'dD error',
      'H2 error',
    ],
    type: 'uncertainty',
    of: 'd2h',
  },
  {
    field: 'tritiumTu',
    headers: ['Tritium (TU)', 'Triti (TU)', 'Tritium', 'Triti', 'tritium_tu', 'H3', '3H'],
    type: 'value',
  },
  {
    field: 'tritiumUnc',
    headers: [
      'Sai số tritium (TU)',
      'Sai số triti',
      'Tritium uncertainty (TU)',
      'Tritium ±',
      'u(3H)',
      'tritium_unc',
      'Tritium error',
      'H3 error',
      '3H error',
    ],
    type: 'uncertainty',
    of: 'tritiumTu',
  },
  {
    field: 'lab',
    headers: ['Phòng thí nghiệm', 'Phòng thử nghiệm', 'Đơn vị phân tích', 'lab', 'Laboratory'],
    type: 'text',
    maxLength: 200,
  },
  {
    field: 'method',
    headers: ['Phương pháp', 'Phương pháp phân tích', 'method', 'Analytical method'],
    type: 'text',
    maxLength: 120,
  },
  {
    field: 'note',
    headers: ['Ghi chú', 'note', 'Notes', 'Remarks', 'Comment'],
    type: 'text',
    maxLength: 2000,
  },
];

/** One sample as read from a file; δ in ‰ vs VSMOW, tritium in TU, `sampledAt` an ISO instant in UTC. */
export interface IsotopeResult {
  station: string;
  sampleCode: string;
  sampledAt: string;
  d18o: number | null;
  d18oUnc: number | null;
  d2h: number | null;
  d2hUnc: number | null;
  tritiumTu: number | null;
  tritiumUnc: number | null;
  lab: string | null;
  method: string | null;
  note: string | null;
}

export interface IsotopeResultIssue {
  /** Spreadsheet row number (the first row of the file is 1). */
  row: number;
  /** Column letter and header, e.g. `D (δ18O)`, or null for a whole-row or whole-file problem. */
  column: string | null;
  /** An IsotopeResult field, `measurements` (the row as a whole) or '' (the file). */
  field: string;
  reason: ValidationReason;
  params?: Record<string, unknown>;
}

export interface ParsedIsotopeResults {
  rows: Array<{ row: number; value: IsotopeResult }>;
  issues: IsotopeResultIssue[];
  /** Data rows that were not blank. */
  dataRows: number;
  /** The row number of the header row. */
  headerRow: number;
  columnOf: Partial<Record<IsotopeResultField, string>>;
}

export interface IsotopeResultOptions {
  /** IANA time zone in which dates without a zone are read (the province's). */
  timeZone: string;
  /** Most data rows accepted (100 000 by default). */
  maxRows?: number;
  /** Reference time for "not in the future"; none: no check. */
  now?: Date;
  /**
   * XLSX date cells come back as `…T…Z` although Excel stores wall-clock time without a zone: read them in
   * `timeZone` instead of as UTC.
   */
  excelDateTimes?: boolean;
}

export const ISOTOPE_RESULT_MAX_ROWS = 100_000;
/** Title rows a lab puts above the header. */
const HEADER_SEARCH_ROWS = 20;
const SAMPLE_CODE_RE = /^[A-Za-z0-9][A-Za-z0-9 ._/#()-]{0,39}$/;
const STATION_CODE_RE = /^[A-Z]{2}[A-Z0-9]{1,18}$/;
/** OWASP "CSV injection": what a spreadsheet would run as a formula. */
const FORMULA_RE = /^[=+\-@\t\r]/;
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** What labs write for "not measured". */
const NOT_MEASURED = new Set(['', '-', '—', '–', '/', 'n/a', 'na', 'n.a.', 'k/d', 'kd']);

const UNIT_GROUP = /[([]\s*(?:‰|%o|per\s?mil|permil|v?smow|tu|vs\.?|,|\/|\s)+[)\]]/g;

/** A header as a matching key: `δ¹⁸O (‰ VSMOW)` → `d18o`, `Sai số δ²H` → `saisod2h`, `δ18O ±` → `d18ounc`. */
export function isotopeHeaderKey(header: string): string {
  const s = header
    .slice(0, 200)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/δ/g, 'd')
    .replace(/±/g, ' unc ')
    .replace(UNIT_GROUP, ' ')
    .replace(/‰|vsmow/g, ' ');
  return searchKey(s).replace(/[^a-z0-9]/g, '');
}

const KEY_TO_COLUMN: ReadonlyMap<string, IsotopeResultColumn> = new Map(
  ISOTOPE_RESULT_COLUMNS.flatMap((c) =>
    [...c.headers, c.field].map((h) => [isotopeHeaderKey(h), c] as [string, IsotopeResultColumn]),
  ),
);

const isBlank = (c: Cell | undefined): boolean =>
  c === null || c === undefined || (typeof c === 'string' && c.trim() === '');
const isNotMeasured = (c: Cell | undefined): boolean =>
  isBlank(c) || (typeof c === 'string' && NOT_MEASURED.has(c.trim().toLowerCase()));

type Parsed<T> = { value: T } | { reason: ValidationReason; params?: Record<string, unknown> };

function parseNumber(cell: Cell): Parsed<number> {
  if (typeof cell === 'number')
    return Number.isFinite(cell) ? { value: cell } : { reason: 'type', params: { expected: 'number' } };
  if (typeof cell === 'boolean') return { reason: 'type', params: { expected: 'number' } };
  const raw = String(cell);
  if (raw.length > 64) return { reason: 'type', params: { expected: 'number' } };
  // U+2212 minus and en dash as minus (typed in Word or copied from reports), ‰ after the number, thin spaces.
  let text = raw
    .trim()
    .replace(/^[\u2212\u2013]/, '-')
    .replace(/\s*‰$/, '')
    .replace(/[\s\u00a0\u2009\u202f]/g, '');
  if (/^[-+]?\d+,\d+$/.test(text)) text = text.replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text))
    return { reason: 'type', params: { expected: 'number' } };
  const n = Number(text);
  return Number.isFinite(n) ? { value: n } : { reason: 'type', params: { expected: 'number' } };
}

const DATE_PARTS = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const DMY_PARTS = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const EXCEL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
/** 1970-01-01 and 2100-01-01 as Excel serial days: a bare number in the date column outside them is not a date. */
const EXCEL_SERIAL_MIN = 25_569;
const EXCEL_SERIAL_MAX = 73_051;
const EARLIEST_YEAR = 1950;
const LATEST_YEAR = 2100;

const hourOffsets = new Map<string, number>();

/** Epoch ms of a wall-clock time in an IANA zone (two passes, so a changing offset is still right). */
export function zonedTimeToUtc(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  timeZone: string,
): number {
  // The offset is looked up once per wall-clock hour and zone: a file repeats the same dates many times.
  const hour = Date.UTC(y, mo - 1, d, h);
  const key = `${timeZone}|${hour}`;
  let offset = hourOffsets.get(key);
  if (offset === undefined) {
    const offsetAt = (t: number) => zoneOffsetMs(timeZone, t);
    offset = offsetAt(hour - offsetAt(hour));
    if (hourOffsets.size > 50_000) hourOffsets.clear();
    hourOffsets.set(key, offset);
  }
  return Date.UTC(y, mo - 1, d, h, mi, s) - offset;
}

function wallClock(parts: number[], timeZone: string): Parsed<number> {
  const [y, mo, d, h = 0, mi = 0, s = 0] = parts as [number, number, number, number?, number?, number?];
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > days || h > 23 || mi > 59 || s > 59)
    return { reason: 'format', params: { format: 'dd/mm/yyyy' } };
  if (y < EARLIEST_YEAR) return { reason: 'too_small', params: { limit: EARLIEST_YEAR } };
  if (y >= LATEST_YEAR) return { reason: 'too_large', params: { limit: LATEST_YEAR } };
  return { value: zonedTimeToUtc(y, mo, d, h, mi, s, timeZone) };
}

/**
 * A sampling date or date-time: `2025-03-15`, `15/03/2025`, `15.03.2025 09:30`, ISO 8601 with a zone, or an
 * Excel date. Without a zone the time is read in `timeZone`; a date alone is midnight there.
 */
export function parseSamplingTime(
  cell: Cell,
  timeZone: string,
  excelDateTimes = false,
): { value: string } | { reason: ValidationReason; params?: Record<string, unknown> } {
  let ms: Parsed<number>;
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell < EXCEL_SERIAL_MIN || cell >= EXCEL_SERIAL_MAX)
      return { reason: 'format', params: { format: 'dd/mm/yyyy' } };
    const iso = excelSerialToIso(cell);
    return parseSamplingTime(iso, timeZone, true);
  }
  const text = String(cell).trim();
  if (text.length > 40) return { reason: 'format', params: { format: 'dd/mm/yyyy' } };
  const excel = excelDateTimes ? EXCEL_DATETIME.exec(text) : null;
  const iso = excel ? null : DATE_PARTS.exec(text);
  const dmy = DMY_PARTS.exec(text);
  if (excel) ms = wallClock(excel.slice(1).map(Number), timeZone);
  else if (iso)
    ms = wallClock(
      iso
        .slice(1)
        .filter((p) => p !== undefined)
        .map(Number),
      timeZone,
    );
  else if (dmy) {
    const [, d, mo, y, ...time] = dmy;
    ms = wallClock([y, mo, d, ...time.filter((p) => p !== undefined)].map(Number), timeZone);
  } else {
    const zoned = parseIsoTime(text);
    if (zoned === null) return { reason: 'format', params: { format: 'dd/mm/yyyy' } };
    const year = new Date(zoned).getUTCFullYear();
    if (year < EARLIEST_YEAR) return { reason: 'too_small', params: { limit: EARLIEST_YEAR } };
    if (year >= LATEST_YEAR) return { reason: 'too_large', params: { limit: LATEST_YEAR } };
    ms = { value: zoned };
  }
  return 'value' in ms ? { value: new Date(ms.value).toISOString() } : ms;
}

function parseText(cell: Cell, spec: IsotopeResultColumn): Parsed<string> {
  const text = (
    typeof cell === 'number' ? (Number.isInteger(cell) ? cell.toFixed(0) : String(cell)) : String(cell)
  ).trim();
  if (FORMULA_RE.test(text)) return { reason: 'formula_like' };
  if (CONTROL_RE.test(text)) return { reason: 'pattern' };
  if (spec.type === 'station') {
    const code = text.toUpperCase();
    if (code.length > 20 || !STATION_CODE_RE.test(code)) return { reason: 'pattern' };
    return { value: code };
  }
  if (spec.type === 'sampleCode') {
    if (text.length > 40) return { reason: 'too_long', params: { limit: 40 } };
    return SAMPLE_CODE_RE.test(text) ? { value: text } : { reason: 'pattern' };
  }
  const max = spec.maxLength ?? 200;
  if (text.length > max) return { reason: 'too_long', params: { limit: max } };
  return { value: text };
}

const QUANTITY_OF: Record<'d18o' | 'd2h' | 'tritiumTu', IsotopeQuantity> = {
  d18o: 'd18o',
  d2h: 'd2h',
  tritiumTu: 'tritiumTu',
};

function checkRange(value: number, spec: IsotopeResultColumn): Parsed<number> {
  if (spec.type === 'uncertainty') {
    if (value < 0) return { reason: 'too_small', params: { limit: 0 } };
    const max = ISOTOPE_HARD_LIMITS.uncertainty.max.value;
    if (value > max) return { reason: 'too_large', params: { limit: max } };
    return { value };
  }
  const limits = ISOTOPE_HARD_LIMITS[QUANTITY_OF[spec.field as 'd18o']];
  if (value < limits.min.value) return { reason: 'too_small', params: { limit: limits.min.value } };
  if (value > limits.max.value) return { reason: 'too_large', params: { limit: limits.max.value } };
  return { value };
}

/** Where the header is: the first of the top rows that names at least two known columns. */
function findHeaderRow(table: readonly Cell[][]): number {
  for (let r = 0; r < Math.min(table.length, HEADER_SEARCH_ROWS); r += 1) {
    const known = new Set<string>();
    for (const cell of table[r] ?? []) {
      if (typeof cell !== 'string' || cell.length > 200) continue;
      const spec = KEY_TO_COLUMN.get(isotopeHeaderKey(cell));
      if (spec) known.add(spec.field);
    }
    if (known.size >= 2) return r;
  }
  return 0;
}

const label = (index: number, header: string) => {
  const h = header.trim();
  return `${columnName(index)} (${h.length > 60 ? `${h.slice(0, 59)}…` : h})`;
};

/** Reads the rows of a sheet (header row included) into samples and issues. */
export function parseIsotopeResults(
  table: readonly Cell[][],
  options: IsotopeResultOptions,
): ParsedIsotopeResults {
  const maxRows = options.maxRows ?? ISOTOPE_RESULT_MAX_ROWS;
  const issues: IsotopeResultIssue[] = [];
  const headerIndex = findHeaderRow(table);
  const headerRow = headerIndex + 1;
  const header = table[headerIndex] ?? [];
  const specAt = new Map<number, IsotopeResultColumn>();
  const columnOf: Partial<Record<IsotopeResultField, string>> = {};
  header.forEach((h, i) => {
    if (isBlank(h)) return;
    const text = String(h);
    const spec = KEY_TO_COLUMN.get(isotopeHeaderKey(text));
    if (!spec) {
      issues.push({ row: headerRow, column: label(i, text), field: '', reason: 'unknown_column' });
      return;
    }
    if (columnOf[spec.field]) {
      issues.push({ row: headerRow, column: label(i, text), field: spec.field, reason: 'duplicate_in_file' });
      return;
    }
    specAt.set(i, spec);
    columnOf[spec.field] = label(i, text);
  });
  const empty = (): ParsedIsotopeResults => ({ rows: [], issues, dataRows: 0, headerRow, columnOf });
  let missing = false;
  for (const spec of ISOTOPE_RESULT_COLUMNS)
    if (spec.required && !columnOf[spec.field]) {
      missing = true;
      issues.push({
        row: headerRow,
        column: null,
        field: spec.field,
        reason: 'missing_column',
        params: { header: spec.headers[0] },
      });
    }
  if (!columnOf.d18o && !columnOf.d2h && !columnOf.tritiumTu) {
    missing = true;
    issues.push({
      row: headerRow,
      column: null,
      field: 'measurements',
      reason: 'missing_column',
      params: { header: 'δ18O / δ2H / Tritium (TU)' },
    });
  }
  if (missing) return empty();

  let dataRows = 0;
  for (let r = headerIndex + 1; r < table.length; r += 1) if (!(table[r] ?? []).every(isBlank)) dataRows += 1;
  if (dataRows === 0) {
    issues.push({ row: headerRow + 1, column: null, field: '', reason: 'empty_file' });
    return empty();
  }
  if (dataRows > maxRows) {
    issues.push({
      row: headerRow,
      column: null,
      field: '',
      reason: 'too_many_items',
      params: { limit: maxRows },
    });
    return { ...empty(), dataRows };
  }

  const future = options.now
    ? options.now.getTime() + MONITORING_TIME_REFERENCE.futureToleranceS.value * 1000
    : Number.POSITIVE_INFINITY;
  const rows: ParsedIsotopeResults['rows'] = [];
  const firstRowOf = new Map<string, number>();
  for (let r = headerIndex + 1; r < table.length; r += 1) {
    const cells = table[r] ?? [];
    if (cells.every(isBlank)) continue;
    const row = r + 1;
    const rowIssues: IsotopeResultIssue[] = [];
    const value: IsotopeResult = {
      station: '',
      sampleCode: '',
      sampledAt: '',
      d18o: null,
      d18oUnc: null,
      d2h: null,
      d2hUnc: null,
      tritiumTu: null,
      tritiumUnc: null,
      lab: null,
      method: null,
      note: null,
    };
    const issue = (spec: IsotopeResultColumn, reason: ValidationReason, params?: Record<string, unknown>) =>
      rowIssues.push({
        row,
        column: columnOf[spec.field]!,
        field: spec.field,
        reason,
        ...(params ? { params } : {}),
      });
    for (const [i, spec] of specAt) {
      const cell = cells[i];
      if (spec.type === 'value' || spec.type === 'uncertainty') {
        if (isNotMeasured(cell)) continue;
        const n = parseNumber(cell!);
        const checked = 'value' in n ? checkRange(n.value, spec) : n;
        if ('value' in checked) (value as unknown as Record<string, number>)[spec.field] = checked.value;
        else issue(spec, checked.reason, checked.params);
        continue;
      }
      if (isBlank(cell) || (spec.type === 'text' && isNotMeasured(cell))) {
        if (spec.required) issue(spec, 'required');
        continue;
      }
      if (spec.type === 'datetime') {
        const t = parseSamplingTime(cell!, options.timeZone, options.excelDateTimes ?? false);
        if (!('value' in t)) issue(spec, t.reason, t.params);
        else if (Date.parse(t.value) > future) issue(spec, 'in_future');
        else value.sampledAt = t.value;
        continue;
      }
      const t = parseText(cell!, spec);
      if ('value' in t) (value as unknown as Record<string, string>)[spec.field] = t.value;
      else issue(spec, t.reason, t.params);
    }
    const failed = new Set(rowIssues.map((x) => x.field));
    for (const spec of ISOTOPE_RESULT_COLUMNS)
      if (
        spec.type === 'uncertainty' &&
        value[spec.field as 'd18oUnc'] !== null &&
        value[spec.of!] === null &&
        !failed.has(spec.of!)
      )
        issue(spec, 'uncertainty_without_value');
    if (
      value.d18o === null &&
      value.d2h === null &&
      value.tritiumTu === null &&
      !['d18o', 'd2h', 'tritiumTu'].some((f) => failed.has(f))
    )
      rowIssues.push({ row, column: null, field: 'measurements', reason: 'no_measurement' });
    if (value.station && value.sampleCode) {
      const identity = `${value.station}\u0000${value.sampleCode}`;
      const first = firstRowOf.get(identity);
      if (first !== undefined)
        rowIssues.push({
          row,
          column: columnOf.sampleCode!,
          field: 'sampleCode',
          reason: 'duplicate_in_file',
          params: { row: first },
        });
      else firstRowOf.set(identity, row);
    }
    issues.push(...rowIssues);
    if (rowIssues.length === 0) rows.push({ row, value });
  }
  return { rows, issues, dataRows, headerRow, columnOf };
}

export type IsotopeResultFormat = 'csv' | 'xlsx';

/**
 * Reads a whole CSV (UTF-8) or XLSX file. Throws CsvError or XlsxError when the file itself cannot be read
 * (not a workbook, unterminated quote, over the size limits); row problems are in the result.
 */
export function readIsotopeResultFile(
  bytes: Uint8Array,
  format: IsotopeResultFormat,
  options: IsotopeResultOptions & { csvLimits?: CsvLimits; xlsxLimits?: XlsxLimits },
): ParsedIsotopeResults {
  const maxRows = options.maxRows ?? ISOTOPE_RESULT_MAX_ROWS;
  // Room for title rows and the header above the data.
  const tableRows = maxRows + HEADER_SEARCH_ROWS + 1;
  if (format === 'xlsx') {
    const { rows } = readXlsx(bytes, { limits: { maxRows: tableRows, ...options.xlsxLimits } });
    return parseIsotopeResults(rows, { ...options, excelDateTimes: options.excelDateTimes ?? true });
  }
  const text = strFromU8(bytes);
  const rows = parseCsv(text, {
    maxRows: tableRows,
    maxColumns: 200,
    maxFieldLength: 10_000,
    ...options.csvLimits,
  });
  return parseIsotopeResults(rows, options);
}

/** The header row of a blank template (Vietnamese headers). */
export function isotopeResultTemplateHeaders(): string[] {
  return ISOTOPE_RESULT_COLUMNS.map((c) => c.headers[0]!);
}
