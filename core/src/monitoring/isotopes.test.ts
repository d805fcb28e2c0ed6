import { describe, expect, it } from 'vitest';
import data from '../reference/isotopes.json' with { type: 'json' };
import {
  ISOTOPE_GMWL,
  ISOTOPE_OUTLIER_REFERENCE,
  ISOTOPE_PLAUSIBILITY,
  ISOTOPE_REFERENCE_SOURCES,
} from '../reference/isotopes.js';
import {
  analyseIsotopeGroup,
  deuteriumExcess,
  deuteriumExcessUncertainty,
  fitLeastSquaresLine,
  gmwlD2h,
  isotopeSampleFlags,
  modifiedZScores,
  robustSpread,
  type IsotopeValues,
} from './isotopes.js';

/** Deterministic Gaussian noise (mulberry32 + Box–Muller). */
function noise(seed: number) {
  let a = seed >>> 0;
  const uni = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uni())) * Math.cos(2 * Math.PI * uni());
}

describe('Global Meteoric Water Line and deuterium excess', () => {
  it('follows Craig (1961, Science 133:1702): δD = 8·δ¹⁸O + 10 ‰', () => {
    expect(ISOTOPE_GMWL.slope.value).toBe(8);
    expect(ISOTOPE_GMWL.intercept.value).toBe(10);
    expect(gmwlD2h(0)).toBe(10);
    // The Red River mean at Hanoi, −8.4 ‰ (Nguyen et al. 2021, Water 13:2051), on the GMWL: 8·(−8.4) + 10.
    expect(gmwlD2h(-8.4)).toBeCloseTo(-57.2, 10);
    expect(gmwlD2h(-20)).toBe(-150);
  });

  it('defines d = δ²H − 8·δ¹⁸O (Dansgaard 1964, Tellus 16:436), 10 ‰ on the GMWL', () => {
    for (const d18o of [-15, -8.4, -3, 0, 2])
      expect(deuteriumExcess(gmwlD2h(d18o), d18o)).toBeCloseTo(10, 10);
    expect(deuteriumExcess(-60, -8)).toBeCloseTo(4, 10);
    expect(deuteriumExcess(null, -8)).toBeNull();
    expect(deuteriumExcess(-60, undefined)).toBeNull();
    expect(deuteriumExcess(Number.NaN, -8)).toBeNull();
  });

  it('propagates the typical uncertainties ±0.1 ‰ and ±1 ‰ (monitoring.md §6) to u(d) = √(1 + 64·0.01)', () => {
    expect(deuteriumExcessUncertainty(1, 0.1)).toBeCloseTo(Math.sqrt(1.64), 12);
    expect(deuteriumExcessUncertainty(0.4, 0.05)).toBeCloseTo(Math.sqrt(0.16 + 0.16), 12);
    expect(deuteriumExcessUncertainty(null, 0.1)).toBeNull();
    expect(deuteriumExcessUncertainty(-1, 0.1)).toBeNull();
  });
});

describe('least-squares line', () => {
  it('recovers an exact line', () => {
    const xs = [-9, -8.5, -8, -7.2, -6.9];
    const line = fitLeastSquaresLine(
      xs,
      xs.map((x) => 7.5 * x + 5),
    )!;
    expect(line.slope).toBeCloseTo(7.5, 10);
    expect(line.intercept).toBeCloseTo(5, 10);
    expect(line.r2).toBeCloseTo(1, 12);
    expect(line.n).toBe(5);
    expect(line.slopeSe).toBeCloseTo(0, 6);
  });

  it("matches Anscombe's quartet set I (Anscombe 1973, Am. Stat. 27:17): y = 3.00 + 0.500x, r² = 0.67", () => {
    const x = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5];
    const y = [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68];
    const line = fitLeastSquaresLine(x, y)!;
    expect(line.slope).toBeCloseTo(0.5001, 4);
    expect(line.intercept).toBeCloseTo(3.0001, 4);
    expect(line.r2).toBeCloseTo(0.6665, 4);
    expect(line.slopeSe).toBeCloseTo(0.1179, 4);
  });

  it('has no line without spread in x or with fewer than two points, and skips non-finite pairs', () => {
    expect(fitLeastSquaresLine([-8, -8, -8], [-55, -56, -57])).toBeNull();
    expect(fitLeastSquaresLine([0.1 * 3, 0.3, 0.3], [1, 2, 3])).toBeNull();
    expect(fitLeastSquaresLine([-8], [-55])).toBeNull();
    const line = fitLeastSquaresLine([-9, Number.NaN, -7, -8], [-62, -50, Number.POSITIVE_INFINITY, -54])!;
    expect(line.n).toBe(2);
    expect(line.slope).toBeCloseTo(8, 10);
    expect(line.slopeSe).toBeNull();
  });
});

describe('modified z-scores (Iglewicz & Hoaglin 1993)', () => {
  it('use median and MAD/0.6745', () => {
    expect(ISOTOPE_OUTLIER_REFERENCE.madScale.value).toBe(0.6745);
    expect(ISOTOPE_OUTLIER_REFERENCE.robustZ.value).toBe(3.5);
    // median 3, MAD = median(2, 1, 0, 1, 97) = 1 → M = 0.6745·(x − 3)/1.
    const z = modifiedZScores([1, 2, 3, 4, 100]);
    expect(z[2]).toBe(0);
    expect(z[4]).toBeCloseTo(0.6745 * 97, 10);
    expect(z[0]).toBeCloseTo(-0.6745 * 2, 10);
  });

  it('never let σ fall below the floor (identical values are not all outliers)', () => {
    expect(robustSpread([10, 10, 10, 10], 1.28)).toEqual({ median: 10, sigma: 1.28 });
    const z = modifiedZScores([10, 10, 10, 10, 12], 1);
    expect(z[4]).toBe(2);
    expect(modifiedZScores([10, 10, 11])[2]).toBeNaN();
    expect(robustSpread([])).toBeNull();
  });
});

describe('plausibility flags of one sample', () => {
  it('accept the Red River range at Hanoi (−9.8…−6.9 ‰, Nguyen et al. 2021) and flag values outside', () => {
    expect(isotopeSampleFlags({ d18o: -9.8, d2h: gmwlD2h(-9.8), tritiumTu: 3 })).toEqual([]);
    expect(isotopeSampleFlags({ d18o: -6.9, d2h: gmwlD2h(-6.9) })).toEqual([]);
    expect(isotopeSampleFlags({ d18o: ISOTOPE_PLAUSIBILITY.d18o.min.value - 0.1 })).toEqual([
      'd18o_out_of_range',
    ]);
    expect(isotopeSampleFlags({ d2h: ISOTOPE_PLAUSIBILITY.d2h.max.value + 1 })).toEqual(['d2h_out_of_range']);
    expect(isotopeSampleFlags({ tritiumTu: ISOTOPE_PLAUSIBILITY.tritiumTu.max.value + 5 })).toEqual([
      'tritium_out_of_range',
    ]);
    expect(isotopeSampleFlags({ d18o: -8, d18oUnc: 0.8 })).toEqual(['uncertainty_high']);
    expect(isotopeSampleFlags({ d2h: -60, d2hUnc: 6 })).toEqual(['uncertainty_high']);
    expect(isotopeSampleFlags({})).toEqual([]);
  });
});

describe('analysis of a river', () => {
  /** Two years of monthly samples on δ²H = 7.6·δ¹⁸O + 6 with analytical noise (±0.1 ‰, ±1 ‰). */
  function river(seed = 7): IsotopeValues[] {
    const g = noise(seed);
    return Array.from({ length: 24 }, (_, m) => {
      const d18o = -8.4 + 0.7 * Math.sin((2 * Math.PI * m) / 12) + 0.1 * g();
      return { d18o, d2h: 7.6 * d18o + 6 + 1 * g(), d18oUnc: 0.1, d2hUnc: 1 };
    });
  }

  it('fits the river line and flags nothing in clean data', () => {
    const a = analyseIsotopeGroup(river());
    expect(a.n).toBe(24);
    expect(a.paired).toBe(24);
    expect(a.flagged).toBe(0);
    expect(a.line!.slope).toBeGreaterThan(6.5);
    expect(a.line!.slope).toBeLessThan(8.7);
    expect(a.line!.r2).toBeGreaterThan(0.9);
    expect(a.meanD18o).toBeCloseTo(-8.4, 0);
    // d on a line of slope 7.6 through (−8.4, −57.84): −57.84 + 67.2 = 9.36 ‰.
    expect(a.meanDExcess!).toBeGreaterThan(8.4);
    expect(a.meanDExcess!).toBeLessThan(10.4);
    expect(a.dExcess.every((d) => d !== null)).toBe(true);
  });

  it('flags an evaporated sample (low d-excess) and a mistyped δ²H without letting them tilt the line', () => {
    const samples = river();
    const clean = analyseIsotopeGroup(samples).line!;
    // Evaporation moves water along a slope of about 5, below the GMWL: d falls (monitoring.md §6, "low d-excess").
    samples.push({ d18o: -4.0, d2h: 7.6 * -8.4 + 6 + 5 * 4.4, d18oUnc: 0.1, d2hUnc: 1 });
    // −58.1 typed as −5.81.
    samples.push({ d18o: -8.3, d2h: -5.81, d18oUnc: 0.1, d2hUnc: 1 });
    const a = analyseIsotopeGroup(samples);
    expect(a.flags[24]).toEqual(expect.arrayContaining(['d_excess_outlier', 'line_residual_outlier']));
    expect(a.flags[25]).toEqual(expect.arrayContaining(['d_excess_outlier', 'line_residual_outlier']));
    expect(a.flags.slice(0, 24).every((f) => f.length === 0)).toBe(true);
    expect(a.flagged).toBe(2);
    expect(a.zDExcess[24]!).toBeLessThan(-ISOTOPE_OUTLIER_REFERENCE.robustZ.value);
    expect(a.zResidual[25]!).toBeGreaterThan(ISOTOPE_OUTLIER_REFERENCE.robustZ.value);
    // The reported line is fitted without the two: the same as the clean river's.
    expect(a.line!.slope).toBeCloseTo(clean.slope, 6);
    expect(a.line!.intercept).toBeCloseTo(clean.intercept, 6);
    expect(a.line!.n).toBe(24);
    // Means leave flagged samples out.
    expect(a.meanDExcess).toBeCloseTo(analyseIsotopeGroup(river()).meanDExcess!, 10);
  });

  it('leaves implausible values out of the baseline and flags them only for their range', () => {
    const samples = river();
    samples.push({ d18o: -42, d2h: -330 });
    const a = analyseIsotopeGroup(samples);
    expect(a.flags[24]).toContain('d18o_out_of_range');
    expect(a.flags[24]).toContain('d2h_out_of_range');
    expect(a.line!.n).toBe(24);
  });

  it('needs enough samples for statistical flags, and three for a line', () => {
    const min = ISOTOPE_OUTLIER_REFERENCE.minSamples.value;
    const few = river().slice(0, min - 2);
    few.push({ d18o: -8.3, d2h: -5.81 });
    const a = analyseIsotopeGroup(few);
    expect(a.flagged).toBe(0);
    expect(a.zDExcess.every((z) => z === null)).toBe(true);
    expect(a.line).not.toBeNull();
    expect(analyseIsotopeGroup(river().slice(0, 2)).line).toBeNull();
    expect(analyseIsotopeGroup([]).line).toBeNull();
  });

  it('handles samples with only one value or only tritium', () => {
    const a = analyseIsotopeGroup([{ tritiumTu: 3.2 }, { d18o: -8 }, { d2h: -55 }, ...river()]);
    expect(a.n).toBe(27);
    expect(a.paired).toBe(24);
    expect(a.dExcess.slice(0, 3)).toEqual([null, null, null]);
    expect(a.meanTritiumTu).toBeCloseTo(3.2, 10);
  });

  it('stays fast and finite on a large river', () => {
    const g = noise(3);
    const many = Array.from({ length: 50_000 }, () => {
      const d18o = -8 + g();
      return { d18o, d2h: 8 * d18o + 10 + g() };
    });
    const a = analyseIsotopeGroup(many);
    expect(a.line!.slope).toBeCloseTo(8, 1);
    expect(Number.isFinite(a.meanDExcess)).toBe(true);
  });
});

describe('isotope reference data', () => {
  it('gives every number a known status and a source', () => {
    const values: Array<{ path: string; v: { value: unknown; source: unknown; status: unknown } }> = [];
    const walk = (node: unknown, path: string) => {
      if (node && typeof node === 'object') {
        if ('value' in node) values.push({ path, v: node as never });
        else for (const [k, child] of Object.entries(node)) walk(child, `${path}.${k}`);
      }
    };
    walk({ gmwl: data.gmwl, dExcess: data.dExcess, hardLimits: data.hardLimits }, '');
    walk({ plausibility: data.plausibility, uncertainty: data.uncertainty, outliers: data.outliers }, '');
    expect(values.length).toBeGreaterThan(20);
    for (const { path, v } of values) {
      expect(typeof v.value, path).toBe('number');
      expect(['verified', 'to_verify'], path).toContain(v.status);
      expect(String(v.source).length, path).toBeGreaterThan(5);
    }
    for (const key of ['CRAIG-1961', 'DANSGAARD-1964', 'IGLEWICZ-HOAGLIN-1993', 'NGUYEN-2021'])
      expect(ISOTOPE_REFERENCE_SOURCES[key]).toBeTruthy();
    // Nothing here is stated with a source in shared/reference: everything waits for verification.
    expect(values.every(({ v }) => v.status === 'to_verify')).toBe(true);
  });
});
