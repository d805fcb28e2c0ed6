import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Avatar, Button, Drawer, Dropdown, Flex, Layout, Menu, Spin, Typography, type MenuProps } from 'antd';
import { LogoutOutlined, MenuOutlined, SettingOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useAuth, useMe } from '../auth/AuthContext';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { NotificationBell } from '../../features/notifications/NotificationBell';
import { useProvinceName } from '../meta';
import { Logo } from '../../ui/Logo';
import { useIsMobile } from '../../ui/useMediaQuery';
import {
  ADMIN_ICONS,
  ADMIN_PERMISSIONS,
  ADMIN_SECTIONS,
  DOMAIN_ICONS,
  DOMAIN_PERMISSIONS,
  DOMAIN_SUB_PAGES,
  DOMAINS,
  adminPath,
  domainPath,
} from './navigation';

const { Header, Sider, Content } = Layout;
const COLLAPSED_KEY = 'sievert.navCollapsed';

function readCollapsed(): boolean {
  try {
    return window.localStorage.getItem(COLLAPSED_KEY) === '1';
  } catch {
    return false;
  }
}

function useNavigationItems(onNavigate?: () => void): MenuProps['items'] {
  const { t } = useTranslation();
  const { can } = useAuth();
  return useMemo(() => {
    const link = (to: string, testId: string, label: string) => (
      <Link to={to} data-testid={testId} onClick={onNavigate}>
        {label}
      </Link>
    );
    const adminChildren = ADMIN_SECTIONS.filter((section) => ADMIN_PERMISSIONS[section].some(can)).map(
      (section) => ({
        key: adminPath(section),
        icon: ADMIN_ICONS[section],
        label: link(adminPath(section), `nav-admin-${section}`, t(`nav.admin.${section}`)),
      }),
    );
    const items: NonNullable<MenuProps['items']> = [
      { key: '/', icon: DOMAIN_ICONS.dashboard, label: link('/', 'nav-dashboard', t('nav.dashboard')) },
      ...DOMAINS.filter((domain) => DOMAIN_PERMISSIONS[domain]?.some(can) ?? true).flatMap((domain) => [
        {
          key: domainPath(domain),
          icon: DOMAIN_ICONS[domain],
          label: link(domainPath(domain), `nav-${domain}`, t(`domains.${domain}.title`)),
        },
        ...(DOMAIN_SUB_PAGES[domain] ?? [])
          .filter((page) => page.permissions.some(can))
          .map((page) => ({
            key: page.path,
            icon: page.icon,
            label: link(page.path, `nav-${page.id}`, t(page.label)),
          })),
      ]),
    ];
    if (adminChildren.length > 0) {
      items.push({
        key: '/admin',
        icon: ADMIN_ICONS.admin,
        label: <span data-testid="nav-admin">{t('nav.admin.title')}</span>,
        children: adminChildren,
      });
    }
    return items;
  }, [t, can, onNavigate]);
}

function selectedKey(pathname: string): string {
  if (pathname === '/') return '/';
  const sub = Object.values(DOMAIN_SUB_PAGES)
    .flat()
    .find((page) => pathname === page.path || pathname.startsWith(`${page.path}/`));
  if (sub) return sub.path;
  const parts = pathname.split('/').filter(Boolean);
  return parts[0] === 'admin' ? `/admin/${parts[1] ?? ''}` : `/${parts[0] ?? ''}`;
}

function Navigation({ collapsed, onNavigate }: { collapsed: boolean; onNavigate?: () => void }) {
  const location = useLocation();
  const items = useNavigationItems(onNavigate);
  const key = selectedKey(location.pathname);
  const [openKeys, setOpenKeys] = useState<string[]>(() => (key.startsWith('/admin') ? ['/admin'] : []));
  return (
    <Menu
      theme="dark"
      mode="inline"
      items={items}
      selectedKeys={[key]}
      {...(collapsed ? {} : { openKeys, onOpenChange: setOpenKeys })}
      className="app-nav"
    />
  );
}

function UserMenu({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const roles = me.roles.map((role) => t(`roles.${role}`)).join(', ');
  const items: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      className: 'user-menu-identity',
      label: (
        <div style={{ maxWidth: 300 }}>
          <Typography.Text strong style={{ display: 'block' }}>
            {me.displayName}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block', whiteSpace: 'normal' }}>
            {me.organisation.name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block', whiteSpace: 'normal', fontSize: 12 }}>
            {roles}
          </Typography.Text>
        </div>
      ),
    },
    { type: 'divider' },
    {
      key: 'account',
      icon: <SettingOutlined />,
      label: <span data-testid="account-settings">{t('userMenu.account')}</span>,
      onClick: () => void navigate('/account'),
    },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      label: <span data-testid="logout">{t('userMenu.logout')}</span>,
      onClick: () => {
        // The route guard takes the user to the login page once the session is gone.
        void logout();
      },
    },
  ];
  return (
    <Dropdown menu={{ items }} trigger={['click']} placement="bottomRight">
      <Button
        type="text"
        data-testid="user-menu"
        className="user-menu-button"
        aria-label={t('userMenu.label')}
      >
        <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1d4f91' }} />
        {compact ? null : (
          <span className="user-menu-text">
            <span className="user-menu-name">{me.displayName}</span>
            <span className="user-menu-org">{me.organisation.name}</span>
          </span>
        )}
      </Button>
    </Dropdown>
  );
}

export function AppShell() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const provinceName = useProvinceName();
  const [collapsed, setCollapsed] = useState(readCollapsed);
  const [drawerOpen, setDrawerOpen] = useState(false);

  const toggleCollapsed = (value: boolean) => {
    setCollapsed(value);
    try {
      window.localStorage.setItem(COLLAPSED_KEY, value ? '1' : '0');
    } catch {
      // Not remembered; fine.
    }
  };

  const brand = (
    <Link to="/" className="brand" aria-label={t('app.home')}>
      <Logo size={28} />
      <span className="brand-text">
        <span className="brand-name">Sievert</span>
        {provinceName && !isMobile ? <span className="brand-province">{provinceName}</span> : null}
      </span>
    </Link>
  );

  return (
    <Layout className="app-shell">
      {isMobile ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={280}
          title={<span className="drawer-title">{t('nav.menu')}</span>}
          className="nav-drawer"
          styles={{ body: { padding: 0, background: '#0f2a47' }, header: { background: '#0f2a47' } }}
        >
          <Navigation collapsed={false} onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      ) : (
        <Sider
          width={264}
          collapsible
          collapsed={collapsed}
          onCollapse={toggleCollapsed}
          className="app-sider"
          aria-label={t('nav.label')}
        >
          <div className="sider-scroll">
            <Navigation collapsed={collapsed} />
          </div>
        </Sider>
      )}
      <Layout>
        <Header className="app-header">
          <Flex align="center" gap={8} style={{ minWidth: 0 }}>
            {isMobile ? (
              <Button
                type="text"
                icon={<MenuOutlined />}
                aria-label={t('nav.open')}
                data-testid="nav-toggle"
                onClick={() => setDrawerOpen(true)}
              />
            ) : null}
            {brand}
          </Flex>
          <Flex align="center" gap={4} style={{ flexShrink: 0 }}>
            <NotificationBell />
            <LanguageSwitch compact={isMobile} />
            <UserMenu compact={isMobile} />
          </Flex>
        </Header>
        <Content className="app-content">
          <Suspense
            fallback={
              <Flex justify="center" style={{ padding: 64 }}>
                <Spin size="large" />
              </Flex>
            }
          >
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
