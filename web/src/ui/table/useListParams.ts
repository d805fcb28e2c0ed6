import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { TablePaginationConfig } from 'antd';
import type { TFunction } from 'i18next';

const PAGE_SIZES = [10, 20, 50, 100];

export interface ListParams<K extends string> {
  page: number;
  pageSize: number;
  offset: number;
  filters: Record<K, string | undefined>;
  setFilters: (patch: Partial<Record<K, string | number | null | undefined>>) => void;
  setPage: (page: number, pageSize: number) => void;
  /** `field` or `-field` (descending), as the API takes it; undefined: the list's own order. */
  sort: string | undefined;
  setSort: (sort: string | undefined) => void;
  reset: () => void;
  active: boolean;
}

/**
 * Filters and paging of a list page live in the address bar: a link or a reload shows the same list, and the
 * browser's back button undoes a filter.
 */
export function useListParams<K extends string>(
  keys: readonly K[],
  options: {
    defaultPageSize?: number;
    /** The API's sort fields: a stale or mistyped `sort` in the address falls back to the list's own order. */
    sorts?: readonly string[];
  } = {},
): ListParams<K> {
  const defaultPageSize = options.defaultPageSize ?? 20;
  const sortList = (options.sorts ?? []).join(',');
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Math.floor(Number(params.get('page')) || 1));
  const requested = Number(params.get('size'));
  const pageSize = PAGE_SIZES.includes(requested) ? requested : defaultPageSize;
  const keyList = keys.join(',');

  const filters = useMemo(() => {
    const result = {} as Record<K, string | undefined>;
    for (const key of keyList.split(',') as K[]) result[key] = params.get(key) ?? undefined;
    return result;
  }, [params, keyList]);

  const setFilters = useCallback(
    (patch: Partial<Record<K, string | number | null | undefined>>) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(patch) as [K, string | number | null | undefined][]) {
            if (value === undefined || value === null || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const setPage = useCallback(
    (nextPage: number, nextSize: number) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (nextSize !== defaultPageSize) next.set('size', String(nextSize));
          else next.delete('size');
          if (nextPage > 1) next.set('page', String(nextPage));
          else next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams, defaultPageSize],
  );

  const setSort = useCallback(
    (sort: string | undefined) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (sort) next.set('sort', sort);
          else next.delete('sort');
          next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  const requestedSort = params.get('sort') ?? '';
  const sort = sortList.split(',').includes(requestedSort.replace(/^-/, '')) ? requestedSort : undefined;

  const reset = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);
  const active = (keyList.split(',') as K[]).some((key) => params.has(key));

  return {
    page,
    pageSize,
    offset: (page - 1) * pageSize,
    filters,
    setFilters,
    setPage,
    sort,
    setSort,
    reset,
    active,
  };
}

export function tablePagination(
  list: Pick<ListParams<string>, 'page' | 'pageSize' | 'setPage'>,
  total: number | undefined,
  t: TFunction,
  formatNumber: (value: number) => string,
): TablePaginationConfig {
  return {
    current: list.page,
    pageSize: list.pageSize,
    total: total ?? 0,
    pageSizeOptions: PAGE_SIZES,
    showSizeChanger: true,
    showTotal: (count) => t('table.total', { count: formatNumber(count) }),
    onChange: (page, pageSize) => list.setPage(pageSize !== list.pageSize ? 1 : page, pageSize),
    responsive: true,
  };
}
