/**
 * Reads a table of commune populations (CSV or XLSX already split into cells): one row per commune with its code,
 * population, and optionally the year and source of the figure. Headers may be English or Vietnamese
 * (code/mã, population/dân số, year/năm, source/nguồn); other columns (a name column, notes) are ignored and
 * named in the report. Every problem is reported with its row, column and reason. No I/O.
 */
import {
  columnName,
  COMMUNE_POPULATION_MAX,
  POPULATION_SOURCE_MAX,
  POPULATION_YEAR_MIN,
  searchKey,
  type Cell,
  type ValidationReason,
} from '@sievert/core';
import type { CommunePopulation } from './geo.repository.js';

export const POPULATION_FIELDS = ['code', 'population', 'year', 'source'] as const;
export type PopulationField = (typeof POPULATION_FIELDS)[number];

/** Header spellings, matched without case, accents, spaces, punctuation or a unit in brackets. */
const HEADERS: Record<PopulationField, readonly string[]> = {
  code: ['code', 'commune code', 'mã', 'mã xã', 'mã xã/phường', 'mã xã, phường', 'mã đơn vị', 'mã ĐVHC'],
  population: ['population', 'dân số', 'số dân', 'tổng dân số'],
  year: ['year', 'population year', 'năm', 'năm số liệu'],
  source: ['source', 'population source', 'nguồn', 'nguồn số liệu'],
};

export function populationHeaderKey(header: string): string {
  return searchKey(header.slice(0, 200).replace(/[([].*?[)\]]/g, ' ')).replace(/[^a-z0-9]/g, '');
}

const FIELD_BY_KEY: ReadonlyMap<string, PopulationField> = new Map(
  POPULATION_FIELDS.flatMap((field) =>
    HEADERS[field].map((h) => [populationHeaderKey(h), field] as [string, PopulationField]),
  ),
);

export interface PopulationIssue {
  row: number;
  column: string | null;
  field: string;
  reason: ValidationReason;
  params?: Record<string, unknown>;
}

export interface PopulationRow {
  row: number;
  code: string;
  value: CommunePopulation;
}

export interface ParsedPopulationTable {
  rows: PopulationRow[];
  issues: PopulationIssue[];
  /** Data rows that were not blank. */
  dataRows: number;
  ignoredColumns: string[];
}

type Parsed<T> = { value: T } | { reason: ValidationReason; params?: Record<string, unknown> };

const isBlank = (c: Cell | undefined) =>
  c === null || c === undefined || (typeof c === 'string' && c.trim() === '');
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** OWASP "CSV injection": what a spreadsheet would run as a formula when the text is exported again. */
const FORMULA = /^[=+\-@\t\r]/;

/** A whole number: `12345`, or grouped by thousands as in Vietnamese (`12.345`) or English (`12,345`). */
function parseWhole(cell: Cell): Parsed<number> {
  const type = { reason: 'type' as const, params: { expected: 'integer' } };
  if (typeof cell === 'number') return Number.isSafeInteger(cell) ? { value: cell } : type;
  if (typeof cell !== 'string' || cell.length > 40) return type;
  const text = cell
    .trim()
    .replace(/^[\u2212\u2013]/, '-')
    .replace(/[\s\u00a0\u2009\u202f]/g, '');
  const grouped = /^-?\d{1,3}([.,])\d{3}(\1\d{3})*$/.exec(text);
  const digits = grouped ? text.replace(/[.,]/g, '') : text;
  if (!/^-?\d+$/.test(digits)) return type;
  const value = Number(digits);
  return Number.isSafeInteger(value) ? { value } : type;
}

function parseCode(cell: Cell): Parsed<string> {
  // A spreadsheet keeps a code typed as a number without its leading zeros.
  const text =
    typeof cell === 'number' && Number.isInteger(cell) && cell >= 0
      ? String(cell).padStart(5, '0')
      : String(cell).trim();
  return /^\d{5}$/.test(text) ? { value: text } : { reason: 'format', params: { format: '5 digits' } };
}

function parsePopulation(cell: Cell): Parsed<number> {
  const n = parseWhole(cell);
  if (!('value' in n)) return n;
  if (n.value < 0) return { reason: 'too_small', params: { limit: 0 } };
  if (n.value > COMMUNE_POPULATION_MAX)
    return { reason: 'too_large', params: { limit: COMMUNE_POPULATION_MAX } };
  return n;
}

function parseYear(cell: Cell, currentYear: number): Parsed<number> {
  const n = parseWhole(cell);
  if (!('value' in n)) return n;
  if (n.value < POPULATION_YEAR_MIN) return { reason: 'too_small', params: { limit: POPULATION_YEAR_MIN } };
  if (n.value > currentYear) return { reason: 'in_future' };
  return n;
}

function parseSource(cell: Cell): Parsed<string> {
  const text = String(cell).trim();
  if (text.length > POPULATION_SOURCE_MAX)
    return { reason: 'too_long', params: { limit: POPULATION_SOURCE_MAX } };
  if (CONTROL.test(text)) return { reason: 'pattern' };
  if (FORMULA.test(text)) return { reason: 'formula_like' };
  return { value: text };
}

/**
 * `known`: the province's commune codes; `currentYear`: the latest year a figure may be for.
 * The header is the first row that is not blank; spreadsheet rows are numbered from 1.
 */
export function readPopulationTable(
  table: readonly (readonly Cell[])[],
  known: ReadonlySet<string>,
  currentYear: number,
): ParsedPopulationTable {
  const issues: PopulationIssue[] = [];
  const headerIndex = table.findIndex((r) => r.some((c) => !isBlank(c)));
  if (headerIndex < 0)
    return {
      rows: [],
      issues: [{ row: 1, column: null, field: '', reason: 'empty_file' }],
      dataRows: 0,
      ignoredColumns: [],
    };
  const headerRow = headerIndex + 1;
  const header = table[headerIndex]!;
  const columnOf = new Map<PopulationField, number>();
  const ignoredColumns: string[] = [];
  const label = (index: number) => `${columnName(index)} (${String(header[index] ?? '').trim()})`;
  header.forEach((cell, index) => {
    if (isBlank(cell)) return;
    const field = FIELD_BY_KEY.get(populationHeaderKey(String(cell)));
    if (!field) ignoredColumns.push(label(index));
    else if (columnOf.has(field))
      issues.push({
        row: headerRow,
        column: label(index),
        field,
        reason: 'duplicate_in_file',
        params: { row: headerRow },
      });
    else columnOf.set(field, index);
  });
  for (const field of ['code', 'population'] as const)
    if (!columnOf.has(field))
      issues.push({
        row: headerRow,
        column: null,
        field,
        reason: 'missing_column',
        params: { header: HEADERS[field].slice(0, 2).join(' / ') },
      });
  if (issues.length > 0) return { rows: [], issues, dataRows: 0, ignoredColumns };

  const rows: PopulationRow[] = [];
  const firstRowOf = new Map<string, number>();
  let dataRows = 0;
  for (let i = headerIndex + 1; i < table.length; i++) {
    const cells = table[i]!;
    if (cells.every(isBlank)) continue;
    dataRows += 1;
    const row = i + 1;
    const rowIssues: PopulationIssue[] = [];
    const cell = (field: PopulationField) => cells[columnOf.get(field) ?? -1] ?? null;
    const problem = (
      field: PopulationField,
      p: { reason: ValidationReason; params?: Record<string, unknown> },
    ) => rowIssues.push({ row, column: label(columnOf.get(field)!), field, ...p });

    let code: string | null = null;
    if (isBlank(cell('code'))) problem('code', { reason: 'required' });
    else {
      const parsed = parseCode(cell('code'));
      if (!('value' in parsed)) problem('code', parsed);
      else if (!known.has(parsed.value)) problem('code', { reason: 'unknown_commune' });
      else if (firstRowOf.has(parsed.value))
        problem('code', { reason: 'duplicate_in_file', params: { row: firstRowOf.get(parsed.value) } });
      else {
        code = parsed.value;
        firstRowOf.set(code, row);
      }
    }
    const value: CommunePopulation = { population: null, populationYear: null, populationSource: null };
    if (isBlank(cell('population'))) problem('population', { reason: 'required' });
    else {
      const parsed = parsePopulation(cell('population'));
      if ('value' in parsed) value.population = parsed.value;
      else problem('population', parsed);
    }
    if (columnOf.has('year') && !isBlank(cell('year'))) {
      const parsed = parseYear(cell('year'), currentYear);
      if ('value' in parsed) value.populationYear = parsed.value;
      else problem('year', parsed);
    }
    if (columnOf.has('source') && !isBlank(cell('source'))) {
      const parsed = parseSource(cell('source'));
      if ('value' in parsed) value.populationSource = parsed.value;
      else problem('source', parsed);
    }
    issues.push(...rowIssues);
    if (rowIssues.length === 0 && code !== null) rows.push({ row, code, value });
  }
  if (dataRows === 0) issues.push({ row: headerRow, column: null, field: '', reason: 'empty_file' });
  return { rows, issues, dataRows, ignoredColumns };
}
