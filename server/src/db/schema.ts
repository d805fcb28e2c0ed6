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
  /** Inhabitants as recorded by the Department, with the year and source of the figure (0016). */
  population: number | null;
  population_year: number | null;
  population_source: string | null;
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

/** One value of a station (see migration 0011): narrow, keyed by (station_id, quantity, t). */
export interface MeasurementsTable {
  station_id: number;
  quantity: number;
  t: number;
  dur: number;
  value: number;
  unc: number | null;
  flags: number;
  state: number;
  src: number;
  rev: number;
}

/** Earlier values of a measurement that a station (or an import) later changed. */
export interface MeasurementRevisionsTable {
  station_id: number;
  quantity: number;
  t: number;
  rev: number;
  dur: number;
  value: number;
  unc: number | null;
  flags: number;
  state: number;
  src: number;
  replaced_at: string;
}

/** Aggregates of the values of one bucket (hour or day), without rejected values. */
export interface RollupsTable {
  station_id: number;
  quantity: number;
  t: number;
  n: number;
  sum: number;
  min: number;
  max: number;
}

/** Public release rules: one row with station_id null (the network's default), and per-station overrides. */
export interface PublicationRulesTable {
  id: Generated<number>;
  station_id: number | null;
  delay_s: number;
  mode: string;
  embargo: number;
  embargo_reason: string | null;
  embargo_changed_at: string | null;
  embargo_changed_by: number | null;
  updated_at: string;
  updated_by: number | null;
}

export interface MeasurementLatestTable {
  station_id: number;
  quantity: number;
  t: number;
  value: number;
  flags: number;
}

export interface AlarmsTable {
  id: Generated<number>;
  rule: string;
  severity: string;
  state: string;
  cause: string;
  reasons: string;
  station_id: number | null;
  stations: string;
  quantity: string | null;
  peak_value: number | null;
  peak_time: string | null;
  started_at: string;
  last_seen_at: string;
  clear_since: string | null;
  acknowledged_at: string | null;
  acknowledged_by: number | null;
  closed_at: string | null;
  closed_by: number | null;
  note: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  /** The incident opened from this alarm (0017). */
  incident_id: Generated<number | null>;
}

export interface EmergencyRunsTable {
  id: Generated<number>;
  title: string | null;
  inputs: string;
  outputs: string;
  created_at: string;
  created_by: number | null;
  /** The incident the run belongs to (0016; the incidents table comes later). */
  incident_id: number | null;
  /** searchKey(title), for the list's text filter (0016). */
  title_key: string | null;
  /** The list's columns as JSON (RunSummaryColumns), so a list does not parse every run's outputs (0016). */
  summary: string | null;
}

export interface AlarmEventsTable {
  id: Generated<number>;
  alarm_id: number;
  at: string;
  action: string;
  user_id: number | null;
  severity: string;
  note: string | null;
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

/** One announced event (alarm, incident, reminder), in both languages. */
export interface NotificationsTable {
  id: Generated<number>;
  kind: string;
  severity: string;
  commune_code: string | null;
  organisation_id: number | null;
  title_vi: string;
  title_en: string;
  body_vi: string;
  body_en: string;
  link: string | null;
  data: string | null;
  created_at: string;
}

/** A notification in one person's in-app inbox. */
export interface NotificationInboxTable {
  user_id: number;
  notification_id: number;
  read_at: string | null;
}

/** A person's own subscription (user_id) or a role's (role); a null minimum severity turns the channel off. */
export interface NotificationSubscriptionsTable {
  id: Generated<number>;
  user_id: number | null;
  role: string | null;
  in_app_min_severity: string | null;
  email_min_severity: string | null;
  kinds: string;
  commune_codes: string;
  updated_at: string;
  updated_by: number | null;
}

export interface WebhooksTable {
  id: Generated<number>;
  name: string;
  url: string;
  /** The signing secret, sealed with the app's SecretBox (it must be readable to sign). */
  secret_sealed: string;
  secret_hint: string;
  kinds: string;
  min_severity: string;
  commune_codes: string;
  active: number;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  version: number;
}

/** The outbox: one e-mail or webhook call to make, with its attempts. */
export interface NotificationDeliveriesTable {
  id: Generated<number>;
  notification_id: number | null;
  channel: string;
  webhook_id: number | null;
  user_id: number | null;
  target: string;
  event: string;
  payload: string;
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  last_http_status: number | null;
  delivered_at: string | null;
  created_at: string;
}

/** Who runs a periodic job until when (one instance per job). */
export interface JobLeasesTable {
  name: string;
  holder: string;
  expires_at: string;
}

/** The river a river sampling point lies on (0014_isotopes). */
export interface IsotopeSamplingPointsTable {
  station_id: number;
  river_vi: string;
  river_en: string | null;
  river_key: string;
  updated_at: string;
  updated_by: number | null;
}

/** A river water sample and its stable-isotope lab results (δ in ‰ vs VSMOW, tritium in TU). */
export interface IsotopeSamplesTable {
  id: Generated<number>;
  station_id: number;
  sample_code: string;
  sampled_at: string;
  d18o: number | null;
  d18o_unc: number | null;
  d2h: number | null;
  d2h_unc: number | null;
  tritium_tu: number | null;
  tritium_unc: number | null;
  lab: string | null;
  method: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  created_by: number | null;
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
  isotope_sampling_points: IsotopeSamplingPointsTable;
  isotope_samples: IsotopeSamplesTable;
  measurements: MeasurementsTable;
  measurement_revisions: MeasurementRevisionsTable;
  rollups_hour: RollupsTable;
  rollups_day: RollupsTable;
  measurement_latest: MeasurementLatestTable;
  publication_rules: PublicationRulesTable;
  alarms: AlarmsTable;
  alarm_events: AlarmEventsTable;
  emergency_runs: EmergencyRunsTable;
  notifications: NotificationsTable;
  notification_inbox: NotificationInboxTable;
  notification_subscriptions: NotificationSubscriptionsTable;
  webhooks: WebhooksTable;
  notification_deliveries: NotificationDeliveriesTable;
  job_leases: JobLeasesTable;
  incident_counters: IncidentCountersTable;
  incidents: IncidentsTable;
  incident_tasks: IncidentTasksTable;
  incident_timeline: IncidentTimelineTable;
  incident_attachments: IncidentAttachmentsTable;
  incident_clocks: IncidentClocksTable;
  incident_notices: IncidentNoticesTable;
}

// ── incidents (0017) ──────────────────────────────────────────────────────────────────────────────────

export interface IncidentCountersTable {
  year: number;
  last: number;
}

export interface IncidentsTable {
  id: Generated<number>;
  /** `12/2026`. */
  number: string;
  year: number;
  seq: number;
  kind: string;
  title: string;
  /** searchKey(number + title), for the list's text filter. */
  title_key: string;
  description: string;
  lat: number;
  lon: number;
  commune_code: string | null;
  state: string;
  severity: string | null;
  ines: number | null;
  assessment_reasons: string | null;
  /** 0 or 1. */
  exercise: number;
  origin: string;
  alarm_id: number | null;
  facility_id: number | null;
  source_id: number | null;
  /** The reporting organisation. */
  organisation_id: number | null;
  commander_user_id: number | null;
  discovered_at: string;
  reported_at: string;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  final_report: string | null;
  closing_reason: string | null;
  /** JSON of the exercise scenario, or null. */
  scenario: string | null;
  version: number;
  /** The cordon (0018): radius (m) and centre, when and by whom it was set; all null when there is none. */
  cordon_radius_m: number | null;
  cordon_lat: number | null;
  cordon_lon: number | null;
  cordon_set_at: string | null;
  cordon_set_by: number | null;
}

export interface IncidentTasksTable {
  id: Generated<number>;
  incident_id: number;
  title: string;
  description: string | null;
  agency_kind: string | null;
  assignee_organisation_id: number | null;
  owner_user_id: number | null;
  status: string;
  due_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  acknowledged_at: string | null;
  acknowledged_by: number | null;
  completed_at: string | null;
  note: string | null;
}

export interface IncidentTimelineTable {
  id: Generated<number>;
  incident_id: number;
  at: string;
  kind: string;
  text: string;
  /** JSON object, or null. */
  data: string | null;
  user_id: number | null;
  attachment_id: number | null;
}

export interface IncidentAttachmentsTable {
  id: Generated<number>;
  incident_id: number;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  bytes: Uint8Array;
  created_by: number | null;
  created_at: string;
}

export interface IncidentClocksTable {
  incident_id: number;
  code: string;
  due_at: string;
  met_at: string | null;
  met_by: number | null;
  reminded_at: string | null;
  escalated_at: string | null;
}

export interface IncidentNoticesTable {
  id: Generated<number>;
  incident_id: number;
  title: string;
  body: string;
  state: string;
  exercise: number;
  created_by: number | null;
  created_at: string;
  approved_by: number | null;
  approved_at: string | null;
  /** 0020: sent for approval; withdrawn (taken down), by whom and why. */
  submitted_at: string | null;
  withdrawn_by: number | null;
  withdrawn_at: string | null;
  withdraw_reason: string | null;
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
