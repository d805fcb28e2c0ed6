import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Flex, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Permission } from '@sievert/core';
import { useAuth } from '../../app/auth/AuthContext';
import { PageHeader } from '../../ui/PageHeader';
import { useIsMobile } from '../../ui/useMediaQuery';
import { MONITORING_SECTIONS, monitoringPath, type MonitoringSection as ApiSection } from './api';
import { ALARM_RULES_PATH } from './rules/api';
import '../registry/registry.css';
import './monitoring.css';

/** The tabs: the sections of ./api and the alarm rules (./rules). */
type Section = ApiSection | 'rules';
const SECTIONS: readonly Section[] = [...MONITORING_SECTIONS, 'rules'];
const sectionPath = (section: Section) => (section === 'rules' ? ALARM_RULES_PATH : monitoringPath(section));

/** Who sees which tab (the server checks again on every call). */
const SECTION_PERMISSIONS: Record<Section, Permission> = {
  overview: Permission.StationRead,
  stations: Permission.StationRead,
  alarms: Permission.AlarmRead,
  rules: Permission.AlarmRead,
};

/**
 * A page of "Quan trắc phóng xạ môi trường": its title, then the tabs to the network dashboard, the stations, the
 * alarms and the alarm rules (each its own address, so a link or the back button lands on the same tab).
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
  const sections = SECTIONS.filter((key) => can(SECTION_PERMISSIONS[key]));
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
              href={sectionPath(key)}
              type={section === key ? 'primary' : 'default'}
              onClick={(event) => {
                event.preventDefault();
                void navigate(sectionPath(key));
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
          onChange={(key) => void navigate(sectionPath(key as Section))}
        />
      )}
      {children}
    </>
  );
}
