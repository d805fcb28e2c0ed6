import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Card, Flex, Segmented, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useTranslation } from 'react-i18next';
import type { NoticeQueueItem } from '@sievert/core';
import { useFormat } from '../../app/i18n/format';
import { LoadError } from '../../ui/errors/ErrorAlert';
import { TableEmpty } from '../../ui/table/TableEmpty';
import { useIsMobile } from '../../ui/useMediaQuery';
import { ExerciseTag } from '../incidents/badges';
import { incidentPath } from '../incidents/paths';
import { useNoticeQueue } from './api';
import { NoticeStateTag } from './labels';
import { NoticeActions } from './NoticeActions';
import {
  FILTER_STATES,
  isNoticeFilter,
  mergeNewestFirst,
  NOTICE_FILTERS,
  type NoticeFilter,
  type NoticeRights,
} from './noticeQueue';

/** Who did it, and when below, or a dash. */
function ByAt({ name, time }: { name: string | null; time: string | null }) {
  const format = useFormat();
  if (!time) return <span className="muted">—</span>;
  return (
    <Flex vertical style={{ minWidth: 120, maxWidth: 170 }}>
      <span>{name ?? '—'}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
        {format.dateTime(time)}
      </Typography.Text>
    </Flex>
  );
}

/** The text of a notice and its history: what the expanded row shows (also on a phone, where columns hide). */
function NoticeDetails({ notice }: { notice: NoticeQueueItem }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Flex vertical gap={8} style={{ maxWidth: 820 }} data-testid={`notice-body-${notice.id}`}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('publication.notices.body')}
      </Typography.Text>
      <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {notice.body}
      </Typography.Paragraph>
      <Flex vertical gap={2} className="muted" style={{ fontSize: 12 }}>
        <span>
          {t('publication.notices.draftedLine', {
            name: notice.createdBy ?? '—',
            time: format.dateTime(notice.createdAt),
          })}
        </span>
        {notice.approvedAt ? (
          <span>
            {t('publication.notices.approvedLine', {
              name: notice.approvedBy ?? '—',
              time: format.dateTime(notice.approvedAt),
            })}
          </span>
        ) : null}
        {notice.withdrawnAt ? (
          <span>
            {t('publication.notices.withdrawnLine', {
              name: notice.withdrawnBy ?? '—',
              time: format.dateTime(notice.withdrawnAt),
            })}
            {notice.withdrawReason
              ? ` — ${t('publication.notices.reason', { reason: notice.withdrawReason })}`
              : ''}
          </span>
        ) : null}
      </Flex>
    </Flex>
  );
}

/** On a phone: the notice, its incident and state, and the buttons in one column; the rest in the expanded row. */
function useCompactColumns(filter: NoticeFilter, rights: NoticeRights): ColumnsType<NoticeQueueItem> {
  const { t } = useTranslation();
  const acting = filter !== 'withdrawn' && (rights.submit || rights.approve);
  return [
    {
      title: t('publication.notices.notice'),
      key: 'notice',
      render: (_: unknown, notice) => (
        <Flex vertical gap={4} align="flex-start">
          <strong style={{ overflowWrap: 'anywhere' }}>{notice.title}</strong>
          <Flex gap={6} wrap>
            <NoticeStateTag state={notice.state} />
            {notice.exercise ? <ExerciseTag /> : null}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <Link to={incidentPath(notice.incidentId)} data-testid={`notice-incident-${notice.id}`}>
              {notice.incidentNumber}
            </Link>{' '}
            · {notice.incidentTitle}
          </Typography.Text>
          {acting ? <NoticeActions notice={notice} rights={rights} /> : null}
        </Flex>
      ),
    },
  ];
}

function useColumns(filter: NoticeFilter, rights: NoticeRights): ColumnsType<NoticeQueueItem> {
  const { t } = useTranslation();
  const columns: ColumnsType<NoticeQueueItem> = [
    {
      title: t('publication.notices.incident'),
      key: 'incident',
      render: (_: unknown, notice) => (
        <Flex vertical style={{ minWidth: 120, maxWidth: 170 }}>
          <Link to={incidentPath(notice.incidentId)} data-testid={`notice-incident-${notice.id}`}>
            {notice.incidentNumber}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {notice.incidentTitle}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('publication.notices.notice'),
      key: 'notice',
      render: (_: unknown, notice) => (
        <Flex vertical gap={4} align="flex-start" style={{ minWidth: 160, maxWidth: 240 }}>
          <strong style={{ overflowWrap: 'anywhere' }}>{notice.title}</strong>
          {notice.exercise ? <ExerciseTag /> : null}
        </Flex>
      ),
    },
  ];
  // Each view shows what tells its rows apart: the state only among those awaiting approval (the view names it
  // otherwise), who drafted only until withdrawn (then it is in the opened row), who approved once approved.
  if (filter === 'pending')
    columns.push({
      title: t('publication.notices.state'),
      key: 'state',
      render: (_: unknown, notice) => <NoticeStateTag state={notice.state} />,
    });
  if (filter !== 'withdrawn')
    columns.push({
      title: t('publication.notices.drafted'),
      key: 'drafted',
      render: (_: unknown, notice) => <ByAt name={notice.createdBy} time={notice.createdAt} />,
    });
  if (filter !== 'pending')
    columns.push({
      title: t('publication.notices.approved'),
      key: 'approved',
      render: (_: unknown, notice) => <ByAt name={notice.approvedBy} time={notice.approvedAt} />,
    });
  if (filter === 'withdrawn')
    columns.push({
      title: t('publication.notices.withdrawn'),
      key: 'withdrawn',
      render: (_: unknown, notice) => (
        <Flex vertical gap={2} style={{ minWidth: 140, maxWidth: 220 }}>
          <ByAt name={notice.withdrawnBy} time={notice.withdrawnAt} />
          {notice.withdrawReason ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('publication.notices.reason', { reason: notice.withdrawReason })}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    });
  if (filter !== 'withdrawn' && (rights.submit || rights.approve))
    columns.push({
      title: '',
      key: 'actions',
      // A narrow cell: the buttons wrap instead of widening the table.
      render: (_: unknown, notice) => (
        <div style={{ maxWidth: 170 }}>
          <NoticeActions notice={notice} rights={rights} />
        </div>
      ),
    });
  return columns;
}

/**
 * "Hàng chờ thông báo": the incidents' public notices awaiting approval (drafts and submitted), published or
 * withdrawn; the view is kept in the address (`?tab=notices&state=approved`).
 */
export function NoticeQueueTab({ rights }: { rights: NoticeRights }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const requested = params.get('state');
  const filter: NoticeFilter = isNoticeFilter(requested) ? requested : 'pending';
  const queue = useNoticeQueue(FILTER_STATES[filter]);
  const rows = useMemo(() => mergeNewestFirst(queue.lists), [queue.lists]);
  const compact = useIsMobile();
  const wideColumns = useColumns(filter, rights);
  const compactColumns = useCompactColumns(filter, rights);
  const columns = compact ? compactColumns : wideColumns;
  const setFilter = (value: NoticeFilter) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value === 'pending') next.delete('state');
        else next.set('state', value);
        return next;
      },
      { replace: true },
    );

  return (
    <Card>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 760 }}>
        {t('publication.notices.intro')}
      </Typography.Paragraph>
      <Flex className="filter-bar" style={{ maxWidth: '100%', overflowX: 'auto' }}>
        <Segmented<NoticeFilter>
          value={filter}
          onChange={setFilter}
          aria-label={t('publication.notices.filterLabel')}
          options={NOTICE_FILTERS.map((value) => ({
            value,
            label: (
              <span data-testid={`notice-filter-${value}`}>{t(`publication.notices.filters.${value}`)}</span>
            ),
          }))}
          data-testid="notice-filter"
        />
      </Flex>
      {queue.error ? (
        <LoadError error={queue.error} onRetry={() => void queue.refetch()} />
      ) : (
        <Table<NoticeQueueItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={queue.isFetching}
          pagination={{
            defaultPageSize: 20,
            hideOnSinglePage: true,
            showSizeChanger: true,
            responsive: true,
          }}
          scroll={{ x: 'max-content' }}
          // A fixed expand column keeps the opened text within the visible width while the table scrolls.
          expandable={{ expandedRowRender: (notice) => <NoticeDetails notice={notice} />, fixed: 'left' }}
          locale={{
            emptyText: (
              <TableEmpty
                text={queue.isPending ? t('common.loading') : t(`publication.notices.empty.${filter}`)}
              />
            ),
          }}
          data-testid="notice-queue-table"
        />
      )}
    </Card>
  );
}
