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
/** Age groups of the ICRP 72 public dose coefficients (dose.json). */
export const RUN_AGE_GROUPS = ['adult', '15y', '10y', '5y', '1y', 'infant'] as const;
export type RunAgeGroup = (typeof RUN_AGE_GROUPS)[number];
/** Most weather changes in one run (hourly for two days) and the latest one (s after the release starts). */
export const RUN_MAX_WEATHER_CHANGES = 48;
export const RUN_MAX_CHANGE_AFTER_S = 48 * 3600;

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
        /** Release height (m): the physical height of a fire's release (its rise is added), else the effective one. */
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
        /** A fire or hot release: its sensible heat release rate (MW) lifts the plume (Briggs final rise). */
        fire: Type.Optional(
          Type.Object(
            { heatReleaseMW: finite({ exclusiveMinimum: 0, maximum: 10_000 }) },
            { additionalProperties: false },
          ),
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
        /** Rain intensity during the release (mm/h): wet scavenging and wet deposition. */
        rainMmH: Type.Optional(finite({ minimum: 0, maximum: 200 })),
        /**
         * Later weather, e.g. hour by hour (afterS strictly increasing, checked by the model): the run then uses a
         * puff train. An omitted stability or rain keeps the value in force before.
         */
        changes: Type.Optional(
          Type.Array(
            Type.Object(
              {
                afterS: finite({ exclusiveMinimum: 0, maximum: RUN_MAX_CHANGE_AFTER_S }),
                windSpeedMS: finite({ minimum: 0.5, maximum: 60 }),
                windFromDeg: finite({ minimum: 0, maximum: 360 }),
                stability: Type.Optional(Type.Enum(STABILITY_CLASSES)),
                rainMmH: Type.Optional(finite({ minimum: 0, maximum: 200 })),
              },
              { additionalProperties: false },
            ),
            { maxItems: RUN_MAX_WEATHER_CHANGES },
          ),
        ),
      },
      { additionalProperties: false },
    ),
    sigma: Type.Optional(Type.Enum(SIGMA_SET_NAMES)),
    /** Whose doses: the age group's inhalation coefficients and breathing rate (default adult). */
    ageGroup: Type.Optional(Type.Enum(RUN_AGE_GROUPS)),
    /** The incident the run belongs to. */
    incidentId: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type RunBody = Static<typeof RunBody>;

const GeoJsonMultiPolygon = () => Type.Array(Type.Array(Type.Array(Type.Array(Type.Number()))));
const NullableNumber = () => Type.Union([Type.Number(), Type.Null()]);

export const RunZoneView = Type.Object({
  code: Type.String(),
  quantity: Type.String(),
  periodS: Type.Number(),
  thresholdSv: Type.Number(),
  actions: Type.Array(Type.String()),
  /** GeoJSON MultiPolygon coordinates ([lon, lat]). */
  coordinates: GeoJsonMultiPolygon(),
  areaKm2: Type.Number(),
  /** Communes the zone covers, largest area inside first. */
  communes: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      /** Share of the commune's area inside the zone (0..1). */
      fraction: Type.Number(),
      /** Area of the commune inside the zone (km²). */
      areaKm2: Type.Number(),
      /** Commune population × fraction (people spread evenly over the commune); null: no population recorded. */
      population: NullableNumber(),
      /** Earliest arrival of the plume in the commune's part of the zone (s after the release starts). */
      arrivalS: NullableNumber(),
    }),
  ),
  /** People in the zone (sum over its communes); null when none of them has a population recorded. */
  population: NullableNumber(),
  /** Communes in the zone without a population recorded. */
  populationMissing: Type.Integer(),
});

export const Run = Type.Object({
  id: Type.Integer(),
  title: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  inputs: RunBody,
  /** Steady plume, or puff train when the weather changes. */
  model: Type.Enum(['plume', 'puff_train']),
  sigma: Type.Enum(SIGMA_SET_NAMES),
  windAtReleaseMS: Type.Number(),
  downwindBearingDeg: Type.Number(),
  /** Height the plume was released at (m): physical height + plume rise, at most the mixing height. */
  effectiveHeightM: Type.Number(),
  /** Briggs final rise of a fire's plume (m); 0 without a fire. */
  plumeRiseM: Type.Number(),
  ageGroup: Type.Enum(RUN_AGE_GROUPS),
  maxima: Type.Array(
    Type.Object({
      periodS: Type.Number(),
      effectiveSv: Type.Number(),
      thyroidSv: Type.Number(),
      atDownwindM: Type.Number(),
    }),
  ),
  /** Per nuclide: highest time-integrated air concentration and deposition on the grid (runs since 29 Nov 2026). */
  nuclides: Type.Optional(
    Type.Array(
      Type.Object({
        nuclide: Type.String(),
        ticBqSPerM3: Type.Number(),
        ticAtM: Type.Number(),
        depositionBqPerM2: Type.Number(),
        depositionAtM: Type.Number(),
      }),
    ),
  ),
  zones: Type.Array(RunZoneView),
  /** Areas the plume has reached by given times (where its 7-day dose reaches the arrival threshold). */
  arrivals: Type.Array(Type.Object({ afterS: Type.Number(), coordinates: GeoJsonMultiPolygon() })),
  missing: Type.Array(Type.Object({ nuclide: Type.String(), pathway: Type.String(), reason: Type.String() })),
  assumptions: Type.Array(Type.String()),
});
export type Run = Static<typeof Run>;
