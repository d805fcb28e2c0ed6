/**
 * Emergency decision support on the server: the point calculators that outside tools and the web app call (a
 * steady plume's concentration at a receptor, a lost source's cordon). The physics is core's, the same code the
 * browser runs; this service checks the inputs against it and names the field of any problem.
 */
import {
  cordon,
  CordonInputError,
  isWellMixed,
  plumeConcentration,
  sigmaY,
  sigmaZ,
  type ConcentrationBody,
  type ConcentrationResult,
  type CordonBody,
  type CordonResult,
  type ValidationReason,
} from '@sievert/core';
import { invalidField } from '../../errors.js';

/** What a cordon input problem is, in the words of the validation reasons every client translates. */
const CORDON_REASONS: Record<string, ValidationReason> = {
  'cordon.unknown_nuclide': 'unknown_nuclide',
  'cordon.invalid_activity': 'too_small',
  'cordon.unknown_material': 'not_allowed_value',
  'cordon.invalid_thickness': 'too_small',
  'cordon.no_shielding_data': 'invalid',
  'cordon.unknown_situation': 'not_allowed_value',
};

export class EmergencyService {
  /**
   * A lost or unshielded point source: H*(10) rate at 1 m, the distance where it falls to 100 µSv/h (IAEA inner
   * cordon), the IAEA default radius for the situation and a warning where the computed radius is larger.
   */
  cordon(body: CordonBody): CordonResult {
    try {
      const r = cordon({
        nuclide: body.nuclide,
        activityBq: body.activityBq,
        ...(body.shielding ? { shielding: body.shielding } : {}),
        ...(body.situation ? { situation: body.situation } : {}),
      });
      return {
        nuclide: r.nuclide,
        doseRateAt1mUSvPerH: r.doseRateAt1mUSvPerH,
        radiusM: r.radiusM,
        criterionUSvPerH: r.criterionUSvPerH,
        situation: r.situation,
        defaultRadiusM: r.defaultRadiusM,
        exceedsDefault: r.exceedsDefault,
        warnings: r.warnings,
        assumptions: r.assumptions,
      };
    } catch (error) {
      if (error instanceof CordonInputError)
        throw invalidField(
          `/${error.field.replace(/\./g, '/')}`,
          CORDON_REASONS[error.code] ?? 'invalid',
          error.params,
        );
      throw error;
    }
  }

  /** Steady Gaussian plume with ground reflection (and lid reflections under a mixing height); upwind gives 0. */
  concentration(body: ConcentrationBody): ConcentrationResult {
    const set = body.sigma ?? 'pg-isc3';
    const { x, y, z } = body.receptor;
    const mixingHeight = body.mixingHeightM;
    if (mixingHeight !== undefined && body.heightM >= mixingHeight)
      throw invalidField('/heightM', 'too_large', { limit: mixingHeight });
    if (x <= 0) return { concentration: 0, sigmaY: 0, sigmaZ: 0, sigma: set, regime: 'upwind' };
    const sy = sigmaY(set, body.stability, x);
    const sz = sigmaZ(set, body.stability, x);
    const concentration = plumeConcentration({
      q: body.releaseRate,
      u: body.windSpeedMS,
      h: body.heightM,
      y,
      z,
      sigmaY: sy,
      sigmaZ: sz,
      ...(mixingHeight !== undefined ? { mixingHeight } : {}),
    });
    const regime =
      mixingHeight === undefined
        ? 'ground_reflection'
        : isWellMixed(sz, mixingHeight)
          ? 'well_mixed'
          : 'ground_and_lid_reflection';
    return { concentration, sigmaY: sy, sigmaZ: sz, sigma: set, regime };
  }
}
