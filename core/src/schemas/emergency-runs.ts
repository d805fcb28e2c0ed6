/**
 * Payloads around stored dispersion runs: the list of runs, their exports, and the current weather at the
 * monitoring stations near a release point (to fill in a run's weather).
 */
import { Type, type Static } from 'typebox';
import { Id, Page } from './common.js';
import { STABILITY_CLASSES } from './emergency.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** The models a run may have used (core's `RunModel`): a steady plume, or a puff train when the wind changes. */
export const RUN_MODELS = ['plume', 'puff_train'] as const;

export const RunListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
    /** Words of the title (case and Vietnamese diacritics ignored). */
    q: Type.Optional(Type.String({ maxLength: 200 })),
    incidentId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type RunListQuery = Static<typeof RunListQuery>;

export const RunListItem = Type.Object({
  id: Type.Integer(),
  title: Nullable(Type.String()),
  createdAt: Type.String(),
  createdBy: Nullable(Type.String()),
  incidentId: Nullable(Type.Integer()),
  model: Type.Enum(RUN_MODELS),
  nuclides: Type.Array(Type.String()),
  lat: Type.Number(),
  lon: Type.Number(),
  /** The weather given first (a run with wind changes starts with it). */
  windSpeedMS: Type.Number(),
  windFromDeg: Type.Number(),
  stability: Type.Enum(STABILITY_CLASSES),
  /** Number of protective-action zones. */
  zones: Type.Integer(),
  /** Highest projected effective dose on the grid over 7 days, the period of the urgent-action criteria (Sv). */
  maxEffectiveSv: Type.Number(),
});
export type RunListItem = Static<typeof RunListItem>;

export const RunPage = Page(RunListItem);
export type RunPage = Static<typeof RunPage>;

export const RUN_EXPORT_FORMATS = ['geojson', 'kml', 'docx'] as const;
export type RunExportFormat = (typeof RUN_EXPORT_FORMATS)[number];

export const RunExportQuery = Type.Object(
  { format: Type.Enum(RUN_EXPORT_FORMATS) },
  { additionalProperties: false },
);
export type RunExportQuery = Static<typeof RunExportQuery>;

export const WeatherQuery = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lon: Type.Number({ minimum: -180, maximum: 180 }),
  },
  { additionalProperties: false },
);
export type WeatherQuery = Static<typeof WeatherQuery>;

export const WeatherStation = Type.Object({
  code: Type.String(),
  name: Type.String(),
  /** Great-circle distance from the point asked about (m). */
  distanceM: Type.Number(),
  /** Time of the oldest of the values below: every value shown is at most `ageS` old. */
  time: Nullable(Type.String()),
  windSpeedMS: Nullable(Type.Number()),
  /** Where the wind comes from, degrees clockwise from north. */
  windFromDeg: Nullable(Type.Number()),
  /** Rain intensity over the last hour of precipitation reported (mm/h). */
  rainMmH: Nullable(Type.Number()),
  temperatureC: Nullable(Type.Number()),
  ageS: Nullable(Type.Number()),
});
export type WeatherStation = Static<typeof WeatherStation>;

export const WeatherResponse = Type.Object({ stations: Type.Array(WeatherStation) });
export type WeatherResponse = Static<typeof WeatherResponse>;
