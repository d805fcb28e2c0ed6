import { useState } from 'react';
import { Button, Card, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  INSPECTION_KINDS,
  INSPECTION_STATUSES,
  type Inspection,
  type InspectionKind,
  type InspectionStatus,
} from '@sievert/core';
import { FilterBar, ListTable } from '../../ui/table/ListTable';
import { useListParams } from '../../ui/table/useListParams';
import { FacilitySelect } from '../registry/facilities/FacilitySelect';
import { provinceToday } from '../registry/format';
import { RegistrySection } from '../registry/RegistrySection';
import { useInspections } from './api';
import { overdueCount, useInspectionColumns } from './columns';
import { InspectionDrawer, planYears } from './InspectionDrawer';
import { useInspectionRights } from './rights';

const FILTERS = ['year', 'status', 'facilityId', 'kind'] as const;
/** The fields GET /inspections sorts by. */
const SORT_FIELDS = ['plannedOn', 'facilityName', 'status', 'year'];
/** The `year` filter's value for the whole history (no `year` at all means this year's plan). */
const ALL_YEARS = 'all';

function parseYear(value: string | undefined, fallback: number): number | undefined {
  if (value === ALL_YEARS) return undefined;
  const year = Number(value);
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : fallback;
}

/** The yearly inspection plan, with how far each inspection's findings have been corrected. */
export default function InspectionsPage() {
  const { t } = useTranslation();
  const rights = useInspectionRights();
  const list = useListParams(FILTERS, { sorts: SORT_FIELDS });
  const { filters } = list;
  const thisYear = Number(provinceToday().slice(0, 4));
  const year = parseYear(filters.year, thisYear);
  const status = INSPECTION_STATUSES.find((value) => value === filters.status);
  const kind = INSPECTION_KINDS.find((value) => value === filters.kind);
  const official = rights.myFacilityId === null;
  const facilityId = official && Number(filters.facilityId) > 0 ? Number(filters.facilityId) : undefined;
  const inspections = useInspections({
    year,
    status,
    kind,
    facilityId,
    sort: list.sort,
    limit: list.pageSize,
    offset: list.offset,
  });
  const columns = useInspectionColumns({ showFacility: official, showLead: rights.seesNames });
  const [drawer, setDrawer] = useState({ open: false, session: 0 });

  const years = planYears(thisYear);
  for (let past = thisYear - 2; past >= thisYear - 5; past -= 1) years.push(past);
  if (year !== undefined && !years.includes(year)) years.push(year);
  years.sort((a, b) => b - a);

  return (
    <RegistrySection
      section="inspections"
      extra={
        rights.manage ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDrawer((current) => ({ open: true, session: current.session + 1 }))}
            data-testid="inspection-create"
          >
            {t('inspections.list.create')}
          </Button>
        ) : null
      }
    >
      <Card>
        <FilterBar list={list} exportKind="inspections" exportQuery={{ year, status, kind, facilityId }}>
          <Select<string>
            value={year === undefined ? ALL_YEARS : String(year)}
            onChange={(value) => list.setFilters({ year: value === String(thisYear) ? null : value })}
            options={[
              ...years.map((value) => ({
                value: String(value),
                label: t('inspections.list.yearOption', { year: value }),
              })),
              { value: ALL_YEARS, label: t('inspections.list.allYears') },
            ]}
            style={{ width: 170 }}
            aria-label={t('inspections.fields.year')}
            data-testid="inspection-filter-year"
          />
          <Select<InspectionStatus>
            value={status}
            allowClear
            placeholder={t('organisations.allStatuses')}
            onChange={(value) => list.setFilters({ status: value })}
            options={INSPECTION_STATUSES.map((value) => ({
              value,
              label: t(`inspections.statuses.${value}`),
            }))}
            style={{ width: 200 }}
            data-testid="inspection-filter-status"
          />
          <Select<InspectionKind>
            value={kind}
            allowClear
            placeholder={t('inspections.list.allKinds')}
            onChange={(value) => list.setFilters({ kind: value })}
            options={INSPECTION_KINDS.map((value) => ({ value, label: t(`inspections.kinds.${value}`) }))}
            style={{ width: 220 }}
            popupMatchSelectWidth={false}
            data-testid="inspection-filter-kind"
          />
          {official ? (
            <FacilitySelect
              value={facilityId}
              onChange={(value) => list.setFilters({ facilityId: value })}
              placeholder={t('registry.allFacilities')}
              allowClear
              style={{ width: 260 }}
              data-testid="inspection-filter-facility"
            />
          ) : null}
        </FilterBar>
        <ListTable<Inspection>
          list={list}
          query={inspections}
          columns={columns}
          empty={year === undefined ? t('inspections.list.empty') : t('inspections.list.emptyYear', { year })}
          rowClassName={(inspection) => (overdueCount(inspection) > 0 ? 'row-alert' : '')}
          testId="inspections-table"
        />
      </Card>
      <InspectionDrawer
        key={drawer.session}
        open={drawer.open}
        inspectionId={null}
        defaultFacilityId={facilityId}
        defaultYear={year !== undefined && planYears(thisYear).includes(year) ? year : thisYear}
        onClose={() => setDrawer((current) => ({ ...current, open: false }))}
      />
    </RegistrySection>
  );
}
