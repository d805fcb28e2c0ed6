import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Flex, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Permission } from '@sievert/core';
import { useAuth } from '../../app/auth/AuthContext';
import { PageHeader } from '../../ui/PageHeader';
import { useIsMobile } from '../../ui/useMediaQuery';
import { MONITORING_SECTIONS, monitoringPath, type MonitoringSection as Section } from './api';
import '../registry/registry.css';
import './monitoring.css';

/** Who sees which tab (the server checks again on every call). */
const SECTION_PERMISSIONS: Record<Section, Permission> = {
  overview: Permission.StationRead,
  stations: Permission.StationRead,
  alarms: Permission.AlarmRead,
};

/**
 * A page of "Quan trắc phóng xạ môi trường": its title, then the tabs to the network dashboard, the stations and
 * the alarms (each its own address, so a link or the back button lands on the same tab).
 */
export function MonitoringSection({
  section,
  extra,
  children,
}: {
  section: Section;
  extra?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const sections = MONITORING_SECTIONS.filter((key) => can(SECTION_PERMISSIONS[key]));
  const subtitle =
    section === 'stations' ? t('monitoring.station.listSubtitle') : t(`monitoring.subtitles.${section}`);
  return (
    <>
      <PageHeader title={t('domains.monitoring.title')} subtitle={subtitle} extra={extra} />
      {isMobile ? (
        <Flex
          wrap
          gap={6}
          className="registry-subnav"
          component="nav"
          aria-label={t('domains.monitoring.title')}
        >
          {sections.map((key) => (
            <Button
              key={key}
              size="small"
              href={monitoringPath(key)}
              type={section === key ? 'primary' : 'default'}
              onClick={(event) => {
                event.preventDefault();
                void navigate(monitoringPath(key));
              }}
              data-testid={`monitoring-tab-${key}`}
            >
              {t(`monitoring.tabs.${key}`)}
            </Button>
          ))}
        </Flex>
      ) : (
        <Tabs
          className="registry-tabs"
          activeKey={section}
          items={sections.map((key) => ({
            key,
            label: <span data-testid={`monitoring-tab-${key}`}>{t(`monitoring.tabs.${key}`)}</span>,
          }))}
          onChange={(key) => void navigate(monitoringPath(key as Section))}
        />
      )}
      {children}
    </>
  );
}
