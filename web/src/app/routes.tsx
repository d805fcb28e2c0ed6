import { lazy, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, Outlet, ScrollRestoration } from 'react-router-dom';
import { AuthProvider } from './auth/AuthContext';
import { RequireAuth, RequirePermission } from './auth/guards';
import { AppShell } from './layout/AppShell';
import { DOMAINS, ADMIN_PERMISSIONS, type AdminSection } from './layout/navigation';
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
          ...DOMAINS.map((domain) => ({ path: domain, element: <UnderConstructionPage domain={domain} /> })),
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
