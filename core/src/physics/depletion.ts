/**
 * Plume depletion by deposition (shared/reference/physics.md §2.8–2.9), pure functions shared by the steady plume
 * and the puff train.
 *
 * Dry deposition, source-depletion model (Chamberlain; Van der Hoven 1968; as in HotSpot, RASCAL and ISC3):
 * activity leaves the plume at the rate v_d·C(x, y, 0) integrated across the wind, so with the plume's vertical
 * distribution g(z) (1/m, ∫g dz = 1, as `verticalDistribution` in plume.ts):
 *
 *     Q(x)/Q0 = exp[ −(v_d/u) · ∫0^x g(0; h, σz(x'), L) dx' ]
 *
 * With ground reflection only, g(0) = √(2/π)·exp(−h²/2σz²)/σz: physics.md's formula exactly. With a lid the same
 * integral uses the lid images, and in the well-mixed limit g(0) = 1/L, the familiar exp(−v_d·x/(u·L)).
 *
 * Near the source: the σ sets are fitted from 100 m on (their lower validity limit), and below it σ is held at its
 * 100 m value (`SIGMA_FLOOR_M`), in the depletion integral as in the concentrations. For a ground release the true
 * integrand grows like 1/σz towards the source (and diverges logarithmically for Briggs' σz ∝ x), so this takes
 * less activity out within the first 100 m than an extrapolated σz would: the air concentrations and deposition
 * further out err on the high side.
 *
 * Wet scavenging: Q(x)/Q0 = exp(−Λ·t) after a travel time t = x/u (physics.md §2.9).
 */
import { verticalDistribution } from './plume.js';

/** Below this distance from the source σy and σz are held at their value here (the σ sets' validity limit). */
export const SIGMA_FLOOR_M = 100;

/** Log-spaced Simpson panels per unit of ln(b/a): 20 per e-fold keeps the integral within ~1e-6 of exact. */
const PANELS_PER_EFOLD = 20;

export interface GroundIntegralInput {
  /** Effective release height (m). */
  h: number;
  mixingHeight?: number;
  /** σz (m) at a downwind (or travel) distance x > 0; called with x ≥ floorM only. */
  sigmaZ: (x: number) => number;
  /** Distance below which σz is held constant (m), default SIGMA_FLOOR_M. */
  floorM?: number;
}

/** Ground-level value of the vertical distribution, g(0) (1/m). */
export function groundLevelFactor(h: number, sigmaZ: number, mixingHeight?: number): number {
  return verticalDistribution({
    h,
    z: 0,
    sigmaZ,
    ...(mixingHeight !== undefined ? { mixingHeight } : {}),
  });
}

/**
 * ∫_a^b g(0; h, σz(max(x, floor)), L) dx (dimensionless), 0 ≤ a ≤ b: exact on the constant part below the floor,
 * composite Simpson in ln x above it (g varies smoothly with ln x, steeply with x near the source).
 */
export function groundIntegral(p: GroundIntegralInput, a: number, b: number): number {
  if (!(a >= 0 && b >= a)) throw new RangeError(`need 0 ≤ a ≤ b (got a=${a}, b=${b})`);
  const floor = p.floorM ?? SIGMA_FLOOR_M;
  const g = (x: number) => groundLevelFactor(p.h, p.sigmaZ(x), p.mixingHeight);
  let sum = 0;
  if (a < floor) sum += (Math.min(b, floor) - a) * g(floor);
  const lo = Math.max(a, floor);
  if (b > lo) {
    const la = Math.log(lo);
    const span = Math.log(b) - la;
    const n = 2 * Math.max(1, Math.ceil((span * PANELS_PER_EFOLD) / 2));
    const step = span / n;
    // ∫ g dx = ∫ g(e^t)·e^t dt
    let s = 0;
    for (let k = 0; k <= n; k++) {
      const x = Math.exp(la + k * step);
      const w = k === 0 || k === n ? 1 : k % 2 ? 4 : 2;
      s += w * g(x) * x;
    }
    sum += (s * step) / 3;
  }
  return sum;
}

/** ∫0^x g(0) dx' at each of the ascending distances xs (≥ 0), accumulated interval by interval. */
export function groundIntegrals(p: GroundIntegralInput, xs: ArrayLike<number>): Float64Array {
  const out = new Float64Array(xs.length);
  let previous = 0;
  let total = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    if (!(x >= previous)) throw new RangeError('xs must be ascending and ≥ 0');
    total += groundIntegral(p, previous, x);
    out[i] = total;
    previous = x;
  }
  return out;
}

/** Fraction left in the plume after dry deposition: exp(−v_d·I/u), I = ∫g(0)dx from `groundIntegral(s)`. */
export function dryDepletionFactor(
  depositionVelocityMS: number,
  windSpeedMS: number,
  integral: number,
): number {
  if (!(depositionVelocityMS >= 0)) throw new RangeError('depositionVelocityMS must be ≥ 0');
  if (!(windSpeedMS > 0)) throw new RangeError('windSpeedMS must be > 0');
  return Math.exp((-depositionVelocityMS * integral) / windSpeedMS);
}

/** Fraction left in the plume after wet scavenging at rate Λ (s⁻¹) for a travel time t (s): exp(−Λ·t). */
export function wetDepletionFactor(scavengingRatePerS: number, travelTimeS: number): number {
  if (!(scavengingRatePerS >= 0)) throw new RangeError('scavengingRatePerS must be ≥ 0');
  if (!(travelTimeS >= 0)) throw new RangeError('travelTimeS must be ≥ 0');
  return Math.exp(-scavengingRatePerS * travelTimeS);
}
