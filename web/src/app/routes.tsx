import { lazy, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, Outlet, ScrollRestoration } from 'react-router-dom';
import { Permission } from '@sievert/core';
import { AuthProvider } from './auth/AuthContext';
import { RequireAuth, RequirePermission } from './auth/guards';
import { AppShell } from './layout/AppShell';
import {
  DOMAINS,
  ADMIN_PERMISSIONS,
  REGISTRY_PERMISSIONS,
  PUBLICATION_PERMISSIONS,
  type AdminSection,
  type RegistrySection,
} from './layout/navigation';
import { UnderConstructionPage } from './layout/UnderConstructionPage';
import { NotFoundPage, RouteError } from './layout/RouteError';
import { LoginPage } from '../features/auth/LoginPage';

// Pages load on demand: the map library only with the dashboard, the admin pages only for those who open them.
const DashboardPage = lazy(() => import('../features/geo/DashboardPage'));
const ForcedPasswordChangePage = lazy(() => import('../features/auth/account/ForcedPasswordChangePage'));
const AccountPage = lazy(() => import('../features/auth/account/AccountPage'));
const OrganisationsPage = lazy(() => import('../features/auth/organisations/OrganisationsPage'));
const UsersPage = lazy(() => import('../features/auth/users/UsersPage'));
const AuditPage = lazy(() => import('../features/auth/audit/AuditPage'));
const TokensPage = lazy(() => import('../features/auth/tokens/TokensPage'));
const SystemPage = lazy(() => import('../features/system/SystemPage'));
const RegistryOverviewPage = lazy(() => import('../features/registry/RegistryOverviewPage'));
const FacilitiesPage = lazy(() => import('../features/registry/facilities/FacilitiesPage'));
const FacilityDetailPage = lazy(() => import('../features/registry/facilities/FacilityDetailPage'));
const SourcesPage = lazy(() => import('../features/registry/sources/SourcesPage'));
const SourceDetailPage = lazy(() => import('../features/registry/sources/SourceDetailPage'));
const DevicesPage = lazy(() => import('../features/registry/devices/DevicesPage'));
const DeviceDetailPage = lazy(() => import('../features/registry/devices/DeviceDetailPage'));
const ApplicationsPage = lazy(() => import('../features/licensing/applications/ApplicationsPage'));
const ApplicationDetailPage = lazy(() => import('../features/licensing/applications/ApplicationDetailPage'));
const LicencesPage = lazy(() => import('../features/licensing/licences/LicencesPage'));
const LicenceDetailPage = lazy(() => import('../features/licensing/licences/LicenceDetailPage'));
const InspectionsPage = lazy(() => import('../features/inspections/InspectionsPage'));
const InspectionDetailPage = lazy(() => import('../features/inspections/InspectionDetailPage'));
const InventoryPage = lazy(() => import('../features/registry/inventory/InventoryPage'));
const InventoryFacilityPage = lazy(() => import('../features/registry/inventory/InventoryFacilityPage'));
const UnsealedPage = lazy(() => import('../features/registry/unsealed/UnsealedPage'));
const ImportPage = lazy(() => import('../features/registry/import/ImportPage'));
const StationsPage = lazy(() => import('../features/monitoring/StationsPage'));
const StationDetailPage = lazy(() => import('../features/monitoring/StationDetailPage'));
const NotificationSettingsPage = lazy(() => import('../features/notifications/NotificationSettingsPage'));
const NetworkPage = lazy(() => import('../features/monitoring/NetworkPage'));
const AlarmsPage = lazy(() => import('../features/monitoring/AlarmsPage'));
const AlarmRulesPage = lazy(() => import('../features/monitoring/rules/AlarmRulesPage'));
const IsotopeSamplesPage = lazy(() => import('../features/monitoring/isotopes/IsotopeSamplesPage'));
const IsotopeAnalysisPage = lazy(() => import('../features/monitoring/isotopes/IsotopeAnalysisPage'));
const IsotopeImportPage = lazy(() => import('../features/monitoring/isotopes/IsotopeImportPage'));
const EmergencyPage = lazy(() => import('../features/emergency/EmergencyPage'));
const CordonPage = lazy(() => import('../features/emergency/CordonPage'));
const DispersionRunPage = lazy(() => import('../features/emergency/DispersionRunPage'));
const DispersionRunViewPage = lazy(() => import('../features/emergency/DispersionRunViewPage'));
const RunsPage = lazy(() => import('../features/emergency/RunsPage'));
const RunsComparePage = lazy(() => import('../features/emergency/RunsComparePage'));
const CommunesPage = lazy(() => import('../features/geo/CommunesPage'));
const IncidentsPage = lazy(() => import('../features/incidents/IncidentsPage'));
const IncidentReportPage = lazy(() => import('../features/incidents/IncidentReportPage'));
const IncidentBoardPage = lazy(() => import('../features/incidents/IncidentBoardPage'));
const PublicationPage = lazy(() => import('../features/publication/PublicationPage'));

/** A registry list and its detail page, each behind the permission of its tab. */
function registry(section: RegistrySection, list: ReactNode, detail: ReactNode) {
  const guard = (page: ReactNode) => (
    <RequirePermission anyOf={REGISTRY_PERMISSIONS[section]}>{page}</RequirePermission>
  );
  return [
    { path: section, element: guard(list) },
    { path: `${section}/:id`, element: guard(detail) },
  ];
}

function RootLayout() {
  return (
    <AuthProvider>
      <Outlet />
      <ScrollRestoration />
    </AuthProvider>
  );
}

function admin(section: AdminSection, page: ReactNode) {
  return {
    path: section,
    element: <RequirePermission anyOf={ADMIN_PERMISSIONS[section]}>{page}</RequirePermission>,
  };
}

export const router = createBrowserRouter([
  {
    element: <RootLayout />,
    errorElement: <RouteError />,
    children: [
      { path: '/login', element: <LoginPage /> },
      {
        path: '/change-password',
        element: (
          <RequireAuth passwordChangePage>
            <ForcedPasswordChangePage />
          </RequireAuth>
        ),
      },
      {
        path: '/',
        element: (
          <RequireAuth>
            <AppShell />
          </RequireAuth>
        ),
        errorElement: <RouteError />,
        children: [
          { index: true, element: <DashboardPage /> },
          {
            path: 'communes',
            element: (
              <RequirePermission anyOf={[Permission.GeoRead]}>
                <CommunesPage />
              </RequirePermission>
            ),
          },
          {
            path: 'registry',
            children: [
              { index: true, element: <RegistryOverviewPage /> },
              ...registry('facilities', <FacilitiesPage />, <FacilityDetailPage />),
              ...registry('sources', <SourcesPage />, <SourceDetailPage />),
              ...registry('devices', <DevicesPage />, <DeviceDetailPage />),
              ...registry('applications', <ApplicationsPage />, <ApplicationDetailPage />),
              ...registry('licences', <LicencesPage />, <LicenceDetailPage />),
              ...registry('inspections', <InspectionsPage />, <InspectionDetailPage />),
              // /registry/inventory/2026 is a year's campaign; /registry/inventory/2026/12 one facility's list.
              ...registry('inventory', <InventoryPage />, <InventoryPage />),
              {
                path: 'inventory/:year/:facilityId',
                element: (
                  <RequirePermission anyOf={REGISTRY_PERMISSIONS.inventory}>
                    <InventoryFacilityPage />
                  </RequirePermission>
                ),
              },
              ...registry('unsealed', <UnsealedPage />, <UnsealedPage />),
              ...registry('import', <ImportPage />, <ImportPage />),
            ],
          },
          {
            path: 'monitoring',
            element: (
              <RequirePermission anyOf={[Permission.StationRead]}>
                <Outlet />
              </RequirePermission>
            ),
            children: [
              { index: true, element: <NetworkPage /> },
              { path: 'stations', element: <StationsPage /> },
              { path: 'stations/:code', element: <StationDetailPage /> },
              {
                path: 'alarms',
                element: (
                  <RequirePermission anyOf={[Permission.AlarmRead]}>
                    <AlarmsPage />
                  </RequirePermission>
                ),
              },
              {
                path: 'rules',
                element: (
                  <RequirePermission anyOf={[Permission.AlarmRead]}>
                    <AlarmRulesPage />
                  </RequirePermission>
                ),
              },
              {
                path: 'isotopes',
                element: (
                  <RequirePermission anyOf={[Permission.IsotopeRead]}>
                    <Outlet />
                  </RequirePermission>
                ),
                children: [
                  { index: true, element: <IsotopeSamplesPage /> },
                  { path: 'analysis', element: <IsotopeAnalysisPage /> },
                  {
                    path: 'import',
                    element: (
                      <RequirePermission anyOf={[Permission.IsotopeManage]}>
                        <IsotopeImportPage />
                      </RequirePermission>
                    ),
                  },
                ],
              },
            ],
          },
          {
            path: 'emergency',
            element: (
              <RequirePermission anyOf={[Permission.EmergencyRead]}>
                <Outlet />
              </RequirePermission>
            ),
            children: [
              { index: true, element: <EmergencyPage /> },
              { path: 'cordon', element: <CordonPage /> },
              { path: 'runs', element: <RunsPage /> },
              { path: 'runs/new', element: <DispersionRunPage /> },
              { path: 'runs/compare', element: <RunsComparePage /> },
              { path: 'runs/:id', element: <DispersionRunViewPage /> },
            ],
          },
          {
            path: 'incidents',
            element: (
              <RequirePermission anyOf={[Permission.IncidentRead, Permission.IncidentReport]}>
                <Outlet />
              </RequirePermission>
            ),
            children: [
              {
                index: true,
                element: (
                  <RequirePermission anyOf={[Permission.IncidentRead]}>
                    <IncidentsPage />
                  </RequirePermission>
                ),
              },
              {
                path: 'new',
                element: (
                  <RequirePermission anyOf={[Permission.IncidentReport]}>
                    <IncidentReportPage />
                  </RequirePermission>
                ),
              },
              {
                path: ':id',
                element: (
                  <RequirePermission anyOf={[Permission.IncidentRead]}>
                    <IncidentBoardPage />
                  </RequirePermission>
                ),
              },
            ],
          },
          {
            path: 'publication',
            element: (
              <RequirePermission anyOf={PUBLICATION_PERMISSIONS}>
                <PublicationPage />
              </RequirePermission>
            ),
          },
          {
            path: 'notifications',
            element: (
              <RequirePermission anyOf={[Permission.NotificationSubscribeOwn]}>
                <NotificationSettingsPage />
              </RequirePermission>
            ),
          },
          ...DOMAINS.filter(
            (domain) =>
              domain !== 'registry' &&
              domain !== 'monitoring' &&
              domain !== 'notifications' &&
              domain !== 'emergency' &&
              domain !== 'incidents' &&
              domain !== 'publication',
          ).map((domain) => ({
            path: domain,
            element: <UnderConstructionPage domain={domain} />,
          })),
          {
            path: 'admin',
            children: [
              { index: true, element: <Navigate to="organisations" replace /> },
              admin('organisations', <OrganisationsPage />),
              admin('users', <UsersPage />),
              admin('audit', <AuditPage />),
              admin('tokens', <TokensPage />),
              admin('system', <SystemPage />),
            ],
          },
          { path: 'account', element: <AccountPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
