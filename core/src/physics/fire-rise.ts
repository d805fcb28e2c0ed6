/**
 * Effective height of a release: the physical height plus, for a fire or hot release, the Briggs buoyant rise from
 * its heat release rate (physics.md §2.7; F = g·Q_H/(π·c_p·ρ_a·T_a) ≈ 8.8 m⁴/s³ per MW, Briggs 1975 / Hanna,
 * Briggs & Hosker 1982), and what happens at the mixing lid.
 *
 * Final rise, not gradual: the plume is given its final rise at every distance, as the ISC3 regulatory default does
 * (EPA-454/B-95-003b Vol. II §1.1.4). The gradual rise 1.6·(F·x²/u³)^{1/3} only differs closer than the distance to
 * final rise (49·F^{5/8} m: ~190 m for 1 MW, ~700 m for 10 MW in classes A–D), where the zones are driven by the
 * short-range doses anyway; the final rise keeps one height per weather period, which the puff train needs.
 *
 * Lid: a plume whose effective height reaches the mixing height is held at the lid (the top of the mixed layer),
 * not let through. ISC3 treats such a plume as having penetrated the inversion and gives no ground-level
 * concentration; for a radiological emergency that answer (no dose at all) is not a safe one, since the plume can
 * come down later (fumigation, a rising lid). Capped at L, the plume stays in the mixed layer with its lid
 * reflections and becomes well mixed downwind: ground doses near the source are low, and further out as for a
 * well-mixed layer. Runs report the cap with the assumption `run.plume_capped_at_lid`.
 */
import type { StabilityClass } from '../reference/dispersion.js';
import { FIRE_AMBIENT_TEMPERATURE } from '../reference/dispersion-run.js';
import { briggsBuoyantRise, buoyancyFluxFromHeat } from './plume.js';

export interface ReleaseHeight {
  /** Briggs final rise (m); 0 without a fire. */
  plumeRiseM: number;
  /** Height the model uses (m): physical height + rise, or the mixing height when that is lower. */
  effectiveHeightM: number;
  /** True when physical height + rise reached the mixing height and the plume was held at the lid. */
  cappedAtLid: boolean;
  /** Buoyancy flux (m⁴/s³); 0 without a fire. */
  buoyancyFlux: number;
}

/**
 * The model's height for a release: `heightM` is the physical height; `heatReleaseMW` (sensible heat of a fire)
 * adds the final buoyant rise for the wind `windSpeedMS` at the release height (ISC3 uses the stack-top wind) and
 * the stability class; the result is capped at `mixingHeightM` when one is given.
 */
export function releaseHeight(p: {
  heightM: number;
  heatReleaseMW?: number;
  windSpeedMS: number;
  stability: StabilityClass;
  mixingHeightM?: number;
}): ReleaseHeight {
  let rise = 0;
  let flux = 0;
  if (p.heatReleaseMW !== undefined && p.heatReleaseMW > 0) {
    flux = buoyancyFluxFromHeat(p.heatReleaseMW);
    rise = briggsBuoyantRise({
      buoyancyFlux: flux,
      u: p.windSpeedMS,
      stability: p.stability,
      ambientTempK: FIRE_AMBIENT_TEMPERATURE.value,
    }).finalRiseM;
  }
  const total = p.heightM + rise;
  const lid = p.mixingHeightM;
  const capped = lid !== undefined && total >= lid;
  return {
    plumeRiseM: rise,
    effectiveHeightM: capped ? lid : total,
    cappedAtLid: capped,
    buoyancyFlux: flux,
  };
}

/**
 * The height to give plume.ts for a release at `effectiveHeightM`: plume.ts reads h ≥ L as a plume above the lid
 * (no ground-level concentration), so a plume held at the lid is placed a hair below it.
 */
export function modelHeight(effectiveHeightM: number, mixingHeightM: number | undefined): number {
  if (mixingHeightM === undefined || effectiveHeightM < mixingHeightM) return effectiveHeightM;
  return mixingHeightM * (1 - 1e-9);
}
