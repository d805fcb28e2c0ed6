import { describe, expect, it } from 'vitest';
import type { NetworkStation } from '@sievert/core';
import {
  DOSE_RATE_SCALE,
  OFFLINE_COLOUR,
  compareForAttention,
  durationParts,
  doseRateClass,
  doseRateColour,
  doseRateForDisplay,
  doseRatePoints,
  formatDoseRate,
  markerOf,
  networkCounts,
  rainPoints,
  relativeTime,
  resolutionInfo,
  showsDoseRate,
  stationFill,
  stationMapState,
} from './display';

function station(patch: Partial<NetworkStation> = {}): NetworkStation {
  return {
    code: 'VN33001',
    name: 'Phố Hiến',
    kind: 'gamma_dose_rate',
    status: 'operating',
    communeCode: null,
    lat: 20.65,
    lon: 106.05,
    intervalS: 600,
    latest: { value: 95, unit: 'nSv/h', time: '2026-11-28T08:00:00Z', flags: [] },
    rain: null,
    offline: false,
    alarm: null,
    ...patch,
  };
}

describe('dose rate for display', () => {
  it('converts nSv/h to µSv/h exactly (core fromCanonical)', () => {
    expect(doseRateForDisplay(124)).toBe(0.124);
    expect(doseRateForDisplay(1000)).toBe(1);
    expect(doseRateForDisplay(Number.NaN)).toBeNull();
  });
  it("writes three decimals in the reader's language", () => {
    expect(formatDoseRate(110, 'vi-VN')).toBe('0,110');
    expect(formatDoseRate(1410, 'en-GB')).toBe('1.410');
    expect(formatDoseRate(Number.POSITIVE_INFINITY, 'vi-VN')).toBeNull();
  });
});

describe('map colour scale', () => {
  it('has one colour more than breaks, breaks ascending, and a source', () => {
    const { breaksNSvPerHour, colours } = DOSE_RATE_SCALE;
    expect(colours).toHaveLength(breaksNSvPerHour.length + 1);
    expect([...breaksNSvPerHour].sort((a, b) => a - b)).toEqual([...breaksNSvPerHour]);
    expect(DOSE_RATE_SCALE.source).toMatch(/monitoring\.md/);
  });

  it('classes values with the lower bound inclusive', () => {
    // Hanoi's mean 0.068 µSv/h (shared/reference/monitoring.md §5.1) is in the lowest class.
    expect(doseRateClass(68)).toBe(0);
    expect(doseRateClass(80)).toBe(1);
    expect(doseRateClass(299.9)).toBe(5);
    expect(doseRateClass(300)).toBe(6);
    // NADAM's 1 µSv/h (§5.2) and anything above are the darkest class.
    expect(doseRateClass(1000)).toBe(7);
    expect(doseRateClass(1e9)).toBe(7);
    expect(doseRateColour(-5)).toBe(DOSE_RATE_SCALE.colours[0]);
  });

  it('greys silent, out-of-service and empty stations, and ranks the marker state', () => {
    expect(stationFill(station())).toBe(DOSE_RATE_SCALE.colours[1]);
    expect(stationFill(station({ offline: true }))).toBe(OFFLINE_COLOUR);
    expect(stationFill(station({ status: 'maintenance' }))).toBe(OFFLINE_COLOUR);
    expect(stationFill(station({ latest: null }))).toBe(OFFLINE_COLOUR);
    const alarm = { id: 1, severity: 'alert', state: 'raised', rule: 'level', cause: 'unexplained' } as const;
    expect(stationMapState(station({ alarm, offline: true }))).toBe('alarm');
    expect(stationMapState(station({ offline: true }))).toBe('offline');
    expect(stationMapState(station({ status: 'test' }))).toBe('out_of_service');
    expect(stationMapState(station({ latest: null }))).toBe('no_data');
    expect(stationMapState(station())).toBe('normal');
  });
});

describe('network', () => {
  it('maps dose-rate stations, and other kinds only when they send a dose rate', () => {
    expect(showsDoseRate(station())).toBe(true);
    expect(showsDoseRate(station({ kind: 'mobile', latest: null }))).toBe(true);
    expect(showsDoseRate(station({ kind: 'river_sampling', latest: null }))).toBe(false);
    expect(showsDoseRate(station({ kind: 'air_sampler' }))).toBe(true);
  });

  it('counts reporting, silent and out-of-service stations', () => {
    const counts = networkCounts(
      [station(), station({ offline: true }), station({ status: 'defective', offline: true })],
      4,
    );
    expect(counts).toEqual({ total: 3, online: 1, offline: 1, outOfService: 1, alarms: 4 });
    expect(networkCounts([], 0).total).toBe(0);
  });

  it('lists alarms first (most severe first), then silent stations, then the highest values', () => {
    const list = [
      station({ code: 'A', latest: { value: 90, unit: 'nSv/h', time: '', flags: [] } }),
      station({ code: 'B', offline: true }),
      station({
        code: 'C',
        alarm: { id: 1, severity: 'warning', state: 'raised', rule: 'baseline', cause: 'unexplained' },
      }),
      station({
        code: 'D',
        alarm: { id: 2, severity: 'emergency', state: 'raised', rule: 'level', cause: 'unexplained' },
      }),
      station({ code: 'E', latest: { value: 150, unit: 'nSv/h', time: '', flags: [] } }),
      station({ code: 'F', latest: null }),
    ];
    expect([...list].sort(compareForAttention).map((one) => one.code)).toEqual([
      'D',
      'C',
      'B',
      'E',
      'A',
      'F',
    ]);
  });
});

describe('series to chart points', () => {
  it('converts dose rates to µSv/h with min, max and markers', () => {
    const points = doseRatePoints({
      points: [
        { time: '2026-11-28T08:00:00Z', value: 95, flags: ['spike'] },
        { time: '2026-11-28T08:10:00Z', value: 100, min: 90, max: 120 },
        { time: 'not a time', value: 1 },
        { time: '2026-11-28T08:20:00Z', value: 100, validation: 'rejected', flags: ['spike'] },
      ],
    });
    expect(points).toHaveLength(3);
    expect(points[0]).toMatchObject({
      t: Date.parse('2026-11-28T08:00:00Z') / 1000,
      v: 0.095,
      marker: 'flagged',
    });
    expect(points[1]).toMatchObject({ v: 0.1, min: 0.09, max: 0.12, marker: null });
    expect(points[2]!.marker).toBe('rejected');
  });

  it('maps flags and validation to markers', () => {
    expect(markerOf({})).toBeNull();
    expect(markerOf({ flags: [] })).toBeNull();
    expect(markerOf({ flags: ['flatline'] })).toBe('flagged');
    expect(markerOf({ flags: [], validation: 'rejected' })).toBe('rejected');
    expect(markerOf({ flags: ['spike'], validation: 'validated' })).toBe('flagged');
  });

  it('turns precipitation buckets (mean × count) into amounts and keeps raw amounts', () => {
    const hourly = rainPoints({
      bucketS: 3600,
      points: [
        { time: '2026-11-28T08:00:00Z', value: 0.5, count: 6 },
        { time: '2026-11-28T09:00:00Z', value: -1, count: 6 },
        { time: '2026-11-28T10:00:00Z', value: Number.NaN },
      ],
    });
    expect(hourly.map((point) => point.v)).toEqual([3, 0]);
    expect(
      rainPoints({ bucketS: 0, points: [{ time: '2026-11-28T08:00:00Z', value: 0.4, count: 1 }] })[0]!.v,
    ).toBe(0.4);
  });
});

describe('resolutionInfo', () => {
  it('reads the bucket length first, then the resolution name', () => {
    expect(resolutionInfo('raw', 0)).toEqual({ kind: 'raw' });
    expect(resolutionInfo('hour', 3600)).toEqual({ kind: 'hours', count: 1 });
    expect(resolutionInfo('6h', 21_600)).toEqual({ kind: 'hours', count: 6 });
    expect(resolutionInfo('7d', 604_800)).toEqual({ kind: 'days', count: 7 });
    expect(resolutionInfo('day', 0)).toEqual({ kind: 'days', count: 1 });
    expect(resolutionInfo('6h', Number.NaN)).toEqual({ kind: 'hours', count: 6 });
    expect(resolutionInfo('15min', 0)).toEqual({ kind: 'minutes', count: 15 });
    expect(resolutionInfo('900', 900)).toEqual({ kind: 'minutes', count: 15 });
    expect(resolutionInfo('<script>', 0)).toEqual({ kind: 'raw' });
  });
});

describe('durationParts', () => {
  it('reads minutes, then hours, then days', () => {
    expect(durationParts(35)).toEqual({ unit: 'minutes', value: 35 });
    expect(durationParts(2410)).toEqual({ unit: 'hours', value: 40.2 });
    // An offline reason from a station silent for 23.9 days (34 410 min).
    expect(durationParts(34_410)).toEqual({ unit: 'days', value: 23.9 });
  });
});

describe('relativeTime', () => {
  const now = Date.parse('2026-11-28T08:00:00Z');
  it('speaks Vietnamese and English', () => {
    expect(relativeTime('2026-11-28T07:55:00Z', now, 'vi-VN')).toBe('5 phút trước');
    expect(relativeTime('2026-11-28T07:55:00Z', now, 'en-GB')).toBe('5 minutes ago');
    expect(relativeTime('2026-11-28T05:00:00Z', now, 'en-GB')).toBe('3 hours ago');
    expect(relativeTime('2026-11-27T08:00:00Z', now, 'en-GB')).toBe('yesterday');
    expect(relativeTime('2026-11-28T07:59:50Z', now, 'en-GB')).toBe('now');
  });
  it('says nothing for a time that does not parse', () => {
    expect(relativeTime('', now, 'vi-VN')).toBe('');
    expect(relativeTime('yesterday', now, 'vi-VN')).toBe('');
  });
});
