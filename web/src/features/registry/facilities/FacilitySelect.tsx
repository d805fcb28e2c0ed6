import { useMemo, useState, type CSSProperties } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Facility } from '@sievert/core';
import { useDebounced } from '../../../ui/useDebounced';
import { useFacilities, useFacility } from '../api';

interface Props {
  value?: number | null;
  onChange?: (value: number | null) => void;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  /** Leave this facility out (a transfer goes to another one). */
  exclude?: number;
  id?: string;
  style?: CSSProperties;
  'data-testid'?: string;
}

/** Searches the radiation facilities on the server as the user types (a province has hundreds). */
export function FacilitySelect({
  value,
  onChange,
  placeholder,
  allowClear,
  disabled,
  exclude,
  id,
  style,
  ...rest
}: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const list = useFacilities({ q: q || undefined, limit: 30, offset: 0 }, !disabled);
  const current = useFacility(value ?? null);

  const options = useMemo(() => {
    const byId = new Map<number, Facility>();
    if (current.data) byId.set(current.data.id, current.data);
    for (const facility of list.data?.items ?? []) byId.set(facility.id, facility);
    return [...byId.values()]
      .filter((facility) => facility.id !== exclude)
      .map((facility) => ({
        value: facility.id,
        label: facility.name,
        title: `${facility.name} (${facility.code})`,
      }));
  }, [list.data, current.data, exclude]);

  return (
    <Select<number>
      id={id}
      value={value ?? undefined}
      onChange={(next: number | undefined) => onChange?.(next ?? null)}
      options={options}
      loading={list.isFetching}
      placeholder={placeholder ?? t('registry.facilityPlaceholder')}
      allowClear={allowClear}
      disabled={disabled}
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
