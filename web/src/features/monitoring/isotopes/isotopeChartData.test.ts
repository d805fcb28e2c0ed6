import { describe, expect, it } from 'vitest';
import type { IsotopeSample } from '@sievert/core';
import { buildScatter, buildTimeSeries, lineFormula } from './isotopeChartData';

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
    // Ends 1 ‰ beyond the samples (5 % of a 2 ‰ range is less than 1 ‰).
    expect(data.x).toEqual([-10, -9, -8.3, -7, -6]);
    expect(data.normal).toEqual([null, -62, null, -46, null]);
    expect(data.outliers).toEqual([null, null, -5.8, null, null]);
    // 8·(−10) + 10 = −70 and 8·(−6) + 10 = −38.
    expect(data.gmwl[0]).toBe(-70);
    expect(data.gmwl[4]).toBe(-38);
    expect(data.local[0]).toBe(-70);
    expect(data.local[4]).toBe(-40);
    expect(data.samples.map((s) => s?.d18o ?? null)).toEqual([null, -9, -8.3, -7, null]);
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
