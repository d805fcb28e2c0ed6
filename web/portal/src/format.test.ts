import { describe, expect, it } from 'vitest';
import {
  doseRateDigits,
  formatBound,
  formatDate,
  formatDateTime,
  formatDayMonth,
  formatDelay,
  formatDoseRate,
  formatMonth,
  nextDay,
  toMicroSievertPerHour,
  zonedDay,
  zonedDayStartIso,
  zoneOffsetMs,
} from './format';

describe('dose rates', () => {
  it('show nSv/h as µSv/h with a comma in Vietnamese and a point in English', () => {
    expect(toMicroSievertPerHour(85)).toBe(0.085);
    expect(formatDoseRate(85, 'vi')).toBe('0,085');
    expect(formatDoseRate(85, 'en')).toBe('0.085');
    expect(formatDoseRate(1410, 'vi')).toBe('1,41');
    expect(formatDoseRate(12_500, 'en')).toBe('12.5');
    expect(formatDoseRate(Number.NaN, 'vi')).toBe('—');
  });

  it('use fewer decimals as values grow', () => {
    expect([0.05, 1, 10, 100].map(doseRateDigits)).toEqual([3, 2, 1, 0]);
  });

  it('write class bounds with the fewest exact decimals', () => {
    expect(formatBound(100, 'vi')).toBe('0,1');
    expect(formatBound(150, 'vi')).toBe('0,15');
    expect(formatBound(10_000, 'en')).toBe('10');
    expect(formatBound(68, 'en')).toBe('0.068');
  });
});

describe('times in the province zone', () => {
  // 2026-11-28T08:09Z is 15:09 in Asia/Ho_Chi_Minh (UTC+7, no daylight saving).
  const instant = '2026-11-28T08:09:00Z';

  it('write date then time in both languages', () => {
    expect(formatDateTime(instant, 'vi')).toBe('28/11/2026 15:09');
    expect(formatDateTime(instant, 'en')).toBe('28/11/2026 15:09');
    expect(formatDate('2026-11-28T18:00:00Z', 'vi')).toBe('29/11/2026');
    expect(formatDateTime('not a date', 'vi')).toBe('—');
  });

  it('write axis labels day/month and month/year', () => {
    expect(formatDayMonth(instant)).toBe('28/11');
    expect(formatMonth(instant)).toBe('11/2026');
  });

  it('know the zone offset and local days', () => {
    expect(zoneOffsetMs(Date.parse(instant))).toBe(7 * 3_600_000);
    expect(zonedDay(Date.parse('2026-11-28T17:30:00Z'))).toBe('2026-11-29');
    expect(zonedDayStartIso('2026-11-28')).toBe('2026-11-27T17:00:00.000Z');
    expect(zonedDayStartIso('2026-02-30')).toBeNull();
    expect(zonedDayStartIso('28/11/2026')).toBeNull();
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });
});

describe('publication delay', () => {
  it('is written in words', () => {
    expect(formatDelay(3600, 'vi')).toBe('1 giờ');
    expect(formatDelay(5400, 'vi')).toBe('1 giờ 30 phút');
    expect(formatDelay(1800, 'en')).toBe('30 minutes');
    expect(formatDelay(7200, 'en')).toBe('2 hours');
    expect(formatDelay(0, 'en')).toBe('0 minutes');
  });
});
