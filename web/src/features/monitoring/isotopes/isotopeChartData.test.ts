import { describe, expect, it } from 'vitest';
import type { IsotopeSample } from '@sievert/core';
import { buildScatter, buildTimeSeries, createFixed, lineFormula, nearestIndex } from './isotopeChartData';

let id = 0;
function sample(patch: Partial<IsotopeSample>): IsotopeSample {
  id += 1;
  return {
    id,
    stationId: 1,
    stationCode: 'VN33R01',
    stationName: 'Điểm 1',
    riverVi: 'sông Hồng',
    riverEn: 'Red River',
    sampleCode: `S-${id}`,
    sampledAt: '2025-03-14T17:00:00.000Z',
    d18o: -8,
    d18oUnc: 0.1,
    d2h: -54,
    d2hUnc: 1,
    tritiumTu: null,
    tritiumUnc: null,
    lab: null,
    method: null,
    note: null,
    dExcess: 10,
    dExcessUnc: null,
    zDExcess: null,
    zResidual: null,
    flags: [],
    createdAt: '2025-03-20T00:00:00.000Z',
    updatedAt: '2025-03-20T00:00:00.000Z',
    createdBy: null,
    version: 1,
    ...patch,
  };
}

const GMWL = { slope: 8, intercept: 10 };

describe('δ²H–δ¹⁸O scatter', () => {
  it('sorts by δ¹⁸O, splits flagged samples off and draws the GMWL (Craig 1961) across the range', () => {
    const data = buildScatter(
      [
        sample({ d18o: -7, d2h: -46 }),
        sample({ d18o: -9, d2h: -62 }),
        sample({ d18o: -8.3, d2h: -5.8, flags: ['d_excess_outlier'] }),
        sample({ d18o: null, d2h: -50 }),
        sample({ d18o: -8, d2h: null }),
      ],
      GMWL,
      { slope: 7.5, intercept: 5 },
    );
    // Ends 0.2 ‰ beyond the samples (8 % of a 2 ‰ range is less than 0.2 ‰).
    expect(data.x).toEqual([-9.2, -9, -8.3, -7, -6.8]);
    expect(data.normal).toEqual([null, -62, null, -46, null]);
    expect(data.outliers).toEqual([null, null, -5.8, null, null]);
    // 8·(−9.2) + 10 = −63.6 and 8·(−6.8) + 10 = −44.4.
    expect(data.gmwl[0]).toBeCloseTo(-63.6, 9);
    expect(data.gmwl[4]).toBeCloseTo(-44.4, 9);
    expect(data.local[0]).toBeCloseTo(-64, 9);
    expect(data.local[4]).toBeCloseTo(-46, 9);
    expect(data.samples.map((s) => s?.d18o ?? null)).toEqual([null, -9, -8.3, -7, null]);
  });

  it('widens the margin with the range: 8 % of a 10 ‰ range is 0.8 ‰', () => {
    const data = buildScatter([sample({ d18o: -12, d2h: -86 }), sample({ d18o: -2, d2h: -6 })], GMWL, null);
    expect(data.x[0]).toBeCloseTo(-12.8, 9);
    expect(data.x[3]).toBeCloseTo(-1.2, 9);
  });

  it('has no points without paired samples and no local line without one', () => {
    expect(buildScatter([sample({ d2h: null })], GMWL, null).x).toEqual([]);
    const data = buildScatter([sample({})], GMWL, null);
    expect(data.local).toEqual([null, null, null]);
  });
});

describe('time series', () => {
  it('aligns the points on the union of sampling times, one series per point', () => {
    const data = buildTimeSeries(
      [
        sample({ stationCode: 'VN33R02', sampledAt: '2025-02-14T17:00:00.000Z', d18o: -8.1 }),
        sample({ stationCode: 'VN33R01', sampledAt: '2025-01-14T17:00:00.000Z', d18o: -8.4 }),
        sample({ stationCode: 'VN33R01', sampledAt: '2025-02-14T17:00:00.000Z', d18o: -8.6 }),
        sample({ stationCode: 'VN33R01', sampledAt: '2025-03-14T17:00:00.000Z', d18o: null }),
      ],
      (s) => s.d18o,
    );
    expect(data.x).toEqual([
      Date.parse('2025-01-14T17:00:00Z') / 1000,
      Date.parse('2025-02-14T17:00:00Z') / 1000,
    ]);
    expect(data.series).toEqual([
      { code: 'VN33R01', values: [-8.4, -8.6] },
      { code: 'VN33R02', values: [null, -8.1] },
    ]);
    expect(buildTimeSeries([], (s) => s.d18o).x).toEqual([]);
  });
});

describe('line formula', () => {
  it('writes the sign of the intercept apart', () => {
    const fmt = (v: number, digits = 0) => v.toFixed(digits);
    expect(lineFormula({ slope: 7.623, intercept: 5.14 }, fmt)).toBe('δ²H = 7.62·δ¹⁸O + 5.1');
    expect(lineFormula({ slope: 8, intercept: -3.26 }, fmt)).toBe('δ²H = 8.00·δ¹⁸O − 3.3');
  });
});

describe('pointer on the scatter', () => {
  it('finds the nearest sample within the radius and skips the line ends', () => {
    const positions = [null, { left: 10, top: 10 }, { left: 30, top: 12 }, null];
    expect(nearestIndex(positions, 12, 11, 8)).toBe(1);
    expect(nearestIndex(positions, 27, 12, 8)).toBe(2);
    expect(nearestIndex(positions, 20, 40, 8)).toBeNull();
    expect(nearestIndex([], 0, 0, 8)).toBeNull();
  });
});

describe('fixed decimals', () => {
  it("writes every value of a column with the same decimals, in the reader's format", () => {
    const vi = createFixed('vi-VN');
    const en = createFixed('en-GB');
    expect(vi(-61, 1)).toBe('-61,0');
    expect(vi(-8.5, 2)).toBe('-8,50');
    expect(en(-8.5, 2)).toBe('-8.50');
    expect(vi(-1234.5, 1)).toBe('-1.234,5');
    expect(en(-0.004, 2)).toBe('0.00');
    expect(en(null, 2)).toBe('—');
    expect(en(Number.NaN, 2)).toBe('—');
  });
});
