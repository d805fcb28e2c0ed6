/**
 * Table shapes as Kysely sees them. Conventions that keep one SQL for SQLite and PostgreSQL:
 * instants are ISO 8601 UTC text, booleans are 0/1 integers, JSON is text, ids are integers.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface OrganisationsTable {
  id: Generated<number>;
  kind: string;
  code: string;
  name: string;
  name_en: string | null;
  commune_code: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  latitude: number | null;
  longitude: number | null;
  status: string;
  search_text: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  organisation_id: number;
  password_hash: string;
  status: string;
  must_change_password: number;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_enabled: number;
  totp_last_step: number | null;
  failed_login_count: number;
  locked_until: string | null;
  last_login_at: string | null;
  password_changed_at: string;
  search_text: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface UserRolesTable {
  user_id: number;
  role: string;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  prefix: string;
  secret_hash: string;
  scopes: string;
  created_by: number | null;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditLogTable {
  id: number;
  at: string;
  actor_id: number | null;
  actor_name: string | null;
  via: string;
  ip: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  last_id: number;
  last_hash: string;
}

export interface CommunesTable {
  code: string;
  province_code: string;
  name: string;
  full_name: string;
  name_en: string;
  full_name_en: string;
  type: string;
  area_km2: number;
  label_lat: number;
  label_lon: number;
  old_units: string | null;
  geometry: string;
}

export interface ProvinceTable {
  code: string;
  name: string;
  name_en: string;
  facts: string;
  loaded_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface FacilityProfilesTable {
  organisation_id: number;
  legal_name: string | null;
  tax_code: string | null;
  facility_kind: string;
  practices: string;
  contact_name: string | null;
  rso_name: string | null;
  rso_certificate_number: string | null;
  rso_certificate_expiry: string | null;
  registry_status: string;
  created_at: string;
  updated_at: string;
}

export interface SourcesTable {
  id: Generated<number>;
  facility_id: number;
  nuclide: string;
  serial: string;
  manufacturer: string;
  model: string | null;
  reference_activity_bq: number;
  reference_date: string;
  form: string | null;
  source_use: string;
  location: string | null;
  status: string;
  pending_transfer_to: number | null;
  search_text: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface SourceTransactionsTable {
  id: Generated<number>;
  source_id: number;
  type: string;
  occurred_on: string;
  recorded_at: string;
  facility_id: number;
  counterparty_facility_id: number | null;
  counterparty_name: string | null;
  location: string | null;
  note: string | null;
  status_after: string;
  matched_transaction_id: number | null;
  recorded_by: number | null;
}

export interface DevicesTable {
  id: Generated<number>;
  facility_id: number;
  device_type: string;
  digital: number | null;
  maker: string | null;
  model: string | null;
  serial: string | null;
  year_made: number | null;
  location: string | null;
  status: string;
  search_text: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface DeviceQaTestsTable {
  id: Generated<number>;
  device_id: number;
  tested_on: string;
  certificate_number: string | null;
  tester: string | null;
  result: string;
  next_due: string | null;
  note: string | null;
  recorded_at: string;
  recorded_by: number | null;
}

export interface LicencesTable {
  id: Generated<number>;
  number: string;
  kind: string;
  facility_id: number;
  competent_authority: string;
  issued_on: string;
  valid_until: string | null;
  revoked_on: string | null;
  application_id: number | null;
  created_at: string;
  created_by: number | null;
}

export interface LicenceItemsTable {
  licence_id: number;
  item_type: string;
  item_id: number;
}

export interface ApplicationsTable {
  id: Generated<number>;
  facility_id: number;
  procedure: string;
  status: string;
  device_ids: string;
  source_ids: string;
  licence_id: number | null;
  note: string | null;
  received_on: string | null;
  due_on: string | null;
  return_reasons: string;
  refusal_reasons: string;
  checklist: string;
  recommendation: string | null;
  issued_licence_id: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ApplicationEventsTable {
  id: Generated<number>;
  application_id: number;
  at: string;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  from_status: string | null;
  to_status: string;
  note: string | null;
}

export interface InspectionsTable {
  id: Generated<number>;
  facility_id: number;
  year: number;
  kind: string;
  planned_on: string | null;
  conducted_on: string | null;
  status: string;
  lead_inspector_id: number | null;
  team_user_ids: string;
  checklist: string;
  summary: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface InspectionFindingsTable {
  id: Generated<number>;
  inspection_id: number;
  description: string;
  severity: string;
  corrective_action: string | null;
  due_on: string | null;
  status: string;
  response: string | null;
  closed_on: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface InventoryCampaignsTable {
  year: number;
  due_on: string;
  status: string;
  created_at: string;
  created_by: number | null;
  closed_at: string | null;
}

export interface InventoryFindingsTable {
  id: Generated<number>;
  year: number;
  facility_id: number;
  kind: string;
  source_id: number | null;
  nuclide: string | null;
  serial: string | null;
  note: string | null;
  status: string;
  resolution: string | null;
  resolved_at: string | null;
  resolved_by_name: string | null;
  created_at: string;
}

export interface InventoryConfirmationsTable {
  id: Generated<number>;
  year: number;
  facility_id: number;
  expected: string;
  items: string;
  extra: string;
  discrepancies: string;
  confirmed_at: string;
  confirmed_by: number | null;
  confirmed_by_name: string | null;
}

export interface StationsTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: string;
  commune_code: string | null;
  lat: number;
  lon: number;
  height_m: number | null;
  altitude_m: number | null;
  detector_type: string | null;
  conversion_factors: string;
  status: string;
  interval_s: number;
  owner_id: number | null;
  note: string | null;
  search_text: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface StationTokensTable {
  id: Generated<number>;
  station_id: number;
  name: string;
  prefix: string;
  token_hash: string;
  created_at: string;
  created_by: number | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** File contents, addressed by their SHA-256 (the same file attached twice is stored once). */
export interface FileBlobsTable {
  sha256: string;
  size_bytes: number;
  bytes: Uint8Array;
  created_at: string;
}

/** A file of an application's dossier, under one of the procedure's documents (thành phần hồ sơ). */
export interface ApplicationFilesTable {
  id: Generated<number>;
  application_id: number;
  document_type: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: number | null;
  uploaded_by_name: string | null;
  uploaded_at: string;
}

export interface UnsealedRecordsTable {
  id: Generated<number>;
  facility_id: number;
  nuclide: string;
  period: string;
  received_bq: number;
  used_bq: number;
  note: string | null;
  updated_at: string;
  updated_by: number | null;
}

export interface Database {
  organisations: OrganisationsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  communes: CommunesTable;
  province: ProvinceTable;
  settings: SettingsTable;
  facility_profiles: FacilityProfilesTable;
  sources: SourcesTable;
  source_transactions: SourceTransactionsTable;
  devices: DevicesTable;
  device_qa_tests: DeviceQaTestsTable;
  licences: LicencesTable;
  licence_items: LicenceItemsTable;
  applications: ApplicationsTable;
  application_events: ApplicationEventsTable;
  inspections: InspectionsTable;
  inspection_findings: InspectionFindingsTable;
  inventory_campaigns: InventoryCampaignsTable;
  inventory_confirmations: InventoryConfirmationsTable;
  inventory_findings: InventoryFindingsTable;
  unsealed_records: UnsealedRecordsTable;
  file_blobs: FileBlobsTable;
  application_files: ApplicationFilesTable;
  stations: StationsTable;
  station_tokens: StationTokensTable;
}

export type OrganisationRow = Selectable<OrganisationsTable>;
export type NewOrganisationRow = Insertable<OrganisationsTable>;
export type OrganisationUpdate = Updateable<OrganisationsTable>;
export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type CommuneRow = Selectable<CommunesTable>;
export type SourceRow = Selectable<SourcesTable>;
export type SourceTransactionRow = Selectable<SourceTransactionsTable>;
export type FacilityProfileRow = Selectable<FacilityProfilesTable>;
