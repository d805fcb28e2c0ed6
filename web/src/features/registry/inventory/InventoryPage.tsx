import { useMemo, useState, type HTMLAttributes } from 'react';
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
  Select,
  Skeleton,
  Statistic,
  Table,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { Permission, type InventoryCampaign } from '@sievert/core';
import { useAuth } from '../../../app/auth/AuthContext';
import { useFormat } from '../../../app/i18n/format';
import { registryPath } from '../../../app/layout/navigation';
import { ErrorAlert, LoadError } from '../../../ui/errors/ErrorAlert';
import { useFormError } from '../../../ui/forms/useFormError';
import { TableEmpty } from '../../../ui/table/TableEmpty';
import { RegistrySection } from '../RegistrySection';
import { useRegistryRights } from '../rights';
import {
  currentYear,
  facilityState,
  inventoryFacilityPath,
  isYear,
  useCampaignDiscrepancies,
  useInventoryCampaign,
  useOpenCampaign,
  useRecentCampaigns,
  type CampaignFacility,
  type FacilityState,
} from './api';
import { CampaignStatusTag, DiscrepancyTable, FacilityStateTag } from './parts';

/** How many past years the year list offers (the API cannot list campaigns, each year is asked). */
const PAST_YEARS = 4;

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

function CampaignSummary({ campaign }: { campaign: InventoryCampaign }) {
  const { t } = useTranslation();
  const format = useFormat();
  const counts = { not_started: 0, confirmed: 0, discrepancies: 0 } satisfies Record<FacilityState, number>;
  for (const facility of campaign.facilities) counts[facilityState(facility)] += 1;
  const total = campaign.facilities.length;
  const done = counts.confirmed + counts.discrepancies;
  const sources = campaign.facilities.reduce((sum, facility) => sum + facility.expectedSources, 0);
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
    >
      <Flex vertical gap={16}>
        <Typography.Text type="secondary">
          {t('registryTools.inventory.dueOnValue', { date: format.date(campaign.dueOn) })}
        </Typography.Text>
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
          <Col xs={12} sm={8} lg={5}>
            {stat(t('registryTools.inventory.stats.confirmed'), counts.confirmed, 'inventory-stat-confirmed')}
          </Col>
          <Col xs={12} sm={8} lg={5}>
            {stat(
              t('registryTools.inventory.stats.discrepancies'),
              counts.discrepancies,
              'inventory-stat-discrepancies',
              counts.discrepancies > 0 ? '#d46b08' : undefined,
            )}
          </Col>
          <Col xs={12} sm={8} lg={5}>
            {stat(
              t('registryTools.inventory.stats.notStarted'),
              counts.not_started,
              'inventory-stat-not-started',
            )}
          </Col>
          <Col xs={12} sm={8} lg={5}>
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

function DiscrepanciesCard({ campaign }: { campaign: InventoryCampaign }) {
  const { t } = useTranslation();
  const discrepancies = useCampaignDiscrepancies(campaign.year, campaign.facilities);
  return (
    <Card title={t('registryTools.inventory.discrepanciesTitle')} className="detail-card">
      <Typography.Paragraph type="secondary">
        {t('registryTools.inventory.discrepanciesHint')}
      </Typography.Paragraph>
      {discrepancies.failed.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('registryTools.inventory.discrepanciesFailed', {
            facilities: discrepancies.failed.map((facility) => facility.facilityName).join(', '),
          })}
          action={
            <Button size="small" onClick={() => void discrepancies.refetch()}>
              {t('common.retry')}
            </Button>
          }
        />
      ) : null}
      <DiscrepancyTable
        rows={discrepancies.rows}
        year={campaign.year}
        loading={discrepancies.pending}
        showFacility
      />
    </Card>
  );
}

/** The Department's (and other officials') view: a year's campaign, facility by facility. */
function CampaignOverview({ yearParam }: { yearParam: number | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = useAuth();
  const canOpen = can(Permission.SourceManage);
  const thisYear = currentYear();
  const years = useMemo(() => {
    const list = Array.from({ length: PAST_YEARS + 1 }, (_, index) => thisYear - index);
    if (yearParam !== null && !list.includes(yearParam)) list.push(yearParam);
    return list.sort((a, b) => b - a);
  }, [thisYear, yearParam]);
  const recent = useRecentCampaigns(years);
  const year = yearParam ?? (recent.pending ? null : (recent.latestOpen ?? recent.latest ?? thisYear));
  const campaign = useInventoryCampaign(year);
  const [opening, setOpening] = useState({ open: false, session: 0 });

  const yearLabel = (value: number) => {
    const found = recent.byYear.get(value);
    const state =
      found === undefined
        ? ''
        : found === null
          ? t('registryTools.inventory.yearNone')
          : t(`registryTools.inventory.statuses.${found.status}`);
    return state
      ? t('registryTools.inventory.yearOptionState', { year: value, state })
      : t('registryTools.inventory.yearOption', { year: value });
  };
  const openButton =
    canOpen && year !== null && campaign.data === null && year <= thisYear ? (
      <Button
        type="primary"
        icon={<PlusOutlined />}
        onClick={() => setOpening((current) => ({ open: true, session: current.session + 1 }))}
        data-testid="inventory-open"
      >
        {t('registryTools.inventory.open')}
      </Button>
    ) : null;

  return (
    <RegistrySection
      section="inventory"
      extra={
        <>
          <Select<number>
            value={year ?? undefined}
            loading={recent.pending}
            onChange={(value) => void navigate(`${registryPath('inventory')}/${value}`)}
            options={years.map((value) => ({ value, label: yearLabel(value) }))}
            style={{ width: 200 }}
            aria-label={t('registryTools.inventory.year')}
            popupMatchSelectWidth={false}
            data-testid="inventory-year"
          />
          {openButton}
        </>
      }
    >
      {year === null || campaign.isPending ? (
        recent.error && yearParam === null ? (
          <Card>
            <LoadError error={recent.error} onRetry={() => void recent.refetch()} />
          </Card>
        ) : (
          <Card>
            <Skeleton active />
          </Card>
        )
      ) : campaign.isError ? (
        <Card>
          <LoadError error={campaign.error} onRetry={() => void campaign.refetch()} />
        </Card>
      ) : campaign.data === null ? (
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
      ) : (
        <Flex vertical gap={16}>
          <CampaignSummary campaign={campaign.data} />
          <FacilitiesCard campaign={campaign.data} />
          <DiscrepanciesCard campaign={campaign.data} />
        </Flex>
      )}
      {year !== null ? (
        <OpenCampaignModal
          key={opening.session}
          year={year}
          open={opening.open}
          onClose={() => setOpening((current) => ({ ...current, open: false }))}
        />
      ) : null}
    </RegistrySection>
  );
}

/** A facility's staff have one list to confirm: straight to it, for the open campaign (or the year asked). */
function FacilityRedirect({ facilityId, yearParam }: { facilityId: number; yearParam: number | null }) {
  const { t } = useTranslation();
  const thisYear = currentYear();
  const years = useMemo(() => (yearParam === null ? [thisYear, thisYear - 1] : []), [thisYear, yearParam]);
  const recent = useRecentCampaigns(years);
  if (yearParam !== null) return <Navigate to={inventoryFacilityPath(yearParam, facilityId)} replace />;
  const year = recent.pending ? null : (recent.latestOpen ?? recent.latest);
  if (year !== null) return <Navigate to={inventoryFacilityPath(year, facilityId)} replace />;
  return (
    <RegistrySection section="inventory">
      <Card>
        {recent.pending ? (
          <Skeleton active />
        ) : recent.error ? (
          <LoadError error={recent.error} onRetry={() => void recent.refetch()} />
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
