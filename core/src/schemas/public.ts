import { Type, type Static } from 'typebox';
import { IsoDateTime } from './common.js';
import { STATION_KINDS, StationCode } from './monitoring.js';

/**
 * Controlled release of monitoring data to the public: a delay, which values are shown (only validated ones, or
 * all not rejected with the unvalidated marked provisional), and an embargo a leader sets and lifts.
 */
export const PUBLICATION_MODES = ['validated_only', 'provisional'] as const;
export type PublicationMode = (typeof PUBLICATION_MODES)[number];

/** The default delay before a value is public: one hour (time to catch a faulty probe before the public sees it). */
export const DEFAULT_PUBLICATION_DELAY_S = 3600;

export const PublicationRule = Type.Object({
  /** Null: the network's default rule; otherwise the station it overrides the default for. */
  station: Type.Union([StationCode, Type.Null()]),
  delaySeconds: Type.Integer({ minimum: 0 }),
  mode: Type.Enum(PUBLICATION_MODES),
  embargo: Type.Boolean(),
  embargoReason: Type.Union([Type.String(), Type.Null()]),
  /** When the embargo was last set or lifted, and by whom. */
  embargoChangedAt: Type.Union([IsoDateTime, Type.Null()]),
  embargoChangedBy: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.Union([IsoDateTime, Type.Null()]),
});
export type PublicationRule = Static<typeof PublicationRule>;

export const PublicationRules = Type.Object({
  network: PublicationRule,
  stations: Type.Array(PublicationRule),
});
export type PublicationRules = Static<typeof PublicationRules>;

export const PublicationRuleBody = Type.Object(
  {
    /** Absent: the network's default rule. */
    station: Type.Optional(StationCode),
    /** At most 30 days. */
    delaySeconds: Type.Integer({ minimum: 0, maximum: 30 * 86_400 }),
    mode: Type.Enum(PUBLICATION_MODES),
    embargo: Type.Boolean(),
    /** Required when the embargo is set. */
    embargoReason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type PublicationRuleBody = Static<typeof PublicationRuleBody>;

export const PublicLatest = Type.Object({
  value: Type.Number(),
  unit: Type.String(),
  time: IsoDateTime,
  /** Not yet validated by the network's officials. */
  provisional: Type.Boolean(),
});
export type PublicLatest = Static<typeof PublicLatest>;

export const PublicStation = Type.Object({
  code: StationCode,
  name: Type.String(),
  communeCode: Type.Union([Type.String(), Type.Null()]),
  communeName: Type.Union([Type.String(), Type.Null()]),
  lat: Type.Number(),
  lon: Type.Number(),
  kind: Type.Enum(STATION_KINDS),
  status: Type.Enum(['online', 'offline'] as const),
  latest: Type.Union([PublicLatest, Type.Null()]),
});
export type PublicStation = Static<typeof PublicStation>;

export const PublicStationList = Type.Object({
  generatedAt: IsoDateTime,
  stations: Type.Array(PublicStation),
});
export type PublicStationList = Static<typeof PublicStationList>;

export const PublicStationParams = Type.Object({ code: StationCode }, { additionalProperties: false });

export const PUBLIC_RESOLUTIONS = ['raw', 'hour', 'day'] as const;
export type PublicResolution = (typeof PUBLIC_RESOLUTIONS)[number];

export const PublicSeriesQuery = Type.Object(
  {
    from: Type.Optional(IsoDateTime),
    to: Type.Optional(IsoDateTime),
    /** By default: raw up to 2 days, hourly up to 60 days, daily beyond. */
    resolution: Type.Optional(Type.Enum(PUBLIC_RESOLUTIONS)),
  },
  { additionalProperties: false },
);
export type PublicSeriesQuery = Static<typeof PublicSeriesQuery>;

export const PublicSeriesPoint = Type.Object({
  /** End of the measuring period (raw) or start of the bucket (hour, day). */
  time: IsoDateTime,
  /** The value (raw) or the bucket's mean. */
  value: Type.Number(),
  provisional: Type.Boolean(),
  min: Type.Optional(Type.Number()),
  max: Type.Optional(Type.Number()),
  count: Type.Optional(Type.Integer()),
});
export type PublicSeriesPoint = Static<typeof PublicSeriesPoint>;

export const PublicSeries = Type.Object({
  station: StationCode,
  unit: Type.String(),
  resolution: Type.Enum(PUBLIC_RESOLUTIONS),
  from: IsoDateTime,
  /** The end asked for, cut to the last published time. */
  to: IsoDateTime,
  points: Type.Array(PublicSeriesPoint),
});
export type PublicSeries = Static<typeof PublicSeries>;

// ── the public portal: overview, notices, facility counts, export ──────────────────────────────────────────

/** The licence of the open data: CC BY 4.0 unless the installation names another. */
export const PublicLicence = Type.Object({
  name: Type.String(),
  url: Type.Union([Type.String(), Type.Null()]),
  /** How to credit the data, e.g. the publishing department and the province. */
  attribution: Type.String(),
});
export type PublicLicence = Static<typeof PublicLicence>;

/** Network status and what the portal needs at first paint besides the stations. */
export const PublicOverview = Type.Object({
  generatedAt: IsoDateTime,
  province: Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String() }),
  /** Who publishes the data (the department in charge), as written in the licence attribution. */
  publisher: Type.String(),
  /** The same in English (the configured publisher when the installation names one). */
  publisherEn: Type.String(),
  licence: PublicLicence,
  /** The network's publication delay (a station may have its own). */
  delaySeconds: Type.Integer({ minimum: 0 }),
  stations: Type.Object({
    total: Type.Integer(),
    online: Type.Integer(),
    offline: Type.Integer(),
    /** Stations with a published value now (not under embargo, something within the delay rules). */
    withValue: Type.Integer(),
  }),
  /** The newest published value's time over all stations. */
  latestTime: Type.Union([IsoDateTime, Type.Null()]),
  /** Highest latest published value now, with its station (null when none). */
  highest: Type.Union([
    Type.Object({ station: StationCode, value: Type.Number(), unit: Type.String(), time: IsoDateTime }),
    Type.Null(),
  ]),
  notices: Type.Object({ published: Type.Integer(), latestAt: Type.Union([IsoDateTime, Type.Null()]) }),
});
export type PublicOverview = Static<typeof PublicOverview>;

/** A notice the Department published (an incident notice a leader approved). */
export const PublicNotice = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  title: Type.String(),
  body: Type.String(),
  /** An exercise, not a real event: title and body also carry the label. */
  exercise: Type.Boolean(),
  publishedAt: IsoDateTime,
});
export type PublicNotice = Static<typeof PublicNotice>;

export const PublicNoticeList = Type.Object({
  generatedAt: IsoDateTime,
  notices: Type.Array(PublicNotice),
});
export type PublicNoticeList = Static<typeof PublicNoticeList>;

export const PublicNoticeParams = Type.Object(
  { id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) },
  { additionalProperties: false },
);

export const PublicNoticeQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) },
  { additionalProperties: false },
);

/** Licensed radiation facilities counted by kind in each commune: aggregates only, never a facility. */
export const PublicFacilityCounts = Type.Object({
  generatedAt: IsoDateTime,
  kinds: Type.Array(Type.String()),
  total: Type.Integer(),
  communes: Type.Array(
    Type.Object({
      communeCode: Type.String(),
      communeName: Type.String(),
      counts: Type.Record(Type.String(), Type.Integer()),
      total: Type.Integer(),
    }),
  ),
});
export type PublicFacilityCounts = Static<typeof PublicFacilityCounts>;

export const PUBLIC_EXPORT_FORMATS = ['csv', 'geojson', 'eurdep'] as const;
export type PublicExportFormat = (typeof PUBLIC_EXPORT_FORMATS)[number];

export const PublicExportQuery = Type.Object(
  {
    format: Type.Enum(PUBLIC_EXPORT_FORMATS),
    from: Type.Optional(IsoDateTime),
    to: Type.Optional(IsoDateTime),
    /** One station only; by default every public station. */
    station: Type.Optional(StationCode),
    /** As for a series: by default raw up to 2 days, hourly up to 60 days, daily beyond. */
    resolution: Type.Optional(Type.Enum(PUBLIC_RESOLUTIONS)),
  },
  { additionalProperties: false },
);
export type PublicExportQuery = Static<typeof PublicExportQuery>;
