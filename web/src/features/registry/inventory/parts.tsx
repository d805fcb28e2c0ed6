import { useState, type HTMLAttributes, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import {
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Pagination,
  Skeleton,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  CheckCircleOutlined,
  CheckOutlined,
  ClockCircleOutlined,
  ExclamationCircleOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { InventoryCampaign, InventoryDiscrepancy, InventoryFinding } from '@sievert/core';
import { useFormat } from '../../../app/i18n/format';
import { registryPath } from '../../../app/layout/navigation';
import { ErrorAlert } from '../../../ui/errors/ErrorAlert';
import { useFormError } from '../../../ui/forms/useFormError';
import { TableEmpty } from '../../../ui/table/TableEmpty';
import { useIsMobile } from '../../../ui/useMediaQuery';
import { daysBetween, provinceToday } from '../format';
import { inventoryFacilityPath, useResolveFinding, type FacilityState, type FindingStatus } from './api';

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
        data-status={campaign.status}
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

export function FindingStatusTag({ status }: { status: FindingStatus }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={status === 'open' ? 'orange' : 'green'}
      icon={status === 'open' ? <ExclamationCircleOutlined /> : <CheckCircleOutlined />}
      style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}
      data-testid="inventory-finding-status"
    >
      {t(`registryTools.inventory.findingStatuses.${status}`)}
    </Tag>
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

/** The Department writes what was done about a difference; the server checks the text again (3–2000 characters). */
function ResolveFindingModal({ finding, onClose }: { finding: InventoryFinding; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ resolution: string }>();
  const labels = { resolution: t('registryTools.inventory.resolution') };
  const { error, handle, clear } = useFormError(form, ['resolution'], labels);
  const resolve = useResolveFinding(finding.year);
  const source = [finding.nuclide ?? t('registryTools.inventory.unknownNuclide'), finding.serial]
    .filter(Boolean)
    .join(' · ');
  return (
    <Modal
      open
      title={t('registryTools.inventory.resolveTitle')}
      okText={t('registryTools.inventory.resolveOk')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={resolve.isPending}
      okButtonProps={{ 'data-testid': 'inventory-resolve-ok' }}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Descriptions
          size="small"
          column={1}
          bordered
          items={[
            {
              key: 'facility',
              label: t('registryTools.inventory.columns.facility'),
              children: finding.facilityName,
            },
            { key: 'source', label: t('registryTools.inventory.columns.source'), children: source },
            {
              key: 'kind',
              label: t('registryTools.inventory.columns.difference'),
              children: <DiscrepancyKindTag kind={finding.kind} />,
            },
            ...(finding.note
              ? [{ key: 'note', label: t('registryTools.inventory.columns.note'), children: finding.note }]
              : []),
          ]}
        />
        <ErrorAlert error={error} fieldLabels={labels} />
        <Form<{ resolution: string }>
          form={form}
          layout="vertical"
          onFinish={(values) => {
            clear();
            resolve.mutate(
              { id: finding.id, resolution: values.resolution.trim() },
              {
                onSuccess: () => {
                  void message.success(t('registryTools.inventory.resolvedDone'));
                  onClose();
                },
                onError: handle,
              },
            );
          }}
        >
          <Form.Item
            name="resolution"
            label={labels.resolution}
            extra={t('registryTools.inventory.resolutionHint')}
            rules={[
              { required: true, whitespace: true, message: t('form.required') },
              {
                validator: (_rule, value: string | undefined) => {
                  const length = value?.trim().length ?? 0;
                  return length === 0 || (length >= 3 && length <= 2000)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('form.lengthBetween', { min: 3, max: 2000 })));
                },
              },
            ]}
            style={{ marginBottom: 0 }}
          >
            <Input.TextArea
              autoSize={{ minRows: 3, maxRows: 8 }}
              maxLength={2000}
              autoFocus
              data-testid="inventory-resolve-text"
            />
          </Form.Item>
        </Form>
      </Flex>
    </Modal>
  );
}

/** What was done about a finding, by whom and when; or, while open, the way to resolve it. */
function Handling({
  finding,
  canResolve,
  onResolve,
}: {
  finding: InventoryFinding;
  canResolve: boolean;
  onResolve: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Flex vertical gap={4} align="flex-start" style={{ minWidth: 160, maxWidth: 240 }}>
      <FindingStatusTag status={finding.status} />
      {finding.status === 'resolved' ? (
        <>
          <div style={{ whiteSpace: 'pre-line' }} data-testid="inventory-finding-resolution">
            {finding.resolution}
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('registryTools.inventory.resolvedBy', {
              name: finding.resolvedBy ?? '—',
              time: format.dateTime(finding.resolvedAt),
            })}
          </Typography.Text>
        </>
      ) : canResolve ? (
        <Button
          size="small"
          type="primary"
          ghost
          icon={<CheckOutlined />}
          onClick={onResolve}
          data-testid={`inventory-finding-resolve-${finding.id}`}
        >
          {t('registryTools.inventory.resolve')}
        </Button>
      ) : null}
    </Flex>
  );
}

/** What differs, in words, and whether it is left from an earlier confirmation than the facility's last one. */
function FindingKind({ finding, currentSince }: { finding: InventoryFinding; currentSince?: string | null }) {
  const { t } = useTranslation();
  return (
    <div
      style={{ minWidth: 160, maxWidth: 220 }}
      data-testid="inventory-discrepancy"
      data-kind={finding.kind}
    >
      <Flex gap={4} wrap>
        <DiscrepancyKindTag kind={finding.kind} />
        {currentSince && finding.createdAt !== currentSince ? (
          <Tag style={{ marginInlineEnd: 0 }} data-testid="inventory-finding-earlier">
            {t('registryTools.inventory.earlierConfirmation')}
          </Tag>
        ) : null}
      </Flex>
      <div className="muted" style={{ fontSize: 12, marginTop: 4 }}>
        {t(`registryTools.inventory.discrepancyHints.${finding.kind}`)}
      </div>
    </div>
  );
}

const findingRowProps = (row: InventoryFinding) =>
  ({
    'data-testid': 'inventory-finding',
    'data-finding-id': row.id,
    'data-status': row.status,
    'data-kind': row.kind,
  }) as HTMLAttributes<HTMLElement>;

const PAGE_SIZE = 20;

/** On a phone, one card per finding: the way to resolve it stays in view instead of at the end of a wide table. */
function FindingCards({
  rows,
  loading,
  showFacility,
  canResolve,
  emptyText,
  currentSince,
  onResolve,
}: {
  rows: InventoryFinding[];
  loading: boolean;
  showFacility: boolean;
  canResolve: boolean;
  emptyText: string;
  currentSince?: string | null;
  onResolve: (finding: InventoryFinding) => void;
}) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const last = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const current = Math.min(page, last);
  if (rows.length === 0) return loading ? <Skeleton active /> : <TableEmpty text={emptyText} />;
  return (
    <Flex vertical gap={12} data-testid="inventory-discrepancies" style={{ opacity: loading ? 0.6 : 1 }}>
      {rows.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE).map((row) => (
        <Card key={row.id} size="small" {...findingRowProps(row)}>
          <Flex vertical gap={8}>
            {showFacility ? (
              <Link to={inventoryFacilityPath(row.year, row.facilityId)} style={{ fontWeight: 500 }}>
                {row.facilityName}
              </Link>
            ) : null}
            <SourceCell sourceId={row.sourceId} nuclide={row.nuclide} serial={row.serial} />
            <FindingKind finding={row} currentSince={currentSince} />
            {row.note ? (
              <div>
                <Typography.Text type="secondary">
                  {t('registryTools.inventory.columns.note')}:{' '}
                </Typography.Text>
                {row.note}
              </div>
            ) : null}
            <Handling finding={row} canResolve={canResolve} onResolve={() => onResolve(row)} />
          </Flex>
        </Card>
      ))}
      {last > 1 ? (
        <Pagination
          simple
          align="center"
          current={current}
          pageSize={PAGE_SIZE}
          total={rows.length}
          onChange={setPage}
        />
      ) : null}
    </Flex>
  );
}

const STATUS_ORDER: Record<FindingStatus, number> = { open: 0, resolved: 1 };

/**
 * Each difference between the register and what a facility holds: a finding the Department follows up until it
 * is resolved. `currentSince`: the facility's last confirmation, to mark findings left from an earlier one.
 */
export function FindingTable({
  rows,
  loading,
  showFacility,
  canResolve,
  emptyText,
  currentSince,
}: {
  rows: InventoryFinding[];
  loading: boolean;
  showFacility: boolean;
  canResolve: boolean;
  emptyText: string;
  currentSince?: string | null;
}) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const [resolving, setResolving] = useState<InventoryFinding | null>(null);
  const columns: ColumnsType<InventoryFinding> = [
    ...(showFacility
      ? [
          {
            title: t('registryTools.inventory.columns.facility'),
            key: 'facility',
            sorter: (a: InventoryFinding, b: InventoryFinding) =>
              a.facilityName.localeCompare(b.facilityName, 'vi'),
            render: (_value: unknown, row: InventoryFinding) => (
              <div style={{ minWidth: 140, maxWidth: 180 }}>
                <Link to={inventoryFacilityPath(row.year, row.facilityId)}>{row.facilityName}</Link>
              </div>
            ),
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
      render: (_value, row) => <FindingKind finding={row} currentSince={currentSince} />,
    },
    {
      title: t('registryTools.inventory.columns.note'),
      dataIndex: 'note',
      render: (note: string | null) =>
        note ? <div style={{ minWidth: 120, maxWidth: 180 }}>{note}</div> : <span className="muted">—</span>,
    },
    {
      title: t('registryTools.inventory.columns.handling'),
      key: 'handling',
      sorter: (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status],
      render: (_value, row) => (
        <Handling finding={row} canResolve={canResolve} onResolve={() => setResolving(row)} />
      ),
    },
  ];
  return (
    <>
      {isMobile ? (
        <FindingCards
          rows={rows}
          loading={loading}
          showFacility={showFacility}
          canResolve={canResolve}
          emptyText={emptyText}
          currentSince={currentSince}
          onResolve={setResolving}
        />
      ) : (
        <Table<InventoryFinding>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={loading}
          pagination={{
            pageSize: PAGE_SIZE,
            hideOnSinglePage: true,
            responsive: true,
            showSizeChanger: false,
          }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <TableEmpty text={emptyText} /> }}
          onRow={findingRowProps}
          data-testid="inventory-discrepancies"
        />
      )}
      {resolving ? <ResolveFindingModal finding={resolving} onClose={() => setResolving(null)} /> : null}
    </>
  );
}
