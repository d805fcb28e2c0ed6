/**
 * Payloads of the measurement store: ingest (HTTP JSON, CSV, EURDEP, MQTT), series for charts, the network view
 * for the dashboard map, validation by officials, and alarms.
 */
import { Type, type Static } from 'typebox';
import { Id, IsoDateTime, Page, PageQuery } from './common.js';
import { QUANTITIES } from '../monitoring/quantities.js';
import { QUALITY_FLAGS } from '../monitoring/quality.js';
import { STATION_KINDS, STATION_STATUSES, StationCode } from './monitoring.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** Where a value came from (stored as a small integer; see MEASUREMENT_SOURCE_CODES). */
export const MEASUREMENT_SOURCES = ['http', 'csv', 'eurdep', 'mqtt', 'manual'] as const;
export type MeasurementSource = (typeof MEASUREMENT_SOURCES)[number];

/** An official's review of a value. */
export const VALIDATION_STATES = ['unvalidated', 'validated', 'rejected'] as const;
export type ValidationState = (typeof VALIDATION_STATES)[number];

/**
 * One item of an ingest batch as a station sends it. Deliberately loose (strings and numbers of any shape): the
 * ingest service checks each item itself so that one bad item is reported with its index and the rest are kept.
 */
export const IngestItem = Type.Object({
  station: Type.Optional(Type.Unknown()),
  quantity: Type.Optional(Type.Unknown()),
  value: Type.Optional(Type.Unknown()),
  unit: Type.Optional(Type.Unknown()),
  /** End of the measuring period (or the instant); or give `begin` and `end`. */
  time: Type.Optional(Type.Unknown()),
  begin: Type.Optional(Type.Unknown()),
  end: Type.Optional(Type.Unknown()),
  /** Absolute 1σ uncertainty in `unit`. */
  uncertainty: Type.Optional(Type.Unknown()),
  /** For counters: the sensor whose conversion factor turns a count rate into H*(10). */
  sensor: Type.Optional(Type.Unknown()),
});
export type IngestItem = Static<typeof IngestItem>;

export const IngestBody = Type.Object({
  measurements: Type.Array(Type.Unknown(), { maxItems: 50_000 }),
});
export type IngestBody = Static<typeof IngestBody>;

export const IngestRejection = Type.Object({
  /** Index of the item in the batch (0-based; for CSV and EURDEP the record's index, with `line` where known). */
  index: Type.Integer(),
  line: Type.Optional(Type.Integer()),
  /** A stable code (`ingest.unknown_unit`, …), translated by clients. */
  code: Type.String(),
  /** The reason in English, naming the field. */
  message: Type.String(),
  field: Type.Optional(Type.String()),
});
export type IngestRejection = Static<typeof IngestRejection>;

export const IngestResult = Type.Object({
  /** Items stored: new values and changed values (kept as a revision). */
  accepted: Type.Integer(),
  /** Items identical to a value already stored (nothing written). */
  duplicates: Type.Integer(),
  /** Of the accepted, how many replaced an earlier value (the earlier one is kept as a revision). */
  revised: Type.Integer(),
  /** Of the accepted, how many carry at least one quality flag. */
  flagged: Type.Integer(),
  rejected: Type.Array(IngestRejection),
});
export type IngestResult = Static<typeof IngestResult>;

export const SERIES_RESOLUTIONS = ['raw', 'hour', 'day'] as const;
export type SeriesResolution = (typeof SERIES_RESOLUTIONS)[number];

export const SeriesQuery = Type.Object(
  {
    quantity: Type.Optional(Type.Enum(QUANTITIES)),
    from: Type.Optional(IsoDateTime),
    to: Type.Optional(IsoDateTime),
    maxPoints: Type.Optional(Type.Integer({ minimum: 2, maximum: 20_000 })),
    /** Force a resolution; by default the finest that fits in maxPoints. */
    resolution: Type.Optional(Type.Enum(SERIES_RESOLUTIONS)),
  },
  { additionalProperties: false },
);
export type SeriesQuery = Static<typeof SeriesQuery>;

export const SeriesPoint = Type.Object({
  /** End of the measuring period (raw) or start of the bucket (hour, day and coarser). */
  time: IsoDateTime,
  /** The value (raw) or the mean of the bucket, in `unit`. */
  value: Type.Number(),
  min: Type.Optional(Type.Number()),
  max: Type.Optional(Type.Number()),
  /** Values in the bucket. */
  count: Type.Optional(Type.Integer()),
  /** Raw only: the quality flags of the value. */
  flags: Type.Optional(Type.Array(Type.Enum(QUALITY_FLAGS))),
  /** Raw only. */
  validation: Type.Optional(Type.Enum(VALIDATION_STATES)),
  uncertainty: Type.Optional(Nullable(Type.Number())),
});
export type SeriesPoint = Static<typeof SeriesPoint>;

export const Series = Type.Object({
  station: Type.String(),
  quantity: Type.Enum(QUANTITIES),
  unit: Type.String(),
  /** `raw`, `hour`, `day`, or a multiple such as `6h`, `7d` when even days are too many for maxPoints. */
  resolution: Type.String(),
  /** Bucket length in seconds (0 for raw). */
  bucketS: Type.Integer(),
  from: IsoDateTime,
  to: IsoDateTime,
  points: Type.Array(SeriesPoint),
});
export type Series = Static<typeof Series>;

export const MeasurementListQuery = Type.Object(
  {
    ...PageQuery,
    quantity: Type.Optional(Type.Enum(QUANTITIES)),
    from: Type.Optional(IsoDateTime),
    to: Type.Optional(IsoDateTime),
    flagged: Type.Optional(Type.Boolean()),
    validation: Type.Optional(Type.Enum(VALIDATION_STATES)),
  },
  { additionalProperties: false },
);
export type MeasurementListQuery = Static<typeof MeasurementListQuery>;

export const Measurement = Type.Object({
  quantity: Type.Enum(QUANTITIES),
  unit: Type.String(),
  begin: IsoDateTime,
  end: IsoDateTime,
  value: Type.Number(),
  uncertainty: Nullable(Type.Number()),
  flags: Type.Array(Type.Enum(QUALITY_FLAGS)),
  validation: Type.Enum(VALIDATION_STATES),
  source: Type.Enum(MEASUREMENT_SOURCES),
  /** 0 for the first value; n after n changes (earlier values are kept). */
  revision: Type.Integer(),
});
export type Measurement = Static<typeof Measurement>;
export const MeasurementPage = Page(Measurement);
export type MeasurementPage = Static<typeof MeasurementPage>;

export const ValidateMeasurementsBody = Type.Object(
  {
    quantity: Type.Enum(QUANTITIES),
    /** The period whose values are reviewed (ends of measuring periods, inclusive). */
    from: IsoDateTime,
    to: IsoDateTime,
    decision: Type.Enum(VALIDATION_STATES),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type ValidateMeasurementsBody = Static<typeof ValidateMeasurementsBody>;
export const ValidateMeasurementsResult = Type.Object({ changed: Type.Integer() });

export const ALARM_SEVERITIES = ['info', 'warning', 'alert', 'emergency'] as const;
export type AlarmSeverity = (typeof ALARM_SEVERITIES)[number];
export const ALARM_RULES = [
  'level',
  'baseline',
  'rate_of_rise',
  'offline',
  'data_quality',
  'neighbours',
] as const;
export type AlarmRule = (typeof ALARM_RULES)[number];
/** `raised` and `acknowledged` are open; `resolved` and `false_alarm` are closed. */
export const ALARM_STATES = ['raised', 'acknowledged', 'resolved', 'false_alarm'] as const;
export type AlarmState = (typeof ALARM_STATES)[number];
export const ALARM_CAUSES = ['unexplained', 'likely_natural_rain', 'technical'] as const;
export type AlarmCause = (typeof ALARM_CAUSES)[number];

export const Alarm = Type.Object({
  id: Id,
  rule: Type.Enum(ALARM_RULES),
  severity: Type.Enum(ALARM_SEVERITIES),
  state: Type.Enum(ALARM_STATES),
  cause: Type.Enum(ALARM_CAUSES),
  /** Why, in words built from codes (`alarm.reason.*`) and the numbers behind them. */
  reasons: Type.Array(
    Type.Object({ code: Type.String(), params: Type.Record(Type.String(), Type.Unknown()) }),
  ),
  /** The station, or null for a network alarm (its stations are in `stations`). */
  station: Nullable(
    Type.Object({ code: Type.String(), name: Type.String(), communeCode: Nullable(Type.String()) }),
  ),
  stations: Type.Array(Type.String()),
  quantity: Nullable(Type.Enum(QUANTITIES)),
  /** The highest value of the episode and when, in the quantity's canonical unit. */
  peakValue: Nullable(Type.Number()),
  peakTime: Nullable(IsoDateTime),
  unit: Nullable(Type.String()),
  startedAt: IsoDateTime,
  lastSeenAt: IsoDateTime,
  acknowledgedAt: Nullable(IsoDateTime),
  acknowledgedBy: Nullable(Type.String()),
  closedAt: Nullable(IsoDateTime),
  closedBy: Nullable(Type.String()),
  note: Nullable(Type.String()),
  version: Type.Integer(),
  /** The incident opened from this alarm, if one was (POST /incidents/from-alarm/{id}). */
  incidentId: Type.Optional(Nullable(Id)),
});
export type Alarm = Static<typeof Alarm>;
export const AlarmPage = Page(Alarm);
export type AlarmPage = Static<typeof AlarmPage>;

export const AlarmListQuery = Type.Object(
  {
    ...PageQuery,
    /** `open` = raised or acknowledged; `closed` = resolved or false. */
    state: Type.Optional(Type.Enum(['open', 'acknowledged', 'closed', 'raised', 'resolved', 'false_alarm'])),
    station: Type.Optional(StationCode),
    severity: Type.Optional(Type.Enum(ALARM_SEVERITIES)),
  },
  { additionalProperties: false },
);
export type AlarmListQuery = Static<typeof AlarmListQuery>;

export const AcknowledgeAlarmBody = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export const CloseAlarmBody = Type.Object(
  { outcome: Type.Enum(['resolved', 'false_alarm']), note: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);

/** One station as the network map shows it: everything for first paint in one request. */
export const NetworkStation = Type.Object({
  code: Type.String(),
  name: Type.String(),
  kind: Type.Enum(STATION_KINDS),
  status: Type.Enum(STATION_STATUSES),
  communeCode: Nullable(Type.String()),
  lat: Type.Number(),
  lon: Type.Number(),
  intervalS: Type.Integer(),
  /** Latest ambient dose rate (nSv/h), or null before the first value. */
  latest: Nullable(
    Type.Object({
      value: Type.Number(),
      unit: Type.String(),
      time: IsoDateTime,
      flags: Type.Array(Type.Enum(QUALITY_FLAGS)),
    }),
  ),
  /** Latest precipitation over its period (mm), when the station has a rain gauge. */
  rain: Nullable(Type.Object({ value: Type.Number(), time: IsoDateTime })),
  offline: Type.Boolean(),
  /** The most severe open alarm of the station. */
  alarm: Nullable(
    Type.Object({
      id: Id,
      severity: Type.Enum(ALARM_SEVERITIES),
      state: Type.Enum(ALARM_STATES),
      rule: Type.Enum(ALARM_RULES),
      cause: Type.Enum(ALARM_CAUSES),
    }),
  ),
});
export type NetworkStation = Static<typeof NetworkStation>;
export const NetworkView = Type.Object({
  generatedAt: IsoDateTime,
  stations: Type.Array(NetworkStation),
  openAlarms: Type.Integer(),
});
export type NetworkView = Static<typeof NetworkView>;
