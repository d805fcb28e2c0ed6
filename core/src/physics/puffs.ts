/**
 * Gaussian puff train for weather that changes during and after a release (physics.md §2.3: "a segmented plume for
 * varying weather is a train of puffs released every Δt, each with Q·Δt, advected along the local wind"; RIMPUFF,
 * ATSTEP, RASCAL and CALPUFF work this way). Pure, runs in Node and the browser.
 *
 * - Grid: cell centres east (xs) and north (ys) of the release, in metres, evenly spaced.
 * - Puffs: released every Δt over the release duration, each carrying 1/n of every species. Δt is short enough that
 *   successive puffs are at most one grid cell apart along the wind (so the puffs overlap and a wind turn leaves no
 *   gaps between their tracks), with at most MAX_PUFFS puffs.
 * - Transport: each weather period's wind (speed at the release height, direction) is uniform over the grid; a puff
 *   moves with the wind of the period it is in.
 * - Growth: σy = σx and σz are the chosen continuous-plume σ set taken at the distance the puff has travelled
 *   (CALPUFF's option of ISC Pasquill–Gifford curves for puffs, Scire et al. 2000), at least their 100 m values.
 *   When the stability class changes, the puff continues from the "virtual distance" at which the new class gives
 *   its present σ (the virtual-source method of CALPUFF and ISC), so σ never jumps.
 * - Vertical: the plume's g(z) (ground reflection, lid images, well-mixed limit) at the puff's σz and height.
 * - Depletion along the track: decay exp(−λt), dry deposition exp(−v_d/u·∫g(0)ds) (depletion.ts), wet scavenging
 *   exp(−Λt) with the rain of the period.
 * - Sampling: integrated puffs (CALPUFF's integrated sampling function): during a step the puff moves in a straight
 *   line over a length L and its time-integrated concentration at a cell is, with s along and d across the step,
 *       m·g/(2√(2π)·σ·v) · exp(−d²/2σ²) · [erf(s/√2σ) − erf((s−L)/√2σ)],
 *   which for an endless straight track is the steady plume with Q → m (the identity of physics.md §2.3). σ, g and
 *   the mass are interpolated along the step at the cell's closest point, so a cell sees the puff's σ where it
 *   passes (as the plume uses σ at the receptor's distance) and steps can be long. Each step touches only the cells
 *   within CUTOFF_SIGMAS·σ of its track.
 * - Arrival at a cell: the time the first puff passes closest to it among the puffs that come within NEAR_SIGMAS·σ
 *   (a contribution of at least e^−4.5 ≈ 1 % of that puff's centre-line value); a cell only reached by farther
 *   tails takes the first tail's time. For a steady wind this is the plume's x/u.
 */
import type { StabilityClass } from '../reference/dispersion.js';
import { groundIntegral, SIGMA_FLOOR_M } from './depletion.js';
import { verticalDistribution } from './plume.js';
import { sigmaY, sigmaZ, type SigmaSet } from './sigma.js';

/** Most puffs in one run (a week-long release at a strong wind is thinned to this many). */
export const MAX_PUFFS = 600;
/** A step is at most this share of the distance travelled (σ grows by ~20 % over it; interpolated inside). */
const STEP_FRACTION = 0.25;
const MIN_STEP_M = 50;
/** Cells farther than this many σ from a step's track get nothing from it (e^−12.5 ≈ 4e-6 of the centre line). */
const CUTOFF_SIGMAS = 5;
/** Beyond a step's ends its window is < erfc(3/√2)/2 ≈ 0.1 % and the next step's window takes over. */
const ALONG_SIGMAS = 3;
/** |s|/σ beyond which erf is 1 to within 1e-7 (erfc(5.4/√2) ≈ 7e-8). */
const WINDOW_FULL = 5.4;
const NEAR_SIGMAS = 3;
/** σ, g and mass are tabulated at this many intervals along each step. */
const TABLE_INTERVALS = 8;
/** Puffs are followed for at most this long after their release (s). */
const DEFAULT_MAX_AGE_S = 72 * 3600;
const INV_2_SQRT_2PI = 1 / (2 * Math.sqrt(2 * Math.PI));

export interface PuffWeatherPeriod {
  /** Start of the period, seconds after the release starts (the first period starts at 0). */
  startS: number;
  /** Transport wind speed (m/s), at the release height. */
  speedMS: number;
  /** Bearing the wind blows towards, degrees clockwise from north. */
  towardDeg: number;
  stability: StabilityClass;
  /** Height (m) of the puffs released during this period (physical height + rise, below the lid). */
  releaseHeightM: number;
}

export interface PuffSpecies {
  /** Half-life (s); Infinity for no decay. */
  halfLifeS: number;
  depositionVelocityMS: number;
  /** Wet scavenging rate Λ (s⁻¹) in each weather period, same order as `periods`. */
  wetRatesPerS: ArrayLike<number>;
}

export interface PuffTrainInput {
  periods: ReadonlyArray<PuffWeatherPeriod>;
  /** Release duration (s); the species' activities are spread evenly over it. */
  durationS: number;
  species: ReadonlyArray<PuffSpecies>;
  sigma: SigmaSet;
  /** Cell centres east of the release (m), ascending, evenly spaced. */
  xs: Float64Array;
  /** Cell centres north of the release (m), ascending, evenly spaced. */
  ys: Float64Array;
  receptorHeightM: number;
  mixingHeightM?: number;
  /** Puffs are followed this long after their release (s), default 72 h. */
  maxAgeS?: number;
}

export interface PuffTrainResult {
  /** Per species: time-integrated air concentration at the receptor height per unit activity released (s/m³). */
  tic: Float64Array[];
  /** Per species: wet deposition per unit activity released (1/m²); null when it never rains on the species. */
  wet: Array<Float64Array | null>;
  /** Arrival time (s after the release starts) per cell; Infinity where no puff came. Row-major like `tic`. */
  arrivalS: Float64Array;
  puffs: number;
  releaseIntervalS: number;
}

/** σ(x) of one set and class, tabulated on log-spaced x and interpolated in log–log (fast, ~1e-4 relative). */
class SigmaCurve {
  private static readonly X0 = 1;
  private static readonly PER_DECADE = 60;
  private static readonly DECADES = 7;
  private readonly lnS: Float64Array;
  private readonly k = SigmaCurve.PER_DECADE / Math.LN10;

  constructor(f: (x: number) => number) {
    const n = SigmaCurve.PER_DECADE * SigmaCurve.DECADES + 1;
    this.lnS = new Float64Array(n);
    for (let i = 0; i < n; i++)
      this.lnS[i] = Math.log(f(SigmaCurve.X0 * Math.pow(10, i / SigmaCurve.PER_DECADE)));
  }

  at(x: number): number {
    const n = this.lnS.length;
    const f = Math.log(Math.max(x, SigmaCurve.X0) / SigmaCurve.X0) * this.k;
    if (f >= n - 1) return Math.exp(this.lnS[n - 1]!);
    const i = Math.floor(f);
    const w = f - i;
    return Math.exp(this.lnS[i]! + (this.lnS[i + 1]! - this.lnS[i]!) * w);
  }

  /** The distance at which σ reaches `value` (σ is non-decreasing in x); clamped to the table. */
  distanceFor(value: number): number {
    const target = Math.log(value);
    const s = this.lnS;
    let lo = 0;
    let hi = s.length - 1;
    if (target <= s[0]!) return SigmaCurve.X0;
    if (target >= s[hi]!) return SigmaCurve.X0 * Math.pow(10, SigmaCurve.DECADES);
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (s[mid]! < target) lo = mid;
      else hi = mid;
    }
    const w = s[hi]! > s[lo]! ? (target - s[lo]!) / (s[hi]! - s[lo]!) : 0;
    return SigmaCurve.X0 * Math.pow(10, (lo + w) / SigmaCurve.PER_DECADE);
  }
}

/**
 * Virtual distances in the next period's class that give the puff its present σy and σz (no jump in size when the
 * stability changes); within the σ floor the distance travelled is kept, σ being the floor value in either class.
 */
function carryOver(
  before: { y: SigmaCurve; z: SigmaCurve },
  after: { y: SigmaCurve; z: SigmaCurve },
  xvy: number,
  xvz: number,
): [number, number] {
  if (before === after) return [xvy, xvz];
  return [
    xvy > SIGMA_FLOOR_M ? after.y.distanceFor(before.y.at(xvy)) : xvy,
    xvz > SIGMA_FLOOR_M ? after.z.distanceFor(before.z.at(xvz)) : xvz,
  ];
}

/** erf by Abramowitz & Stegun 7.1.26 (|error| ≤ 1.5e-7); used to build the table below. */
function erfExact(x: number): number {
  const a = x < 0 ? -x : x;
  const t = 1 / (1 + 0.3275911 * a);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-a * a);
  return x < 0 ? -y : y;
}

/** erf on [0, ERF_TABLE_MAX] every 1/ERF_TABLE_STEPS, interpolated linearly: |error| < 5e-6, no exp per call. */
const ERF_TABLE_STEPS = 200;
const ERF_TABLE_MAX = 6;
const ERF_TABLE = Float64Array.from({ length: ERF_TABLE_MAX * ERF_TABLE_STEPS + 2 }, (_, i) =>
  erfExact(i / ERF_TABLE_STEPS),
);

function erf(x: number): number {
  const a = x < 0 ? -x : x;
  const f = a * ERF_TABLE_STEPS;
  if (f >= ERF_TABLE_MAX * ERF_TABLE_STEPS) return x < 0 ? -1 : 1;
  const i = f | 0;
  const y = ERF_TABLE[i]! + (ERF_TABLE[i + 1]! - ERF_TABLE[i]!) * (f - i);
  return x < 0 ? -y : y;
}

function checkInput(p: PuffTrainInput): void {
  if (p.periods.length === 0 || p.periods[0]!.startS !== 0)
    throw new RangeError('periods must start with a period at 0 s');
  for (let k = 1; k < p.periods.length; k++)
    if (!(p.periods[k]!.startS > p.periods[k - 1]!.startS))
      throw new RangeError('periods must have strictly increasing start times');
  for (const period of p.periods) {
    if (!(period.speedMS > 0 && Number.isFinite(period.speedMS))) throw new RangeError('speedMS must be > 0');
    if (!(period.releaseHeightM >= 0)) throw new RangeError('releaseHeightM must be ≥ 0');
  }
  if (!(p.durationS > 0 && Number.isFinite(p.durationS))) throw new RangeError('durationS must be > 0');
  if (p.xs.length < 2 || p.ys.length < 2) throw new RangeError('the grid needs at least 2 × 2 cells');
}

/** One straight step of a puff, as the grid samples it. */
interface Step {
  /** Start of the step relative to the release (m east, m north). */
  px: number;
  py: number;
  /** Unit vector of the motion (east, north). */
  ex: number;
  ey: number;
  /** Length (m), > 0. */
  len: number;
  /** Time at the start (s) and speed (m/s). */
  t: number;
  v: number;
  /** Mass of each species at the start and at the end of the step. */
  m0: Float64Array;
  m1: Float64Array;
  /** Wet scavenging rate of each species during the step (s⁻¹). */
  wetRates: Float64Array;
  /** σy (= σx) and the vertical factor g at TABLE_INTERVALS + 1 evenly spaced points along the step. */
  sigma: Float64Array;
  g: Float64Array;
}

/** The receptor grid and what the puffs leave on it. */
class PuffGrid {
  readonly nx: number;
  readonly ny: number;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  readonly dx: number;
  readonly dy: number;
  readonly tic: Float64Array[];
  readonly wet: Array<Float64Array | null>;
  /** Earliest closest-approach time of a puff within NEAR_SIGMAS·σ, and of any puff tail. */
  readonly near: Float64Array;
  readonly far: Float64Array;
  private readonly a: Float64Array;
  private readonly da: Float64Array;
  private readonly b: Float64Array;
  private readonly db: Float64Array;

  constructor(
    readonly xs: Float64Array,
    readonly ys: Float64Array,
    species: ReadonlyArray<PuffSpecies>,
  ) {
    this.nx = xs.length;
    this.ny = ys.length;
    this.x0 = xs[0]!;
    this.y0 = ys[0]!;
    this.x1 = xs[this.nx - 1]!;
    this.y1 = ys[this.ny - 1]!;
    this.dx = (this.x1 - this.x0) / (this.nx - 1);
    this.dy = (this.y1 - this.y0) / (this.ny - 1);
    const cells = this.nx * this.ny;
    this.tic = species.map(() => new Float64Array(cells));
    this.wet = species.map((s) =>
      Array.from(s.wetRatesPerS).some((r) => r > 0) ? new Float64Array(cells) : null,
    );
    this.near = new Float64Array(cells).fill(Infinity);
    this.far = new Float64Array(cells).fill(Infinity);
    const n = species.length;
    this.a = new Float64Array(n);
    this.da = new Float64Array(n);
    this.b = new Float64Array(n);
    this.db = new Float64Array(n);
  }

  /**
   * Adds one step's time-integrated concentration, wet deposition and arrival to the cells within CUTOFF_SIGMAS·σ
   * across its track and ALONG_SIGMAS·σ beyond its ends (further along-track tails belong to the neighbouring steps'
   * windows). Returns false when the step's reach misses the grid.
   */
  sample(st: Step): boolean {
    const { px, py, ex, ey, len } = st;
    const sigmaMax = st.sigma[TABLE_INTERVALS]!;
    const across = CUTOFF_SIGMAS * sigmaMax;
    const along = ALONG_SIGMAS * sigmaMax;
    const qx = px + ex * len;
    const qy = py + ey * len;
    const bx0 = Math.min(px, qx) - across;
    const bx1 = Math.max(px, qx) + across;
    const by0 = Math.min(py, qy) - across;
    const by1 = Math.max(py, qy) + across;
    if (bx1 < this.x0 || bx0 > this.x1 || by1 < this.y0 || by0 > this.y1) return false;
    const scale = INV_2_SQRT_2PI / st.v;
    const ns = this.tic.length;
    for (let n = 0; n < ns; n++) {
      this.a[n] = st.m0[n]! * scale;
      this.da[n] = (st.m1[n]! - st.m0[n]!) * scale;
      this.b[n] = st.wetRates[n]! * this.a[n]!;
      this.db[n] = st.wetRates[n]! * this.da[n]!;
    }
    const i0 = Math.max(0, Math.ceil((bx0 - this.x0) / this.dx));
    const i1 = Math.min(this.nx - 1, Math.floor((bx1 - this.x0) / this.dx));
    const j0 = Math.max(0, Math.ceil((by0 - this.y0) / this.dy));
    const j1 = Math.min(this.ny - 1, Math.floor((by1 - this.y0) / this.dy));
    for (let j = j0; j <= j1; j++) {
      const Y = this.ys[j]! - py;
      // The row's cells with |d| ≤ across and −along ≤ s ≤ len + along, as an interval of X = x − px.
      let lo = -Infinity;
      let hi = Infinity;
      if (Math.abs(ex) > 1e-12) {
        const u1 = (-along - Y * ey) / ex;
        const u2 = (len + along - Y * ey) / ex;
        lo = Math.max(lo, Math.min(u1, u2));
        hi = Math.min(hi, Math.max(u1, u2));
      } else if (Y * ey < -along || Y * ey > len + along) continue;
      if (Math.abs(ey) > 1e-12) {
        const u1 = (Y * ex - across) / ey;
        const u2 = (Y * ex + across) / ey;
        lo = Math.max(lo, Math.min(u1, u2));
        hi = Math.min(hi, Math.max(u1, u2));
      } else if (Math.abs(Y * ex) > across) continue;
      const ia = Math.max(i0, Math.ceil((px + lo - this.x0) / this.dx));
      const ib = Math.min(i1, Math.floor((px + hi - this.x0) / this.dx));
      if (ia <= ib) this.sampleRow(st, j, ia, ib, Y);
    }
    return true;
  }

  private sampleRow(st: Step, j: number, ia: number, ib: number, Y: number): void {
    const { px, ex, ey, len, sigma: sTab, g: gTab } = st;
    const ns = this.tic.length;
    const row = j * this.nx;
    const near2 = NEAR_SIGMAS * NEAR_SIGMAS;
    for (let i = ia; i <= ib; i++) {
      const X = this.xs[i]! - px;
      const s = X * ex + Y * ey;
      const d = X * ey - Y * ex;
      const closest = s <= 0 ? 0 : s >= len ? len : s;
      const share = closest / len;
      const f = share * TABLE_INTERVALS;
      const q = f >= TABLE_INTERVALS ? TABLE_INTERVALS - 1 : Math.floor(f);
      const w = f - q;
      const sigma = sTab[q]! + (sTab[q + 1]! - sTab[q]!) * w;
      const g = gTab[q]! + (gTab[q + 1]! - gTab[q]!) * w;
      const inv = 1 / sigma;
      const u = s * inv;
      const uEnd = (s - len) * inv;
      // The along-track window erf(s/√2σ) − erf((s−L)/√2σ) is 2 to within 1e-7 well inside the step.
      const window =
        u > WINDOW_FULL && uEnd < -WINDOW_FULL ? 2 : erf(u * Math.SQRT1_2) - erf(uEnd * Math.SQRT1_2);
      const r = d * inv;
      const kernel = Math.exp(-0.5 * r * r) * window * inv;
      if (!(kernel > 0)) continue;
      const cell = row + i;
      for (let n = 0; n < ns; n++) {
        this.tic[n]![cell]! += (this.a[n]! + this.da[n]! * share) * g * kernel;
        const wn = this.wet[n];
        if (wn) wn[cell]! += (this.b[n]! + this.db[n]! * share) * kernel;
      }
      // Arrival: when the puff passes closest, within this step (a cell still ahead is left to the next step).
      if (s > len) continue;
      const behind = s - closest;
      const time = st.t + closest / st.v;
      if (d * d + behind * behind <= near2 * sigma * sigma) {
        if (time < this.near[cell]!) this.near[cell] = time;
      } else if (time < this.far[cell]!) this.far[cell] = time;
    }
  }
}

/** Runs the puff train; see the module comment for the model. */
export function puffTrain(p: PuffTrainInput): PuffTrainResult {
  checkInput(p);
  const { periods, species } = p;
  const grid = new PuffGrid(p.xs, p.ys, species);
  const ns = species.length;
  const lid = p.mixingHeightM;
  const lidOption = lid !== undefined ? { mixingHeight: lid } : {};
  const maxAge = p.maxAgeS ?? DEFAULT_MAX_AGE_S;
  const last = periods.length - 1;

  const curves = new Map<StabilityClass, { y: SigmaCurve; z: SigmaCurve }>();
  const curve = (stability: StabilityClass) => {
    let c = curves.get(stability);
    if (!c) {
      c = {
        y: new SigmaCurve((x) => sigmaY(p.sigma, stability, x)),
        z: new SigmaCurve((x) => sigmaZ(p.sigma, stability, x)),
      };
      curves.set(stability, c);
    }
    return c;
  };

  // Release schedule: puffs no more than one cell apart at the fastest wind blowing during the release.
  let fastest = 0;
  for (const period of periods) if (period.startS < p.durationS) fastest = Math.max(fastest, period.speedMS);
  const puffs = Math.min(
    MAX_PUFFS,
    Math.max(1, Math.ceil((p.durationS * fastest) / Math.min(grid.dx, grid.dy))),
  );
  const interval = p.durationS / puffs;

  const lambda = species.map((s) => (s.halfLifeS === Infinity ? 0 : Math.LN2 / s.halfLifeS));
  const wetRates = periods.map((_, k) => Float64Array.from(species, (s) => s.wetRatesPerS[k]!));
  const step: Step = {
    px: 0,
    py: 0,
    ex: 0,
    ey: 0,
    len: 0,
    t: 0,
    v: 0,
    m0: new Float64Array(ns),
    m1: new Float64Array(ns),
    wetRates: wetRates[0]!,
    sigma: new Float64Array(TABLE_INTERVALS + 1),
    g: new Float64Array(TABLE_INTERVALS + 1),
  };

  for (let k = 0; k < puffs; k++) {
    const released = (k + 0.5) * interval;
    let pi = 0;
    while (pi < last && periods[pi + 1]!.startS <= released) pi++;
    const h = periods[pi]!.releaseHeightM;
    let t = released;
    let px = 0;
    let py = 0;
    // Virtual distances for σy and σz (the distance travelled until the stability changes).
    let xvy = 0;
    let xvz = 0;
    step.m0.fill(1 / puffs);
    while (t - released < maxAge) {
      const period = periods[pi]!;
      const end = pi < last ? periods[pi + 1]!.startS : Infinity;
      if (t >= end) {
        [xvy, xvz] = carryOver(curve(period.stability), curve(periods[pi + 1]!.stability), xvy, xvz);
        pi++;
        continue;
      }
      const v = period.speedMS;
      const bearing = (period.towardDeg * Math.PI) / 180;
      const c = curve(period.stability);
      const tau = Math.min(
        Math.max(MIN_STEP_M, STEP_FRACTION * Math.min(xvy, xvz)) / v,
        end - t,
        released + maxAge - t,
      );
      const len = v * tau;

      // Mass along the step: decay, dry depletion over the step's ∫g(0)ds, wet scavenging in this period's rain.
      const ground = groundIntegral({ h, sigmaZ: (x) => c.z.at(x), ...lidOption }, xvz, xvz + len);
      let alive = false;
      for (let n = 0; n < ns; n++) {
        const loss =
          lambda[n]! * tau + (species[n]!.depositionVelocityMS * ground) / v + wetRates[pi]![n]! * tau;
        step.m1[n] = step.m0[n]! * Math.exp(-loss);
        if (step.m0[n]! > 0) alive = true;
      }
      if (!alive) break;
      for (let q = 0; q <= TABLE_INTERVALS; q++) {
        const along = (len * q) / TABLE_INTERVALS;
        step.sigma[q] = c.y.at(Math.max(xvy + along, SIGMA_FLOOR_M));
        const sz = c.z.at(Math.max(xvz + along, SIGMA_FLOOR_M));
        step.g[q] = verticalDistribution({ h, z: p.receptorHeightM, sigmaZ: sz, ...lidOption });
      }
      step.px = px;
      step.py = py;
      step.ex = Math.sin(bearing);
      step.ey = Math.cos(bearing);
      step.len = len;
      step.t = t;
      step.v = v;
      step.wetRates = wetRates[pi]!;
      const onGrid = len > 0 && grid.sample(step);

      px += step.ex * len;
      py += step.ey * len;
      xvy += len;
      xvz += len;
      t += tau;
      step.m0.set(step.m1);
      // Gone for good: past the grid and moving away, with no weather change to come.
      if (pi === last && !onGrid && px * step.ex + py * step.ey > 0) break;
    }
  }

  const cells = grid.nx * grid.ny;
  const arrivalS = new Float64Array(cells);
  for (let c = 0; c < cells; c++) arrivalS[c] = grid.near[c]! < Infinity ? grid.near[c]! : grid.far[c]!;
  return { tic: grid.tic, wet: grid.wet, arrivalS, puffs, releaseIntervalS: interval };
}
