import { Type, type Static } from 'typebox';
import { Id, IsoDateTime, Page, PageQuery, SortParam, Text } from './common.js';
import { CalendarDate } from './registry.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
export const INSPECTION_KINDS = ['planned', 'unannounced', 'follow_up'] as const;
export const INSPECTION_STATUSES = ['planned', 'in_progress', 'completed', 'closed', 'cancelled'] as const;
export const FINDING_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const FINDING_STATUSES = ['open', 'done', 'verified'] as const;
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];
export type InspectionKind = (typeof INSPECTION_KINDS)[number];
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const ChecklistResult = Type.Object(
  {
    item: Text({ min: 1, max: 300 }),
    result: Type.Union([Type.Literal('ok'), Type.Literal('finding'), Type.Literal('na')]),
    note: Type.Optional(Nullable(Text({ max: 1000 }))),
  },
  { additionalProperties: false },
);

export const Finding = Type.Object({
  id: Id,
  inspectionId: Id,
  description: Type.String(),
  severity: Type.Enum(FINDING_SEVERITIES),
  correctiveAction: Nullable(Type.String()),
  dueOn: Nullable(CalendarDate),
  status: Type.Enum(FINDING_STATUSES),
  response: Nullable(Type.String()),
  overdue: Type.Boolean(),
  closedOn: Nullable(CalendarDate),
  version: Type.Integer(),
});
export type Finding = Static<typeof Finding>;

export const Inspection = Type.Object({
  id: Id,
  facilityId: Id,
  facilityName: Type.String(),
  year: Type.Integer(),
  kind: Type.Enum(INSPECTION_KINDS),
  plannedOn: Nullable(CalendarDate),
  conductedOn: Nullable(CalendarDate),
  status: Type.Enum(INSPECTION_STATUSES),
  leadInspectorId: Nullable(Id),
  teamUserIds: Type.Array(Id),
  checklist: Type.Array(ChecklistResult),
  summary: Nullable(Type.String()),
  findings: Type.Array(Finding),
  openFindings: Type.Integer(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Type.Integer(),
});
export type Inspection = Static<typeof Inspection>;
export const InspectionPage = Page(Inspection);
export type InspectionPage = Static<typeof InspectionPage>;

export const CreateInspectionBody = Type.Object(
  {
    facilityId: Id,
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    kind: Type.Optional(Type.Enum(INSPECTION_KINDS)),
    plannedOn: Type.Optional(Nullable(CalendarDate)),
    leadInspectorId: Type.Optional(Nullable(Id)),
    teamUserIds: Type.Optional(Type.Array(Id, { maxItems: 20, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type CreateInspectionBody = Static<typeof CreateInspectionBody>;

export const UpdateInspectionBody = Type.Object(
  {
    plannedOn: Type.Optional(Nullable(CalendarDate)),
    conductedOn: Type.Optional(Nullable(CalendarDate)),
    status: Type.Optional(
      Type.Union([Type.Literal('in_progress'), Type.Literal('completed'), Type.Literal('cancelled')]),
    ),
    leadInspectorId: Type.Optional(Nullable(Id)),
    teamUserIds: Type.Optional(Type.Array(Id, { maxItems: 20, uniqueItems: true })),
    checklist: Type.Optional(Type.Array(ChecklistResult, { maxItems: 200 })),
    summary: Type.Optional(Nullable(Text({ max: 10000 }))),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateInspectionBody = Static<typeof UpdateInspectionBody>;

export const CreateFindingBody = Type.Object(
  {
    description: Text({ min: 1, max: 4000 }),
    severity: Type.Enum(FINDING_SEVERITIES),
    correctiveAction: Type.Optional(Nullable(Text({ max: 4000 }))),
    dueOn: Type.Optional(Nullable(CalendarDate)),
  },
  { additionalProperties: false },
);
export type CreateFindingBody = Static<typeof CreateFindingBody>;

export const UpdateFindingBody = Type.Object(
  {
    status: Type.Optional(Type.Enum(FINDING_STATUSES)),
    response: Type.Optional(Nullable(Text({ max: 4000 }))),
    correctiveAction: Type.Optional(Nullable(Text({ max: 4000 }))),
    dueOn: Type.Optional(Nullable(CalendarDate)),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateFindingBody = Static<typeof UpdateFindingBody>;

export const InspectionListQuery = Type.Object(
  {
    ...PageQuery,
    sort: SortParam(['plannedOn', 'facilityName', 'status', 'year']),
    facilityId: Type.Optional(Id),
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
    status: Type.Optional(Type.Enum(INSPECTION_STATUSES)),
    kind: Type.Optional(Type.Enum(INSPECTION_KINDS)),
  },
  { additionalProperties: false },
);
export type InspectionListQuery = Static<typeof InspectionListQuery>;
