import { Link } from 'react-router-dom';
import { Flex, Tooltip } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Source } from '@sievert/core';
import { useFormat } from '../../../app/i18n/format';
import { registryPath } from '../../../app/layout/navigation';
import { CategoryTag, PendingTransferTag, RestrictedTag, SourceLicenceTag, SourceStatusTag } from '../badges';
import { formatActivity, formatCuries, formatRatio } from '../format';

/** A withheld value: a lock and the words, so that nobody mistakes it for missing data. */
function Withheld() {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('registry.restrictedHint')}>
      <span className="muted" style={{ whiteSpace: 'nowrap' }}>
        <LockOutlined /> {t('registry.restricted')}
      </span>
    </Tooltip>
  );
}

/**
 * The columns a sealed source has wherever it is listed. Restricted rows say so across their withheld cells.
 * `sortable`: the columns the API sorts by (their `key` is the sort field) offer server sorting, for ListTable.
 */
export function useSourceColumns({
  showFacility,
  sortable = false,
}: {
  showFacility: boolean;
  sortable?: boolean;
}): ColumnsType<Source> {
  const { t } = useTranslation();
  const format = useFormat();
  return [
    {
      title: t('registry.source.source'),
      key: 'nuclide',
      sorter: sortable,
      render: (_value, source) => (
        <div style={{ minWidth: 150 }}>
          <Link to={registryPath('sources', source.id)} data-testid={`source-link-${source.id}`}>
            <strong>{source.nuclide}</strong>
          </Link>
          <div style={{ marginTop: 2 }}>
            {source.restricted ? (
              <RestrictedTag />
            ) : (
              <span className="mono" style={{ fontSize: 12 }}>
                {source.serial}
              </span>
            )}
          </div>
        </div>
      ),
    },
    ...(showFacility
      ? [
          {
            title: t('registry.facilityColumn'),
            key: 'facilityName',
            sorter: sortable,
            render: (_value: unknown, source: Source) => (
              <div style={{ minWidth: 160, maxWidth: 220 }}>
                <Link to={registryPath('facilities', source.facilityId)}>{source.facilityName}</Link>
              </div>
            ),
          },
        ]
      : []),
    {
      title: t('registry.source.category'),
      dataIndex: 'category',
      key: 'category',
      sorter: sortable,
      render: (category: number | null) => <CategoryTag category={category} />,
    },
    {
      title: t('registry.source.currentActivity'),
      key: 'currentActivityBq',
      sorter: sortable,
      align: 'right',
      onCell: (source) => ({ colSpan: source.restricted ? 2 : 1 }),
      render: (_value, source) =>
        source.restricted ? (
          <Flex justify="center">
            <Withheld />
          </Flex>
        ) : (
          <Tooltip title={formatCuries(source.currentActivityBq, format.number)}>
            <span style={{ whiteSpace: 'nowrap' }}>
              {formatActivity(source.currentActivityBq, format.number)}
            </span>
          </Tooltip>
        ),
    },
    {
      title: t('registry.source.aOverD'),
      key: 'aOverD',
      align: 'right',
      onCell: (source) => ({ colSpan: source.restricted ? 0 : 1 }),
      render: (_value, source) => (
        <span style={{ whiteSpace: 'nowrap' }}>{formatRatio(source.aOverD, format.number)}</span>
      ),
    },
    {
      title: t('registry.source.use'),
      dataIndex: 'use',
      render: (use: Source['use']) => (
        <div style={{ minWidth: 110, maxWidth: 170 }}>{t(`registry.sourceUses.${use}`)}</div>
      ),
    },
    {
      title: t('registry.source.status'),
      dataIndex: 'status',
      key: 'status',
      sorter: sortable,
      render: (_status, source) => (
        <Flex gap={4} wrap style={{ minWidth: 110 }}>
          {source.pendingTransferTo !== null ? (
            <PendingTransferTag />
          ) : (
            <SourceStatusTag status={source.status} />
          )}
          <SourceLicenceTag source={source} />
        </Flex>
      ),
    },
    {
      title: t('registry.source.location'),
      dataIndex: 'location',
      responsive: ['xxl'],
      render: (location: string | null, source) =>
        source.restricted ? (
          <Withheld />
        ) : location ? (
          <div style={{ minWidth: 140, maxWidth: 240 }}>{location}</div>
        ) : (
          <span className="muted">—</span>
        ),
    },
  ];
}
