import { Type, type Static } from 'typebox';
import { Id, IsoDateTime, Page, PageQuery, SortParam, Text } from './common.js';
import { CommuneCode } from './organisations.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const STATION_KINDS = ['gamma_dose_rate', 'mobile', 'air_sampler', 'river_sampling'] as const;
export type StationKind = (typeof STATION_KINDS)[number];
export const STATION_STATUSES = ['operating', 'maintenance', 'defective', 'test'] as const;
export type StationStatus = (typeof STATION_STATUSES)[number];

/** EURDEP LOCALITY_CODE style: two-letter country code then letters and digits (e.g. `VN33001`). */
export const StationCode = Type.String({ pattern: '^[A-Z]{2}[A-Z0-9]{1,18}$' });

/** A counter's conversion from its count rate to H*(10), per sensor. */
export const ConversionFactor = Type.Object(
  {
    sensor: Text({ min: 1, max: 40 }),
    /** nSv/h per cps. */
    nSvPerHourPerCps: Type.Number({ exclusiveMinimum: 0, maximum: 1e6 }),
    /** The counter's own background, subtracted before converting (cps). */
    backgroundCps: Type.Optional(Type.Number({ minimum: 0, maximum: 1e6 })),
  },
  { additionalProperties: false },
);
export type ConversionFactor = Static<typeof ConversionFactor>;

export const Station = Type.Object({
  id: Id,
  code: Type.String(),
  name: Type.String(),
  kind: Type.Enum(STATION_KINDS),
  communeCode: Nullable(Type.String()),
  lat: Type.Number(),
  lon: Type.Number(),
  /** Detector height above the ground (m). */
  heightM: Nullable(Type.Number()),
  /** Altitude above sea level (m). */
  altitudeM: Nullable(Type.Number()),
  detectorType: Nullable(Type.String()),
  conversionFactors: Type.Array(ConversionFactor),
  status: Type.Enum(STATION_STATUSES),
  /** Expected reporting interval (s). */
  intervalS: Type.Integer(),
  ownerId: Nullable(Id),
  ownerName: Nullable(Type.String()),
  note: Nullable(Type.String()),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Type.Integer(),
});
export type Station = Static<typeof Station>;
export const StationPage = Page(Station);
export type StationPage = Static<typeof StationPage>;

const stationFields = {
  communeCode: Type.Optional(Nullable(CommuneCode)),
  heightM: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 500 }))),
  altitudeM: Type.Optional(Nullable(Type.Number({ minimum: -500, maximum: 9000 }))),
  detectorType: Type.Optional(Nullable(Text({ max: 120 }))),
  conversionFactors: Type.Optional(Type.Array(ConversionFactor, { maxItems: 16 })),
  status: Type.Optional(Type.Enum(STATION_STATUSES)),
  intervalS: Type.Optional(Type.Integer({ minimum: 10, maximum: 86_400 })),
  ownerId: Type.Optional(Nullable(Id)),
  note: Type.Optional(Nullable(Text({ max: 2000 }))),
};

export const CreateStationBody = Type.Object(
  {
    code: StationCode,
    name: Text({ min: 2, max: 200 }),
    kind: Type.Enum(STATION_KINDS),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lon: Type.Number({ minimum: -180, maximum: 180 }),
    ...stationFields,
  },
  { additionalProperties: false },
);
export type CreateStationBody = Static<typeof CreateStationBody>;

export const UpdateStationBody = Type.Object(
  {
    name: Type.Optional(Text({ min: 2, max: 200 })),
    kind: Type.Optional(Type.Enum(STATION_KINDS)),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    ...stationFields,
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateStationBody = Static<typeof UpdateStationBody>;

export const StationListQuery = Type.Object(
  {
    ...PageQuery,
    sort: SortParam(['code', 'name', 'status']),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    kind: Type.Optional(Type.Enum(STATION_KINDS)),
    status: Type.Optional(Type.Enum(STATION_STATUSES)),
    communeCode: Type.Optional(CommuneCode),
  },
  { additionalProperties: false },
);
export type StationListQuery = Static<typeof StationListQuery>;

export const StationCodeParams = Type.Object({ code: StationCode }, { additionalProperties: false });

export const StationToken = Type.Object({
  id: Id,
  name: Type.String(),
  prefix: Type.String(),
  createdAt: IsoDateTime,
  lastUsedAt: Nullable(IsoDateTime),
  revokedAt: Nullable(IsoDateTime),
});
export type StationToken = Static<typeof StationToken>;
export const CreateStationTokenBody = Type.Object(
  { name: Type.Optional(Text({ min: 1, max: 80 })) },
  { additionalProperties: false },
);
export const CreatedStationToken = Type.Object({ token: Type.String(), info: StationToken });
