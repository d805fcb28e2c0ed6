import { useState } from 'react';
import { Button, Card, Select } from 'antd';
import { FileAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  APPLICATION_STATUSES,
  PROCEDURE_CODES,
  type Application,
  type ApplicationStatus,
  type ProcedureCode,
} from '@sievert/core';
import { FilterBar, ListTable, QuickFilters } from '../../../ui/table/ListTable';
import { useListParams } from '../../../ui/table/useListParams';
import { FacilitySelect } from '../../registry/facilities/FacilitySelect';
import { RegistrySection } from '../../registry/RegistrySection';
import { useRegistryRights } from '../../registry/rights';
import { useApplications } from '../api';
import { ApplicationDrawer } from './ApplicationDrawer';
import { useApplicationColumns } from './columns';

const FILTERS = ['q', 'status', 'procedure', 'facilityId'] as const;
/** The fields GET /applications sorts by (a stale or mistyped `sort` in the address falls back to the default). */
const SORT_FIELDS = ['updatedAt', 'dueOn', 'status', 'procedure'];

/** The statuses someone has to act on, offered as one-click filters. */
const WORK_STATUSES: readonly ApplicationStatus[] = [
  'submitted',
  'in_appraisal',
  'awaiting_decision',
  'returned',
];

export default function ApplicationsPage() {
  const { t } = useTranslation();
  const rights = useRegistryRights();
  const list = useListParams(FILTERS, { sorts: SORT_FIELDS });
  const { filters } = list;
  const status = APPLICATION_STATUSES.find((value) => value === filters.status);
  const procedure = PROCEDURE_CODES.find((value) => value === filters.procedure);
  const facilityId = Number(filters.facilityId) > 0 ? Number(filters.facilityId) : undefined;
  const applications = useApplications({
    q: filters.q,
    status,
    procedure,
    facilityId,
    sort: list.sort,
    limit: list.pageSize,
    offset: list.offset,
  });
  const columns = useApplicationColumns({ showFacility: rights.myFacilityId === null, sortable: true });
  const [drawer, setDrawer] = useState({ open: false, session: 0 });

  return (
    <RegistrySection
      section="applications"
      extra={
        rights.canApply ? (
          <Button
            type="primary"
            icon={<FileAddOutlined />}
            onClick={() => setDrawer((current) => ({ open: true, session: current.session + 1 }))}
            data-testid="application-create"
          >
            {t('licensing.application.create')}
          </Button>
        ) : null
      }
    >
      <Card>
        <QuickFilters
          label={t('licensing.application.quickFilter')}
          values={WORK_STATUSES}
          selected={status}
          onChange={(value) => list.setFilters({ status: value })}
          render={(value) => t(`licensing.statuses.${value}`)}
          testId="application-chip"
        />
        <FilterBar
          list={list}
          search={{
            placeholder: t('licensing.application.searchPlaceholder'),
            testId: 'application-search',
            width: 320,
          }}
          exportKind="applications"
          exportQuery={{ status, procedure, facilityId }}
        >
          <Select<ApplicationStatus>
            value={status}
            allowClear
            placeholder={t('organisations.allStatuses')}
            onChange={(value) => list.setFilters({ status: value })}
            options={APPLICATION_STATUSES.map((value) => ({
              value,
              label: t(`licensing.statuses.${value}`),
            }))}
            style={{ width: 200 }}
            data-testid="application-filter-status"
          />
          <Select<ProcedureCode>
            value={procedure}
            allowClear
            placeholder={t('licensing.application.allProcedures')}
            onChange={(value) => list.setFilters({ procedure: value })}
            options={PROCEDURE_CODES.map((value) => ({
              value,
              label: t(`licensing.procedureShort.${value}`),
            }))}
            style={{ width: 240 }}
            popupMatchSelectWidth={false}
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
        <ListTable<Application>
          list={list}
          query={applications}
          columns={columns}
          empty={t('licensing.application.empty')}
          rowClassName={(application) =>
            application.workingDaysLeft !== null && application.workingDaysLeft < 0 ? 'row-alert' : ''
          }
          testId="applications-table"
        />
      </Card>
      <ApplicationDrawer
        key={drawer.session}
        open={drawer.open}
        applicationId={null}
        onClose={() => setDrawer((current) => ({ ...current, open: false }))}
      />
    </RegistrySection>
  );
}
