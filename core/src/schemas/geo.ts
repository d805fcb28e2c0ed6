import { Type, type Static } from 'typebox';
import { Text } from './common.js';

export const Commune = Type.Object({
  code: Type.String(),
  name: Type.String(),
  fullName: Type.String(),
  nameEn: Type.String(),
  fullNameEn: Type.String(),
  type: Type.Union([Type.Literal('xa'), Type.Literal('phuong')]),
  areaKm2: Type.Number(),
  labelLat: Type.Number(),
  labelLon: Type.Number(),
  /** Inhabitants, as recorded by the Department (null: not recorded); with the year and source of the figure. */
  population: Type.Union([Type.Integer(), Type.Null()]),
  populationYear: Type.Union([Type.Integer(), Type.Null()]),
  populationSource: Type.Union([Type.String(), Type.Null()]),
});
export type Commune = Static<typeof Commune>;
export const CommuneList = Type.Array(Commune);

export const CommuneCodeParams = Type.Object(
  { code: Type.String({ pattern: '^[0-9]{5}$' }) },
  { additionalProperties: false },
);

/** Largest population accepted for one commune (a plausibility bound, not a statistic). */
export const COMMUNE_POPULATION_MAX = 10_000_000;
export const POPULATION_YEAR_MIN = 1900;
export const POPULATION_SOURCE_MAX = 300;

/** `population: null` clears the figure (and its year and source). Year and source are kept when not sent. */
export const UpdateCommunePopulationBody = Type.Object(
  {
    population: Type.Union([Type.Integer({ minimum: 0, maximum: COMMUNE_POPULATION_MAX }), Type.Null()]),
    populationYear: Type.Optional(
      Type.Union([Type.Integer({ minimum: POPULATION_YEAR_MIN, maximum: 2100 }), Type.Null()]),
    ),
    populationSource: Type.Optional(Type.Union([Text({ min: 1, max: POPULATION_SOURCE_MAX }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type UpdateCommunePopulationBody = Static<typeof UpdateCommunePopulationBody>;

export const CommunePopulationImportQuery = Type.Object(
  {
    dryRun: Type.Optional(Type.Boolean({ default: true })),
    format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])),
  },
  { additionalProperties: false },
);
export type CommunePopulationImportQuery = Static<typeof CommunePopulationImportQuery>;

export const CommunePopulationImportReport = Type.Object({
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
  dryRun: Type.Boolean(),
  /** Data rows in the file (not blank). */
  rows: Type.Integer(),
  /** Rows without a problem. */
  valid: Type.Integer(),
  /** Communes whose figure changed (or would change, in a dry run). */
  updated: Type.Integer(),
  /** Rows equal to what is stored. */
  unchanged: Type.Integer(),
  /** Columns not read (a name column, notes…). */
  ignoredColumns: Type.Array(Type.String()),
  issues: Type.Array(
    Type.Object({
      /** Spreadsheet row number (the header is row 1 when it is the first line). */
      row: Type.Integer(),
      /** Column letter and header, e.g. `B (Dân số)`; null for a whole-row or whole-file problem. */
      column: Type.Union([Type.String(), Type.Null()]),
      field: Type.String(),
      reason: Type.String(),
      message: Type.String(),
    }),
  ),
});
export type CommunePopulationImportReport = Static<typeof CommunePopulationImportReport>;

export const Province = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  areaKm2: Type.Number(),
  population: Type.Integer(),
  communeCount: Type.Integer(),
  wardCount: Type.Integer(),
  bbox: Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }),
  centre: Type.Array(Type.Number(), { minItems: 2, maxItems: 2 }),
  sources: Type.Array(Type.Object({ title: Type.String(), url: Type.Union([Type.String(), Type.Null()]) })),
});
export type Province = Static<typeof Province>;

export const DashboardSummary = Type.Object({
  province: Type.Object({ name: Type.String(), nameEn: Type.String(), population: Type.Integer() }),
  communes: Type.Object({ total: Type.Integer(), wards: Type.Integer(), rural: Type.Integer() }),
  organisations: Type.Record(Type.String(), Type.Integer()),
  users: Type.Integer(),
  facilitiesByCommune: Type.Record(Type.String(), Type.Integer()),
  scope: Type.Union([Type.Literal('province'), Type.Literal('commune'), Type.Literal('organisation')]),
});
export type DashboardSummary = Static<typeof DashboardSummary>;

export const MetaResponse = Type.Object({
  name: Type.String(),
  version: Type.String(),
  province: Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String() }),
  map: Type.Object({
    tileUrl: Type.Union([Type.String(), Type.Null()]),
    tileAttribution: Type.Union([Type.String(), Type.Null()]),
  }),
  mqtt: Type.Object({
    mode: Type.Union([Type.Literal('embedded'), Type.Literal('external'), Type.Literal('off')]),
    url: Type.Union([Type.String(), Type.Null()]),
    /** Set when the wanted port was taken and the embedded broker moved to `url`'s port. */
    movedFromPort: Type.Union([Type.Integer(), Type.Null()]),
    /** External broker: whether Sievert's subscription is connected now. */
    connected: Type.Optional(Type.Boolean()),
    /** Stations publish to `<topicPrefix>/<station code>/measurements`. */
    topicPrefix: Type.Optional(Type.String()),
  }),
  demo: Type.Boolean(),
});
export type MetaResponse = Static<typeof MetaResponse>;
