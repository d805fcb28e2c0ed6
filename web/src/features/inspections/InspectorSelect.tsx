import { useMemo, type CSSProperties } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useInspectorCandidates } from './api';

interface Common {
  placeholder?: string;
  /** Leave these people out (the team lead from the members). */
  exclude?: readonly number[];
  id?: string;
  style?: CSSProperties;
  'data-testid'?: string;
}

function useOptions(selected: readonly number[], exclude: readonly number[] = []) {
  const { t } = useTranslation();
  const candidates = useInspectorCandidates();
  const options = useMemo(() => {
    const known = new Set(candidates.users.map((user) => user.id));
    return [
      ...candidates.users
        .filter((user) => !exclude.includes(user.id))
        .map((user) => ({
          value: user.id,
          label: user.displayName,
          title: `${user.displayName} (${user.username})`,
        })),
      // Someone already on the team who is no longer an active inspector keeps a label.
      ...selected
        .filter((id) => !known.has(id))
        .map((id) => ({
          value: id,
          label: t('inspections.team.unknownPerson', { id }),
          title: t('inspections.team.unknownPerson', { id }),
        })),
    ];
  }, [candidates.users, selected, exclude, t]);
  return { options, loading: candidates.loading };
}

/** One inspector: the team lead. */
export function InspectorSelect({
  value,
  onChange,
  placeholder,
  exclude,
  id,
  style,
  ...rest
}: Common & { value?: number | null; onChange?: (value: number | null) => void }) {
  const { t } = useTranslation();
  const selected = useMemo(() => (typeof value === 'number' ? [value] : []), [value]);
  const { options, loading } = useOptions(selected, exclude);
  return (
    <Select<number>
      id={id}
      value={value ?? undefined}
      onChange={(next: number | undefined) => onChange?.(next ?? null)}
      options={options}
      allowClear
      loading={loading}
      placeholder={placeholder}
      style={style}
      showSearch={{ optionFilterProp: 'label' }}
      notFoundContent={loading ? t('common.loading') : t('common.noMatches')}
      popupMatchSelectWidth={false}
      data-testid={rest['data-testid']}
    />
  );
}

/** The members of the team (up to 20, as the server allows). */
export function TeamSelect({
  value,
  onChange,
  placeholder,
  exclude,
  id,
  style,
  ...rest
}: Common & { value?: number[]; onChange?: (value: number[]) => void }) {
  const { t } = useTranslation();
  const selected = useMemo(() => value ?? [], [value]);
  const { options, loading } = useOptions(selected, exclude);
  return (
    <Select<number[]>
      id={id}
      mode="multiple"
      value={selected}
      onChange={(next) => onChange?.(next)}
      options={options}
      allowClear
      loading={loading}
      placeholder={placeholder}
      style={style}
      showSearch={{ optionFilterProp: 'label' }}
      notFoundContent={loading ? t('common.loading') : t('common.noMatches')}
      maxCount={20}
      data-testid={rest['data-testid']}
    />
  );
}
