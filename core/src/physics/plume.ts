/**
 * Gaussian plume and puff equations, Briggs plume rise and decay in transit (shared/reference/physics.md
 * §2.1–2.3, §2.7, §2.10). Pure functions, no I/O: the same code runs in Node and in the browser.
 *
 * Coordinates: x downwind, y crosswind, z above ground (m). σy, σz (m) are INPUTS — the σ set is chosen by the
 * caller (core/src/physics/sigma.ts). Upwind receptors (x ≤ 0) are the caller's business for the point
 * functions (σ is undefined there); `plumeGrid` returns 0 for columns with x ≤ 0 without calling the σ source.
 * Constants live in core/src/reference/plume.json with their sources.
 */
import data from '../reference/plume.json' with { type: 'json' };
import { SECONDS_PER, type TimeUnit } from '../reference/nuclides.js';
import { crosswindByRecurrence, evenlySpaced } from './grid-kernel.js';

export const PLUME_REFERENCE_EDITION: string = data.edition;
export const PLUME_REFERENCE_SOURCES: Readonly<Record<string, string>> = data.sources;

const WELL_MIXED_RATIO = data.mixing.wellMixedSigmaZOverL.value;
const B = data.briggs;
const SQRT_2PI = Math.sqrt(2 * Math.PI);
const TWO_PI_3_2 = Math.pow(2 * Math.PI, 1.5);
/**
 * Image terms whose distance from the receptor exceeds this many σz are dropped: each is < exp(−40.5) ≈ 2.6e-18
 * of a unit term. With the well-mixed switch at σz > 1.6 L this means at most |n| ≤ ~9 image pairs.
 */
const IMAGE_CUTOFF_SIGMAS = 9;

/** Pasquill class; structurally the same union as the σ module's StabilityClass (not re-exported to avoid a clash). */
type StabilityClass = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';
const STABILITY_CLASSES: readonly string[] = ['A', 'B', 'C', 'D', 'E', 'F'];

// ---------------------------------------------------------------------------------------------- validation

function finite(name: string, v: number): void {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`${name} must be a finite number`);
}
function positive(name: string, v: number): void {
  finite(name, v);
  if (v <= 0) throw new RangeError(`${name} must be > 0 (got ${v})`);
}
function nonNegative(name: string, v: number): void {
  finite(name, v);
  if (v < 0) throw new RangeError(`${name} must be ≥ 0 (got ${v})`);
}
function optionalLid(v: number | undefined): void {
  if (v !== undefined) positive('mixingHeight', v);
}

// ---------------------------------------------------------------------------------------- vertical factor

/**
 * Vertical distribution g(z) (1/m): the vertical part of the plume and puff equations, normalised so that
 * ∫₀^∞ g dz = 1 (ground reflection) or ∫₀^L g dz = 1 (ground and lid). Unchecked; inputs already validated.
 *
 * - no lid: g = [exp(−(z−h)²/2σz²) + exp(−(z+h)²/2σz²)] / (√(2π)·σz)  (physics.md §2.1)
 * - lid L, h < L, z ≤ L, σz ≤ 1.6 L: image sum Σₙ [exp(−(z−h+2nL)²/2σz²) + exp(−(z+h+2nL)²/2σz²)] / (√(2π)σz)
 *   over n = −N…N, N = ⌈(9σz + h + z)/(2L)⌉ (every dropped term < e^−40.5); physics.md §2.2,
 *   Fundamentals of Air Pollution 3E Eq. 19-4 (which notes N = −4…4 usually suffices).
 * - lid, σz > 1.6 L: well mixed, g = 1/L (Turner's rule, Fundamentals p. 298–299, Eq. 19-3; ISC3 Vol. II).
 * - lid, h < L, z > L: 0 (the receptor is above the lid).
 * - lid, h ≥ L: the plume is taken to have penetrated the lid (ISC3 practice): 0 below L, and above L the
 *   ground-reflected form without lid (a simplification; such receptors are not used for ground doses).
 */
function verticalFactorUnchecked(h: number, z: number, sigmaZ: number, lid: number | undefined): number {
  if (lid === undefined) return groundReflected(h, z, sigmaZ);
  if (h >= lid) return z < lid ? 0 : groundReflected(h, z, sigmaZ);
  if (z > lid) return 0;
  if (sigmaZ > WELL_MIXED_RATIO * lid) return 1 / lid;
  const k = -0.5 / (sigmaZ * sigmaZ);
  const n = Math.ceil((IMAGE_CUTOFF_SIGMAS * sigmaZ + h + z) / (2 * lid));
  let sum = 0;
  for (let i = -n; i <= n; i++) {
    const a = z - h + 2 * i * lid;
    const b = z + h + 2 * i * lid;
    sum += Math.exp(k * a * a) + Math.exp(k * b * b);
  }
  return sum / (SQRT_2PI * sigmaZ);
}

function groundReflected(h: number, z: number, sigmaZ: number): number {
  const k = -0.5 / (sigmaZ * sigmaZ);
  const a = z - h;
  const b = z + h;
  return (Math.exp(k * a * a) + Math.exp(k * b * b)) / (SQRT_2PI * sigmaZ);
}

/** Vertical distribution g (1/m), see `verticalFactorUnchecked`; validated. */
export function verticalDistribution(input: {
  h: number;
  z: number;
  sigmaZ: number;
  mixingHeight?: number;
}): number {
  nonNegative('h', input.h);
  nonNegative('z', input.z);
  positive('sigmaZ', input.sigmaZ);
  optionalLid(input.mixingHeight);
  return verticalFactorUnchecked(input.h, input.z, input.sigmaZ, input.mixingHeight);
}

/** True when the well-mixed limit applies (σz > 1.6·L, Turner's rule). */
export function isWellMixed(sigmaZ: number, mixingHeight: number | undefined): boolean {
  return mixingHeight !== undefined && sigmaZ > WELL_MIXED_RATIO * mixingHeight;
}

// ----------------------------------------------------------------------------------------------- plume

export interface PlumeInput {
  /** Release rate (any unit per second, ≥ 0). */
  q: number;
  /** Wind speed at release height (m/s, > 0). */
  u: number;
  /** Effective release height (m, ≥ 0). */
  h: number;
  /** Crosswind distance from the plume axis (m). */
  y: number;
  /** Receptor height above ground (m, ≥ 0). */
  z: number;
  sigmaY: number;
  sigmaZ: number;
  /** Mixing (lid) height L (m); omitted = unbounded. */
  mixingHeight?: number;
}

function validatePlume(p: PlumeInput): void {
  nonNegative('q', p.q);
  positive('u', p.u);
  nonNegative('h', p.h);
  finite('y', p.y);
  nonNegative('z', p.z);
  positive('sigmaY', p.sigmaY);
  positive('sigmaZ', p.sigmaZ);
  optionalLid(p.mixingHeight);
}

/**
 * Steady Gaussian plume (release unit per m³): C = q/(√(2π)·u·σy) · exp(−y²/2σy²) · g(z), g as in
 * `verticalDistribution` — i.e. physics.md §2.1 with ground reflection, and §2.2 lid reflections / well-mixed
 * limit C = q/(√(2π)·σy·u·L)·exp(−y²/2σy²) when σz > 1.6 L. Throws RangeError naming the bad argument.
 */
export function plumeConcentration(p: PlumeInput): number {
  validatePlume(p);
  const g = verticalFactorUnchecked(p.h, p.z, p.sigmaZ, p.mixingHeight);
  if (g === 0 || p.q === 0) return 0;
  return (p.q / (SQRT_2PI * p.u * p.sigmaY)) * Math.exp((-0.5 * p.y * p.y) / (p.sigmaY * p.sigmaY)) * g;
}

export interface Sigmas {
  sigmaY: number;
  sigmaZ: number;
}

export interface PlumeGridInput {
  q: number;
  u: number;
  h: number;
  /** Receptor height (m) shared by the whole grid. */
  z: number;
  /** Downwind distances of the columns (m); x ≤ 0 gives a column of zeros. */
  xs: Float64Array;
  /** Crosswind distances of the rows (m). */
  ys: Float64Array;
  /**
   * σ source: a function of x (m) called once per column with x > 0, or arrays aligned with `xs`
   * (entries for x ≤ 0 are ignored).
   */
  sigma: ((x: number) => Sigmas) | { sigmaY: Float64Array; sigmaZ: Float64Array };
  mixingHeight?: number;
  /** Optional output buffer of length ys.length·xs.length to reuse (no allocation). */
  out?: Float64Array;
}

/**
 * Plume concentrations on a grid, row-major: out[iy·nx + ix] = C(xs[ix], ys[iy], z). σ and the vertical
 * factor are computed once per column. Evenly spaced ys (the usual map grid) are filled by the crosswind
 * recurrence of grid-kernel.ts, two multiplications per cell; other ys by one multiply and one exp per cell.
 */
export function plumeGrid(p: PlumeGridInput): Float64Array {
  nonNegative('q', p.q);
  positive('u', p.u);
  nonNegative('h', p.h);
  nonNegative('z', p.z);
  optionalLid(p.mixingHeight);
  const nx = p.xs.length;
  const ny = p.ys.length;
  const sigmaFn = typeof p.sigma === 'function' ? p.sigma : null;
  const sigmaArr = typeof p.sigma === 'function' ? null : p.sigma;
  if (sigmaArr && (sigmaArr.sigmaY.length !== nx || sigmaArr.sigmaZ.length !== nx)) {
    throw new RangeError('sigma arrays must have the same length as xs');
  }
  const out = p.out ?? new Float64Array(nx * ny);
  if (out.length !== nx * ny) throw new RangeError('out must have length xs.length·ys.length');
  const amp = new Float64Array(nx); // q·g/(√(2π)·u·σy) per column
  const k = new Float64Array(nx); // −1/(2σy²) per column
  for (let ix = 0; ix < nx; ix++) {
    const x = p.xs[ix]!;
    if (!Number.isFinite(x)) finite('xs[' + ix + ']', x);
    if (x <= 0 || p.q === 0) continue;
    let sy: number;
    let sz: number;
    if (sigmaFn) {
      const s = sigmaFn(x);
      sy = s.sigmaY;
      sz = s.sigmaZ;
    } else {
      sy = sigmaArr!.sigmaY[ix]!;
      sz = sigmaArr!.sigmaZ[ix]!;
    }
    // The argument's name is built only when a check fails (a string per column would cost more than the column).
    if (!(sy > 0 && sy < Infinity)) positive(`sigmaY at x=${x}`, sy);
    if (!(sz > 0 && sz < Infinity)) positive(`sigmaZ at x=${x}`, sz);
    amp[ix] = (p.q / (SQRT_2PI * p.u * sy)) * verticalFactorUnchecked(p.h, p.z, sz, p.mixingHeight);
    k[ix] = -0.5 / (sy * sy);
  }
  for (let iy = 0; iy < ny; iy++) if (!Number.isFinite(p.ys[iy]!)) finite('ys[' + iy + ']', p.ys[iy]!);
  if (ny >= 3 && evenlySpaced(p.ys)) {
    crosswindByRecurrence(p.ys, amp, k, out);
    return out;
  }
  for (let iy = 0; iy < ny; iy++) {
    const y = p.ys[iy]!;
    const y2 = y * y;
    const row = iy * nx;
    for (let ix = 0; ix < nx; ix++) {
      const a = amp[ix]!;
      out[row + ix] = a === 0 ? 0 : a * Math.exp(k[ix]! * y2);
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------------ puff

export interface PuffInput {
  /** Total released quantity in the puff (any unit, ≥ 0). */
  qTotal: number;
  /** Puff centre (m), e.g. xCentre = u·t along the wind. */
  xCentre: number;
  yCentre: number;
  /** Effective release (puff centre) height (m). */
  h: number;
  x: number;
  y: number;
  z: number;
  sigmaX: number;
  sigmaY: number;
  sigmaZ: number;
  mixingHeight?: number;
}

/**
 * Instantaneous Gaussian puff (unit per m³), physics.md §2.3:
 * C = qTotal/((2π)^{3/2}σxσyσz)·exp(−(x−xc)²/2σx²)·exp(−(y−yc)²/2σy²)·[ground (and lid) reflections],
 * written as qTotal/(2π·σx·σy)·exp(…)·exp(…)·g(z) with the same vertical factor as the plume.
 */
export function puffConcentration(p: PuffInput): number {
  nonNegative('qTotal', p.qTotal);
  finite('xCentre', p.xCentre);
  finite('yCentre', p.yCentre);
  nonNegative('h', p.h);
  finite('x', p.x);
  finite('y', p.y);
  nonNegative('z', p.z);
  positive('sigmaX', p.sigmaX);
  positive('sigmaY', p.sigmaY);
  positive('sigmaZ', p.sigmaZ);
  optionalLid(p.mixingHeight);
  const g = verticalFactorUnchecked(p.h, p.z, p.sigmaZ, p.mixingHeight);
  if (g === 0 || p.qTotal === 0) return 0;
  const dx = p.x - p.xCentre;
  const dy = p.y - p.yCentre;
  return (
    ((p.qTotal * SQRT_2PI) / (TWO_PI_3_2 * p.sigmaX * p.sigmaY)) *
    Math.exp((-0.5 * dx * dx) / (p.sigmaX * p.sigmaX)) *
    Math.exp((-0.5 * dy * dy) / (p.sigmaY * p.sigmaY)) *
    g
  );
}

/**
 * Time-integrated concentration of a puff passing a fixed receptor (unit·s/m³), σ frozen at the receptor's
 * distance: ∫C dt = qTotal/(√(2π)·u·σy)·exp(−y²/2σy²)·g(z) — the plume formula with q → qTotal
 * (physics.md §2.3 "Identity for tests"). y is measured from the puff track.
 */
export function timeIntegratedPuff(p: {
  qTotal: number;
  u: number;
  h: number;
  y: number;
  z: number;
  sigmaY: number;
  sigmaZ: number;
  mixingHeight?: number;
}): number {
  nonNegative('qTotal', p.qTotal);
  const { qTotal, ...rest } = p;
  return plumeConcentration({ ...rest, q: qTotal });
}

// ------------------------------------------------------------------------------------- Briggs plume rise

/** Buoyancy flux F_b = g·v_s·d_s²·(T_s−T_a)/(4T_s) (m⁴/s³), physics.md §2.7; 0 when T_s ≤ T_a. */
export function buoyancyFluxFromStack(s: {
  exitVelocityMS: number;
  diameterM: number;
  stackTempK: number;
  ambientTempK: number;
}): number {
  nonNegative('exitVelocityMS', s.exitVelocityMS);
  positive('diameterM', s.diameterM);
  positive('stackTempK', s.stackTempK);
  positive('ambientTempK', s.ambientTempK);
  const dT = Math.max(0, s.stackTempK - s.ambientTempK);
  return (B.gravity.value * s.exitVelocityMS * s.diameterM * s.diameterM * dT) / (4 * s.stackTempK);
}

/** Momentum flux F_m = v_s²·d_s²·T_a/(4T_s) (m⁴/s²), physics.md §2.7. */
export function momentumFluxFromStack(s: {
  exitVelocityMS: number;
  diameterM: number;
  stackTempK: number;
  ambientTempK: number;
}): number {
  nonNegative('exitVelocityMS', s.exitVelocityMS);
  positive('diameterM', s.diameterM);
  positive('stackTempK', s.stackTempK);
  positive('ambientTempK', s.ambientTempK);
  return (s.exitVelocityMS ** 2 * s.diameterM ** 2 * s.ambientTempK) / (4 * s.stackTempK);
}

/**
 * Buoyancy flux of a fire or hot release from its sensible heat release rate (MW):
 * F = g·Q_H/(π·c_p·ρ_a·T_a) with ρ_a = p/(R_d·T_a), i.e. F = g·Q_H·R_d/(π·c_p·p) ≈ 8.8 m⁴/s³ per MW
 * (Briggs 1975; independent of T_a). Constants in plume.json (to_verify).
 */
export function buoyancyFluxFromHeat(heatReleaseMW: number): number {
  nonNegative('heatReleaseMW', heatReleaseMW);
  return (
    (B.gravity.value * heatReleaseMW * 1e6 * B.dryAirGasConstant.value) /
    (Math.PI * B.airHeatCapacity.value * B.referencePressure.value)
  );
}

/** Stability parameter s = (g/T_a)·dθ/dz (s⁻²) for E and F (dθ/dz from plume.json); null for A–D. */
export function stabilityParameter(stability: StabilityClass, ambientTempK: number): number | null {
  checkStability(stability);
  positive('ambientTempK', ambientTempK);
  if (stability !== 'E' && stability !== 'F') return null;
  return (B.gravity.value / ambientTempK) * B.potentialTemperatureGradient[stability].value;
}

function checkStability(s: string): void {
  if (!STABILITY_CLASSES.includes(s)) throw new RangeError(`stability must be one of A–F (got ${String(s)})`);
}

export interface PlumeRise {
  /** Rise at the requested distance (m); equals finalRiseM when no distance was given or x ≥ x_f. */
  riseM: number;
  finalRiseM: number;
  /** Distance to final rise x_f (m). */
  distanceToFinalM: number;
  regime: 'buoyant' | 'momentum';
  buoyancyFlux: number;
  momentumFlux: number | null;
}

/**
 * Buoyant Briggs rise from a buoyancy flux alone (fires, heat release; physics.md §2.7).
 * A–D: final Δh = 21.425·F^{3/4}/u (F < 55) or 38.71·F^{3/5}/u, x_f = 49·F^{5/8} or 119·F^{2/5}, gradual
 * Δh(x) = 1.60·(F·x²/u³)^{1/3} for x < x_f. E–F: Δh = min(2.6·(F/(u·s))^{1/3}, 4·F^{1/4}·s^{−3/8}),
 * x_f = 2.0715·u/√s; gradual 1.60 law for x < x_f, capped at the final rise.
 */
export function briggsBuoyantRise(p: {
  buoyancyFlux: number;
  u: number;
  stability: StabilityClass;
  ambientTempK: number;
  x?: number;
}): PlumeRise {
  nonNegative('buoyancyFlux', p.buoyancyFlux);
  positive('u', p.u);
  checkStability(p.stability);
  positive('ambientTempK', p.ambientTempK);
  if (p.x !== undefined) nonNegative('x', p.x);
  const f = p.buoyancyFlux;
  const s = stabilityParameter(p.stability, p.ambientTempK);
  let final: number;
  let xf: number;
  if (s === null) {
    const low = f < B.buoyancyFluxBreak.value;
    const fr = low ? B.finalRiseLow : B.finalRiseHigh;
    const xd = low ? B.distanceToFinalLow : B.distanceToFinalHigh;
    final = (fr.coefficient * Math.pow(f, fr.exponent)) / p.u;
    xf = xd.coefficient * Math.pow(f, xd.exponent);
  } else {
    final = Math.min(
      B.stableRise.coefficient * Math.cbrt(f / (p.u * s)),
      B.stableCalm.coefficient * Math.pow(f, 0.25) * Math.pow(s, -0.375),
    );
    xf = (B.stableDistance.coefficient * p.u) / Math.sqrt(s);
  }
  let rise = final;
  if (p.x !== undefined && p.x < xf) {
    rise = Math.min(final, B.gradualRise.coefficient * Math.cbrt((f * p.x * p.x) / p.u ** 3));
  }
  return {
    riseM: rise,
    finalRiseM: final,
    distanceToFinalM: xf,
    regime: 'buoyant',
    buoyancyFlux: f,
    momentumFlux: null,
  };
}

/**
 * Briggs rise from stack parameters (ISC3 logic, physics.md §2.7): buoyancy-dominated when
 * T_s − T_a > ΔT_c (crossover), else momentum rise: A–D Δh = 3·d_s·v_s/u (gradual
 * (3·F_m·x/(β_j²u²))^{1/3}, β_j = 1/3 + u/v_s, ISC3); E–F min(1.5·(F_m/(v_s·√s))^{1/3}, 3·d_s·v_s/u).
 * Momentum x_f: A–D as for buoyancy; E–F x_f = 0.5·π·u/√s (ISC3), the stable momentum rise being applied
 * as final at all distances (as ISC3 does).
 */
export function briggsRiseFromStack(p: {
  exitVelocityMS: number;
  diameterM: number;
  stackTempK: number;
  ambientTempK: number;
  u: number;
  stability: StabilityClass;
  x?: number;
}): PlumeRise {
  positive('u', p.u);
  checkStability(p.stability);
  if (p.x !== undefined) nonNegative('x', p.x);
  const fb = buoyancyFluxFromStack(p);
  const fm = momentumFluxFromStack(p);
  const vs = p.exitVelocityMS;
  const ds = p.diameterM;
  const ts = p.stackTempK;
  const dT = ts - p.ambientTempK;
  const s = stabilityParameter(p.stability, p.ambientTempK);
  let crossover: number;
  if (s === null) {
    crossover =
      fb < B.buoyancyFluxBreak.value
        ? B.crossoverLow.coefficient * ts * Math.cbrt(vs / ds)
        : B.crossoverHigh.coefficient * ts * Math.cbrt((vs * vs) / ds);
  } else {
    crossover = B.crossoverStable.coefficient * ts * vs * Math.sqrt(s);
  }
  if (fb > 0 && dT > crossover) {
    return {
      ...briggsBuoyantRise({
        buoyancyFlux: fb,
        u: p.u,
        stability: p.stability,
        ambientTempK: p.ambientTempK,
        x: p.x,
      }),
      momentumFlux: fm,
    };
  }
  const neutral = (B.momentumRiseNeutral.coefficient * ds * vs) / p.u;
  if (s === null) {
    const low = fb < B.buoyancyFluxBreak.value;
    const xd = low ? B.distanceToFinalLow : B.distanceToFinalHigh;
    const xf = fb > 0 ? xd.coefficient * Math.pow(fb, xd.exponent) : 0;
    let rise = neutral;
    if (p.x !== undefined && p.x < xf && vs > 0) {
      const beta = 1 / 3 + p.u / vs;
      rise = Math.min(
        neutral,
        Math.cbrt((B.momentumGradual.coefficient * fm * p.x) / (beta * beta * p.u * p.u)),
      );
    }
    return {
      riseM: rise,
      finalRiseM: neutral,
      distanceToFinalM: xf,
      regime: 'momentum',
      buoyancyFlux: fb,
      momentumFlux: fm,
    };
  }
  const stable = vs > 0 ? B.stableMomentum.coefficient * Math.cbrt(fm / (vs * Math.sqrt(s))) : 0;
  const final = Math.min(stable, neutral);
  const xf = (B.stableMomentumDistance.coefficient * Math.PI * p.u) / Math.sqrt(s);
  return {
    riseM: final,
    finalRiseM: final,
    distanceToFinalM: xf,
    regime: 'momentum',
    buoyancyFlux: fb,
    momentumFlux: fm,
  };
}

/** Effective release height H = physical height + rise (m). */
export function effectiveHeight(stackHeightM: number, riseM: number): number {
  nonNegative('stackHeightM', stackHeightM);
  nonNegative('riseM', riseM);
  return stackHeightM + riseM;
}

// --------------------------------------------------------------------------------------- decay in transit

/** Fraction remaining after travel: exp(−ln2·t/T½) (physics.md §2.10). halfLifeS = Infinity → 1. */
export function decayFactor(halfLifeS: number, travelTimeS: number): number {
  if (halfLifeS !== Infinity) positive('halfLifeS', halfLifeS);
  nonNegative('travelTimeS', travelTimeS);
  if (halfLifeS === Infinity) return 1;
  return Math.exp((-Math.LN2 * travelTimeS) / halfLifeS);
}

export interface ProgenyActivity {
  parentBq: number;
  progenyBq: number;
}

/**
 * Bateman solution for one parent → one progeny over time t (activities, Bq):
 * A₁(t) = A₁(0)e^{−λ₁t};
 * A₂(t) = b·A₁(0)·λ₂/(λ₂−λ₁)·(e^{−λ₁t} − e^{−λ₂t}) + A₂(0)·e^{−λ₂t}.
 * progenyInitialBq defaults to the equilibrium value b·A₁(0)·λ₂/(λ₂−λ₁) (λ₂ > λ₁), so a released
 * Cs-137 source with its Ba-137m stays in equilibrium (physics.md §2.10: never decay Ba-137m on its own).
 */
export function batemanParentProgeny(p: {
  parentInitialBq: number;
  parentHalfLifeS: number;
  progenyHalfLifeS: number;
  branching: number;
  timeS: number;
  progenyInitialBq?: number;
}): ProgenyActivity {
  nonNegative('parentInitialBq', p.parentInitialBq);
  positive('parentHalfLifeS', p.parentHalfLifeS);
  positive('progenyHalfLifeS', p.progenyHalfLifeS);
  finite('branching', p.branching);
  if (p.branching < 0 || p.branching > 1) throw new RangeError('branching must be within [0, 1]');
  nonNegative('timeS', p.timeS);
  const l1 = Math.LN2 / p.parentHalfLifeS;
  const l2 = Math.LN2 / p.progenyHalfLifeS;
  const a10 = p.parentInitialBq;
  const e1 = Math.exp(-l1 * p.timeS);
  const e2 = Math.exp(-l2 * p.timeS);
  let a20: number;
  if (p.progenyInitialBq !== undefined) {
    nonNegative('progenyInitialBq', p.progenyInitialBq);
    a20 = p.progenyInitialBq;
  } else {
    if (!(l2 > l1)) throw new RangeError('progenyInitialBq is required when the progeny outlives the parent');
    a20 = (p.branching * a10 * l2) / (l2 - l1);
  }
  let ingrowth: number;
  if (Math.abs(l2 - l1) < 1e-12 * l2) {
    ingrowth = p.branching * a10 * l2 * p.timeS * e1; // λ₁ = λ₂ limit
  } else {
    ingrowth = ((p.branching * a10 * l2) / (l2 - l1)) * (e1 - e2);
  }
  return { parentBq: a10 * e1, progenyBq: ingrowth + a20 * e2 };
}

export interface ProgenyReference {
  parent: string;
  progeny: string;
  branching: number;
  progenyHalfLifeS: number;
}

/** Parent → progeny pairs in plume.json (Cs-137 → Ba-137m 0.944, Sr-90 → Y-90 1.0). */
export const PROGENY: Readonly<Record<string, ProgenyReference>> = Object.fromEntries(
  Object.entries(data.progeny).map(([parent, r]) => [
    parent,
    {
      parent,
      progeny: r.progeny,
      branching: r.branching.value,
      progenyHalfLifeS: r.progenyHalfLife.value * SECONDS_PER[r.progenyHalfLife.unit as TimeUnit],
    },
  ]),
);
