import { useState } from 'react';
import { Button, Card, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  Permission,
  STATION_KINDS,
  STATION_STATUSES,
  type Station,
  type StationKind,
  type StationStatus,
} from '@sievert/core';
import { useAuth } from '../../app/auth/AuthContext';
import { FilterBar, ListTable } from '../../ui/table/ListTable';
import { useListParams } from '../../ui/table/useListParams';
import { CommuneSelect } from '../geo/CommuneSelect';
import { useStations } from './api';
import { useStationColumns } from './columns';
import { MonitoringSection } from './MonitoringSection';
import { StationDrawer } from './StationDrawer';
import '../registry/registry.css';

const FILTERS = ['q', 'kind', 'status', 'communeCode'] as const;
/** The fields GET /stations sorts by. */
const SORT_FIELDS = ['code', 'name', 'status'];

export default function StationsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const list = useListParams(FILTERS, { sorts: SORT_FIELDS });
  const { filters } = list;
  const kind = STATION_KINDS.find((value) => value === filters.kind);
  const status = STATION_STATUSES.find((value) => value === filters.status);
  const communeCode =
    filters.communeCode && /^\d{5}$/.test(filters.communeCode) ? filters.communeCode : undefined;
  const stations = useStations({
    q: filters.q || undefined,
    kind,
    status,
    communeCode,
    sort: list.sort,
    limit: list.pageSize,
    offset: list.offset,
  });
  const columns = useStationColumns();
  const [drawer, setDrawer] = useState({ open: false, session: 0 });

  return (
    <MonitoringSection
      section="stations"
      extra={
        can(Permission.StationManage) ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDrawer((current) => ({ open: true, session: current.session + 1 }))}
            data-testid="station-create"
          >
            {t('monitoring.station.create')}
          </Button>
        ) : null
      }
    >
      <Card>
        <FilterBar
          list={list}
          search={{ placeholder: t('monitoring.station.searchPlaceholder'), testId: 'station-search' }}
        >
          <Select<StationKind>
            value={kind}
            allowClear
            placeholder={t('monitoring.station.allKinds')}
            onChange={(value) => list.setFilters({ kind: value })}
            options={STATION_KINDS.map((value) => ({ value, label: t(`monitoring.kinds.${value}`) }))}
            style={{ width: 230 }}
            popupMatchSelectWidth={false}
            data-testid="station-filter-kind"
          />
          <Select<StationStatus>
            value={status}
            allowClear
            placeholder={t('organisations.allStatuses')}
            onChange={(value) => list.setFilters({ status: value })}
            options={STATION_STATUSES.map((value) => ({ value, label: t(`monitoring.statuses.${value}`) }))}
            style={{ width: 170 }}
            data-testid="station-filter-status"
          />
          <CommuneSelect
            value={communeCode}
            onChange={(value) => list.setFilters({ communeCode: value })}
            placeholder={t('organisations.allCommunes')}
            style={{ width: 220 }}
          />
        </FilterBar>
        <ListTable<Station>
          list={list}
          query={stations}
          columns={columns}
          empty={t('monitoring.station.empty')}
          testId="stations-table"
        />
      </Card>
      <StationDrawer
        key={drawer.session}
        open={drawer.open}
        code={null}
        onClose={() => setDrawer((current) => ({ ...current, open: false }))}
      />
    </MonitoringSection>
  );
}
