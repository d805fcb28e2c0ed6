import { useState } from 'react';
import { Button, Card, Flex, Input, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { NUCLIDE_NAMES, SOURCE_STATUSES, type Source, type SourceStatus } from '@sievert/core';
import { useFormat } from '../../../app/i18n/format';
import { LoadError } from '../../../ui/errors/ErrorAlert';
import { TableEmpty } from '../../../ui/table/TableEmpty';
import { tablePagination, useListParams } from '../../../ui/table/useListParams';
import { CommuneSelect } from '../../geo/CommuneSelect';
import { useSourceSummary, useSources } from '../api';
import { FacilitySelect } from '../facilities/FacilitySelect';
import { RegistrySection } from '../RegistrySection';
import { useRegistryRights } from '../rights';
import { useSourceColumns } from './columns';
import { SourceDrawer } from './SourceDrawer';

const FILTERS = ['q', 'facilityId', 'nuclide', 'status', 'category', 'communeCode'] as const;
const CATEGORIES = [1, 2, 3, 4, 5] as const;

export default function SourcesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const rights = useRegistryRights();
  const list = useListParams(FILTERS);
  const { filters } = list;
  const status = SOURCE_STATUSES.find((value) => value === filters.status);
  const nuclide = NUCLIDE_NAMES.find((value) => value === filters.nuclide);
  const category = CATEGORIES.find((value) => String(value) === filters.category);
  const facilityId = Number(filters.facilityId) > 0 ? Number(filters.facilityId) : undefined;
  const communeCode =
    filters.communeCode && /^\d{5}$/.test(filters.communeCode) ? filters.communeCode : undefined;
  const sources = useSources({
    q: filters.q,
    facilityId,
    nuclide,
    status,
    category,
    communeCode,
    limit: list.pageSize,
    offset: list.offset,
  });
  const summary = useSourceSummary();
  const columns = useSourceColumns({ showFacility: rights.myFacilityId === null });
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
          <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }} data-testid="source-category-counts">
            <span className="muted">{t('registry.source.byCategory')}</span>
            {CATEGORIES.map((value) => (
              <Tag.CheckableTag
                key={value}
                checked={category === value}
                onChange={(checked) => list.setFilters({ category: checked ? value : null })}
                className="category-chip"
              >
                {t('registry.category', { category: value })}:{' '}
                {format.number(summary.data.byCategory[String(value)] ?? 0)}
              </Tag.CheckableTag>
            ))}
          </Flex>
        ) : null}
        <Flex className="filter-bar" gap={8} wrap>
          <Input.Search
            key={`q-${filters.q ?? ''}`}
            defaultValue={filters.q}
            placeholder={t('registry.source.searchPlaceholder')}
            allowClear
            onSearch={(value) => list.setFilters({ q: value.trim() })}
            style={{ width: 300 }}
            data-testid="source-search"
          />
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
          {list.active ? <Button onClick={list.reset}>{t('common.clearFilters')}</Button> : null}
        </Flex>
        {sources.isError ? (
          <LoadError error={sources.error} onRetry={() => void sources.refetch()} />
        ) : (
          <Table<Source>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={sources.data?.items}
            loading={sources.isFetching}
            pagination={tablePagination(list, sources.data?.total, t, format.number)}
            scroll={{ x: 'max-content' }}
            rowClassName={(source) =>
              source.status === 'lost_stolen' ? 'row-alert' : source.restricted ? 'row-restricted' : ''
            }
            locale={{
              emptyText: (
                <TableEmpty text={list.active ? t('common.noMatches') : t('registry.source.empty')} />
              ),
            }}
            data-testid="sources-table"
          />
        )}
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
