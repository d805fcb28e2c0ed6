/**
 * Payloads of the emergency decision support: the point calculators (steady-plume concentration, source cordon).
 */
import { Type, type Static } from 'typebox';

export const STABILITY_CLASSES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type StabilityClass = (typeof STABILITY_CLASSES)[number];
export const SIGMA_SET_NAMES = ['pg-isc3', 'briggs-rural', 'briggs-urban'] as const;
export type SigmaSetName = (typeof SIGMA_SET_NAMES)[number];
export const SHIELD_MATERIALS = ['lead', 'steel', 'concrete'] as const;
export type ShieldMaterial = (typeof SHIELD_MATERIALS)[number];
export const CORDON_SITUATIONS = [
  'unshielded_source',
  'spill',
  'fire_or_explosion',
  'suspected_explosive',
] as const;
export type CordonSituation = (typeof CORDON_SITUATIONS)[number];

const finite = (options: Record<string, unknown> = {}) => Type.Number({ ...options });

export const ConcentrationBody = Type.Object(
  {
    /** Release rate, per second, in any unit (Bq/s, g/s…); the concentration comes back in that unit per m³. */
    releaseRate: finite({ minimum: 0, maximum: 1e30 }),
    /** Effective release height (m): plume rise is not applied here. */
    heightM: finite({ minimum: 0, maximum: 5000 }),
    /** Wind speed at the release height (m/s). */
    windSpeedMS: finite({ exclusiveMinimum: 0, maximum: 100 }),
    stability: Type.Enum(STABILITY_CLASSES),
    sigma: Type.Optional(Type.Enum(SIGMA_SET_NAMES)),
    mixingHeightM: Type.Optional(finite({ exclusiveMinimum: 0, maximum: 10_000 })),
    receptor: Type.Object(
      {
        /** Downwind distance (m); upwind or at the source gives 0. */
        x: finite({ minimum: -1e6, maximum: 1e6 }),
        /** Crosswind distance (m). */
        y: finite({ minimum: -1e6, maximum: 1e6 }),
        /** Height above ground (m). */
        z: finite({ minimum: 0, maximum: 10_000 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type ConcentrationBody = Static<typeof ConcentrationBody>;

export const ConcentrationResult = Type.Object({
  /** Release unit per m³ (e.g. Bq/m³ for Bq/s). */
  concentration: Type.Number(),
  /** Dispersion coefficients at the receptor's downwind distance (m); 0 upwind. */
  sigmaY: Type.Number(),
  sigmaZ: Type.Number(),
  /** The σ set used (always shown with results). */
  sigma: Type.Enum(SIGMA_SET_NAMES),
  /** How the vertical was treated: ground reflection, lid reflections, or the well-mixed limit. */
  regime: Type.String(),
});
export type ConcentrationResult = Static<typeof ConcentrationResult>;

export const CordonBody = Type.Object(
  {
    nuclide: Type.String({ minLength: 1, maxLength: 20 }),
    activityBq: finite({ exclusiveMinimum: 0, maximum: 1e20 }),
    shielding: Type.Optional(
      Type.Object(
        {
          material: Type.Enum(SHIELD_MATERIALS),
          thicknessCm: finite({ minimum: 0, maximum: 1000 }),
        },
        { additionalProperties: false },
      ),
    ),
    situation: Type.Optional(Type.Enum(CORDON_SITUATIONS)),
  },
  { additionalProperties: false },
);
export type CordonBody = Static<typeof CordonBody>;

export const CordonResult = Type.Object({
  nuclide: Type.String(),
  /** Ambient dose-equivalent rate H*(10) at 1 m (µSv/h). */
  doseRateAt1mUSvPerH: Type.Number(),
  /** Distance (m) at which H*(10) rate falls to the cordon criterion (100 µSv/h, IAEA inner cordon). */
  radiusM: Type.Number(),
  criterionUSvPerH: Type.Number(),
  situation: Type.Enum(CORDON_SITUATIONS),
  /** IAEA default inner-cordon radius for the situation (m). */
  defaultRadiusM: Type.Number(),
  exceedsDefault: Type.Boolean(),
  warnings: Type.Array(
    Type.Object({ code: Type.String(), params: Type.Record(Type.String(), Type.Unknown()) }),
  ),
  assumptions: Type.Array(Type.String()),
});
export type CordonResult = Static<typeof CordonResult>;
