/**
 * EURDEP 2.x (European Radiological Data Exchange Platform) text reader and writer, written clean-room from the
 * structure and field lists in docs reference `monitoring.md` §1.3 (no code from the Java/C#/Python parsers).
 *
 * Format summary (§1.3 "Lexical rules"): a file holds one or more `\BEGIN_EURDEP;` … `\END_EURDEP;` messages; every
 * statement starts with `\` and ends with `;`; fields are comma-separated, whitespace is skipped and text in double
 * quotes may contain commas. A message has a HEADER block, at most one LOCALITY block and one or more RADIOLOGICAL
 * blocks (each may hold a DEFAULT block of `\NAME value;` pairs applying to every record of the block); COMMENT
 * and unknown `\BEGIN_X;…\END_X;` blocks are skipped. `\FIELD_LIST A,B,C;` gives the column order of the records
 * that follow it.
 *
 * The reader is tolerant: a broken record becomes an issue `{ line, field, reason }` and everything else is kept.
 * Only a text that does not start as a EURDEP message, or that is over the size / record limits, throws a
 * `EurdepError`. Pure TypeScript: no Node-only API, no DOM.
 */

export type EurdepErrorCode = 'not_eurdep' | 'too_large' | 'too_many_records' | 'unwritable_value';

export class EurdepError extends Error {
  constructor(
    readonly code: EurdepErrorCode,
    detail = '',
  ) {
    super(`EURDEP ${code.replace(/_/g, ' ')}${detail ? `: ${detail}` : ''}`);
    this.name = 'EurdepError';
  }
}

export type EurdepIssueReason =
  | 'missing_field'
  | 'missing_block'
  | 'bad_number'
  | 'bad_time'
  | 'bad_coordinate'
  | 'bad_code'
  | 'begin_after_end'
  | 'implausible_uncertainty'
  | 'unsupported_version'
  | 'unknown_block'
  | 'unknown_field'
  | 'unknown_locality'
  | 'duplicate_block'
  | 'duplicate_field'
  | 'duplicate_locality'
  | 'nested_block'
  | 'misplaced_block'
  | 'misplaced_statement'
  | 'unclosed_block'
  | 'unexpected_end'
  | 'no_field_list'
  | 'field_count'
  | 'bad_syntax'
  | 'unterminated'
  | 'line_too_long'
  | 'trailing_garbage'
  | 'too_many_issues';

export interface EurdepIssue {
  /** 1-based line of the statement the issue is about. */
  line: number;
  /** EURDEP field or block name, when the issue concerns one. */
  field?: string;
  reason: EurdepIssueReason;
  detail?: string;
}

export interface EurdepHeader {
  originator?: string;
  /** TEST, NORMAL, ROUTINE or EMERGENCY. */
  importance?: string;
  /** ISO 8601 UTC. */
  sent?: string;
  messageId?: string;
  countryCode?: string;
  softwareVersion?: string;
  /** FTP, EMAIL, MIRROR, HTTP or FILE. */
  carrier?: string;
  formatVersion?: string;
  filename?: string;
  /** Any other header field, by its EURDEP name. */
  other: Record<string, string>;
}

export interface EurdepLocality {
  line: number;
  code: string;
  name?: string;
  /** Decimal degrees, north positive. */
  latitude: number;
  /** Decimal degrees, east positive. */
  longitude: number;
  heightAboveLand?: number;
  heightAboveSea?: number;
  nuts?: string;
  /** Any other field, by its EURDEP name, as written. */
  fields: Record<string, string>;
}

export interface EurdepRecord {
  line: number;
  /** 0-based index of the message (`\BEGIN_EURDEP;`) in the file. */
  message: number;
  localityCode: string;
  /** ISO 8601 UTC; the integration period is end − begin (EURDEP has no DURATION field). */
  begin: string;
  end: string;
  /** e.g. T-GAMMA, CS-137. */
  nuclide: string;
  /** e.g. A5 = external radiation. */
  sampleType: string;
  /** As given (nSv/h, NSV/H, USV/H, BQ/M3 …); no conversion here. */
  unit: string;
  value: number;
  valueConstraint?: '<' | '>';
  uncertainty?: number;
  uncertaintyType?: string;
  uncertaintyUnit?: string;
  /** Raw code: the reference does not define the VALIDATED code values. */
  validated?: string;
  apparatus?: string;
  valueType?: string;
  background?: number;
  /** Only when the record itself (or its DEFAULT block) carries a position. */
  latitude?: number;
  longitude?: number;
  /** Any other field (PRECIPITATION, REMARKS, …), by its EURDEP name, as written. */
  fields: Record<string, string>;
}

export interface EurdepParseOptions {
  /** UTF-8 size limit of the whole text; default 64 MiB. */
  maxBytes?: number;
  /** Limit on data lines (localities + measurements); default 1,000,000. */
  maxRecords?: number;
  /** Longer lines are skipped with a `line_too_long` issue; default 65,536 characters. */
  maxLineLength?: number;
  /** Issues kept before a final `too_many_issues`; default 10,000. */
  maxIssues?: number;
  /**
   * Keep a record whose BEGIN is not before END (still reported as a `begin_after_end` issue) instead of dropping
   * it, for a store that flags such values rather than losing them. Default false.
   */
  keepBeginAfterEnd?: boolean;
}

export interface EurdepParseResult {
  /** Header of the first message. */
  header: EurdepHeader;
  /** One header per message, in file order. */
  headers: EurdepHeader[];
  localities: EurdepLocality[];
  records: EurdepRecord[];
  issues: EurdepIssue[];
}

export const EURDEP_IMPORTANCE: readonly string[] = ['TEST', 'NORMAL', 'ROUTINE', 'EMERGENCY'];
export const EURDEP_CARRIERS: readonly string[] = ['FTP', 'EMAIL', 'MIRROR', 'HTTP', 'FILE'];
/** UNCERTAINTY_TYPE code list (§1.3 "Code lists"). */
export const EURDEP_UNCERTAINTY_TYPES: readonly string[] = 'ABCDEFGHIJKLMZ'.split('');

/*
 * Uncertainty plausibility (§1.3 QA lesson 2 and the QC table "reject absurd uncertainty (1.5e10 %)"). The reference
 * gives no numbers; these bounds are ours: a percentage (H, I) above 1000 %, a relative SD (L) above 10, an absolute
 * dispersion (A, B, C, D, G, K, M) in the value's unit above 1000 × |value|, or any negative uncertainty.
 * Percentiles (E, F), detection limits (J) and "not specified" (Z) are only checked for sign.
 */
const PERCENT_TYPES = new Set(['H', 'I']);
const RELATIVE_TYPES = new Set(['L']);
const ABSOLUTE_TYPES = new Set(['A', 'B', 'C', 'D', 'G', 'K', 'M']);
const MAX_PERCENT = 1000;
const MAX_RELATIVE = 10;
const MAX_ABSOLUTE_RATIO = 1000;

const HEADER_KEYS: ReadonlyArray<readonly [Exclude<keyof EurdepHeader, 'other'>, string]> = [
  ['importance', 'IMPORTANCE'],
  ['softwareVersion', 'SOFTWARE_VERSION'],
  ['originator', 'ORIGINATOR'],
  ['messageId', 'MESSAGE_ID'],
  ['sent', 'SENT'],
  ['countryCode', 'COUNTRY_CODE'],
  ['carrier', 'CARRIER'],
  ['formatVersion', 'FORMAT_VERSION'],
  ['filename', 'FILENAME'],
];
const HEADER_MANDATORY = ['ORIGINATOR', 'IMPORTANCE', 'SENT', 'MESSAGE_ID'];

/** Field names recognised by the reference (EURDEPStrings list in §1.3). Others are kept but reported. */
const KNOWN_FIELDS = new Set(
  (
    'AIR_VOLUME APPARATUS BACKGROUND BACKGROUND_METHOD BACKGROUND_CONSTRAINT BEGIN CLOUD_COVER DEPTH_MAX DEPTH_MIN ' +
    'DEW_POINT_TEMPERATURE DOPPLER_RADAR END HEIGHT_ABOVE_LAND HEIGHT_ABOVE_SEA LATITUDE LOCALITY_CODE LOCALITY_NAME ' +
    'LONGITUDE NUCLIDE NUTS PRECIPITATION PRECIPITATION_DURATION PRECIPITATION_INTENSITY PRECIPITATION_OCCURENCE ' +
    'PRESSURE REFERENCE_DATE REMARKS RELATIVE_HUMIDITY SAMPLE_BEGIN SAMPLE_END SAMPLE_TREATMENT SAMPLE_TYPE SNOW ' +
    'SNOW_OCCURENCE SOLAR_RADIATION STABILITY_CLASS TEMPERATURE TIME_BASE UNCERTAINTY UNCERTAINTY_TYPE ' +
    'UNCERTAINTY_UNIT UNCERTAINTY_CONSTRAINT UNIT VALIDATED VALUE VALUE_CONSTRAINT VALUE_TYPE WEATHER_RADAR ' +
    'WIND_DIRECTION WIND_DIRECTION_FLUCTUATION WIND_SPEED WIND_SPEED_FLUCTUATION'
  ).split(' '),
);

const LOCALITY_TYPED = [
  'LOCALITY_CODE',
  'LOCALITY_NAME',
  'LATITUDE',
  'LONGITUDE',
  'HEIGHT_ABOVE_LAND',
  'HEIGHT_ABOVE_SEA',
  'NUTS',
];
const RECORD_MANDATORY = ['LOCALITY_CODE', 'BEGIN', 'END', 'NUCLIDE', 'SAMPLE_TYPE', 'UNIT', 'VALUE'];
const RECORD_TYPED = [
  ...RECORD_MANDATORY,
  'VALUE_CONSTRAINT',
  'UNCERTAINTY',
  'UNCERTAINTY_TYPE',
  'UNCERTAINTY_UNIT',
  'VALIDATED',
  'APPARATUS',
  'VALUE_TYPE',
  'BACKGROUND',
  'LATITUDE',
  'LONGITUDE',
];
const LOCALITY_TYPED_SET = new Set(LOCALITY_TYPED);
const RECORD_TYPED_SET = new Set(RECORD_TYPED);

const NAME_RE = /^[A-Z][A-Z0-9_]*$/;
const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?Z$/;
const COORD_RE = /^([NSEW])?\s*([+-])?(\d+\.?\d*|\.\d+)$/i;
const BLOCK_RE = /^(BEGIN|END)_([A-Za-z0-9_]+)$/;
const KEYWORD_RE = /^([A-Za-z][A-Za-z0-9_]*)(?:\s+([\s\S]*))?$/;

// ---------------------------------------------------------------------------------------------------------------
// Small value parsers (exported for adapters that read single EURDEP fields)

/** A EURDEP number (`49`, `4.90E+01`, `-0.5`); undefined when it is not a finite decimal number. */
export function parseEurdepNumber(raw: string): number | undefined {
  const s = raw.trim();
  if (!NUMBER_RE.test(s)) return undefined;
  const n = Number(s);
  if (!Number.isFinite(n)) return undefined;
  return n === 0 ? 0 : n; // no -0
}

/** A EURDEP time stamp (`2013-12-15T00:10Z`, seconds tolerated) as ISO 8601 UTC; undefined when invalid. */
export function parseEurdepTime(raw: string): string | undefined {
  const m = TIME_RE.exec(raw.trim());
  if (!m) return undefined;
  const num = (i: number) => (m[i] === undefined ? 0 : Number(m[i]));
  const [y, mo, d, h, mi, s] = [num(1), num(2), num(3), num(4), num(5), num(6)];
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
    return undefined;
  return date.toISOString();
}

/**
 * A coordinate as decimal degrees. Both styles of §1.3 are accepted: plain signed decimals (`21.0285`, `-21.9`) and
 * a hemisphere prefix with decimal degrees (`N64.0508`, `W021.5035`). A hemisphere letter of the wrong axis, a
 * letter together with a sign, or a value out of range gives undefined.
 */
export function parseEurdepCoordinate(raw: string, axis: 'latitude' | 'longitude'): number | undefined {
  const m = COORD_RE.exec(raw.trim());
  if (!m) return undefined;
  const hemi = m[1]?.toUpperCase();
  if (hemi && m[2]) return undefined;
  if (hemi && (axis === 'latitude') !== (hemi === 'N' || hemi === 'S')) return undefined;
  let v = Number(m[3]);
  if (!Number.isFinite(v)) return undefined;
  if (hemi === 'S' || hemi === 'W' || m[2] === '-') v = -v;
  if (Math.abs(v) > (axis === 'latitude' ? 90 : 180)) return undefined;
  return v === 0 ? 0 : v;
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Splits a record body on commas outside double quotes; quoted text is kept verbatim, the rest trimmed. */
function splitFields(body: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  const n = body.length;
  for (;;) {
    while (i < n && (body[i] === ' ' || body[i] === '\t')) i++;
    let value: string;
    if (body[i] === '"') {
      const close = body.indexOf('"', i + 1);
      if (close < 0) return undefined;
      value = body.slice(i + 1, close);
      i = close + 1;
      while (i < n && (body[i] === ' ' || body[i] === '\t')) i++;
      if (i < n && body[i] !== ',') return undefined;
    } else {
      let j = body.indexOf(',', i);
      if (j < 0) j = n;
      value = body.slice(i, j).trim();
      if (value.includes('"')) return undefined;
      i = j;
    }
    out.push(value);
    if (i >= n) return out;
    i++; // the comma
  }
}

function unquoteWhole(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"') && !v.slice(1, -1).includes('"'))
    return v.slice(1, -1);
  return v;
}

// ---------------------------------------------------------------------------------------------------------------
// Reader

type BlockKind = 'EURDEP' | 'HEADER' | 'LOCALITY' | 'RADIOLOGICAL' | 'DEFAULT' | 'COMMENT' | 'SKIP';

interface RawRow {
  line: number;
  names: string[];
  values: string[];
}

interface Frame {
  name: string;
  kind: BlockKind;
  line: number;
  fieldList?: string[] | null;
  rows?: RawRow[];
  defaults?: Map<string, string>;
  defaultSeen?: boolean;
}

interface MessageState {
  index: number;
  header: EurdepHeader;
  headerFieldLines: Map<string, number>;
  headerSeen: boolean;
  localitySeen: boolean;
  radiologicalSeen: boolean;
}

function newHeader(): EurdepHeader {
  return { other: {} };
}

/**
 * Reads a EURDEP 2.x text. Throws `EurdepError` (`not_eurdep`, `too_large`, `too_many_records`) only; every other
 * problem is an issue in the result and the affected record is either kept (with the faulty optional field left
 * out) or dropped (when a mandatory field is missing or unusable); see the comments at each check.
 */
export function parseEurdep(text: string, options: EurdepParseOptions = {}): EurdepParseResult {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const maxRecords = options.maxRecords ?? 1_000_000;
  const maxLineLength = options.maxLineLength ?? 65_536;
  const maxIssues = options.maxIssues ?? 10_000;

  if (text.length > maxBytes || (text.length * 3 > maxBytes && utf8Length(text) > maxBytes))
    throw new EurdepError('too_large', `over ${maxBytes} bytes`);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const lines = text.split(/\r\n|\r|\n/);
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0 || !/^\s*\\\s*BEGIN_EURDEP\s*;/i.test(lines[first]!.slice(0, maxLineLength)))
    throw new EurdepError('not_eurdep', 'the text does not start with \\BEGIN_EURDEP;');

  const headers: EurdepHeader[] = [];
  const localities: EurdepLocality[] = [];
  const localityByCode = new Map<string, EurdepLocality>();
  const records: EurdepRecord[] = [];
  const issues: EurdepIssue[] = [];
  let issuesTruncated = false;
  let dataLines = 0;
  const stack: Frame[] = [];
  let message: MessageState | undefined;
  let messageCount = 0;
  let garbageReported = false;

  const issue = (line: number, reason: EurdepIssueReason, field?: string, detail?: string) => {
    if (issues.length >= maxIssues) {
      issuesTruncated = true;
      return;
    }
    const it: EurdepIssue = { line, reason };
    if (field !== undefined) it.field = field;
    if (detail !== undefined) it.detail = detail;
    issues.push(it);
  };

  // --- block finalisation -----------------------------------------------------------------------------------

  const finishHeader = (frame: Frame) => {
    const msg = message!;
    for (const name of HEADER_MANDATORY)
      if (!msg.headerFieldLines.has(name)) issue(frame.line, 'missing_field', name);
  };

  const finishLocality = (frame: Frame) => {
    for (const row of frame.rows ?? []) {
      const get = (name: string) => {
        const idx = row.names.indexOf(name);
        const v = idx < 0 ? undefined : row.values[idx];
        return v === '' ? undefined : v;
      };
      // Mandatory LOCALITY_CODE, LATITUDE, LONGITUDE: without them the locality is useless, so it is dropped.
      // LOCALITY_NAME is mandatory too but only descriptive: reported, locality kept.
      let ok = true;
      for (const name of ['LOCALITY_CODE', 'LATITUDE', 'LONGITUDE'])
        if (get(name) === undefined) {
          issue(row.line, 'missing_field', name);
          ok = false;
        }
      if (!ok) continue;
      const latitude = parseEurdepCoordinate(get('LATITUDE')!, 'latitude');
      const longitude = parseEurdepCoordinate(get('LONGITUDE')!, 'longitude');
      if (latitude === undefined) issue(row.line, 'bad_coordinate', 'LATITUDE', get('LATITUDE'));
      if (longitude === undefined) issue(row.line, 'bad_coordinate', 'LONGITUDE', get('LONGITUDE'));
      if (latitude === undefined || longitude === undefined) continue;
      const loc: EurdepLocality = {
        line: row.line,
        code: get('LOCALITY_CODE')!,
        latitude,
        longitude,
        fields: {},
      };
      const name = get('LOCALITY_NAME');
      if (name === undefined) issue(row.line, 'missing_field', 'LOCALITY_NAME');
      else loc.name = name;
      for (const [key, field] of [
        ['heightAboveLand', 'HEIGHT_ABOVE_LAND'],
        ['heightAboveSea', 'HEIGHT_ABOVE_SEA'],
      ] as const) {
        const raw = get(field);
        if (raw === undefined) continue;
        const v = parseEurdepNumber(raw);
        if (v === undefined) issue(row.line, 'bad_number', field, raw);
        else loc[key] = v;
      }
      const nuts = get('NUTS');
      if (nuts !== undefined) loc.nuts = nuts;
      row.names.forEach((n, i) => {
        if (!LOCALITY_TYPED_SET.has(n) && row.values[i] !== '') loc.fields[n] = row.values[i]!;
      });
      const previous = localityByCode.get(loc.code);
      if (previous) {
        // The same station repeated in later messages (as in the Icelandic feed) is normal; a different
        // description under the same code is reported and the first one kept.
        if (!sameLocality(previous, loc)) issue(row.line, 'duplicate_locality', 'LOCALITY_CODE', loc.code);
        continue;
      }
      localityByCode.set(loc.code, loc);
      localities.push(loc);
    }
  };

  const finishRadiological = (frame: Frame) => {
    const defaults = frame.defaults ?? new Map<string, string>();
    for (const row of frame.rows ?? []) {
      const values = new Map(defaults);
      row.names.forEach((n, i) => {
        if (row.values[i] !== '') values.set(n, row.values[i]!);
      });
      const rec = resolveRecord(row.line, values, message!.index, issue, options.keepBeginAfterEnd === true);
      if (rec) records.push(rec);
    }
  };

  const finishEurdep = (frame: Frame) => {
    const msg = message!;
    if (!msg.headerSeen) {
      issue(frame.line, 'missing_block', 'HEADER');
      for (const name of HEADER_MANDATORY) issue(frame.line, 'missing_field', name);
    }
    if (!msg.radiologicalSeen) issue(frame.line, 'missing_block', 'RADIOLOGICAL');
  };

  /** Pops the top frame; `closedBy` is undefined when it was not closed explicitly. */
  const pop = (closedBy: number | undefined) => {
    const frame = stack.pop()!;
    if (closedBy === undefined) issue(frame.line, 'unclosed_block', frame.name);
    if (frame.kind === 'HEADER') finishHeader(frame);
    else if (frame.kind === 'LOCALITY') finishLocality(frame);
    else if (frame.kind === 'RADIOLOGICAL') finishRadiological(frame);
    else if (frame.kind === 'EURDEP') finishEurdep(frame);
  };

  const top = () => stack[stack.length - 1];

  const outside = (line: number) => {
    if (!garbageReported) issue(line, 'trailing_garbage');
    garbageReported = true;
  };

  // --- statements ---------------------------------------------------------------------------------------------

  const openMessageBlock = (name: string, line: number) => {
    const msg = message!;
    if (name === 'HEADER') {
      if (msg.headerSeen) {
        // A second header could contradict the first: it is reported and skipped, the first one wins.
        issue(line, 'duplicate_block', name);
        stack.push({ name, kind: 'SKIP', line });
        return;
      }
      msg.headerSeen = true;
      stack.push({ name, kind: 'HEADER', line });
    } else if (name === 'LOCALITY') {
      // "at most one" LOCALITY block; a second one is reported but read, duplicates are handled per code.
      if (msg.localitySeen) issue(line, 'duplicate_block', name);
      msg.localitySeen = true;
      stack.push({ name, kind: 'LOCALITY', line, fieldList: null, rows: [] });
    } else if (name === 'RADIOLOGICAL') {
      msg.radiologicalSeen = true;
      stack.push({ name, kind: 'RADIOLOGICAL', line, fieldList: null, rows: [], defaults: new Map() });
    } else if (name === 'COMMENT') {
      stack.push({ name, kind: 'COMMENT', line });
    } else if (name === 'DEFAULT') {
      issue(line, 'misplaced_block', name);
      stack.push({ name, kind: 'SKIP', line });
    } else {
      // Unknown blocks are allowed by the grammar (forward compatibility) and skipped; reported for information.
      issue(line, 'unknown_block', name);
      stack.push({ name, kind: 'SKIP', line });
    }
  };

  const beginBlock = (name: string, line: number) => {
    const t = top();
    if (name === 'EURDEP') {
      while (stack.length > 0) pop(undefined);
      message = {
        index: messageCount++,
        header: newHeader(),
        headerFieldLines: new Map(),
        headerSeen: false,
        localitySeen: false,
        radiologicalSeen: false,
      };
      headers.push(message.header);
      garbageReported = false;
      stack.push({ name, kind: 'EURDEP', line });
      return;
    }
    if (!t) return outside(line);
    if (t.kind === 'SKIP' || t.kind === 'COMMENT') return;
    if (t.kind === 'EURDEP') return openMessageBlock(name, line);
    // Inside HEADER / LOCALITY / RADIOLOGICAL / DEFAULT.
    if (stack.some((f) => f.name === name)) return issue(line, 'nested_block', name);
    if (name === 'COMMENT') return void stack.push({ name, kind: 'COMMENT', line });
    if (name === 'DEFAULT') {
      if (t.kind !== 'RADIOLOGICAL') {
        issue(line, 'misplaced_block', name);
        return void stack.push({ name, kind: 'SKIP', line });
      }
      if (t.defaultSeen) issue(line, 'duplicate_block', name);
      t.defaultSeen = true;
      return void stack.push({ name, kind: 'DEFAULT', line });
    }
    if (name === 'HEADER' || name === 'LOCALITY' || name === 'RADIOLOGICAL') {
      // A sibling block starts while one is open: the open one lost its END; close it and go on.
      while (top()!.kind !== 'EURDEP') pop(undefined);
      return openMessageBlock(name, line);
    }
    issue(line, 'unknown_block', name);
    stack.push({ name, kind: 'SKIP', line });
  };

  const endBlock = (name: string, line: number) => {
    const t = top();
    if (!t) return outside(line);
    if ((t.kind === 'SKIP' || t.kind === 'COMMENT') && name !== t.name && name !== 'EURDEP') return;
    let idx = -1;
    for (let i = stack.length - 1; i >= 0; i--)
      if (stack[i]!.name === name) {
        idx = i;
        break;
      }
    if (idx < 0) return issue(line, 'unexpected_end', name);
    while (stack.length - 1 > idx) pop(undefined);
    pop(line);
    if (name === 'EURDEP') garbageReported = false;
  };

  const keywordStatement = (body: string, line: number): [string, string] | undefined => {
    const m = KEYWORD_RE.exec(body);
    if (!m) {
      issue(line, 'bad_syntax');
      return undefined;
    }
    const name = m[1]!.toUpperCase();
    if (!NAME_RE.test(name)) {
      issue(line, 'bad_syntax');
      return undefined;
    }
    return [name, unquoteWhole(m[2] ?? '')];
  };

  const headerField = (body: string, line: number) => {
    const kv = keywordStatement(body, line);
    if (!kv) return;
    const [name, value] = kv;
    const msg = message!;
    if (msg.headerFieldLines.has(name)) return issue(line, 'duplicate_field', name); // first one wins
    if (value === '') return issue(line, 'missing_field', name);
    msg.headerFieldLines.set(name, line);
    const h = msg.header;
    const key = HEADER_KEYS.find(([, n]) => n === name)?.[0];
    if (!key) {
      h.other[name] = value;
      return;
    }
    if (key === 'sent') {
      const iso = parseEurdepTime(value);
      if (iso === undefined) return issue(line, 'bad_time', name, value);
      h.sent = iso;
      return;
    }
    if (key === 'importance' && !EURDEP_IMPORTANCE.includes(value.toUpperCase()))
      issue(line, 'bad_code', name, value);
    if (key === 'carrier' && !EURDEP_CARRIERS.includes(value.toUpperCase()))
      issue(line, 'bad_code', name, value);
    if (key === 'countryCode' && !/^[A-Za-z]{2}$/.test(value)) issue(line, 'bad_code', name, value);
    if (key === 'formatVersion' && !/^2(\.\d+)?$/.test(value))
      issue(line, 'unsupported_version', name, value);
    h[key] = value;
  };

  const defaultField = (body: string, line: number, parent: Frame) => {
    const kv = keywordStatement(body, line);
    if (!kv) return;
    const [name, value] = kv;
    if (parent.defaults!.has(name)) return issue(line, 'duplicate_field', name);
    if (!KNOWN_FIELDS.has(name)) issue(line, 'unknown_field', name);
    parent.defaults!.set(name, value);
  };

  const dataStatement = (body: string, line: number, frame: Frame) => {
    if (/^FIELD_LIST(\s|$)/i.test(body)) {
      const names = splitFields(body.slice('FIELD_LIST'.length))?.map((n) => n.toUpperCase());
      if (!names || names.some((n) => !NAME_RE.test(n))) {
        frame.fieldList = null; // the following records cannot be aligned
        return issue(line, 'bad_syntax', 'FIELD_LIST');
      }
      const dup = names.find((n, i) => names.indexOf(n) !== i);
      if (dup) {
        frame.fieldList = null;
        return issue(line, 'duplicate_field', dup);
      }
      for (const n of names) if (!KNOWN_FIELDS.has(n)) issue(line, 'unknown_field', n);
      frame.fieldList = names;
      return;
    }
    dataLines++;
    if (dataLines > maxRecords) throw new EurdepError('too_many_records', `over ${maxRecords}`);
    if (!frame.fieldList) return issue(line, 'no_field_list');
    const values = splitFields(body);
    if (!values) return issue(line, 'bad_syntax');
    // A row whose column count differs from FIELD_LIST cannot be aligned safely: dropped.
    if (values.length !== frame.fieldList.length)
      return issue(
        line,
        'field_count',
        undefined,
        `${values.length} values for ${frame.fieldList.length} fields`,
      );
    frame.rows!.push({ line, names: frame.fieldList, values });
  };

  const statement = (rawBody: string, line: number) => {
    const body = rawBody.trim();
    const block = BLOCK_RE.exec(body);
    if (block) {
      const name = block[2]!.toUpperCase();
      return block[1]!.toUpperCase() === 'BEGIN' ? beginBlock(name, line) : endBlock(name, line);
    }
    const t = top();
    if (!t) return outside(line);
    switch (t.kind) {
      case 'SKIP':
      case 'COMMENT':
        return;
      case 'EURDEP':
        return issue(line, 'misplaced_statement');
      case 'HEADER':
        return headerField(body, line);
      case 'DEFAULT':
        return defaultField(body, line, stack[stack.length - 2]!);
      case 'LOCALITY':
      case 'RADIOLOGICAL':
        return dataStatement(body, line, t);
    }
  };

  // --- lines --------------------------------------------------------------------------------------------------

  for (let li = first; li < lines.length; li++) {
    const s = lines[li]!;
    const line = li + 1;
    if (s.length > maxLineLength) {
      if (stack.length === 0) outside(line);
      else issue(line, 'line_too_long', undefined, `${s.length} characters`);
      continue;
    }
    const n = s.length;
    let i = 0;
    while (i < n) {
      while (i < n && (s[i] === ' ' || s[i] === '\t')) i++;
      if (i >= n) break;
      if (s[i] !== '\\') {
        if (stack.length === 0) outside(line);
        else issue(line, 'bad_syntax');
        break;
      }
      let j = i + 1;
      let inQuotes = false;
      for (; j < n; j++) {
        const c = s[j];
        if (c === '"') inQuotes = !inQuotes;
        else if (c === ';' && !inQuotes) break;
      }
      if (j >= n) {
        // No closing `;` (a cut-off transmission): the statement may be truncated, so it is not used.
        if (stack.length === 0) outside(line);
        else issue(line, inQuotes ? 'bad_syntax' : 'unterminated');
        break;
      }
      statement(s.slice(i + 1, j), line);
      i = j + 1;
    }
  }
  while (stack.length > 0) pop(undefined);

  // Records without their own position need a LOCALITY entry (mandatory LATITUDE/LONGITUDE, §1.3). The locality
  // may have been sent in an earlier file, so such a record is kept and reported rather than dropped.
  for (const r of records)
    if (r.latitude === undefined && !localityByCode.has(r.localityCode))
      issue(r.line, 'unknown_locality', 'LOCALITY_CODE', r.localityCode);

  issues.sort((a, b) => a.line - b.line);
  if (issuesTruncated) issues.push({ line: lines.length, reason: 'too_many_issues' });
  return { header: headers[0]!, headers, localities, records, issues };
}

function sameLocality(a: EurdepLocality, b: EurdepLocality): boolean {
  const { line: _a, fields: fa, ...ra } = a;
  const { line: _b, fields: fb, ...rb } = b;
  const norm = (o: object) => JSON.stringify(Object.entries(o).sort(([x], [y]) => (x < y ? -1 : 1)));
  return norm(ra) === norm(rb) && norm(fa) === norm(fb);
}

function resolveRecord(
  line: number,
  values: Map<string, string>,
  message: number,
  issue: (line: number, reason: EurdepIssueReason, field?: string, detail?: string) => void,
  keepBeginAfterEnd: boolean,
): EurdepRecord | undefined {
  // Mandatory fields (§1.3, Eurdep.NET): a record without any of them is dropped.
  const missing = RECORD_MANDATORY.filter((n) => !values.has(n));
  for (const n of missing) issue(line, 'missing_field', n);
  if (missing.length > 0) return undefined;
  const get = (n: string) => values.get(n);

  const rawValue = get('VALUE')!;
  const value = parseEurdepNumber(rawValue);
  if (value === undefined) {
    issue(line, 'bad_number', 'VALUE', rawValue);
    return undefined;
  }
  const begin = parseEurdepTime(get('BEGIN')!);
  const end = parseEurdepTime(get('END')!);
  if (begin === undefined) issue(line, 'bad_time', 'BEGIN', get('BEGIN'));
  if (end === undefined) issue(line, 'bad_time', 'END', get('END'));
  if (begin === undefined || end === undefined) return undefined;
  // "We must validate that BEGIN < END" (§1.3 QA lesson 1): the Icelandic date-rollover bug makes the true period
  // unknown, so the record is dropped. An empty period (BEGIN = END) is treated the same way.
  if (begin >= end) {
    issue(line, 'begin_after_end', 'BEGIN', `${begin} >= ${end}`);
    if (!keepBeginAfterEnd) return undefined;
  }

  const rec: EurdepRecord = {
    line,
    message,
    localityCode: get('LOCALITY_CODE')!,
    begin,
    end,
    nuclide: get('NUCLIDE')!,
    sampleType: get('SAMPLE_TYPE')!,
    unit: get('UNIT')!,
    value,
    fields: {},
  };

  // A position in the record itself must be complete and valid, otherwise the record is dropped.
  const rawLat = get('LATITUDE');
  const rawLon = get('LONGITUDE');
  if (rawLat !== undefined || rawLon !== undefined) {
    if (rawLat === undefined || rawLon === undefined) {
      issue(line, 'missing_field', rawLat === undefined ? 'LATITUDE' : 'LONGITUDE');
      return undefined;
    }
    const lat = parseEurdepCoordinate(rawLat, 'latitude');
    const lon = parseEurdepCoordinate(rawLon, 'longitude');
    if (lat === undefined) issue(line, 'bad_coordinate', 'LATITUDE', rawLat);
    if (lon === undefined) issue(line, 'bad_coordinate', 'LONGITUDE', rawLon);
    if (lat === undefined || lon === undefined) return undefined;
    rec.latitude = lat;
    rec.longitude = lon;
  }

  // Optional fields: a faulty one is reported and left out; the measurement is kept.
  const constraint = get('VALUE_CONSTRAINT');
  if (constraint !== undefined) {
    if (constraint === '<' || constraint === '>') rec.valueConstraint = constraint;
    else issue(line, 'bad_code', 'VALUE_CONSTRAINT', constraint);
  }
  const background = get('BACKGROUND');
  if (background !== undefined) {
    const b = parseEurdepNumber(background);
    if (b === undefined) issue(line, 'bad_number', 'BACKGROUND', background);
    else rec.background = b;
  }
  for (const [key, field] of [
    ['validated', 'VALIDATED'],
    ['apparatus', 'APPARATUS'],
    ['valueType', 'VALUE_TYPE'],
  ] as const) {
    const v = get(field);
    if (v !== undefined) rec[key] = v;
  }

  // Uncertainty (§1.3 QA lesson 2: "don't trust them blindly"). An implausible uncertainty is reported and the
  // uncertainty fields are left out; the measured value itself is kept.
  const rawU = get('UNCERTAINTY');
  const uType = get('UNCERTAINTY_TYPE')?.toUpperCase();
  const uUnit = get('UNCERTAINTY_UNIT');
  let uOk = true;
  let u: number | undefined;
  if (uType !== undefined && !EURDEP_UNCERTAINTY_TYPES.includes(uType)) {
    issue(line, 'bad_code', 'UNCERTAINTY_TYPE', uType);
    uOk = false;
  }
  if (rawU !== undefined) {
    u = parseEurdepNumber(rawU);
    if (u === undefined) {
      issue(line, 'bad_number', 'UNCERTAINTY', rawU);
      uOk = false;
    } else if (uOk && !plausibleUncertainty(u, uType, uUnit, value, rec.unit)) {
      issue(line, 'implausible_uncertainty', 'UNCERTAINTY', `${rawU}${uType ? ` (type ${uType})` : ''}`);
      uOk = false;
    }
  }
  if (uOk) {
    if (u !== undefined) rec.uncertainty = u;
    if (uType !== undefined) rec.uncertaintyType = uType;
    if (uUnit !== undefined) rec.uncertaintyUnit = uUnit;
  }

  for (const [n, v] of values) if (!RECORD_TYPED_SET.has(n)) rec.fields[n] = v;
  return rec;
}

function plausibleUncertainty(
  u: number,
  type: string | undefined,
  uUnit: string | undefined,
  value: number,
  unit: string,
): boolean {
  if (u < 0) return false;
  if (type === undefined) return true;
  if (PERCENT_TYPES.has(type)) return u <= MAX_PERCENT;
  if (RELATIVE_TYPES.has(type)) return u <= MAX_RELATIVE;
  if (
    ABSOLUTE_TYPES.has(type) &&
    value !== 0 &&
    (uUnit === undefined || uUnit.toUpperCase() === unit.toUpperCase())
  )
    return u <= MAX_ABSOLUTE_RATIO * Math.abs(value);
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Writer

export interface EurdepWriteInput {
  header: Omit<EurdepHeader, 'other'> & { other?: Record<string, string> };
  localities: ReadonlyArray<Omit<EurdepLocality, 'line' | 'fields'> & { fields?: Record<string, string> }>;
  records: ReadonlyArray<
    Omit<EurdepRecord, 'line' | 'message' | 'fields'> & { fields?: Record<string, string> }
  >;
}

const ISO_IN_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;
const SAFE_TEXT_RE = /^[A-Za-z0-9._\-+:/<>%()*#@]+$/;

function unwritable(detail: string): never {
  throw new EurdepError('unwritable_value', detail);
}

function checkText(value: string, what: string): void {
  // The format has no escape for `"` or line breaks (§1.3 only says quotes may hold commas): refuse them.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/["\u0000-\u001f\u007f\u2028\u2029]/.test(value))
    unwritable(`${what} contains a quote or control character`);
}

function fmtText(value: string | undefined, what: string): string {
  if (value === undefined || value === '') return '';
  checkText(value, what);
  return SAFE_TEXT_RE.test(value) ? value : `"${value}"`;
}

function fmtNumber(value: number | undefined, what: string): string {
  if (value === undefined) return '';
  if (typeof value !== 'number' || !Number.isFinite(value)) unwritable(`${what} is not a finite number`);
  return String(value).replace('e', 'E');
}

/** EURDEP time, to the minute (§1.3); seconds are written only when not zero, milliseconds are dropped. */
function fmtTime(value: string | undefined, what: string): string {
  if (value === undefined || !ISO_IN_RE.test(value)) unwritable(`${what} is not an ISO 8601 time with zone`);
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) unwritable(`${what} is not a valid time`);
  const iso = d.toISOString();
  return iso.slice(16, 19) === ':00' ? `${iso.slice(0, 16)}Z` : `${iso.slice(0, 19)}Z`;
}

function extraNames(rows: ReadonlyArray<{ fields?: Record<string, string> }>, typed: Set<string>): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const r of rows)
    for (const n of Object.keys(r.fields ?? {})) {
      if (seen.has(n)) continue;
      if (!NAME_RE.test(n) || typed.has(n)) unwritable(`field name ${n}`);
      seen.add(n);
      names.push(n);
    }
  return names;
}

const DEFAULTABLE = [
  'SAMPLE_TYPE',
  'NUCLIDE',
  'UNIT',
  'UNCERTAINTY_TYPE',
  'UNCERTAINTY_UNIT',
  'VALIDATED',
  'APPARATUS',
  'VALUE_TYPE',
];

/**
 * Writes one EURDEP 2.x message (HEADER, LOCALITY, RADIOLOGICAL with a DEFAULT block for values shared by every
 * record) with CRLF line ends. Throws `EurdepError('unwritable_value')` for anything the format cannot carry or
 * that would make the message invalid: a missing mandatory header field or locality name, a non-finite number,
 * text with a double quote or control character, a time without a zone.
 */
export function writeEurdep(data: EurdepWriteInput): string {
  const out: string[] = ['\\BEGIN_EURDEP;', '\\BEGIN_HEADER;'];
  const h = data.header;
  for (const name of HEADER_MANDATORY) {
    const key = HEADER_KEYS.find(([, n]) => n === name)![0];
    if (!h[key]) unwritable(`header ${name} is missing`);
  }
  if (!EURDEP_IMPORTANCE.includes(h.importance!.toUpperCase())) unwritable(`IMPORTANCE ${h.importance}`);
  if (h.carrier !== undefined && !EURDEP_CARRIERS.includes(h.carrier.toUpperCase()))
    unwritable(`CARRIER ${h.carrier}`);
  const headerLine = (name: string, value: string) => {
    checkText(value, name);
    const quoted = /^\s|\s$|[;\\,]/.test(value) || value === '';
    out.push(`\\${name} ${quoted ? `"${value}"` : value};`);
  };
  for (const [key, name] of HEADER_KEYS) {
    const v = h[key];
    if (v === undefined) continue;
    headerLine(name, key === 'sent' ? fmtTime(v, name) : v);
  }
  for (const [name, v] of Object.entries(h.other ?? {})) {
    if (!NAME_RE.test(name) || HEADER_KEYS.some(([, n]) => n === name)) unwritable(`header field ${name}`);
    headerLine(name, v);
  }
  out.push('\\END_HEADER;');

  if (data.localities.length > 0) {
    const optional = (
      [
        ['HEIGHT_ABOVE_LAND', (l) => fmtNumber(l.heightAboveLand, 'HEIGHT_ABOVE_LAND')],
        ['HEIGHT_ABOVE_SEA', (l) => fmtNumber(l.heightAboveSea, 'HEIGHT_ABOVE_SEA')],
        ['NUTS', (l) => fmtText(l.nuts, 'NUTS')],
      ] as Array<[string, (l: EurdepWriteInput['localities'][number]) => string]>
    ).filter(([, f]) => data.localities.some((l) => f(l) !== ''));
    const extra = extraNames(data.localities, LOCALITY_TYPED_SET);
    out.push('\\BEGIN_LOCALITY;');
    out.push(
      `\\FIELD_LIST ${['LOCALITY_CODE', 'LOCALITY_NAME', 'LATITUDE', 'LONGITUDE', ...optional.map(([n]) => n), ...extra].join(',')};`,
    );
    for (const l of data.localities) {
      if (!l.code) unwritable('LOCALITY_CODE is missing');
      if (!l.name) unwritable(`LOCALITY_NAME of ${l.code} is missing`);
      if (!(Math.abs(l.latitude) <= 90)) unwritable(`LATITUDE of ${l.code}`);
      if (!(Math.abs(l.longitude) <= 180)) unwritable(`LONGITUDE of ${l.code}`);
      const cells = [
        fmtText(l.code, 'LOCALITY_CODE'),
        fmtText(l.name, 'LOCALITY_NAME'),
        fmtNumber(l.latitude, 'LATITUDE'),
        fmtNumber(l.longitude, 'LONGITUDE'),
        ...optional.map(([, f]) => f(l)),
        ...extra.map((n) => fmtText(l.fields?.[n], n)),
      ];
      out.push(`\\${cells.join(',')};`);
    }
    out.push('\\END_LOCALITY;');
  }

  type Rec = EurdepWriteInput['records'][number];
  const columns: Array<[string, (r: Rec) => string]> = [
    ['LOCALITY_CODE', (r) => fmtText(r.localityCode, 'LOCALITY_CODE')],
    ['BEGIN', (r) => fmtTime(r.begin, 'BEGIN')],
    ['END', (r) => fmtTime(r.end, 'END')],
    ['VALUE', (r) => fmtNumber(r.value, 'VALUE')],
    ['NUCLIDE', (r) => fmtText(r.nuclide, 'NUCLIDE')],
    ['SAMPLE_TYPE', (r) => fmtText(r.sampleType, 'SAMPLE_TYPE')],
    ['UNIT', (r) => fmtText(r.unit, 'UNIT')],
    ['VALUE_CONSTRAINT', (r) => fmtText(r.valueConstraint, 'VALUE_CONSTRAINT')],
    ['UNCERTAINTY', (r) => fmtNumber(r.uncertainty, 'UNCERTAINTY')],
    ['UNCERTAINTY_TYPE', (r) => fmtText(r.uncertaintyType, 'UNCERTAINTY_TYPE')],
    ['UNCERTAINTY_UNIT', (r) => fmtText(r.uncertaintyUnit, 'UNCERTAINTY_UNIT')],
    ['VALIDATED', (r) => fmtText(r.validated, 'VALIDATED')],
    ['APPARATUS', (r) => fmtText(r.apparatus, 'APPARATUS')],
    ['VALUE_TYPE', (r) => fmtText(r.valueType, 'VALUE_TYPE')],
    ['BACKGROUND', (r) => fmtNumber(r.background, 'BACKGROUND')],
    ['LATITUDE', (r) => fmtNumber(r.latitude, 'LATITUDE')],
    ['LONGITUDE', (r) => fmtNumber(r.longitude, 'LONGITUDE')],
  ];
  for (const n of extraNames(data.records, RECORD_TYPED_SET))
    columns.push([n, (r) => fmtText(r.fields?.[n], n)]);

  const rows = data.records.map((r) => {
    for (const n of ['localityCode', 'nuclide', 'sampleType', 'unit'] as const)
      if (!r[n]) unwritable(`record ${n} is missing`);
    if ((r.latitude === undefined) !== (r.longitude === undefined))
      unwritable('record has only one coordinate');
    fmtTime(r.begin, 'BEGIN');
    fmtTime(r.end, 'END');
    if (new Date(r.begin).getTime() >= new Date(r.end).getTime()) unwritable('BEGIN is not before END');
    return columns.map(([, f]) => f(r));
  });
  const defaults: Array<[string, string]> = [];
  const listed: number[] = [];
  columns.forEach(([name], c) => {
    const first = rows[0]?.[c] ?? '';
    if (rows.every((row) => row[c] === '')) return; // absent everywhere: not written
    if (DEFAULTABLE.includes(name) && first !== '' && rows.every((row) => row[c] === first))
      defaults.push([name, first]);
    else listed.push(c);
  });
  if (rows.length === 0) RECORD_MANDATORY.forEach((n) => listed.push(columns.findIndex(([c]) => c === n)));

  out.push('\\BEGIN_RADIOLOGICAL;');
  out.push(`\\FIELD_LIST ${listed.map((c) => columns[c]![0]).join(',')};`);
  if (defaults.length > 0) {
    out.push('\\BEGIN_DEFAULT;');
    for (const [name, v] of defaults) out.push(`\\${name} ${v};`);
    out.push('\\END_DEFAULT;');
  }
  for (const row of rows) out.push(`\\${listed.map((c) => row[c]).join(',')};`);
  out.push('\\END_RADIOLOGICAL;', '\\END_EURDEP;');
  return out.join('\r\n') + '\r\n';
}
