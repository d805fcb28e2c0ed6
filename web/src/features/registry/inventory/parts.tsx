import type { HTMLAttributes, ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { InventoryCampaign, InventoryDiscrepancy } from '@sievert/core';
import { useFormat } from '../../../app/i18n/format';
import { registryPath } from '../../../app/layout/navigation';
import { TableEmpty } from '../../../ui/table/TableEmpty';
import { daysBetween, provinceToday } from '../format';
import { inventoryFacilityPath, type FacilityState } from './api';

const STATE_TAGS: Record<FacilityState, { color: string; icon: ReactNode }> = {
  not_started: { color: 'default', icon: <ClockCircleOutlined /> },
  confirmed: { color: 'green', icon: <CheckCircleOutlined /> },
  discrepancies: { color: 'orange', icon: <ExclamationCircleOutlined /> },
};

export function FacilityStateTag({ state, count }: { state: FacilityState; count?: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Tag
      color={STATE_TAGS[state].color}
      icon={STATE_TAGS[state].icon}
      style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}
      data-testid="inventory-state"
      data-state={state}
    >
      {state === 'discrepancies' && count !== undefined
        ? t('registryTools.inventory.discrepancyCount', { count: format.number(count) })
        : t(`registryTools.inventory.facilityStates.${state}`)}
    </Tag>
  );
}

export function CampaignStatusTag({ campaign }: { campaign: Pick<InventoryCampaign, 'status' | 'dueOn'> }) {
  const { t } = useTranslation();
  const overdue = campaign.status === 'open' && daysBetween(campaign.dueOn, provinceToday()) > 0;
  return (
    <>
      <Tag
        color={campaign.status === 'open' ? 'blue' : 'default'}
        style={{ marginInlineEnd: 0 }}
        data-testid="inventory-campaign-status"
      >
        {t(`registryTools.inventory.statuses.${campaign.status}`)}
      </Tag>
      {overdue ? (
        <Tag color="red" style={{ marginInlineEnd: 0 }}>
          {t('registryTools.inventory.overdue')}
        </Tag>
      ) : null}
    </>
  );
}

const KIND_COLOURS: Record<InventoryDiscrepancy['kind'], string> = {
  not_found_at_facility: 'red',
  not_in_registry: 'orange',
  not_listed: 'gold',
};

export function DiscrepancyKindTag({ kind }: { kind: InventoryDiscrepancy['kind'] }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`registryTools.inventory.discrepancyHints.${kind}`)}>
      <Tag color={KIND_COLOURS[kind]} style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }} data-kind={kind}>
        {t(`registryTools.inventory.discrepancyKinds.${kind}`)}
      </Tag>
    </Tooltip>
  );
}

/** A source as the inventory names it: the nuclide, the serial, and the way to its record when it has one. */
export function SourceCell({
  sourceId,
  nuclide,
  serial,
}: {
  sourceId: number | null;
  nuclide: string | null;
  serial: string | null;
}) {
  const { t } = useTranslation();
  const name = <strong>{nuclide ?? t('registryTools.inventory.unknownNuclide')}</strong>;
  return (
    <div style={{ minWidth: 130 }}>
      {sourceId ? <Link to={registryPath('sources', sourceId)}>{name}</Link> : name}
      <div className="mono" style={{ fontSize: 12 }}>
        {serial ?? '—'}
      </div>
    </div>
  );
}

export type DiscrepancyRow = InventoryDiscrepancy & {
  key: string;
  facilityId?: number;
  facilityName?: string;
};

/** Each difference between the register and what a facility holds: a finding for the Department to follow up. */
export function DiscrepancyTable({
  rows,
  year,
  loading,
  showFacility,
}: {
  rows: DiscrepancyRow[];
  year: number;
  loading: boolean;
  showFacility: boolean;
}) {
  const { t } = useTranslation();
  const columns: ColumnsType<DiscrepancyRow> = [
    ...(showFacility
      ? [
          {
            title: t('registryTools.inventory.columns.facility'),
            key: 'facility',
            sorter: (a: DiscrepancyRow, b: DiscrepancyRow) =>
              (a.facilityName ?? '').localeCompare(b.facilityName ?? ''),
            render: (_value: unknown, row: DiscrepancyRow) =>
              row.facilityId ? (
                <div style={{ minWidth: 150, maxWidth: 240 }}>
                  <Link to={inventoryFacilityPath(year, row.facilityId)}>{row.facilityName}</Link>
                </div>
              ) : null,
          },
        ]
      : []),
    {
      title: t('registryTools.inventory.columns.source'),
      key: 'source',
      render: (_value, row) => (
        <SourceCell sourceId={row.sourceId} nuclide={row.nuclide} serial={row.serial} />
      ),
    },
    {
      title: t('registryTools.inventory.columns.difference'),
      key: 'kind',
      sorter: (a, b) => a.kind.localeCompare(b.kind),
      render: (_value, row) => (
        <div style={{ minWidth: 180, maxWidth: 300 }}>
          <DiscrepancyKindTag kind={row.kind} />
          <div className="muted" style={{ fontSize: 12, marginTop: 4 }}>
            {t(`registryTools.inventory.discrepancyHints.${row.kind}`)}
          </div>
        </div>
      ),
    },
    {
      title: t('registryTools.inventory.columns.note'),
      dataIndex: 'note',
      render: (note: string | null) =>
        note ? <div style={{ minWidth: 140, maxWidth: 320 }}>{note}</div> : <span className="muted">—</span>,
    },
  ];
  return (
    <Table<DiscrepancyRow>
      rowKey="key"
      size="small"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={{ pageSize: 20, hideOnSinglePage: true, responsive: true }}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <TableEmpty text={t('registryTools.inventory.discrepanciesEmpty')} /> }}
      onRow={(row) =>
        ({ 'data-testid': 'inventory-discrepancy', 'data-kind': row.kind }) as HTMLAttributes<HTMLElement>
      }
      data-testid="inventory-discrepancies"
    />
  );
}
