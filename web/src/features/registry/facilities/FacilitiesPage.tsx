import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Badge, Button, Card, Flex, Input, Select, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { FACILITY_KINDS, type Facility, type FacilityKind } from '@sievert/core';
import { useLanguage } from '../../../app/i18n';
import { useFormat } from '../../../app/i18n/format';
import { registryPath } from '../../../app/layout/navigation';
import { LoadError } from '../../../ui/errors/ErrorAlert';
import { TableEmpty } from '../../../ui/table/TableEmpty';
import { tablePagination, useListParams } from '../../../ui/table/useListParams';
import { useIsMobile } from '../../../ui/useMediaQuery';
import { CommuneSelect } from '../../geo/CommuneSelect';
import { communeLabel, useCommunes } from '../../geo/api';
import { useFacilities } from '../api';
import { daysBetween, provinceToday } from '../format';
import { RegistrySection } from '../RegistrySection';
import { useRegistryRights } from '../rights';
import { FacilityDrawer } from './FacilityDrawer';

const FILTERS = ['q', 'kind', 'communeCode', 'status'] as const;

export const FACILITY_KIND_COLOURS: Record<FacilityKind, string> = {
  hospital: 'blue',
  clinic: 'cyan',
  industrial: 'gold',
  ndt_service: 'orange',
  research: 'purple',
  education: 'geekblue',
  other: 'default',
};

/** The safety officer's certificate: expired (red) or within 90 days (orange). */
export function RsoCertificateState({ expiry }: { expiry: string | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!expiry) return null;
  const days = daysBetween(provinceToday(), expiry);
  if (days > 90) return null;
  return (
    <Tooltip title={t('registry.facility.rsoCertificateExpiry') + ': ' + format.date(expiry)}>
      <Tag color={days < 0 ? 'red' : 'orange'} icon={<WarningOutlined />} style={{ marginInlineEnd: 0 }}>
        {days < 0 ? t('registry.facility.rsoExpired') : t('registry.facility.rsoExpiring', { days })}
      </Tag>
    </Tooltip>
  );
}

export default function FacilitiesPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const rights = useRegistryRights();
  const isMobile = useIsMobile();
  const list = useListParams(FILTERS);
  const { filters } = list;
  const kind = FACILITY_KINDS.find((value) => value === filters.kind);
  const status = filters.status === 'active' || filters.status === 'inactive' ? filters.status : undefined;
  const communeCode =
    filters.communeCode && /^\d{5}$/.test(filters.communeCode) ? filters.communeCode : undefined;
  const facilities = useFacilities({
    q: filters.q,
    kind,
    status,
    communeCode,
    limit: list.pageSize,
    offset: list.offset,
  });
  const communes = useCommunes();
  const communeNames = useMemo(
    () => new Map((communes.data ?? []).map((commune) => [commune.code, communeLabel(commune, language)])),
    [communes.data, language],
  );
  const [drawer, setDrawer] = useState<{ open: boolean; id: number | null; session: number }>({
    open: false,
    id: null,
    session: 0,
  });
  const openDrawer = (id: number | null) =>
    setDrawer((current) => ({ open: true, id, session: current.session + 1 }));

  const columns: ColumnsType<Facility> = [
    {
      title: t('registry.facility.code'),
      dataIndex: 'code',
      render: (code: string) => <span className="mono">{code}</span>,
    },
    {
      title: t('registry.facility.name'),
      dataIndex: 'name',
      render: (_name, facility) => (
        <div style={{ minWidth: 200, maxWidth: 320 }}>
          <Link to={registryPath('facilities', facility.id)} data-testid={`facility-link-${facility.code}`}>
            {facility.name}
          </Link>
          {facility.nameEn ? (
            <div className="muted" style={{ fontSize: 12 }}>
              {facility.nameEn}
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: t('registry.facility.kindAndCommune'),
      dataIndex: 'kind',
      render: (value: FacilityKind, facility) => (
        <div style={{ minWidth: 150 }}>
          <Tag color={FACILITY_KIND_COLOURS[value]} style={{ marginInlineEnd: 0 }}>
            {t(`registry.facilityKinds.${value}`)}
          </Tag>
          {facility.communeCode ? (
            <div className="muted" style={{ fontSize: 12, marginTop: 2 }}>
              {communeNames.get(facility.communeCode) ?? facility.communeCode}
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: t('registry.facility.rso'),
      key: 'rso',
      render: (_value, facility) =>
        facility.rsoName ? (
          <div style={{ minWidth: 140 }}>
            <div>{facility.rsoName}</div>
            <RsoCertificateState expiry={facility.rsoCertificateExpiry} />
          </div>
        ) : (
          <Tag color="orange" style={{ marginInlineEnd: 0 }}>
            {t('registry.facility.rsoMissing')}
          </Tag>
        ),
    },
    {
      title: t('registry.facility.sourceCount'),
      dataIndex: 'sourceCount',
      align: 'right',
      render: (count: number) => format.number(count),
    },
    {
      title: t('registry.facility.status'),
      dataIndex: 'status',
      render: (value: Facility['status']) => (
        <Badge
          status={value === 'active' ? 'success' : 'default'}
          text={<span style={{ whiteSpace: 'nowrap' }}>{t(`organisations.statuses.${value}`)}</span>}
        />
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: isMobile ? undefined : 'right',
      width: 72,
      render: (_value, facility) =>
        rights.canEditFacility(facility.id) ? (
          <Tooltip title={t('common.edit')}>
            <Button
              type="text"
              icon={<EditOutlined />}
              aria-label={`${t('common.edit')}: ${facility.name}`}
              data-testid={`facility-edit-${facility.code}`}
              onClick={() => openDrawer(facility.id)}
            />
          </Tooltip>
        ) : null,
    },
  ];

  return (
    <RegistrySection
      section="facilities"
      extra={
        rights.canCreateFacility ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => openDrawer(null)}
            data-testid="facility-create"
          >
            {t('registry.facility.create')}
          </Button>
        ) : null
      }
    >
      <Card>
        <Flex className="filter-bar" gap={8} wrap>
          <Input.Search
            key={`q-${filters.q ?? ''}`}
            defaultValue={filters.q}
            placeholder={t('registry.facility.searchPlaceholder')}
            allowClear
            onSearch={(value) => list.setFilters({ q: value.trim() })}
            style={{ width: 280 }}
            data-testid="facility-search"
          />
          <Select<FacilityKind>
            value={kind}
            allowClear
            placeholder={t('registry.facility.allKinds')}
            onChange={(value) => list.setFilters({ kind: value })}
            options={FACILITY_KINDS.map((value) => ({ value, label: t(`registry.facilityKinds.${value}`) }))}
            style={{ width: 220 }}
            popupMatchSelectWidth={false}
          />
          <CommuneSelect
            value={communeCode}
            onChange={(value) => list.setFilters({ communeCode: value })}
            placeholder={t('organisations.allCommunes')}
            style={{ width: 220 }}
          />
          <Select
            value={status}
            allowClear
            placeholder={t('organisations.allStatuses')}
            onChange={(value: string | undefined) => list.setFilters({ status: value })}
            options={[
              { value: 'active', label: t('organisations.statuses.active') },
              { value: 'inactive', label: t('organisations.statuses.inactive') },
            ]}
            style={{ width: 170 }}
          />
          {list.active ? <Button onClick={list.reset}>{t('common.clearFilters')}</Button> : null}
        </Flex>
        {facilities.isError ? (
          <LoadError error={facilities.error} onRetry={() => void facilities.refetch()} />
        ) : (
          <Table<Facility>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={facilities.data?.items}
            loading={facilities.isFetching}
            pagination={tablePagination(list, facilities.data?.total, t, format.number)}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: (
                <TableEmpty text={list.active ? t('common.noMatches') : t('registry.facility.empty')} />
              ),
            }}
            data-testid="facilities-table"
          />
        )}
      </Card>
      <FacilityDrawer
        key={drawer.session}
        open={drawer.open}
        facilityId={drawer.id}
        onClose={() => setDrawer((current) => ({ ...current, open: false }))}
      />
    </RegistrySection>
  );
}
