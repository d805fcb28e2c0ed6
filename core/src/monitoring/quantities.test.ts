import { describe, expect, it } from 'vitest';
import { CANONICAL_UNIT, fromCanonical, QUANTITIES, toCanonical } from './quantities.js';

const dose = (v: number, unit: string) => toCanonical('ambient_dose_rate', v, unit);

describe('canonical units', () => {
  it('every quantity has its canonical unit, and the canonical unit converts to itself', () => {
    // nSv/h: EURDEP and BfS (monitoring.md §1.2, §1.3); cps, mm, °C, m/s, deg: SI / WMO practice.
    expect(CANONICAL_UNIT).toEqual({
      ambient_dose_rate: 'nSv/h',
      count_rate: 'cps',
      precipitation: 'mm',
      temperature: '°C',
      wind_speed: 'm/s',
      wind_direction: 'deg',
    });
    for (const q of QUANTITIES) expect(toCanonical(q, 12.5, CANONICAL_UNIT[q])).toEqual({ value: 12.5 });
  });
});

describe('ambient dose rate H*(10)', () => {
  it.each([
    'uSv/h',
    'usv/h',
    'USV/H', // EURDEP code list spelling (monitoring.md §1.3)
    '\u00b5Sv/h', // micro sign
    '\u03bcSv/h', // Greek small mu
    '\u03bcSV/H',
    ' µSv/h ',
    'µSv/hr',
    'µSv h-1',
    'µSv·h⁻¹',
  ])('1 %s = 1000 nSv/h', (unit) => {
    expect(dose(1, unit)).toEqual({ value: 1000 });
  });

  it('is exact, not float-multiplied: BfS 0.124 µSv/h = 124 nSv/h, Hanoi 0.068 µSv/h = 68 nSv/h (§4.2, §5.1)', () => {
    expect(dose(0.124, 'µSv/h')).toEqual({ value: 124 });
    expect(dose(0.068, 'µSv/h')).toEqual({ value: 68 });
    expect(dose(0.047, 'µSv/h')).toEqual({ value: 47 });
    expect(fromCanonical('ambient_dose_rate', 124, 'µSv/h')).toEqual({ value: 0.124 });
    expect(fromCanonical('ambient_dose_rate', 87, 'uSv/h')).toEqual({ value: 0.087 });
  });

  it.each([
    ['nSv/h', 87, 87],
    ['NSV/H', 87, 87],
    ['mSv/h', 1, 1e6],
    ['msv/h', 0.001, 1000],
    ['Sv/h', 1, 1e9],
    ['mrem/h', 0.01, 100], // 1 rem = 0.01 Sv by definition
    ['µrem/h', 1, 10],
  ])('%s: %d → %d nSv/h', (unit, v, expected) => {
    expect(dose(v, unit)).toEqual({ value: expected });
  });

  it('Sv/s (IRIX, monitoring.md §2.1): 1 Sv/s = 3.6e12 nSv/h; 2.42e-11 Sv/s = 87.12 nSv/h', () => {
    expect(dose(1, 'Sv/s')).toEqual({ value: 3.6e12 });
    expect(dose(2.42e-11, 'Sv/s')).toEqual({ value: 87.12 });
    expect(dose(2.42e-11, 'SV/S')).toEqual({ value: 87.12 });
  });

  it('nSv/h → Sv/s: 1 µSv/h = 2.778e-10 Sv/s, 87 nSv/h ≈ 2.42e-11 Sv/s (§2.1), correctly rounded', () => {
    const a = fromCanonical('ambient_dose_rate', 1000, 'Sv/s');
    expect(a).toEqual({ value: 1000 / 3.6e12 });
    expect((a as { value: number }).value).toBeCloseTo(2.778e-10, 13);
    const b = fromCanonical('ambient_dose_rate', 87, 'Sv/s');
    expect(b).toEqual({ value: 87 / 3.6e12 });
    expect((b as { value: number }).value).toBeCloseTo(2.42e-11, 13);
  });

  it('round trips return exactly what the station sent', () => {
    for (const unit of ['µSv/h', 'Sv/s', 'mSv/h', 'Sv/h']) {
      for (const v of [0.001, 0.087, 0.1, 0.124, 1.5, 3.3333, 87.12, 123456.789, 2.42e-11, 1e-20]) {
        const c = dose(v, unit) as { value: number };
        expect(fromCanonical('ambient_dose_rate', c.value, unit), `${v} ${unit}`).toEqual({ value: v });
      }
    }
  });

  it('refuses air kerma (Gy) and exposure (R) with a reason: the H*(10)/Ka ratio is energy dependent', () => {
    // EURDEP lists NGY/H (monitoring.md §1.3) but the reference gives no conversion; physics.md Γ table:
    // H*(10)/Ka = 1.14 (Co-60) … 1.6 (Am-241).
    for (const unit of ['nGy/h', 'NGY/H', 'µGy/h', 'uGy/h', 'Gy/h', 'µR/h', 'mR/h']) {
      const r = dose(62, unit);
      expect(r, unit).toMatchObject({ error: 'unit_mismatch' });
      expect((r as { reason: string }).reason, unit).toMatch(/air.kerma/);
    }
  });

  it('refuses counts for a dose rate: the calibration factor is tube specific (Safecast 120.5–960 CPM per µSv/h)', () => {
    const r = dose(28, 'cpm');
    expect(r).toMatchObject({ error: 'unit_mismatch' });
    expect((r as { reason: string }).reason).toMatch(/calibration/);
  });

  it('refuses an uppercase M prefix (mega vs ALL-CAPS milli: a factor 10^9 apart)', () => {
    expect(dose(1, 'MSV/H')).toMatchObject({ error: 'unknown_unit', reason: expect.stringMatching(/mega/) });
    expect(dose(1, 'MSv/h')).toMatchObject({ error: 'unknown_unit' });
    expect(dose(1, 'Mrem/h')).toMatchObject({ error: 'unknown_unit' });
  });
});

describe('count rate', () => {
  it.each([
    ['cpm', 60, 1],
    ['CPM', 60, 1],
    ['counts/min', 120, 2],
    ['counts_per_minute', 30, 0.5], // sensor.community value_type (monitoring.md §7)
    ['cps', 2.5, 2.5],
    ['CPS', 2.5, 2.5],
  ])('%s: %d → %d cps', (unit, v, expected) => {
    expect(toCanonical('count_rate', v, unit)).toEqual({ value: expected });
  });

  it('28 cpm = 28/60 cps (correctly rounded); back to cpm within one ulp (28/60 has no finite decimal)', () => {
    expect(toCanonical('count_rate', 28, 'cpm')).toEqual({ value: 28 / 60 });
    expect((fromCanonical('count_rate', 28 / 60, 'cpm') as { value: number }).value).toBeCloseTo(28, 12);
    expect(fromCanonical('count_rate', 1, 'cpm')).toEqual({ value: 60 });
    expect(fromCanonical('count_rate', 0.5, 'cpm')).toEqual({ value: 30 });
  });

  it('refuses dose units for a count rate', () => {
    expect(toCanonical('count_rate', 1, 'µSv/h')).toMatchObject({ error: 'unit_mismatch' });
  });
});

describe('meteorology', () => {
  it.each([
    ['K', 273.15, 0],
    ['k', 300, 26.85], // float 300 − 273.15 would give 26.850000000000023
    ['kelvin', 0, -273.15],
    ['\u212a', 373.15, 100], // Kelvin sign
    ['°F', 212, 100],
    ['F', 32, 0],
    ['degF', -40, -40],
    ['°f', 98.6, 37],
    ['°C', 21.5, 21.5],
    ['℃', 21.5, 21.5],
    ['ºC', 21.5, 21.5],
    ['degC', -3, -3],
    ['C', -3, -3],
  ])('temperature %s: %d → %d °C', (unit, v, expected) => {
    expect(toCanonical('temperature', v, unit)).toEqual({ value: expected });
  });

  it('°C → K and °F for display', () => {
    expect(fromCanonical('temperature', 26.85, 'K')).toEqual({ value: 300 });
    expect(fromCanonical('temperature', 37, '°F')).toEqual({ value: 98.6 });
    expect(fromCanonical('temperature', -40, 'F')).toEqual({ value: -40 });
  });

  it.each([
    ['km/h', 36, 10],
    ['KM/H', 3.6, 1],
    ['kph', 90, 25],
    ['kn', 1, 1852 / 3600], // international knot = 1852 m/h
    ['KN', 3600, 1852],
    ['kt', 10, 18520 / 3600],
    ['mph', 1, 0.44704],
    ['m/s', 7.2, 7.2],
    ['m s-1', 7.2, 7.2],
  ])('wind speed %s: %d → %d m/s', (unit, v, expected) => {
    expect(toCanonical('wind_speed', v, unit)).toEqual({ value: expected });
  });

  it.each([
    ['in', 1, 25.4],
    ['in', 0.1, 2.54], // float 0.1 × 25.4 would give 2.5400000000000005
    ['IN', 2, 50.8],
    ['inches', 0.5, 12.7],
    ['cm', 1.2, 12],
    ['MM', 0.2, 0.2],
    ['kg/m²', 3, 3],
  ])('precipitation %s: %d → %d mm', (unit, v, expected) => {
    expect(toCanonical('precipitation', v, unit)).toEqual({ value: expected });
  });

  it('wind direction in degrees, and back: 1 m/s = 1.9438… kn', () => {
    expect(toCanonical('wind_direction', 270, '°')).toEqual({ value: 270 });
    expect(toCanonical('wind_direction', 270, 'deg')).toEqual({ value: 270 });
    expect(fromCanonical('wind_speed', 1852, 'kn')).toEqual({ value: 3600 });
    expect(fromCanonical('precipitation', 25.4, 'in')).toEqual({ value: 1 });
  });
});

describe('refusals', () => {
  it('unknown quantity, unknown unit, mismatched unit, non-finite values', () => {
    expect(toCanonical('radon', 1, 'Bq/m3')).toEqual({ error: 'unknown_quantity' });
    expect(toCanonical('ambient_dose_rate', 1, 'furlongs')).toEqual({ error: 'unknown_unit' });
    expect(toCanonical('ambient_dose_rate', 1, '')).toEqual({ error: 'unknown_unit' });
    expect(toCanonical('temperature', 1, 'mm')).toMatchObject({ error: 'unit_mismatch' });
    expect(toCanonical('precipitation', 1, 'mm/h')).toEqual({ error: 'unknown_unit' }); // intensity ≠ amount
    expect(toCanonical('ambient_dose_rate', NaN, 'nSv/h')).toEqual({ error: 'not_finite' });
    expect(toCanonical('ambient_dose_rate', Infinity, 'µSv/h')).toEqual({ error: 'not_finite' });
    expect(toCanonical('ambient_dose_rate', -Infinity, 'µSv/h')).toEqual({ error: 'not_finite' });
    expect(toCanonical('ambient_dose_rate', '87' as unknown as number, 'nSv/h')).toEqual({
      error: 'not_finite',
    });
    expect(toCanonical('ambient_dose_rate', 1e300, 'Sv/s')).toMatchObject({ error: 'not_finite' });
    expect(toCanonical('ambient_dose_rate', 1, null as unknown as string)).toEqual({ error: 'unknown_unit' });
  });

  it('keeps sign and zero', () => {
    expect(dose(-0.005, 'µSv/h')).toEqual({ value: -5 });
    expect(dose(0, 'µSv/h')).toEqual({ value: 0 });
    expect(dose(-0, 'µSv/h')).toEqual({ value: 0 });
  });
});
