/**
 * Roles, permissions and data scopes: the one place that says who may do what.
 * Services check a permission first; repositories apply the scope in their queries.
 */

export const ROLES = [
  'admin',
  'dost_officer',
  'dost_leader',
  'inspector',
  'department_officer',
  'commune_officer',
  'facility_operator',
  'responder',
] as const;
export type Role = (typeof ROLES)[number];

export const ORGANISATION_KINDS = [
  'dost',
  'department',
  'commune_committee',
  'facility',
  'response_agency',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** One enum of permissions. Later domains add theirs here. */
export const Permission = {
  DashboardRead: 'dashboard.read',
  GeoRead: 'geo.read',
  /** Edit facts kept per commune (population and its year and source). */
  GeoManage: 'geo.manage',
  OrganisationRead: 'organisation.read',
  OrganisationCreate: 'organisation.create',
  OrganisationUpdate: 'organisation.update',
  OrganisationUpdateOwn: 'organisation.update_own',
  OrganisationDelete: 'organisation.delete',
  UserRead: 'user.read',
  UserManage: 'user.manage',
  AuditRead: 'audit.read',
  AuditVerify: 'audit.verify',
  TokenManageOwn: 'token.manage_own',
  TokenManageAll: 'token.manage_all',
  FacilityRead: 'facility.read',
  FacilityManage: 'facility.manage',
  FacilityUpdateOwn: 'facility.update_own',
  SourceRead: 'source.read',
  /** Exact location, serial and activity of category 1–3 sources (need to know). */
  SourceReadSensitive: 'source.read_sensitive',
  SourceManage: 'source.manage',
  SourceManageOwn: 'source.manage_own',
  DeviceRead: 'device.read',
  DeviceManage: 'device.manage',
  DeviceManageOwn: 'device.manage_own',
  ApplicationRead: 'application.read',
  /** Fill in, submit and withdraw applications for one's own facility. */
  ApplicationSubmitOwn: 'application.submit_own',
  /** Check completeness, return for completion, appraise. */
  ApplicationProcess: 'application.process',
  /** Approve or refuse. */
  ApplicationDecide: 'application.decide',
  LicenceRead: 'licence.read',
  LicenceManage: 'licence.manage',
  InspectionRead: 'inspection.read',
  InspectionManage: 'inspection.manage',
  /** A facility answers the findings addressed to it. */
  InspectionRespondOwn: 'inspection.respond_own',
  /** The monitoring stations and their data (officials). */
  StationRead: 'station.read',
  /** Add and edit stations, issue their ingest tokens. */
  StationManage: 'station.manage',
  /** Validate or reject measured values (officials' data review). */
  MeasurementValidate: 'measurement.validate',
  /** See monitoring alarms. */
  AlarmRead: 'alarm.read',
  /** Acknowledge alarms and close them as resolved or false. */
  AlarmManage: 'alarm.manage',
  /** Edit the alarm rules (level ladder, baseline, rate of rise, offline, neighbours). */
  AlarmRuleManage: 'alarm_rule.manage',
  /** River stable-isotope samples and their lab results. */
  IsotopeRead: 'isotope.read',
  IsotopeManage: 'isotope.manage',
  /** Choose which notifications one receives (in the app, by e-mail). */
  NotificationSubscribeOwn: 'notification.subscribe_own',
  /** Webhooks that send notifications to other systems, and subscriptions of others. */
  NotificationManage: 'notification.manage',
  /** Dispersion runs and cordons: see them (officials and responders). */
  EmergencyRead: 'emergency.read',
  /** Start dispersion runs and cordon calculations for the record. */
  EmergencyRun: 'emergency.run',
  /** Report an incident (a facility: for itself only). */
  IncidentReport: 'incident.report',
  /** See incidents: officials all (a commune officer those of the commune), a facility its own, a responder those it is tasked on. */
  IncidentRead: 'incident.read',
  /** Command an incident: assess, move it through the lifecycle, name the commander, give tasks, meet clocks. */
  IncidentManage: 'incident.manage',
  /** Acknowledge and update the tasks given to one's organisation (or oneself). */
  IncidentTaskRespond: 'incident.task_respond',
  /** Approve public notices about an incident. */
  IncidentNoticeApprove: 'incident.notice_approve',
  /** Set the public release rules of monitoring data: delay, validated-only, embargo. */
  PublicationManage: 'publication.manage',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];
export const PERMISSIONS: readonly Permission[] = Object.values(Permission);

/**
 * How far a user's reading reaches. `province`: everything; `commune`: the organisations and objects located
 * in the user's organisation's commune; `organisation`: the user's own organisation only.
 */
export type ScopeLevel = 'province' | 'commune' | 'organisation';

const P = Permission;
const everyone: Permission[] = [
  P.DashboardRead,
  P.GeoRead,
  P.OrganisationRead,
  P.TokenManageOwn,
  P.FacilityRead,
  P.SourceRead,
  P.DeviceRead,
  P.LicenceRead,
  P.StationRead,
  P.AlarmRead,
  P.IsotopeRead,
  P.NotificationSubscribeOwn,
];
const dostStaff: Permission[] = [P.SourceReadSensitive, P.ApplicationRead, P.InspectionRead];
/** Officials report incidents and read them (within their scope). */
const incidentOfficial: Permission[] = [P.IncidentReport, P.IncidentRead];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  dost_leader: [
    ...everyone,
    ...dostStaff,
    P.UserRead,
    P.AuditRead,
    P.AuditVerify,
    P.ApplicationDecide,
    P.AlarmManage,
    P.EmergencyRead,
    P.EmergencyRun,
    P.GeoManage,
    ...incidentOfficial,
    P.IncidentManage,
    P.IncidentNoticeApprove,
    P.PublicationManage,
  ],
  dost_officer: [
    ...everyone,
    ...dostStaff,
    P.OrganisationCreate,
    P.OrganisationUpdate,
    P.UserRead,
    P.FacilityManage,
    P.SourceManage,
    P.DeviceManage,
    P.ApplicationProcess,
    P.LicenceManage,
    P.InspectionManage,
    P.StationManage,
    P.MeasurementValidate,
    P.AlarmManage,
    P.AlarmRuleManage,
    P.IsotopeManage,
    P.NotificationManage,
    P.GeoManage,
    P.EmergencyRead,
    P.EmergencyRun,
    ...incidentOfficial,
    P.IncidentManage,
  ],
  inspector: [
    ...everyone,
    ...dostStaff,
    P.UserRead,
    P.InspectionManage,
    P.EmergencyRead,
    ...incidentOfficial,
  ],
  department_officer: [
    ...everyone,
    P.OrganisationUpdateOwn,
    P.EmergencyRead,
    ...incidentOfficial,
    P.IncidentTaskRespond,
  ],
  commune_officer: [
    ...everyone,
    P.OrganisationUpdateOwn,
    P.EmergencyRead,
    ...incidentOfficial,
    P.IncidentTaskRespond,
  ],
  facility_operator: [
    ...everyone,
    P.OrganisationUpdateOwn,
    P.UserRead,
    P.FacilityUpdateOwn,
    P.SourceManageOwn,
    P.DeviceManageOwn,
    P.ApplicationRead,
    P.ApplicationSubmitOwn,
    P.InspectionRead,
    P.InspectionRespondOwn,
    P.IncidentReport,
    P.IncidentRead,
    P.IncidentTaskRespond,
  ],
  responder: [
    ...everyone,
    P.AlarmManage,
    P.EmergencyRead,
    P.EmergencyRun,
    ...incidentOfficial,
    P.IncidentTaskRespond,
  ],
};

/** Scope of each role; a user with several roles gets the widest. */
export const ROLE_SCOPE: Record<Role, ScopeLevel> = {
  admin: 'province',
  dost_leader: 'province',
  dost_officer: 'province',
  inspector: 'province',
  department_officer: 'province',
  responder: 'province',
  commune_officer: 'commune',
  facility_operator: 'organisation',
};

const SCOPE_RANK: Record<ScopeLevel, number> = { organisation: 0, commune: 1, province: 2 };

export function permissionsOf(roles: readonly Role[]): Permission[] {
  const set = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) set.add(p);
  return PERMISSIONS.filter((p) => set.has(p));
}

export function scopeOf(roles: readonly Role[]): ScopeLevel {
  let best: ScopeLevel = 'organisation';
  for (const role of roles) if (SCOPE_RANK[ROLE_SCOPE[role]] > SCOPE_RANK[best]) best = ROLE_SCOPE[role];
  return best;
}

/** Which organisation kinds may hold which roles: a facility's staff cannot be made DOST leaders. */
export const ROLES_BY_ORGANISATION_KIND: Record<OrganisationKind, readonly Role[]> = {
  dost: ['admin', 'dost_officer', 'dost_leader', 'inspector', 'responder'],
  department: ['department_officer', 'responder'],
  commune_committee: ['commune_officer', 'responder'],
  facility: ['facility_operator'],
  response_agency: ['responder'],
};
