/**
 * One dispersion run, end to end and pure (the server stores it; the browser can redraw a what-if with it):
 * a steady Gaussian plume per nuclide on a wind-aligned receptor grid (σ set of choice, wind at the release height
 * by the power law, decay in transit), dry deposition v_d·TIC, projected doses (inhalation, cloudshine,
 * groundshine; thyroid for iodine) for the periods of the protective-action criteria, and the zones where a
 * criterion is reached, as polygons in longitude/latitude (GeoJSON order).
 */
import type { StabilityClass } from '../reference/dispersion.js';
import { depositionVelocity } from '../reference/deposition.js';
import { findDoseNuclide } from '../reference/dose.js';
import {
  DEFAULT_PROTECTIVE_ACTION_RULES,
  type GenericCriterion,
  type ProtectiveActionRuleSet,
} from '../reference/protective-actions.js';
import { zonesFromGrid, type ContourPolygon } from './contours.js';
import { totalDose } from './dose.js';
import { windAtHeight, type Terrain } from './meteorology.js';
import { decayFactor, plumeGrid } from './plume.js';
import { sigmaY, sigmaZ, type SigmaSet } from './sigma.js';

export interface DispersionRunInput {
  release: {
    lat: number;
    lon: number;
    /** Effective release height (m). */
    heightM: number;
    /** How long the release lasts (s); activities are the totals released over it. */
    durationS: number;
    nuclides: ReadonlyArray<{ nuclide: string; activityBq: number }>;
  };
  weather: {
    /** Wind speed at 10 m (m/s). */
    windSpeedMS: number;
    /** Direction the wind comes from (degrees clockwise from north). */
    windFromDeg: number;
    stability: StabilityClass;
    mixingHeightM?: number;
    terrain?: Terrain;
  };
  sigma?: SigmaSet;
  /** Downwind reach (m), default 20 km (the validity range of the model); cells per side, default 160. */
  grid?: { reachM?: number; cells?: number };
  rules?: ProtectiveActionRuleSet;
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
}

export interface DispersionRunResult {
  sigma: SigmaSet;
  windAtReleaseMS: number;
  downwindBearingDeg: number;
  receptorHeightM: number;
  grid: { reachM: number; cells: number; xs: [number, number]; ys: [number, number] };
  /** Highest projected doses on the grid (Sv) per period, and where (m downwind). */
  maxima: Array<{ periodS: number; effectiveSv: number; thyroidSv: number; atDownwindM: number }>;
  zones: RunZone[];
  /** Nuclides or pathways without data (the doses are lower bounds there). */
  missing: Array<{ nuclide: string; pathway: string; reason: string }>;
  assumptions: string[];
}

const RECEPTOR_HEIGHT_M = 1.5;
const EARTH_M_PER_DEG = 111_320;

/** Runs the model; throws RangeError naming the input for what the physics cannot take. */
export function computeDispersionRun(input: DispersionRunInput): DispersionRunResult {
  const set: SigmaSet = input.sigma ?? 'pg-isc3';
  const reach = input.grid?.reachM ?? 20_000;
  const n = input.grid?.cells ?? 160;
  const rules = input.rules ?? DEFAULT_PROTECTIVE_ACTION_RULES;
  const { release, weather } = input;
  const u = windAtHeight(
    weather.windSpeedMS,
    Math.max(release.heightM, 10),
    weather.stability,
    weather.terrain ?? 'rural',
  );
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const x0 = 100;
  for (let i = 0; i < n; i++) {
    xs[i] = x0 + (i * (reach - x0)) / (n - 1);
    ys[i] = -reach / 2 + (i * reach) / (n - 1);
  }
  const sy = Float64Array.from(xs, (x) => sigmaY(set, weather.stability, x));
  const sz = Float64Array.from(xs, (x) => sigmaZ(set, weather.stability, x));

  // Per nuclide: time-integrated concentration per unit released (the plume is linear in q), with decay in transit.
  const cells = n * n;
  const unit = plumeGrid({
    q: 1,
    u,
    h: release.heightM,
    z: RECEPTOR_HEIGHT_M,
    xs,
    ys,
    sigma: { sigmaY: sy, sigmaZ: sz },
    ...(weather.mixingHeightM !== undefined ? { mixingHeight: weather.mixingHeightM } : {}),
  });
  const periods = [...new Set(rules.generic.map((g) => g.periodS))].sort((a, b) => a - b);
  // Doses are linear in TIC and deposition: dose per unit of each, per nuclide and period, computed once.
  const effective = periods.map(() => new Float64Array(cells));
  const thyroid = periods.map(() => new Float64Array(cells));
  const missing: DispersionRunResult['missing'] = [];
  for (const [k, { nuclide, activityBq }] of release.nuclides.entries()) {
    if (!findDoseNuclide(nuclide))
      throw Object.assign(new RangeError(`unknown nuclide ${nuclide}`), {
        field: `release/nuclides/${k}/nuclide`,
      });
    if (!(activityBq > 0 && Number.isFinite(activityBq)))
      throw Object.assign(new RangeError('activity must be > 0'), {
        field: `release/nuclides/${k}/activityBq`,
      });
    const halfLife = findDoseNuclide(nuclide)!.halfLifeSeconds ?? Infinity;
    const vd = depositionVelocity(nuclide).value;
    const perTic = totalDose({
      nuclides: [{ nuclide, ticBqSPerM3: 1, depositionBqPerM2: 0 }],
      durationsS: periods,
    });
    const perDep = totalDose({
      nuclides: [{ nuclide, ticBqSPerM3: 0, depositionBqPerM2: 1 }],
      durationsS: periods,
    });
    for (const m of [...perTic.missing, ...perDep.missing])
      if (!missing.some((x) => x.nuclide === nuclide && x.pathway === m.pathway))
        missing.push({ nuclide, pathway: m.pathway, reason: m.reason });
    const decay = Float64Array.from(xs, (x) => decayFactor(halfLife, x / u));
    for (let p = 0; p < periods.length; p++) {
      const period = perTic.periods[p]!;
      const ground = perDep.periods[p]!;
      const eTic = period.effectiveSv;
      const tTic = period.thyroidSv;
      const eDep = ground.effectiveSv * vd;
      const tDep = ground.thyroidSv * vd;
      const e = effective[p]!;
      const t = thyroid[p]!;
      for (let j = 0; j < n; j++) {
        const row = j * n;
        for (let i = 0; i < n; i++) {
          const tic = activityBq * unit[row + i]! * decay[i]!;
          e[row + i]! += tic * (eTic + eDep);
          t[row + i]! += tic * (tTic + tDep);
        }
      }
    }
  }

  const bearing = (((weather.windFromDeg + 180) % 360) + 360) % 360;
  const rad = (bearing * Math.PI) / 180;
  const cosLat = Math.cos((release.lat * Math.PI) / 180);
  const toLonLat = (x: number, y: number): [number, number] => {
    // x along the wind, y to the left of it.
    const east = x * Math.sin(rad) - y * Math.cos(rad);
    const north = x * Math.cos(rad) + y * Math.sin(rad);
    return [
      round6(release.lon + east / (EARTH_M_PER_DEG * cosLat)),
      round6(release.lat + north / EARTH_M_PER_DEG),
    ];
  };
  const zones: RunZone[] = [];
  for (const criterion of rules.generic) {
    if (criterion.quantity !== 'effective' && criterion.quantity !== 'thyroid') continue;
    const p = periods.indexOf(criterion.periodS);
    const values = (criterion.quantity === 'effective' ? effective : thyroid)[p]!;
    const [zone] = zonesFromGrid({ values, xs, ys }, [
      { level: criterion.thresholdSv, code: criterion.code },
    ]);
    if (!zone || zone.polygons.length === 0) continue;
    zones.push({
      code: criterion.code,
      quantity: criterion.quantity,
      periodS: criterion.periodS,
      thresholdSv: criterion.thresholdSv,
      actions: criterion.actions,
      coordinates: zone.polygons.map((polygon: ContourPolygon) =>
        polygon.map((ring) => ring.map(([x, y]) => toLonLat(x, y))),
      ),
      areaKm2: zone.area / 1e6,
    });
  }
  const maxima = periods.map((periodS, p) => {
    let best = 0;
    let at = 0;
    let thy = 0;
    const e = effective[p]!;
    for (let c = 0; c < cells; c++) {
      if (e[c]! > best) {
        best = e[c]!;
        at = xs[c % n]!;
      }
      if (thyroid[p]![c]! > thy) thy = thyroid[p]![c]!;
    }
    return { periodS, effectiveSv: best, thyroidSv: thy, atDownwindM: at };
  });
  return {
    sigma: set,
    windAtReleaseMS: u,
    downwindBearingDeg: bearing,
    receptorHeightM: RECEPTOR_HEIGHT_M,
    grid: { reachM: reach, cells: n, xs: [xs[0]!, xs[n - 1]!], ys: [ys[0]!, ys[n - 1]!] },
    maxima,
    zones,
    missing,
    assumptions: [
      'run.steady_gaussian_plume',
      'run.flat_terrain_100m_to_20km',
      'run.no_plume_depletion',
      'run.no_wet_deposition',
      'run.unshielded_outdoors',
      'run.adult',
    ],
  };
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
