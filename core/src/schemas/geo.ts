import { Type, type Static } from 'typebox';

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
});
export type Commune = Static<typeof Commune>;
export const CommuneList = Type.Array(Commune);

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
