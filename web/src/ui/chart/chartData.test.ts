import { describe, expect, it } from 'vitest';
import {
  ALL_FROM_MS,
  MIN_SPAN_MS,
  alignSeries,
  createTickFormatter,
  dataExtent,
  decimalsFor,
  hasMarkers,
  hasSpread,
  isRangePreset,
  maxPointsForWidth,
  presetWindow,
  tickFormat,
  zoomWindow,
} from './chartData';

const NOW = Date.parse('2026-11-28T08:00:00Z');

describe('range presets', () => {
  it('end now and reach back by their span', () => {
    expect(presetWindow('24h', NOW)).toEqual({ from: NOW - 86_400_000, to: NOW });
    expect(presetWindow('7d', NOW).from).toBe(NOW - 7 * 86_400_000);
    // EURDEP's advanced map: the previous 35 days (shared/reference/monitoring.md §1.2).
    expect(presetWindow('35d', NOW).from).toBe(NOW - 35 * 86_400_000);
    expect(presetWindow('1y', NOW).from).toBe(NOW - 365 * 86_400_000);
    expect(presetWindow('all', NOW)).toEqual({ from: ALL_FROM_MS, to: NOW });
  });

  it('recognises only their own names', () => {
    expect(isRangePreset('7d')).toBe(true);
    expect(isRangePreset('7D')).toBe(false);
    expect(isRangePreset(undefined)).toBe(false);
    expect(isRangePreset('__proto__')).toBe(false);
  });
});

describe('zoomWindow', () => {
  it('orders the ends and keeps a wide selection as it is', () => {
    expect(zoomWindow(NOW, NOW - 3_600_000)).toEqual({ from: NOW - 3_600_000, to: NOW });
  });
  it('widens a tiny selection around its centre', () => {
    const window = zoomWindow(NOW, NOW + 1_000);
    expect(window!.to - window!.from).toBe(MIN_SPAN_MS);
    expect((window!.to + window!.from) / 2).toBe(NOW + 500);
  });
  it('refuses what is not a time', () => {
    expect(zoomWindow(Number.NaN, NOW)).toBeNull();
    expect(zoomWindow(NOW, Number.POSITIVE_INFINITY)).toBeNull();
  });
});

describe('maxPointsForWidth', () => {
  it('asks for about one point per pixel, in steps of 50', () => {
    expect(maxPointsForWidth(812)).toBe(800);
    expect(maxPointsForWidth(830)).toBe(850);
    expect(maxPointsForWidth(400, 0.25)).toBe(100);
  });
  it('stays within bounds for tiny, huge and broken widths', () => {
    expect(maxPointsForWidth(10)).toBe(60);
    expect(maxPointsForWidth(1e9)).toBe(4000);
    expect(maxPointsForWidth(Number.NaN)).toBe(60);
    expect(maxPointsForWidth(-5)).toBe(60);
  });
});

describe('alignSeries', () => {
  it('joins series on one axis: undefined where a series has no point, values where it has', () => {
    const { x, series } = alignSeries([
      {
        points: [
          { t: 0, v: 1 },
          { t: 600, v: 2 },
          { t: 1200, v: 3 },
        ],
      },
      {
        points: [
          { t: 0, v: 0.5 },
          { t: 3600, v: 0 },
        ],
      },
    ]);
    expect(x).toEqual([0, 600, 1200, 3600]);
    expect(series[0]!.values).toEqual([1, 2, 3, undefined]);
    expect(series[1]!.values).toEqual([0.5, undefined, undefined, 0]);
  });

  it('breaks the line (null) where a station was silent for longer than 1.5 steps', () => {
    const { x, series } = alignSeries([
      {
        points: [
          { t: 0, v: 1 },
          { t: 600, v: 1 },
          { t: 1500, v: 1 },
          { t: 2400, v: 1 },
        ],
        stepS: 600,
      },
    ]);
    // 600 → 1500 is 1.5 steps (tolerated: clock jitter), 1500 → 2400 as well; nothing inserted.
    expect(series[0]!.values.every((value) => value === 1)).toBe(true);
    const gapped = alignSeries([
      {
        points: [
          { t: 0, v: 1 },
          { t: 3000, v: 1 },
        ],
        stepS: 600,
      },
    ]);
    expect(gapped.x).toEqual([0, 1500, 3000]);
    expect(gapped.series[0]!.values).toEqual([1, null, 1]);
    expect(x).toHaveLength(4);
  });

  it('sorts, keeps the first of duplicate times and turns non-finite values into gaps', () => {
    const { x, series } = alignSeries([
      {
        points: [
          { t: 1200, v: 3 },
          { t: 0, v: 1 },
          { t: 600, v: Number.NaN },
          { t: 0, v: 99 },
          { t: Number.NaN, v: 5 },
        ],
      },
    ]);
    expect(x).toEqual([0, 600, 1200]);
    expect(series[0]!.values).toEqual([1, null, 3]);
  });

  it('carries min, max and markers, and says when a band or markers are worth drawing', () => {
    const { series } = alignSeries([
      {
        points: [
          { t: 0, v: 0.1, min: 0.08, max: 0.13 },
          { t: 3600, v: 0.12, marker: 'flagged' },
          { t: 7200, v: null, marker: 'rejected' },
        ],
      },
    ]);
    const one = series[0]!;
    expect(one.min).toEqual([0.08, 0.12, null]);
    expect(one.max).toEqual([0.13, 0.12, null]);
    expect(one.markers.flagged).toEqual([undefined, 0.12, undefined]);
    expect(hasSpread(one)).toBe(true);
    expect(hasMarkers(one, 'flagged')).toBe(true);
    // A gap cannot carry a marker.
    expect(hasMarkers(one, 'rejected')).toBe(false);
    const flat = alignSeries([{ points: [{ t: 0, v: 1 }] }]).series[0]!;
    expect(hasSpread(flat)).toBe(false);
  });

  it('handles nothing at all and a large series', () => {
    expect(alignSeries([])).toEqual({ x: [], series: [] });
    expect(alignSeries([{ points: [] }]).x).toEqual([]);
    const points = Array.from({ length: 50_000 }, (_, i) => ({ t: i * 600, v: 0.1 }));
    const { x } = alignSeries([{ points, stepS: 600 }, { points: points.filter((_, i) => i % 6 === 0) }]);
    expect(x).toHaveLength(50_000);
    expect(dataExtent(x)).toEqual([0, 49_999 * 600]);
    expect(dataExtent([])).toBeNull();
  });
});

describe('decimalsFor', () => {
  it('gives the decimals a tick step needs', () => {
    expect(decimalsFor(0.25)).toBe(2);
    expect(decimalsFor(0.1)).toBe(1);
    expect(decimalsFor(0.005)).toBe(3);
    expect(decimalsFor(5)).toBe(0);
    expect(decimalsFor(0.1 + 0.2)).toBe(1);
    expect(decimalsFor(Math.PI)).toBe(6);
    expect(decimalsFor(0)).toBe(0);
    expect(decimalsFor(Number.NaN)).toBe(0);
  });
});

describe('time axis', () => {
  it('chooses the date parts from the distance between ticks', () => {
    expect(tickFormat(600)).toBe('time');
    expect(tickFormat(6 * 3600)).toBe('dayTime');
    expect(tickFormat(86_400)).toBe('day');
    expect(tickFormat(30 * 86_400)).toBe('month');
    expect(tickFormat(365 * 86_400)).toBe('year');
  });

  it('writes ticks in Vietnam time (UTC+7) and shows the date when a new day starts', () => {
    const ticks = createTickFormatter('vi-VN', 'Asia/Ho_Chi_Minh');
    // 16:00 and 17:00 UTC are 23:00 and 00:00 the next day in Hưng Yên.
    const splits = [Date.parse('2026-11-28T16:00:00Z') / 1000, Date.parse('2026-11-28T17:00:00Z') / 1000];
    const [first, second] = ticks(splits, 1800);
    expect(first).toBe('23:00');
    expect(second).toBe('29/11 00:00');
    expect(ticks(splits, 6 * 3600)).toEqual(['28/11 23:00', '29/11 00:00']);
    expect(ticks([Date.parse('2026-11-28T20:00:00Z') / 1000], 86_400)).toEqual(['29/11']);
    expect(ticks([Date.parse('2026-11-28T20:00:00Z') / 1000], 60 * 86_400)).toEqual(['11/2026']);
    expect(ticks([Date.parse('2026-12-31T18:00:00Z') / 1000], 400 * 86_400)).toEqual(['2027']);
    expect(createTickFormatter('en-GB', 'Asia/Ho_Chi_Minh')(splits, 1800)).toEqual(['23:00', '29/11 00:00']);
    expect(ticks([Number.NaN], 60)).toEqual(['']);
  });
});
