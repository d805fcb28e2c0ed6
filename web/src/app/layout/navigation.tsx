import type { ReactNode } from 'react';
import {
  AimOutlined,
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BellOutlined,
  CloudOutlined,
  ClusterOutlined,
  DashboardOutlined,
  ExperimentOutlined,
  FileProtectOutlined,
  FileTextOutlined,
  FormOutlined,
  FundOutlined,
  HistoryOutlined,
  InboxOutlined,
  KeyOutlined,
  MedicineBoxOutlined,
  NotificationOutlined,
  RadarChartOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Permission } from '@sievert/core';

/** The domains of DESIGN.md in the order officials meet them; the same names as server/src/modules. */
export const DOMAINS = [
  'registry',
  'people',
  'monitoring',
  'incidents',
  'emergency',
  'publication',
  'risk',
  'plan',
  'medical',
  'waste',
  'notifications',
  'reports',
] as const;
export type Domain = (typeof DOMAINS)[number];

export const DOMAIN_ICONS: Record<Domain | 'dashboard', ReactNode> = {
  dashboard: <DashboardOutlined />,
  registry: <FileProtectOutlined />,
  people: <TeamOutlined />,
  monitoring: <RadarChartOutlined />,
  incidents: <WarningOutlined />,
  emergency: <AlertOutlined />,
  publication: <NotificationOutlined />,
  risk: <FundOutlined />,
  plan: <ScheduleOutlined />,
  medical: <MedicineBoxOutlined />,
  waste: <InboxOutlined />,
  notifications: <BellOutlined />,
  reports: <FileTextOutlined />,
};

export const ADMIN_SECTIONS = ['organisations', 'users', 'audit', 'tokens', 'system'] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

export const ADMIN_ICONS: Record<AdminSection | 'admin', ReactNode> = {
  admin: <SettingOutlined />,
  organisations: <ApartmentOutlined />,
  users: <UserOutlined />,
  audit: <AuditOutlined />,
  tokens: <KeyOutlined />,
  system: <ClusterOutlined />,
};

/** Who sees which administration page in the menu (the server checks again on every call). */
export const ADMIN_PERMISSIONS: Record<AdminSection, readonly Permission[]> = {
  organisations: [Permission.OrganisationRead],
  users: [Permission.UserRead],
  audit: [Permission.AuditRead],
  tokens: [Permission.TokenManageOwn, Permission.TokenManageAll],
  // The system page shows installation details: for administrators.
  system: [Permission.UserManage],
};

/** The sub-pages of the registry domain ("Đăng ký & cấp phép"): licensing lives beside the registry there. */
export const REGISTRY_SECTIONS = [
  'facilities',
  'sources',
  'devices',
  'applications',
  'licences',
  'inspections',
  'inventory',
  'unsealed',
  'import',
] as const;
export type RegistrySection = (typeof REGISTRY_SECTIONS)[number];

/** Who sees which registry tab (the server checks again on every call and applies the data scope). */
export const REGISTRY_PERMISSIONS: Record<RegistrySection, readonly Permission[]> = {
  facilities: [Permission.FacilityRead],
  sources: [Permission.SourceRead],
  devices: [Permission.DeviceRead],
  applications: [Permission.ApplicationRead],
  licences: [Permission.LicenceRead],
  inspections: [Permission.InspectionRead],
  inventory: [Permission.SourceRead],
  unsealed: [Permission.SourceRead],
  import: [
    Permission.FacilityManage,
    Permission.SourceManage,
    Permission.SourceManageOwn,
    Permission.DeviceManage,
    Permission.DeviceManageOwn,
  ],
};

/** `/registry`, `/registry/sources`, `/registry/sources/12`. */
export function registryPath(section?: RegistrySection, id?: number): string {
  if (!section) return '/registry';
  return id === undefined ? `/registry/${section}` : `/registry/${section}/${id}`;
}

/**
 * Domains whose menu entry only some users see; the others show to everyone, their pages saying what they hold.
 * Publication: the rules (station.manage, publication.manage), the notice queue (incident.manage,
 * incident.notice_approve) — the Department's officials, not facilities or responders.
 */
export const PUBLICATION_PERMISSIONS: readonly Permission[] = [
  Permission.StationManage,
  Permission.PublicationManage,
  Permission.IncidentNoticeApprove,
  Permission.IncidentManage,
];

export const DOMAIN_PERMISSIONS: Partial<Record<Domain, readonly Permission[]>> = {
  publication: PUBLICATION_PERMISSIONS,
};

export function domainPath(domain: Domain): string {
  return `/${domain}`;
}

export function adminPath(section: AdminSection): string {
  return `/admin/${section}`;
}

/** A page with its own menu entry right under its domain's entry (test id `nav-<id>`). */
export interface DomainSubPage {
  id: string;
  path: string;
  label:
    | 'isotopes.nav'
    | 'emergency.cordon.nav'
    | 'emergency.run.nav'
    | 'emergency.runs.nav'
    | 'incidents.nav.new';
  icon: ReactNode;
  permissions: readonly Permission[];
}

export const DOMAIN_SUB_PAGES: Partial<Record<Domain, readonly DomainSubPage[]>> = {
  monitoring: [
    {
      id: 'isotopes',
      path: '/monitoring/isotopes',
      label: 'isotopes.nav',
      icon: <ExperimentOutlined />,
      permissions: [Permission.IsotopeRead],
    },
  ],
  incidents: [
    {
      id: 'incident-report',
      path: '/incidents/new',
      label: 'incidents.nav.new',
      icon: <FormOutlined />,
      permissions: [Permission.IncidentReport],
    },
  ],
  emergency: [
    {
      id: 'cordon',
      path: '/emergency/cordon',
      label: 'emergency.cordon.nav',
      icon: <AimOutlined />,
      permissions: [Permission.EmergencyRead],
    },
    {
      id: 'dispersion-run',
      path: '/emergency/runs/new',
      label: 'emergency.run.nav',
      icon: <CloudOutlined />,
      permissions: [Permission.EmergencyRead],
    },
    // After the new-run entry: the menu highlights the first entry whose path starts the address.
    {
      id: 'dispersion-runs',
      path: '/emergency/runs',
      label: 'emergency.runs.nav',
      icon: <HistoryOutlined />,
      permissions: [Permission.EmergencyRead],
    },
  ],
};
