import { Type, type Static } from 'typebox';
import { Id, IsoDateTime, PageQuery, Page } from './common.js';

export const AuditEntry = Type.Object({
  id: Id,
  at: IsoDateTime,
  actorId: Type.Union([Id, Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  via: Type.Union([Type.Literal('session'), Type.Literal('token'), Type.Literal('system')]),
  ip: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.Union([Type.String(), Type.Null()]),
  before: Type.Unknown(),
  after: Type.Unknown(),
  hash: Type.String(),
});
export type AuditEntry = Static<typeof AuditEntry>;
export const AuditPage = Page(AuditEntry);
export type AuditPage = Static<typeof AuditPage>;

export const AuditListQuery = Type.Object(
  {
    ...PageQuery,
    actorId: Type.Optional(Id),
    action: Type.Optional(Type.String({ maxLength: 64 })),
    entityType: Type.Optional(Type.String({ maxLength: 64 })),
    entityId: Type.Optional(Type.String({ maxLength: 64 })),
    from: Type.Optional(IsoDateTime),
    to: Type.Optional(IsoDateTime),
  },
  { additionalProperties: false },
);
export type AuditListQuery = Static<typeof AuditListQuery>;

export const AuditVerifyResponse = Type.Object({
  intact: Type.Boolean(),
  checked: Type.Integer(),
  firstBrokenId: Type.Union([Id, Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
});
export type AuditVerifyResponse = Static<typeof AuditVerifyResponse>;
