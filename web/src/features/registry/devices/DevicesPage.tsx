import { useState } from 'react';
import { Button, Card, Checkbox, Flex, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  DEVICE_STATUSES,
  DEVICE_TYPES,
  type Device,
  type DeviceStatus,
  type DeviceType,
} from '@sievert/core';
import { FilterBar, ListTable } from '../../../ui/table/ListTable';
import { useListParams } from '../../../ui/table/useListParams';
import { CommuneSelect } from '../../geo/CommuneSelect';
import { useDevices } from '../api';
import { FacilitySelect } from '../facilities/FacilitySelect';
import { RegistrySection } from '../RegistrySection';
import { useRegistryRights } from '../rights';
import { useDeviceColumns } from './columns';
import { DeviceDrawer } from './DeviceDrawer';

const FILTERS = ['q', 'facilityId', 'type', 'status', 'communeCode', 'unlicensed', 'qaOverdue'] as const;
/** The fields GET /devices sorts by (a stale or mistyped `sort` in the address falls back to the default). */
const SORT_FIELDS = ['type', 'facilityName', 'qaDue', 'status', 'yearMade'];

export default function DevicesPage() {
  const { t } = useTranslation();
  const rights = useRegistryRights();
  const list = useListParams(FILTERS, { sorts: SORT_FIELDS });
  const { filters } = list;
  const type = DEVICE_TYPES.find((value) => value === filters.type);
  const status = DEVICE_STATUSES.find((value) => value === filters.status);
  const facilityId = Number(filters.facilityId) > 0 ? Number(filters.facilityId) : undefined;
  const communeCode =
    filters.communeCode && /^\d{5}$/.test(filters.communeCode) ? filters.communeCode : undefined;
  const unlicensed = filters.unlicensed === 'true' ? true : undefined;
  const qaOverdue = filters.qaOverdue === 'true' ? true : undefined;
  const devices = useDevices({
    q: filters.q,
    facilityId,
    type,
    status,
    communeCode,
    unlicensed,
    qaOverdue,
    sort: list.sort,
    limit: list.pageSize,
    offset: list.offset,
  });
  const columns = useDeviceColumns({ showFacility: rights.myFacilityId === null, sortable: true });
  const [drawer, setDrawer] = useState({ open: false, session: 0 });

  return (
    <RegistrySection
      section="devices"
      extra={
        rights.canCreateDevice ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDrawer((current) => ({ open: true, session: current.session + 1 }))}
            data-testid="device-create"
          >
            {t('registry.device.create')}
          </Button>
        ) : null
      }
    >
      <Card>
        <FilterBar
          list={list}
          search={{ placeholder: t('registry.device.searchPlaceholder'), testId: 'device-search' }}
          exportKind="devices"
          exportQuery={{ facilityId, type, status, communeCode, unlicensed, qaOverdue }}
        >
          {rights.myFacilityId === null ? (
            <FacilitySelect
              value={facilityId}
              onChange={(value) => list.setFilters({ facilityId: value })}
              placeholder={t('registry.allFacilities')}
              allowClear
              style={{ width: 240 }}
            />
          ) : null}
          <Select<DeviceType>
            value={type}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('registry.device.allTypes')}
            onChange={(value) => list.setFilters({ type: value })}
            options={DEVICE_TYPES.map((value) => ({ value, label: t(`registry.deviceTypes.${value}`) }))}
            style={{ width: 240 }}
            popupMatchSelectWidth={false}
          />
          <Select<DeviceStatus>
            value={status}
            allowClear
            placeholder={t('organisations.allStatuses')}
            onChange={(value) => list.setFilters({ status: value })}
            options={DEVICE_STATUSES.map((value) => ({
              value,
              label: t(`registry.deviceStatuses.${value}`),
            }))}
            style={{ width: 170 }}
          />
          {rights.myFacilityId === null ? (
            <CommuneSelect
              value={communeCode}
              onChange={(value) => list.setFilters({ communeCode: value })}
              placeholder={t('organisations.allCommunes')}
              style={{ width: 220 }}
            />
          ) : null}
          <Flex gap={12} align="center" wrap className="filter-flags">
            <Checkbox
              checked={unlicensed === true}
              onChange={(event) => list.setFilters({ unlicensed: event.target.checked ? 'true' : null })}
              data-testid="device-filter-unlicensed"
            >
              {t('registry.flags.unlicensed')}
            </Checkbox>
            <Checkbox
              checked={qaOverdue === true}
              onChange={(event) => list.setFilters({ qaOverdue: event.target.checked ? 'true' : null })}
              data-testid="device-filter-qa"
            >
              {t('registry.flags.qaOverdue')}
            </Checkbox>
          </Flex>
        </FilterBar>
        <ListTable<Device>
          list={list}
          query={devices}
          columns={columns}
          empty={t('registry.device.empty')}
          rowClassName={(device) => (device.unlicensed ? 'row-alert' : device.qaOverdue ? 'row-warning' : '')}
          testId="devices-table"
        />
      </Card>
      <DeviceDrawer
        key={drawer.session}
        open={drawer.open}
        deviceId={null}
        onClose={() => setDrawer((current) => ({ ...current, open: false }))}
      />
    </RegistrySection>
  );
}
