import { describe, expect, it } from 'vitest';
import { groundIntegral } from '../physics/depletion.js';
import { decayFactor, plumeConcentration, puffConcentration } from '../physics/plume.js';
import { sigmaY, sigmaZ } from '../physics/sigma.js';
import { depositionVelocity } from '../reference/deposition.js';
import { findNuclide } from '../reference/nuclides.js';
import type { ExerciseScenario } from '../schemas/exercise.js';
import {
  exerciseDoseRateIncrement,
  exerciseExtraDose,
  exerciseIncrements,
  prepareExercise,
  type ExerciseStation,
} from './exercise.js';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);
/** Equal to rounding: both zero, or within 1e-12 of each other. */
const same = (a: number, b: number): boolean => a === b || rel(a, b) < 1e-12;

/** Composite Simpson rule on [a, b] with n (even) intervals. */
function simpson(f: (t: number) => number, a: number, b: number, n = 4000): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

const LAT = 10.95;
const LON = 106.82;
const M_PER_DEG = 111_320;
const START_MS = Date.parse('2026-03-10T02:00:00Z');
const HOUR = 3600;
const DAY = 86_400;
/** Wind from the north at 3 m/s, ground-level release: the transport wind is the 10 m wind (windAtHeight). */
const U = 3;

/** A station `southM` metres downwind (the wind blows south) and `eastM` metres across the wind. */
function downwind(southM: number, eastM = 0): ExerciseStation {
  return {
    lat: LAT - southM / M_PER_DEG,
    lon: LON + eastM / (M_PER_DEG * Math.cos((LAT * Math.PI) / 180)),
  };
}

function scenario(over: {
  nuclides?: ExerciseScenario['release']['nuclides'];
  durationS?: number;
  rainMmH?: number;
  fire?: { heatReleaseMW: number };
  heightM?: number;
}): ExerciseScenario {
  return {
    release: {
      lat: LAT,
      lon: LON,
      heightM: over.heightM ?? 0,
      startAt: new Date(START_MS).toISOString(),
      durationS: over.durationS ?? HOUR,
      nuclides: over.nuclides ?? [{ nuclide: 'Cs-137', activityBq: 1e12 }],
      ...(over.fire ? { fire: over.fire } : {}),
    },
    weather: {
      windSpeedMS: U,
      windFromDeg: 0,
      stability: 'D',
      ...(over.rainMmH !== undefined ? { rainMmH: over.rainMmH } : {}),
    },
  };
}

const at = (seconds: number) => new Date(START_MS + seconds * 1000);

/**
 * The steady air concentration (Bq/m³) 1 m above ground at (x, y) for a ground release at `rateBqPerS`, built
 * independently from the emergency physics: Gaussian plume with ground reflection (physics.md §2.1), ISC3 σ class D,
 * dry-deposition source depletion (physics.md §2.8) and decay in transit (§2.10).
 */
function steadyAir(nuclide: string, rateBqPerS: number, x: number, y = 0): number {
  const vd = depositionVelocity(nuclide).value;
  const halfLife = findNuclide(nuclide)!.halfLifeSeconds;
  const depletion = Math.exp(
    (-vd * groundIntegral({ h: 0, sigmaZ: (s) => sigmaZ('pg-isc3', 'D', s) }, 0, x)) / U,
  );
  const c = plumeConcentration({
    q: rateBqPerS,
    u: U,
    h: 0,
    y,
    z: 1,
    sigmaY: sigmaY('pg-isc3', 'D', x),
    sigmaZ: sigmaZ('pg-isc3', 'D', x),
  });
  return c * depletion * decayFactor(halfLife, x / U);
}

/**
 * FGR 15 (EPA-402/R19/002, 2019) reference-person air submersion and ground-surface coefficients for Cs-137 with
 * 0.944 Ba-137m, as tabulated in shared/reference/physics.md §4.4: 2.550e-14 Sv·m³/(Bq·s) and 3.760e-16 Sv·m²/(Bq·s).
 */
const CS137_SUBMERSION = 2.55e-14;
const CS137_GROUND = 3.76e-16;
const NSV_PER_H = 3600 * 1e9;

describe('exercise dose-rate increment — when and where', () => {
  const s = scenario({});

  it('is zero upwind, before the release starts and before the plume arrives', () => {
    const upwind = { lat: LAT + 3000 / M_PER_DEG, lon: LON };
    for (const t of [-60, 10, HOUR, DAY]) expect(exerciseDoseRateIncrement(s, upwind, at(t)).nSvPerH).toBe(0);
    const far = downwind(10_000); // arrival after 10 000 m / 3 m/s ≈ 56 min
    expect(exerciseDoseRateIncrement(s, far, at(-60))).toEqual({ nSvPerH: 0, cloudshine: 0, groundshine: 0 });
    expect(exerciseDoseRateIncrement(s, far, at(0.5 * (10_000 / U))).nSvPerH).toBe(0);
    const during = exerciseDoseRateIncrement(s, far, at(10_000 / U + HOUR / 2));
    expect(during.cloudshine).toBeGreaterThan(0);
    expect(during.groundshine).toBeGreaterThan(0);
    expect(during.nSvPerH).toBeCloseTo(during.cloudshine + during.groundshine, 12);
  });

  it('is proportional to the activity released', () => {
    const station = downwind(3000);
    for (const t of [3000 / U + 600, 3000 / U + 2 * HOUR]) {
      const one = exerciseDoseRateIncrement(s, station, at(t));
      const two = exerciseDoseRateIncrement(
        scenario({ nuclides: [{ nuclide: 'Cs-137', activityBq: 2e12 }] }),
        station,
        at(t),
      );
      expect(same(two.cloudshine, 2 * one.cloudshine)).toBe(true);
      expect(same(two.groundshine, 2 * one.groundshine)).toBe(true);
      expect(two.groundshine).toBeGreaterThan(0);
    }
  });

  it('gives more on the plume axis than off it, by the crosswind Gaussian exp(−y²/2σy²) (physics.md §2.1)', () => {
    const t = at(3000 / U + HOUR / 2);
    const onAxis = exerciseDoseRateIncrement(s, downwind(3000), t);
    const offAxis = exerciseDoseRateIncrement(s, downwind(3000, 300), t);
    expect(onAxis.nSvPerH).toBeGreaterThan(offAxis.nSvPerH);
    const sy = sigmaY('pg-isc3', 'D', 3000);
    expect(rel(offAxis.cloudshine / onAxis.cloudshine, Math.exp(-(300 * 300) / (2 * sy * sy)))).toBeLessThan(
      1e-6,
    );
  });
});

describe('exercise dose-rate increment — cloudshine', () => {
  it('is the FGR 15 submersion coefficient of Cs-137 + 0.944 Ba-137m times the air concentration', () => {
    const s = scenario({ durationS: 6 * HOUR });
    const x = 3000;
    const mid = exerciseDoseRateIncrement(s, downwind(x), at(x / U + 3 * HOUR));
    const air = steadyAir('Cs-137', 1e12 / (6 * HOUR), x);
    expect(rel(mid.cloudshine, air * CS137_SUBMERSION * NSV_PER_H)).toBeLessThan(1e-4);
  });

  it('agrees within a factor 2 with the semi-infinite cloud formula for Cs-137/Ba-137m', () => {
    // Semi-infinite cloud (Slade 1968, Meteorology and Atomic Energy §7; general knowledge): air kerma rate
    // K = ½·C·Σ E_γ·I_γ/ρ_air. Cs-137: 661.657 keV at 85.1 % per decay (ENSDF, general knowledge, not in the
    // reference data); ρ_air = 1.293 kg/m³ (0 °C, 101.325 kPa); 1 MeV = 1.602176634e-13 J (SI). FGR 15 gives effective
    // dose, about 0.76 of the air kerma in a semi-infinite cloud (physics.md §4.4, Co-60, TC-12).
    const s = scenario({ durationS: 6 * HOUR });
    const x = 3000;
    const air = steadyAir('Cs-137', 1e12 / (6 * HOUR), x);
    const kermaGyPerS = (0.5 * air * 0.661657 * 0.851 * 1.602176634e-13) / 1.293;
    const cloud = exerciseDoseRateIncrement(s, downwind(x), at(x / U + 3 * HOUR)).cloudshine / NSV_PER_H;
    const ratio = cloud / kermaGyPerS;
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(1);
  });

  it('integrates over time to the steady plume times the duration (physics.md §2.3 identity)', () => {
    const durationS = 600;
    const s = scenario({ durationS });
    const model = prepareExercise(s);
    const x = 3000;
    const site = model.site(downwind(x));
    const end = x / U + durationS + 20 * (sigmaY('pg-isc3', 'D', x) / U);
    const integral = simpson((t) => model.rateAt(site, at(t)).cloudshine, 0, end);
    const expected = steadyAir('Cs-137', 1e12 / durationS, x) * CS137_SUBMERSION * NSV_PER_H * durationS;
    expect(rel(integral, expected)).toBeLessThan(1e-4);
  });

  it('tends to the Gaussian puff with σx = σy for a short release (physics.md §2.3)', () => {
    const s = scenario({ durationS: 1 });
    const x = 3000;
    const sy = sigmaY('pg-isc3', 'D', x);
    const sz = sigmaZ('pg-isc3', 'D', x);
    const left =
      steadyAir('Cs-137', 1, x) /
      plumeConcentration({ q: 1, u: U, h: 0, y: 0, z: 1, sigmaY: sy, sigmaZ: sz });
    for (const lag of [0, sy / U]) {
      const t = x / U + 0.5 + lag;
      const puff = puffConcentration({
        qTotal: 1e12 * left,
        xCentre: U * (t - 0.5),
        yCentre: 0,
        h: 0,
        x,
        y: 0,
        z: 1,
        sigmaX: sy,
        sigmaY: sy,
        sigmaZ: sz,
      });
      const cloud = exerciseDoseRateIncrement(s, downwind(x), at(t)).cloudshine;
      expect(rel(cloud, puff * CS137_SUBMERSION * NSV_PER_H)).toBeLessThan(1e-3);
    }
  });
});

describe('exercise dose-rate increment — groundshine', () => {
  it('stays after the plume has passed: v_d·TIC × FGR 15 ground coefficient (1.35 µSv/h per MBq/m² of Cs-137)', () => {
    const s = scenario({});
    const x = 3000;
    const after = exerciseDoseRateIncrement(s, downwind(x), at(x / U + HOUR + 2 * HOUR));
    expect(after.cloudshine).toBe(0);
    // Deposit = v_d (SNAP, deposition.json: 0.001 m/s) × air concentration × duration (physics.md §2.8); decay of
    // Cs-137 (30.08 y, ENSDF via nuclides.json) within hours is below 1e-5.
    const depositBqPerM2 = depositionVelocity('Cs-137').value * steadyAir('Cs-137', 1e12 / HOUR, x) * HOUR;
    expect(rel(after.groundshine, depositBqPerM2 * CS137_GROUND * NSV_PER_H)).toBeLessThan(1e-4);
    // physics.md §4.4 sanity check: 1 MBq/m² of Cs-137 gives 1.35 µSv/h at 1 m.
    expect((after.groundshine / depositBqPerM2) * 1e6).toBeCloseTo(1354, 0);
    // While the plume passes the deposit grows.
    const early = exerciseDoseRateIncrement(s, downwind(x), at(x / U + HOUR / 4)).groundshine;
    const late = exerciseDoseRateIncrement(s, downwind(x), at(x / U + (3 * HOUR) / 4)).groundshine;
    expect(early).toBeGreaterThan(0);
    expect(late).toBeGreaterThan(early);
  });

  it('decays with the half-life: I-131 halves in 8.0252 d (ENSDF, core reference nuclides.json)', () => {
    const halfLife = findNuclide('I-131')!.halfLifeSeconds;
    expect(halfLife / DAY).toBeCloseTo(8.0252, 4);
    const s = scenario({ nuclides: [{ nuclide: 'I-131', activityBq: 1e13 }] });
    const station = downwind(2000);
    const passed = 2000 / U + HOUR + HOUR;
    const first = exerciseDoseRateIncrement(s, station, at(passed));
    const later = exerciseDoseRateIncrement(s, station, at(passed + halfLife));
    const twice = exerciseDoseRateIncrement(s, station, at(passed + 2 * halfLife));
    expect(first.cloudshine).toBe(0);
    expect(rel(later.groundshine, first.groundshine / 2)).toBeLessThan(1e-9);
    expect(rel(twice.groundshine, first.groundshine / 4)).toBeLessThan(1e-9);
    // Decay while the deposit was laid down: ∫0^T e^{−λ(T−s)} ds / T over the hour of passage.
    const lambda = Math.LN2 / halfLife;
    const laid = -Math.expm1(-lambda * HOUR) / (lambda * HOUR);
    const deposit =
      depositionVelocity('I-131').value *
      steadyAir('I-131', 1e13 / HOUR, 2000) *
      HOUR *
      laid *
      Math.exp(-lambda * HOUR);
    // FGR 15 ground surface, I-131: 2.44e-16 Sv·m²/(Bq·s) (physics.md §4.4).
    expect(rel(first.groundshine, deposit * 2.44e-16 * NSV_PER_H)).toBeLessThan(1e-4);
  });

  it('rain adds wet deposition and washes the plume out on its way', () => {
    const dry = scenario({});
    const wet = scenario({ rainMmH: 5 });
    const station = downwind(5000);
    const passed = at(5000 / U + 2 * HOUR);
    const during = at(5000 / U + HOUR / 2);
    expect(exerciseDoseRateIncrement(wet, station, passed).groundshine).toBeGreaterThan(
      2 * exerciseDoseRateIncrement(dry, station, passed).groundshine,
    );
    expect(exerciseDoseRateIncrement(wet, station, during).cloudshine).toBeLessThan(
      exerciseDoseRateIncrement(dry, station, during).cloudshine,
    );
  });
});

describe('exercise model', () => {
  it('lifts a fire plume (Briggs final rise): less at ground level near the source', () => {
    const fire = prepareExercise(scenario({ heightM: 5, fire: { heatReleaseMW: 10 } }));
    const cold = prepareExercise(scenario({ heightM: 5 }));
    expect(fire.effectiveHeightM).toBeGreaterThan(50);
    expect(cold.effectiveHeightM).toBe(5);
    const t = at(500 / U + HOUR / 2);
    expect(fire.increment(downwind(500), t).cloudshine).toBeLessThan(
      cold.increment(downwind(500), t).cloudshine,
    );
  });

  it('gives the same values station by station, for many stations at once and through the simulator hook', () => {
    const s = scenario({
      nuclides: [
        { nuclide: 'Cs-137', activityBq: 1e12 },
        { nuclide: 'I-131', activityBq: 5e12 },
      ],
    });
    const stations = [downwind(1000), downwind(4000, 200), { lat: LAT + 0.01, lon: LON }];
    const t = at(1000 / U + HOUR / 2);
    const many = exerciseIncrements(s, stations, t);
    stations.forEach((st, k) => expect(many[k]).toBe(exerciseDoseRateIncrement(s, st, t).nSvPerH));
    const hook = exerciseExtraDose(
      s,
      stations.map((st, k) => ({ ...st, code: `VN${k}` })),
    );
    stations.forEach((_, k) => expect(hook(`VN${k}`, t.getTime())).toBe(many[k]));
    expect(hook('unknown', t.getTime())).toBe(0);
    expect(many[0]).toBeGreaterThan(0);
    expect(many[2]).toBe(0);
  });

  it('reports bad input with the field, and what the coefficients lack', () => {
    const fieldOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as RangeError & { field?: string }).field;
      }
      return null;
    };
    const station = downwind(1000);
    expect(
      fieldOf(() =>
        exerciseDoseRateIncrement(
          scenario({ nuclides: [{ nuclide: 'Xx-1', activityBq: 1 }] }),
          station,
          at(0),
        ),
      ),
    ).toBe('release/nuclides/0/nuclide');
    const badStart = scenario({});
    badStart.release.startAt = 'yesterday';
    expect(fieldOf(() => prepareExercise(badStart))).toBe('release/startAt');
    expect(prepareExercise(scenario({})).missing).toEqual([]);
  });
});
