import { describe, expect, it } from 'vitest';
import { daysBetween, formatActivity, formatCuries, formatRatio, provinceToday } from './format';

const vi = (value: number, digits = 0) =>
  new Intl.NumberFormat('vi-VN', { maximumFractionDigits: digits }).format(value);
const en = (value: number, digits = 0) =>
  new Intl.NumberFormat('en-GB', { maximumFractionDigits: digits }).format(value);

describe('registry formats', () => {
  it('writes activities with the largest prefix and three significant digits', () => {
    expect(formatActivity(2.836816e9, en)).toBe('2.84 GBq');
    expect(formatActivity(2.836816e9, vi)).toBe('2,84 GBq');
    expect(formatActivity(3.7e12, en)).toBe('3.7 TBq');
    expect(formatActivity(6190131, en)).toBe('6.19 MBq');
    expect(formatActivity(123456, en)).toBe('123 kBq');
    expect(formatActivity(12, en)).toBe('12 Bq');
    expect(formatActivity(null, en)).toBe('—');
  });

  it('gives curies beside (1 Ci = 3.7 × 10¹⁰ Bq)', () => {
    expect(formatCuries(3.7e12, en)).toBe('100 Ci');
    expect(formatCuries(7.4e6, en)).toBe('0.2 mCi');
  });

  it('writes small and large A/D ratios with a power of ten', () => {
    expect(formatRatio(6.190131e-5, en)).toBe('6.19 × 10⁻⁵');
    expect(formatRatio(0.0283681, en)).toBe('0.0284');
    expect(formatRatio(37, en)).toBe('37');
    expect(formatRatio(123456, en)).toBe('1.23 × 10⁵');
  });

  it('counts calendar days and knows the province date', () => {
    expect(daysBetween('2026-11-28', '2026-12-28')).toBe(30);
    expect(daysBetween('2026-11-28', '2026-11-27')).toBe(-1);
    // 17:30 UTC is already the next day in Vietnam (UTC+7).
    expect(provinceToday(new Date('2026-11-28T17:30:00Z'))).toBe('2026-11-29');
  });
});
