import { useState } from 'react';
import { Button, Card, Flex, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LICENCE_KINDS, Permission, type Licence, type LicenceKind } from '@sievert/core';
import { useAuth } from '../../../app/auth/AuthContext';
import { useFormat } from '../../../app/i18n/format';
import { LoadError } from '../../../ui/errors/ErrorAlert';
import { TableEmpty } from '../../../ui/table/TableEmpty';
import { tablePagination, useListParams } from '../../../ui/table/useListParams';
import { FacilitySelect } from '../../registry/facilities/FacilitySelect';
import { RegistrySection } from '../../registry/RegistrySection';
import { useRegistryRights } from '../../registry/rights';
import { useLicences } from '../api';
import { useLicenceColumns } from './columns';
import { LicenceDrawer } from './LicenceDrawer';

const FILTERS = ['kind', 'reminder', 'facilityId'] as const;
const REMINDERS = ['due_90', 'due_30', 'expired'] as const;
type Reminder = (typeof REMINDERS)[number];

export default function LicencesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { can } = useAuth();
  const rights = useRegistryRights();
  const list = useListParams(FILTERS);
  const { filters } = list;
  const kind = LICENCE_KINDS.find((value) => value === filters.kind);
  const reminder = REMINDERS.find((value) => value === filters.reminder);
  const facilityId = Number(filters.facilityId) > 0 ? Number(filters.facilityId) : undefined;
  const licences = useLicences({ kind, reminder, facilityId, limit: list.pageSize, offset: list.offset });
  const columns = useLicenceColumns({ showFacility: rights.myFacilityId === null });
  const [drawer, setDrawer] = useState({ open: false, session: 0 });

  return (
    <RegistrySection
      section="licences"
      extra={
        can(Permission.LicenceManage) ? (
          <Button
            icon={<PlusOutlined />}
            onClick={() => setDrawer((current) => ({ open: true, session: current.session + 1 }))}
            data-testid="licence-create"
          >
            {t('licensing.licence.create')}
          </Button>
        ) : null
      }
    >
      <Card>
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
          <span className="muted">{t('licensing.licence.reminderFilter')}</span>
          {REMINDERS.map((value) => (
            <Tag.CheckableTag
              key={value}
              checked={reminder === value}
              onChange={(checked) => list.setFilters({ reminder: checked ? value : null })}
              className="status-chip"
              data-testid={`licence-chip-${value}`}
            >
              {t(`licensing.reminderFilters.${value}`)}
            </Tag.CheckableTag>
          ))}
        </Flex>
        <Flex className="filter-bar" gap={8} wrap>
          <Select<LicenceKind>
            value={kind}
            allowClear
            placeholder={t('licensing.licence.allKinds')}
            onChange={(value) => list.setFilters({ kind: value })}
            options={LICENCE_KINDS.map((value) => ({ value, label: t(`licensing.licenceKinds.${value}`) }))}
            style={{ width: 280 }}
            popupMatchSelectWidth={false}
          />
          <Select<Reminder>
            value={reminder}
            allowClear
            placeholder={t('licensing.licence.allReminders')}
            onChange={(value) => list.setFilters({ reminder: value })}
            options={REMINDERS.map((value) => ({ value, label: t(`licensing.reminderFilters.${value}`) }))}
            style={{ width: 220 }}
          />
          {rights.myFacilityId === null ? (
            <FacilitySelect
              value={facilityId}
              onChange={(value) => list.setFilters({ facilityId: value })}
              placeholder={t('registry.allFacilities')}
              allowClear
              style={{ width: 260 }}
            />
          ) : null}
          {list.active ? <Button onClick={list.reset}>{t('common.clearFilters')}</Button> : null}
        </Flex>
        {licences.isError ? (
          <LoadError error={licences.error} onRetry={() => void licences.refetch()} />
        ) : (
          <Table<Licence>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={licences.data?.items}
            loading={licences.isFetching}
            pagination={tablePagination(list, licences.data?.total, t, format.number)}
            scroll={{ x: 'max-content' }}
            rowClassName={(licence) =>
              licence.status === 'expired' ? 'row-alert' : licence.reminder === 'due_30' ? 'row-warning' : ''
            }
            locale={{
              emptyText: (
                <TableEmpty text={list.active ? t('common.noMatches') : t('licensing.licence.empty')} />
              ),
            }}
            data-testid="licences-table"
          />
        )}
      </Card>
      <LicenceDrawer
        key={drawer.session}
        open={drawer.open}
        onClose={() => setDrawer((current) => ({ ...current, open: false }))}
      />
    </RegistrySection>
  );
}
