import { describe, expect, it } from 'vitest';
import { findNuclide, NUCLIDES, SECONDS_PER } from '../reference/nuclides.js';
import { aggregateCategory, aOverD, categoryOf, TBQ } from './category.js';
import { decayedActivity } from './decay.js';

const YEAR = SECONDS_PER.y * 1000;

describe('nuclide reference data', () => {
  it('every nuclide has a positive half-life with a source, and D-values where given are positive', () => {
    expect(NUCLIDES.length).toBeGreaterThanOrEqual(20);
    for (const n of NUCLIDES) {
      expect(n.halfLifeSeconds, n.name).toBeGreaterThan(0);
      expect(n.halfLife.source.length, n.name).toBeGreaterThan(0);
      if (n.dValueTBq) expect(n.dValueTBq.value, n.name).toBeGreaterThan(0);
    }
  });

  it('names are found case-insensitively, unknown ones are null', () => {
    expect(findNuclide('cs-137')?.name).toBe('Cs-137');
    expect(findNuclide('Am-241/Be')?.dValueTBq?.value).toBe(0.06);
    expect(findNuclide('Xx-999')).toBeNull();
  });

  // D-values: Council Directive 2013/59/Euratom Annex III and US 10 CFR 73 Appendix I (shared/reference/regulation.md §4.2).
  it.each([
    ['Co-60', 0.03],
    ['Cs-137', 0.1],
    ['Ir-192', 0.08],
    ['Se-75', 0.2],
    ['Am-241', 0.06],
    ['Sr-90', 1],
    ['Cf-252', 0.02],
    ['Ra-226', 0.04],
  ])('D-value of %s is %f TBq (EU BSS Annex III; 10 CFR 73 App. I)', (name, d) => {
    expect(findNuclide(name)!.dValueTBq!.value).toBe(d);
  });
});

describe('decay', () => {
  it('halves a Cs-137 source in one half-life (T½ = 30.08 y, ENSDF; NEA table 30.2 y)', () => {
    const cs = findNuclide('Cs-137')!;
    const t0 = new Date('2000-01-01T00:00:00Z');
    const t1 = new Date(t0.getTime() + cs.halfLifeSeconds * 1000);
    expect(decayedActivity(1e12, t0, t1, cs.halfLifeSeconds)).toBeCloseTo(5e11, -3);
  });

  it('Co-60 keeps 2^(−10/5.27) ≈ 26.9 % after ten years (T½ = 5.27 y, regulation.md §4.3)', () => {
    const co = findNuclide('Co-60')!;
    const t0 = new Date('2016-01-01T00:00:00Z');
    const t1 = new Date(t0.getTime() + 10 * YEAR);
    expect(decayedActivity(100, t0, t1, co.halfLifeSeconds)).toBeCloseTo(26.86, 1);
  });

  it('Ir-192 loses half in 73.8 days (regulation.md §4.3)', () => {
    const ir = findNuclide('Ir-192')!;
    expect(ir.halfLifeSeconds / 86_400).toBeCloseTo(73.8, 0);
  });

  it('gives the reference activity at the reference date and more before it', () => {
    const t0 = new Date('2020-06-01T00:00:00Z');
    expect(decayedActivity(123, t0, t0, 1000)).toBe(123);
    expect(decayedActivity(100, t0, new Date(t0.getTime() - 1000_000), 1000)).toBeCloseTo(200, 6);
  });
});

describe('IAEA category (RS-G-1.9 Table 1)', () => {
  it.each([
    [5000, 1],
    [1000, 1],
    [999.99, 2],
    [10, 2],
    [9.99, 3],
    [1, 3],
    [0.999, 4],
    [0.01, 4],
    [0.00999, 5],
    [0, 5],
  ] as const)('A/D = %f → category %i', (ratio, category) => {
    expect(categoryOf(ratio)).toBe(category);
  });

  // Worked examples, shared/reference/regulation.md §4.1 (ionactive.co.uk): a 370 TBq Co-60 steriliser is
  // Category 1; a 10 MBq Cs-137 calibration source is Category 5.
  it('a 370 TBq Co-60 steriliser is Category 1', () => {
    expect(categoryOf(aOverD(370 * TBQ, findNuclide('Co-60')!.dValueTBq!.value))).toBe(1);
  });
  it('a 10 MBq Cs-137 calibration source is Category 5', () => {
    expect(categoryOf(aOverD(10e6, findNuclide('Cs-137')!.dValueTBq!.value))).toBe(5);
  });
  // 10 CFR 73 App. I thresholds equal 1000·D (Cat 1) and 10·D (Cat 2): Co-60 30 TBq and 0.3 TBq.
  it('Co-60 thresholds sit at 30 TBq (Cat 1) and 0.3 TBq (Cat 2), per 10 CFR 73 App. I', () => {
    const d = findNuclide('Co-60')!.dValueTBq!.value;
    expect(categoryOf(aOverD(30 * TBQ, d))).toBe(1);
    expect(categoryOf(aOverD(29.9 * TBQ, d))).toBe(2);
    expect(categoryOf(aOverD(0.3 * TBQ, d))).toBe(2);
    expect(categoryOf(aOverD(0.29 * TBQ, d))).toBe(3);
  });
  it('aggregates co-located sources as Σ A/D (RS-G-1.9 §3)', () => {
    // Two Ir-192 sources of 0.5 TBq each: 6.25 each (Cat 3) but 12.5 together (Cat 2).
    const ir = findNuclide('Ir-192')!.dValueTBq!.value;
    expect(categoryOf(aOverD(0.5 * TBQ, ir))).toBe(3);
    const agg = aggregateCategory([
      { activityBq: 0.5 * TBQ, dValueTBq: ir },
      { activityBq: 0.5 * TBQ, dValueTBq: ir },
      { activityBq: 1e9, dValueTBq: null },
    ]);
    expect(agg.ratio).toBeCloseTo(12.5, 9);
    expect(agg.category).toBe(2);
  });
});
