import { useCallback, useMemo, useState, type CSSProperties } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Source, SourceStatus } from '@sievert/core';
import { useDebounced } from '../../ui/useDebounced';
import { useSource, useSources } from '../registry/api';

/** "Cs-137 · SN 1234 · Bệnh viện A (Bị mất, thất lạc)": what tells one sealed source from another. */
export function useSourceLabel(): (source: Source) => string {
  const { t } = useTranslation();
  return useCallback(
    (source: Source) =>
      [source.nuclide, source.serial ? `SN ${source.serial}` : null, source.facilityName]
        .filter(Boolean)
        .join(' · ') + ` (${t(`registry.sourceStatuses.${source.status}`)})`,
    [t],
  );
}

/**
 * A sealed source of the registry, searched on the server as the user types: a facility's sources for a loss,
 * the sources recorded as lost for a find.
 */
export function SourceSelect({
  value,
  onChange,
  facilityId,
  status,
  placeholder,
  id,
  style,
  ...rest
}: {
  value?: number | null;
  onChange?: (value: number | null) => void;
  facilityId?: number | null;
  status?: SourceStatus;
  placeholder?: string;
  id?: string;
  style?: CSSProperties;
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  const label = useSourceLabel();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const list = useSources({
    q: q || undefined,
    facilityId: facilityId ?? undefined,
    status,
    limit: 30,
    offset: 0,
  });
  const current = useSource(value ?? null);
  const options = useMemo(() => {
    const byId = new Map<number, Source>();
    if (current.data) byId.set(current.data.id, current.data);
    for (const source of list.data?.items ?? []) byId.set(source.id, source);
    return [...byId.values()].map((source) => ({ value: source.id, label: label(source) }));
  }, [list.data, current.data, label]);
  return (
    <Select<number>
      id={id}
      value={value ?? undefined}
      onChange={(next: number | undefined) => onChange?.(next ?? null)}
      options={options}
      loading={list.isFetching}
      placeholder={placeholder}
      allowClear
      style={style}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={list.isFetching ? t('common.loading') : t('common.noMatches')}
      popupMatchSelectWidth={false}
      data-testid={rest['data-testid']}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
    />
  );
}
