/**
 * A small, defensive XLSX (Office Open XML spreadsheet) reader and writer: the cells of one sheet as rows of
 * strings, numbers and booleans; dates as `YYYY-MM-DD` (or ISO date-time). Limits on the compressed and
 * uncompressed sizes, rows and columns stop zip bombs and huge sheets before they exhaust memory.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped } from 'fflate';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type Cell = string | number | boolean | null;

export interface XlsxLimits {
  maxBytes?: number;
  maxUncompressedBytes?: number;
  maxRows?: number;
  maxColumns?: number;
}

export type XlsxErrorReason =
  'not_xlsx' | 'too_large' | 'too_many_rows' | 'too_many_columns' | 'bad_xml' | 'no_sheet';

export class XlsxError extends Error {
  constructor(
    readonly reason: XlsxErrorReason,
    detail = '',
  ) {
    super(`XLSX ${reason.replace(/_/g, ' ')}${detail ? `: ${detail}` : ''}`);
    this.name = 'XlsxError';
  }
}

const ARRAYS = new Set(['sheet', 'Relationship', 'si', 'r', 'row', 'c', 'xf', 'numFmt']);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  removeNSPrefix: true,
  isArray: (name) => ARRAYS.has(name),
});

type Xml = Record<string, unknown>;

function parseXml(bytes: Uint8Array | undefined, name: string): Xml {
  if (!bytes) throw new XlsxError('not_xlsx', `missing ${name}`);
  const text = strFromU8(bytes);
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new XlsxError('bad_xml', `${name}: ${valid.err.msg} (line ${valid.err.line})`);
  try {
    return parser.parse(text) as Xml;
  } catch (error) {
    throw new XlsxError('bad_xml', `${name}: ${(error as Error).message}`);
  }
}

const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Text of an element that may be a plain string, `{#text}`, or rich-text runs `r[].t`. */
function textOf(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  const n = node as Xml;
  if (n.r !== undefined)
    return asArray(n.r as unknown[])
      .map((run) => textOf((run as Xml).t))
      .join('');
  if (n.t !== undefined) return textOf(n.t);
  if (n['#text'] !== undefined) return textOf(n['#text']);
  return '';
}

export function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref.toUpperCase()) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
  }
  return n - 1;
}

export function columnName(index: number): string {
  let name = '';
  let n = index + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    name = String.fromCharCode(65 + m) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** Excel serial day number (1900 or 1904 system) → ISO date, or date-time when it has a time of day. */
export function excelSerialToIso(serial: number, date1904 = false): string {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const ms = Math.round(serial * 86_400_000);
  const iso = new Date(epoch + ms).toISOString();
  return ms % 86_400_000 === 0 ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
}

export function readXlsx(
  data: Uint8Array,
  options: { sheet?: number | string; limits?: XlsxLimits } = {},
): { sheetName: string; sheetNames: string[]; rows: Cell[][] } {
  const limits = {
    maxBytes: 20 * 1024 * 1024,
    maxUncompressedBytes: 200 * 1024 * 1024,
    maxRows: 100_000,
    maxColumns: 200,
    ...options.limits,
  };
  if (data.length > limits.maxBytes) throw new XlsxError('too_large', `${data.length} bytes`);
  if (data.length < 4 || data[0] !== 0x50 || data[1] !== 0x4b || data[2] !== 0x03 || data[3] !== 0x04)
    throw new XlsxError('not_xlsx', 'not a ZIP container');
  let total = 0;
  let files: Unzipped;
  try {
    files = unzipSync(data, {
      filter: (f) => {
        const wanted =
          f.name === 'xl/workbook.xml' ||
          f.name === 'xl/_rels/workbook.xml.rels' ||
          f.name === 'xl/sharedStrings.xml' ||
          f.name === 'xl/styles.xml' ||
          f.name.startsWith('xl/worksheets/');
        if (!wanted) return false;
        total += f.originalSize;
        if (total > limits.maxUncompressedBytes)
          throw new XlsxError('too_large', 'uncompressed size over the limit');
        return true;
      },
    });
  } catch (error) {
    if (error instanceof XlsxError) throw error;
    throw new XlsxError('not_xlsx', (error as Error).message);
  }
  const actual = Object.values(files).reduce((s, f) => s + f.length, 0);
  if (actual > limits.maxUncompressedBytes)
    throw new XlsxError('too_large', 'uncompressed size over the limit');

  const workbook = parseXml(files['xl/workbook.xml'], 'xl/workbook.xml');
  const wb = workbook.workbook as Xml | undefined;
  const sheets = asArray(((wb?.sheets as Xml | undefined)?.sheet as Xml[] | undefined) ?? []);
  if (sheets.length === 0) throw new XlsxError('no_sheet');
  const date1904 = ['1', 'true'].includes(
    String(((wb?.workbookPr as Xml | undefined)?.['@_date1904'] as string | undefined) ?? ''),
  );
  const rels = asArray(
    ((
      parseXml(files['xl/_rels/workbook.xml.rels'], 'xl/_rels/workbook.xml.rels').Relationships as
        Xml | undefined
    )?.Relationship as Xml[] | undefined) ?? [],
  );
  const sheetNames = sheets.map((s) => String(s['@_name'] as string));
  const wanted = options.sheet ?? 0;
  const index = typeof wanted === 'number' ? wanted : sheetNames.indexOf(wanted);
  const sheet = sheets[index];
  if (!sheet) throw new XlsxError('no_sheet', String(wanted));
  const relId = String((sheet['@_id'] as string | undefined) ?? '');
  const target = String(
    (rels.find((r) => r['@_Id'] === relId)?.['@_Target'] as string | undefined) ??
      `worksheets/sheet${index + 1}.xml`,
  );
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;

  const shared = files['xl/sharedStrings.xml']
    ? asArray(
        ((parseXml(files['xl/sharedStrings.xml'], 'xl/sharedStrings.xml').sst as Xml | undefined)?.si as
          unknown[] | undefined) ?? [],
      ).map(textOf)
    : [];
  const dateStyles = new Set<number>();
  if (files['xl/styles.xml']) {
    const styles = parseXml(files['xl/styles.xml'], 'xl/styles.xml').styleSheet as Xml | undefined;
    const custom = new Map(
      asArray(((styles?.numFmts as Xml | undefined)?.numFmt as Xml[] | undefined) ?? []).map((f) => [
        Number(f['@_numFmtId']),
        String(f['@_formatCode'] as string),
      ]),
    );
    asArray(((styles?.cellXfs as Xml | undefined)?.xf as Xml[] | undefined) ?? []).forEach((xf, i) => {
      const id = Number(xf['@_numFmtId'] ?? 0);
      const code = custom.get(id);
      if (
        BUILTIN_DATE_FORMATS.has(id) ||
        (code !== undefined && /[dmyh]/i.test(code.replace(/"[^"]*"|\[[^\]]*\]/g, '')))
      )
        dateStyles.add(i);
    });
  }

  const sheetXml = parseXml(files[path], path);
  const rowNodes = asArray(
    (((sheetXml.worksheet as Xml | undefined)?.sheetData as Xml | undefined)?.row as Xml[] | undefined) ?? [],
  );
  const rows: Cell[][] = [];
  let nextRow = 0;
  for (const rowNode of rowNodes) {
    const r = rowNode['@_r'] !== undefined ? Number(rowNode['@_r']) - 1 : nextRow;
    if (!Number.isInteger(r) || r < 0) throw new XlsxError('bad_xml', 'row number');
    if (r >= limits.maxRows) throw new XlsxError('too_many_rows', String(r + 1));
    nextRow = r + 1;
    const cells: Cell[] = [];
    let nextCol = 0;
    for (const c of asArray(rowNode.c as Xml[] | undefined)) {
      const col = c['@_r'] !== undefined ? columnIndex(textOf(c['@_r'])) : nextCol;
      if (col < 0) throw new XlsxError('bad_xml', 'cell reference');
      if (col >= limits.maxColumns) throw new XlsxError('too_many_columns', String(col + 1));
      nextCol = col + 1;
      const type = String((c['@_t'] as string | undefined) ?? 'n');
      const raw = c.v === undefined ? undefined : textOf(c.v);
      let value: Cell = null;
      if (type === 's') value = raw === undefined ? null : (shared[Number(raw)] ?? null);
      else if (type === 'inlineStr') value = textOf(c.is);
      else if (type === 'str') value = raw ?? null;
      else if (type === 'b') value = raw === '1';
      else if (type === 'e') value = null;
      else if (type === 'd') value = raw ?? null;
      else if (raw !== undefined && raw !== '') {
        const n = Number(raw);
        value = Number.isFinite(n)
          ? dateStyles.has(Number(c['@_s'] ?? -1))
            ? excelSerialToIso(n, date1904)
            : n
          : raw;
      }
      while (cells.length < col) cells.push(null);
      cells[col] = value;
    }
    while (rows.length < r) rows.push([]);
    rows[r] = cells;
  }
  return { sheetName: sheetNames[index]!, sheetNames, rows };
}

function escapeXml(text: string): string {
  return (
    text
      // Characters XML 1.0 cannot carry at all (§2.2) are dropped.
      // eslint-disable-next-line no-control-regex
      .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

export interface SheetInput {
  name: string;
  rows: ReadonlyArray<ReadonlyArray<Cell | undefined>>;
  /** Bold first row and frozen panes under it. */
  header?: boolean;
}

/** Writes a workbook with inline strings: values are typed cells, never formulas. */
export function writeXlsx(sheets: readonly SheetInput[]): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const sheetEntries = sheets.map((s, i) => ({
    ...s,
    id: i + 1,
    safeName: escapeXml(s.name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || `Sheet${i + 1}`),
  }));
  files['[Content_Types].xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${sheetEntries.map((s) => `<Override PartName="/xl/worksheets/sheet${s.id}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`,
  );
  files['_rels/.rels'] = strToU8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  );
  files['xl/workbook.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheetEntries.map((s) => `<sheet name="${s.safeName}" sheetId="${s.id}" r:id="rId${s.id}"/>`).join('')}</sheets></workbook>`,
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheetEntries.map((s) => `<Relationship Id="rId${s.id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${s.id}.xml"/>`).join('')}<Relationship Id="rId${sheetEntries.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
  );
  files['xl/styles.xml'] = strToU8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>',
  );
  for (const s of sheetEntries) {
    const body = s.rows
      .map((row, r) => {
        const cells = row
          .map((cell, c) => {
            if (cell === null || cell === undefined) return '';
            const ref = `${columnName(c)}${r + 1}`;
            const style = s.header && r === 0 ? ' s="1"' : '';
            if (typeof cell === 'number')
              return Number.isFinite(cell) ? `<c r="${ref}"${style}><v>${cell}</v></c>` : '';
            if (typeof cell === 'boolean') return `<c r="${ref}"${style} t="b"><v>${cell ? 1 : 0}</v></c>`;
            return `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${escapeXml(cell)}</t></is></c>`;
          })
          .join('');
        return `<row r="${r + 1}">${cells}</row>`;
      })
      .join('');
    const pane = s.header
      ? '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
      : '';
    files[`xl/worksheets/sheet${s.id}.xml`] = strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${pane}<sheetData>${body}</sheetData></worksheet>`,
    );
  }
  return zipSync(files, { level: 6 });
}
