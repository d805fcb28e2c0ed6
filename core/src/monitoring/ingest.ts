/**
 * The edge of the measurement store: what a station sends (HTTP JSON, CSV, EURDEP, MQTT) becomes canonical
 * measurements (canonical unit, epoch seconds), each bad item a rejection with its index, a code and the field.
 * Pure: the server checks that stations exist and stores what comes out of here.
 */
import { errorMessage, type ErrorCode } from '../i18n/errors.js';
import { parseCsv, CsvError } from '../formats/csv.js';
import { EurdepError, parseEurdep, type EurdepIssue } from '../formats/eurdep.js';
import { isQuantity, toCanonical, type Quantity } from './quantities.js';
import { parseIsoTime, QUALITY_FLAGS, type QualityFlag } from './quality.js';

/** Stable small integers for the store (never renumber: they are in the database). */
export const QUANTITY_CODES: Readonly<Record<Quantity, number>> = {
  ambient_dose_rate: 1,
  count_rate: 2,
  precipitation: 3,
  temperature: 4,
  wind_speed: 5,
  wind_direction: 6,
};
const QUANTITY_BY_CODE = new Map(Object.entries(QUANTITY_CODES).map(([q, c]) => [c, q as Quantity]));
export function quantityOfCode(code: number): Quantity {
  const q = QUANTITY_BY_CODE.get(code);
  if (!q) throw new RangeError(`unknown quantity code ${code}`);
  return q;
}

export const SOURCE_CODES = { http: 1, csv: 2, eurdep: 3, mqtt: 4, manual: 5 } as const;
export type SourceName = keyof typeof SOURCE_CODES;
const SOURCE_BY_CODE = new Map(Object.entries(SOURCE_CODES).map(([s, c]) => [c as number, s as SourceName]));
export function sourceOfCode(code: number): SourceName {
  return SOURCE_BY_CODE.get(code) ?? 'manual';
}

export const VALIDATION_CODES = { unvalidated: 0, validated: 1, rejected: 2 } as const;
export function validationOfCode(code: number): keyof typeof VALIDATION_CODES {
  return code === 1 ? 'validated' : code === 2 ? 'rejected' : 'unvalidated';
}

/** Quality flags as bits, in QUALITY_FLAGS order (never reorder QUALITY_FLAGS: the bits are stored). */
export function flagBit(flag: QualityFlag): number {
  return 1 << QUALITY_FLAGS.indexOf(flag);
}
export function flagsToBits(flags: readonly QualityFlag[]): number {
  let bits = 0;
  for (const f of flags) bits |= flagBit(f);
  return bits;
}
export function bitsToFlags(bits: number): QualityFlag[] {
  if (bits === 0) return [];
  const out: QualityFlag[] = [];
  for (let i = 0; i < QUALITY_FLAGS.length; i++) if (bits & (1 << i)) out.push(QUALITY_FLAGS[i]!);
  return out;
}

/** Times before this are refused outright: no network in this store measured before 1990. */
export const EARLIEST_MEASUREMENT_S = Date.UTC(1990, 0, 1) / 1000;

export interface CanonicalMeasurement {
  /** Position of the item in what was sent (0-based). */
  index: number;
  /** Line in a CSV or EURDEP text, when the item came from one. */
  line?: number;
  station: string;
  quantity: Quantity;
  /** End of the measuring period, epoch seconds. */
  t: number;
  /** Length of the period (s); 0 for an instant; negative when the sender's begin is after its end (flagged). */
  dur: number;
  value: number;
  unc: number | null;
  /** Flags known from the item alone (begin after end, an uncertainty the source could not give plausibly). */
  flags: number;
}

export interface ItemRejection {
  index: number;
  line?: number;
  code: ErrorCode;
  message: string;
  field?: string;
}

export interface ConversionFactorLike {
  sensor: string;
  nSvPerHourPerCps: number;
  backgroundCps?: number | undefined;
}

export interface NormaliseOptions {
  /** The station the sender speaks for (a station token): items naming another are refused. Null: any. */
  station: string | null;
  /** A station's counter conversion factors, to derive H*(10) from a count rate sent with a `sensor`. */
  conversionFactors?: (station: string) => readonly ConversionFactorLike[] | undefined;
}

function reject(
  index: number,
  code: ErrorCode,
  params: Record<string, unknown>,
  field?: string,
  line?: number,
): ItemRejection {
  return {
    index,
    ...(line !== undefined ? { line } : {}),
    code,
    message: errorMessage(code, 'en', { field, ...params }),
    ...(field !== undefined ? { field } : {}),
  };
}

function readTime(raw: unknown, field: string, index: number, line?: number): number | ItemRejection {
  const ms = parseIsoTime(raw);
  const s = ms === null ? null : Math.round(ms / 1000);
  if (s === null || s < EARLIEST_MEASUREMENT_S || s > 32_503_680_000)
    return reject(index, 'ingest.invalid_time', { value: String(raw).slice(0, 60) }, field, line);
  return s;
}

function readNumber(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(raw)) {
    const n = Number(raw);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

const unitCache = new Map<string, { scale: number } | { error: string; reason?: string } | null>();

/** Converts with core's exact converter; a unit that is a pure scale is cached as a factor (the hot path). */
function convert(
  quantity: Quantity,
  value: number,
  unit: string,
): { value: number } | { error: string; reason?: string } {
  const key = `${quantity}\u0000${unit}`;
  let cached = unitCache.get(key);
  if (cached === undefined) {
    const one = toCanonical(quantity, 1, unit);
    const zero = toCanonical(quantity, 0, unit);
    if ('error' in one) cached = one.reason ? { error: one.error, reason: one.reason } : { error: one.error };
    else if ('value' in zero && zero.value === 0 && Number.isInteger(one.value))
      cached = { scale: one.value };
    else cached = null; // offset or fractional scale: convert exactly each time
    if (unitCache.size < 1000) unitCache.set(key, cached);
  }
  if (cached && 'error' in cached) return cached;
  // A decimal like 0.0781 µSv/h times 1000 is 78.10000000000001 in binary floating point; rounding to 15
  // significant digits gives the value the station meant (78.1), as the exact converter would.
  if (cached) return { value: Number((value * cached.scale).toPrecision(15)) };
  const exact = toCanonical(quantity, value, unit);
  return 'error' in exact ? (exact.reason ? { error: exact.error, reason: exact.reason } : exact) : exact;
}

const UNIT_REASONS: Record<string, string> = {
  unknown_unit: 'unknown unit',
  unit_mismatch: 'the unit belongs to another quantity',
  unknown_quantity: 'unknown quantity',
  not_finite: 'the converted value is not finite',
};

/**
 * One item as a station sent it → a canonical measurement, or a rejection naming the field and the reason.
 * `derived` receives an extra item when a count rate is converted to H*(10) with the station's factor.
 */
export function normaliseItem(
  raw: unknown,
  index: number,
  options: NormaliseOptions,
  line?: number,
): CanonicalMeasurement[] | ItemRejection {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return reject(index, 'ingest.not_an_object', {}, undefined, line);
  const item = raw as Record<string, unknown>;
  const stationRaw = item['station'] ?? options.station;
  if (typeof stationRaw !== 'string' || stationRaw.trim() === '')
    return reject(index, 'ingest.station_missing', {}, 'station', line);
  const station = stationRaw.trim().toUpperCase();
  if (options.station !== null && station !== options.station)
    return reject(
      index,
      'ingest.station_not_allowed',
      { station: station.slice(0, 40), allowed: options.station },
      'station',
      line,
    );
  const quantityRaw = item['quantity'];
  if (typeof quantityRaw !== 'string' || !isQuantity(quantityRaw))
    return reject(
      index,
      'ingest.unknown_quantity',
      {
        quantity:
          typeof quantityRaw === 'string'
            ? quantityRaw.slice(0, 60)
            : JSON.stringify(quantityRaw ?? null).slice(0, 60),
      },
      'quantity',
      line,
    );
  const quantity = quantityRaw;
  const value = readNumber(item['value']);
  if (value === null) return reject(index, 'ingest.invalid_value', {}, 'value', line);
  const unitRaw = item['unit'];
  if (typeof unitRaw !== 'string' || unitRaw.trim() === '')
    return reject(index, 'ingest.unit_missing', {}, 'unit', line);
  const unit = unitRaw.slice(0, 40);

  let t: number;
  let dur = 0;
  if (item['end'] !== undefined || item['begin'] !== undefined) {
    if (item['end'] === undefined) return reject(index, 'ingest.time_missing', {}, 'end', line);
    const end = readTime(item['end'], 'end', index, line);
    if (typeof end !== 'number') return end;
    t = end;
    if (item['begin'] !== undefined) {
      const begin = readTime(item['begin'], 'begin', index, line);
      if (typeof begin !== 'number') return begin;
      dur = end - begin;
    }
  } else if (item['time'] !== undefined) {
    const time = readTime(item['time'], 'time', index, line);
    if (typeof time !== 'number') return time;
    t = time;
  } else {
    return reject(index, 'ingest.time_missing', {}, 'time', line);
  }

  const converted = convert(quantity, value, unit);
  if ('error' in converted)
    return reject(
      index,
      'ingest.unknown_unit',
      { unit, quantity, reason: converted.reason ?? UNIT_REASONS[converted.error] ?? converted.error },
      'unit',
      line,
    );
  let flags = dur < 0 || (dur === 0 && item['begin'] !== undefined) ? flagBit('begin_after_end') : 0;
  let unc: number | null = null;
  if (item['uncertainty'] !== undefined && item['uncertainty'] !== null) {
    const u = readNumber(item['uncertainty']);
    const a = u === null ? null : convert(quantity, value + u, unit);
    if (u === null || a === null || 'error' in a || u < 0) flags |= flagBit('implausible_uncertainty');
    else unc = Math.abs(a.value - converted.value);
  }
  const measurement: CanonicalMeasurement = {
    index,
    ...(line !== undefined ? { line } : {}),
    station,
    quantity,
    t,
    dur,
    value: converted.value,
    unc,
    flags,
  };
  const out = [measurement];
  const sensor = item['sensor'];
  if (quantity === 'count_rate' && typeof sensor === 'string' && options.conversionFactors) {
    const factor = options.conversionFactors(station)?.find((f) => f.sensor === sensor);
    if (!factor)
      return reject(index, 'ingest.no_conversion', { sensor: sensor.slice(0, 40) }, 'sensor', line);
    const net = Math.max(0, converted.value - (factor.backgroundCps ?? 0));
    out.push({
      ...measurement,
      quantity: 'ambient_dose_rate',
      value: net * factor.nSvPerHourPerCps,
      unc: unc === null ? null : unc * factor.nSvPerHourPerCps,
    });
  }
  return out;
}

export interface NormalisedBatch {
  items: CanonicalMeasurement[];
  rejected: ItemRejection[];
}

export function normaliseItems(
  raw: readonly unknown[],
  options: NormaliseOptions,
  lines?: readonly number[],
  indices?: readonly number[],
): NormalisedBatch {
  const items: CanonicalMeasurement[] = [];
  const rejected: ItemRejection[] = [];
  for (let i = 0; i < raw.length; i++) {
    const r = normaliseItem(raw[i], indices?.[i] ?? i, options, lines?.[i]);
    if (Array.isArray(r)) for (const m of r) items.push(m);
    else rejected.push(r);
  }
  return { items, rejected };
}

// ---------- CSV ----------

/** Header names a CSV may use, English or Vietnamese (without diacritics or with), per item field. */
const CSV_COLUMNS: Record<string, readonly string[]> = {
  station: ['station', 'station_code', 'locality_code', 'tram', 'ma_tram'],
  quantity: ['quantity', 'dai_luong'],
  value: ['value', 'gia_tri'],
  unit: ['unit', 'don_vi'],
  time: ['time', 'thoi_gian', 'thoi_diem'],
  begin: ['begin', 'bat_dau'],
  end: ['end', 'ket_thuc'],
  uncertainty: ['uncertainty', 'do_khong_dam_bao'],
  sensor: ['sensor', 'cam_bien'],
};

function headerKey(h: string): string {
  return h
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

export interface TextParseResult {
  /** Items in the shape of an HTTP JSON item, with the text line of each. */
  items: Array<Record<string, unknown>>;
  lines: number[];
  /** Index of each item among the text's records (rejections use the same numbering). */
  indices: number[];
  /** Records that could not even become items (with their index in the text's record order). */
  rejected: ItemRejection[];
}

/**
 * CSV with a header row: `station,quantity,value,unit,time` (or `begin,end`), optional `uncertainty`, `sensor`.
 * Throws an ItemRejection-shaped error only when the whole text is unreadable.
 */
export function csvToItems(text: string, maxRows = 200_000): TextParseResult {
  let rows: string[][];
  try {
    rows = parseCsv(text, { maxRows: maxRows + 1, maxColumns: 50, maxFieldLength: 200 });
  } catch (error) {
    if (error instanceof CsvError) throw new IngestFormatError('csv', error.message);
    throw error;
  }
  const header = (rows.shift() ?? []).map(headerKey);
  const columns = new Map<string, number>();
  for (const [field, names] of Object.entries(CSV_COLUMNS)) {
    const at = header.findIndex((h) => names.includes(h));
    if (at >= 0) columns.set(field, at);
  }
  for (const needed of ['quantity', 'value', 'unit'])
    if (!columns.has(needed)) throw new IngestFormatError('csv', `the header has no "${needed}" column`);
  if (!columns.has('time') && !columns.has('end'))
    throw new IngestFormatError('csv', 'the header has no "time" (or "end") column');
  const items: Array<Record<string, unknown>> = [];
  const lines: number[] = [];
  const indices: number[] = [];
  rows.forEach((row, i) => {
    if (row.length === 1 && row[0]!.trim() === '') return; // blank line
    const item: Record<string, unknown> = {};
    for (const [field, at] of columns) {
      const cell = row[at]?.trim();
      if (cell !== undefined && cell !== '') item[field] = cell;
    }
    items.push(item);
    lines.push(i + 2);
    indices.push(i);
  });
  return { items, lines, indices, rejected: [] };
}

export class IngestFormatError extends Error {
  constructor(
    readonly format: 'csv' | 'eurdep' | 'json',
    readonly reason: string,
  ) {
    super(`${format}: ${reason}`);
    this.name = 'IngestFormatError';
  }
}

// ---------- EURDEP ----------

/** EURDEP NUCLIDE / SAMPLE_TYPE pairs this store takes, and the quantity they are (monitoring.md §1.3). */
const EURDEP_QUANTITIES: ReadonlyArray<{ nuclide: string; quantity: Quantity }> = [
  { nuclide: 'T-GAMMA', quantity: 'ambient_dose_rate' },
];

/** Issues that mean the codec dropped the record (as opposed to a faulty optional field it left out). */
const DROPPING_REASONS = new Set<EurdepIssue['reason']>([
  'missing_field',
  'bad_number',
  'bad_time',
  'bad_coordinate',
  'field_count',
  'bad_syntax',
  'unterminated',
  'line_too_long',
  'unknown_locality',
]);

/** Divisors from an EURDEP UNCERTAINTY_TYPE to one standard deviation (monitoring.md §1.3 code list). */
const EURDEP_SD_DIVISOR: Record<string, number> = {
  A: 1,
  B: 2,
  C: 3,
  E: 1.96,
  F: 2.576,
  G: 1,
  K: 1,
  M: 1,
  Z: 1,
};

/** A record's uncertainty as an absolute 1σ in the record's unit, or null when the type does not give one. */
function eurdepStandardUncertainty(r: {
  value: number;
  uncertainty?: number;
  uncertaintyType?: string;
  uncertaintyUnit?: string;
}): number | null {
  const u = r.uncertainty;
  if (u === undefined) return null;
  const type = r.uncertaintyType;
  if (type === 'H' || type === 'I' || (type === undefined && r.uncertaintyUnit === '%'))
    return (Math.abs(r.value) * u) / 100;
  if (type === 'L') return Math.abs(r.value) * u;
  if (type === undefined) return u;
  const divisor = EURDEP_SD_DIVISOR[type];
  return divisor === undefined ? null : u / divisor;
}

/**
 * EURDEP 2.x text → items. Records of nuclides other than gross gamma are refused with the reason. A record whose
 * BEGIN is not before END is kept and flagged (the value is real; its period is not), and one whose uncertainty
 * the codec found implausible is kept without it, flagged.
 */
export function eurdepToItems(text: string, maxRecords = 200_000): TextParseResult {
  let parsed;
  try {
    parsed = parseEurdep(text, { maxRecords, keepBeginAfterEnd: true });
  } catch (error) {
    if (error instanceof EurdepError) throw new IngestFormatError('eurdep', error.message);
    throw error;
  }
  const recordLines = new Set(parsed.records.map((r) => r.line));
  const localityLines = new Set(parsed.localities.map((l) => l.line));
  const uncertaintyIssues = new Set(
    parsed.issues.filter((i) => i.reason === 'implausible_uncertainty').map((i) => i.line),
  );
  const dropped = parsed.issues.filter(
    (i) => DROPPING_REASONS.has(i.reason) && !recordLines.has(i.line) && !localityLines.has(i.line),
  );
  // One index per record line, kept or dropped, in file order.
  const allLines = [...new Set([...recordLines, ...dropped.map((d) => d.line)])].sort((a, b) => a - b);
  const indexOfLine = new Map(allLines.map((l, i) => [l, i]));
  const items: Array<Record<string, unknown>> = [];
  const lines: number[] = [];
  const indices: number[] = [];
  const rejected: ItemRejection[] = [];
  const seenDropped = new Set<number>();
  for (const d of dropped) {
    if (seenDropped.has(d.line)) continue;
    seenDropped.add(d.line);
    rejected.push(
      reject(
        indexOfLine.get(d.line)!,
        'ingest.record_dropped',
        {
          line: d.line,
          reason: d.reason.replace(/_/g, ' ') + (d.detail ? ` (${d.detail.slice(0, 80)})` : ''),
        },
        d.field ?? '',
        d.line,
      ),
    );
  }
  for (const r of parsed.records) {
    const index = indexOfLine.get(r.line)!;
    const known = EURDEP_QUANTITIES.find((q) => q.nuclide === r.nuclide.toUpperCase());
    if (!known) {
      rejected.push(
        reject(
          index,
          'ingest.unknown_quantity',
          { quantity: `${r.nuclide} ${r.sampleType}`.slice(0, 60) },
          'NUCLIDE',
          r.line,
        ),
      );
      continue;
    }
    const item: Record<string, unknown> = {
      station: r.localityCode,
      quantity: known.quantity,
      value: r.value,
      unit: r.unit,
      begin: r.begin,
      end: r.end,
    };
    const sd = r.uncertainty === undefined ? null : eurdepStandardUncertainty(r);
    if (sd !== null) item['uncertainty'] = sd;
    else if (uncertaintyIssues.has(r.line)) item['uncertainty'] = 'implausible';
    items.push(item);
    lines.push(r.line);
    indices.push(index);
  }
  rejected.sort((a, b) => a.index - b.index);
  return { items, lines, indices, rejected };
}
