import { useMemo, useState, type CSSProperties } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Organisation, OrganisationKind } from '@sievert/core';
import { useDebounced } from '../../../ui/useDebounced';
import { useOrganisation, useOrganisations } from './api';

interface Props {
  value?: number | null;
  onChange?: (value: number | null, organisation: Organisation | null) => void;
  kind?: OrganisationKind;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  id?: string;
  style?: CSSProperties;
  'data-testid'?: string;
}

/** Searches organisations on the server as the user types (a province has hundreds of facilities). */
export function OrganisationSelect({
  value,
  onChange,
  kind,
  placeholder,
  allowClear,
  disabled,
  id,
  style,
  ...rest
}: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const list = useOrganisations({ q: q || undefined, kind, limit: 30, offset: 0 });
  const current = useOrganisation(value ?? null);

  const byId = useMemo(() => {
    const map = new Map<number, Organisation>();
    for (const organisation of list.data?.items ?? []) map.set(organisation.id, organisation);
    if (current.data) map.set(current.data.id, current.data);
    return map;
  }, [list.data, current.data]);

  const options = useMemo(
    () =>
      [...byId.values()].map((organisation) => ({
        value: organisation.id,
        label: organisation.name,
        title: `${organisation.name} (${organisation.code})`,
      })),
    [byId],
  );

  return (
    <Select<number>
      id={id}
      value={value ?? undefined}
      onChange={(next: number | undefined) =>
        onChange?.(next ?? null, next === undefined ? null : (byId.get(next) ?? null))
      }
      options={options}
      loading={list.isFetching}
      placeholder={placeholder ?? t('users.organisationPlaceholder')}
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
