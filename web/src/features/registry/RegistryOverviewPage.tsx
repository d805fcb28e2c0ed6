import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Badge, Card, Col, Flex, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import {
  AlertOutlined,
  ApartmentOutlined,
  CheckCircleOutlined,
  ClockCircleOutlined,
  DisconnectOutlined,
  ExperimentOutlined,
  FieldTimeOutlined,
  FileProtectOutlined,
  FileTextOutlined,
  RadiusSettingOutlined,
  RollbackOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Application, ApplicationPage } from '@sievert/core';
import { useFormat } from '../../app/i18n/format';
import { registryPath } from '../../app/layout/navigation';
import { LoadError } from '../../ui/errors/ErrorAlert';
import { MAX_PAGE, useApplications, useLicences } from '../licensing/api';
import { ApplicationStatusTag, ReminderTag, WorkingDaysBadge } from '../licensing/badges';
import { useDevices, useFacilities, useSources, useSourceSummary } from './api';
import { DeviceFlags, SourceLicenceTag } from './badges';
import { deviceTitle, sourceTitle } from './labels';
import { RegistrySection } from './RegistrySection';
import { useRegistryRights } from './rights';

const PREVIEW = 5;
/** The statutory clock is "running low" from this many working days left. */
const LOW_CLOCK = 3;
const CATEGORY_COLOURS = ['#c41d7f', '#cf1322', '#d4380d', '#d48806', '#389e0d'];

function StatCard({
  title,
  value,
  icon,
  to,
  loading,
  testId,
  children,
}: {
  title: string;
  value: number | undefined;
  icon: ReactNode;
  to: string;
  loading: boolean;
  testId: string;
  children?: ReactNode;
}) {
  const format = useFormat();
  return (
    <Link to={to} className="stat-link" data-testid={testId}>
      <Card className="stat-card" hoverable>
        <Statistic
          title={
            <Flex gap={6} align="center">
              {icon}
              {title}
            </Flex>
          }
          loading={loading}
          value={value ?? 0}
          formatter={(raw) => format.number(Number(raw))}
        />
        {children}
      </Card>
    </Link>
  );
}

/** One kind of thing needing attention: how many, the first few, and the way to all of them. */
function AttentionCard({
  title,
  icon,
  tone,
  total,
  loading,
  error,
  more,
  testId,
  children,
}: {
  title: string;
  icon: ReactNode;
  tone: 'red' | 'orange' | 'gold';
  total: number | undefined;
  loading: boolean;
  error?: unknown;
  more?: string;
  testId: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const colour = { red: '#cf1322', orange: '#d46b08', gold: '#ad8b00' }[tone];
  return (
    <Card
      className="attention-card detail-card"
      data-testid={testId}
      data-count={total ?? ''}
      title={
        <Flex gap={8} align="center" style={{ whiteSpace: 'normal' }}>
          <span style={{ color: total ? colour : '#8c9bb0' }}>{icon}</span>
          <span>{title}</span>
          {total !== undefined ? (
            <Badge count={format.number(total)} showZero color={total ? colour : '#b7c2d0'} />
          ) : null}
        </Flex>
      }
      extra={more && total ? <Link to={more}>{t('registry.overview.seeAll')}</Link> : null}
    >
      {error ? (
        <LoadError error={error} />
      ) : loading ? (
        <Skeleton active paragraph={{ rows: 2 }} title={false} />
      ) : total ? (
        <Flex vertical gap={8}>
          {children}
        </Flex>
      ) : (
        <Typography.Text type="secondary">
          <CheckCircleOutlined style={{ color: '#389e0d', marginInlineEnd: 6 }} />
          {t('registry.overview.nothing')}
        </Typography.Text>
      )}
    </Card>
  );
}

function Line({ children }: { children: ReactNode }) {
  return (
    <Flex gap={8} wrap align="center" justify="space-between" className="attention-line">
      {children}
    </Flex>
  );
}

/** Applications whose clock runs in one of the three statuses, soonest deadline first. */
function useRunningApplications(enabled: boolean) {
  const submitted = useApplications({ status: 'submitted', limit: MAX_PAGE, offset: 0 }, enabled);
  const appraisal = useApplications({ status: 'in_appraisal', limit: MAX_PAGE, offset: 0 }, enabled);
  const decision = useApplications({ status: 'awaiting_decision', limit: MAX_PAGE, offset: 0 }, enabled);
  const queries: UseQueryResult<ApplicationPage>[] = [submitted, appraisal, decision];
  const all: Application[] = queries.flatMap((query) => query.data?.items ?? []);
  const low = all
    .filter((application) => application.workingDaysLeft !== null && application.workingDaysLeft <= LOW_CLOCK)
    .sort((a, b) => (a.workingDaysLeft ?? 0) - (b.workingDaysLeft ?? 0));
  return {
    inProgress: queries.every((query) => query.data)
      ? queries.reduce((sum, q) => sum + (q.data?.total ?? 0), 0)
      : undefined,
    low,
    loading: queries.some((query) => query.isPending && enabled),
    error: queries.find((query) => query.isError)?.error,
  };
}

export default function RegistryOverviewPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const rights = useRegistryRights();
  const facilities = useFacilities({ limit: 1, offset: 0 });
  const summary = useSourceSummary();
  const devices = useDevices({ limit: 1, offset: 0 });
  const unlicensed = useDevices({ unlicensed: true, limit: PREVIEW, offset: 0 });
  const qaOverdue = useDevices({ qaOverdue: true, limit: PREVIEW, offset: 0 });
  const unlicensedSources = useSources({ unlicensed: true, limit: PREVIEW, offset: 0 });
  const licences = useLicences({ limit: 1, offset: 0 });
  const expired = useLicences({ reminder: 'expired', limit: PREVIEW, offset: 0 });
  const due30 = useLicences({ reminder: 'due_30', limit: PREVIEW, offset: 0 });
  const due90 = useLicences({ reminder: 'due_90', limit: PREVIEW, offset: 0 });
  const running = useRunningApplications(rights.canReadApplications);
  const returned = useApplications({ status: 'returned', limit: PREVIEW, offset: 0 }, rights.canApply);
  // A transfer out whose receiving facility has not confirmed: the ledger's other half is missing.
  const transfers = useSources({ status: 'transferred_out', limit: MAX_PAGE, offset: 0 });
  const unmatched = (transfers.data?.items ?? []).filter((source) => source.pendingTransferTo !== null);

  const expiring = [
    ...(expired.data?.items ?? []),
    ...(due30.data?.items ?? []),
    ...(due90.data?.items ?? []),
  ];
  const expiringTotal =
    expired.data && due30.data && due90.data
      ? expired.data.total + due30.data.total + due90.data.total
      : undefined;
  const categories = summary.data?.byCategory ?? {};
  const maxCategory = Math.max(1, ...Object.values(categories));

  return (
    <RegistrySection section={null}>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={8} xl={rights.canReadApplications ? 4 : 6}>
          <StatCard
            title={t('registry.tabs.facilities')}
            value={facilities.data?.total}
            icon={<ApartmentOutlined />}
            to={registryPath('facilities')}
            loading={facilities.isPending}
            testId="registry-count-facilities"
          />
        </Col>
        <Col xs={12} md={8} xl={rights.canReadApplications ? 5 : 6}>
          <StatCard
            title={t('registry.tabs.sources')}
            value={summary.data?.total}
            icon={<RadiusSettingOutlined />}
            to={registryPath('sources')}
            loading={summary.isPending}
            testId="registry-count-sources"
          >
            <Flex
              gap={3}
              align="flex-end"
              className="category-bars"
              aria-label={t('registry.source.byCategory')}
            >
              {[1, 2, 3, 4, 5].map((category) => {
                const count = categories[String(category)] ?? 0;
                return (
                  <Flex key={category} vertical align="center" gap={2} style={{ flex: 1 }}>
                    <span className="muted" style={{ fontSize: 11 }}>
                      {format.number(count)}
                    </span>
                    <span
                      className="category-bar"
                      style={{
                        height: 4 + (count / maxCategory) * 22,
                        background: count ? CATEGORY_COLOURS[category - 1] : '#e1e7ee',
                      }}
                    />
                    <span style={{ fontSize: 11 }}>{category}</span>
                  </Flex>
                );
              })}
            </Flex>
          </StatCard>
        </Col>
        <Col xs={12} md={8} xl={rights.canReadApplications ? 5 : 6}>
          <StatCard
            title={t('registry.tabs.devices')}
            value={devices.data?.total}
            icon={<ExperimentOutlined />}
            to={registryPath('devices')}
            loading={devices.isPending}
            testId="registry-count-devices"
          >
            {unlicensed.data?.total ? (
              <Tag color="red" style={{ marginTop: 6 }}>
                {t('registry.overview.unlicensedCount', { count: format.number(unlicensed.data.total) })}
              </Tag>
            ) : null}
          </StatCard>
        </Col>
        <Col xs={12} md={rights.canReadApplications ? 12 : 24} xl={rights.canReadApplications ? 5 : 6}>
          <StatCard
            title={t('registry.tabs.licences')}
            value={licences.data?.total}
            icon={<SafetyCertificateOutlined />}
            to={registryPath('licences')}
            loading={licences.isPending}
            testId="registry-count-licences"
          />
        </Col>
        {rights.canReadApplications ? (
          <Col xs={24} md={12} xl={5}>
            <StatCard
              title={t('registry.overview.inProgress')}
              value={running.inProgress}
              icon={<FileTextOutlined />}
              to={registryPath('applications')}
              loading={running.loading}
              testId="registry-count-applications"
            />
          </Col>
        ) : null}
      </Row>
      <Typography.Title level={5} style={{ margin: '8px 0 12px' }}>
        {t('registry.overview.attention')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <AttentionCard
            title={t('registry.overview.unlicensed')}
            icon={<AlertOutlined />}
            tone="red"
            total={unlicensed.data?.total}
            loading={unlicensed.isPending}
            error={unlicensed.error}
            more={`${registryPath('devices')}?unlicensed=true`}
            testId="attention-unlicensed"
          >
            {unlicensed.data?.items.map((device) => {
              const title = deviceTitle(device, t);
              return (
                <Line key={device.id}>
                  <div style={{ minWidth: 0 }}>
                    <Link to={registryPath('devices', device.id)}>{title.type}</Link>
                    <div className="muted" style={{ fontSize: 12 }}>
                      {device.facilityName}
                    </div>
                  </div>
                  <DeviceFlags device={device} />
                </Line>
              );
            })}
          </AttentionCard>
        </Col>
        <Col xs={24} lg={12}>
          <AttentionCard
            title={t('registry.overview.qaOverdue')}
            icon={<ClockCircleOutlined />}
            tone="orange"
            total={qaOverdue.data?.total}
            loading={qaOverdue.isPending}
            error={qaOverdue.error}
            more={`${registryPath('devices')}?qaOverdue=true`}
            testId="attention-qa"
          >
            {qaOverdue.data?.items.map((device) => {
              const title = deviceTitle(device, t);
              return (
                <Line key={device.id}>
                  <div style={{ minWidth: 0 }}>
                    <Link to={registryPath('devices', device.id)}>{title.type}</Link>
                    <div className="muted" style={{ fontSize: 12 }}>
                      {device.facilityName}
                    </div>
                  </div>
                  <span className="muted" style={{ fontSize: 12 }}>
                    {device.qaDue
                      ? t('registry.device.qaDueShort', { date: format.date(device.qaDue) })
                      : t('registry.device.noQa')}
                  </span>
                </Line>
              );
            })}
          </AttentionCard>
        </Col>
        <Col xs={24} lg={12}>
          <AttentionCard
            title={t('registry.overview.unlicensedSources')}
            icon={<AlertOutlined />}
            tone="red"
            total={unlicensedSources.data?.total}
            loading={unlicensedSources.isPending}
            error={unlicensedSources.error}
            more={`${registryPath('sources')}?unlicensed=true`}
            testId="attention-unlicensed-sources"
          >
            {unlicensedSources.data?.items.map((source) => (
              <Line key={source.id}>
                <div style={{ minWidth: 0 }}>
                  <Link to={registryPath('sources', source.id)}>{sourceTitle(source)}</Link>
                  <div className="muted" style={{ fontSize: 12 }}>
                    {source.facilityName}
                  </div>
                </div>
                <SourceLicenceTag source={source} />
              </Line>
            ))}
          </AttentionCard>
        </Col>
        <Col xs={24} lg={12}>
          <AttentionCard
            title={t('registry.overview.expiring')}
            icon={<FileProtectOutlined />}
            tone="gold"
            total={expiringTotal}
            loading={expired.isPending || due30.isPending || due90.isPending}
            error={expired.error ?? due30.error ?? due90.error}
            more={`${registryPath('licences')}?reminder=${expired.data?.total ? 'expired' : due30.data?.total ? 'due_30' : 'due_90'}`}
            testId="attention-licences"
          >
            <Flex gap={6} wrap>
              <Tag color="red">
                {t('registry.overview.expiredCount', { count: format.number(expired.data?.total ?? 0) })}
              </Tag>
              <Tag color="orange">
                {t('registry.overview.due30Count', { count: format.number(due30.data?.total ?? 0) })}
              </Tag>
              <Tag color="gold">
                {t('registry.overview.due90Count', { count: format.number(due90.data?.total ?? 0) })}
              </Tag>
            </Flex>
            {expiring.slice(0, PREVIEW).map((licence) => (
              <Line key={licence.id}>
                <div style={{ minWidth: 0 }}>
                  <Link to={registryPath('licences', licence.id)} className="mono">
                    {licence.number}
                  </Link>
                  <div className="muted" style={{ fontSize: 12 }}>
                    {licence.facilityName}
                  </div>
                </div>
                <ReminderTag licence={licence} />
              </Line>
            ))}
          </AttentionCard>
        </Col>
        {rights.canReadApplications ? (
          <Col xs={24} lg={12}>
            <AttentionCard
              title={t('registry.overview.clock')}
              icon={<FieldTimeOutlined />}
              tone="orange"
              total={running.loading ? undefined : running.low.length}
              loading={running.loading}
              error={running.error}
              more={registryPath('applications')}
              testId="attention-clock"
            >
              {running.low.slice(0, PREVIEW).map((application) => (
                <Line key={application.id}>
                  <div style={{ minWidth: 0 }}>
                    <Link to={registryPath('applications', application.id)}>
                      {t('licensing.application.number', { id: application.id })} ·{' '}
                      {t(`licensing.procedureShort.${application.procedure}`)}
                    </Link>
                    <div className="muted" style={{ fontSize: 12 }}>
                      {application.facilityName}
                    </div>
                  </div>
                  <Flex gap={4} wrap>
                    <ApplicationStatusTag status={application.status} />
                    <WorkingDaysBadge days={application.workingDaysLeft} dueOn={application.dueOn} />
                  </Flex>
                </Line>
              ))}
            </AttentionCard>
          </Col>
        ) : null}
        {rights.canApply ? (
          <Col xs={24} lg={12}>
            <AttentionCard
              title={t('registry.overview.returned')}
              icon={<RollbackOutlined />}
              tone="orange"
              total={returned.data?.total}
              loading={returned.isPending}
              error={returned.error}
              more={`${registryPath('applications')}?status=returned`}
              testId="attention-returned"
            >
              {returned.data?.items.map((application) => (
                <Line key={application.id}>
                  <Link to={registryPath('applications', application.id)}>
                    {t('licensing.application.number', { id: application.id })} ·{' '}
                    {t(`licensing.procedureShort.${application.procedure}`)}
                  </Link>
                  <ApplicationStatusTag status={application.status} />
                </Line>
              ))}
            </AttentionCard>
          </Col>
        ) : null}
        <Col xs={24} lg={12}>
          <AttentionCard
            title={t('registry.overview.unmatched')}
            icon={<DisconnectOutlined />}
            tone="red"
            total={transfers.data ? unmatched.length : undefined}
            loading={transfers.isPending}
            error={transfers.error}
            more={`${registryPath('sources')}?status=transferred_out`}
            testId="attention-transfers"
          >
            {unmatched.slice(0, PREVIEW).map((source) => (
              <Line key={source.id}>
                <div style={{ minWidth: 0 }}>
                  <Link to={registryPath('sources', source.id)}>{sourceTitle(source)}</Link>
                  <div className="muted" style={{ fontSize: 12 }}>
                    {source.facilityName}
                  </div>
                </div>
                <Tag
                  color={source.pendingTransferTo === rights.myFacilityId ? 'blue' : 'purple'}
                  style={{ marginInlineEnd: 0 }}
                >
                  {source.pendingTransferTo === rights.myFacilityId
                    ? t('registry.overview.toConfirm')
                    : t('registry.pendingTransfer')}
                </Tag>
              </Line>
            ))}
          </AttentionCard>
        </Col>
      </Row>
    </RegistrySection>
  );
}
