import { useState, type Key } from 'react';
import { Alert, AutoComplete, Button, Card, DatePicker, Flex, Input, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import {
  Permission,
  type AuditEntry,
  type AuditListQuery,
  type AuditPage as AuditPageBody,
  type AuditVerifyResponse,
} from '@sievert/core';
import { api } from '../../../app/api/client';
import { useAuth } from '../../../app/auth/AuthContext';
import { translateOptional } from '../../../app/i18n';
import { useFormat } from '../../../app/i18n/format';
import { PageHeader } from '../../../ui/PageHeader';
import { ErrorAlert, LoadError } from '../../../ui/errors/ErrorAlert';
import { TableEmpty } from '../../../ui/table/TableEmpty';
import { tablePagination, useListParams } from '../../../ui/table/useListParams';
import { UserSelect } from '../users/UserSelect';
import { AuditDiff } from './AuditDiff';

const FILTERS = ['actorId', 'action', 'entityType', 'from', 'to'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Entity types the server records; the field also accepts any other value. */
const KNOWN_ENTITY_TYPES = ['user', 'organisation', 'api_token', 'province'];

/**
 * A calendar day picked by the user is a day in Vietnam (UTC+7 all year, no daylight saving since 1975):
 * its first and last instants in UTC are what the API filters on.
 */
function dayStart(day: string): string {
  return new Date(`${day}T00:00:00.000+07:00`).toISOString();
}
function dayEnd(day: string): string {
  return new Date(`${day}T23:59:59.999+07:00`).toISOString();
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

function actionLabel(action: string): string {
  return translateOptional(`auditActions.${action.replace(/\./g, '_')}`, action);
}

export default function AuditPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { can } = useAuth();
  const list = useListParams(FILTERS, { defaultPageSize: 50 });
  const { filters } = list;
  const from = filters.from && DATE.test(filters.from) ? filters.from : undefined;
  const to = filters.to && DATE.test(filters.to) ? filters.to : undefined;
  const query: AuditListQuery = {
    actorId: Number(filters.actorId) > 0 ? Number(filters.actorId) : undefined,
    action: filters.action || undefined,
    entityType: filters.entityType || undefined,
    from: from ? dayStart(from) : undefined,
    to: to ? dayEnd(to) : undefined,
    limit: list.pageSize,
    offset: list.offset,
  };
  const entries = useQuery({
    queryKey: ['audit', 'list', query],
    queryFn: ({ signal }) => api.get<AuditPageBody>('/audit', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({
    mutationFn: () => api.get<AuditVerifyResponse>('/audit/verify'),
  });
  const [expanded, setExpanded] = useState<readonly Key[]>([]);
  const brokenId = verify.data && !verify.data.intact ? verify.data.firstBrokenId : null;

  const columns: ColumnsType<AuditEntry> = [
    {
      title: t('audit.time'),
      dataIndex: 'at',
      render: (value: string) => (
        <span style={{ whiteSpace: 'nowrap' }}>{format.dateTimeSeconds(value)}</span>
      ),
    },
    {
      title: t('audit.actor'),
      key: 'actor',
      render: (_value, entry) => (
        <div style={{ minWidth: 140 }}>
          <div>{entry.via === 'system' || !entry.actorName ? t('audit.system') : entry.actorName}</div>
          <Tag style={{ marginTop: 2 }}>{t(`audit.via.${entry.via}`)}</Tag>
        </div>
      ),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (action: string) => (
        <div style={{ minWidth: 160 }}>
          <div>{actionLabel(action)}</div>
          <div className="muted mono" style={{ fontSize: 12 }}>
            {action}
          </div>
        </div>
      ),
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      render: (_value, entry) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {capitalise(translateOptional(`entities.${entry.entityType}`, entry.entityType))}
          {entry.entityId ? <span className="muted mono"> #{entry.entityId}</span> : null}
        </span>
      ),
    },
    {
      title: t('audit.ip'),
      dataIndex: 'ip',
      render: (ip: string | null) =>
        ip ? <span className="mono">{ip}</span> : <span className="muted">—</span>,
    },
    {
      title: t('audit.id'),
      dataIndex: 'id',
      align: 'right',
      render: (id: number) => (
        <span
          className={id === brokenId ? 'mono' : 'mono muted'}
          style={id === brokenId ? { color: '#cf1322', fontWeight: 600 } : undefined}
        >
          #{id}
        </span>
      ),
    },
  ];

  const range: [Dayjs | null, Dayjs | null] | null =
    from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null;

  return (
    <>
      <PageHeader
        title={t('nav.admin.audit')}
        subtitle={t('audit.subtitle')}
        extra={
          can(Permission.AuditVerify) ? (
            <Button
              icon={<SafetyCertificateOutlined />}
              loading={verify.isPending}
              onClick={() => verify.mutate()}
              data-testid="audit-verify"
            >
              {t('audit.verify')}
            </Button>
          ) : null
        }
      />
      {verify.isError ? <ErrorAlert error={verify.error} style={{ marginBottom: 16 }} /> : null}
      {verify.data ? (
        verify.data.intact ? (
          <Alert
            type="success"
            showIcon
            data-testid="audit-verify-result"
            data-intact="true"
            title={t('audit.intact', { count: format.number(verify.data.checked) })}
            style={{ marginBottom: 16 }}
            closable={{ onClose: () => verify.reset() }}
          />
        ) : (
          <Alert
            type="error"
            showIcon
            data-testid="audit-verify-result"
            data-intact="false"
            title={
              <span>
                {t('audit.broken')}{' '}
                <strong data-testid="audit-broken-id" style={{ color: '#cf1322' }}>
                  #{verify.data.firstBrokenId ?? '?'}
                </strong>
              </span>
            }
            description={
              <>
                {verify.data.reason ? (
                  <div>
                    {translateOptional(`audit.brokenReasons.${verify.data.reason}`, verify.data.reason)}
                  </div>
                ) : null}
                <div>{t('audit.brokenHint', { count: format.number(verify.data.checked) })}</div>
              </>
            }
            style={{ marginBottom: 16 }}
          />
        )
      ) : null}
      <Card>
        <Flex className="filter-bar" gap={8} wrap>
          {can(Permission.UserRead) ? (
            <UserSelect
              value={Number(filters.actorId) > 0 ? Number(filters.actorId) : null}
              onChange={(value) => list.setFilters({ actorId: value })}
              placeholder={t('audit.allActors')}
              style={{ width: 240 }}
            />
          ) : null}
          <Input.Search
            key={`action-${filters.action ?? ''}`}
            defaultValue={filters.action}
            placeholder={t('audit.actionPlaceholder')}
            allowClear
            onSearch={(value) => list.setFilters({ action: value.trim() })}
            style={{ width: 260 }}
            data-testid="audit-action"
          />
          <AutoComplete
            key={`entity-${filters.entityType ?? ''}`}
            defaultValue={filters.entityType}
            options={KNOWN_ENTITY_TYPES.map((value) => ({
              value,
              label: `${capitalise(translateOptional(`entities.${value}`, value))} (${value})`,
            }))}
            placeholder={t('audit.entityPlaceholder')}
            allowClear
            onSelect={(value: string) => list.setFilters({ entityType: value })}
            onClear={() => list.setFilters({ entityType: undefined })}
            onBlur={(event) =>
              list.setFilters({ entityType: (event.target as HTMLInputElement).value.trim() })
            }
            style={{ width: 200 }}
          />
          <DatePicker.RangePicker
            value={range}
            onChange={(value) =>
              list.setFilters({
                from: value?.[0]?.format('YYYY-MM-DD'),
                to: value?.[1]?.format('YYYY-MM-DD'),
              })
            }
            allowEmpty={[true, true]}
            style={{ width: 280 }}
            data-testid="audit-range"
          />
          {list.active ? <Button onClick={list.reset}>{t('common.clearFilters')}</Button> : null}
        </Flex>
        {entries.isError ? (
          <LoadError error={entries.error} onRetry={() => void entries.refetch()} />
        ) : (
          <Table<AuditEntry>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={entries.data?.items}
            loading={entries.isFetching}
            pagination={tablePagination(list, entries.data?.total, t, format.number)}
            scroll={{ x: 'max-content' }}
            rowClassName={(entry) => (entry.id === brokenId ? 'audit-row-broken' : '')}
            expandable={{
              expandedRowKeys: expanded,
              onExpandedRowsChange: setExpanded,
              expandedRowRender: (entry) => <AuditDiff before={entry.before} after={entry.after} />,
              rowExpandable: (entry) => entry.before != null || entry.after != null,
            }}
            locale={{
              emptyText: <TableEmpty text={list.active ? t('common.noMatches') : t('audit.empty')} />,
            }}
            data-testid="audit-table"
          />
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
          {t('audit.timeNote')}
        </Typography.Paragraph>
      </Card>
    </>
  );
}
