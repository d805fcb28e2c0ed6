import { Type, type Static } from 'typebox';
import { Id, IsoDateTime, PageQuery, Page, Text } from './common.js';
import { PasswordInput, RoleSchema, Username } from './auth.js';

export const UserStatus = Type.Union([Type.Literal('active'), Type.Literal('disabled')]);

export const User = Type.Object({
  id: Id,
  username: Type.String(),
  displayName: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  organisationId: Id,
  organisationName: Type.String(),
  roles: Type.Array(RoleSchema),
  status: UserStatus,
  totpEnabled: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  lockedUntil: Type.Union([IsoDateTime, Type.Null()]),
  failedLoginCount: Type.Integer(),
  lastLoginAt: Type.Union([IsoDateTime, Type.Null()]),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Type.Integer(),
});
export type User = Static<typeof User>;
export const UserPage = Page(User);
export type UserPage = Static<typeof UserPage>;

const Phone = Type.String({ maxLength: 32, pattern: '^[0-9+() .-]*$' });
const Email = Type.String({ maxLength: 254, format: 'email' });

export const CreateUserBody = Type.Object(
  {
    username: Username,
    displayName: Text({ min: 1, max: 120 }),
    email: Type.Optional(Type.Union([Email, Type.Null()])),
    phone: Type.Optional(Type.Union([Phone, Type.Null()])),
    organisationId: Id,
    roles: Type.Array(RoleSchema, { minItems: 1, maxItems: 8, uniqueItems: true }),
    password: PasswordInput,
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    displayName: Type.Optional(Text({ min: 1, max: 120 })),
    email: Type.Optional(Type.Union([Email, Type.Null()])),
    phone: Type.Optional(Type.Union([Phone, Type.Null()])),
    organisationId: Type.Optional(Id),
    roles: Type.Optional(Type.Array(RoleSchema, { minItems: 1, maxItems: 8, uniqueItems: true })),
    status: Type.Optional(UserStatus),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const ResetPasswordBody = Type.Object({ newPassword: PasswordInput }, { additionalProperties: false });

export const UserListQuery = Type.Object(
  {
    ...PageQuery,
    organisationId: Type.Optional(Id),
    role: Type.Optional(RoleSchema),
    status: Type.Optional(UserStatus),
    q: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type UserListQuery = Static<typeof UserListQuery>;
