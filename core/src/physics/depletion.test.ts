import { describe, expect, it } from 'vitest';
import { wetScavengingRate } from '../reference/deposition.js';
import {
  dryDepletionFactor,
  groundIntegral,
  groundIntegrals,
  groundLevelFactor,
  SIGMA_FLOOR_M,
  wetDepletionFactor,
} from './depletion.js';
import { plumeConcentration } from './plume.js';
import { sigmaY, sigmaZ } from './sigma.js';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);
const SQRT_2_PI = Math.sqrt(2 / Math.PI);

describe('dry deposition source depletion (physics.md §2.8: Chamberlain / Van der Hoven, as in HotSpot, RASCAL, ISC)', () => {
  it('ground-level source with power-law σz = a·x^b: the integral has the closed form physics.md mentions', () => {
    // ∫ √(2/π)/σz dx = √(2/π)·x^(1−b)/(a(1−b)); below the 100 m floor σz is held at σz(100).
    const a = 0.15;
    const b = 0.7;
    const sz = (x: number) => a * Math.pow(x, b);
    const closed = (x: number) =>
      (SQRT_2_PI * SIGMA_FLOOR_M) / sz(SIGMA_FLOOR_M) +
      (SQRT_2_PI * (Math.pow(x, 1 - b) - Math.pow(SIGMA_FLOOR_M, 1 - b))) / (a * (1 - b));
    for (const x of [500, 2000, 20_000]) {
      expect(rel(groundIntegral({ h: 0, sigmaZ: sz }, 0, x), closed(x))).toBeLessThan(1e-6);
    }
    const cumulative = groundIntegrals({ h: 0, sigmaZ: sz }, Float64Array.from([100, 700, 5000, 20_000]));
    expect(rel(cumulative[3]!, closed(20_000))).toBeLessThan(1e-6);
    // Q(x)/Q0 = exp(−(v_d/u)·I): 0.006 m/s (particulate iodine, SNAP) at 2 m/s.
    expect(dryDepletionFactor(0.006, 2, closed(5000))).toBeCloseTo(Math.exp((-0.006 / 2) * closed(5000)), 12);
  });

  it('an elevated source loses nothing until σz approaches its height: g(0) = √(2/π)·exp(−h²/2σz²)/σz', () => {
    const sz = (x: number) => 0.1 * x;
    expect(groundLevelFactor(50, 10)).toBeCloseTo((SQRT_2_PI * Math.exp(-12.5)) / 10, 15);
    const lowSource = groundIntegral({ h: 0, sigmaZ: sz }, 0, 5000);
    const highSource = groundIntegral({ h: 100, sigmaZ: sz }, 0, 5000);
    expect(highSource).toBeLessThan(lowSource);
    // Within 300 m (σz ≤ 30 m) a 100 m release has put less than 1 % of what a ground release has on the ground.
    expect(groundIntegral({ h: 100, sigmaZ: sz }, 0, 300)).toBeLessThan(
      0.01 * groundIntegral({ h: 0, sigmaZ: sz }, 0, 300),
    );
  });

  it('well mixed under a lid (σz > 1.6 L, Turner): g(0) = 1/L and Q(x)/Q0 = exp(−v_d·x/(u·L))', () => {
    const L = 300;
    const integral = groundIntegral({ h: 50, mixingHeight: L, sigmaZ: () => 1000 }, 0, 10_000);
    expect(rel(integral, 10_000 / L)).toBeLessThan(1e-6);
    expect(dryDepletionFactor(0.001, 3, integral)).toBeCloseTo(Math.exp((-0.001 * 10_000) / (3 * L)), 8);
  });

  it('conserves activity: what the depleted plume deposits, ∫∫ v_d·C(x,y,0) dy dx, is what it lost, Q0 − Q(X)', () => {
    // Class D, PG-ISC3 σ, ground-level release, v_d = 0.006 m/s (I-131 particulate, SNAP), u = 2 m/s.
    const vd = 0.006;
    const u = 2;
    const sz = (x: number) => sigmaZ('pg-isc3', 'D', Math.max(x, SIGMA_FLOOR_M));
    const sy = (x: number) => sigmaY('pg-isc3', 'D', Math.max(x, SIGMA_FLOOR_M));
    const X = 10_000;
    const xs = Float64Array.from({ length: 2001 }, (_, i) => (i * X) / 2000);
    const left = groundIntegrals({ h: 0, sigmaZ: sz }, xs).map((I) => dryDepletionFactor(vd, u, I));
    // Crosswind integral of C(x, y, 0) by the trapezoid rule over ±6σy, then Simpson along x.
    const deposited = xs.map((x, i) => {
      const s = sy(x);
      let sum = 0;
      const n = 240;
      for (let k = 0; k <= n; k++) {
        const y = -6 * s + (12 * s * k) / n;
        const c = plumeConcentration({ q: left[i]!, u, h: 0, y, z: 0, sigmaY: s, sigmaZ: sz(x) });
        sum += (k === 0 || k === n ? 0.5 : 1) * c;
      }
      return vd * sum * ((12 * s) / n);
    });
    let total = 0;
    for (let i = 0; i + 2 < xs.length; i += 2)
      total += ((xs[i + 2]! - xs[i]!) / 6) * (deposited[i]! + 4 * deposited[i + 1]! + deposited[i + 2]!);
    expect(1 - left[left.length - 1]!).toBeGreaterThan(0.1);
    expect(rel(total, 1 - left[left.length - 1]!)).toBeLessThan(2e-3);
  });

  it('refuses distances out of order', () => {
    expect(() => groundIntegral({ h: 0, sigmaZ: () => 1 }, 10, 5)).toThrow(RangeError);
    expect(() => groundIntegrals({ h: 0, sigmaZ: () => 1 }, [100, 50])).toThrow(RangeError);
  });
});

describe('wet scavenging Λ = a·I^b (physics.md §2.9; metno/snap src/common/wetdep.f90)', () => {
  it('particles in stratiform rain: Λ = 8.4e-5·I^0.79 s⁻¹ (about 1e-4 s⁻¹ at 1 mm/h, physics.md rule of thumb)', () => {
    const r = wetScavengingRate('Cs-137', 1);
    expect(r.value).toBeCloseTo(8.4e-5, 12);
    expect(r.scheme).toBe('particle');
    expect(r.status).toBe('verified');
    expect(wetScavengingRate('Cs-137', 5).value).toBeCloseTo(8.4e-5 * Math.pow(5, 0.79), 12);
    // SNAP switches to the convective coefficient above 7 mm/h (q > 7.0), not at 7.
    expect(wetScavengingRate('Cs-137', 7).scheme).toBe('particle');
    const heavy = wetScavengingRate('Cs-137', 10);
    expect(heavy.scheme).toBe('convective');
    expect(heavy.value).toBeCloseTo(3.36e-4 * Math.pow(10, 0.79), 12);
    // A nuclide without its own entry is a generic aerosol.
    expect(wetScavengingRate('Co-60', 1).value).toBeCloseTo(8.4e-5, 12);
    expect(wetScavengingRate('Cs-137', 0).value).toBe(0);
    expect(() => wetScavengingRate('Cs-137', -1)).toThrow(RangeError);
  });

  it('depletes the plume as exp(−Λ·x/u) and the wet deposit integrates to what was removed', () => {
    const lambda = wetScavengingRate('Cs-137', 4).value;
    const u = 3;
    const X = 20_000;
    expect(wetDepletionFactor(lambda, X / u)).toBeCloseTo(Math.exp((-lambda * X) / u), 14);
    // W(x,y) = Λ·Q(x)/(√(2π)·σy·u)·exp(−y²/2σy²): ∫dy = Λ·Q(x)/u, ∫dx = Q0·(1 − exp(−ΛX/u)).
    const n = 4000;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const x = ((i + 0.5) * X) / n;
      total += ((lambda * wetDepletionFactor(lambda, x / u)) / u) * (X / n);
    }
    expect(rel(total, 1 - Math.exp((-lambda * X) / u))).toBeLessThan(1e-6);
  });
});
