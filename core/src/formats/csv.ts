/**
 * CSV (RFC 4180) reading and writing, with limits so that a hostile file cannot exhaust memory.
 * Accepts CRLF or LF line ends, a UTF-8 byte-order mark, quoted fields with doubled quotes and embedded newlines.
 */

export interface CsvLimits {
  maxRows?: number;
  maxColumns?: number;
  maxFieldLength?: number;
}

export class CsvError extends Error {
  constructor(
    readonly reason:
      'unterminated_quote' | 'quote_in_field' | 'too_many_rows' | 'too_many_columns' | 'field_too_long',
    readonly line: number,
  ) {
    super(`CSV ${reason.replace(/_/g, ' ')} at line ${line}`);
    this.name = 'CsvError';
  }
}

export function parseCsv(text: string, limits: CsvLimits = {}): string[][] {
  const maxRows = limits.maxRows ?? 1_000_000;
  const maxColumns = limits.maxColumns ?? 1000;
  const maxField = limits.maxFieldLength ?? 100_000;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let inQuotes = false;
  let quotedField = false;
  const n = text.length;

  const endField = () => {
    if (row.length >= maxColumns) throw new CsvError('too_many_columns', line);
    row.push(field);
    field = '';
    quotedField = false;
  };
  const endRow = () => {
    const blank = row.length === 0 && field === '' && !quotedField;
    endField();
    if (!blank) {
      if (rows.length >= maxRows) throw new CsvError('too_many_rows', line);
      rows.push(row);
    }
    row = [];
  };

  while (i < n) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else {
          inQuotes = false;
          i += 1;
        }
      } else {
        if (ch === '\n') line += 1;
        field += ch;
        i += 1;
      }
      if (field.length > maxField) throw new CsvError('field_too_long', line);
      continue;
    }
    if (ch === '"') {
      if (field.length > 0 || quotedField) throw new CsvError('quote_in_field', line);
      inQuotes = true;
      quotedField = true;
      i += 1;
    } else if (ch === ',') {
      endField();
      i += 1;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      endRow();
      line += 1;
      i += 2;
    } else if (ch === '\n' || ch === '\r') {
      endRow();
      line += 1;
      i += 1;
    } else {
      if (quotedField) throw new CsvError('quote_in_field', line);
      field += ch;
      if (field.length > maxField) throw new CsvError('field_too_long', line);
      i += 1;
    }
  }
  if (inQuotes) throw new CsvError('unterminated_quote', line);
  if (field !== '' || row.length > 0 || quotedField) endRow();
  return rows;
}

/** Rows as objects keyed by the header row; header names are trimmed. */
export function parseCsvObjects(text: string, limits: CsvLimits = {}): Array<Record<string, string>> {
  const rows = parseCsv(text, limits);
  const header = (rows.shift() ?? []).map((h) => h.trim());
  return rows.map((r) => Object.fromEntries(header.map((h, idx) => [h, r[idx] ?? ''])));
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Writes CSV with CRLF line ends. Cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start)
 * get a leading apostrophe, so an exported file cannot carry a formula injection (OWASP "CSV Injection").
 */
export function writeCsv(
  rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null | undefined>>,
): string {
  return rows
    .map((r) =>
      r
        .map((cell) => {
          if (cell === null || cell === undefined) return '';
          if (typeof cell !== 'string') return String(cell);
          const safe = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
          return quote(safe);
        })
        .join(','),
    )
    .join('\r\n')
    .concat('\r\n');
}
