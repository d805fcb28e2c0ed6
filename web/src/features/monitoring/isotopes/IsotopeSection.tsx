import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Breadcrumb, Flex, Tabs, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { Permission, type IsotopeFlag } from '@sievert/core';
import { useAuth } from '../../../app/auth/AuthContext';
import { PageHeader } from '../../../ui/PageHeader';
import { stationPath } from '../api';
import { ISOTOPE_SECTIONS, isotopePath, type IsotopeSection as Section } from './api';
import '../../registry/registry.css';
import './isotopes.css';

/**
 * A page of the river isotopes: the way back to the monitoring domain, the title, and tabs to the samples, the
 * analysis by river and the import (each its own address).
 */
export function IsotopeSection({
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
  const sections = ISOTOPE_SECTIONS.filter((s) => s !== 'import' || can(Permission.IsotopeManage));
  return (
    <>
      <Breadcrumb
        className="registry-breadcrumb"
        items={[
          { title: <Link to={stationPath()}>{t('domains.monitoring.title')}</Link> },
          { title: t('isotopes.title') },
        ]}
      />
      <PageHeader
        title={t(`isotopes.tabs.${section}`)}
        subtitle={t(`isotopes.subtitles.${section}`)}
        extra={extra}
      />
      <Tabs
        activeKey={section}
        onChange={(key) => void navigate(isotopePath(key as Section))}
        items={sections.map((key) => ({
          key,
          label: <span data-testid={`isotope-tab-${key}`}>{t(`isotopes.tabs.${key}`)}</span>,
        }))}
        className="isotope-tabs"
      />
      {children}
    </>
  );
}

const FLAG_COLOURS: Record<IsotopeFlag, string> = {
  d18o_out_of_range: 'red',
  d2h_out_of_range: 'red',
  tritium_out_of_range: 'magenta',
  uncertainty_high: 'gold',
  d_excess_outlier: 'orange',
  line_residual_outlier: 'volcano',
};

/** The flags of a sample as tags, each with its explanation on hover. */
export function IsotopeFlags({ flags }: { flags: readonly IsotopeFlag[] }) {
  const { t } = useTranslation();
  if (flags.length === 0) return <span className="muted">—</span>;
  return (
    <Flex gap={4} wrap data-testid="isotope-flags" data-flags={flags.join(' ')}>
      {flags.map((flag) => (
        <Tooltip key={flag} title={t(`isotopes.flagHints.${flag}`)}>
          <Tag color={FLAG_COLOURS[flag]} style={{ marginInlineEnd: 0 }}>
            {t(`isotopes.flags.${flag}`)}
          </Tag>
        </Tooltip>
      ))}
    </Flex>
  );
}
