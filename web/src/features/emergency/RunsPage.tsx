import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Breadcrumb, Button, Card, Flex, Input, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { ArrowDownOutlined, DiffOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/i18n/format';
import { PageHeader } from '../../ui/PageHeader';
import { LoadError } from '../../ui/errors/ErrorAlert';
import { TableEmpty } from '../../ui/table/TableEmpty';
import { tablePagination, useListParams } from '../../ui/table/useListParams';
import { EMERGENCY_PATH, RUN_NEW_PATH, runPath, runsComparePath } from './paths';
import type { RunListItem } from '@sievert/core';
import { useRunList } from './runApi';
import { formatDose } from './runFormat';
import './emergency.css';

const FILTERS = ['q', 'incident'] as const;
/** The comparison shows at most this many runs side by side. */
export const MAX_COMPARED = 3;

function useColumns(): ColumnsType<RunListItem> {
  const { t } = useTranslation();
  const format = useFormat();
  return [
    {
      title: <span className="runs-head">{t('emergency.runs.columns.time')}</span>,
      key: 'createdAt',
      // Date over time (format.dateTime joins them with a space): the list keeps its width for the doses.
      render: (_: unknown, row) => {
        const [day, time] = format.dateTime(row.createdAt).split(' ');
        return (
          <div className="run-nowrap">
            <div>{day}</div>
            <Typography.Text type="secondary">{time}</Typography.Text>
          </div>
        );
      },
    },
    {
      title: <span className="runs-head">{t('emergency.runs.columns.title')}</span>,
      key: 'title',
      render: (_: unknown, row) => (
        <div style={{ minWidth: 120, maxWidth: 180 }}>
          <Link to={runPath(row.id)} data-testid={`runs-open-${row.id}`}>
            {row.title ?? t('emergency.run.stored.title', { id: row.id })}
          </Link>
        </div>
      ),
    },
    {
      title: <span className="runs-head">{t('emergency.runs.columns.who')}</span>,
      key: 'createdBy',
      render: (_: unknown, row) => <div style={{ minWidth: 90, maxWidth: 120 }}>{row.createdBy ?? '—'}</div>,
    },
    {
      title: <span className="runs-head">{t('emergency.runs.columns.nuclides')}</span>,
      key: 'nuclides',
      render: (_: unknown, row) => (
        <Flex wrap gap={4}>
          {row.nuclides.map((n) => (
            <Tag key={n} style={{ marginInlineEnd: 0 }}>
              {n}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: <span className="runs-head">{t('emergency.runs.columns.model')}</span>,
      key: 'model',
      render: (_: unknown, row) => t(`emergency.run.modelShort.${row.model}`),
    },
    {
      title: <span className="runs-head">{t('emergency.runs.columns.wind')}</span>,
      key: 'wind',
      render: (_: unknown, row) => (
        <span className="run-nowrap">
          <ArrowDownOutlined
            className="run-wind-arrow run-wind-arrow-small"
            style={{ transform: `rotate(${row.windFromDeg}deg)` }}
            aria-hidden
          />{' '}
          {t('emergency.runs.windValue', {
            speed: format.number(row.windSpeedMS, 1),
            from: format.number(row.windFromDeg),
            stability: row.stability,
          })}
        </span>
      ),
    },
    {
      title: <span className="runs-head">{t('emergency.runs.columns.zones')}</span>,
      key: 'zones',
      align: 'right',
      render: (_: unknown, row) => format.number(row.zones),
    },
    {
      title: <span className="runs-head">{t('emergency.runs.columns.maxDose')}</span>,
      key: 'maxEffectiveSv',
      align: 'right',
      render: (_: unknown, row) => (
        <span className="run-nowrap" data-testid={`runs-dose-${row.id}`}>
          {formatDose(row.maxEffectiveSv, format.number)}
        </span>
      ),
    },
  ];
}

/**
 * "Các lần tính phát tán": the stored runs, newest first, searchable by title; ticking two or three runs opens
 * their comparison.
 */
export default function RunsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const list = useListParams(FILTERS);
  const incident = Number(list.filters.incident);
  const incidentId = Number.isInteger(incident) && incident > 0 ? incident : undefined;
  const runs = useRunList({
    q: list.filters.q || undefined,
    incidentId,
    limit: list.pageSize,
    offset: list.offset,
  });
  const columns = useColumns();
  const [selected, setSelected] = useState<number[]>([]);
  const q = list.filters.q;

  return (
    <div className="run-page">
      <Breadcrumb
        className="registry-breadcrumb"
        items={[
          {
            title: (
              <Link to={EMERGENCY_PATH} data-testid="breadcrumb-emergency">
                {t('domains.emergency.title')}
              </Link>
            ),
          },
          { title: t('emergency.runs.nav') },
        ]}
      />
      <PageHeader
        title={t('emergency.runs.title')}
        subtitle={t('emergency.runs.subtitle')}
        extra={
          // Anyone who reads runs may try a what-if in the browser; storing it needs emergency.run there.
          <Link to={RUN_NEW_PATH}>
            <Button type="primary" icon={<PlusOutlined />} data-testid="runs-new">
              {t('emergency.run.stored.new')}
            </Button>
          </Link>
        }
      />
      <Card>
        <Flex className="filter-bar" gap={8} wrap align="center">
          <Input.Search
            key={`q-${q ?? ''}`}
            defaultValue={q}
            placeholder={t('emergency.runs.search')}
            allowClear
            onSearch={(value) => list.setFilters({ q: value.trim() })}
            style={{ width: 280, maxWidth: '100%' }}
            data-testid="runs-search"
          />
          {incidentId !== undefined ? (
            <Tag closable onClose={() => list.setFilters({ incident: null })} data-testid="runs-incident">
              {t('emergency.runs.incident', { id: incidentId })}
            </Tag>
          ) : null}
          {list.active ? <Button onClick={list.reset}>{t('common.clearFilters')}</Button> : null}
          <Flex gap={8} align="center" wrap style={{ marginLeft: 'auto' }}>
            <Typography.Text type="secondary" data-testid="runs-selected">
              {selected.length === 0
                ? t('emergency.runs.tickHint', { max: MAX_COMPARED })
                : t('emergency.runs.selected', { count: selected.length })}
            </Typography.Text>
            <Button
              type={selected.length >= 2 ? 'primary' : 'default'}
              icon={<DiffOutlined />}
              disabled={selected.length < 2}
              onClick={() => void navigate(runsComparePath(selected))}
              data-testid="runs-compare"
            >
              {t('emergency.runs.compare')}
            </Button>
          </Flex>
        </Flex>
        {runs.isError ? (
          <LoadError error={runs.error} onRetry={() => void runs.refetch()} />
        ) : (
          <Table<RunListItem>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={runs.data?.items}
            loading={runs.isFetching}
            pagination={tablePagination(list, runs.data?.total, t, format.number)}
            scroll={{ x: 'max-content' }}
            rowSelection={{
              selectedRowKeys: selected,
              preserveSelectedRowKeys: true,
              hideSelectAll: true,
              onChange: (keys) => setSelected((keys as number[]).slice(0, MAX_COMPARED)),
              getCheckboxProps: (row) => ({
                disabled: selected.length >= MAX_COMPARED && !selected.includes(row.id),
                'aria-label': t('emergency.runs.tick', { id: row.id }),
                'data-testid': `runs-tick-${row.id}`,
              }),
            }}
            locale={{
              emptyText: (
                <TableEmpty text={list.active ? t('common.noMatches') : t('emergency.runs.empty')} />
              ),
            }}
            className="runs-table"
            data-testid="runs-table"
          />
        )}
      </Card>
    </div>
  );
}
