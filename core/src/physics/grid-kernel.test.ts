import { describe, expect, it } from 'vitest';
import { crosswindByRecurrence, evenlySpaced } from './grid-kernel.js';

function linspace(a: number, b: number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = a + (i * (b - a)) / (n - 1);
  return out;
}

/** Smallest normal double: below it the exp per cell and the recurrence may round differently to subnormals. */
const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * The recurrence against amp·exp(k·y²) per cell: relative difference where the exp gives a normal double,
 * absolute difference (relative to the column's amplitude) in the underflow tail.
 */
function compare(ys: Float64Array, amp: Float64Array, k: Float64Array) {
  const nx = amp.length;
  const out = new Float64Array(nx * ys.length).fill(Number.NaN);
  crosswindByRecurrence(ys, amp, k, out);
  let maxRel = 0;
  let maxTail = 0;
  for (let iy = 0; iy < ys.length; iy++) {
    for (let ix = 0; ix < nx; ix++) {
      const got = out[iy * nx + ix]!;
      const want = amp[ix]! * Math.exp(k[ix]! * ys[iy]! * ys[iy]!);
      if (amp[ix] === 0) expect(got).toBe(0);
      if (want >= MIN_NORMAL) maxRel = Math.max(maxRel, Math.abs(got - want) / want);
      else if (amp[ix]! > 0) maxTail = Math.max(maxTail, Math.abs(got - want) / amp[ix]!);
    }
  }
  return { out, maxRel, maxTail };
}

describe('crosswindByRecurrence', () => {
  // σy from 0.5 m (zero over almost the whole crosswind range) to 3 km, and a column of zeros (upwind).
  const sigmas = [0.5, 3, 8, 40, 150, 600, 3000, 0];
  const amp = Float64Array.from(sigmas, (s) => (s === 0 ? 0 : 1e3 / s));
  const k = Float64Array.from(sigmas, (s) => (s === 0 ? 0 : -0.5 / (s * s)));

  it.each([
    ['400 rows across the axis (8-row passes and a tail)', linspace(-10_000, 10_000, 400)],
    ['descending, odd count, a row on the axis', linspace(2_000, -2_000, 41)],
    ['all on one side, the nearest row first', linspace(30, 5_000, 123)],
    ['all on the other side, the nearest row last', linspace(-5_000, -30, 9)],
    ['three rows', linspace(-50, 50, 3)],
  ])('equals amp·exp(k·y²) cell by cell: %s', (_, ys) => {
    expect(evenlySpaced(ys)).toBe(true);
    const { out, maxRel, maxTail } = compare(ys, amp, k);
    // The rounding of r and g (about an ulp each) is carried along the column, so the relative error grows with
    // the exponent |k·y²| (up to ~708 where the result is still normal): ~1.5e-11 at worst in these columns.
    expect(maxRel).toBeLessThan(1e-10);
    expect(maxTail).toBeLessThan(1e-300);
    expect(out.every((v) => v >= 0)).toBe(true);
  });

  it('writes exact zeros where the Gaussian has underflowed (narrow column, far rows)', () => {
    const ys = linspace(-10_000, 10_000, 400);
    const { out } = compare(ys, amp, k);
    // σy = 0.5 m: exp(−y²/2σy²) is 0 for |y| > 20 m, i.e. on every row but the few nearest the axis.
    let zeros = 0;
    for (let iy = 0; iy < ys.length; iy++) if (out[iy * amp.length] === 0) zeros++;
    expect(zeros).toBeGreaterThanOrEqual(ys.length - 2);
  });

  it('tells evenly spaced rows from others', () => {
    expect(evenlySpaced(Float64Array.from([-400, -20, 0, 20, 400]))).toBe(false);
    expect(evenlySpaced(Float64Array.from([5, 5, 5]))).toBe(false);
    expect(evenlySpaced(linspace(-1, 1, 7))).toBe(true);
  });
});
