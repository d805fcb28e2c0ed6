import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Badge, Button, Card, Select, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { FACILITY_KINDS, type Facility, type FacilityKind } from '@sievert/core';
import { useLanguage } from '../../../app/i18n';
import { useFormat } from '../../../app/i18n/format';
import { registryPath } from '../../../app/layout/navigation';
import { FilterBar, ListTable } from '../../../ui/table/ListTable';
import { useListParams } from '../../../ui/table/useListParams';
import { useIsMobile } from '../../../ui/useMediaQuery';
import { CommuneSelect } from '../../geo/CommuneSelect';
import { communeLabel, useCommunes } from '../../geo/api';
import { useFacilities } from '../api';
import { daysBetween, provinceToday } from '../format';
import { RegistrySection } from '../RegistrySection';
import { useRegistryRights } from '../rights';
import { FacilityDrawer } from './FacilityDrawer';

const FILTERS = ['q', 'kind', 'communeCode', 'status'] as const;
/** The fields GET /facilities sorts by (a stale or mistyped `sort` in the address falls back to the default). */
const SORT_FIELDS = ['name', 'code', 'createdAt'];

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
  const list = useListParams(FILTERS, { sorts: SORT_FIELDS });
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
    sort: list.sort,
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
      key: 'code',
      sorter: true,
      render: (code: string) => <span className="mono">{code}</span>,
    },
    {
      title: t('registry.facility.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
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
        <FilterBar
          list={list}
          search={{
            placeholder: t('registry.facility.searchPlaceholder'),
            testId: 'facility-search',
            width: 280,
          }}
          exportKind="facilities"
          exportQuery={{ kind, communeCode, status }}
        >
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
        </FilterBar>
        <ListTable<Facility>
          list={list}
          query={facilities}
          columns={columns}
          empty={t('registry.facility.empty')}
          testId="facilities-table"
        />
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
