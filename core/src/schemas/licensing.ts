import { Type, type Static } from 'typebox';
import { APPLICATION_STATUSES } from '../registry/applications.js';
import { COMPETENT_AUTHORITIES, LICENCE_KINDS, PROCEDURE_CODES } from '../reference/procedures.js';
import { Id, IsoDateTime, Page, PageQuery, SortParam, Text } from './common.js';
import { CalendarDate } from './registry.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
export const ProcedureCodeSchema = Type.Enum(PROCEDURE_CODES);
export const ApplicationStatusSchema = Type.Enum(APPLICATION_STATUSES);
export const LicenceKindSchema = Type.Enum(LICENCE_KINDS);
export const CompetentAuthoritySchema = Type.Enum(COMPETENT_AUTHORITIES);
const IdList = Type.Array(Id, { maxItems: 200, uniqueItems: true });
const Reasons = Type.Array(Text({ min: 1, max: 1000 }), { minItems: 1, maxItems: 50 });

export const ChecklistItem = Type.Object(
  {
    item: Text({ min: 1, max: 300 }),
    ok: Type.Boolean(),
    note: Type.Optional(Nullable(Text({ max: 1000 }))),
  },
  { additionalProperties: false },
);

export const Application = Type.Object({
  id: Id,
  facilityId: Id,
  facilityName: Type.String(),
  procedure: ProcedureCodeSchema,
  status: ApplicationStatusSchema,
  deviceIds: Type.Array(Id),
  sourceIds: Type.Array(Id),
  licenceId: Nullable(Id),
  note: Nullable(Type.String()),
  receivedOn: Nullable(CalendarDate),
  dueOn: Nullable(CalendarDate),
  /** Working days left before the statutory deadline while the dossier is with the Department (negative: late). */
  workingDaysLeft: Nullable(Type.Integer()),
  returnReasons: Type.Array(Type.String()),
  refusalReasons: Type.Array(Type.String()),
  checklist: Type.Array(ChecklistItem),
  recommendation: Nullable(Type.Union([Type.Literal('approve'), Type.Literal('refuse')])),
  issuedLicenceId: Nullable(Id),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Type.Integer(),
});
export type Application = Static<typeof Application>;
export const ApplicationPage = Page(Application);
export type ApplicationPage = Static<typeof ApplicationPage>;

export const CreateApplicationBody = Type.Object(
  {
    facilityId: Id,
    procedure: ProcedureCodeSchema,
    deviceIds: Type.Optional(IdList),
    sourceIds: Type.Optional(IdList),
    /** The licence renewed or amended. */
    licenceId: Type.Optional(Nullable(Id)),
    note: Type.Optional(Nullable(Text({ max: 4000 }))),
  },
  { additionalProperties: false },
);
export type CreateApplicationBody = Static<typeof CreateApplicationBody>;

export const UpdateApplicationBody = Type.Object(
  {
    deviceIds: Type.Optional(IdList),
    sourceIds: Type.Optional(IdList),
    licenceId: Type.Optional(Nullable(Id)),
    note: Type.Optional(Nullable(Text({ max: 4000 }))),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateApplicationBody = Static<typeof UpdateApplicationBody>;

export const ReturnApplicationBody = Type.Object({ reasons: Reasons }, { additionalProperties: false });
export const AppraiseApplicationBody = Type.Object(
  {
    checklist: Type.Array(ChecklistItem, { minItems: 1, maxItems: 100 }),
    recommendation: Type.Union([Type.Literal('approve'), Type.Literal('refuse')]),
    note: Type.Optional(Nullable(Text({ max: 4000 }))),
  },
  { additionalProperties: false },
);
export type AppraiseApplicationBody = Static<typeof AppraiseApplicationBody>;
export const DecideApplicationBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('approve'), Type.Literal('refuse')]),
    reasons: Type.Optional(Reasons),
    licenceNumber: Type.Optional(Text({ min: 1, max: 60 })),
    validUntil: Type.Optional(CalendarDate),
  },
  { additionalProperties: false },
);
export type DecideApplicationBody = Static<typeof DecideApplicationBody>;

export const ApplicationEvent = Type.Object({
  id: Id,
  at: IsoDateTime,
  actorName: Nullable(Type.String()),
  action: Type.String(),
  fromStatus: Nullable(ApplicationStatusSchema),
  toStatus: ApplicationStatusSchema,
  note: Nullable(Type.String()),
});
export type ApplicationEvent = Static<typeof ApplicationEvent>;

export const ApplicationListQuery = Type.Object(
  {
    ...PageQuery,
    sort: SortParam(['updatedAt', 'dueOn', 'status', 'procedure']),
    /** Free text: the facility's name or code, or the application number (#12). */
    q: Type.Optional(Type.String({ maxLength: 100 })),
    facilityId: Type.Optional(Id),
    status: Type.Optional(ApplicationStatusSchema),
    procedure: Type.Optional(ProcedureCodeSchema),
  },
  { additionalProperties: false },
);
export type ApplicationListQuery = Static<typeof ApplicationListQuery>;

export const Licence = Type.Object({
  id: Id,
  number: Type.String(),
  kind: LicenceKindSchema,
  facilityId: Id,
  facilityName: Type.String(),
  competentAuthority: CompetentAuthoritySchema,
  issuedOn: CalendarDate,
  validUntil: Nullable(CalendarDate),
  status: Type.Union([Type.Literal('valid'), Type.Literal('expired'), Type.Literal('revoked')]),
  daysToExpiry: Nullable(Type.Integer()),
  reminder: Nullable(Type.Union([Type.Literal('due_90'), Type.Literal('due_30'), Type.Literal('expired')])),
  deviceIds: Type.Array(Id),
  sourceIds: Type.Array(Id),
  applicationId: Nullable(Id),
  createdAt: IsoDateTime,
});
export type Licence = Static<typeof Licence>;
export const LicencePage = Page(Licence);
export type LicencePage = Static<typeof LicencePage>;

export const CreateLicenceBody = Type.Object(
  {
    number: Text({ min: 1, max: 60 }),
    kind: LicenceKindSchema,
    facilityId: Id,
    competentAuthority: CompetentAuthoritySchema,
    issuedOn: CalendarDate,
    validUntil: Type.Optional(Nullable(CalendarDate)),
    deviceIds: Type.Optional(IdList),
    sourceIds: Type.Optional(IdList),
  },
  { additionalProperties: false },
);
export type CreateLicenceBody = Static<typeof CreateLicenceBody>;

export const LicenceListQuery = Type.Object(
  {
    ...PageQuery,
    sort: SortParam(['validUntil', 'number', 'issuedOn']),
    /** Free text: the licence number or the facility's name or code. */
    q: Type.Optional(Type.String({ maxLength: 100 })),
    facilityId: Type.Optional(Id),
    kind: Type.Optional(LicenceKindSchema),
    /** Only licences whose reminder is due (90/30 days before expiry, or expired). */
    reminder: Type.Optional(
      Type.Union([Type.Literal('due_90'), Type.Literal('due_30'), Type.Literal('expired')]),
    ),
  },
  { additionalProperties: false },
);
export type LicenceListQuery = Static<typeof LicenceListQuery>;

export const ApplicationFile = Type.Object({
  id: Id,
  applicationId: Id,
  /** A document code of the procedure (procedures.json), e.g. `safety_assessment`. */
  documentType: Type.String(),
  filename: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  uploadedAt: IsoDateTime,
  uploadedByName: Nullable(Type.String()),
});
export type ApplicationFile = Static<typeof ApplicationFile>;

export const UploadApplicationFileQuery = Type.Object(
  {
    documentType: Type.String({ pattern: '^[a-z_]{1,40}$' }),
    /** The name the file had on the applicant's computer; cleaned and given the real extension. */
    filename: Text({ min: 1, max: 255 }),
  },
  { additionalProperties: false },
);
export type UploadApplicationFileQuery = Static<typeof UploadApplicationFileQuery>;
