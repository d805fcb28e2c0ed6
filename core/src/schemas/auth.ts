import { Type, type Static } from 'typebox';
import { ROLES, PERMISSIONS, ORGANISATION_KINDS, type Permission } from '../auth/roles.js';
import { Id, IsoDateTime, Text } from './common.js';

export const RoleSchema = Type.Enum(ROLES);
export const PermissionSchema = Type.Enum(PERMISSIONS as Permission[]);
export const OrganisationKindSchema = Type.Enum(ORGANISATION_KINDS);

export const Username = Type.String({ minLength: 3, maxLength: 64, pattern: '^[a-z0-9][a-z0-9._-]*$' });
export const PasswordInput = Type.String({ minLength: 1, maxLength: 256 });
export const TotpCode = Type.String({ pattern: '^[0-9]{6}$' });

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: PasswordInput,
    totp: Type.Optional(TotpCode),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const SessionUser = Type.Object({
  id: Id,
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(RoleSchema),
  organisationId: Id,
});
export type SessionUser = Static<typeof SessionUser>;

export const LoginResponse = Type.Object({ user: SessionUser, csrfToken: Type.String() });
export type LoginResponse = Static<typeof LoginResponse>;

export const MeResponse = Type.Object({
  user: Type.Object({
    id: Id,
    username: Type.String(),
    displayName: Type.String(),
    roles: Type.Array(RoleSchema),
    organisationId: Id,
    organisation: Type.Object({
      id: Id,
      name: Type.String(),
      kind: OrganisationKindSchema,
      communeCode: Type.Union([Type.String(), Type.Null()]),
    }),
    permissions: Type.Array(PermissionSchema),
    scope: Type.Union([Type.Literal('province'), Type.Literal('commune'), Type.Literal('organisation')]),
    totpEnabled: Type.Boolean(),
    mustChangePassword: Type.Boolean(),
  }),
  csrfToken: Type.Union([Type.String(), Type.Null()]),
  via: Type.Union([Type.Literal('session'), Type.Literal('token')]),
});
export type MeResponse = Static<typeof MeResponse>;

export const ChangePasswordBody = Type.Object(
  { currentPassword: PasswordInput, newPassword: PasswordInput },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const TotpSetupResponse = Type.Object({ secret: Type.String(), otpauthUrl: Type.String() });
export type TotpSetupResponse = Static<typeof TotpSetupResponse>;
export const TotpEnableBody = Type.Object({ code: TotpCode }, { additionalProperties: false });
export const TotpDisableBody = Type.Object({ password: PasswordInput }, { additionalProperties: false });

export const ApiToken = Type.Object({
  id: Id,
  name: Type.String(),
  prefix: Type.String(),
  userId: Id,
  username: Type.String(),
  scopes: Type.Array(PermissionSchema),
  createdAt: IsoDateTime,
  expiresAt: Type.Union([IsoDateTime, Type.Null()]),
  lastUsedAt: Type.Union([IsoDateTime, Type.Null()]),
  revokedAt: Type.Union([IsoDateTime, Type.Null()]),
});
export type ApiToken = Static<typeof ApiToken>;

export const CreateTokenBody = Type.Object(
  {
    name: Text({ min: 1, max: 100 }),
    scopes: Type.Array(PermissionSchema, { minItems: 1, maxItems: 64, uniqueItems: true }),
    expiresAt: Type.Optional(Type.Union([IsoDateTime, Type.Null()])),
    /** Admins may issue a token for another (machine) user. */
    userId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type CreateTokenBody = Static<typeof CreateTokenBody>;
export const CreateTokenResponse = Type.Object({ token: ApiToken, secret: Type.String() });
export type CreateTokenResponse = Static<typeof CreateTokenResponse>;
export const TokenListQuery = Type.Object(
  { all: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
