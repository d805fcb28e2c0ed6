/**
 * Monitoring quantities, their canonical units, and unit conversion at the edge.
 *
 * Everything inside the platform is stored in the canonical unit (EURDEP and BfS store nSv/h; IRIX sends Sv/s;
 * shared/reference/monitoring.md §9 "store SI-consistent; convert µSv/h & Sv/s at the edges").
 * Conversion factors are SI definitions, not reference data, so they live here. The arithmetic is done on exact
 * rationals (BigInt) and rounded once, so `toCanonical(…, 0.124, 'µSv/h')` is exactly 124, and a round trip
 * returns the value the station sent.
 */

export const QUANTITIES = [
  'ambient_dose_rate',
  'count_rate',
  'precipitation',
  'temperature',
  'wind_speed',
  'wind_direction',
] as const;
export type Quantity = (typeof QUANTITIES)[number];

export const CANONICAL_UNIT: Readonly<Record<Quantity, string>> = {
  /** Ambient dose equivalent rate H*(10). */
  ambient_dose_rate: 'nSv/h',
  /** Gross count rate of the detector. */
  count_rate: 'cps',
  /** Precipitation amount over the measuring period. */
  precipitation: 'mm',
  temperature: '°C',
  wind_speed: 'm/s',
  /** Direction the wind comes from, clockwise from north. */
  wind_direction: 'deg',
};

export type ConversionError = 'unknown_quantity' | 'unknown_unit' | 'unit_mismatch' | 'not_finite';
export type ConversionResult = { value: number } | { error: ConversionError; reason?: string };

/** canonical = (value + offset) · num / den, with offset a decimal string and num/den integers. */
interface UnitDef {
  quantity: Quantity;
  num: bigint;
  den: bigint;
  offset?: string;
  /** The leading lowercase `m` is the milli prefix: an uppercase `M` (mega, or ALL-CAPS milli?) is refused. */
  milli?: boolean;
}

const u = (quantity: Quantity, num: bigint, den = 1n, extra: Partial<UnitDef> = {}): UnitDef => ({
  quantity,
  num,
  den,
  ...extra,
});

/** Spellings after normalisation (NFKC, micro signs → `u`, spaces removed, `/hr` → `/h`), lower-cased. */
const UNITS: ReadonlyMap<string, UnitDef> = new Map<string, UnitDef>([
  // Ambient dose equivalent rate H*(10) → nSv/h
  ['nsv/h', u('ambient_dose_rate', 1n)],
  ['usv/h', u('ambient_dose_rate', 1_000n)],
  ['msv/h', u('ambient_dose_rate', 1_000_000n, 1n, { milli: true })],
  ['sv/h', u('ambient_dose_rate', 1_000_000_000n)],
  ['nsv/s', u('ambient_dose_rate', 3_600n)],
  ['usv/s', u('ambient_dose_rate', 3_600_000n)],
  ['sv/s', u('ambient_dose_rate', 3_600_000_000_000n)], // IRIX (monitoring.md §2.1)
  // rem: 1 rem = 0.01 Sv by definition (US instruments calibrated in dose equivalent)
  ['urem/h', u('ambient_dose_rate', 10n)],
  ['mrem/h', u('ambient_dose_rate', 10_000n, 1n, { milli: true })],
  ['rem/h', u('ambient_dose_rate', 10_000_000n)],
  // Count rate → cps
  ['cps', u('count_rate', 1n)],
  ['counts/s', u('count_rate', 1n)],
  ['1/s', u('count_rate', 1n)],
  ['s-1', u('count_rate', 1n)],
  ['cpm', u('count_rate', 1n, 60n)],
  ['counts/min', u('count_rate', 1n, 60n)],
  ['1/min', u('count_rate', 1n, 60n)],
  ['counts_per_minute', u('count_rate', 1n, 60n)], // sensor.community value_type (monitoring.md §7)
  // Precipitation amount → mm (1 kg/m² of water = 1 mm)
  ['mm', u('precipitation', 1n)],
  ['cm', u('precipitation', 10n)],
  ['m', u('precipitation', 1_000n)],
  ['in', u('precipitation', 254n, 10n)],
  ['inch', u('precipitation', 254n, 10n)],
  ['inches', u('precipitation', 254n, 10n)],
  ['kg/m2', u('precipitation', 1n)],
  // Temperature → °C
  ['°c', u('temperature', 1n)],
  ['c', u('temperature', 1n)],
  ['degc', u('temperature', 1n)],
  ['celsius', u('temperature', 1n)],
  ['k', u('temperature', 1n, 1n, { offset: '-273.15' })],
  ['kelvin', u('temperature', 1n, 1n, { offset: '-273.15' })],
  ['°f', u('temperature', 5n, 9n, { offset: '-32' })],
  ['f', u('temperature', 5n, 9n, { offset: '-32' })],
  ['degf', u('temperature', 5n, 9n, { offset: '-32' })],
  ['fahrenheit', u('temperature', 5n, 9n, { offset: '-32' })],
  // Wind speed → m/s (international knot = 1852 m/h, mile = 1609.344 m)
  ['m/s', u('wind_speed', 1n)],
  ['ms-1', u('wind_speed', 1n)],
  ['mps', u('wind_speed', 1n)],
  ['km/h', u('wind_speed', 5n, 18n)],
  ['kmh', u('wind_speed', 5n, 18n)],
  ['kph', u('wind_speed', 5n, 18n)],
  ['kn', u('wind_speed', 1852n, 3600n)],
  ['kt', u('wind_speed', 1852n, 3600n)],
  ['knot', u('wind_speed', 1852n, 3600n)],
  ['knots', u('wind_speed', 1852n, 3600n)],
  ['mph', u('wind_speed', 1_609_344n, 3_600_000n)],
  // Wind direction → degrees
  ['deg', u('wind_direction', 1n)],
  ['°', u('wind_direction', 1n)],
  ['degree', u('wind_direction', 1n)],
  ['degrees', u('wind_direction', 1n)],
]);

/**
 * Units we recognise but refuse to convert into H*(10), with the reason.
 * - Air kerma / absorbed dose in air (Gy): EURDEP allows `NGY/H` (monitoring.md §1.3) but the reference gives no
 *   H*(10)/Ka factor for environmental spectra, and physics.md §5.6 (Γ table) shows the ratio depends on energy
 *   (Co-60 0.348/0.306 = 1.14, Cs-137 1.20, Am-241 1.6).
 * - Exposure (R): an air-kerma quantity (8.76 mGy/R, physics.md), same problem.
 * - Counts: the cpm → µSv/h factor is tube-specific (Safecast: 120.5 to 960 CPM per µSv/h, monitoring.md §3.3).
 */
const REFUSED: ReadonlyMap<string, string> = new Map([
  ...['ngy/h', 'ugy/h', 'mgy/h', 'gy/h', 'ngy/s', 'gy/s'].map(
    (s) =>
      [
        s,
        'air kerma / absorbed dose in air is not H*(10); the ratio depends on photon energy and the reference gives no factor',
      ] as const,
  ),
  ...['ur/h', 'mr/h', 'r/h'].map(
    (s) => [s, 'exposure rate (roentgen) is an air-kerma quantity, not H*(10)'] as const,
  ),
]);

const COUNT_TO_DOSE_REASON =
  'count rate → dose rate needs the detector-specific calibration factor (Safecast tubes: 120.5–960 CPM per µSv/h)';

function normaliseSpelling(unit: string): string {
  return unit
    .replace(/\u00ba/g, '°') // masculine ordinal º, often typed for the degree sign (NFKC would make it 'o')
    .normalize('NFKC') // ℃ → °C, Kelvin sign → K, µ (U+00B5) → μ (U+03BC)
    .replace(/[\u00b5\u03bc]/g, 'u')
    .replace(/\u2212/g, '-') // NFKC turns ⁻ into the minus sign
    .replace(/\s+/g, '')
    .replace(/\/hr$/i, '/h')
    .replace(/\/hour$/i, '/h')
    .replace(/[·.]?h-1$/i, '/h');
}

type Lookup = { def: UnitDef } | { error: ConversionError; reason?: string };

function lookup(quantity: string, unit: string): Lookup {
  if (!(QUANTITIES as readonly string[]).includes(quantity)) return { error: 'unknown_quantity' };
  if (typeof unit !== 'string') return { error: 'unknown_unit' };
  const spelled = normaliseSpelling(unit);
  const key = spelled.toLowerCase();
  const refused = REFUSED.get(key);
  if (refused) return { error: 'unit_mismatch', reason: refused };
  const def = UNITS.get(key);
  if (!def) return { error: 'unknown_unit' };
  if (def.milli && spelled.startsWith('M')) {
    return {
      error: 'unknown_unit',
      reason: 'uppercase M is mega, or milli in ALL-CAPS feeds: ambiguous by a factor 10^9, send lowercase m',
    };
  }
  if (def.quantity !== quantity) {
    const reason =
      quantity === 'ambient_dose_rate' && def.quantity === 'count_rate'
        ? COUNT_TO_DOSE_REASON
        : `${unit} is a unit of ${def.quantity}`;
    return { error: 'unit_mismatch', reason };
  }
  return { def };
}

// ---------- exact rational arithmetic ----------

interface Rational {
  n: bigint;
  d: bigint; // > 0
}

const TEN = 10n;

/** The exact decimal value of the shortest string that round-trips `x` (what the station meant). */
function fromDecimalString(s: string): Rational {
  const m = /^(-?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(s);
  if (!m) throw new Error(`not a decimal: ${s}`);
  const frac = m[3] ?? '';
  const exp = Number(m[4] ?? '0') - frac.length;
  let n = BigInt(`${m[2] ?? ''}${frac}` || '0');
  if (m[1] === '-') n = -n;
  return exp >= 0 ? { n: n * TEN ** BigInt(exp), d: 1n } : { n, d: TEN ** BigInt(-exp) };
}

function add(a: Rational, b: Rational): Rational {
  return { n: a.n * b.d + b.n * a.d, d: a.d * b.d };
}

function mul(a: Rational, num: bigint, den: bigint): Rational {
  return den < 0n ? { n: -a.n * num, d: -a.d * den } : { n: a.n * num, d: a.d * den };
}

/** Correctly rounded conversion of an exact rational to the nearest double. */
function toNumber(r: Rational): number {
  if (r.n === 0n) return 0;
  const neg = r.n < 0n;
  const n = neg ? -r.n : r.n;
  // 25 significant digits, then a sticky digit so the decimal string is never exactly on a rounding midpoint.
  const shift = 25 - (n.toString().length - r.d.toString().length);
  const scaledN = shift >= 0 ? n * TEN ** BigInt(shift) : n;
  const scaledD = shift >= 0 ? r.d : r.d * TEN ** BigInt(-shift);
  const q = scaledN / scaledD;
  const sticky = scaledN % scaledD === 0n ? '0' : '1';
  const value = Number(`${q}${sticky}e${-shift - 1}`);
  return neg ? -value : value;
}

function applyDef(def: UnitDef, value: number, inverse: boolean): ConversionResult {
  if (typeof value !== 'number' || !Number.isFinite(value)) return { error: 'not_finite' };
  let r = fromDecimalString(String(value));
  const offset = def.offset ? fromDecimalString(def.offset) : null;
  if (!inverse) {
    if (offset) r = add(r, offset);
    r = mul(r, def.num, def.den);
  } else {
    r = mul(r, def.den, def.num);
    if (offset) r = add(r, { n: -offset.n, d: offset.d });
  }
  const out = toNumber(r);
  if (!Number.isFinite(out)) return { error: 'not_finite', reason: 'result overflows a double' };
  return { value: out === 0 ? 0 : out };
}

/**
 * Converts a value as a station sent it into the canonical unit of the quantity.
 * Units are matched case-insensitively except where case changes the meaning (`mSv/h` vs `MSv/h`).
 */
export function toCanonical(quantity: string, value: number, unit: string): ConversionResult {
  const found = lookup(quantity, unit);
  return 'def' in found ? applyDef(found.def, value, false) : found;
}

/** Converts a canonical value into another unit of the same quantity, for display or export (IRIX: Sv/s). */
export function fromCanonical(quantity: string, value: number, unit: string): ConversionResult {
  const found = lookup(quantity, unit);
  return 'def' in found ? applyDef(found.def, value, true) : found;
}

export function isQuantity(x: string): x is Quantity {
  return (QUANTITIES as readonly string[]).includes(x);
}
