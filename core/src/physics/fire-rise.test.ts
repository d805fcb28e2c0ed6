import { describe, expect, it } from 'vitest';
import { modelHeight, releaseHeight } from './fire-rise.js';
import { verticalDistribution } from './plume.js';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);
/** F = g·Q_H·R_d/(π·c_p·p) per MW (Briggs 1975; Hanna, Briggs & Hosker 1982): 8.8 m⁴/s³. */
const F_PER_MW = (9.80616 * 1e6 * 287.05) / (Math.PI * 1004 * 101325);

describe('release height of a fire: Briggs final buoyant rise (physics.md §2.7)', () => {
  it('1 MW in class D at 3 m/s: F ≈ 8.8 m⁴/s³ < 55, Δh = 21.425·F^{3/4}/u', () => {
    const r = releaseHeight({ heightM: 10, heatReleaseMW: 1, windSpeedMS: 3, stability: 'D' });
    expect(rel(r.buoyancyFlux, 8.8)).toBeLessThan(0.01);
    expect(r.plumeRiseM).toBeCloseTo((21.425 * Math.pow(F_PER_MW, 0.75)) / 3, 9);
    expect(r.plumeRiseM).toBeGreaterThan(35);
    expect(r.plumeRiseM).toBeLessThan(38);
    expect(r.effectiveHeightM).toBeCloseTo(10 + r.plumeRiseM, 9);
    expect(r.cappedAtLid).toBe(false);
  });

  it('20 MW in class C at 5 m/s: F ≥ 55, Δh = 38.71·F^{3/5}/u', () => {
    const r = releaseHeight({ heightM: 0, heatReleaseMW: 20, windSpeedMS: 5, stability: 'C' });
    expect(r.plumeRiseM).toBeCloseTo((38.71 * Math.pow(20 * F_PER_MW, 0.6)) / 5, 9);
  });

  it('stable class F: min(2.6·(F/(u·s))^{1/3}, 4·F^{1/4}·s^{−3/8}), s = g/T_a·0.035 K/m, T_a = 288.15 K (ISA)', () => {
    const F = 5 * F_PER_MW;
    const s = (9.80616 / 288.15) * 0.035;
    const r = releaseHeight({ heightM: 5, heatReleaseMW: 5, windSpeedMS: 2, stability: 'F' });
    const expected = Math.min(2.6 * Math.cbrt(F / (2 * s)), 4 * Math.pow(F, 0.25) * Math.pow(s, -0.375));
    expect(r.plumeRiseM).toBeCloseTo(expected, 9);
  });

  it('no fire: no rise, the height given is the effective height', () => {
    expect(releaseHeight({ heightM: 25, windSpeedMS: 3, stability: 'D' })).toEqual({
      plumeRiseM: 0,
      effectiveHeightM: 25,
      cappedAtLid: false,
      buoyancyFlux: 0,
    });
  });

  it('a plume reaching the mixing height is held at the lid, not let through (ISC3 would give no ground level)', () => {
    const r = releaseHeight({
      heightM: 20,
      heatReleaseMW: 100,
      windSpeedMS: 3,
      stability: 'D',
      mixingHeightM: 500,
    });
    expect(20 + r.plumeRiseM).toBeGreaterThan(500);
    expect(r.cappedAtLid).toBe(true);
    expect(r.effectiveHeightM).toBe(500);
    const h = modelHeight(r.effectiveHeightM, 500);
    expect(h).toBeLessThan(500);
    expect(h).toBeGreaterThan(499.99);
    // Held just under the lid, the plume still reaches the ground once mixed (penetrated: nothing would).
    expect(verticalDistribution({ h, z: 1.5, sigmaZ: 900, mixingHeight: 500 })).toBeCloseTo(1 / 500, 9);
    expect(verticalDistribution({ h: 500, z: 1.5, sigmaZ: 900, mixingHeight: 500 })).toBe(0);
    expect(modelHeight(120, 500)).toBe(120);
    expect(modelHeight(120, undefined)).toBe(120);
  });
});
