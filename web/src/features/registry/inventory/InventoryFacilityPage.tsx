import { useMemo, useState, type HTMLAttributes } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  Result,
  Row,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  DeleteOutlined,
  EditOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { NUCLIDE_NAMES, Permission, type ConfirmInventoryBody, type FacilityInventory } from '@sievert/core';
import { useAuth } from '../../../app/auth/AuthContext';
import { useFormat } from '../../../app/i18n/format';
import { registryPath } from '../../../app/layout/navigation';
import { ErrorAlert, LoadError } from '../../../ui/errors/ErrorAlert';
import { useFormError } from '../../../ui/forms/useFormError';
import { TableEmpty } from '../../../ui/table/TableEmpty';
import { SourceStatusTag } from '../badges';
import { RegistrySection } from '../RegistrySection';
import { useRegistryRights } from '../rights';
import {
  isYear,
  useConfirmInventory,
  useFacilityInventory,
  useInventoryCampaign,
  type ExpectedSource,
} from './api';
import { CampaignStatusTag, DiscrepancyKindTag, FacilityStateTag, FindingTable, SourceCell } from './parts';

type SourceResult = { kind: 'present' | 'not_found_at_facility' | 'not_listed'; note: string | null };

/** What the facility answered for each listed source; a source it left out of its answer is "not listed". */
function resultsOf(inventory: FacilityInventory): Map<number, SourceResult> {
  const results = new Map<number, SourceResult>();
  if (!inventory.confirmedAt) return results;
  const answers = new Map(inventory.items.map((item) => [item.sourceId, item]));
  for (const source of inventory.expected) {
    const answer = answers.get(source.sourceId);
    results.set(source.sourceId, {
      kind: !answer ? 'not_listed' : answer.present ? 'present' : 'not_found_at_facility',
      note: answer?.note ?? null,
    });
  }
  return results;
}

function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

const rowProps = (source: ExpectedSource) =>
  ({ 'data-testid': 'inventory-row', 'data-source-id': source.sourceId }) as HTMLAttributes<HTMLElement>;

function useSourceColumns(): ColumnsType<ExpectedSource> {
  const { t } = useTranslation();
  return [
    {
      title: t('registryTools.inventory.columns.source'),
      key: 'source',
      render: (_value, source) => (
        <SourceCell sourceId={source.sourceId} nuclide={source.nuclide} serial={source.serial} />
      ),
    },
    {
      title: t('registryTools.inventory.columns.registerStatus'),
      dataIndex: 'status',
      render: (status: ExpectedSource['status']) => <SourceStatusTag status={status} />,
    },
    {
      title: t('registryTools.inventory.columns.location'),
      dataIndex: 'location',
      render: (location: string | null) =>
        location ? (
          <div style={{ minWidth: 120, maxWidth: 240 }}>{location}</div>
        ) : (
          <span className="muted">—</span>
        ),
    },
  ];
}

interface Values {
  items?: Array<{ present?: boolean; note?: string | null }>;
  extra?: Array<{ nuclide: string; serial: string; manufacturer?: string | null; note?: string | null }>;
}

/** The facility's answer, source by source, and the sources it holds that the register lacks. */
function ConfirmForm({
  inventory,
  onDone,
  onCancel,
}: {
  inventory: FacilityInventory;
  onDone: () => void;
  onCancel: (() => void) | null;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const confirm = useConfirmInventory(inventory.year, inventory.facilityId);
  const labels = {
    items: t('registryTools.inventory.expectedTitle'),
    extra: t('registryTools.inventory.extraTitle'),
  };
  const { error, handle, clear } = useFormError(form, [], labels);
  // Confirming again starts from the last answers: each source's tick and note, the sources added.
  const initial = useMemo<Values>(() => {
    const answers = new Map(inventory.items.map((item) => [item.sourceId, item]));
    return {
      items: inventory.expected.map((source) => ({
        present: answers.get(source.sourceId)?.present === true,
        note: answers.get(source.sourceId)?.note ?? '',
      })),
      extra: inventory.extra.map((x) => ({
        nuclide: x.nuclide,
        serial: x.serial,
        manufacturer: x.manufacturer ?? '',
        note: x.note ?? '',
      })),
    };
  }, [inventory]);
  const items = Form.useWatch('items', form) ?? initial.items ?? [];
  const extraCount = (Form.useWatch('extra', form) ?? initial.extra ?? []).length;
  const presentCount = items.filter((item) => item?.present).length;
  const all = items.length > 0 && presentCount === items.length;
  const nuclideOptions = useMemo(() => NUCLIDE_NAMES.map((value) => ({ value })), []);

  const submit = (values: Values) => {
    const body: ConfirmInventoryBody = {
      items: inventory.expected.map((source, index) => ({
        sourceId: source.sourceId,
        present: values.items?.[index]?.present === true,
        note: text(values.items?.[index]?.note),
      })),
      extra: (values.extra ?? []).map((x) => ({
        nuclide: x.nuclide.trim(),
        serial: x.serial.trim(),
        manufacturer: text(x.manufacturer),
        note: text(x.note),
      })),
    };
    const present = body.items.filter((item) => item.present).length;
    void modal.confirm({
      title: t('registryTools.inventory.confirmTitle', { year: inventory.year }),
      content: (
        <Flex vertical gap={8}>
          <span data-testid="inventory-confirm-summary">
            {t('registryTools.inventory.confirmSummary', {
              present: format.number(present),
              missing: format.number(body.items.length - present),
              extra: format.number(body.extra?.length ?? 0),
            })}
          </span>
          <span className="muted">{t('registryTools.inventory.confirmNote')}</span>
        </Flex>
      ),
      okText: t('registryTools.inventory.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'inventory-confirm-ok' },
      onOk: () => {
        clear();
        return confirm
          .mutateAsync(body)
          .then(() => {
            void message.success(t('registryTools.inventory.confirmed'));
            onDone();
          })
          .catch(handle);
      },
    });
  };

  const sourceColumns = useSourceColumns();
  const columns: ColumnsType<ExpectedSource> = [
    {
      title: <span style={{ whiteSpace: 'nowrap' }}>{t('registryTools.inventory.present')}</span>,
      key: 'present',
      render: (_value, source, index) => (
        <Form.Item name={['items', index, 'present']} valuePropName="checked" noStyle>
          <Checkbox
            aria-label={t('registryTools.inventory.presentOf', {
              nuclide: source.nuclide,
              serial: source.serial,
            })}
            data-testid={`inventory-present-${source.sourceId}`}
          />
        </Form.Item>
      ),
    },
    ...sourceColumns,
    {
      title: t('registryTools.inventory.columns.note'),
      key: 'note',
      render: (_value, source, index) => (
        <Form.Item name={['items', index, 'note']} noStyle>
          <Input
            maxLength={1000}
            placeholder={
              items[index]?.present
                ? t('registryTools.inventory.notePlaceholder')
                : t('registryTools.inventory.noteMissingPlaceholder')
            }
            style={{ minWidth: 200 }}
            data-testid={`inventory-note-${source.sourceId}`}
          />
        </Form.Item>
      ),
    },
  ];

  return (
    <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={submit} scrollToFirstError>
      <Flex vertical gap={16}>
        <Card title={t('registryTools.inventory.expectedTitle')} className="detail-card">
          <Typography.Paragraph type="secondary">
            {t('registryTools.inventory.expectedHint')}
          </Typography.Paragraph>
          {items.length > 0 ? (
            <Checkbox
              checked={all}
              indeterminate={presentCount > 0 && !all}
              onChange={(event) =>
                form.setFieldValue(
                  'items',
                  items.map((item) => ({ ...item, present: event.target.checked })),
                )
              }
              style={{ marginBottom: 12 }}
              data-testid="inventory-present-all"
            >
              {t('registryTools.inventory.presentAll')}
            </Checkbox>
          ) : null}
          <Table<ExpectedSource>
            rowKey="sourceId"
            size="middle"
            columns={columns}
            dataSource={inventory.expected}
            pagination={false}
            scroll={{ x: 'max-content' }}
            rowClassName={(_source, index) => (items[index]?.present ? '' : 'row-warning')}
            onRow={rowProps}
            locale={{ emptyText: <TableEmpty text={t('registryTools.inventory.expectedEmpty')} /> }}
            data-testid="inventory-items"
          />
        </Card>
        <Card title={t('registryTools.inventory.extraTitle')} className="detail-card">
          <Typography.Paragraph type="secondary">
            {t('registryTools.inventory.extraHint')}
          </Typography.Paragraph>
          <Form.List name="extra">
            {(fields, { add, remove }) => (
              <Flex vertical gap={12}>
                {fields.map((field, index) => (
                  <Card
                    key={field.key}
                    size="small"
                    data-testid="inventory-extra"
                    title={t('registryTools.inventory.extraNumber', { number: index + 1 })}
                    extra={
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        onClick={() => remove(field.name)}
                        aria-label={t('registryTools.inventory.extraRemove')}
                        data-testid={`inventory-extra-remove-${index}`}
                      />
                    }
                  >
                    <Row gutter={12}>
                      <Col xs={24} sm={8}>
                        <Form.Item
                          name={[field.name, 'nuclide']}
                          label={t('registry.source.nuclide')}
                          rules={[
                            { required: true, whitespace: true, message: t('form.required') },
                            { max: 20, message: t('form.maxLength', { max: 20 }) },
                          ]}
                        >
                          <AutoComplete
                            options={nuclideOptions}
                            showSearch={{
                              filterOption: (input, option) =>
                                String(option?.value ?? '')
                                  .toLowerCase()
                                  .includes(input.toLowerCase()),
                            }}
                            placeholder="Cs-137"
                            data-testid={`inventory-extra-nuclide-${index}`}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={24} sm={8}>
                        <Form.Item
                          name={[field.name, 'serial']}
                          label={t('registry.source.serial')}
                          rules={[
                            { required: true, whitespace: true, message: t('form.required') },
                            { max: 60, message: t('form.maxLength', { max: 60 }) },
                          ]}
                        >
                          <Input
                            className="mono"
                            autoComplete="off"
                            data-testid={`inventory-extra-serial-${index}`}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={24} sm={8}>
                        <Form.Item
                          name={[field.name, 'manufacturer']}
                          label={t('registry.source.manufacturer')}
                          rules={[{ max: 120, message: t('form.maxLength', { max: 120 }) }]}
                        >
                          <Input />
                        </Form.Item>
                      </Col>
                    </Row>
                    <Form.Item
                      name={[field.name, 'note']}
                      label={t('registryTools.inventory.columns.note')}
                      rules={[{ max: 1000, message: t('form.maxLength', { max: 1000 }) }]}
                      style={{ marginBottom: 0 }}
                    >
                      <Input.TextArea
                        autoSize={{ minRows: 1, maxRows: 4 }}
                        placeholder={t('registryTools.inventory.extraNotePlaceholder')}
                        data-testid={`inventory-extra-note-${index}`}
                      />
                    </Form.Item>
                  </Card>
                ))}
                {fields.length === 0 ? (
                  <Typography.Text type="secondary">
                    {t('registryTools.inventory.extraEmpty')}
                  </Typography.Text>
                ) : null}
                <div>
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => add({ nuclide: '', serial: '' })}
                    disabled={fields.length >= 500}
                    data-testid="inventory-extra-add"
                  >
                    {t('registryTools.inventory.extraAdd')}
                  </Button>
                </div>
              </Flex>
            )}
          </Form.List>
        </Card>
        <Card className="detail-card">
          <Flex vertical gap={12}>
            <ErrorAlert error={error} fieldLabels={labels} />
            <Flex justify="space-between" align="center" gap={12} wrap>
              <Typography.Text type="secondary" data-testid="inventory-tally">
                {t('registryTools.inventory.tally', {
                  present: format.number(presentCount),
                  total: format.number(items.length),
                  extra: format.number(extraCount),
                })}
              </Typography.Text>
              <Flex gap={8} wrap>
                {onCancel ? <Button onClick={onCancel}>{t('common.cancel')}</Button> : null}
                <Button
                  type="primary"
                  icon={<CheckCircleOutlined />}
                  loading={confirm.isPending}
                  onClick={() => form.submit()}
                  data-testid="inventory-confirm"
                >
                  {t('registryTools.inventory.confirm')}
                </Button>
              </Flex>
            </Flex>
          </Flex>
        </Card>
      </Flex>
    </Form>
  );
}

/** The list as the register had it when the facility confirmed, with what the facility said of each source. */
function ConfirmedList({ inventory }: { inventory: FacilityInventory }) {
  const { t } = useTranslation();
  const results = resultsOf(inventory);
  const sourceColumns = useSourceColumns();
  const columns: ColumnsType<ExpectedSource> = [
    ...sourceColumns,
    ...(inventory.confirmedAt
      ? [
          {
            title: t('registryTools.inventory.columns.result'),
            key: 'result',
            render: (_value: unknown, source: ExpectedSource) => {
              const result = results.get(source.sourceId);
              if (!result) return <span className="muted">—</span>;
              return result.kind === 'present' ? (
                <Tag
                  color="green"
                  icon={<CheckCircleOutlined />}
                  style={{ marginInlineEnd: 0 }}
                  data-kind="present"
                >
                  {t('registryTools.inventory.present')}
                </Tag>
              ) : (
                <DiscrepancyKindTag kind={result.kind} />
              );
            },
          },
          {
            title: t('registryTools.inventory.columns.note'),
            key: 'note',
            render: (_value: unknown, source: ExpectedSource) => {
              const note = results.get(source.sourceId)?.note;
              return note ? (
                <div style={{ minWidth: 140, maxWidth: 320 }}>{note}</div>
              ) : (
                <span className="muted">—</span>
              );
            },
          },
        ]
      : []),
  ];
  return (
    <Card title={t('registryTools.inventory.expectedTitle')} className="detail-card">
      <Table<ExpectedSource>
        rowKey="sourceId"
        size="middle"
        columns={columns}
        dataSource={inventory.expected}
        pagination={{ pageSize: 50, hideOnSinglePage: true, responsive: true }}
        scroll={{ x: 'max-content' }}
        rowClassName={(source) =>
          (results.get(source.sourceId)?.kind ?? 'present') !== 'present' ? 'row-alert' : ''
        }
        onRow={(source) =>
          ({
            ...rowProps(source),
            'data-result': results.get(source.sourceId)?.kind,
          }) as HTMLAttributes<HTMLElement>
        }
        locale={{ emptyText: <TableEmpty text={t('registryTools.inventory.expectedEmpty')} /> }}
        data-testid="inventory-items"
      />
    </Card>
  );
}

type ExtraSource = FacilityInventory['extra'][number] & { key: number };

/** The sources the facility declared at its last confirmation that the register lacks, as it wrote them. */
function ExtraList({ extra }: { extra: FacilityInventory['extra'] }) {
  const { t } = useTranslation();
  const columns: ColumnsType<ExtraSource> = [
    {
      title: t('registryTools.inventory.columns.source'),
      key: 'source',
      render: (_value, x) => <SourceCell sourceId={null} nuclide={x.nuclide} serial={x.serial} />,
    },
    {
      title: t('registry.source.manufacturer'),
      dataIndex: 'manufacturer',
      render: (manufacturer: string | null | undefined) =>
        manufacturer ? (
          <div style={{ minWidth: 100, maxWidth: 200 }}>{manufacturer}</div>
        ) : (
          <span className="muted">—</span>
        ),
    },
    {
      title: t('registryTools.inventory.columns.note'),
      dataIndex: 'note',
      render: (note: string | null | undefined) =>
        note ? <div style={{ minWidth: 140, maxWidth: 320 }}>{note}</div> : <span className="muted">—</span>,
    },
  ];
  if (extra.length === 0)
    return (
      <Card title={t('registryTools.inventory.extraTitle')} className="detail-card">
        <Typography.Text type="secondary" data-testid="inventory-extra-none">
          {t('registryTools.inventory.extraNone')}
        </Typography.Text>
      </Card>
    );
  return (
    <Card title={t('registryTools.inventory.extraTitle')} className="detail-card">
      <Table<ExtraSource>
        rowKey="key"
        size="middle"
        columns={columns}
        dataSource={extra.map((x, key) => ({ ...x, key }))}
        pagination={{ pageSize: 50, hideOnSinglePage: true, responsive: true }}
        scroll={{ x: 'max-content' }}
        onRow={() => ({ 'data-testid': 'inventory-extra-row' }) as HTMLAttributes<HTMLElement>}
        data-testid="inventory-extra-list"
      />
    </Card>
  );
}

/**
 * /registry/inventory/:year/:facilityId — one facility's list for a year: its staff (or the Department) confirm
 * it source by source; afterwards everyone allowed sees what was confirmed, when, by whom, and the differences.
 */
export default function InventoryFacilityPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const rights = useRegistryRights();
  const { can } = useAuth();
  const params = useParams();
  const year = Number(params.year);
  const facilityId = Number(params.facilityId);
  const valid = isYear(year) && Number.isInteger(facilityId) && facilityId > 0;
  const inventory = useFacilityInventory(valid ? year : null, valid ? facilityId : null);
  const campaign = useInventoryCampaign(valid ? year : null);
  const [editing, setEditing] = useState(false);
  const official = rights.myFacilityId === null;
  const canResolve = can(Permission.SourceManage);

  const back = official ? (
    <Button
      icon={<ArrowLeftOutlined />}
      href={`${registryPath('inventory')}/${year}`}
      onClick={(event) => {
        event.preventDefault();
        void navigate(`${registryPath('inventory')}/${year}`);
      }}
      data-testid="inventory-back"
    >
      {t('registryTools.inventory.backToCampaign', { year })}
    </Button>
  ) : null;

  if (!valid)
    return (
      <RegistrySection section="inventory">
        <Card>
          <Result status="404" title={t('errors.notFoundTitle')} subTitle={t('errors.notFoundPage')} />
        </Card>
      </RegistrySection>
    );
  if (inventory.isError)
    return (
      <RegistrySection section="inventory" extra={back}>
        <Card>
          <LoadError error={inventory.error} onRetry={() => void inventory.refetch()} />
        </Card>
      </RegistrySection>
    );
  const data = inventory.data;
  if (!data)
    return (
      <RegistrySection section="inventory" extra={back}>
        <Card>
          <Skeleton active />
        </Card>
      </RegistrySection>
    );

  const open = campaign.data?.status === 'open';
  const canConfirm = open && rights.canManageSource(data.facilityId);
  const confirmed = data.confirmedAt !== null;
  const showForm = canConfirm && (!confirmed || editing);
  const state = !confirmed ? 'not_started' : data.discrepancies.length > 0 ? 'discrepancies' : 'confirmed';
  // Open ones first, each group in the order they were found.
  const findings = [...data.findings].sort((a, b) =>
    a.status === b.status ? a.id - b.id : a.status === 'open' ? -1 : 1,
  );
  const openFindings = findings.filter((finding) => finding.status === 'open').length;

  return (
    <RegistrySection section="inventory" extra={back}>
      <Flex vertical gap={16}>
        <Card
          className="detail-card"
          title={
            <Flex vertical gap={2} style={{ padding: '8px 0' }}>
              <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                {t('registryTools.inventory.title', { year })}
              </Typography.Text>
              <Link to={registryPath('facilities', data.facilityId)} data-testid="inventory-facility-name">
                {data.facilityName}
              </Link>
            </Flex>
          }
          data-testid="inventory-facility"
          data-state={state}
        >
          <Flex vertical gap={12}>
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2, lg: 3 }}
              items={[
                {
                  key: 'campaign',
                  label: t('registryTools.inventory.campaignStatus'),
                  children: campaign.data ? (
                    <Flex gap={4} wrap>
                      <CampaignStatusTag campaign={campaign.data} />
                    </Flex>
                  ) : (
                    <span className="muted">—</span>
                  ),
                },
                {
                  key: 'due',
                  label: t('registryTools.inventory.dueOn'),
                  children: campaign.data ? format.date(campaign.data.dueOn) : '—',
                },
                {
                  key: 'state',
                  label: t('registryTools.inventory.columns.state'),
                  children: <FacilityStateTag state={state} count={data.discrepancies.length} />,
                },
                ...(findings.length > 0
                  ? [
                      {
                        key: 'open',
                        label: t('registryTools.inventory.stats.openFindings'),
                        children: (
                          <span data-testid="inventory-facility-open-findings">
                            {format.number(openFindings)}
                          </span>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
            {campaign.isError ? (
              <ErrorAlert error={campaign.error} />
            ) : campaign.data?.status === 'closed' ? (
              <Alert type="info" showIcon title={t('registryTools.inventory.closed')} />
            ) : null}
            {confirmed ? (
              <Alert
                type={data.discrepancies.length > 0 ? 'warning' : 'success'}
                showIcon
                data-testid="inventory-confirmed"
                title={t('registryTools.inventory.confirmedAt', {
                  time: format.dateTime(data.confirmedAt),
                  name: data.confirmedBy ?? '—',
                })}
                description={
                  <Flex vertical gap={8} align="flex-start">
                    <span>
                      {data.discrepancies.length > 0
                        ? t('registryTools.inventory.confirmedWithDiscrepancies', {
                            count: format.number(data.discrepancies.length),
                          })
                        : t('registryTools.inventory.confirmedMatch')}
                    </span>
                    {canConfirm && !editing ? (
                      <Button
                        size="small"
                        icon={<EditOutlined />}
                        onClick={() => setEditing(true)}
                        data-testid="inventory-reconfirm"
                      >
                        {t('registryTools.inventory.reconfirm')}
                      </Button>
                    ) : null}
                  </Flex>
                }
              />
            ) : !canConfirm ? (
              <Alert type="info" showIcon title={t('registryTools.inventory.notConfirmed')} />
            ) : null}
          </Flex>
        </Card>
        {showForm ? (
          <ConfirmForm
            key={data.confirmedAt ?? 'first'}
            inventory={data}
            onDone={() => setEditing(false)}
            onCancel={confirmed ? () => setEditing(false) : null}
          />
        ) : (
          <>
            <ConfirmedList inventory={data} />
            {confirmed ? <ExtraList extra={data.extra} /> : null}
            {confirmed || findings.length > 0 ? (
              <Card title={t('registryTools.inventory.facilityFindingsTitle')} className="detail-card">
                <Typography.Paragraph type="secondary">
                  {t('registryTools.inventory.facilityFindingsHint')}
                </Typography.Paragraph>
                <FindingTable
                  rows={findings}
                  loading={false}
                  showFacility={false}
                  canResolve={canResolve}
                  emptyText={t('registryTools.inventory.findingsEmpty.all')}
                  currentSince={data.confirmedAt}
                />
              </Card>
            ) : null}
          </>
        )}
      </Flex>
    </RegistrySection>
  );
}
