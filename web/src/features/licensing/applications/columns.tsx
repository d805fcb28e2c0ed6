import { Link } from 'react-router-dom';
import { Flex, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Application } from '@sievert/core';
import { useLanguage } from '../../../app/i18n';
import { useFormat } from '../../../app/i18n/format';
import { registryPath } from '../../../app/layout/navigation';
import { ApplicationStatusTag, procedureName, WorkingDaysBadge } from '../badges';

/**
 * The columns an application has wherever it is listed.
 * `sortable`: the columns the API sorts by (their `key` is the sort field) offer server sorting, for ListTable.
 */
export function useApplicationColumns({
  showFacility,
  sortable = false,
}: {
  showFacility: boolean;
  sortable?: boolean;
}): ColumnsType<Application> {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  return [
    {
      title: t('licensing.application.dossier'),
      key: 'procedure',
      sorter: sortable,
      render: (_value, application) => (
        <div style={{ minWidth: 180, maxWidth: 300 }}>
          <Tooltip title={procedureName(application.procedure, language)}>
            <Link
              to={registryPath('applications', application.id)}
              data-testid={`application-link-${application.id}`}
            >
              {t('licensing.application.number', { id: application.id })} ·{' '}
              {t(`licensing.procedureShort.${application.procedure}`)}
            </Link>
          </Tooltip>
          <div className="muted" style={{ fontSize: 12 }}>
            {t('licensing.application.itemCounts', {
              devices: format.number(application.deviceIds.length),
              sources: format.number(application.sourceIds.length),
            })}
          </div>
        </div>
      ),
    },
    ...(showFacility
      ? [
          {
            title: t('registry.facilityColumn'),
            key: 'facility',
            render: (_value: unknown, application: Application) => (
              <div style={{ minWidth: 160, maxWidth: 220 }}>
                <Link to={registryPath('facilities', application.facilityId)}>
                  {application.facilityName}
                </Link>
              </div>
            ),
          },
        ]
      : []),
    {
      title: t('licensing.application.status'),
      dataIndex: 'status',
      key: 'status',
      sorter: sortable,
      render: (status: Application['status']) => <ApplicationStatusTag status={status} />,
    },
    {
      title: t('licensing.application.deadline'),
      key: 'dueOn',
      sorter: sortable,
      render: (_value, application) => (
        <Flex vertical gap={2} align="flex-start" style={{ whiteSpace: 'nowrap' }}>
          {application.workingDaysLeft !== null ? (
            <WorkingDaysBadge days={application.workingDaysLeft} dueOn={application.dueOn} />
          ) : null}
          {application.receivedOn ? (
            <span className="muted" style={{ fontSize: 12 }}>
              {t('licensing.application.receivedShort', { date: format.date(application.receivedOn) })}
              {application.dueOn
                ? ` · ${t('licensing.application.dueShort', { date: format.date(application.dueOn) })}`
                : ''}
            </span>
          ) : application.workingDaysLeft === null ? (
            <span className="muted">—</span>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('common.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      sorter: sortable,
      responsive: ['lg'],
      render: (at: string) => <span style={{ whiteSpace: 'nowrap' }}>{format.dateTime(at)}</span>,
    },
  ];
}
