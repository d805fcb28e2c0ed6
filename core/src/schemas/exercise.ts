/**
 * The scenario of an exercise (issue 6, point 7): a simulated release whose plume raises the readings of the
 * stations downwind (core/src/incidents/exercise.ts). Same release and weather fields as an emergency run
 * (RunBody), plus when the release starts; the weather is steady over the exercise (no `changes`).
 */
import { Type, type Static } from 'typebox';
import { IsoDateTime } from './common.js';
import { SIGMA_SET_NAMES, STABILITY_CLASSES } from './emergency.js';

export const ExerciseScenario = Type.Object(
  {
    release: Type.Object(
      {
        lat: Type.Number({ minimum: -90, maximum: 90 }),
        lon: Type.Number({ minimum: -180, maximum: 180 }),
        /** Release height (m): the physical height of a fire's release (its rise is added), else the effective one. */
        heightM: Type.Number({ minimum: 0, maximum: 2000 }),
        /** When the release starts (UTC instant). */
        startAt: IsoDateTime,
        /** Release duration (s); activities are totals released evenly over it. */
        durationS: Type.Number({ exclusiveMinimum: 0, maximum: 7 * 86_400 }),
        nuclides: Type.Array(
          Type.Object(
            {
              nuclide: Type.String({ minLength: 1, maxLength: 20 }),
              activityBq: Type.Number({ exclusiveMinimum: 0, maximum: 1e22 }),
            },
            { additionalProperties: false },
          ),
          { minItems: 1, maxItems: 20 },
        ),
        /** A fire or hot release: its sensible heat release rate (MW) lifts the plume (Briggs final rise). */
        fire: Type.Optional(
          Type.Object(
            { heatReleaseMW: Type.Number({ exclusiveMinimum: 0, maximum: 10_000 }) },
            { additionalProperties: false },
          ),
        ),
      },
      { additionalProperties: false },
    ),
    weather: Type.Object(
      {
        /** Wind speed at 10 m (m/s); a Gaussian plume means nothing in calm air, hence the floor. */
        windSpeedMS: Type.Number({ minimum: 0.5, maximum: 60 }),
        /** Where the wind comes from, degrees clockwise from north. */
        windFromDeg: Type.Number({ minimum: 0, maximum: 360 }),
        stability: Type.Enum(STABILITY_CLASSES),
        mixingHeightM: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 10_000 })),
        terrain: Type.Optional(Type.Enum(['rural', 'urban'])),
        /** Rain intensity during the exercise (mm/h): wet scavenging and wet deposition. */
        rainMmH: Type.Optional(Type.Number({ minimum: 0, maximum: 200 })),
      },
      { additionalProperties: false },
    ),
    /** σ set of the plume, default pg-isc3 (as emergency runs). */
    sigma: Type.Optional(Type.Enum(SIGMA_SET_NAMES)),
  },
  { additionalProperties: false },
);
export type ExerciseScenario = Static<typeof ExerciseScenario>;
