import { useMemo, useState, type CSSProperties } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '@sievert/core';
import { useDebounced } from '../../../ui/useDebounced';
import { useUser, useUsers } from './api';

interface Props {
  value?: number | null;
  onChange?: (value: number | null) => void;
  placeholder?: string;
  style?: CSSProperties;
  disabled?: boolean;
  id?: string;
}

/** Searches users on the server by name or username. */
export function UserSelect({ value, onChange, placeholder, style, disabled, id }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const list = useUsers({ q: q || undefined, limit: 30, offset: 0 }, !disabled);
  const current = useUser(value ?? null);
  const options = useMemo(() => {
    const byId = new Map<number, User>();
    for (const user of list.data?.items ?? []) byId.set(user.id, user);
    if (current.data) byId.set(current.data.id, current.data);
    return [...byId.values()].map((user) => ({
      value: user.id,
      label: `${user.displayName} (${user.username})`,
    }));
  }, [list.data, current.data]);
  return (
    <Select<number>
      id={id}
      value={value ?? undefined}
      onChange={(next: number | undefined) => onChange?.(next ?? null)}
      options={options}
      allowClear
      disabled={disabled}
      loading={list.isFetching}
      placeholder={placeholder}
      style={style}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={list.isFetching ? t('common.loading') : t('common.noMatches')}
      popupMatchSelectWidth={false}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
    />
  );
}
