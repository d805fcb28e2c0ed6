import type { ReactNode } from 'react';
import { Button, Dropdown, Flex, Input, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { DownloadOutlined } from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { API_BASE, queryString, type QueryValue } from '../../app/api/client';
import { useFormat } from '../../app/i18n/format';
import { LoadError } from '../errors/ErrorAlert';
import { TableEmpty } from './TableEmpty';
import { tablePagination, type ListParams } from './useListParams';

/**
 * The one list table of the application: the page of rows the server returned, paging and sorting kept in the
 * address bar, the loading and error states, and an empty text that tells "nothing matches" from "nothing yet".
 *
 * A column sorts on the server when it has `sorter: true` and its `key` is the API's sort field.
 */
export function ListTable<T extends object>({
  list,
  query,
  columns,
  empty,
  rowKey = 'id',
  rowClassName,
  testId,
}: {
  list: ListParams<string>;
  query: UseQueryResult<{ items: T[]; total: number }>;
  columns: ColumnsType<T>;
  /** What the table says when nothing exists yet (with filters: "nothing matches"). */
  empty: string;
  rowKey?: string | ((item: T) => string | number);
  rowClassName?: (item: T) => string;
  testId: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  const descending = list.sort?.startsWith('-') ?? false;
  const sortField = list.sort?.replace(/^-/, '');
  const sortedColumns = columns.map((column) =>
    column.sorter === true
      ? {
          ...column,
          sortOrder:
            column.key === sortField ? (descending ? ('descend' as const) : ('ascend' as const)) : null,
          sortDirections: ['ascend' as const, 'descend' as const, 'ascend' as const],
          showSorterTooltip: { title: t('table.sortHint') },
        }
      : column,
  );
  return (
    <Table<T>
      rowKey={rowKey}
      size="middle"
      columns={sortedColumns}
      dataSource={query.data?.items}
      loading={query.isFetching}
      pagination={tablePagination(list, query.data?.total, t, format.number)}
      scroll={{ x: 'max-content' }}
      rowClassName={rowClassName}
      onChange={(_pagination, _filters, sorter, extra) => {
        if (extra.action !== 'sort') return;
        const one = Array.isArray(sorter) ? sorter[0] : sorter;
        if (!one?.order || typeof one.columnKey !== 'string') list.setSort(undefined);
        else list.setSort(one.order === 'descend' ? `-${one.columnKey}` : one.columnKey);
      }}
      locale={{ emptyText: <TableEmpty text={list.active ? t('common.noMatches') : empty} /> }}
      data-testid={testId}
    />
  );
}

/**
 * The row above a list: free-text search (the `q` filter), the page's own filters, "clear filters", and on the
 * right the download of the same list, with the same filters and order, as XLSX or CSV.
 */
export function FilterBar({
  list,
  search,
  exportKind,
  exportQuery,
  children,
}: {
  list: ListParams<string>;
  search?: { placeholder: string; testId: string; width?: number };
  /** `/api/v1/registry/export/{exportKind}`; none: no download. */
  exportKind?: string;
  exportQuery?: Record<string, QueryValue>;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const q = list.filters['q'];
  return (
    <Flex className="filter-bar" gap={8} wrap align="center">
      {search ? (
        <Input.Search
          key={`q-${q ?? ''}`}
          defaultValue={q}
          placeholder={search.placeholder}
          allowClear
          onSearch={(value) => list.setFilters({ q: value.trim() })}
          style={{ width: search.width ?? 260 }}
          data-testid={search.testId}
        />
      ) : null}
      {children}
      {list.active ? <Button onClick={list.reset}>{t('common.clearFilters')}</Button> : null}
      {exportKind ? <ExportMenu kind={exportKind} query={{ ...exportQuery, q, sort: list.sort }} /> : null}
    </Flex>
  );
}

function ExportMenu({ kind, query }: { kind: string; query: Record<string, QueryValue> }) {
  const { t } = useTranslation();
  const href = (format: 'xlsx' | 'csv') =>
    `${API_BASE}/registry/export/${kind}${queryString({ ...query, format })}`;
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: (['xlsx', 'csv'] as const).map((format) => ({
          key: format,
          label: (
            <a href={href(format)} download data-testid={`export-${kind}-${format}`}>
              {t(`table.export.${format}`)}
            </a>
          ),
        })),
      }}
    >
      <Button icon={<DownloadOutlined />} style={{ marginLeft: 'auto' }} data-testid={`export-${kind}`}>
        {t('table.export.button')}
      </Button>
    </Dropdown>
  );
}

/**
 * One-click filters above a list: a row of chips of which at most one is on; clicking it again clears the
 * filter. `label` names the row; `testId` gives each chip `${testId}-${value}`.
 */
export function QuickFilters<V extends string | number>({
  label,
  values,
  selected,
  onChange,
  render,
  className = 'status-chip',
  testId,
  rowTestId,
}: {
  label: string;
  values: readonly V[];
  selected: V | undefined;
  onChange: (value: V | null) => void;
  render: (value: V) => ReactNode;
  className?: string;
  testId?: string;
  rowTestId?: string;
}) {
  return (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }} data-testid={rowTestId}>
      <span className="muted">{label}</span>
      {values.map((value) => (
        <Tag.CheckableTag
          key={value}
          checked={selected === value}
          onChange={(checked) => onChange(checked ? value : null)}
          className={className}
          data-testid={testId ? `${testId}-${value}` : undefined}
        >
          {render(value)}
        </Tag.CheckableTag>
      ))}
    </Flex>
  );
}
