import { useState } from 'react';
import { Button, Card, Checkbox, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { NUCLIDE_NAMES, SOURCE_STATUSES, type Source, type SourceStatus } from '@sievert/core';
import { useFormat } from '../../../app/i18n/format';
import { FilterBar, ListTable, QuickFilters } from '../../../ui/table/ListTable';
import { useListParams } from '../../../ui/table/useListParams';
import { CommuneSelect } from '../../geo/CommuneSelect';
import { useSourceSummary, useSources } from '../api';
import { FacilitySelect } from '../facilities/FacilitySelect';
import { RegistrySection } from '../RegistrySection';
import { useRegistryRights } from '../rights';
import { useSourceColumns } from './columns';
import { SourceDrawer } from './SourceDrawer';

const FILTERS = ['q', 'facilityId', 'nuclide', 'status', 'category', 'communeCode', 'unlicensed'] as const;
const CATEGORIES = [1, 2, 3, 4, 5] as const;
/** The fields GET /sources sorts by (a stale or mistyped `sort` in the address falls back to the default). */
const SORT_FIELDS = ['nuclide', 'category', 'currentActivityBq', 'status', 'facilityName', 'referenceDate'];

export default function SourcesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const rights = useRegistryRights();
  const list = useListParams(FILTERS, { sorts: SORT_FIELDS });
  const { filters } = list;
  const status = SOURCE_STATUSES.find((value) => value === filters.status);
  const nuclide = NUCLIDE_NAMES.find((value) => value === filters.nuclide);
  const category = CATEGORIES.find((value) => String(value) === filters.category);
  const facilityId = Number(filters.facilityId) > 0 ? Number(filters.facilityId) : undefined;
  const communeCode =
    filters.communeCode && /^\d{5}$/.test(filters.communeCode) ? filters.communeCode : undefined;
  const unlicensed = filters.unlicensed === 'true' ? true : undefined;
  const sources = useSources({
    unlicensed,
    q: filters.q,
    facilityId,
    nuclide,
    status,
    category,
    communeCode,
    sort: list.sort,
    limit: list.pageSize,
    offset: list.offset,
  });
  const summary = useSourceSummary();
  const columns = useSourceColumns({ showFacility: rights.myFacilityId === null, sortable: true });
  const [drawer, setDrawer] = useState({ open: false, session: 0 });

  return (
    <RegistrySection
      section="sources"
      extra={
        rights.canCreateSource ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDrawer((current) => ({ open: true, session: current.session + 1 }))}
            data-testid="source-create"
          >
            {t('registry.source.create')}
          </Button>
        ) : null
      }
    >
      <Card>
        {summary.data ? (
          <QuickFilters
            label={t('registry.source.byCategory')}
            values={CATEGORIES}
            selected={category}
            onChange={(value) => list.setFilters({ category: value })}
            render={(value) =>
              `${t('registry.category', { category: value })}: ${format.number(summary.data?.byCategory[String(value)] ?? 0)}`
            }
            className="category-chip"
            rowTestId="source-category-counts"
          />
        ) : null}
        <FilterBar
          list={list}
          search={{
            placeholder: t('registry.source.searchPlaceholder'),
            testId: 'source-search',
            width: 300,
          }}
          exportKind="sources"
          exportQuery={{ facilityId, nuclide, status, category, communeCode, unlicensed }}
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
          <Select<string>
            value={nuclide}
            allowClear
            showSearch
            placeholder={t('registry.source.allNuclides')}
            onChange={(value) => list.setFilters({ nuclide: value })}
            options={NUCLIDE_NAMES.map((value) => ({ value, label: value }))}
            style={{ width: 160 }}
          />
          <Select<number>
            value={category}
            allowClear
            placeholder={t('registry.source.allCategories')}
            onChange={(value) => list.setFilters({ category: value })}
            options={CATEGORIES.map((value) => ({
              value,
              label: t('registry.category', { category: value }),
            }))}
            style={{ width: 160 }}
          />
          <Select<SourceStatus>
            value={status}
            allowClear
            placeholder={t('organisations.allStatuses')}
            onChange={(value) => list.setFilters({ status: value })}
            options={SOURCE_STATUSES.map((value) => ({
              value,
              label: t(`registry.sourceStatuses.${value}`),
            }))}
            style={{ width: 200 }}
            popupMatchSelectWidth={false}
          />
          {rights.myFacilityId === null ? (
            <CommuneSelect
              value={communeCode}
              onChange={(value) => list.setFilters({ communeCode: value })}
              placeholder={t('organisations.allCommunes')}
              style={{ width: 220 }}
            />
          ) : null}
          <Checkbox
            checked={unlicensed === true}
            onChange={(event) => list.setFilters({ unlicensed: event.target.checked ? 'true' : null })}
            data-testid="source-filter-unlicensed"
          >
            {t('registry.flags.unlicensed')}
          </Checkbox>
        </FilterBar>
        <ListTable<Source>
          list={list}
          query={sources}
          columns={columns}
          empty={t('registry.source.empty')}
          rowClassName={(source) =>
            source.status === 'lost_stolen' || source.unlicensed
              ? 'row-alert'
              : source.restricted
                ? 'row-restricted'
                : ''
          }
          testId="sources-table"
        />
      </Card>
      <SourceDrawer
        key={drawer.session}
        open={drawer.open}
        sourceId={null}
        onClose={() => setDrawer((current) => ({ ...current, open: false }))}
      />
    </RegistrySection>
  );
}
