import { useMemo, type CSSProperties } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../app/i18n';
import { foldText } from '../../ui/text';
import { communeLabel, useCommunes } from './api';

interface Props {
  value?: string | null;
  onChange?: (value: string | null) => void;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  id?: string;
  style?: CSSProperties;
  'data-testid'?: string;
}

/** A commune or ward of the province, searchable with or without diacritics, wards and communes grouped. */
export function CommuneSelect({
  value,
  onChange,
  placeholder,
  allowClear = true,
  disabled,
  id,
  style,
  ...rest
}: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const communes = useCommunes();
  const options = useMemo(() => {
    const list = communes.data ?? [];
    const collator = new Intl.Collator(language === 'vi' ? 'vi' : 'en');
    const toOption = (commune: (typeof list)[number]) => {
      const label = communeLabel(commune, language);
      return {
        value: commune.code,
        label,
        search: foldText(`${label} ${commune.name} ${commune.nameEn} ${commune.code}`),
      };
    };
    const sorted = (type: 'xa' | 'phuong') =>
      list
        .filter((commune) => commune.type === type)
        .map(toOption)
        .sort((a, b) => collator.compare(a.label, b.label));
    return [
      { label: t('map.wards'), title: 'phuong', options: sorted('phuong') },
      { label: t('map.ruralCommunes'), title: 'xa', options: sorted('xa') },
    ];
  }, [communes.data, language, t]);

  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(next: string | undefined) => onChange?.(next ?? null)}
      options={options}
      loading={communes.isPending}
      placeholder={placeholder ?? t('organisations.communePlaceholder')}
      allowClear={allowClear}
      disabled={disabled}
      style={style}
      showSearch={{
        filterOption: (input, option) =>
          Boolean(option && 'search' in option && String(option.search).includes(foldText(input))),
      }}
      status={communes.isError ? 'error' : undefined}
      popupMatchSelectWidth={false}
      data-testid={rest['data-testid']}
    />
  );
}
