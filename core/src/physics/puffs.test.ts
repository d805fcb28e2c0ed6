import { describe, expect, it } from 'vitest';
import { wetScavengingRate } from '../reference/deposition.js';
import { dryDepletionFactor, groundIntegral, SIGMA_FLOOR_M } from './depletion.js';
import { decayFactor, plumeConcentration } from './plume.js';
import { puffTrain, type PuffTrainInput, type PuffWeatherPeriod } from './puffs.js';
import { sigmaY, sigmaZ } from './sigma.js';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);
const N = 161;
const STEP = 250;
const AXIS = Float64Array.from({ length: N }, (_, i) => -20_000 + i * STEP);
const cell = (east: number, north: number) =>
  Math.round((north + 20_000) / STEP) * N + Math.round((east + 20_000) / STEP);

function train(periods: PuffWeatherPeriod[], extra: Partial<PuffTrainInput> = {}) {
  return puffTrain({
    periods,
    durationS: 3600,
    species: [{ halfLifeS: Infinity, depositionVelocityMS: 0, wetRatesPerS: periods.map(() => 0) }],
    sigma: 'pg-isc3',
    xs: AXIS,
    ys: AXIS,
    receptorHeightM: 1.5,
    ...extra,
  });
}

/** The steady plume's TIC per unit activity released (s/m³) on the axis at x, σ of the same set and class. */
function plume(x: number, stability: 'D' | 'F' | 'B', h: number, u: number): number {
  return plumeConcentration({
    q: 1,
    u,
    h,
    y: 0,
    z: 1.5,
    sigmaY: sigmaY('pg-isc3', stability, x),
    sigmaZ: sigmaZ('pg-isc3', stability, x),
  });
}

describe('puff train (physics.md §2.3)', () => {
  // physics.md §2.3: integrating a puff over time at a fixed receptor gives the plume formula with Q → Q_p, and a
  // train of puffs released every Δt with Q·Δt (RIMPUFF, ATSTEP, RASCAL, CALPUFF) converges to the steady plume
  // in steady weather. The puffs here take the plume's σ at the distance travelled (CALPUFF's PG option).
  it('in a steady wind, its TIC on the axis is the steady plume within 3 % from 1 to 10 km', () => {
    for (const [stability, h] of [
      ['D', 10],
      ['F', 10],
      ['B', 0],
      ['D', 50],
    ] as const) {
      const r = train([{ startS: 0, speedMS: 3, towardDeg: 90, stability, releaseHeightM: h }]);
      expect(r.puffs).toBeGreaterThan(10);
      for (const x of [1000, 2000, 5000, 10_000]) {
        const got = r.tic[0]![cell(x, 0)]!;
        expect(rel(got, plume(x, stability, h, 3)), `${stability} h=${h} x=${x}`).toBeLessThan(0.03);
      }
    }
  });

  it('off the axis too: at 10 km the crosswind profile is the plume’s Gaussian', () => {
    const r = train([{ startS: 0, speedMS: 4, towardDeg: 0, stability: 'D', releaseHeightM: 10 }]);
    const sy = sigmaY('pg-isc3', 'D', 10_000);
    for (const y of [250, 500, 1000]) {
      const expected = plume(10_000, 'D', 10, 4) * Math.exp((-0.5 * y * y) / (sy * sy));
      expect(rel(r.tic[0]![cell(-y, 10_000)]!, expected)).toBeLessThan(0.03);
    }
  });

  it('depletes like the plume: decay, dry deposition (source depletion) and wet scavenging along the way', () => {
    const u = 2;
    const lambda = wetScavengingRate('I-131', 2).value;
    const halfLifeS = 8.0252 * 86_400;
    const r = puffTrain({
      periods: [{ startS: 0, speedMS: u, towardDeg: 90, stability: 'D', releaseHeightM: 0 }],
      durationS: 1800,
      species: [{ halfLifeS, depositionVelocityMS: 0.006, wetRatesPerS: [lambda] }],
      sigma: 'pg-isc3',
      xs: AXIS,
      ys: AXIS,
      receptorHeightM: 1.5,
    });
    for (const x of [1000, 3000, 8000]) {
      const ground = groundIntegral(
        { h: 0, sigmaZ: (d) => sigmaZ('pg-isc3', 'D', Math.max(d, SIGMA_FLOOR_M)) },
        0,
        x,
      );
      const left =
        decayFactor(halfLifeS, x / u) * dryDepletionFactor(0.006, u, ground) * Math.exp((-lambda * x) / u);
      expect(left).toBeLessThan(0.8);
      expect(rel(r.tic[0]![cell(x, 0)]!, plume(x, 'D', 0, u) * left), `x=${x}`).toBeLessThan(0.03);
    }
  });

  it('wet deposition adds up to the activity rain removed, Q0·(1 − exp(−Λ·X/u))', () => {
    // A fine grid (5 m cells over ±2 km) so that the sum over cells is the integral even near the source.
    const fine = Float64Array.from({ length: 801 }, (_, i) => -2000 + i * 5);
    const lambda = wetScavengingRate('Cs-137', 30).value; // convective rain: removal length u/Λ ≈ 400 m
    const u = 2;
    const r = puffTrain({
      periods: [{ startS: 0, speedMS: u, towardDeg: 90, stability: 'D', releaseHeightM: 10 }],
      durationS: 60,
      species: [{ halfLifeS: Infinity, depositionVelocityMS: 0, wetRatesPerS: [lambda] }],
      sigma: 'pg-isc3',
      xs: fine,
      ys: fine,
      receptorHeightM: 1.5,
    });
    const deposited = r.wet[0]!.reduce((s, w) => s + w, 0) * 25;
    expect(rel(deposited, 1 - Math.exp((-lambda * 2000) / u))).toBeLessThan(0.02);
  });

  it('a wind turn moves the plume: an hour from the north, then from the west → south and then east', () => {
    const r = puffTrain({
      periods: [
        { startS: 0, speedMS: 3, towardDeg: 180, stability: 'D', releaseHeightM: 10 },
        { startS: 3600, speedMS: 3, towardDeg: 90, stability: 'D', releaseHeightM: 10 },
      ],
      durationS: 2 * 3600,
      species: [{ halfLifeS: Infinity, depositionVelocityMS: 0, wetRatesPerS: [0, 0] }],
      sigma: 'pg-isc3',
      xs: AXIS,
      ys: AXIS,
      receptorHeightM: 1.5,
    });
    const tic = r.tic[0]!;
    const south = tic[cell(0, -5000)]!;
    const east = tic[cell(5000, 0)]!;
    // Puffs released in the first 1933 s reach 5 km south before the turn: 27 % of the release.
    expect(south).toBeGreaterThan(0.2 * plume(5000, 'D', 10, 3));
    // Puffs released in the second hour go straight east: half of the release.
    expect(east).toBeGreaterThan(0.4 * plume(5000, 'D', 10, 3));
    // Nothing goes north or west.
    expect(tic[cell(0, 5000)]!).toBeLessThan(1e-6 * south);
    expect(tic[cell(-5000, 0)]!).toBeLessThan(1e-6 * south);
    // The puffs of the first hour, turned, pass south-east of the release.
    expect(tic[cell(5000, -5000)]!).toBeGreaterThan(0.01 * east);
    // Arrival: the south is reached within the first hour, the east only after the turn.
    expect(r.arrivalS[cell(0, -5000)]!).toBeLessThan(3600);
    expect(r.arrivalS[cell(5000, 0)]!).toBeGreaterThan(3600);
  });

  it('a weather change that changes nothing leaves the result unchanged (within 2 %)', () => {
    const steady = train([{ startS: 0, speedMS: 3, towardDeg: 200, stability: 'D', releaseHeightM: 10 }]);
    const split = train([
      { startS: 0, speedMS: 3, towardDeg: 200, stability: 'D', releaseHeightM: 10 },
      { startS: 1800, speedMS: 3, towardDeg: 200, stability: 'D', releaseHeightM: 10 },
      { startS: 5400, speedMS: 3, towardDeg: 200, stability: 'D', releaseHeightM: 10 },
    ]);
    const bearing = (200 * Math.PI) / 180;
    for (const d of [1000, 4000, 12_000]) {
      const c = cell(
        Math.round((d * Math.sin(bearing)) / STEP) * STEP,
        Math.round((d * Math.cos(bearing)) / STEP) * STEP,
      );
      expect(rel(split.tic[0]![c]!, steady.tic[0]![c]!), `d=${d}`).toBeLessThan(0.02);
    }
  });

  it('a stability change carries σ over (virtual distance): D → F keeps the plume, unlike a restart in F', () => {
    const periods: PuffWeatherPeriod[] = [
      { startS: 0, speedMS: 3, towardDeg: 90, stability: 'D', releaseHeightM: 10 },
      { startS: 1800, speedMS: 3, towardDeg: 90, stability: 'F', releaseHeightM: 10 },
    ];
    const r = puffTrain({
      periods,
      durationS: 60,
      species: [{ halfLifeS: Infinity, depositionVelocityMS: 0, wetRatesPerS: [0, 0] }],
      sigma: 'pg-isc3',
      xs: AXIS,
      ys: AXIS,
      receptorHeightM: 1.5,
    });
    // One puff, released at 30 s, is 5.31 km out at the change. With the virtual distance its σy at 8 km is at
    // least the class-D σy it had then, well above what a puff restarted in class F would have at 8 km.
    const at = (y: number) => r.tic[0]![cell(8000, y)]!;
    const sigmaSeen = Math.sqrt((-0.5 * 500 * 500) / Math.log(at(500) / at(0)));
    expect(sigmaSeen).toBeGreaterThan(0.95 * sigmaY('pg-isc3', 'D', 5310));
    expect(sigmaSeen).toBeGreaterThan(1.4 * sigmaY('pg-isc3', 'F', 8000));
  });

  it('arrival on the axis is the travel time x/u of the first puff', () => {
    const r = train([{ startS: 0, speedMS: 2, towardDeg: 0, stability: 'D', releaseHeightM: 10 }]);
    for (const x of [1000, 6000, 15_000]) {
      const t = r.arrivalS[cell(0, x)]!;
      expect(t).toBeGreaterThanOrEqual(x / 2);
      expect(t).toBeLessThanOrEqual(x / 2 + r.releaseIntervalS);
    }
    expect(r.arrivalS[cell(0, -5000)]).toBe(Infinity);
  });

  it('refuses periods out of order and a zero wind', () => {
    const p = { startS: 0, speedMS: 3, towardDeg: 0, stability: 'D' as const, releaseHeightM: 0 };
    expect(() => train([p, { ...p, startS: 0 }])).toThrow(RangeError);
    expect(() => train([{ ...p, speedMS: 0 }])).toThrow(RangeError);
  });
});
