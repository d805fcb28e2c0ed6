import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Breadcrumb, Button, Flex, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth/AuthContext';
import {
  REGISTRY_PERMISSIONS,
  REGISTRY_SECTIONS,
  registryPath,
  type RegistrySection as Section,
} from '../../app/layout/navigation';
import { PageHeader } from '../../ui/PageHeader';
import { useIsMobile } from '../../ui/useMediaQuery';
import './registry.css';

/**
 * A page of "Đăng ký & cấp phép": its title, then the tabs that lead to the other registers (each its own address,
 * so a link or the back button lands on the same tab).
 */
export function RegistrySection({
  section,
  extra,
  children,
}: {
  /** null: the overview. */
  section: Section | null;
  extra?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const sections = REGISTRY_SECTIONS.filter((key) => REGISTRY_PERMISSIONS[key].some(can));
  const items = [
    {
      key: 'overview',
      label: <span data-testid="registry-tab-overview">{t('registry.tabsShort.overview')}</span>,
    },
    ...sections.map((key) => ({
      key,
      label: (
        <span data-testid={`registry-tab-${key}`} title={t(`registry.tabs.${key}`)}>
          {t(`registry.tabsShort.${key}`)}
        </span>
      ),
    })),
  ];
  return (
    <>
      <PageHeader
        title={section ? t(`registry.tabs.${section}`) : t('domains.registry.title')}
        subtitle={t(`registry.subtitles.${section ?? 'overview'}`)}
        extra={extra}
      />
      {isMobile ? (
        // On a phone every register stays one tap away: the tabs wrap instead of hiding behind "…".
        <Flex
          wrap
          gap={6}
          className="registry-subnav"
          component="nav"
          aria-label={t('domains.registry.title')}
        >
          {[null, ...sections].map((key) => {
            const to = key ? registryPath(key) : registryPath();
            return (
              <Button
                key={key ?? 'overview'}
                size="small"
                href={to}
                type={(section ?? null) === key ? 'primary' : 'default'}
                onClick={(event) => {
                  event.preventDefault();
                  void navigate(to);
                }}
                data-testid={`registry-tab-${key ?? 'overview'}`}
              >
                {key ? t(`registry.tabsShort.${key}`) : t('registry.tabsShort.overview')}
              </Button>
            );
          })}
        </Flex>
      ) : (
        <Tabs
          className="registry-tabs"
          activeKey={section ?? 'overview'}
          items={items}
          onChange={(key) =>
            void navigate(key === 'overview' ? registryPath() : registryPath(key as Section))
          }
        />
      )}
      {children}
    </>
  );
}

/** The way back from a detail page: the domain, the register, the record. */
export function RegistryBreadcrumb({ section, current }: { section: Section; current: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Breadcrumb
      className="registry-breadcrumb"
      items={[
        { title: <Link to={registryPath()}>{t('domains.registry.title')}</Link> },
        {
          title: (
            <Link to={registryPath(section)} data-testid={`breadcrumb-${section}`}>
              {t(`registry.tabs.${section}`)}
            </Link>
          ),
        },
        { title: current },
      ]}
    />
  );
}
