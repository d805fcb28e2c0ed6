import { useState, type ReactNode } from 'react';
import { useParams } from 'react-router-dom';
import { Badge, Button, Card, Col, Descriptions, Flex, Row, Skeleton, Table, Tabs, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, FileAddOutlined, PlusOutlined } from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Facility } from '@sievert/core';
import { useLanguage } from '../../../app/i18n';
import { useFormat } from '../../../app/i18n/format';
import { LoadError } from '../../../ui/errors/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { TableEmpty } from '../../../ui/table/TableEmpty';
import { communeLabel, useCommunes, useCommuneShapes } from '../../geo/api';
import { useApplicationColumns } from '../../licensing/applications/columns';
import { ApplicationDrawer } from '../../licensing/applications/ApplicationDrawer';
import { useApplications, useLicences } from '../../licensing/api';
import { useLicenceColumns } from '../../licensing/licences/columns';
import { useDevices, useFacility, useSources } from '../api';
import { useDeviceColumns } from '../devices/columns';
import { DeviceDrawer } from '../devices/DeviceDrawer';
import { practiceLabel } from '../labels';
import { RegistryBreadcrumb } from '../RegistrySection';
import { useRegistryRights } from '../rights';
import { useSourceColumns } from '../sources/columns';
import { SourceDrawer } from '../sources/SourceDrawer';
import { FacilityDrawer } from './FacilityDrawer';
import { FACILITY_KIND_COLOURS, RsoCertificateState } from './FacilitiesPage';
import { SourceLocations } from './SourceLocations';
import { FacilityMap } from './FacilityMap';
import { RecordHistory } from '../RecordHistory';

const PAGE = 10;

/** One of the facility's lists, paged on the server ten at a time. */
function ItemsTable<T extends { id: number }>({
  query,
  columns,
  page,
  onPage,
  empty,
  testId,
}: {
  query: UseQueryResult<{ items: T[]; total: number }>;
  columns: ColumnsType<T>;
  page: number;
  onPage: (page: number) => void;
  empty: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <Table<T>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={query.data?.items}
      loading={query.isFetching}
      pagination={{
        current: page,
        pageSize: PAGE,
        total: query.data?.total ?? 0,
        onChange: onPage,
        hideOnSinglePage: true,
        showTotal: (count) => t('table.total', { count: format.number(count) }),
      }}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <TableEmpty text={empty} /> }}
      data-testid={testId}
    />
  );
}

function FacilityLists({ facility }: { facility: Facility }) {
  const { t } = useTranslation();
  const format = useFormat();
  const rights = useRegistryRights();
  const [pages, setPages] = useState({ devices: 1, sources: 1, licences: 1, applications: 1 });
  const page = (key: keyof typeof pages) => (value: number) =>
    setPages((current) => ({ ...current, [key]: value }));
  const devices = useDevices({ facilityId: facility.id, limit: PAGE, offset: (pages.devices - 1) * PAGE });
  const sources = useSources({ facilityId: facility.id, limit: PAGE, offset: (pages.sources - 1) * PAGE });
  const licences = useLicences({ facilityId: facility.id, limit: PAGE, offset: (pages.licences - 1) * PAGE });
  const applications = useApplications(
    { facilityId: facility.id, limit: PAGE, offset: (pages.applications - 1) * PAGE },
    rights.canReadApplications,
  );
  const deviceColumns = useDeviceColumns({ showFacility: false });
  const sourceColumns = useSourceColumns({ showFacility: false });
  const licenceColumns = useLicenceColumns({ showFacility: false });
  const applicationColumns = useApplicationColumns({ showFacility: false });
  const label = (text: string, total: number | undefined, alert = false) => (
    <Flex gap={6} align="center">
      {text}
      {total !== undefined ? (
        <Badge
          count={format.number(total)}
          showZero
          color={alert ? '#cf1322' : '#8c9bb0'}
          style={{ boxShadow: 'none' }}
        />
      ) : null}
    </Flex>
  );
  const items = [
    {
      key: 'devices',
      label: label(t('registry.tabs.devices'), devices.data?.total),
      children: (
        <ItemsTable
          query={devices}
          columns={deviceColumns}
          page={pages.devices}
          onPage={page('devices')}
          empty={t('registry.device.empty')}
          testId="facility-devices"
        />
      ),
    },
    {
      key: 'sources',
      label: label(t('registry.tabs.sources'), sources.data?.total),
      children: (
        <ItemsTable
          query={sources}
          columns={sourceColumns}
          page={pages.sources}
          onPage={page('sources')}
          empty={t('registry.source.empty')}
          testId="facility-sources"
        />
      ),
    },
    {
      key: 'licences',
      label: label(t('registry.tabs.licences'), licences.data?.total),
      children: (
        <ItemsTable
          query={licences}
          columns={licenceColumns}
          page={pages.licences}
          onPage={page('licences')}
          empty={t('licensing.licence.empty')}
          testId="facility-licences"
        />
      ),
    },
    ...(rights.canReadApplications
      ? [
          {
            key: 'applications',
            label: label(t('registry.tabs.applications'), applications.data?.total),
            children: (
              <ItemsTable
                query={applications}
                columns={applicationColumns}
                page={pages.applications}
                onPage={page('applications')}
                empty={t('licensing.application.empty')}
                testId="facility-applications"
              />
            ),
          },
        ]
      : []),
  ];
  return (
    <Card className="detail-card">
      <Tabs items={items} />
    </Card>
  );
}

export default function FacilityDetailPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const rights = useRegistryRights();
  const params = useParams();
  const id = Number(params.id);
  const facility = useFacility(Number.isInteger(id) && id > 0 ? id : null);
  const communes = useCommunes();
  const shapes = useCommuneShapes();
  const [drawer, setDrawer] = useState<{
    kind: 'edit' | 'device' | 'source' | 'application' | null;
    session: number;
  }>({
    kind: null,
    session: 0,
  });
  const open = (kind: 'edit' | 'device' | 'source' | 'application') =>
    setDrawer((current) => ({ kind, session: current.session + 1 }));
  const closeDrawer = () => setDrawer((current) => ({ ...current, kind: null }));

  if (facility.isError)
    return (
      <>
        <RegistryBreadcrumb section="facilities" current={`#${params.id ?? ''}`} />
        <LoadError error={facility.error} onRetry={() => void facility.refetch()} />
      </>
    );
  const data = facility.data;
  if (!data)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );

  const commune = communes.data?.find((c) => c.code === data.communeCode);
  const dash = <span className="muted">—</span>;
  const value = (text: ReactNode) => (text === null || text === undefined || text === '' ? dash : text);

  return (
    <>
      <RegistryBreadcrumb section="facilities" current={data.code} />
      <PageHeader
        title={data.name}
        subtitle={
          <Flex gap={8} wrap align="center" component="span">
            <span className="mono">{data.code}</span>
            <Tag color={FACILITY_KIND_COLOURS[data.kind]} style={{ marginInlineEnd: 0 }}>
              {t(`registry.facilityKinds.${data.kind}`)}
            </Tag>
            <Badge
              status={data.status === 'active' ? 'success' : 'default'}
              text={t(`organisations.statuses.${data.status}`)}
            />
          </Flex>
        }
        extra={
          <>
            {rights.canEditFacility(data.id) ? (
              <Button icon={<EditOutlined />} onClick={() => open('edit')} data-testid="facility-edit">
                {t('common.edit')}
              </Button>
            ) : null}
            {rights.canManageDevice(data.id) ? (
              <Button
                icon={<PlusOutlined />}
                onClick={() => open('device')}
                data-testid="facility-add-device"
              >
                {t('registry.device.create')}
              </Button>
            ) : null}
            {rights.canManageSource(data.id) ? (
              <Button
                icon={<PlusOutlined />}
                onClick={() => open('source')}
                data-testid="facility-add-source"
              >
                {t('registry.source.create')}
              </Button>
            ) : null}
            {rights.canApplyFor(data.id) ? (
              <Button
                type="primary"
                icon={<FileAddOutlined />}
                onClick={() => open('application')}
                data-testid="facility-apply"
              >
                {t('licensing.application.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Flex vertical gap={16}>
            <Card title={t('registry.facility.profile')} className="detail-card">
              <Descriptions
                column={{ xs: 1, sm: 2 }}
                size="small"
                items={[
                  {
                    key: 'legalName',
                    label: t('registry.facility.legalName'),
                    children: value(data.legalName),
                    span: 2,
                  },
                  { key: 'nameEn', label: t('organisations.nameEn'), children: value(data.nameEn), span: 2 },
                  { key: 'taxCode', label: t('registry.facility.taxCode'), children: value(data.taxCode) },
                  {
                    key: 'commune',
                    label: t('organisations.commune'),
                    children: value(commune ? communeLabel(commune, language) : data.communeCode),
                  },
                  {
                    key: 'address',
                    label: t('organisations.address'),
                    children: value(data.address),
                    span: 2,
                  },
                  {
                    key: 'practices',
                    label: t('registry.facility.practices'),
                    span: 2,
                    children:
                      data.practices.length > 0 ? (
                        <Flex gap={4} wrap>
                          {data.practices.map((practice) => (
                            <Tag key={practice} style={{ marginInlineEnd: 0 }}>
                              {practiceLabel(practice)}
                            </Tag>
                          ))}
                        </Flex>
                      ) : (
                        dash
                      ),
                  },
                  {
                    key: 'contact',
                    label: t('registry.facility.contactName'),
                    children: value(data.contactName),
                  },
                  { key: 'phone', label: t('organisations.phone'), children: value(data.phone) },
                  { key: 'email', label: t('organisations.email'), children: value(data.email) },
                  { key: 'updated', label: t('common.updatedAt'), children: format.dateTime(data.updatedAt) },
                ]}
              />
            </Card>
            <Card title={t('registry.facility.rso')} className="detail-card" data-testid="facility-rso">
              {data.rsoName ? (
                <Descriptions
                  column={{ xs: 1, sm: 3 }}
                  size="small"
                  items={[
                    { key: 'name', label: t('registry.facility.rsoName'), children: data.rsoName },
                    {
                      key: 'number',
                      label: t('registry.facility.rsoCertificateNumber'),
                      children: value(data.rsoCertificateNumber),
                    },
                    {
                      key: 'expiry',
                      label: t('registry.facility.rsoCertificateExpiry'),
                      children: data.rsoCertificateExpiry ? (
                        <Flex gap={6} wrap>
                          {format.date(data.rsoCertificateExpiry)}
                          <RsoCertificateState expiry={data.rsoCertificateExpiry} />
                        </Flex>
                      ) : (
                        dash
                      ),
                    },
                  ]}
                />
              ) : (
                <Tag color="orange">{t('registry.facility.rsoMissing')}</Tag>
              )}
            </Card>
          </Flex>
        </Col>
        <Col xs={24} lg={9}>
          <Flex vertical gap={16} style={{ height: '100%' }}>
            <Card title={t('registry.facility.location')} className="detail-card" style={{ flex: 1 }}>
              {data.lat !== null && data.lon !== null && shapes.data ? (
                <FacilityMap
                  shapes={shapes.data}
                  lat={data.lat}
                  lon={data.lon}
                  communeCode={data.communeCode}
                  label={data.name}
                />
              ) : shapes.isError ? (
                <LoadError error={shapes.error} />
              ) : data.lat === null || data.lon === null ? (
                <span className="muted">{t('registry.facility.noLocation')}</span>
              ) : (
                <Skeleton.Node active style={{ width: '100%', height: 260 }} />
              )}
              {data.lat !== null && data.lon !== null ? (
                <div className="muted mono" style={{ fontSize: 12, marginTop: 8 }}>
                  {format.number(data.lat, 5)}, {format.number(data.lon, 5)}
                </div>
              ) : null}
            </Card>
            {data.sourceCount > 0 ? (
              <Card title={t('registry.locations.title')} className="detail-card">
                <SourceLocations facilityId={data.id} />
              </Card>
            ) : null}
          </Flex>
        </Col>
        <Col span={24}>
          <FacilityLists facility={data} />
        </Col>
      </Row>
      <Card title={t('registry.history.title')} className="detail-card" style={{ marginTop: 16 }}>
        <RecordHistory kind="facilities" id={data.id} />
      </Card>
      {drawer.kind === 'edit' ? (
        <FacilityDrawer key={drawer.session} open facilityId={data.id} onClose={closeDrawer} />
      ) : null}
      {drawer.kind === 'device' ? (
        <DeviceDrawer key={drawer.session} open deviceId={null} facilityId={data.id} onClose={closeDrawer} />
      ) : null}
      {drawer.kind === 'source' ? (
        <SourceDrawer key={drawer.session} open sourceId={null} facilityId={data.id} onClose={closeDrawer} />
      ) : null}
      {drawer.kind === 'application' ? (
        <ApplicationDrawer
          key={drawer.session}
          open
          applicationId={null}
          facilityId={data.id}
          onClose={closeDrawer}
        />
      ) : null}
    </>
  );
}
