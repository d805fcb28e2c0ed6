import { useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, Card, Col, Flex, Row, Segmented, Skeleton, Statistic, Typography } from 'antd';
import { ApartmentOutlined, EnvironmentOutlined, FileProtectOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ORGANISATION_KINDS, Permission } from '@sievert/core';
import { useAuth } from '../../app/auth/AuthContext';
import { useLanguage } from '../../app/i18n';
import { useFormat } from '../../app/i18n/format';
import { useMeta } from '../../app/meta';
import { PageHeader } from '../../ui/PageHeader';
import { LoadError } from '../../ui/errors/ErrorAlert';
import { ProvinceMap, type MapMode } from '../../ui/map/ProvinceMap';
import { useCommuneShapes, useDashboard, useProvince } from './api';
import { COMMUNES_PATH } from './population';

function StatCard({
  title,
  value,
  icon,
  note,
  loading,
  testId,
}: {
  title: string;
  value: number | undefined;
  icon: ReactNode;
  note?: ReactNode;
  loading: boolean;
  testId: string;
}) {
  const format = useFormat();
  return (
    <Card className="stat-card" data-testid={testId}>
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
      {note ? (
        <div className="muted" style={{ fontSize: 12, marginTop: 4 }}>
          {note}
        </div>
      ) : null}
    </Card>
  );
}

export default function DashboardPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const navigate = useNavigate();
  const { can, me } = useAuth();
  const meta = useMeta().data;
  const dashboard = useDashboard();
  const shapes = useCommuneShapes();
  const province = useProvince();
  const [mode, setMode] = useState<MapMode>('type');

  const summary = dashboard.data;
  const facilities = summary
    ? Object.values(summary.facilitiesByCommune).reduce((sum, n) => sum + n, 0)
    : undefined;
  const organisations = summary
    ? Object.values(summary.organisations).reduce((sum, n) => sum + n, 0)
    : undefined;
  // In running Vietnamese text the unit type is lower case: "trên địa bàn tỉnh …".
  const provinceName = summary
    ? language === 'en'
      ? summary.province.nameEn
      : summary.province.name.charAt(0).toLocaleLowerCase('vi') + summary.province.name.slice(1)
    : '';
  const scope = summary?.scope ?? me?.scope ?? 'province';

  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        subtitle={provinceName ? t('dashboard.subtitle', { province: provinceName }) : undefined}
      />
      {scope !== 'province' ? (
        <Alert type="info" showIcon title={t(`dashboard.scopeNote.${scope}`)} style={{ marginBottom: 16 }} />
      ) : null}
      {dashboard.isError ? (
        <LoadError error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card
            title={t('dashboard.mapTitle')}
            extra={
              <Segmented<MapMode>
                size="small"
                value={mode}
                onChange={setMode}
                data-testid="map-mode"
                options={[
                  { value: 'type', label: t('dashboard.mapByType') },
                  { value: 'facilities', label: t('dashboard.mapByFacilities') },
                ]}
              />
            }
            styles={{ body: { padding: 12 }, title: { whiteSpace: 'normal' } }}
          >
            {shapes.isError ? (
              <LoadError error={shapes.error} onRetry={() => void shapes.refetch()} />
            ) : shapes.data ? (
              <ProvinceMap
                shapes={shapes.data}
                mode={mode}
                facilitiesByCommune={summary?.facilitiesByCommune}
                tileUrl={meta?.map.tileUrl}
                tileAttribution={meta?.map.tileAttribution}
                ariaLabel={t('dashboard.mapLabel', { province: provinceName })}
                onCommuneClick={
                  can(Permission.OrganisationRead)
                    ? (code) => void navigate(`/admin/organisations?communeCode=${code}`)
                    : undefined
                }
              />
            ) : (
              <Skeleton.Node active style={{ width: '100%', height: 420 }} />
            )}
            <Typography.Paragraph type="secondary" style={{ margin: '8px 4px 0', fontSize: 12 }}>
              {t('dashboard.mapHint')}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <Row gutter={[16, 16]}>
              <Col xs={12}>
                <StatCard
                  testId="stat-communes"
                  title={t('dashboard.communes')}
                  icon={<EnvironmentOutlined />}
                  value={summary?.communes.total}
                  loading={dashboard.isPending}
                  note={
                    summary
                      ? t('dashboard.communesNote', {
                          wards: format.number(summary.communes.wards),
                          rural: format.number(summary.communes.rural),
                        })
                      : undefined
                  }
                />
              </Col>
              <Col xs={12}>
                <StatCard
                  testId="stat-facilities"
                  title={t('dashboard.facilities')}
                  icon={<FileProtectOutlined />}
                  value={facilities}
                  loading={dashboard.isPending}
                />
              </Col>
              <Col xs={12}>
                <StatCard
                  testId="stat-organisations"
                  title={t('dashboard.organisations')}
                  icon={<ApartmentOutlined />}
                  value={organisations}
                  loading={dashboard.isPending}
                />
              </Col>
              <Col xs={12}>
                <StatCard
                  testId="stat-users"
                  title={t('dashboard.users')}
                  icon={<TeamOutlined />}
                  value={summary?.users}
                  loading={dashboard.isPending}
                />
              </Col>
            </Row>
            <Card title={t('dashboard.organisationsByKind')} size="small" data-testid="organisations-by-kind">
              {summary ? (
                <Flex vertical gap={6}>
                  {ORGANISATION_KINDS.map((kind) => (
                    <Flex key={kind} justify="space-between" gap={12}>
                      <span>{t(`organisationKinds.${kind}`)}</span>
                      <strong>{format.number(summary.organisations[kind] ?? 0)}</strong>
                    </Flex>
                  ))}
                </Flex>
              ) : (
                <Skeleton active paragraph={{ rows: 4 }} title={false} />
              )}
            </Card>
            <Card title={t('dashboard.provinceFacts')} size="small" data-testid="province-facts">
              {province.data ? (
                <Flex vertical gap={6}>
                  <Flex justify="space-between" gap={12}>
                    <span>{t('dashboard.area')}</span>
                    <strong>{format.number(province.data.areaKm2, 2)} km²</strong>
                  </Flex>
                  <Flex justify="space-between" gap={12}>
                    <span>{t('dashboard.population')}</span>
                    <strong>{format.number(province.data.population)}</strong>
                  </Flex>
                  <Flex justify="space-between" gap={12}>
                    <span>{t('dashboard.density')}</span>
                    <strong>
                      {format.number(province.data.population / province.data.areaKm2)}{' '}
                      {t('dashboard.perKm2')}
                    </strong>
                  </Flex>
                  <Link to={COMMUNES_PATH} data-testid="dashboard-communes-population">
                    {t('communes.nav')} →
                  </Link>
                  {province.data.sources.length > 0 ? (
                    <div className="muted" style={{ fontSize: 12, marginTop: 4 }}>
                      {t('dashboard.sources')}{' '}
                      {province.data.sources.map((source, index) => (
                        <span key={index}>
                          {index > 0 ? '; ' : ''}
                          {source.url ? (
                            <a href={source.url} target="_blank" rel="noreferrer noopener">
                              {source.title}
                            </a>
                          ) : (
                            source.title
                          )}
                        </span>
                      ))}
                    </div>
                  ) : null}
                </Flex>
              ) : province.isError ? (
                <Typography.Text type="danger">{t('errors.loadFailed')}</Typography.Text>
              ) : (
                <Skeleton active paragraph={{ rows: 3 }} title={false} />
              )}
            </Card>
          </Flex>
        </Col>
      </Row>
    </>
  );
}
