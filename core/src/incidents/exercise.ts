/**
 * Exercise physics (issue 6, point 7): the dose rate a simulated release adds to a monitoring station's reading, so
 * that the station simulator (core/src/monitoring/simulator.ts, `ExtraDose` hook) shows raised readings downwind.
 * Pure, no I/O; built from the emergency physics (core/src/physics) and reference data, nothing new.
 *
 * Model (steady weather over the whole exercise; weather changes are not supported):
 * - Release: each nuclide's activity is released at a constant rate over [startAt, startAt + durationS], from the
 *   physical height plus the Briggs final rise of a fire, held below the mixing lid (fire-rise.ts), carried by the
 *   wind at the release height (power law, meteorology.ts) towards windFromDeg + 180°.
 * - Air concentration at the station (x downwind, y crosswind, z = 1 m, the height of a station's detector): the
 *   steady Gaussian plume C∞ (plume.ts) with the σ set of the scenario at the station's distance (held at its
 *   100 m value nearer, as depletion.ts does), depleted in transit by decay, dry deposition (source depletion) and
 *   wet scavenging (depletion.ts) — the same plume as an emergency run (physics/run.ts).
 * - Finite duration: the release is a train of puffs with along-wind spread σx = σy (as puffs.ts, after CALPUFF),
 *   σ frozen at the station's distance. Integrating the puffs over the release gives
 *       C(t) = C∞ · W(t),  W(t) = ½·[erf(a) − erf(b)],  a = (u·τ − x)/(√2·σx),  b = (u·(τ − T) − x)/(√2·σx),
 *   τ the time since the release started and T its duration: the plume arrives at x/u, stays for T and leaves,
 *   with edges smoothed over about σx/u. ∫W dt = T exactly, so the time-integrated concentration is the emergency
 *   run's; for a short release C(t) tends to the Gaussian puff (physics.md §2.3).
 * - Cloudshine rate = Σ C·DCF_submersion (semi-infinite cloud, FGR 15), with short-lived daughters in equilibrium
 *   (Cs-137 → Ba-137m) as physics/dose.ts adds them. Near the source this is high where the plume is narrower than
 *   the photons' mean free path (physics.md §4.1), and misses an elevated plume passing overhead.
 * - Groundshine rate = Σ Dep(t)·DCF_ground (FGR 15, infinite smooth plane, no weathering), Dep(t) the deposit so far:
 *   (v_d·C∞ + Λ·column)·∫W dt, decayed since it was laid down; it stays after the plume has passed and decays with
 *   the nuclide's half-life.
 *
 * Quantity: a station measures the ambient dose equivalent H*(10); FGR 15 (EPA-402/R19/002, 2019) tabulates effective
 * dose rate coefficients (ICRP 103 effective dose of the reference person). For the photon energies of the common
 * nuclides E is somewhat below H*(10) (by tens of per cent at most, after the ICRP 74 conversion coefficients —
 * general knowledge, not checked here), so the simulated readings are on the low side: an acceptable proxy for an
 * exercise, not for judging real measurements.
 */
import { depositionVelocity, wetScavengingRate } from '../reference/deposition.js';
import { findDoseNuclide } from '../reference/dose.js';
import type { ExtraDose } from '../monitoring/simulator.js';
import type { ExerciseScenario } from '../schemas/exercise.js';
import { groundIntegral, SIGMA_FLOOR_M } from '../physics/depletion.js';
import { cloudshineDose, groundshineDoseRate, type MissingDoseData } from '../physics/dose.js';
import { modelHeight, releaseHeight } from '../physics/fire-rise.js';
import { windAtHeight } from '../physics/meteorology.js';
import { decayFactor, plumeConcentration } from '../physics/plume.js';
import { isSigmaSet, isStabilityClass, sigmaY, sigmaZ, type SigmaSet } from '../physics/sigma.js';

export interface ExerciseStation {
  lat: number;
  lon: number;
}

/** Dose rates added to a station's reading, all in nSv/h: nSvPerH = cloudshine + groundshine. */
export interface ExerciseIncrement {
  nSvPerH: number;
  cloudshine: number;
  groundshine: number;
}

/** A station's place relative to the plume, computed once per station (its readings then cost a few exp). */
export interface ExerciseSite {
  /** Downwind distance (m); ≤ 0 upwind. */
  xM: number;
  /** Crosswind distance, to the left of the wind (m). */
  yM: number;
  /** Cloudshine rate while the plume is fully there, C∞·DCF summed over the nuclides (Sv/s); 0 upwind. */
  cloudSvPerS: number;
  /** Per nuclide: groundshine rate added per second of full plume (Sv/s per s), and its decay constant (1/s). */
  ground: ReadonlyArray<{ svPerS2: number; lambdaPerS: number }>;
  /** Along-wind spread σx (m) at the station. */
  sigmaXM: number;
}

export interface ExerciseModel {
  /** Release start and end (epoch ms). */
  startMs: number;
  endMs: number;
  /** Transport wind at the release height (m/s). */
  windAtReleaseMS: number;
  /** Where the wind blows to (degrees clockwise from north). */
  downwindBearingDeg: number;
  /** Height the plume travels at (m): physical height + fire rise, at most the mixing height. */
  effectiveHeightM: number;
  sigma: SigmaSet;
  /** Pathways without a coefficient in dose.json (they add nothing; the readings are then low). */
  missing: MissingDoseData[];
  site(station: ExerciseStation): ExerciseSite;
  /** The increment at a site at `at` (Date or epoch ms). */
  rateAt(site: ExerciseSite, at: Date | number): ExerciseIncrement;
  increment(station: ExerciseStation, at: Date | number): ExerciseIncrement;
}

/** Height of a station's detector above ground (m), where the air concentration is taken. */
export const EXERCISE_RECEPTOR_HEIGHT_M = 1;

const EARTH_M_PER_DEG = 111_320;
const NSV_PER_H_PER_SV_PER_S = 3600 * 1e9;
const SQRT2 = Math.SQRT2;
const INV_SQRT_PI = 1 / Math.sqrt(Math.PI);
/** A window argument below −6 means erfc(6) ≈ 2e-17 of the plume: nothing has arrived yet. */
const NOT_ARRIVED = -6;
/** The tail's argument above 6: all but erfc(6) ≈ 2e-17 of the plume has gone by. */
const PASSED = 6;
const ZERO: ExerciseIncrement = Object.freeze({ nSvPerH: 0, cloudshine: 0, groundshine: 0 });

/** A RangeError naming the input (JSON-pointer path without the leading slash), as physics/run.ts reports them. */
function fieldError(field: string, message: string): RangeError {
  return Object.assign(new RangeError(message), { field });
}

function check(ok: boolean, field: string, message: string): void {
  if (!ok) throw fieldError(field, message);
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Numerical Recipes `erfcc`: erfc(x) = t·exp(−x² + Σ c_k·t^k), t = 1/(1 + x/2), x ≥ 0. */
const ERFC_COEFFICIENTS = [
  -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587,
  -0.82215223, 0.17087277,
];

/**
 * erfc(z) with fractional error < 1.2e-7 everywhere (Numerical Recipes in C, 2nd ed., §6.2, `erfcc`, a Chebyshev
 * fit): relative accuracy in the far tail, which the window's edges and their integral need.
 */
function erfc(z: number): number {
  const x = Math.abs(z);
  const t = 1 / (1 + 0.5 * x);
  let poly = 0;
  for (let k = ERFC_COEFFICIENTS.length - 1; k >= 0; k--) poly = ERFC_COEFFICIENTS[k]! + t * poly;
  const r = t * Math.exp(-x * x + poly);
  return z >= 0 ? r : 2 - r;
}

/** ½(1 + erf z): the share of an edge that has passed. */
const edge = (z: number): number => 0.5 * erfc(-z);

/** ∫_{−∞}^{z} ½(1 + erf s) ds = ½·[z·(1 + erf z) + e^{−z²}/√π], ≥ 0 (clamped against rounding in the far tail). */
function edgeIntegral(z: number): number {
  if (z < NOT_ARRIVED) return 0;
  return Math.max(0, 0.5 * (z * erfc(-z) + Math.exp(-z * z) * INV_SQRT_PI));
}

/** ∫_0^w e^{−λ(w−s)} ds / w: the share of a deposit laid down evenly over w seconds that is left at its end. */
function evenDepositLeft(lambda: number, w: number): number {
  const lw = lambda * w;
  return lw === 0 ? 1 : -Math.expm1(-lw) / lw;
}

function checkScenario(s: ExerciseScenario): number {
  const { release: r, weather: w } = s;
  check(isFiniteNumber(r.lat) && Math.abs(r.lat) <= 90, 'release/lat', 'latitude must be within ±90°');
  check(isFiniteNumber(r.lon) && Math.abs(r.lon) <= 180, 'release/lon', 'longitude must be within ±180°');
  check(isFiniteNumber(r.heightM) && r.heightM >= 0, 'release/heightM', 'height must be ≥ 0');
  check(isFiniteNumber(r.durationS) && r.durationS > 0, 'release/durationS', 'duration must be > 0');
  const startMs = Date.parse(r.startAt);
  check(Number.isFinite(startMs), 'release/startAt', 'start must be an ISO 8601 instant');
  const heat = r.fire?.heatReleaseMW;
  check(
    heat === undefined || (isFiniteNumber(heat) && heat > 0 && heat <= 10_000),
    'release/fire/heatReleaseMW',
    'heat release must be within (0, 10 000] MW',
  );
  check(Array.isArray(r.nuclides) && r.nuclides.length > 0, 'release/nuclides', 'at least one nuclide');
  check(isFiniteNumber(w.windSpeedMS) && w.windSpeedMS > 0, 'weather/windSpeedMS', 'wind speed must be > 0');
  check(isFiniteNumber(w.windFromDeg), 'weather/windFromDeg', 'wind direction must be a number');
  check(isStabilityClass(w.stability), 'weather/stability', 'stability must be one of A–F');
  check(
    w.mixingHeightM === undefined || (isFiniteNumber(w.mixingHeightM) && w.mixingHeightM > 0),
    'weather/mixingHeightM',
    'mixing height must be > 0',
  );
  check(
    w.rainMmH === undefined || (isFiniteNumber(w.rainMmH) && w.rainMmH >= 0 && w.rainMmH <= 200),
    'weather/rainMmH',
    'rain must be within 0–200 mm/h',
  );
  check(
    w.terrain === undefined || w.terrain === 'rural' || w.terrain === 'urban',
    'weather/terrain',
    'rural or urban',
  );
  check(s.sigma === undefined || isSigmaSet(s.sigma), 'sigma', 'unknown σ set');
  return startMs;
}

interface NuclideSetup {
  /** Release rate (Bq/s). */
  rateBqPerS: number;
  halfLifeS: number;
  vd: number;
  /** Wet scavenging rate Λ (1/s). */
  wet: number;
  /** Submersion and ground-surface coefficients with daughters (Sv·m³/(Bq·s), Sv·m²/(Bq·s)). */
  cloudCoefficient: number;
  groundCoefficient: number;
}

function nuclideSetups(s: ExerciseScenario, missing: MissingDoseData[]): NuclideSetup[] {
  const rain = s.weather.rainMmH ?? 0;
  return s.release.nuclides.map(({ nuclide, activityBq }, k) => {
    const ref = findDoseNuclide(nuclide);
    if (!ref) throw fieldError(`release/nuclides/${k}/nuclide`, `unknown nuclide ${nuclide}`);
    check(
      isFiniteNumber(activityBq) && activityBq > 0,
      `release/nuclides/${k}/activityBq`,
      'activity must be > 0',
    );
    const cloud = cloudshineDose({ nuclide: ref.name, ticBqSPerM3: 1 });
    const ground = groundshineDoseRate({ nuclide: ref.name, depositionBqPerM2: 1 });
    missing.push(...cloud.missing, ...ground.missing);
    return {
      rateBqPerS: activityBq / s.release.durationS,
      halfLifeS: ref.halfLifeSeconds ?? Infinity,
      vd: depositionVelocity(ref.name).value,
      wet: wetScavengingRate(ref.name, rain).value,
      cloudCoefficient: cloud.coefficient,
      groundCoefficient: ground.coefficient,
    };
  });
}

/** Checks a scenario and prepares what every station's reading needs; throws a RangeError with `field`. */
export function prepareExercise(scenario: ExerciseScenario): ExerciseModel {
  const startMs = checkScenario(scenario);
  const { release, weather } = scenario;
  const stability = weather.stability;
  const set: SigmaSet = scenario.sigma ?? 'pg-isc3';
  const lid = weather.mixingHeightM;
  const lidOption = lid !== undefined ? { mixingHeight: lid } : {};
  const u = windAtHeight(
    weather.windSpeedMS,
    Math.max(release.heightM, 10),
    stability,
    weather.terrain ?? 'rural',
  );
  const rise = releaseHeight({
    heightM: release.heightM,
    ...(release.fire ? { heatReleaseMW: release.fire.heatReleaseMW } : {}),
    windSpeedMS: u,
    stability,
    ...(lid !== undefined ? { mixingHeightM: lid } : {}),
  });
  const h = modelHeight(rise.effectiveHeightM, lid);
  const missing: MissingDoseData[] = [];
  const nuclides = nuclideSetups(scenario, missing);
  const durationS = release.durationS;
  const bearing = (((weather.windFromDeg + 180) % 360) + 360) % 360;
  const sin = Math.sin((bearing * Math.PI) / 180);
  const cos = Math.cos((bearing * Math.PI) / 180);
  const mPerDegLon = EARTH_M_PER_DEG * Math.cos((release.lat * Math.PI) / 180);
  const sigmaZOf = (x: number) => sigmaZ(set, stability, x);

  const site = (station: ExerciseStation): ExerciseSite => {
    check(
      isFiniteNumber(station.lat) && isFiniteNumber(station.lon),
      'station',
      'lat and lon must be numbers',
    );
    const east = (station.lon - release.lon) * mPerDegLon;
    const north = (station.lat - release.lat) * EARTH_M_PER_DEG;
    const x = east * sin + north * cos;
    const y = -east * cos + north * sin;
    if (!(x > 0)) return { xM: x, yM: y, cloudSvPerS: 0, ground: [], sigmaXM: 0 };
    const at = Math.max(x, SIGMA_FLOOR_M);
    const sy = sigmaY(set, stability, at);
    const sz = sigmaZOf(at);
    // Per Bq/s released: air concentration at the detector (s/m³) and the crosswind column (s/m²).
    const unit = plumeConcentration({
      q: 1,
      u,
      h,
      y,
      z: EXERCISE_RECEPTOR_HEIGHT_M,
      sigmaY: sy,
      sigmaZ: sz,
      ...lidOption,
    });
    const column = Math.exp((-0.5 * y * y) / (sy * sy)) / (Math.sqrt(2 * Math.PI) * sy * u);
    const groundI = groundIntegral({ h, sigmaZ: sigmaZOf, ...lidOption }, 0, x);
    const travelS = x / u;
    let cloud = 0;
    const ground = nuclides.map((n) => {
      const left =
        n.rateBqPerS *
        decayFactor(n.halfLifeS, travelS) *
        Math.exp((-n.vd * groundI) / u) *
        Math.exp(-n.wet * travelS);
      cloud += n.cloudCoefficient * unit * left;
      return {
        svPerS2: n.groundCoefficient * left * (n.vd * unit + n.wet * column),
        lambdaPerS: Number.isFinite(n.halfLifeS) ? Math.LN2 / n.halfLifeS : 0,
      };
    });
    return { xM: x, yM: y, cloudSvPerS: cloud, ground, sigmaXM: sy };
  };

  const rateAt = (s: ExerciseSite, at: Date | number): ExerciseIncrement => {
    const tMs = at instanceof Date ? at.getTime() : at;
    check(isFiniteNumber(tMs), 'at', 'must be a valid instant');
    const tau = (tMs - startMs) / 1000;
    if (!(s.xM > 0) || tau <= 0) return { ...ZERO };
    const scale = SQRT2 * s.sigmaXM;
    const a = (u * tau - s.xM) / scale;
    if (a < NOT_ARRIVED) return { ...ZERO };
    const b = (u * (tau - durationS) - s.xM) / scale;
    const passed = b > PASSED;
    const window = passed ? 0 : Math.max(0, edge(a) - edge(b));
    const cloudshine = s.cloudSvPerS * window * NSV_PER_H_PER_SV_PER_S;
    // Seconds of full plume so far, ∫W dt (T once it has passed); the deposit is taken as laid down evenly while the
    // plume's core passed (x/u to x/u + T after the start) and decays from there — exact for a sharp-edged plume.
    const exposureS = passed ? durationS : (scale / u) * Math.max(0, edgeIntegral(a) - edgeIntegral(b));
    const arrivalS = s.xM / u;
    const laidUntil = Math.min(tau, arrivalS + durationS);
    const layingS = Math.max(0, laidUntil - arrivalS);
    const sinceS = tau - Math.max(laidUntil, arrivalS);
    let ground = 0;
    for (const g of s.ground) {
      const left =
        g.lambdaPerS === 0
          ? 1
          : Math.exp(-g.lambdaPerS * Math.max(0, sinceS)) * evenDepositLeft(g.lambdaPerS, layingS);
      ground += g.svPerS2 * exposureS * left;
    }
    const groundshine = ground * NSV_PER_H_PER_SV_PER_S;
    return { nSvPerH: cloudshine + groundshine, cloudshine, groundshine };
  };

  return {
    startMs,
    endMs: startMs + durationS * 1000,
    windAtReleaseMS: u,
    downwindBearingDeg: bearing,
    effectiveHeightM: rise.effectiveHeightM,
    sigma: set,
    missing,
    site,
    rateAt,
    increment: (station, at) => rateAt(site(station), at),
  };
}

/** The dose rate (nSv/h) a simulated release adds at a station at `at`; 0 upwind and before the plume arrives. */
export function exerciseDoseRateIncrement(
  scenario: ExerciseScenario,
  station: ExerciseStation,
  at: Date | number,
): ExerciseIncrement {
  return prepareExercise(scenario).increment(station, at);
}

/** The total increments (nSv/h) at many stations at one instant, in the stations' order. */
export function exerciseIncrements(
  scenario: ExerciseScenario,
  stations: ReadonlyArray<ExerciseStation>,
  at: Date | number,
): number[] {
  const model = prepareExercise(scenario);
  return stations.map((s) => model.rateAt(model.site(s), at).nSvPerH);
}

/**
 * The station simulator's `ExtraDose` hook for a scenario: (station code, epoch ms) → nSv/h. Each station's site is
 * computed once; codes not in `stations` get 0.
 */
export function exerciseExtraDose(
  scenario: ExerciseScenario,
  stations: ReadonlyArray<ExerciseStation & { code: string }>,
): ExtraDose {
  const model = prepareExercise(scenario);
  const sites = new Map(stations.map((s) => [s.code, model.site(s)]));
  return (code, tMs) => {
    const site = sites.get(code);
    return site ? model.rateAt(site, tMs).nSvPerH : 0;
  };
}
