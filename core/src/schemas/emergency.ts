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

export const RunBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    release: Type.Object(
      {
        lat: finite({ minimum: -90, maximum: 90 }),
        lon: finite({ minimum: -180, maximum: 180 }),
        /** Effective release height (m). */
        heightM: finite({ minimum: 0, maximum: 2000 }),
        /** Release duration (s); activities are totals over it. */
        durationS: finite({ exclusiveMinimum: 0, maximum: 7 * 86_400 }),
        nuclides: Type.Array(
          Type.Object(
            {
              nuclide: Type.String({ minLength: 1, maxLength: 20 }),
              activityBq: finite({ exclusiveMinimum: 0, maximum: 1e22 }),
            },
            { additionalProperties: false },
          ),
          { minItems: 1, maxItems: 20 },
        ),
      },
      { additionalProperties: false },
    ),
    weather: Type.Object(
      {
        /** Wind speed at 10 m (m/s); a steady Gaussian plume means nothing in calm air, hence the floor. */
        windSpeedMS: finite({ minimum: 0.5, maximum: 60 }),
        /** Where the wind comes from, degrees clockwise from north. */
        windFromDeg: finite({ minimum: 0, maximum: 360 }),
        stability: Type.Enum(STABILITY_CLASSES),
        mixingHeightM: Type.Optional(finite({ exclusiveMinimum: 0, maximum: 10_000 })),
        terrain: Type.Optional(Type.Enum(['rural', 'urban'])),
      },
      { additionalProperties: false },
    ),
    sigma: Type.Optional(Type.Enum(SIGMA_SET_NAMES)),
  },
  { additionalProperties: false },
);
export type RunBody = Static<typeof RunBody>;

export const RunZoneView = Type.Object({
  code: Type.String(),
  quantity: Type.String(),
  periodS: Type.Number(),
  thresholdSv: Type.Number(),
  actions: Type.Array(Type.String()),
  /** GeoJSON MultiPolygon coordinates ([lon, lat]). */
  coordinates: Type.Array(Type.Array(Type.Array(Type.Array(Type.Number())))),
  areaKm2: Type.Number(),
  /** Communes whose centre lies inside the zone. */
  communes: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
});

export const Run = Type.Object({
  id: Type.Integer(),
  title: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  inputs: RunBody,
  sigma: Type.Enum(SIGMA_SET_NAMES),
  windAtReleaseMS: Type.Number(),
  downwindBearingDeg: Type.Number(),
  maxima: Type.Array(
    Type.Object({
      periodS: Type.Number(),
      effectiveSv: Type.Number(),
      thyroidSv: Type.Number(),
      atDownwindM: Type.Number(),
    }),
  ),
  zones: Type.Array(RunZoneView),
  missing: Type.Array(Type.Object({ nuclide: Type.String(), pathway: Type.String(), reason: Type.String() })),
  assumptions: Type.Array(Type.String()),
});
export type Run = Static<typeof Run>;
