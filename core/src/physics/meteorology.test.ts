import { describe, expect, it } from 'vitest';
import {
  insolationClass,
  solarAltitudeDeg,
  solarPosition,
  stabilityFromPasquill,
  stabilityFromTurner,
  windAtHeight,
  windProfileExponent,
} from './meteorology.js';

describe('solar position (NOAA solar calculator = Meeus, Astronomical Algorithms 2nd ed.)', () => {
  it('declination on 1992 Oct 13.0 is −7.78507° (Meeus Example 25.a)', () => {
    expect(solarPosition(Date.UTC(1992, 9, 13)).declinationDeg).toBeCloseTo(-7.78507, 3);
  });

  it('equation of time on 1992 Oct 13.0 is +13 min 42.6 s (Meeus Example 28.b)', () => {
    expect(solarPosition(new Date(Date.UTC(1992, 9, 13))).equationOfTimeMin).toBeCloseTo(13 + 42.6 / 60, 1);
  });

  it('NREL SPA example (Reda & Andreas 2004, NREL/TP-560-34302): 2003-10-17 12:30:30 MST at Golden, CO', () => {
    // Topocentric zenith 50.11162° includes ≈0.016° refraction at 820 mbar, 11 °C, so geometric altitude ≈ 39.872°.
    const alt = solarAltitudeDeg(Date.UTC(2003, 9, 17, 19, 30, 30), 39.742476, -105.1786);
    expect(Math.abs(alt - (90 - 50.11162 - 0.016))).toBeLessThan(0.05);
  });

  it('sun below the horizon at local midnight in Hưng Yên and near the zenith at midsummer noon', () => {
    // Hưng Yên ≈ 20.65 N, 106.05 E (UTC+7); declination at the June solstice ≈ +23.44° (Meeus ch. 25).
    expect(solarAltitudeDeg(Date.UTC(2024, 5, 20, 17, 0), 20.65, 106.05)).toBeLessThan(-40);
    expect(solarAltitudeDeg(Date.UTC(2024, 5, 21, 4, 57), 20.65, 106.05)).toBeGreaterThan(87);
  });

  it('rejects bad time and place with the field named', () => {
    expect(() => solarAltitudeDeg(new Date('nonsense'), 20, 106)).toThrow(/timeUtc/);
    expect(() => solarAltitudeDeg(0, 91, 106)).toThrow(/latDeg/);
    expect(() => solarAltitudeDeg(0, 20, 181)).toThrow(/lonDeg/);
  });
});

describe('Pasquill table (Turner 1970 Table 1; NOAA READY READYpgclass.php)', () => {
  it.each([
    [1.5, 'strong', 'A', 'A'],
    [1.5, 'moderate', 'A-B', 'B'],
    [2.5, 'strong', 'A-B', 'B'],
    [2.5, 'slight', 'C', 'C'],
    [4, 'moderate', 'B-C', 'C'],
    [5.5, 'moderate', 'C-D', 'D'],
    [7, 'strong', 'C', 'C'],
    [2, 'moderate', 'B', 'B'],
  ] as const)('day, %f m/s, %s insolation → cell %s, class %s', (u, ins, cell, cls) => {
    expect(stabilityFromPasquill({ windSpeedMS: u, daytime: true, insolation: ins })).toEqual({
      cell,
      stabilityClass: cls,
    });
  });

  it.each([
    [2.5, 0.5, 'E'],
    [2.5, 0.25, 'F'],
    [4, 0.75, 'D'],
    [4, 0.125, 'E'],
    [1, 0.2, 'F'],
    [1, 0.6, 'E'],
    [7, 0, 'D'],
    [1, 1, 'D'],
  ] as const)('night, %f m/s, cloud %f → %s (overcast → D)', (u, f, cls) => {
    expect(
      stabilityFromPasquill({ windSpeedMS: u, daytime: false, nightCloudFraction: f }).stabilityClass,
    ).toBe(cls);
  });

  it('rejects missing or hostile input with the field named', () => {
    expect(() => stabilityFromPasquill({ windSpeedMS: -1, daytime: true, insolation: 'strong' })).toThrow(
      /windSpeedMS/,
    );
    expect(() => stabilityFromPasquill({ windSpeedMS: NaN, daytime: true, insolation: 'strong' })).toThrow(
      RangeError,
    );
    expect(() => stabilityFromPasquill({ windSpeedMS: 3, daytime: true })).toThrow(/insolation/);
    expect(() => stabilityFromPasquill({ windSpeedMS: 3, daytime: false })).toThrow(/nightCloudFraction/);
    expect(() => stabilityFromPasquill({ windSpeedMS: 3, daytime: false, nightCloudFraction: 2 })).toThrow(
      RangeError,
    );
  });
});

describe("Turner's net-radiation-index method (Turner 1964; EPA-454/R-99-005 §6.4; physics.md §2.4(b))", () => {
  const HY = { lat: 20.65, lon: 106.05 };
  const noon = Date.UTC(2024, 5, 21, 5, 0); // ≈ solar noon in Hưng Yên, altitude ≈ 87°
  const morning = Date.UTC(2024, 0, 15, 1, 30); // 08:30 local in January, altitude ≈ 15–35°
  const night = Date.UTC(2024, 5, 21, 17, 0);

  it.each([
    [61, 4],
    [60, 3],
    [35.1, 3],
    [35, 2],
    [15.01, 2],
    [15, 1],
    [1, 1],
  ])('solar altitude %f° → insolation class %i (Step 1)', (alt, ic) => {
    expect(insolationClass(alt)).toBe(ic);
  });

  it('clear midsummer noon: IC 4, NRI 4; class A at 2 m/s (≈4 kt), B at 3.5 m/s (7 kt), C at 7 m/s (≥12 kt)', () => {
    const at = (u: number) =>
      stabilityFromTurner({ timeUtc: noon, ...HY, windSpeedMS: u, cloudCoverOktas: 1 });
    expect(at(2)).toMatchObject({
      insolationClass: 4,
      netRadiationIndex: 4,
      windKnots: 4,
      stabilityClass: 'A',
    });
    expect(at(3.5)).toMatchObject({ windKnots: 7, stabilityClass: 'B' });
    expect(at(7)).toMatchObject({ stabilityClass: 'C' });
  });

  it('day with > 5/10 cloud: −2 below 7000 ft, −1 at 7000–16000 ft, extra −1 for 10/10 above 7000 ft, floor 1', () => {
    const base = { timeUtc: noon, ...HY, windSpeedMS: 2 };
    expect(stabilityFromTurner({ ...base, cloudFraction: 0.8, ceilingM: 1000 }).netRadiationIndex).toBe(2);
    expect(stabilityFromTurner({ ...base, cloudFraction: 0.8, ceilingM: 3000 }).netRadiationIndex).toBe(3);
    expect(stabilityFromTurner({ ...base, cloudFraction: 0.8, ceilingM: 6000 }).netRadiationIndex).toBe(4);
    expect(stabilityFromTurner({ ...base, cloudFraction: 1, ceilingM: 3000 }).netRadiationIndex).toBe(2);
    // EPA applies the 10/10 reduction at every ceiling ≥ 7000 ft (the pitfall noted in physics.md §2.4(b)).
    expect(stabilityFromTurner({ ...base, cloudFraction: 1, ceilingM: 6000 }).netRadiationIndex).toBe(3);
    expect(stabilityFromTurner({ ...base, cloudFraction: 1 }).netRadiationIndex).toBe(3);
    const low = stabilityFromTurner({
      timeUtc: morning,
      ...HY,
      windSpeedMS: 2,
      cloudFraction: 0.8,
      ceilingM: 500,
    });
    expect(low.insolationClass).toBe(2);
    expect(low.netRadiationIndex).toBe(1);
  });

  it('10/10 cloud below 7000 ft gives NRI 0 and class D, day or night', () => {
    for (const t of [noon, night]) {
      const r = stabilityFromTurner({ timeUtc: t, ...HY, windSpeedMS: 1, cloudCoverOktas: 8, ceilingM: 600 });
      expect(r).toMatchObject({ netRadiationIndex: 0, stabilityClass: 'D' });
    }
  });

  it('night: NRI −2 for ≤ 4/10 cloud (G → F at 0–3 kt, E at 7 kt), −1 above (F at 1 kt, D at 7 kt)', () => {
    const at = (u: number, f: number) =>
      stabilityFromTurner({ timeUtc: night, ...HY, windSpeedMS: u, cloudFraction: f });
    expect(at(1, 0.2)).toMatchObject({
      insolationClass: null,
      netRadiationIndex: -2,
      turnerClass: 'G',
      stabilityClass: 'F',
    });
    expect(at(3.6, 0.4)).toMatchObject({ windKnots: 7, stabilityClass: 'E' });
    expect(at(0.5, 0.7)).toMatchObject({ netRadiationIndex: -1, stabilityClass: 'F' });
    expect(at(3.6, 0.7).stabilityClass).toBe('D');
    expect(at(7, 0).stabilityClass).toBe('D');
  });

  it('rejects missing cloud and hostile input with the field named', () => {
    const base = { timeUtc: noon, ...HY, windSpeedMS: 2 };
    expect(() => stabilityFromTurner(base)).toThrow(/cloud/);
    expect(() => stabilityFromTurner({ ...base, cloudCoverOktas: 9 })).toThrow(/cloudCoverOktas/);
    expect(() => stabilityFromTurner({ ...base, cloudFraction: 0.1, ceilingM: -1 })).toThrow(/ceilingM/);
    expect(() => stabilityFromTurner({ ...base, windSpeedMS: -3, cloudFraction: 0 })).toThrow(/windSpeedMS/);
    expect(() => stabilityFromTurner({ ...base, lat: 100, cloudFraction: 0 })).toThrow(/latDeg/);
  });
});

describe('wind profile power law (EPA ISC3 / Irwin 1979 exponents; physics.md §2.6)', () => {
  // aefarrell/GasDispersion.jl test/utils/isc3_tests.jl: u0 = 3 m/s at 1 m, to 10 m.
  it.each([
    ['A', 'rural', 3.5246926648185886],
    ['C', 'rural', 3.776776235382502],
    ['D', 'rural', 4.237612633868263],
    ['E', 'rural', 6.716163415705019],
    ['F', 'rural', 10.644401677007265],
    ['B', 'urban', 4.237612633868263],
    ['C', 'urban', 4.754679577383341],
    ['D', 'urban', 5.334838230116768],
    ['F', 'urban', 5.985786944906638],
  ] as const)('class %s %s: 3 m/s at 1 m → %f m/s at 10 m (GasDispersion.jl)', (c, terrain, want) => {
    expect(windAtHeight(3, 10, c, terrain, 1)).toBeCloseTo(want, 9);
  });

  it('really-simple-dispersion rsdm_test.js testCalcUz: D rural 3.5 m/s 10→100 m = 4.94388; A urban 10 m/s 45→50 m = 10.15930', () => {
    expect(windAtHeight(3.5, 100, 'D', 'rural')).toBeCloseTo(4.94388140618, 8);
    expect(windAtHeight(10, 50, 'A', 'urban', 45)).toBeCloseTo(10.159296222811, 8);
  });

  it('does not extrapolate below 10 m (Turner: use the 10 m wind for low releases)', () => {
    expect(windAtHeight(4, 2, 'F', 'rural')).toBe(4);
    expect(windProfileExponent('F', 'rural')).toBe(0.55);
  });

  it('rejects bad input with the field named', () => {
    expect(() => windAtHeight(-1, 50, 'D', 'rural')).toThrow(/u10/);
    expect(() => windAtHeight(3, 0, 'D', 'rural')).toThrow(/\bz\b/);
    expect(() => windAtHeight(3, 50, 'X' as never, 'rural')).toThrow(/stability/);
    expect(() => windAtHeight(3, 50, 'D', 'suburban' as never)).toThrow(/terrain/);
    expect(() => windAtHeight(3, 50, 'D', 'rural', 0)).toThrow(/zRef/);
  });
});
