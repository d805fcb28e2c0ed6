/**
 * One dispersion run, end to end and pure (the server stores it; the browser redraws a what-if with it).
 *
 * Model:
 * - steady weather: a steady Gaussian plume per nuclide on a wind-aligned receptor grid (100 m – 20 km downwind);
 * - weather changing hour by hour (`weather.changes`): a Gaussian puff train (puffs.ts) on an east/north grid of
 *   ±20 km around the release.
 * Both: the σ set of choice, wind at the release height by the power law, Briggs final rise of a fire's plume held
 * below the mixing lid (fire-rise.ts), decay in transit, dry-deposition source depletion and wet scavenging by rain
 * (depletion.ts), deposition = v_d·TIC + wet deposition, projected doses (inhalation, cloudshine, groundshine;
 * thyroid for iodine) for the age group chosen over the periods of the protective-action criteria, the zones where
 * a criterion is reached as polygons in longitude/latitude (GeoJSON order), the areas reached by given times, and,
 * given the communes, each zone's communes with area share, people and arrival (overlap.ts).
 */
import type { StabilityClass } from '../reference/dispersion.js';
import { depositionVelocity, wetScavengingRate } from '../reference/deposition.js';
import { ARRIVAL_THRESHOLD, ARRIVAL_TIMES_S } from '../reference/dispersion-run.js';
import { DOSE_AGE_GROUPS, findDoseNuclide, type DoseAgeGroup } from '../reference/dose.js';
import {
  DEFAULT_PROTECTIVE_ACTION_RULES,
  type GenericCriterion,
  type ProtectiveActionRuleSet,
} from '../reference/protective-actions.js';
import { arrivalAreas, plumeArrivalTimes } from './arrival.js';
import { zonesFromGrid, type ContourPolygon } from './contours.js';
import { groundIntegrals } from './depletion.js';
import { modelHeight, releaseHeight, type ReleaseHeight } from './fire-rise.js';
import { windAtHeight, type Terrain } from './meteorology.js';
import { frameCommunes, zoneCommunes, type RunCommuneInput, type RunZoneCommune } from './overlap.js';
import { decayFactor, plumeGrid } from './plume.js';
import { puffTrain } from './puffs.js';
import { nuclideDoseFactors, type RunMissing } from './run-doses.js';
import { sigmaY, sigmaZ, type SigmaSet } from './sigma.js';

export type { RunCommuneInput, RunZoneCommune } from './overlap.js';

export interface WeatherChange {
  /** Seconds after the release starts from which this weather holds (strictly increasing, > 0). */
  afterS: number;
  /** Wind speed at 10 m (m/s). */
  windSpeedMS: number;
  /** Direction the wind comes from (degrees clockwise from north). */
  windFromDeg: number;
  /** Omitted: the class in force before. */
  stability?: StabilityClass;
  /** Rain intensity (mm/h); omitted: the rain in force before. */
  rainMmH?: number;
}

export interface DispersionRunInput {
  release: {
    lat: number;
    lon: number;
    /** Release height (m): the physical height of a fire's release, else the effective height. */
    heightM: number;
    /** How long the release lasts (s); activities are the totals released over it. */
    durationS: number;
    nuclides: ReadonlyArray<{ nuclide: string; activityBq: number }>;
    /** A fire or hot release: its sensible heat release rate lifts the plume (Briggs final rise). */
    fire?: { heatReleaseMW: number };
  };
  weather: {
    /** Wind speed at 10 m (m/s). */
    windSpeedMS: number;
    /** Direction the wind comes from (degrees clockwise from north). */
    windFromDeg: number;
    stability: StabilityClass;
    mixingHeightM?: number;
    terrain?: Terrain;
    /** Rain intensity during the release (mm/h), default 0. */
    rainMmH?: number;
    /** Later weather, hour by hour: the run then uses the puff train. */
    changes?: ReadonlyArray<WeatherChange>;
  };
  sigma?: SigmaSet;
  /** Reach (m): downwind for the plume, each side of the release for the puff train; default 20 km. Cells per side. */
  grid?: { reachM?: number; cells?: number };
  rules?: ProtectiveActionRuleSet;
  /** Whose doses (inhalation coefficients and breathing rate), default adult. */
  ageGroup?: DoseAgeGroup;
}

export interface DispersionRunOptions {
  /** Communes with boundary and population: each zone then lists the communes it covers. */
  communes?: ReadonlyArray<RunCommuneInput>;
}

export interface RunZone {
  code: string;
  quantity: GenericCriterion['quantity'];
  periodS: number;
  thresholdSv: number;
  actions: string[];
  /** GeoJSON MultiPolygon coordinates ([lon, lat] rings). */
  coordinates: number[][][][];
  areaKm2: number;
  /** Communes the zone covers (empty when no communes were given). */
  communes: RunZoneCommune[];
  /** People in the zone; null when none of its communes has a population recorded (or none were given). */
  population: number | null;
  /** Communes in the zone without a population recorded. */
  populationMissing: number;
}

export interface RunArrival {
  /** Seconds after the release starts. */
  afterS: number;
  /** GeoJSON MultiPolygon coordinates of the area reached by then (7-day dose at least the arrival threshold). */
  coordinates: number[][][][];
}

export type DispersionModel = 'plume' | 'puff_train';

export interface DispersionRunResult {
  model: DispersionModel;
  sigma: SigmaSet;
  /** Transport wind at the release height (m/s), of the first weather period. */
  windAtReleaseMS: number;
  /** Where the wind first blows to (degrees clockwise from north). */
  downwindBearingDeg: number;
  receptorHeightM: number;
  /** Height the model released at (m, first weather period): physical height + plume rise, at most the lid. */
  effectiveHeightM: number;
  /** Briggs final rise of a fire's plume (m, first weather period); 0 without a fire. */
  plumeRiseM: number;
  ageGroup: DoseAgeGroup;
  /** frame 'downwind': xs along the wind, ys to its left; 'east_north': xs east, ys north of the release (m). */
  grid: {
    frame: 'downwind' | 'east_north';
    reachM: number;
    cells: number;
    xs: [number, number];
    ys: [number, number];
  };
  /** Highest projected doses on the grid (Sv) per period, and where (m from the release; downwind for the plume). */
  maxima: Array<{ periodS: number; effectiveSv: number; thyroidSv: number; atDownwindM: number }>;
  /**
   * Per nuclide: the highest time-integrated air concentration (Bq·s/m³, at 1.5 m) and ground deposition, dry and
   * wet (Bq/m², at the end of the passage, before later decay), on the grid, and their distances from the release.
   */
  nuclides: RunNuclideMaximum[];
  zones: RunZone[];
  arrivals: RunArrival[];
  /** Nuclides or pathways without data (the doses are lower bounds there), or where adult data stood in. */
  missing: RunMissing[];
  assumptions: string[];
}

const RECEPTOR_HEIGHT_M = 1.5;
const EARTH_M_PER_DEG = 111_320;
const PLUME_FIRST_X_M = 100;
const DEFAULT_REACH_M = 20_000;
const DEFAULT_PLUME_CELLS = 160;
/** The plume's rows next to its axis are this share of σy at the first column apart. */
const AXIS_ROW_SPACING_PER_SIGMA = 0.5;
/** Odd, so that the release is a node: 250 m cells over ±20 km. */
const DEFAULT_PUFF_CELLS = 161;
/** The limits of RunBody (schemas/emergency.ts), checked here too for callers that skip the schema. */
const MAX_CHANGES = 48;
const MAX_CHANGE_AFTER_S = 48 * 3600;

/** A RangeError naming the input (JSON-pointer path without the leading slash), as the server reports it. */
function fieldError(field: string, message: string): RangeError {
  return Object.assign(new RangeError(message), { field });
}

/** One weather period (10 m wind) from `startS` on. */
interface WeatherPeriod {
  startS: number;
  windSpeedMS: number;
  windFromDeg: number;
  stability: StabilityClass;
  rainMmH: number;
}

function checkRain(field: string, v: number | undefined): void {
  if (v !== undefined && !(v >= 0 && v <= 200)) throw fieldError(field, 'rain must be within 0–200 mm/h');
}

/** The weather periods of a run; throws for changes out of order or out of range. */
function weatherPeriods(w: DispersionRunInput['weather']): WeatherPeriod[] {
  checkRain('weather/rainMmH', w.rainMmH);
  const periods: WeatherPeriod[] = [
    {
      startS: 0,
      windSpeedMS: w.windSpeedMS,
      windFromDeg: w.windFromDeg,
      stability: w.stability,
      rainMmH: w.rainMmH ?? 0,
    },
  ];
  const changes = w.changes ?? [];
  if (changes.length > MAX_CHANGES)
    throw fieldError('weather/changes', `at most ${MAX_CHANGES} weather changes`);
  changes.forEach((c, k) => {
    const before = periods[periods.length - 1]!;
    if (!(c.afterS > before.startS && c.afterS <= MAX_CHANGE_AFTER_S))
      throw fieldError(
        `weather/changes/${k}/afterS`,
        'changes must come in strictly increasing time, after 0 s and within 48 h',
      );
    if (!(c.windSpeedMS > 0 && Number.isFinite(c.windSpeedMS)))
      throw fieldError(`weather/changes/${k}/windSpeedMS`, 'wind speed must be > 0');
    if (!Number.isFinite(c.windFromDeg))
      throw fieldError(`weather/changes/${k}/windFromDeg`, 'wind direction must be a number');
    checkRain(`weather/changes/${k}/rainMmH`, c.rainMmH);
    periods.push({
      startS: c.afterS,
      windSpeedMS: c.windSpeedMS,
      windFromDeg: c.windFromDeg,
      stability: c.stability ?? before.stability,
      rainMmH: c.rainMmH ?? before.rainMmH,
    });
  });
  return periods;
}

interface NuclideRun {
  nuclide: string;
  activityBq: number;
  halfLifeS: number;
  vd: number;
  /** Wet scavenging rate per weather period (s⁻¹). */
  wet: number[];
}

function nuclideRuns(input: DispersionRunInput, periods: WeatherPeriod[]): NuclideRun[] {
  return input.release.nuclides.map(({ nuclide, activityBq }, k) => {
    const ref = findDoseNuclide(nuclide);
    if (!ref) throw fieldError(`release/nuclides/${k}/nuclide`, `unknown nuclide ${nuclide}`);
    if (!(activityBq > 0 && Number.isFinite(activityBq)))
      throw fieldError(`release/nuclides/${k}/activityBq`, 'activity must be > 0');
    return {
      nuclide: ref.name,
      activityBq,
      halfLifeS: ref.halfLifeSeconds ?? Infinity,
      vd: depositionVelocity(ref.name).value,
      wet: periods.map((p) => wetScavengingRate(ref.name, p.rainMmH).value),
    };
  });
}

/** Concentrations and deposition per nuclide (per Bq released) on a grid, and where it lies on the Earth. */
interface Field {
  frame: 'downwind' | 'east_north';
  xs: Float64Array;
  ys: Float64Array;
  /** Per nuclide: TIC at the receptor height (s/m³ per Bq released). */
  tic: Float64Array[];
  /** Per nuclide: deposition, dry + wet (1/m² per Bq released). */
  deposition: Float64Array[];
  arrivalS: Float64Array;
  /** Grid metres → [lon, lat]. */
  toLonLat: (x: number, y: number) => [number, number];
  /** [lon, lat] → grid metres. */
  fromLonLat: (lon: number, lat: number) => [number, number];
  /** Distance of a cell from the release (m); downwind distance for the plume. */
  distance: (cell: number) => number;
}

interface Setting {
  input: DispersionRunInput;
  set: SigmaSet;
  reach: number;
  periods: WeatherPeriod[];
  /** Transport wind (release height) per period. */
  speeds: number[];
  /** Plume rise and effective height per period. */
  rises: ReleaseHeight[];
  /** Heights given to plume.ts per period (m). */
  heights: number[];
  nuclides: NuclideRun[];
}

function linspace(a: number, b: number, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => a + (i * (b - a)) / (n - 1));
}

function localProjection(lat0: number, lon0: number) {
  const cosLat = Math.cos((lat0 * Math.PI) / 180);
  return {
    toLonLat: (east: number, north: number): [number, number] => [
      round6(lon0 + east / (EARTH_M_PER_DEG * cosLat)),
      round6(lat0 + north / EARTH_M_PER_DEG),
    ],
    fromLonLat: (lon: number, lat: number): [number, number] => [
      (lon - lon0) * EARTH_M_PER_DEG * cosLat,
      (lat - lat0) * EARTH_M_PER_DEG,
    ],
  };
}

/** Steady plume on a wind-aligned grid: x downwind, y to the left of the wind. */
function plumeField(s: Setting): Field {
  const { input, set } = s;
  const n = input.grid?.cells ?? DEFAULT_PLUME_CELLS;
  const stability = s.periods[0]!.stability;
  const u = s.speeds[0]!;
  const h = s.heights[0]!;
  const lid = input.weather.mixingHeightM;
  const lidOption = lid !== undefined ? { mixingHeight: lid } : {};
  const xs = linspace(PLUME_FIRST_X_M, s.reach, n);
  const sy = Float64Array.from(xs, (x) => sigmaY(set, stability, x));
  const ys = crosswindRows(s.reach / 2, n | 1, AXIS_ROW_SPACING_PER_SIGMA * sy[0]!);
  const sz = Float64Array.from(xs, (x) => sigmaZ(set, stability, x));
  const unit = plumeGrid({
    q: 1,
    u,
    h,
    z: RECEPTOR_HEIGHT_M,
    xs,
    ys,
    sigma: { sigmaY: sy, sigmaZ: sz },
    ...lidOption,
  });
  const ground = groundIntegrals({ h, sigmaZ: (x) => sigmaZ(set, stability, x), ...lidOption }, xs);
  const raining = s.nuclides.some((r) => r.wet[0]! > 0);
  // Column-integrated TIC per Bq released (s/m²): the crosswind Gaussian without the vertical factor.
  const column = raining ? crosswindColumn(xs, ys, sy, u) : null;
  const cells = n * ys.length;
  const tic: Float64Array[] = [];
  const deposition: Float64Array[] = [];
  for (const r of s.nuclides) {
    const left = Float64Array.from(
      xs,
      (x, i) =>
        decayFactor(r.halfLifeS, x / u) * Math.exp((-r.vd * ground[i]!) / u) * Math.exp((-r.wet[0]! * x) / u),
    );
    const t = new Float64Array(cells);
    const d = new Float64Array(cells);
    for (let j = 0; j < ys.length; j++) {
      const row = j * n;
      for (let i = 0; i < n; i++) {
        const c = unit[row + i]! * left[i]!;
        t[row + i] = c;
        d[row + i] = r.vd * c + (column ? r.wet[0]! * left[i]! * column[row + i]! : 0);
      }
    }
    tic.push(t);
    deposition.push(d);
  }
  const bearing = downwindBearing(s.periods[0]!.windFromDeg);
  const rad = (bearing * Math.PI) / 180;
  const sin = Math.sin(rad);
  const cos = Math.cos(rad);
  const local = localProjection(input.release.lat, input.release.lon);
  return {
    frame: 'downwind',
    xs,
    ys,
    tic,
    deposition,
    arrivalS: plumeArrivalTimes(xs, ys.length, u),
    // x along the wind, y to the left of it.
    toLonLat: (x, y) => local.toLonLat(x * sin - y * cos, x * cos + y * sin),
    fromLonLat: (lon, lat) => {
      const [east, north] = local.fromLonLat(lon, lat);
      return [east * sin + north * cos, -east * cos + north * sin];
    },
    distance: (cell) => xs[cell % n]!,
  };
}

/**
 * Crosswind rows of the plume grid: an odd count, so the plume's axis is a row, spaced geometrically from
 * `axisSpacing` next to the axis to `halfWidth` at the edges. Close to the source the plume is only metres wide
 * (σy ≈ 4 m at 100 m in class F) while 20 km out it is kilometres wide: evenly spaced rows would step over the
 * near-source plume, geometric ones follow it everywhere with the same number of rows.
 */
export function crosswindRows(halfWidth: number, rows: number, axisSpacing: number): Float64Array {
  if (rows % 2 !== 1 || rows < 3) throw new RangeError('rows must be odd and ≥ 3');
  const m = (rows - 1) / 2;
  const target = halfWidth / axisSpacing;
  // Growth ratio r with (r^m − 1)/(r − 1) = halfWidth/axisSpacing; evenly spaced when that is ≤ m.
  let r = 1;
  if (target > m) {
    let lo = 1;
    let hi = 2;
    while ((hi ** m - 1) / (hi - 1) < target) hi *= 2;
    for (let k = 0; k < 200; k++) {
      const mid = (lo + hi) / 2;
      if ((mid ** m - 1) / (mid - 1) < target) lo = mid;
      else hi = mid;
    }
    r = (lo + hi) / 2;
  }
  const ys = new Float64Array(rows);
  for (let k = 1; k <= m; k++) {
    const y = k === m ? halfWidth : r === 1 ? (halfWidth * k) / m : (halfWidth * (r ** k - 1)) / (r ** m - 1);
    ys[m + k] = y;
    ys[m - k] = -y;
  }
  return ys;
}

/** exp(−y²/2σy²)/(√(2π)·σy·u) per cell: the plume's column integral per unit release (physics.md §2.9). */
function crosswindColumn(xs: Float64Array, ys: Float64Array, sy: Float64Array, u: number): Float64Array {
  const n = xs.length;
  const out = new Float64Array(n * ys.length);
  for (let i = 0; i < n; i++) {
    const amp = 1 / (Math.sqrt(2 * Math.PI) * sy[i]! * u);
    const k = -0.5 / (sy[i]! * sy[i]!);
    for (let j = 0; j < ys.length; j++) out[j * n + i] = amp * Math.exp(k * ys[j]! * ys[j]!);
  }
  return out;
}

/** Puff train on an east/north grid centred on the release. */
function puffField(s: Setting): Field {
  const { input } = s;
  const n = input.grid?.cells ?? DEFAULT_PUFF_CELLS;
  const xs = linspace(-s.reach, s.reach, n);
  const ys = linspace(-s.reach, s.reach, n);
  const lid = input.weather.mixingHeightM;
  const result = puffTrain({
    periods: s.periods.map((p, k) => ({
      startS: p.startS,
      speedMS: s.speeds[k]!,
      towardDeg: downwindBearing(p.windFromDeg),
      stability: p.stability,
      releaseHeightM: s.heights[k]!,
    })),
    durationS: input.release.durationS,
    species: s.nuclides.map((r) => ({
      halfLifeS: r.halfLifeS,
      depositionVelocityMS: r.vd,
      wetRatesPerS: r.wet,
    })),
    sigma: s.set,
    xs,
    ys,
    receptorHeightM: RECEPTOR_HEIGHT_M,
    ...(lid !== undefined ? { mixingHeightM: lid } : {}),
  });
  const deposition = s.nuclides.map((r, k) => {
    const t = result.tic[k]!;
    const w = result.wet[k];
    return Float64Array.from(t, (c, cell) => r.vd * c + (w ? w[cell]! : 0));
  });
  const local = localProjection(input.release.lat, input.release.lon);
  return {
    frame: 'east_north',
    xs,
    ys,
    tic: result.tic,
    deposition,
    arrivalS: result.arrivalS,
    toLonLat: local.toLonLat,
    fromLonLat: local.fromLonLat,
    distance: (cell) => Math.hypot(xs[cell % n]!, ys[Math.floor(cell / n)]!),
  };
}

function downwindBearing(windFromDeg: number): number {
  return (((windFromDeg + 180) % 360) + 360) % 360;
}

function checkRelease(input: DispersionRunInput): void {
  const { release } = input;
  if (!(release.heightM >= 0 && Number.isFinite(release.heightM)))
    throw fieldError('release/heightM', 'height must be ≥ 0');
  if (!(release.durationS > 0 && Number.isFinite(release.durationS)))
    throw fieldError('release/durationS', 'duration must be > 0');
  const heat = release.fire?.heatReleaseMW;
  if (heat !== undefined && !(heat > 0 && heat <= 10_000))
    throw fieldError('release/fire/heatReleaseMW', 'heat release must be within (0, 10 000] MW');
  if (!(input.weather.windSpeedMS > 0 && Number.isFinite(input.weather.windSpeedMS)))
    throw fieldError('weather/windSpeedMS', 'wind speed must be > 0');
  const cells = input.grid?.cells;
  if (cells !== undefined && !(Number.isInteger(cells) && cells >= 3 && cells <= 1001))
    throw fieldError('grid/cells', 'cells must be an integer within 3–1001');
  const reach = input.grid?.reachM;
  if (reach !== undefined && !(reach > 2 * PLUME_FIRST_X_M && reach <= 200_000))
    throw fieldError('grid/reachM', 'reach must be within 200 m – 200 km');
  const age = input.ageGroup;
  if (age !== undefined && !DOSE_AGE_GROUPS.includes(age))
    throw fieldError('ageGroup', `age group must be one of ${DOSE_AGE_GROUPS.join(', ')}`);
}

function setting(input: DispersionRunInput): Setting {
  checkRelease(input);
  const periods = weatherPeriods(input.weather);
  const { release, weather } = input;
  const speeds = periods.map((p) =>
    windAtHeight(p.windSpeedMS, Math.max(release.heightM, 10), p.stability, weather.terrain ?? 'rural'),
  );
  const rises = periods.map((p, k) =>
    releaseHeight({
      heightM: release.heightM,
      ...(release.fire ? { heatReleaseMW: release.fire.heatReleaseMW } : {}),
      windSpeedMS: speeds[k]!,
      stability: p.stability,
      ...(weather.mixingHeightM !== undefined ? { mixingHeightM: weather.mixingHeightM } : {}),
    }),
  );
  return {
    input,
    set: input.sigma ?? 'pg-isc3',
    reach: input.grid?.reachM ?? DEFAULT_REACH_M,
    periods,
    speeds,
    rises,
    heights: rises.map((r) => modelHeight(r.effectiveHeightM, weather.mixingHeightM)),
    nuclides: nuclideRuns(input, periods),
  };
}

/** Projected doses on the grid per period (Sv), summed over the nuclides, and the data they lacked. */
function doseGrids(s: Setting, field: Field, periods: number[], ageGroup: DoseAgeGroup) {
  const cells = field.xs.length * field.ys.length;
  const effective = periods.map(() => new Float64Array(cells));
  const thyroid = periods.map(() => new Float64Array(cells));
  const missing: RunMissing[] = [];
  s.nuclides.forEach((r, k) => {
    // Doses are linear in TIC and deposition: dose per unit of each, per period, computed once per nuclide.
    const f = nuclideDoseFactors(r.nuclide, periods, ageGroup);
    for (const m of f.missing)
      if (!missing.some((x) => x.nuclide === m.nuclide && x.pathway === m.pathway && x.reason === m.reason))
        missing.push(m);
    const tic = field.tic[k]!;
    const dep = field.deposition[k]!;
    for (let p = 0; p < periods.length; p++) {
      const eTic = r.activityBq * f.effectivePerTic[p]!;
      const eDep = r.activityBq * f.effectivePerDeposition[p]!;
      const tTic = r.activityBq * f.thyroidPerTic[p]!;
      const e = effective[p]!;
      const t = thyroid[p]!;
      for (let c = 0; c < cells; c++) {
        e[c]! += tic[c]! * eTic + dep[c]! * eDep;
        if (tTic !== 0) t[c]! += tic[c]! * tTic;
      }
    }
  });
  return { effective, thyroid, missing };
}

/** The zones of the generic criteria, with the communes they cover when communes are given. */
function runZones(
  field: Field,
  rules: ProtectiveActionRuleSet,
  periods: number[],
  doses: { effective: Float64Array[]; thyroid: Float64Array[] },
  communes: ReadonlyArray<RunCommuneInput> | undefined,
): RunZone[] {
  const { xs, ys } = field;
  const framed = communes
    ? frameCommunes(communes, field.fromLonLat, [xs[0]!, ys[0]!, xs[xs.length - 1]!, ys[ys.length - 1]!])
    : [];
  const zones: RunZone[] = [];
  for (const criterion of rules.generic) {
    if (criterion.quantity !== 'effective' && criterion.quantity !== 'thyroid') continue;
    const p = periods.indexOf(criterion.periodS);
    const values = (criterion.quantity === 'effective' ? doses.effective : doses.thyroid)[p]!;
    const level = criterion.thresholdSv;
    const [zone] = zonesFromGrid({ values, xs, ys }, [{ level, code: criterion.code }]);
    if (!zone || zone.polygons.length === 0) continue;
    const overlap = communes
      ? zoneCommunes({ xs, ys, values, level, arrivalS: field.arrivalS, communes: framed })
      : { communes: [], population: null, populationMissing: 0 };
    zones.push({
      code: criterion.code,
      quantity: criterion.quantity,
      periodS: criterion.periodS,
      thresholdSv: level,
      actions: criterion.actions,
      coordinates: lonLatPolygons(field, zone.polygons),
      areaKm2: zone.area / 1e6,
      ...overlap,
    });
  }
  return zones;
}

function lonLatPolygons(field: Field, polygons: ContourPolygon[]): number[][][][] {
  return polygons.map((polygon) => polygon.map((ring) => ring.map(([x, y]) => field.toLonLat(x, y))));
}

export interface RunNuclideMaximum {
  nuclide: string;
  ticBqSPerM3: number;
  ticAtM: number;
  depositionBqPerM2: number;
  depositionAtM: number;
}

/** Highest time-integrated concentration and deposition of each nuclide on the grid, and where. */
function nuclideMaxima(s: Setting, field: Field): RunNuclideMaximum[] {
  const peak = (values: Float64Array) => {
    let best = 0;
    let at = -1;
    for (let c = 0; c < values.length; c++)
      if (values[c]! > best) {
        best = values[c]!;
        at = c;
      }
    return { best, at: at >= 0 ? field.distance(at) : 0 };
  };
  return s.nuclides.map((r, k) => {
    const tic = peak(field.tic[k]!);
    const dep = peak(field.deposition[k]!);
    return {
      nuclide: r.nuclide,
      ticBqSPerM3: r.activityBq * tic.best,
      ticAtM: tic.at,
      depositionBqPerM2: r.activityBq * dep.best,
      depositionAtM: dep.at,
    };
  });
}

/** Highest doses on the grid per period, and the distance of the highest effective dose from the release. */
function gridMaxima(
  field: Field,
  periods: number[],
  doses: { effective: Float64Array[]; thyroid: Float64Array[] },
): DispersionRunResult['maxima'] {
  return periods.map((periodS, p) => {
    const e = doses.effective[p]!;
    const t = doses.thyroid[p]!;
    let best = 0;
    let at = -1;
    let thy = 0;
    for (let c = 0; c < e.length; c++) {
      if (e[c]! > best) {
        best = e[c]!;
        at = c;
      }
      if (t[c]! > thy) thy = t[c]!;
    }
    return { periodS, effectiveSv: best, thyroidSv: thy, atDownwindM: at >= 0 ? field.distance(at) : 0 };
  });
}

/** Runs the model; throws a RangeError with `field` (the input's path) for what the physics cannot take. */
export function computeDispersionRun(
  input: DispersionRunInput,
  options: DispersionRunOptions = {},
): DispersionRunResult {
  const s = setting(input);
  const model: DispersionModel = s.periods.length > 1 ? 'puff_train' : 'plume';
  const ageGroup = input.ageGroup ?? 'adult';
  const rules = input.rules ?? DEFAULT_PROTECTIVE_ACTION_RULES;
  const field = model === 'plume' ? plumeField(s) : puffField(s);
  const rulePeriods = new Set(rules.generic.map((g) => g.periodS));
  const periods = [...new Set([...rulePeriods, ARRIVAL_THRESHOLD.periodS])].sort((a, b) => a - b);
  const doses = doseGrids(s, field, periods, ageGroup);
  const arrivals = arrivalAreas({
    xs: field.xs,
    ys: field.ys,
    values: doses.effective[periods.indexOf(ARRIVAL_THRESHOLD.periodS)]!,
    arrivalS: field.arrivalS,
    threshold: ARRIVAL_THRESHOLD.value,
    timesS: ARRIVAL_TIMES_S,
  });
  const first = s.rises[0]!;
  const { xs, ys } = field;
  return {
    model,
    sigma: s.set,
    windAtReleaseMS: s.speeds[0]!,
    downwindBearingDeg: downwindBearing(s.periods[0]!.windFromDeg),
    receptorHeightM: RECEPTOR_HEIGHT_M,
    effectiveHeightM: first.effectiveHeightM,
    plumeRiseM: first.plumeRiseM,
    ageGroup,
    grid: {
      frame: field.frame,
      reachM: s.reach,
      cells: xs.length,
      xs: [xs[0]!, xs[xs.length - 1]!],
      ys: [ys[0]!, ys[ys.length - 1]!],
    },
    maxima: gridMaxima(field, periods, doses).filter((m) => rulePeriods.has(m.periodS)),
    nuclides: nuclideMaxima(s, field),
    zones: runZones(field, rules, periods, doses, options.communes),
    arrivals: arrivals.map((a) => ({ afterS: a.afterS, coordinates: lonLatPolygons(field, a.polygons) })),
    missing: doses.missing,
    assumptions: assumptions(s, model, ageGroup, options.communes !== undefined),
  };
}

/** Codes of the model's assumptions, for the reader (translated by the clients). */
function assumptions(
  s: Setting,
  model: DispersionModel,
  ageGroup: DoseAgeGroup,
  communes: boolean,
): string[] {
  const out = [
    model === 'plume' ? 'run.steady_gaussian_plume' : 'run.puff_train',
    model === 'plume' ? 'run.flat_terrain_100m_to_20km' : 'run.flat_terrain_20km_around',
  ];
  if (model === 'puff_train') out.push('run.wind_uniform_over_grid', 'run.puff_sigma_by_travel_distance');
  if (s.input.release.fire) out.push('run.fire_rise_briggs_final');
  if (s.rises.some((r) => r.cappedAtLid)) out.push('run.plume_capped_at_lid');
  out.push('run.dry_deposition_depletes_plume');
  out.push(s.periods.some((p) => p.rainMmH > 0) ? 'run.wet_scavenging' : 'run.no_rain');
  out.push('run.unshielded_outdoors', ageGroup === 'adult' ? 'run.adult' : `run.age_${ageGroup}`);
  if (communes) out.push('run.population_uniform_in_commune');
  return out;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
