import { Type, type Static } from 'typebox';
import {
  DEVICE_STATUSES,
  DEVICE_TYPES,
  FACILITY_KINDS,
  QA_RESULTS,
  SOURCE_STATUSES,
  SOURCE_USES,
  TRANSACTION_TYPES,
} from '../registry/ledger.js';
import { NUCLIDE_NAMES } from '../reference/nuclides.js';
import { CommuneCode, OrganisationStatus } from './organisations.js';
import { Id, IsoDateTime, Page, PageQuery, SortParam, Text } from './common.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
export const FacilityKindSchema = Type.Enum(FACILITY_KINDS);
export const SourceStatusSchema = Type.Enum(SOURCE_STATUSES);
export const SourceUseSchema = Type.Enum(SOURCE_USES);
export const TransactionTypeSchema = Type.Enum(TRANSACTION_TYPES);
/** Written like `Cs-137`, `Co-60`, `Ir-192`, `Am-241/Be`; only nuclides in the reference data. */
export const NuclideName = Type.Enum(NUCLIDE_NAMES as string[]);
export const CalendarDate = Type.String({ format: 'date', maxLength: 10 });
export const Category = Type.Integer({ minimum: 1, maximum: 5 });
const Phone = Type.String({ maxLength: 32, pattern: '^[0-9+() .-]*$' });
const Email = Type.String({ maxLength: 254, format: 'email' });
const TaxCode = Type.String({ pattern: '^[0-9]{10}(-[0-9]{3})?$' });
const Practices = Type.Array(Text({ min: 1, max: 100 }), { maxItems: 30, uniqueItems: true });

export const Facility = Type.Object({
  id: Id,
  code: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  legalName: Nullable(Type.String()),
  taxCode: Nullable(Type.String()),
  kind: FacilityKindSchema,
  practices: Type.Array(Type.String()),
  communeCode: Nullable(Type.String()),
  address: Nullable(Type.String()),
  lat: Nullable(Type.Number()),
  lon: Nullable(Type.Number()),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  contactName: Nullable(Type.String()),
  rsoName: Nullable(Type.String()),
  rsoCertificateNumber: Nullable(Type.String()),
  rsoCertificateExpiry: Nullable(CalendarDate),
  status: OrganisationStatus,
  sourceCount: Type.Integer(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Type.Integer(),
});
export type Facility = Static<typeof Facility>;
export const FacilityPage = Page(Facility);
export type FacilityPage = Static<typeof FacilityPage>;

const facilityFields = {
  nameEn: Type.Optional(Nullable(Text({ max: 200 }))),
  legalName: Type.Optional(Nullable(Text({ max: 300 }))),
  taxCode: Type.Optional(Nullable(TaxCode)),
  practices: Type.Optional(Practices),
  address: Type.Optional(Nullable(Text({ max: 300 }))),
  phone: Type.Optional(Nullable(Phone)),
  email: Type.Optional(Nullable(Email)),
  contactName: Type.Optional(Nullable(Text({ max: 120 }))),
  rsoName: Type.Optional(Nullable(Text({ max: 120 }))),
  rsoCertificateNumber: Type.Optional(Nullable(Text({ max: 60 }))),
  rsoCertificateExpiry: Type.Optional(Nullable(CalendarDate)),
};

export const CreateFacilityBody = Type.Object(
  {
    name: Text({ min: 2, max: 200 }),
    kind: FacilityKindSchema,
    communeCode: CommuneCode,
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lon: Type.Number({ minimum: -180, maximum: 180 }),
    code: Type.Optional(
      Type.String({ minLength: 2, maxLength: 32, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' }),
    ),
    ...facilityFields,
  },
  { additionalProperties: false },
);
export type CreateFacilityBody = Static<typeof CreateFacilityBody>;

export const UpdateFacilityBody = Type.Object(
  {
    name: Type.Optional(Text({ min: 2, max: 200 })),
    kind: Type.Optional(FacilityKindSchema),
    communeCode: Type.Optional(CommuneCode),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    status: Type.Optional(OrganisationStatus),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
    ...facilityFields,
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateFacilityBody = Static<typeof UpdateFacilityBody>;

export const FacilityListQuery = Type.Object(
  {
    ...PageQuery,
    sort: SortParam(['name', 'code', 'createdAt']),
    kind: Type.Optional(FacilityKindSchema),
    communeCode: Type.Optional(CommuneCode),
    status: Type.Optional(OrganisationStatus),
    q: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type FacilityListQuery = Static<typeof FacilityListQuery>;

export const Source = Type.Object({
  id: Id,
  facilityId: Id,
  facilityName: Type.String(),
  communeCode: Nullable(Type.String()),
  nuclide: Type.String(),
  /** Null when withheld: category 1–3 details are for DOST staff, inspectors and the holder only. */
  serial: Nullable(Type.String()),
  manufacturer: Nullable(Type.String()),
  model: Nullable(Type.String()),
  referenceActivityBq: Nullable(Type.Number()),
  referenceDate: Nullable(CalendarDate),
  currentActivityBq: Nullable(Type.Number()),
  aOverD: Nullable(Type.Number()),
  category: Nullable(Category),
  form: Nullable(Type.String()),
  use: SourceUseSchema,
  location: Nullable(Type.String()),
  status: SourceStatusSchema,
  pendingTransferTo: Nullable(Id),
  pendingTransferToName: Nullable(Type.String()),
  restricted: Type.Boolean(),
  /** A valid licence (the province's or the national agency's) covers it today. */
  licensed: Type.Boolean(),
  /** Held (in use or stored) without a valid licence covering it. */
  unlicensed: Type.Boolean(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Type.Integer(),
});
export type Source = Static<typeof Source>;
export const SourcePage = Page(Source);

/** Sources kept at one place of a facility, with the aggregate category (RS-G-1.9: Σ A/D of co-located sources). */
export const SourceLocation = Type.Object({
  /** Null when withheld (an aggregate of category 1–3 seen by someone without need to know). */
  location: Nullable(Type.String()),
  sources: Type.Integer(),
  nuclides: Type.Array(Type.String()),
  aOverD: Nullable(Type.Number()),
  category: Category,
  restricted: Type.Boolean(),
});
export type SourceLocation = Static<typeof SourceLocation>;
export type SourcePage = Static<typeof SourcePage>;

export const CreateSourceBody = Type.Object(
  {
    facilityId: Id,
    nuclide: NuclideName,
    serial: Text({ min: 1, max: 60 }),
    referenceActivityBq: Type.Number({ exclusiveMinimum: 0, maximum: 1e18 }),
    referenceDate: CalendarDate,
    manufacturer: Type.Optional(Nullable(Text({ max: 120 }))),
    model: Type.Optional(Nullable(Text({ max: 120 }))),
    form: Type.Optional(Nullable(Text({ max: 120 }))),
    use: Type.Optional(SourceUseSchema),
    location: Type.Optional(Nullable(Text({ max: 300 }))),
    /** The day the facility received it (the first ledger entry); today when absent. */
    receivedOn: Type.Optional(CalendarDate),
    /** How the source arrives: received (stored) by default, or already installed. */
    status: Type.Optional(Type.Union([Type.Literal('stored'), Type.Literal('in_use')])),
  },
  { additionalProperties: false },
);
export type CreateSourceBody = Static<typeof CreateSourceBody>;

export const UpdateSourceBody = Type.Object(
  {
    model: Type.Optional(Nullable(Text({ max: 120 }))),
    form: Type.Optional(Nullable(Text({ max: 120 }))),
    use: Type.Optional(SourceUseSchema),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateSourceBody = Static<typeof UpdateSourceBody>;

export const SourceListQuery = Type.Object(
  {
    ...PageQuery,
    sort: SortParam(['nuclide', 'category', 'currentActivityBq', 'status', 'facilityName', 'referenceDate']),
    facilityId: Type.Optional(Id),
    nuclide: Type.Optional(Type.String({ maxLength: 20 })),
    status: Type.Optional(SourceStatusSchema),
    communeCode: Type.Optional(CommuneCode),
    category: Type.Optional(Category),
    unlicensed: Type.Optional(Type.Boolean()),
    q: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type SourceListQuery = Static<typeof SourceListQuery>;

export const SourceTransaction = Type.Object({
  id: Id,
  sourceId: Id,
  type: TransactionTypeSchema,
  occurredOn: CalendarDate,
  recordedAt: IsoDateTime,
  facilityId: Id,
  counterpartyFacilityId: Nullable(Id),
  /** The other facility's name, or the free-text counterparty (supplier, foreign buyer). */
  counterpartyName: Nullable(Type.String()),
  location: Nullable(Type.String()),
  note: Nullable(Type.String()),
  statusAfter: SourceStatusSchema,
  matchedTransactionId: Nullable(Id),
  /** A transfer between two facilities of the province whose other half is not recorded yet. */
  unmatched: Type.Boolean(),
});
export type SourceTransaction = Static<typeof SourceTransaction>;

export const CreateTransactionBody = Type.Object(
  {
    type: TransactionTypeSchema,
    occurredOn: CalendarDate,
    counterpartyFacilityId: Type.Optional(Nullable(Id)),
    counterpartyName: Type.Optional(Nullable(Text({ max: 200 }))),
    location: Type.Optional(Nullable(Text({ max: 300 }))),
    note: Type.Optional(Nullable(Text({ max: 2000 }))),
  },
  { additionalProperties: false },
);
export type CreateTransactionBody = Static<typeof CreateTransactionBody>;

export const DeviceTypeSchema = Type.Enum(DEVICE_TYPES);
export const DeviceStatusSchema = Type.Enum(DEVICE_STATUSES);
export const QaResultSchema = Type.Enum(QA_RESULTS);

export const QaTest = Type.Object({
  id: Id,
  deviceId: Id,
  testedOn: CalendarDate,
  certificateNumber: Nullable(Type.String()),
  tester: Nullable(Type.String()),
  result: QaResultSchema,
  nextDue: Nullable(CalendarDate),
  note: Nullable(Type.String()),
  recordedAt: IsoDateTime,
});
export type QaTest = Static<typeof QaTest>;

export const Device = Type.Object({
  id: Id,
  facilityId: Id,
  facilityName: Type.String(),
  communeCode: Nullable(Type.String()),
  type: DeviceTypeSchema,
  /** For X-ray: digital (true) or analog (false); null where it does not apply or is unknown. */
  digital: Nullable(Type.Boolean()),
  maker: Nullable(Type.String()),
  model: Nullable(Type.String()),
  serial: Nullable(Type.String()),
  yearMade: Nullable(Type.Integer()),
  location: Nullable(Type.String()),
  status: DeviceStatusSchema,
  lastQa: Nullable(QaTest),
  qaDue: Nullable(CalendarDate),
  /** In use with no QA test on record, a failed last test, or past its due date. */
  qaOverdue: Type.Boolean(),
  /** Covered today by a valid licence or declaration certificate. */
  licensed: Type.Boolean(),
  /** In use, subject to licensing, and not covered: flagged wherever the device appears. */
  unlicensed: Type.Boolean(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Type.Integer(),
});
export type Device = Static<typeof Device>;
export const DevicePage = Page(Device);
export type DevicePage = Static<typeof DevicePage>;

const deviceFields = {
  digital: Type.Optional(Nullable(Type.Boolean())),
  maker: Type.Optional(Nullable(Text({ max: 120 }))),
  model: Type.Optional(Nullable(Text({ max: 120 }))),
  serial: Type.Optional(Nullable(Text({ max: 60 }))),
  yearMade: Type.Optional(Nullable(Type.Integer({ minimum: 1900, maximum: 2100 }))),
  location: Type.Optional(Nullable(Text({ max: 300 }))),
};

export const CreateDeviceBody = Type.Object(
  { facilityId: Id, type: DeviceTypeSchema, status: Type.Optional(DeviceStatusSchema), ...deviceFields },
  { additionalProperties: false },
);
export type CreateDeviceBody = Static<typeof CreateDeviceBody>;

export const UpdateDeviceBody = Type.Object(
  {
    type: Type.Optional(DeviceTypeSchema),
    status: Type.Optional(DeviceStatusSchema),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
    ...deviceFields,
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateDeviceBody = Static<typeof UpdateDeviceBody>;

export const DeviceListQuery = Type.Object(
  {
    ...PageQuery,
    sort: SortParam(['type', 'facilityName', 'qaDue', 'status', 'yearMade']),
    facilityId: Type.Optional(Id),
    type: Type.Optional(DeviceTypeSchema),
    status: Type.Optional(DeviceStatusSchema),
    communeCode: Type.Optional(CommuneCode),
    qaOverdue: Type.Optional(Type.Boolean()),
    unlicensed: Type.Optional(Type.Boolean()),
    q: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type DeviceListQuery = Static<typeof DeviceListQuery>;

export const CreateQaTestBody = Type.Object(
  {
    testedOn: CalendarDate,
    result: QaResultSchema,
    certificateNumber: Type.Optional(Nullable(Text({ max: 60 }))),
    tester: Type.Optional(Nullable(Text({ max: 200 }))),
    nextDue: Type.Optional(Nullable(CalendarDate)),
    note: Type.Optional(Nullable(Text({ max: 2000 }))),
  },
  { additionalProperties: false },
);
export type CreateQaTestBody = Static<typeof CreateQaTestBody>;

export const InventoryItem = Type.Object(
  { sourceId: Id, present: Type.Boolean(), note: Type.Optional(Nullable(Text({ max: 1000 }))) },
  { additionalProperties: false },
);
export const InventoryExtra = Type.Object(
  {
    nuclide: Text({ min: 1, max: 20 }),
    serial: Text({ min: 1, max: 60 }),
    manufacturer: Type.Optional(Nullable(Text({ max: 120 }))),
    note: Type.Optional(Nullable(Text({ max: 1000 }))),
  },
  { additionalProperties: false },
);
export const ConfirmInventoryBody = Type.Object(
  {
    items: Type.Array(InventoryItem, { maxItems: 5000 }),
    extra: Type.Optional(Type.Array(InventoryExtra, { maxItems: 500 })),
  },
  { additionalProperties: false },
);
export type ConfirmInventoryBody = Static<typeof ConfirmInventoryBody>;
export const InventoryDiscrepancy = Type.Object({
  kind: Type.Union([
    Type.Literal('not_found_at_facility'),
    Type.Literal('not_in_registry'),
    Type.Literal('not_listed'),
  ]),
  sourceId: Nullable(Id),
  nuclide: Nullable(Type.String()),
  serial: Nullable(Type.String()),
  note: Nullable(Type.String()),
});
export type InventoryDiscrepancy = Static<typeof InventoryDiscrepancy>;
export const INVENTORY_FINDING_STATUSES = ['open', 'resolved'] as const;
/** A difference the Department follows up until it is resolved (the source found, the register corrected…). */
export const InventoryFinding = Type.Object({
  id: Id,
  year: Type.Integer(),
  facilityId: Id,
  facilityName: Type.String(),
  kind: InventoryDiscrepancy.properties.kind,
  sourceId: Nullable(Id),
  nuclide: Nullable(Type.String()),
  serial: Nullable(Type.String()),
  note: Nullable(Type.String()),
  status: Type.Enum(INVENTORY_FINDING_STATUSES),
  resolution: Nullable(Type.String()),
  resolvedAt: Nullable(IsoDateTime),
  resolvedBy: Nullable(Type.String()),
  createdAt: IsoDateTime,
});
export type InventoryFinding = Static<typeof InventoryFinding>;
export const InventoryFindingQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum(INVENTORY_FINDING_STATUSES)),
    facilityId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type InventoryFindingQuery = Static<typeof InventoryFindingQuery>;
export const ResolveInventoryFindingBody = Type.Object(
  { resolution: Text({ min: 3, max: 2000 }) },
  { additionalProperties: false },
);
export type ResolveInventoryFindingBody = Static<typeof ResolveInventoryFindingBody>;
export const InventoryCampaignSummary = Type.Object({
  year: Type.Integer(),
  dueOn: CalendarDate,
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  closedAt: Nullable(IsoDateTime),
  facilities: Type.Integer(),
  confirmed: Type.Integer(),
  openFindings: Type.Integer(),
});
export type InventoryCampaignSummary = Static<typeof InventoryCampaignSummary>;
export const FacilityInventory = Type.Object({
  year: Type.Integer(),
  facilityId: Id,
  facilityName: Type.String(),
  expected: Type.Array(
    Type.Object({
      sourceId: Id,
      nuclide: Type.String(),
      serial: Type.String(),
      status: SourceStatusSchema,
      location: Nullable(Type.String()),
    }),
  ),
  confirmedAt: Nullable(IsoDateTime),
  confirmedBy: Nullable(Type.String()),
  /** The answers of the last confirmation (for showing them and confirming again). */
  items: Type.Array(InventoryItem),
  extra: Type.Array(InventoryExtra),
  discrepancies: Type.Array(InventoryDiscrepancy),
  findings: Type.Array(InventoryFinding),
});
export type FacilityInventory = Static<typeof FacilityInventory>;
export const InventoryCampaign = Type.Object({
  year: Type.Integer(),
  dueOn: CalendarDate,
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  facilities: Type.Array(
    Type.Object({
      facilityId: Id,
      facilityName: Type.String(),
      expectedSources: Type.Integer(),
      confirmedAt: Nullable(IsoDateTime),
      discrepancies: Type.Integer(),
      openFindings: Type.Integer(),
    }),
  ),
  closedAt: Nullable(IsoDateTime),
});
export type InventoryCampaign = Static<typeof InventoryCampaign>;
export const CreateInventoryCampaignBody = Type.Object(
  { year: Type.Integer({ minimum: 2000, maximum: 2100 }), dueOn: CalendarDate },
  { additionalProperties: false },
);
export const YearParams = Type.Object(
  { year: Type.Integer({ minimum: 2000, maximum: 2100 }) },
  { additionalProperties: false },
);
export const YearFacilityParams = Type.Object(
  { year: Type.Integer({ minimum: 2000, maximum: 2100 }), facilityId: Id },
  { additionalProperties: false },
);

/** Unsealed nuclides (nuclear medicine) are recorded as quantities received and used per month. */
export const UnsealedRecord = Type.Object({
  id: Id,
  facilityId: Id,
  facilityName: Type.String(),
  nuclide: Type.String(),
  period: Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' }),
  receivedBq: Type.Number(),
  usedBq: Type.Number(),
  note: Nullable(Type.String()),
  updatedAt: IsoDateTime,
});
export type UnsealedRecord = Static<typeof UnsealedRecord>;
export const PutUnsealedBody = Type.Object(
  {
    facilityId: Id,
    nuclide: NuclideName,
    period: Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' }),
    receivedBq: Type.Number({ minimum: 0, maximum: 1e18 }),
    usedBq: Type.Number({ minimum: 0, maximum: 1e18 }),
    note: Type.Optional(Nullable(Text({ max: 1000 }))),
  },
  { additionalProperties: false },
);
export type PutUnsealedBody = Static<typeof PutUnsealedBody>;
export const UnsealedListQuery = Type.Object(
  {
    facilityId: Type.Optional(Id),
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
    nuclide: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);
export type UnsealedListQuery = Static<typeof UnsealedListQuery>;
