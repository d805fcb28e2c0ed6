import { useState } from 'react';
import { Button, Card, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LICENCE_KINDS, Permission, type Licence, type LicenceKind } from '@sievert/core';
import { useAuth } from '../../../app/auth/AuthContext';
import { FilterBar, ListTable, QuickFilters } from '../../../ui/table/ListTable';
import { useListParams } from '../../../ui/table/useListParams';
import { FacilitySelect } from '../../registry/facilities/FacilitySelect';
import { RegistrySection } from '../../registry/RegistrySection';
import { useRegistryRights } from '../../registry/rights';
import { useLicences } from '../api';
import { useLicenceColumns } from './columns';
import { LicenceDrawer } from './LicenceDrawer';

const FILTERS = ['q', 'kind', 'reminder', 'facilityId'] as const;
/** The fields GET /licences sorts by (a stale or mistyped `sort` in the address falls back to the default). */
const SORT_FIELDS = ['validUntil', 'number', 'issuedOn'];
const REMINDERS = ['due_90', 'due_30', 'expired'] as const;
type Reminder = (typeof REMINDERS)[number];

export default function LicencesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const rights = useRegistryRights();
  const list = useListParams(FILTERS, { sorts: SORT_FIELDS });
  const { filters } = list;
  const kind = LICENCE_KINDS.find((value) => value === filters.kind);
  const reminder = REMINDERS.find((value) => value === filters.reminder);
  const facilityId = Number(filters.facilityId) > 0 ? Number(filters.facilityId) : undefined;
  const licences = useLicences({
    q: filters.q,
    kind,
    reminder,
    facilityId,
    sort: list.sort,
    limit: list.pageSize,
    offset: list.offset,
  });
  const columns = useLicenceColumns({ showFacility: rights.myFacilityId === null, sortable: true });
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
        <QuickFilters
          label={t('licensing.licence.reminderFilter')}
          values={REMINDERS}
          selected={reminder}
          onChange={(value) => list.setFilters({ reminder: value })}
          render={(value) => t(`licensing.reminderFilters.${value}`)}
          testId="licence-chip"
        />
        <FilterBar
          list={list}
          search={{
            placeholder: t('licensing.licence.searchPlaceholder'),
            testId: 'licence-search',
            width: 300,
          }}
          exportKind="licences"
          exportQuery={{ kind, reminder, facilityId }}
        >
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
        </FilterBar>
        <ListTable<Licence>
          list={list}
          query={licences}
          columns={columns}
          empty={t('licensing.licence.empty')}
          rowClassName={(licence) =>
            licence.status === 'expired' ? 'row-alert' : licence.reminder === 'due_30' ? 'row-warning' : ''
          }
          testId="licences-table"
        />
      </Card>
      <LicenceDrawer
        key={drawer.session}
        open={drawer.open}
        onClose={() => setDrawer((current) => ({ ...current, open: false }))}
      />
    </RegistrySection>
  );
}
