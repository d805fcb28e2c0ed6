import { Link } from 'react-router-dom';
import { Flex } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Licence } from '@sievert/core';
import { useFormat } from '../../../app/i18n/format';
import { registryPath } from '../../../app/layout/navigation';
import { LicenceStatusTag, ReminderTag } from '../badges';

/**
 * The columns a licence has wherever it is listed.
 * `sortable`: the columns the API sorts by (their `key` is the sort field) offer server sorting, for ListTable.
 */
export function useLicenceColumns({
  showFacility,
  sortable = false,
}: {
  showFacility: boolean;
  sortable?: boolean;
}): ColumnsType<Licence> {
  const { t } = useTranslation();
  const format = useFormat();
  return [
    {
      title: t('licensing.licence.number'),
      dataIndex: 'number',
      key: 'number',
      sorter: sortable,
      render: (number: string, licence) => (
        <Link
          to={registryPath('licences', licence.id)}
          className="mono"
          style={{ whiteSpace: 'nowrap' }}
          data-testid={`licence-link-${licence.id}`}
        >
          {number}
        </Link>
      ),
    },
    {
      title: t('licensing.licence.kind'),
      dataIndex: 'kind',
      render: (kind: Licence['kind']) => (
        <div style={{ minWidth: 140, maxWidth: 200 }}>{t(`licensing.licenceKinds.${kind}`)}</div>
      ),
    },
    ...(showFacility
      ? [
          {
            title: t('registry.facilityColumn'),
            key: 'facility',
            render: (_value: unknown, licence: Licence) => (
              <div style={{ minWidth: 160, maxWidth: 220 }}>
                <Link to={registryPath('facilities', licence.facilityId)}>{licence.facilityName}</Link>
              </div>
            ),
          },
        ]
      : []),
    {
      title: t('licensing.licence.validity'),
      key: 'validUntil',
      sorter: sortable,
      render: (_value, licence) => (
        <div style={{ whiteSpace: 'nowrap' }}>
          <div>
            {format.date(licence.issuedOn)} →{' '}
            {licence.validUntil ? format.date(licence.validUntil) : t('licensing.licence.noExpiry')}
          </div>
        </div>
      ),
    },
    {
      title: t('licensing.licence.status'),
      key: 'status',
      render: (_value, licence) => (
        <Flex vertical gap={4} align="flex-start">
          <LicenceStatusTag status={licence.status} />
          <ReminderTag licence={licence} />
        </Flex>
      ),
    },
    {
      title: t('licensing.licence.items'),
      key: 'items',
      align: 'right',
      render: (_value, licence) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {t('licensing.licence.itemCounts', {
            devices: format.number(licence.deviceIds.length),
            sources: format.number(licence.sourceIds.length),
          })}
        </span>
      ),
    },
  ];
}
