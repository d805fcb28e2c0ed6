/**
 * River stable-isotope samples (δ¹⁸O, δ²H in ‰ vs VSMOW; tritium in TU) at the river sampling points (stations
 * of kind `river_sampling`), their lab results, the analysis per river, and the import of lab result files.
 */
import { Type, type Static } from 'typebox';
import { ISOTOPE_FLAGS } from '../monitoring/isotopes.js';
import { ISOTOPE_HARD_LIMITS } from '../reference/isotopes.js';
import { Id, IsoDateTime, Page, PageQuery, SortParam, Text } from './common.js';
import { StationCode, STATION_STATUSES } from './monitoring.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const limits = ISOTOPE_HARD_LIMITS;
const value = (q: 'd18o' | 'd2h' | 'tritiumTu') =>
  Type.Number({ minimum: limits[q].min.value, maximum: limits[q].max.value });
const uncertainty = () => Type.Number({ minimum: 0, maximum: limits.uncertainty.max.value });

/** A lab's sample code: letters and digits first, then also space . _ / # ( ) - (at most 40). */
export const IsotopeSampleCode = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9 ._/#()-]{0,39}$' });
/** A calendar date `YYYY-MM-DD` (midnight in the province's time zone) or an instant with a zone. */
export const SamplingTime = Type.Union([
  Type.String({ format: 'date', maxLength: 10 }),
  Type.String({ format: 'date-time', maxLength: 40 }),
]);

export const IsotopeFlagSchema = Type.Enum(ISOTOPE_FLAGS);

export const IsotopeSample = Type.Object({
  id: Id,
  stationId: Id,
  stationCode: Type.String(),
  stationName: Type.String(),
  /** The river of the sampling point (null until one is set). */
  riverVi: Nullable(Type.String()),
  riverEn: Nullable(Type.String()),
  sampleCode: Type.String(),
  sampledAt: IsoDateTime,
  /** ‰ vs VSMOW. */
  d18o: Nullable(Type.Number()),
  d18oUnc: Nullable(Type.Number()),
  d2h: Nullable(Type.Number()),
  d2hUnc: Nullable(Type.Number()),
  /** Tritium units (1 TU ≈ 0.118 Bq/L). */
  tritiumTu: Nullable(Type.Number()),
  tritiumUnc: Nullable(Type.Number()),
  lab: Nullable(Type.String()),
  method: Nullable(Type.String()),
  note: Nullable(Type.String()),
  /** d = δ²H − 8·δ¹⁸O (Dansgaard 1964), ‰; null unless both are measured. */
  dExcess: Nullable(Type.Number()),
  dExcessUnc: Nullable(Type.Number()),
  /** Robust z-scores within the river's samples (null with too few samples). */
  zDExcess: Nullable(Type.Number()),
  zResidual: Nullable(Type.Number()),
  flags: Type.Array(IsotopeFlagSchema),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  createdBy: Nullable(Id),
  version: Type.Integer(),
});
export type IsotopeSample = Static<typeof IsotopeSample>;
export const IsotopeSamplePage = Page(IsotopeSample);
export type IsotopeSamplePage = Static<typeof IsotopeSamplePage>;

const sampleFields = {
  d18o: Type.Optional(Nullable(value('d18o'))),
  d18oUnc: Type.Optional(Nullable(uncertainty())),
  d2h: Type.Optional(Nullable(value('d2h'))),
  d2hUnc: Type.Optional(Nullable(uncertainty())),
  tritiumTu: Type.Optional(Nullable(value('tritiumTu'))),
  tritiumUnc: Type.Optional(Nullable(uncertainty())),
  lab: Type.Optional(Nullable(Text({ max: 200 }))),
  method: Type.Optional(Nullable(Text({ max: 120 }))),
  note: Type.Optional(Nullable(Text({ max: 2000 }))),
};

export const CreateIsotopeSampleBody = Type.Object(
  {
    /** The code of the river sampling point (a station of kind `river_sampling`). */
    station: StationCode,
    sampleCode: IsotopeSampleCode,
    sampledAt: SamplingTime,
    ...sampleFields,
  },
  { additionalProperties: false },
);
export type CreateIsotopeSampleBody = Static<typeof CreateIsotopeSampleBody>;

export const UpdateIsotopeSampleBody = Type.Object(
  {
    sampleCode: Type.Optional(IsotopeSampleCode),
    sampledAt: Type.Optional(SamplingTime),
    ...sampleFields,
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateIsotopeSampleBody = Static<typeof UpdateIsotopeSampleBody>;

export const IsotopeSampleListQuery = Type.Object(
  {
    ...PageQuery,
    sort: SortParam(['sampledAt', 'station', 'sampleCode', 'd18o', 'd2h', 'tritiumTu']),
    /** A sampling point's code. */
    station: Type.Optional(StationCode),
    /** A river, by its Vietnamese or English name (accents and case ignored). */
    river: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    /** Sampled on or after this date (province time). */
    from: Type.Optional(Type.String({ format: 'date' })),
    /** Sampled on or before this date (province time). */
    to: Type.Optional(Type.String({ format: 'date' })),
    /** Only samples with at least one flag. */
    flagged: Type.Optional(Type.Boolean()),
    q: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type IsotopeSampleListQuery = Static<typeof IsotopeSampleListQuery>;

export const IsotopeDeleteQuery = Type.Object(
  { version: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);

/** A river sampling point and its river. */
export const IsotopeSamplingPoint = Type.Object({
  stationId: Id,
  code: Type.String(),
  name: Type.String(),
  lat: Type.Number(),
  lon: Type.Number(),
  communeCode: Nullable(Type.String()),
  status: Type.Enum(STATION_STATUSES),
  riverVi: Nullable(Type.String()),
  riverEn: Nullable(Type.String()),
  samples: Type.Integer({ minimum: 0 }),
  lastSampledAt: Nullable(IsoDateTime),
});
export type IsotopeSamplingPoint = Static<typeof IsotopeSamplingPoint>;

export const UpdateIsotopeSamplingPointBody = Type.Object(
  {
    riverVi: Text({ min: 2, max: 100 }),
    riverEn: Type.Optional(Nullable(Text({ min: 2, max: 100 }))),
  },
  { additionalProperties: false },
);
export type UpdateIsotopeSamplingPointBody = Static<typeof UpdateIsotopeSamplingPointBody>;

export const IsotopeLine = Type.Object({
  slope: Type.Number(),
  intercept: Type.Number(),
  r2: Type.Number(),
  n: Type.Integer(),
  slopeSe: Nullable(Type.Number()),
});
export type IsotopeLine = Static<typeof IsotopeLine>;

export const IsotopeRiverSummary = Type.Object({
  /** Null: sampling points without a river yet (each then analysed on its own). */
  riverVi: Nullable(Type.String()),
  riverEn: Nullable(Type.String()),
  points: Type.Array(
    Type.Object({ code: Type.String(), name: Type.String(), samples: Type.Integer({ minimum: 0 }) }),
  ),
  samples: Type.Integer({ minimum: 0 }),
  /** Samples with both δ¹⁸O and δ²H. */
  paired: Type.Integer({ minimum: 0 }),
  /** The river's own δ²H–δ¹⁸O least-squares line (outliers left out). */
  line: Nullable(IsotopeLine),
  /** Means over the samples without flags. */
  meanD18o: Nullable(Type.Number()),
  meanD2h: Nullable(Type.Number()),
  meanDExcess: Nullable(Type.Number()),
  meanTritiumTu: Nullable(Type.Number()),
  firstSampledAt: Nullable(IsoDateTime),
  lastSampledAt: Nullable(IsoDateTime),
  flagged: Type.Integer({ minimum: 0 }),
  /** The flagged samples, newest first. */
  outliers: Type.Array(IsotopeSample),
  /** Every sample of the river, oldest first: only when the summary was asked for one river. */
  series: Type.Optional(Type.Array(IsotopeSample)),
});
export type IsotopeRiverSummary = Static<typeof IsotopeRiverSummary>;

export const IsotopeSummary = Type.Object({
  /** Global Meteoric Water Line δ²H = slope·δ¹⁸O + intercept (Craig 1961). */
  gmwl: Type.Object({ slope: Type.Number(), intercept: Type.Number(), source: Type.String() }),
  /** d = δ²H − slope·δ¹⁸O (Dansgaard 1964). */
  dExcessSlope: Type.Number(),
  rivers: Type.Array(IsotopeRiverSummary),
});
export type IsotopeSummary = Static<typeof IsotopeSummary>;

export const IsotopeSummaryQuery = Type.Object(
  { river: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) },
  { additionalProperties: false },
);

export const ISOTOPE_IMPORT_FORMATS = ['csv', 'xlsx'] as const;

export const IsotopeImportQuery = Type.Object(
  {
    format: Type.Optional(Type.Enum(ISOTOPE_IMPORT_FORMATS)),
    dryRun: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
);

export const IsotopeImportReport = Type.Object({
  format: Type.Enum(ISOTOPE_IMPORT_FORMATS),
  dryRun: Type.Boolean(),
  /** Data rows in the file (not blank). */
  rows: Type.Integer(),
  /** Rows that can be (or were) written. */
  valid: Type.Integer(),
  created: Type.Integer(),
  /** Rows identical to a sample already stored (a file imported twice): skipped, not an error. */
  unchanged: Type.Integer(),
  issues: Type.Array(
    Type.Object({
      row: Type.Integer(),
      column: Nullable(Type.String()),
      field: Type.String(),
      reason: Type.String(),
      message: Type.String(),
    }),
  ),
});
export type IsotopeImportReport = Static<typeof IsotopeImportReport>;
