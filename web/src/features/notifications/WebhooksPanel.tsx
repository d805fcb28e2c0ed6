import { useState } from 'react';
import {
  Alert,
  App,
  Badge,
  Button,
  Drawer,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  DeleteOutlined,
  EditOutlined,
  HistoryOutlined,
  KeyOutlined,
  PlusOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type {
  CreateWebhookBody,
  NotificationSeverity,
  Webhook,
  WebhookDelivery,
  WebhookWithSecret,
} from '@sievert/core';
import { useFormat } from '../../app/i18n/format';
import { ErrorAlert, LoadError, useDescribeError } from '../../ui/errors/ErrorAlert';
import { FormDrawer } from '../../ui/forms/FormDrawer';
import { useFormError } from '../../ui/forms/useFormError';
import { TableEmpty } from '../../ui/table/TableEmpty';
import { useIsMobile } from '../../ui/useMediaQuery';
import {
  createWebhook,
  deleteWebhook,
  testWebhook,
  updateWebhook,
  useWebhookDeliveries,
  useWebhooks,
  WEBHOOKS_KEY,
} from './api';
import { SeverityTag, useKindLabel, useSeverityOptions } from './badges';
import { CommuneMultiSelect, KindSelect } from './SubscriptionForm';

interface WebhookForm {
  name: string;
  url: string;
  minSeverity: NotificationSeverity;
  kinds: string[];
  communeCodes: string[];
  active: boolean;
}

/** The secret of a new webhook (or a new secret), shown this one time only. */
function SecretModal({ created, onClose }: { created: WebhookWithSecret; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={t('notifications.webhooks.secretTitle', { name: created.webhook.name })}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose} data-testid="webhook-secret-done">
          {t('notifications.webhooks.secretDone')}
        </Button>
      }
    >
      <Alert
        type="warning"
        showIcon
        title={t('notifications.webhooks.secretWarning')}
        style={{ marginBottom: 16 }}
      />
      <Typography.Paragraph
        copyable={{ text: created.secret ?? '', tooltips: [t('common.copy'), t('common.copied')] }}
        className="mono"
        style={{
          background: '#f5f7fa',
          border: '1px solid #e1e6ee',
          borderRadius: 6,
          padding: '10px 12px',
          wordBreak: 'break-all',
        }}
        data-testid="webhook-secret-value"
      >
        {created.secret}
      </Typography.Paragraph>
    </Modal>
  );
}

function WebhookDrawer({
  webhook,
  onClose,
  onSaved,
}: {
  webhook: Webhook | null;
  onClose: () => void;
  onSaved: (result: WebhookWithSecret, created: boolean) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<WebhookForm>();
  const severityOptions = useSeverityOptions();
  const labels = {
    name: t('notifications.webhooks.name'),
    url: t('notifications.webhooks.url'),
    minSeverity: t('notifications.webhooks.minSeverity'),
    kinds: t('notifications.webhooks.kinds'),
    communeCodes: t('notifications.webhooks.communes'),
    active: t('notifications.webhooks.active'),
  };
  const { error, handle, clear } = useFormError(form, Object.keys(labels), labels);
  const save = useMutation({
    mutationFn: (values: WebhookForm) => {
      const body: CreateWebhookBody = {
        name: values.name.trim(),
        url: values.url.trim(),
        minSeverity: values.minSeverity,
        kinds: values.kinds ?? [],
        communeCodes: values.communeCodes ?? [],
        active: values.active,
      };
      return webhook ? updateWebhook(webhook.id, { ...body, version: webhook.version }) : createWebhook(body);
    },
    onMutate: clear,
    onSuccess: (result) => onSaved(result, webhook === null),
    onError: handle,
  });
  const initial: WebhookForm = webhook
    ? {
        name: webhook.name,
        url: webhook.url,
        minSeverity: webhook.minSeverity,
        kinds: webhook.kinds,
        communeCodes: webhook.communeCodes,
        active: webhook.active,
      }
    : { name: '', url: '', minSeverity: 'warning', kinds: [], communeCodes: [], active: true };
  return (
    <FormDrawer
      open
      onClose={onClose}
      title={webhook ? t('notifications.webhooks.editTitle') : t('notifications.webhooks.createTitle')}
      editing={webhook !== null}
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="webhook-save"
      loading={false}
      loadError={null}
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(values) => save.mutate(values)}>
        <ErrorAlert error={error} fieldLabels={labels} style={{ marginBottom: 12 }} />
        <Form.Item
          name="name"
          label={labels.name}
          rules={[
            { required: true, whitespace: true, message: t('form.required') },
            { max: 120, message: t('form.maxLength', { max: 120 }) },
          ]}
        >
          <Input autoComplete="off" data-testid="webhook-name" />
        </Form.Item>
        <Form.Item
          name="url"
          label={labels.url}
          extra={t('notifications.webhooks.urlHint')}
          rules={[
            { required: true, message: t('form.required') },
            { pattern: /^https?:\/\//i, message: t('notifications.webhooks.urlFormat') },
            { max: 2000, message: t('form.maxLength', { max: 2000 }) },
          ]}
        >
          <Input autoComplete="off" inputMode="url" placeholder="https://" data-testid="webhook-url" />
        </Form.Item>
        <Form.Item name="minSeverity" label={labels.minSeverity}>
          <Select options={severityOptions} data-testid="webhook-severity" />
        </Form.Item>
        <Form.Item name="kinds" label={labels.kinds} extra={t('notifications.subscription.kindsHint')}>
          <KindSelect
            placeholder={t('notifications.subscription.kindsPlaceholder')}
            data-testid="webhook-kinds"
          />
        </Form.Item>
        <Form.Item
          name="communeCodes"
          label={labels.communeCodes}
          extra={t('notifications.subscription.communesHint')}
        >
          <CommuneMultiSelect
            placeholder={t('notifications.subscription.communesPlaceholder')}
            data-testid="webhook-communes"
          />
        </Form.Item>
        <Form.Item name="active" label={labels.active} valuePropName="checked">
          <Switch data-testid="webhook-active" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

function DeliveriesDrawer({ webhook, onClose }: { webhook: Webhook; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const isMobile = useIsMobile();
  const [page, setPage] = useState({ limit: 20, offset: 0 });
  const deliveries = useWebhookDeliveries(webhook.id, page);
  const colours = { pending: 'processing', delivered: 'success', failed: 'error' } as const;
  const columns: ColumnsType<WebhookDelivery> = [
    {
      title: t('notifications.webhooks.createdAt'),
      key: 'createdAt',
      render: (_v, d) => <span style={{ whiteSpace: 'nowrap' }}>{format.dateTime(d.createdAt)}</span>,
    },
    { title: t('notifications.webhooks.event'), dataIndex: 'event', render: (e: string) => <code>{e}</code> },
    {
      title: t('notifications.webhooks.status'),
      key: 'status',
      render: (_v, d) => (
        <Badge status={colours[d.status]} text={t(`notifications.webhooks.statuses.${d.status}`)} />
      ),
    },
    { title: t('notifications.webhooks.attempts'), dataIndex: 'attempts' },
    {
      title: t('notifications.webhooks.httpStatus'),
      key: 'http',
      render: (_v, d) => d.lastHttpStatus ?? '—',
    },
    {
      title: t('notifications.webhooks.nextAttempt'),
      key: 'next',
      render: (_v, d) => (d.nextAttemptAt ? format.dateTime(d.nextAttemptAt) : '—'),
    },
    {
      title: t('notifications.webhooks.error'),
      key: 'error',
      render: (_v, d) =>
        d.lastError ? (
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            {d.lastError}
          </Typography.Text>
        ) : null,
    },
  ];
  return (
    <Drawer
      open
      onClose={onClose}
      size={isMobile ? '100%' : 900}
      title={t('notifications.webhooks.deliveriesTitle', { name: webhook.name })}
    >
      {deliveries.isError ? (
        <LoadError error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      ) : (
        <Table<WebhookDelivery>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={deliveries.data?.items}
          loading={deliveries.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page.offset / page.limit + 1,
            pageSize: page.limit,
            total: deliveries.data?.total ?? 0,
            hideOnSinglePage: true,
            onChange: (current, size) => setPage({ limit: size, offset: (current - 1) * size }),
          }}
          locale={{ emptyText: <TableEmpty text={t('notifications.webhooks.deliveriesEmpty')} /> }}
          data-testid="webhook-deliveries"
        />
      )}
    </Drawer>
  );
}

/** Webhooks (for holders of notification.manage): list, add, edit, test, deliveries, new secret, delete. */
export function WebhooksPanel() {
  const { t } = useTranslation();
  const format = useFormat();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const queryClient = useQueryClient();
  const kindLabel = useKindLabel();
  const webhooks = useWebhooks(true);
  const [editing, setEditing] = useState<Webhook | null | 'new'>(null);
  const [session, setSession] = useState(0);
  const [secret, setSecret] = useState<WebhookWithSecret | null>(null);
  const [history, setHistory] = useState<Webhook | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: WEBHOOKS_KEY });

  const remove = useMutation({
    mutationFn: (webhook: Webhook) => deleteWebhook(webhook.id),
    onSuccess: async (_r, webhook) => {
      void message.success(t('notifications.webhooks.deleted', { name: webhook.name }));
      await refresh();
    },
    onError: (error) => void message.error(describe(error).message),
  });
  const test = useMutation({
    mutationFn: (webhook: Webhook) => testWebhook(webhook.id),
    onSuccess: async (result) => {
      if (result.ok)
        void message.success(
          t('notifications.webhooks.testOk', { status: result.delivery.lastHttpStatus ?? '' }),
        );
      else
        void message.error(
          t('notifications.webhooks.testFailed', { error: result.delivery.lastError ?? '' }),
        );
      await refresh();
    },
    onError: (error) => void message.error(describe(error).message),
  });
  const rotate = useMutation({
    mutationFn: (webhook: Webhook) =>
      updateWebhook(webhook.id, { rotateSecret: true, version: webhook.version }),
    onSuccess: async (result) => {
      setSecret(result);
      await refresh();
    },
    onError: (error) => void message.error(describe(error).message),
  });

  const columns: ColumnsType<Webhook> = [
    {
      title: t('notifications.webhooks.name'),
      key: 'name',
      render: (_v, w) => (
        <div style={{ minWidth: 180, maxWidth: 360 }}>
          <div>{w.name}</div>
          <Typography.Text type="secondary" className="mono" style={{ fontSize: 12, wordBreak: 'break-all' }}>
            {w.url}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('notifications.webhooks.minSeverity'),
      key: 'filters',
      render: (_v, w) => (
        <Flex vertical gap={4} align="flex-start">
          <SeverityTag severity={w.minSeverity} />
          {w.kinds.length > 0 ? (
            <span style={{ fontSize: 12 }}>{w.kinds.map(kindLabel).join(', ')}</span>
          ) : null}
          {w.communeCodes.length > 0 ? (
            <span style={{ fontSize: 12 }}>
              {t('notifications.roles.communeCount', { count: w.communeCodes.length })}
            </span>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('notifications.webhooks.state'),
      key: 'state',
      render: (_v, w) =>
        w.active ? (
          <Badge status="success" text={t('notifications.webhooks.active')} />
        ) : (
          <Badge status="default" text={t('notifications.webhooks.inactive')} />
        ),
    },
    {
      title: t('notifications.webhooks.lastDelivery'),
      key: 'last',
      render: (_v, w) =>
        w.lastDelivery ? (
          <Space size={4} wrap>
            <Tag
              color={
                w.lastDelivery.status === 'delivered'
                  ? 'green'
                  : w.lastDelivery.status === 'failed'
                    ? 'red'
                    : 'blue'
              }
            >
              {t(`notifications.webhooks.statuses.${w.lastDelivery.status as 'pending'}`)}
            </Tag>
            <span style={{ whiteSpace: 'nowrap', fontSize: 12 }}>{format.dateTime(w.lastDelivery.at)}</span>
          </Space>
        ) : (
          <span className="muted">{t('notifications.webhooks.never')}</span>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_v, w) => (
        <Space size={0} wrap>
          <Button
            type="text"
            icon={<EditOutlined />}
            aria-label={t('common.edit')}
            onClick={() => {
              setSession((s) => s + 1);
              setEditing(w);
            }}
            data-testid={`webhook-edit-${w.id}`}
          />
          <Button
            type="text"
            icon={<SendOutlined />}
            loading={test.isPending && test.variables?.id === w.id}
            onClick={() => test.mutate(w)}
            data-testid={`webhook-test-${w.id}`}
          >
            {t('notifications.webhooks.test')}
          </Button>
          <Button
            type="text"
            icon={<HistoryOutlined />}
            onClick={() => setHistory(w)}
            data-testid={`webhook-history-${w.id}`}
          >
            {t('notifications.webhooks.deliveries')}
          </Button>
          <Popconfirm
            title={t('notifications.webhooks.rotateTitle')}
            description={t('notifications.webhooks.rotateText')}
            okText={t('notifications.webhooks.rotate')}
            cancelText={t('common.cancel')}
            onConfirm={() => rotate.mutate(w)}
          >
            <Button type="text" icon={<KeyOutlined />} data-testid={`webhook-rotate-${w.id}`}>
              {t('notifications.webhooks.rotate')}
            </Button>
          </Popconfirm>
          <Popconfirm
            title={t('notifications.webhooks.deleteTitle')}
            description={t('notifications.webhooks.deleteText', { name: w.name })}
            okText={t('common.delete')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => remove.mutate(w)}
          >
            <Button
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('common.delete')}
              data-testid={`webhook-delete-${w.id}`}
            />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <Typography.Paragraph type="secondary" style={{ margin: 0, maxWidth: 760 }}>
          {t('notifications.webhooks.intro')}
        </Typography.Paragraph>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => {
            setSession((s) => s + 1);
            setEditing('new');
          }}
          data-testid="webhook-create"
        >
          {t('notifications.webhooks.create')}
        </Button>
      </Flex>
      {webhooks.isError ? (
        <LoadError error={webhooks.error} onRetry={() => void webhooks.refetch()} />
      ) : (
        <Table<Webhook>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={webhooks.data}
          loading={webhooks.isPending}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <TableEmpty text={t('notifications.webhooks.empty')} /> }}
          data-testid="webhooks-table"
        />
      )}
      {editing !== null ? (
        <WebhookDrawer
          key={session}
          webhook={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(result, created) => {
            setEditing(null);
            void refresh();
            if (created) setSecret(result);
            else void message.success(t('notifications.webhooks.saved', { name: result.webhook.name }));
          }}
        />
      ) : null}
      {secret?.secret ? <SecretModal created={secret} onClose={() => setSecret(null)} /> : null}
      {history ? <DeliveriesDrawer webhook={history} onClose={() => setHistory(null)} /> : null}
    </Flex>
  );
}
