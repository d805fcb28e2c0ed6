import { useMemo, useState, type HTMLAttributes } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { Button, Card, Empty, Flex, Select, Skeleton, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { UnsealedRecord } from '@sievert/core';
import { useFormat } from '../../../app/i18n/format';
import { registryPath } from '../../../app/layout/navigation';
import { LoadError } from '../../../ui/errors/ErrorAlert';
import { TableEmpty } from '../../../ui/table/TableEmpty';
import { useListParams } from '../../../ui/table/useListParams';
import { FacilitySelect } from '../facilities/FacilitySelect';
import { formatActivity, formatCuries, provinceToday } from '../format';
import { RegistrySection } from '../RegistrySection';
import { useRegistryRights } from '../rights';
import { UNSEALED_NUCLIDES, useUnsealed } from './api';
import { UnsealedDrawer } from './UnsealedDrawer';

const FILTERS = ['year', 'nuclide'] as const;
const PAST_YEARS = 5;

function Activity({ bq }: { bq: number }) {
  const format = useFormat();
  return (
    <Tooltip title={formatCuries(bq, format.number)}>
      <span style={{ whiteSpace: 'nowrap' }}>{formatActivity(bq, format.number)}</span>
    </Tooltip>
  );
}

type Row = UnsealedRecord & { periodSpan: number };

/** One facility's months: a month's nuclides grouped under it, the year's totals per nuclide below. */
function FacilityTable({
  year,
  facilityId,
  facilityName,
  records,
  loading,
  showTitle,
  onEdit,
  onCreate,
}: {
  year: number;
  facilityId: number;
  facilityName: string;
  records: UnsealedRecord[];
  loading: boolean;
  showTitle: boolean;
  onEdit: ((record: UnsealedRecord) => void) | null;
  onCreate: (() => void) | null;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const rows = useMemo<Row[]>(() => {
    const sorted = [...records].sort(
      (a, b) => b.period.localeCompare(a.period) || a.nuclide.localeCompare(b.nuclide),
    );
    return sorted.map((record, index) => {
      const first = index === 0 || sorted[index - 1]!.period !== record.period;
      const span = first ? sorted.filter((r) => r.period === record.period).length : 0;
      return { ...record, periodSpan: span };
    });
  }, [records]);
  const totals = useMemo(() => {
    const byNuclide = new Map<string, { received: number; used: number }>();
    for (const record of records) {
      const total = byNuclide.get(record.nuclide) ?? { received: 0, used: 0 };
      total.received += record.receivedBq;
      total.used += record.usedBq;
      byNuclide.set(record.nuclide, total);
    }
    return [...byNuclide].sort(([a], [b]) => a.localeCompare(b));
  }, [records]);

  const periodLabel = (period: string) =>
    t('registryTools.unsealed.periodValue', { month: period.slice(5, 7), year: period.slice(0, 4) });
  const columns: ColumnsType<Row> = [
    {
      title: t('registryTools.unsealed.period'),
      dataIndex: 'period',
      onCell: (row) => ({ rowSpan: row.periodSpan }),
      render: (period: string) => <strong style={{ whiteSpace: 'nowrap' }}>{periodLabel(period)}</strong>,
    },
    {
      title: t('registryTools.unsealed.nuclide'),
      dataIndex: 'nuclide',
      render: (nuclide: string) => <span style={{ whiteSpace: 'nowrap' }}>{nuclide}</span>,
    },
    {
      title: t('registryTools.unsealed.received'),
      dataIndex: 'receivedBq',
      align: 'right',
      render: (bq: number) => <Activity bq={bq} />,
    },
    {
      title: t('registryTools.unsealed.used'),
      dataIndex: 'usedBq',
      align: 'right',
      render: (bq: number) => <Activity bq={bq} />,
    },
    {
      title: t('registryTools.unsealed.note'),
      dataIndex: 'note',
      render: (note: string | null) =>
        note ? <div style={{ minWidth: 120, maxWidth: 260 }}>{note}</div> : <span className="muted">—</span>,
    },
    {
      title: t('common.updatedAt'),
      dataIndex: 'updatedAt',
      render: (at: string) => <span style={{ whiteSpace: 'nowrap' }}>{format.dateTime(at)}</span>,
    },
    ...(onEdit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_value: unknown, record: Row) => (
              <Button
                size="small"
                icon={<EditOutlined />}
                onClick={() => onEdit(record)}
                aria-label={t('common.edit')}
                data-testid={`unsealed-edit-${record.id}`}
              />
            ),
          },
        ]
      : []),
  ];
  const columnCount = columns.length;

  return (
    <Card
      className="detail-card"
      title={
        showTitle ? (
          <Link to={registryPath('facilities', facilityId)} data-testid="unsealed-facility-name">
            {facilityName}
          </Link>
        ) : (
          t('registryTools.unsealed.yearTitle', { year })
        )
      }
      extra={
        onCreate ? (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={onCreate}
            data-testid={`unsealed-create-${facilityId}`}
          >
            {t('registryTools.unsealed.create')}
          </Button>
        ) : null
      }
      data-testid="unsealed-facility"
      data-facility-id={facilityId}
    >
      <Table<Row>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        bordered
        onRow={(row) =>
          ({
            'data-testid': 'unsealed-row',
            'data-period': row.period,
            'data-nuclide': row.nuclide,
          }) as HTMLAttributes<HTMLElement>
        }
        locale={{ emptyText: <TableEmpty text={t('registryTools.unsealed.empty', { year })} /> }}
        summary={() =>
          totals.length > 0 ? (
            <Table.Summary>
              {totals.map(([nuclide, total], index) => (
                <Table.Summary.Row key={nuclide} data-testid="unsealed-total">
                  {index === 0 ? (
                    <Table.Summary.Cell index={0} rowSpan={totals.length}>
                      <strong style={{ whiteSpace: 'nowrap' }}>
                        {t('registryTools.unsealed.yearTotal', { year })}
                      </strong>
                    </Table.Summary.Cell>
                  ) : null}
                  <Table.Summary.Cell index={1}>
                    <strong>{nuclide}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    <strong>
                      <Activity bq={total.received} />
                    </strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    <strong>
                      <Activity bq={total.used} />
                    </strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} colSpan={columnCount - 4} />
                </Table.Summary.Row>
              ))}
            </Table.Summary>
          ) : null
        }
        data-testid="unsealed-table"
      />
    </Card>
  );
}

/**
 * /registry/unsealed and /registry/unsealed/:facilityId — nuclear medicine's unsealed nuclides: what each facility
 * received and used month by month, one table per facility, with the year's totals.
 */
export default function UnsealedPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const params = useParams();
  const rights = useRegistryRights();
  const list = useListParams(FILTERS);
  const thisYear = Number(provinceToday().slice(0, 4));
  const requestedYear = Number(list.filters.year);
  const year =
    Number.isInteger(requestedYear) && requestedYear >= 2000 && requestedYear <= 2100
      ? requestedYear
      : thisYear;
  const nuclide = UNSEALED_NUCLIDES.find((value) => value === list.filters.nuclide);
  const pathFacility = Number(params.id);
  const facilityId =
    rights.myFacilityId ?? (Number.isInteger(pathFacility) && pathFacility > 0 ? pathFacility : undefined);
  const records = useUnsealed({ year, nuclide, facilityId });
  const [drawer, setDrawer] = useState<{
    open: boolean;
    session: number;
    record: UnsealedRecord | null;
    facilityId: number | null;
  }>({ open: false, session: 0, record: null, facilityId: null });
  const openDrawer = (record: UnsealedRecord | null, forFacility: number | null) =>
    setDrawer((current) => ({ open: true, session: current.session + 1, record, facilityId: forFacility }));

  const years = useMemo(() => {
    const values = Array.from({ length: PAST_YEARS + 1 }, (_, index) => thisYear - index);
    if (!values.includes(year)) values.push(year);
    return values.sort((a, b) => b - a);
  }, [thisYear, year]);

  const groups = useMemo(() => {
    const byFacility = new Map<number, { name: string; records: UnsealedRecord[] }>();
    for (const record of records.data ?? []) {
      const group = byFacility.get(record.facilityId) ?? { name: record.facilityName, records: [] };
      group.records.push(record);
      byFacility.set(record.facilityId, group);
    }
    return [...byFacility].sort(([, a], [, b]) => a.name.localeCompare(b.name, 'vi'));
  }, [records.data]);

  const fixedFacility = rights.myFacilityId ?? facilityId ?? null;
  const create = rights.canCreateSource ? () => openDrawer(null, fixedFacility) : null;

  return (
    <RegistrySection
      section="unsealed"
      extra={
        create ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={create} data-testid="unsealed-create">
            {t('registryTools.unsealed.create')}
          </Button>
        ) : null
      }
    >
      <Flex vertical gap={16}>
        <Card>
          <Flex className="filter-bar" gap={8} wrap>
            <Select<number>
              value={year}
              onChange={(value) => list.setFilters({ year: value === thisYear ? null : value })}
              options={years.map((value) => ({
                value,
                label: t('registryTools.unsealed.yearOption', { year: value }),
              }))}
              style={{ width: 140 }}
              aria-label={t('registryTools.unsealed.year')}
              data-testid="unsealed-year"
            />
            {rights.myFacilityId === null ? (
              <FacilitySelect
                value={facilityId}
                onChange={(value) =>
                  void navigate({
                    pathname: value ? `${registryPath('unsealed')}/${value}` : registryPath('unsealed'),
                    search: location.search,
                  })
                }
                placeholder={t('registry.allFacilities')}
                allowClear
                style={{ width: 260, maxWidth: '100%' }}
                data-testid="unsealed-facility-filter"
              />
            ) : null}
            <Select<string>
              value={nuclide}
              allowClear
              placeholder={t('registry.source.allNuclides')}
              onChange={(value) => list.setFilters({ nuclide: value })}
              options={UNSEALED_NUCLIDES.map((value) => ({ value, label: value }))}
              style={{ width: 160 }}
              data-testid="unsealed-nuclide-filter"
            />
          </Flex>
          <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
            {t('registryTools.unsealed.hint')}
          </Typography.Paragraph>
        </Card>
        {records.isError ? (
          <Card>
            <LoadError error={records.error} onRetry={() => void records.refetch()} />
          </Card>
        ) : records.isPending ? (
          <Card>
            <Skeleton active />
          </Card>
        ) : groups.length === 0 ? (
          <Card data-testid="unsealed-empty">
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={
                nuclide || (facilityId && rights.myFacilityId === null)
                  ? t('common.noMatches')
                  : t('registryTools.unsealed.empty', { year })
              }
            >
              {create ? (
                <Button type="primary" icon={<PlusOutlined />} onClick={create}>
                  {t('registryTools.unsealed.create')}
                </Button>
              ) : null}
            </Empty>
          </Card>
        ) : (
          groups.map(([id, group]) => (
            <FacilityTable
              key={id}
              year={year}
              facilityId={id}
              facilityName={group.name}
              records={group.records}
              loading={records.isFetching}
              showTitle={rights.myFacilityId === null}
              onEdit={rights.canManageSource(id) ? (record) => openDrawer(record, record.facilityId) : null}
              onCreate={
                rights.canManageSource(id) && rights.myFacilityId === null ? () => openDrawer(null, id) : null
              }
            />
          ))
        )}
      </Flex>
      <UnsealedDrawer
        key={drawer.session}
        open={drawer.open}
        record={drawer.record}
        facilityId={drawer.facilityId}
        onClose={() => setDrawer((current) => ({ ...current, open: false }))}
      />
    </RegistrySection>
  );
}
