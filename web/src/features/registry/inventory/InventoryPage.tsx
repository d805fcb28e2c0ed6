import { useMemo, useState, type HTMLAttributes, type ReactNode } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Progress,
  Result,
  Row,
  Segmented,
  Select,
  Skeleton,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { Permission, type InventoryCampaign, type InventoryCampaignSummary } from '@sievert/core';
import { useAuth } from '../../../app/auth/AuthContext';
import { useFormat } from '../../../app/i18n/format';
import { registryPath } from '../../../app/layout/navigation';
import { ErrorAlert, LoadError } from '../../../ui/errors/ErrorAlert';
import { useFormError } from '../../../ui/forms/useFormError';
import { TableEmpty } from '../../../ui/table/TableEmpty';
import { RegistrySection } from '../RegistrySection';
import { useRegistryRights } from '../rights';
import {
  MIN_YEAR,
  currentYear,
  defaultYear,
  facilityState,
  inventoryFacilityPath,
  isYear,
  useCloseCampaign,
  useInventoryCampaign,
  useInventoryCampaigns,
  useInventoryFindings,
  useOpenCampaign,
  type CampaignFacility,
  type FacilityState,
  type FindingFilter,
} from './api';
import { CampaignStatusTag, FacilityStateTag, FindingTable } from './parts';

function OpenCampaignModal({ year, open, onClose }: { year: number; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ dueOn: Dayjs }>();
  const labels = { dueOn: t('registryTools.inventory.dueOn'), year: t('registryTools.inventory.year') };
  const { error, handle, clear } = useFormError(form, ['dueOn'], labels);
  const openCampaign = useOpenCampaign();
  const close = () => {
    clear();
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t('registryTools.inventory.openTitle', { year })}
      okText={t('registryTools.inventory.open')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={openCampaign.isPending}
      okButtonProps={{ 'data-testid': 'inventory-open-ok' }}
      destroyOnHidden
    >
      <Form<{ dueOn: Dayjs }>
        form={form}
        layout="vertical"
        initialValues={{ dueOn: dayjs(`${year + 1}-01-31`) }}
        onFinish={(values) => {
          clear();
          openCampaign.mutate(
            { year, dueOn: values.dueOn.format('YYYY-MM-DD') },
            {
              onSuccess: () => {
                void message.success(t('registryTools.inventory.opened', { year }));
                close();
              },
              onError: handle,
            },
          );
        }}
      >
        <Typography.Paragraph type="secondary">{t('registryTools.inventory.openText')}</Typography.Paragraph>
        <ErrorAlert error={error} fieldLabels={labels} style={{ marginBottom: 16 }} />
        <Form.Item
          name="dueOn"
          label={labels.dueOn}
          rules={[{ required: true, message: t('form.required') }]}
          extra={t('registryTools.inventory.dueOnHint')}
        >
          <DatePicker
            format="DD/MM/YYYY"
            disabledDate={(day) => day.isBefore(dayjs(), 'day')}
            style={{ width: '100%' }}
            data-testid="inventory-due-on"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The Department ends the year: facilities can no longer confirm; open findings stay to be resolved. */
function CloseCampaignModal({ campaign, onClose }: { campaign: InventoryCampaign; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { message } = App.useApp();
  const close = useCloseCampaign(campaign.year);
  const notConfirmed = campaign.facilities.filter((facility) => !facility.confirmedAt).length;
  const openFindings = campaign.facilities.reduce((sum, facility) => sum + facility.openFindings, 0);
  return (
    <Modal
      open
      title={t('registryTools.inventory.closeTitle', { year: campaign.year })}
      okText={t('registryTools.inventory.close')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, 'data-testid': 'inventory-close-ok' }}
      confirmLoading={close.isPending}
      onCancel={onClose}
      onOk={() =>
        close.mutate(undefined, {
          onSuccess: () => {
            void message.success(t('registryTools.inventory.closedDone', { year: campaign.year }));
            onClose();
          },
        })
      }
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <ErrorAlert error={close.error} />
        <Typography.Paragraph style={{ margin: 0 }}>
          {t('registryTools.inventory.closeText')}
        </Typography.Paragraph>
        {notConfirmed > 0 ? (
          <Alert
            type="warning"
            showIcon
            title={t('registryTools.inventory.closeNotConfirmed', { count: format.number(notConfirmed) })}
            data-testid="inventory-close-not-confirmed"
          />
        ) : null}
        {openFindings > 0 ? (
          <Alert
            type="info"
            showIcon
            title={t('registryTools.inventory.closeOpenFindings', { count: format.number(openFindings) })}
          />
        ) : null}
      </Flex>
    </Modal>
  );
}

function CampaignSummary({ campaign }: { campaign: InventoryCampaign }) {
  const { t } = useTranslation();
  const format = useFormat();
  const counts = { not_started: 0, confirmed: 0, discrepancies: 0 } satisfies Record<FacilityState, number>;
  for (const facility of campaign.facilities) counts[facilityState(facility)] += 1;
  const total = campaign.facilities.length;
  const done = counts.confirmed + counts.discrepancies;
  const sources = campaign.facilities.reduce((sum, facility) => sum + facility.expectedSources, 0);
  const openFindings = campaign.facilities.reduce((sum, facility) => sum + facility.openFindings, 0);
  const stat = (title: string, value: number, testId: string, color?: string) => (
    <Statistic
      title={title}
      value={value}
      styles={{ content: color ? { color } : {} }}
      formatter={(raw) => <span data-testid={testId}>{format.number(Number(raw))}</span>}
    />
  );
  return (
    <Card
      title={
        <Flex gap={8} wrap align="center">
          <span>{t('registryTools.inventory.title', { year: campaign.year })}</span>
          <CampaignStatusTag campaign={campaign} />
        </Flex>
      }
      className="detail-card"
      data-testid="inventory-campaign"
      data-status={campaign.status}
    >
      <Flex vertical gap={16}>
        <Flex gap={4} vertical>
          <Typography.Text type="secondary">
            {t('registryTools.inventory.dueOnValue', { date: format.date(campaign.dueOn) })}
          </Typography.Text>
          {campaign.closedAt ? (
            <Typography.Text type="secondary" data-testid="inventory-closed-at">
              {t('registryTools.inventory.closedAtValue', { time: format.dateTime(campaign.closedAt) })}
            </Typography.Text>
          ) : null}
        </Flex>
        <div>
          <Flex justify="space-between" wrap gap={8}>
            <Typography.Text strong>{t('registryTools.inventory.progress')}</Typography.Text>
            <Typography.Text type="secondary">
              {t('registryTools.inventory.progressText', {
                done: format.number(done),
                total: format.number(total),
              })}
            </Typography.Text>
          </Flex>
          <Progress
            percent={total === 0 ? 0 : Math.round((done / total) * 100)}
            success={{ percent: total === 0 ? 0 : Math.round((counts.confirmed / total) * 100) }}
            strokeColor="#fa8c16"
            data-testid="inventory-progress"
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('registryTools.inventory.progressLegend')}
          </Typography.Text>
        </div>
        <Row gutter={[16, 16]}>
          <Col xs={12} sm={8} lg={4}>
            {stat(t('registryTools.inventory.stats.facilities'), total, 'inventory-stat-facilities')}
          </Col>
          <Col xs={12} sm={8} lg={4}>
            {stat(t('registryTools.inventory.stats.confirmed'), counts.confirmed, 'inventory-stat-confirmed')}
          </Col>
          <Col xs={12} sm={8} lg={4}>
            {stat(
              t('registryTools.inventory.stats.discrepancies'),
              counts.discrepancies,
              'inventory-stat-discrepancies',
              counts.discrepancies > 0 ? '#d46b08' : undefined,
            )}
          </Col>
          <Col xs={12} sm={8} lg={4}>
            {stat(
              t('registryTools.inventory.stats.notStarted'),
              counts.not_started,
              'inventory-stat-not-started',
            )}
          </Col>
          <Col xs={12} sm={8} lg={4}>
            {stat(
              t('registryTools.inventory.stats.openFindings'),
              openFindings,
              'inventory-stat-open-findings',
              openFindings > 0 ? '#d46b08' : undefined,
            )}
          </Col>
          <Col xs={12} sm={8} lg={4}>
            {stat(t('registryTools.inventory.stats.sources'), sources, 'inventory-stat-sources')}
          </Col>
        </Row>
      </Flex>
    </Card>
  );
}

const STATES: readonly FacilityState[] = ['not_started', 'confirmed', 'discrepancies'];
const STATE_ORDER: Record<FacilityState, number> = { discrepancies: 0, not_started: 1, confirmed: 2 };

function FacilitiesCard({ campaign }: { campaign: InventoryCampaign }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [q, setQ] = useState('');
  const [state, setState] = useState<FacilityState | undefined>();
  const rows = useMemo(() => {
    const text = q.trim().toLocaleLowerCase('vi');
    return campaign.facilities.filter(
      (facility) =>
        (!text || facility.facilityName.toLocaleLowerCase('vi').includes(text)) &&
        (!state || facilityState(facility) === state),
    );
  }, [campaign.facilities, q, state]);
  const columns: ColumnsType<CampaignFacility> = [
    {
      title: t('registryTools.inventory.columns.facility'),
      dataIndex: 'facilityName',
      sorter: (a, b) => a.facilityName.localeCompare(b.facilityName, 'vi'),
      render: (name: string, facility) => (
        <div style={{ minWidth: 160, maxWidth: 320 }}>
          <Link
            to={inventoryFacilityPath(campaign.year, facility.facilityId)}
            data-testid={`inventory-facility-link-${facility.facilityId}`}
          >
            {name}
          </Link>
        </div>
      ),
    },
    {
      title: t('registryTools.inventory.columns.expected'),
      dataIndex: 'expectedSources',
      align: 'right',
      sorter: (a, b) => a.expectedSources - b.expectedSources,
      render: (count: number) => format.number(count),
    },
    {
      title: t('registryTools.inventory.columns.state'),
      key: 'state',
      sorter: (a, b) => STATE_ORDER[facilityState(a)] - STATE_ORDER[facilityState(b)],
      render: (_value, facility) => (
        <FacilityStateTag state={facilityState(facility)} count={facility.discrepancies} />
      ),
    },
    {
      title: t('registryTools.inventory.columns.openFindings'),
      dataIndex: 'openFindings',
      align: 'right',
      sorter: (a, b) => a.openFindings - b.openFindings,
      render: (count: number, facility) =>
        count > 0 ? (
          <Typography.Text strong style={{ color: '#d46b08' }} data-testid="inventory-open-findings">
            {format.number(count)}
          </Typography.Text>
        ) : (
          <span className="muted" data-testid="inventory-open-findings">
            {facility.confirmedAt ? format.number(0) : '—'}
          </span>
        ),
    },
    {
      title: t('registryTools.inventory.columns.confirmedAt'),
      dataIndex: 'confirmedAt',
      sorter: (a, b) => (a.confirmedAt ?? '').localeCompare(b.confirmedAt ?? ''),
      render: (at: string | null) =>
        at ? (
          <span style={{ whiteSpace: 'nowrap' }}>{format.dateTime(at)}</span>
        ) : (
          <span className="muted">—</span>
        ),
    },
  ];
  return (
    <Card title={t('registryTools.inventory.facilitiesTitle')} className="detail-card">
      <Flex className="filter-bar" gap={8} wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('registryTools.inventory.searchFacility')}
          onSearch={(value) => setQ(value)}
          onChange={(event) => {
            if (!event.target.value) setQ('');
          }}
          style={{ width: 260, maxWidth: '100%' }}
          data-testid="inventory-facility-search"
        />
        <Select<FacilityState>
          value={state}
          allowClear
          placeholder={t('registryTools.inventory.allStates')}
          onChange={(value) => setState(value)}
          options={STATES.map((value) => ({
            value,
            label: t(`registryTools.inventory.facilityStates.${value}`),
          }))}
          style={{ width: 220, maxWidth: '100%' }}
          data-testid="inventory-state-filter"
        />
      </Flex>
      <Table<CampaignFacility>
        rowKey="facilityId"
        size="middle"
        columns={columns}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true, responsive: true, showSizeChanger: false }}
        scroll={{ x: 'max-content' }}
        rowClassName={(facility) => (facilityState(facility) === 'discrepancies' ? 'row-warning' : '')}
        onRow={(facility) =>
          ({
            'data-testid': 'inventory-facility-row',
            'data-facility-id': facility.facilityId,
            'data-state': facilityState(facility),
          }) as HTMLAttributes<HTMLElement>
        }
        locale={{
          emptyText: (
            <TableEmpty
              text={q || state ? t('common.noMatches') : t('registryTools.inventory.facilitiesEmpty')}
            />
          ),
        }}
        data-testid="inventory-facilities"
      />
    </Card>
  );
}

const FINDING_FILTERS: readonly FindingFilter[] = ['open', 'resolved', 'all'];

/** The province's findings of the year, open ones first to hand: the Department resolves them one by one. */
function FindingsCard({ campaign }: { campaign: InventoryCampaign }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { can } = useAuth();
  const [filter, setFilter] = useState<FindingFilter>('open');
  const findings = useInventoryFindings(campaign.year, filter);
  const openFindings = campaign.facilities.reduce((sum, facility) => sum + facility.openFindings, 0);
  return (
    <Card
      title={
        <Flex gap={8} wrap align="center">
          <span>{t('registryTools.inventory.discrepanciesTitle')}</span>
          {openFindings > 0 ? (
            <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="inventory-open-findings-count">
              {t('registryTools.inventory.openFindingsCount', { count: format.number(openFindings) })}
            </Tag>
          ) : null}
        </Flex>
      }
      className="detail-card"
      data-testid="inventory-findings"
    >
      <Typography.Paragraph type="secondary">
        {t('registryTools.inventory.discrepanciesHint')}
      </Typography.Paragraph>
      <Flex className="filter-bar" style={{ marginBottom: 12 }}>
        <Segmented<FindingFilter>
          value={filter}
          onChange={(value) => setFilter(value)}
          options={FINDING_FILTERS.map((value) => ({
            value,
            label:
              value === 'all'
                ? t('registryTools.inventory.allFindings')
                : t(`registryTools.inventory.findingStatuses.${value}`),
          }))}
          aria-label={t('registryTools.inventory.columns.handling')}
          data-testid="inventory-finding-status-filter"
        />
      </Flex>
      {findings.isError ? (
        <LoadError error={findings.error} onRetry={() => void findings.refetch()} />
      ) : (
        <FindingTable
          rows={findings.data ?? []}
          loading={findings.isFetching}
          showFacility
          canResolve={can(Permission.SourceManage)}
          emptyText={t(`registryTools.inventory.findingsEmpty.${filter}`)}
        />
      )}
    </Card>
  );
}

/** Years the list offers: every campaign, this year and last (to open them), and the year in the address. */
function yearOptions(
  campaigns: readonly InventoryCampaignSummary[],
  thisYear: number,
  yearParam: number | null,
) {
  const years = new Set(campaigns.map((campaign) => campaign.year));
  years.add(thisYear);
  if (thisYear - 1 >= MIN_YEAR) years.add(thisYear - 1);
  if (yearParam !== null) years.add(yearParam);
  return [...years].sort((a, b) => b - a);
}

/** The Department's (and other officials') view: a year's campaign, facility by facility. */
function CampaignOverview({ yearParam }: { yearParam: number | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = useAuth();
  const canManage = can(Permission.SourceManage);
  const thisYear = currentYear();
  const campaigns = useInventoryCampaigns();
  const list = campaigns.data;
  const year = yearParam ?? (list ? (defaultYear(list) ?? thisYear) : null);
  const summary = list?.find((campaign) => campaign.year === year);
  // Only a year the list names is asked for: no request (and no 404) for a year without a campaign.
  const campaign = useInventoryCampaign(year, summary !== undefined);
  const current = campaign.data ?? null;
  const [opening, setOpening] = useState({ open: false, session: 0 });
  const [closing, setClosing] = useState(false);
  const years = useMemo(() => yearOptions(list ?? [], thisYear, yearParam), [list, thisYear, yearParam]);

  const yearLabel = (value: number) => {
    if (!list) return t('registryTools.inventory.yearOption', { year: value });
    const found = list.find((campaign) => campaign.year === value);
    return t('registryTools.inventory.yearOptionState', {
      year: value,
      state: found
        ? t(`registryTools.inventory.statuses.${found.status}`)
        : t('registryTools.inventory.yearNone'),
    });
  };
  const none =
    list !== undefined && year !== null && current === null && (!summary || campaign.data === null);
  const openButton =
    canManage && none && year !== null && year <= thisYear ? (
      <Button
        type="primary"
        icon={<PlusOutlined />}
        onClick={() => setOpening((state) => ({ open: true, session: state.session + 1 }))}
        data-testid="inventory-open"
      >
        {t('registryTools.inventory.open')}
      </Button>
    ) : null;
  const closeButton =
    canManage && current?.status === 'open' ? (
      <Button icon={<StopOutlined />} onClick={() => setClosing(true)} data-testid="inventory-close">
        {t('registryTools.inventory.close')}
      </Button>
    ) : null;

  let body: ReactNode;
  if (current) {
    body = (
      <Flex vertical gap={16}>
        <CampaignSummary campaign={current} />
        <FacilitiesCard campaign={current} />
        <FindingsCard campaign={current} />
      </Flex>
    );
  } else if (campaigns.isError) {
    body = (
      <Card>
        <LoadError error={campaigns.error} onRetry={() => void campaigns.refetch()} />
      </Card>
    );
  } else if (campaign.isError) {
    body = (
      <Card>
        <LoadError error={campaign.error} onRetry={() => void campaign.refetch()} />
      </Card>
    );
  } else if (none) {
    body = (
      <Card data-testid="inventory-no-campaign">
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <Flex vertical gap={4}>
              <Typography.Text strong>{t('registryTools.inventory.noCampaign', { year })}</Typography.Text>
              <Typography.Text type="secondary">
                {t('registryTools.inventory.noCampaignHint')}
              </Typography.Text>
            </Flex>
          }
        >
          {openButton}
        </Empty>
      </Card>
    );
  } else {
    body = (
      <Card>
        <Skeleton active />
      </Card>
    );
  }

  return (
    <RegistrySection
      section="inventory"
      extra={
        <>
          <Select<number>
            value={year ?? undefined}
            loading={campaigns.isPending}
            onChange={(value) => void navigate(`${registryPath('inventory')}/${value}`)}
            options={years.map((value) => ({ value, label: yearLabel(value) }))}
            style={{ width: 200 }}
            aria-label={t('registryTools.inventory.year')}
            popupMatchSelectWidth={false}
            data-testid="inventory-year"
          />
          {openButton}
          {closeButton}
        </>
      }
    >
      {body}
      {year !== null ? (
        <OpenCampaignModal
          key={opening.session}
          year={year}
          open={opening.open}
          onClose={() => setOpening((state) => ({ ...state, open: false }))}
        />
      ) : null}
      {closing && current ? (
        <CloseCampaignModal campaign={current} onClose={() => setClosing(false)} />
      ) : null}
    </RegistrySection>
  );
}

/**
 * A facility's staff have one list to confirm: straight to it, for the open campaign (or the year asked), else
 * for this year's or last year's closed one, to see what was confirmed and how it was followed up.
 */
function FacilityRedirect({ facilityId, yearParam }: { facilityId: number; yearParam: number | null }) {
  const { t } = useTranslation();
  const thisYear = currentYear();
  const campaigns = useInventoryCampaigns();
  if (yearParam !== null) return <Navigate to={inventoryFacilityPath(yearParam, facilityId)} replace />;
  const year = campaigns.data
    ? defaultYear(
        campaigns.data.filter((campaign) => campaign.status === 'open' || campaign.year >= thisYear - 1),
      )
    : null;
  if (year !== null) return <Navigate to={inventoryFacilityPath(year, facilityId)} replace />;
  return (
    <RegistrySection section="inventory">
      <Card>
        {campaigns.isPending ? (
          <Skeleton active />
        ) : campaigns.isError ? (
          <LoadError error={campaigns.error} onRetry={() => void campaigns.refetch()} />
        ) : (
          <Result
            status="info"
            title={t('registryTools.inventory.noOpenCampaign')}
            subTitle={t('registryTools.inventory.noOpenCampaignHint')}
            data-testid="inventory-no-campaign"
          />
        )}
      </Card>
    </RegistrySection>
  );
}

/**
 * /registry/inventory and /registry/inventory/:year — the yearly reconciliation of sealed sources: officials see
 * a year's campaign, facility by facility; a facility's staff go straight to their own list.
 */
export default function InventoryPage() {
  const { t } = useTranslation();
  const rights = useRegistryRights();
  const params = useParams();
  const yearParam = params.id === undefined ? null : Number(params.id);
  if (yearParam !== null && !isYear(yearParam))
    return (
      <RegistrySection section="inventory">
        <Card>
          <Result status="404" title={t('errors.notFoundTitle')} subTitle={t('errors.notFoundPage')} />
        </Card>
      </RegistrySection>
    );
  if (rights.myFacilityId !== null)
    return <FacilityRedirect facilityId={rights.myFacilityId} yearParam={yearParam} />;
  return <CampaignOverview yearParam={yearParam} />;
}
