import { Type, type Static } from 'typebox';
import { Id, IsoDateTime, PageQuery, Page, Text } from './common.js';
import { OrganisationKindSchema } from './auth.js';

export const CommuneCode = Type.String({ pattern: '^[0-9]{5}$' });
export const OrganisationStatus = Type.Union([Type.Literal('active'), Type.Literal('inactive')]);

export const Organisation = Type.Object({
  id: Id,
  kind: OrganisationKindSchema,
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  communeCode: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  latitude: Type.Union([Type.Number(), Type.Null()]),
  longitude: Type.Union([Type.Number(), Type.Null()]),
  status: OrganisationStatus,
  userCount: Type.Integer(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Type.Integer(),
});
export type Organisation = Static<typeof Organisation>;
export const OrganisationPage = Page(Organisation);
export type OrganisationPage = Static<typeof OrganisationPage>;

const Phone = Type.String({ maxLength: 32, pattern: '^[0-9+() .-]*$' });
const Email = Type.String({ maxLength: 254, format: 'email' });
const Latitude = Type.Number({ minimum: -90, maximum: 90 });
const Longitude = Type.Number({ minimum: -180, maximum: 180 });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const CreateOrganisationBody = Type.Object(
  {
    kind: OrganisationKindSchema,
    code: Type.String({ minLength: 2, maxLength: 32, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' }),
    name: Text({ min: 2, max: 200 }),
    nameEn: Type.Optional(Nullable(Text({ max: 200 }))),
    communeCode: Type.Optional(Nullable(CommuneCode)),
    address: Type.Optional(Nullable(Text({ max: 300 }))),
    phone: Type.Optional(Nullable(Phone)),
    email: Type.Optional(Nullable(Email)),
    latitude: Type.Optional(Nullable(Latitude)),
    longitude: Type.Optional(Nullable(Longitude)),
  },
  { additionalProperties: false },
);
export type CreateOrganisationBody = Static<typeof CreateOrganisationBody>;

export const UpdateOrganisationBody = Type.Object(
  {
    name: Type.Optional(Text({ min: 2, max: 200 })),
    nameEn: Type.Optional(Nullable(Text({ max: 200 }))),
    communeCode: Type.Optional(Nullable(CommuneCode)),
    address: Type.Optional(Nullable(Text({ max: 300 }))),
    phone: Type.Optional(Nullable(Phone)),
    email: Type.Optional(Nullable(Email)),
    latitude: Type.Optional(Nullable(Latitude)),
    longitude: Type.Optional(Nullable(Longitude)),
    status: Type.Optional(OrganisationStatus),
    /** Optimistic concurrency: the version the client read. */
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateOrganisationBody = Static<typeof UpdateOrganisationBody>;

export const OrganisationListQuery = Type.Object(
  {
    ...PageQuery,
    kind: Type.Optional(OrganisationKindSchema),
    communeCode: Type.Optional(CommuneCode),
    status: Type.Optional(OrganisationStatus),
    q: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type OrganisationListQuery = Static<typeof OrganisationListQuery>;
