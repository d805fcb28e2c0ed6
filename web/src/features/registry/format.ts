/**
 * How the registry writes quantities: activities in the largest SI prefix that keeps a number ≥ 1 (with curies,
 * which older certificates still use, beside), A/D ratios with three significant digits, and the province's
 * calendar date for "today".
 */

/** The province's zone (app/i18n/format.ts says the same; repeated so this file stays free of the browser). */
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const ACTIVITY_UNITS: ReadonlyArray<readonly [string, number]> = [
  ['TBq', 1e12],
  ['GBq', 1e9],
  ['MBq', 1e6],
  ['kBq', 1e3],
  ['Bq', 1],
];

/** Becquerels per curie (exact by definition). */
export const BQ_PER_CI = 3.7e10;

/** Units a person may type an activity in, with their factor to becquerels. */
export const ACTIVITY_INPUT_UNITS: ReadonlyArray<readonly [string, number]> = [
  ...ACTIVITY_UNITS,
  ['Ci', BQ_PER_CI],
  ['mCi', BQ_PER_CI / 1e3],
];

type NumberFormat = (value: number, digits?: number) => string;

/** Digits after the decimal point that leave three significant digits (at most `max`). */
function digitsFor(value: number, max = 3): number {
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  return Math.max(0, Math.min(max, 2 - magnitude));
}

/** `2.84e9` → "2,84 GBq" (vi) / "2.84 GBq" (en). */
export function formatActivity(bq: number | null | undefined, number: NumberFormat): string {
  if (bq === null || bq === undefined || !Number.isFinite(bq)) return '—';
  if (bq === 0) return '0 Bq';
  const [unit, factor] = ACTIVITY_UNITS.find(([, f]) => Math.abs(bq) >= f) ?? ACTIVITY_UNITS.at(-1)!;
  const value = bq / factor;
  return `${number(value, digitsFor(value))} ${unit}`;
}

/** The same activity in curies or millicuries, for people who read old certificates. */
export function formatCuries(bq: number | null | undefined, number: NumberFormat): string {
  if (bq === null || bq === undefined || !Number.isFinite(bq) || bq === 0) return '—';
  const ci = bq / BQ_PER_CI;
  if (Math.abs(ci) >= 1) return `${number(ci, digitsFor(ci))} Ci`;
  const mci = ci * 1e3;
  return `${number(mci, digitsFor(mci, 6))} mCi`;
}

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** A/D with three significant digits; tiny or huge ratios as "6,19 × 10⁻⁵". */
export function formatRatio(ratio: number | null | undefined, number: NumberFormat): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  if (ratio === 0) return number(0);
  if (Math.abs(ratio) >= 0.01 && Math.abs(ratio) < 10_000) return number(ratio, digitsFor(ratio, 4));
  const exponent = Math.floor(Math.log10(Math.abs(ratio)));
  const mantissa = ratio / 10 ** exponent;
  const power = String(exponent)
    .split('')
    .map((c) => SUPERSCRIPT[c] ?? c)
    .join('');
  return `${number(mantissa, 2)} × 10${power}`;
}

/** Today's date in the province (YYYY-MM-DD): the server dates ledger entries, tests and licences the same way. */
export function provinceToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
