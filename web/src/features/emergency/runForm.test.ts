import { describe, expect, it } from 'vitest';
import { stabilityFromTurner } from '@sievert/core';
import { differs, parseCompareIds, unionKeys } from './runCompare';
import { durationParts, formatActivity, formatDose } from './runFormat';
import { initialRunForm, runInput, type RunFormState } from './runView';
import { ageParts, isStale, provinceLocalTime, provinceTimeToEpoch, turnerStability } from './runWeather';

const number = (value: number, digits = 0) => String(Number(value.toFixed(digits)));
/** Near the middle of Hưng Yên. */
const POINT = { lat: 20.8, lon: 106.05 };

describe('the province time of the Turner fields', () => {
  it('reads the wall clock as Vietnam time (UTC+7) whatever the browser zone', () => {
    expect(provinceTimeToEpoch('2026-06-21T12:00')).toBe(Date.UTC(2026, 5, 21, 5, 0));
    expect(provinceTimeToEpoch('2026-01-01T03:30')).toBe(Date.UTC(2025, 11, 31, 20, 30));
    expect(provinceTimeToEpoch('21/06/2026 12:00')).toBeNull();
    expect(provinceTimeToEpoch('')).toBeNull();
  });

  it('writes an instant as the province wall clock, and back', () => {
    const at = Date.UTC(2026, 10, 28, 17, 5);
    expect(provinceLocalTime(at)).toBe('2026-11-29T00:05');
    expect(provinceTimeToEpoch(provinceLocalTime(at))).toBe(at);
  });
});

describe("Turner's class for the form", () => {
  const noon = { at: '2026-06-21T12:00', cloudOktas: 2, ceilingM: null };

  it("is core's stabilityFromTurner at the UTC instant of the province time", () => {
    const outcome = turnerStability(noon, POINT, 2);
    const direct = stabilityFromTurner({
      timeUtc: Date.UTC(2026, 5, 21, 5, 0),
      lat: POINT.lat,
      lon: POINT.lon,
      windSpeedMS: 2,
      cloudCoverOktas: 2,
      ceilingM: null,
    });
    expect(outcome).toEqual({ ok: true, result: direct });
    // Midsummer noon at 20.8° N: the sun is near the zenith, strong insolation.
    expect(outcome.ok && outcome.result.insolationClass).toBe(4);
  });

  it('shifts the time for a later wind change', () => {
    const night = turnerStability(noon, POINT, 2, 12 * 3600);
    expect(night.ok && night.result.insolationClass).toBeNull();
  });

  it('names the missing field instead of guessing', () => {
    expect(turnerStability(noon, null, 2)).toEqual({ ok: false, field: 'point' });
    expect(turnerStability({ ...noon, at: '' }, POINT, 2)).toEqual({ ok: false, field: 'turnerTime' });
    expect(turnerStability({ ...noon, cloudOktas: 9 }, POINT, 2)).toEqual({ ok: false, field: 'cloudOktas' });
    expect(turnerStability({ ...noon, cloudOktas: null }, POINT, 2)).toEqual({
      ok: false,
      field: 'cloudOktas',
    });
    expect(turnerStability(noon, POINT, null)).toEqual({ ok: false, field: 'windSpeedMS' });
  });
});

describe('station readings', () => {
  it('are stale after an hour or when their time is unknown', () => {
    expect(isStale(3600)).toBe(false);
    expect(isStale(3601)).toBe(true);
    expect(isStale(null)).toBe(true);
  });

  it('tell their age in the largest whole unit', () => {
    expect(ageParts(90)).toEqual({ unit: 'min', count: 2 });
    expect(ageParts(5400)).toEqual({ unit: 'h', count: 2 });
    expect(ageParts(3 * 86_400)).toEqual({ unit: 'd', count: 3 });
  });
});

describe('the run input of the form', () => {
  const form = (patch: Partial<RunFormState> = {}): RunFormState => ({
    ...initialRunForm(Date.UTC(2026, 5, 21, 5, 0)),
    ...patch,
  });

  it('keeps the steady plume input as before when nothing new is given', () => {
    const built = runInput(form(), POINT);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.input.weather).toEqual({
      windSpeedMS: 2,
      windFromDeg: 45,
      stability: 'E',
      mixingHeightM: 500,
    });
    expect(built.input.release).not.toHaveProperty('fire');
    expect(built.input).not.toHaveProperty('ageGroup');
  });

  it("uses Turner's class in the automatic mode", () => {
    const f = form({
      stabilityMode: 'turner',
      turner: { at: '2026-06-21T12:00', cloudOktas: 0, ceilingM: null },
    });
    const built = runInput(f, POINT);
    const expected = turnerStability(f.turner, POINT, f.windSpeedMS);
    expect(built.ok && expected.ok && built.input.weather.stability).toBe(
      expected.ok ? expected.result.stabilityClass : null,
    );
  });

  it('passes the fire, the rain, the age group and the hourly changes in seconds', () => {
    const built = runInput(
      form({
        fireMW: 20,
        rainMmH: 5,
        ageGroup: '1y',
        changes: [
          { afterH: 1, windSpeedMS: 3, windFromDeg: 90, stability: 'D' },
          { afterH: 2.5, windSpeedMS: 4, windFromDeg: 120, stability: null },
        ],
      }),
      POINT,
    );
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.input.release.fire).toEqual({ heatReleaseMW: 20 });
    expect(built.input.weather.rainMmH).toBe(5);
    expect(built.input.ageGroup).toBe('1y');
    expect(built.input.weather.changes).toEqual([
      { afterS: 3600, windSpeedMS: 3, windFromDeg: 90, stability: 'D' },
      { afterS: 9000, windSpeedMS: 4, windFromDeg: 120 },
    ]);
  });

  it('refuses changes out of order, too late or without wind', () => {
    const change = { afterH: 2, windSpeedMS: 3, windFromDeg: 90, stability: null };
    expect(runInput(form({ changes: [change, { ...change, afterH: 1 }] }), POINT)).toEqual({
      ok: false,
      field: 'changeAfter',
    });
    expect(runInput(form({ changes: [{ ...change, afterH: 49 }] }), POINT)).toEqual({
      ok: false,
      field: 'changeAfter',
    });
    expect(runInput(form({ changes: [{ ...change, windSpeedMS: null }] }), POINT)).toEqual({
      ok: false,
      field: 'changeWindSpeed',
    });
    expect(runInput(form({ fireMW: 0 }), POINT)).toEqual({ ok: false, field: 'fireMW' });
  });
});

describe('the comparison', () => {
  it('reads 2–3 distinct ids from the address', () => {
    expect(parseCompareIds('3,1,3,x,-2,0,7,9')).toEqual([3, 1, 7]);
    expect(parseCompareIds(null)).toEqual([]);
  });

  it('marks a row that differs, a missing value included', () => {
    expect(differs(['a', 'a'])).toBe(false);
    expect(differs(['a', 'b'])).toBe(true);
    expect(differs(['a', null])).toBe(true);
  });

  it('lists the zones any run has, in the order met', () => {
    expect(unionKeys([[{ c: 'X' }], [{ c: 'Y' }, { c: 'X' }]], (z) => z.c)).toEqual(['X', 'Y']);
  });
});

describe('numbers of a run', () => {
  it('write doses in the unit that keeps them at 1 or more', () => {
    expect(formatDose(0.0032, number)).toBe('3.2 mSv');
    expect(formatDose(8.7e-4, number)).toBe('870 µSv');
    expect(formatDose(2.5, number)).toBe('2.5 Sv');
    expect(formatDose(0, number)).toBe('0 mSv');
  });

  it('write activities in Bq multiples', () => {
    expect(formatActivity(3.7e14, number)).toBe('370 TBq');
    expect(formatActivity(500, number)).toBe('500 Bq');
  });

  it('name the arrival times as the isochrones do', () => {
    expect(durationParts(900)).toEqual({ unit: 'min', count: 15 });
    expect(durationParts(7200)).toEqual({ unit: 'h', count: 2 });
    expect(durationParts(5400)).toEqual({ unit: 'h', count: 1.5 });
  });
});
