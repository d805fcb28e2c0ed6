import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Modal, Popconfirm, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Permission, type RoleSubscription, type SubscriptionBody } from '@sievert/core';
import { useAuth } from '../../app/auth/AuthContext';
import { useFormat } from '../../app/i18n/format';
import { LoadError, useDescribeError } from '../../ui/errors/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import {
  NOTIFICATIONS_KEY,
  resetRoleSubscription,
  resetSubscription,
  saveRoleSubscription,
  saveSubscription,
  useRoleSubscriptions,
  useSubscription,
} from './api';
import { useKindLabel } from './badges';
import { SubscriptionForm } from './SubscriptionForm';
import { WebhooksPanel } from './WebhooksPanel';

const bodyOf = (s: SubscriptionBody): SubscriptionBody => ({
  inApp: s.inApp,
  email: s.email,
  kinds: s.kinds,
  communeCodes: s.communeCodes,
});

function SourceTag({ source }: { source: 'own' | 'role' | 'default' }) {
  const { t } = useTranslation();
  const colour = source === 'own' ? 'blue' : source === 'role' ? 'purple' : 'default';
  return (
    <Tag color={colour} data-testid="subscription-source" data-source={source}>
      {t(`notifications.subscription.sources.${source}`)}
    </Tag>
  );
}

/** What I receive: my own settings, or my role's / the default until I choose. */
function MySubscription() {
  const { t } = useTranslation();
  const format = useFormat();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const queryClient = useQueryClient();
  const subscription = useSubscription();
  const key = [...NOTIFICATIONS_KEY, 'subscription'];
  const save = useMutation({
    mutationFn: saveSubscription,
    onSuccess: (result) => {
      queryClient.setQueryData(key, result);
      void message.success(t('notifications.subscription.saved'));
    },
  });
  const reset = useMutation({
    mutationFn: resetSubscription,
    onSuccess: (result) => {
      queryClient.setQueryData(key, result);
      void message.success(t('notifications.subscription.resetDone'));
    },
    onError: (error) => void message.error(describe(error).message),
  });
  if (subscription.isError)
    return <LoadError error={subscription.error} onRetry={() => void subscription.refetch()} />;
  if (subscription.isPending) return <Card loading />;
  const data = subscription.data;
  const emailExtra = !data.emailAvailable ? (
    <Alert type="info" showIcon title={t('notifications.subscription.emailOff')} data-testid="email-off" />
  ) : data.emailAddress ? (
    <Typography.Text type="secondary">
      {t('notifications.subscription.emailTo', { address: data.emailAddress })}
    </Typography.Text>
  ) : (
    <Alert type="warning" showIcon title={t('notifications.subscription.noEmailAddress')} />
  );
  return (
    <Card className="detail-card">
      <Typography.Paragraph type="secondary">{t('notifications.subscription.intro')}</Typography.Paragraph>
      <Flex gap={8} align="center" wrap style={{ marginBottom: 16 }}>
        <span>{t('notifications.subscription.source')}:</span>
        <SourceTag source={data.source} />
        {data.updatedAt ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('notifications.subscription.updatedAt', { date: format.dateTime(data.updatedAt) })}
          </Typography.Text>
        ) : null}
      </Flex>
      {data.source === 'default' ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('notifications.subscription.defaultHint')}
        </Typography.Paragraph>
      ) : null}
      <SubscriptionForm
        initial={bodyOf(data)}
        onSave={(body) => save.mutateAsync(body)}
        saving={save.isPending}
        emailExtra={emailExtra}
        testIdPrefix="subscription"
        footer={
          data.source === 'own' ? (
            <Button
              icon={<UndoOutlined />}
              loading={reset.isPending}
              onClick={() => reset.mutate()}
              data-testid="subscription-reset"
            >
              {t('notifications.subscription.reset')}
            </Button>
          ) : null
        }
      />
    </Card>
  );
}

/** The settings of each role (for holders of notification.manage). */
function RoleSubscriptions() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const queryClient = useQueryClient();
  const kindLabel = useKindLabel();
  const roles = useRoleSubscriptions(true);
  const [editing, setEditing] = useState<RoleSubscription | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: [...NOTIFICATIONS_KEY, 'roles'] });
  const save = useMutation({
    mutationFn: ({ role, body }: { role: RoleSubscription['role']; body: SubscriptionBody }) =>
      saveRoleSubscription(role, body),
    onSuccess: async (result) => {
      setEditing(null);
      void message.success(t('notifications.roles.saved', { role: t(`roles.${result.role}`) }));
      await refresh();
    },
  });
  const reset = useMutation({
    mutationFn: (role: RoleSubscription['role']) => resetRoleSubscription(role),
    onSuccess: async (result) => {
      void message.success(t('notifications.roles.resetDone', { role: t(`roles.${result.role}`) }));
      await refresh();
    },
    onError: (error) => void message.error(describe(error).message),
  });
  const channel = (name: 'inApp' | 'email', r: RoleSubscription) =>
    r[name].enabled
      ? t('notifications.roles.fromSeverity', {
          channel: t(`notifications.subscription.${name}`),
          severity: t(`notifications.severities.${r[name].minSeverity}`),
        })
      : `${t(`notifications.subscription.${name}`)}: ${t('notifications.roles.off')}`;
  const columns: ColumnsType<RoleSubscription> = [
    { title: t('notifications.roles.role'), key: 'role', render: (_v, r) => t(`roles.${r.role}`) },
    {
      title: t('notifications.roles.channels'),
      key: 'channels',
      render: (_v, r) => (
        <Flex vertical>
          <span>{channel('inApp', r)}</span>
          <span>{channel('email', r)}</span>
        </Flex>
      ),
    },
    {
      title: t('notifications.roles.filters'),
      key: 'filters',
      render: (_v, r) =>
        r.kinds.length === 0 && r.communeCodes.length === 0 ? (
          <span className="muted">{t('notifications.roles.everything')}</span>
        ) : (
          <Flex vertical>
            {r.kinds.length > 0 ? <span>{r.kinds.map(kindLabel).join(', ')}</span> : null}
            {r.communeCodes.length > 0 ? (
              <span>{t('notifications.roles.communeCount', { count: r.communeCodes.length })}</span>
            ) : null}
          </Flex>
        ),
    },
    {
      title: t('notifications.subscription.source'),
      key: 'source',
      render: (_v, r) => <SourceTag source={r.source} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_v, r) => (
        <Flex gap={4} wrap>
          <Button
            type="text"
            icon={<EditOutlined />}
            onClick={() => {
              save.reset();
              setEditing(r);
            }}
            data-testid={`role-subscription-edit-${r.role}`}
          >
            {t('common.edit')}
          </Button>
          {r.source === 'role' ? (
            <Popconfirm
              title={t('notifications.roles.reset')}
              okText={t('notifications.roles.reset')}
              cancelText={t('common.cancel')}
              onConfirm={() => reset.mutate(r.role)}
            >
              <Button type="text" icon={<UndoOutlined />} data-testid={`role-subscription-reset-${r.role}`}>
                {t('notifications.roles.reset')}
              </Button>
            </Popconfirm>
          ) : null}
        </Flex>
      ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('notifications.roles.intro')}
      </Typography.Paragraph>
      {roles.isError ? (
        <LoadError error={roles.error} onRetry={() => void roles.refetch()} />
      ) : (
        <Table<RoleSubscription>
          rowKey="role"
          size="middle"
          columns={columns}
          dataSource={roles.data}
          loading={roles.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="role-subscriptions"
        />
      )}
      {editing ? (
        <Modal
          open
          width={760}
          title={t('notifications.roles.editTitle', { role: t(`roles.${editing.role}`) })}
          onCancel={() => setEditing(null)}
          footer={null}
          destroyOnHidden
        >
          <SubscriptionForm
            initial={bodyOf(editing)}
            onSave={(body) => save.mutateAsync({ role: editing.role, body })}
            saving={save.isPending}
            testIdPrefix="role-subscription"
          />
        </Modal>
      ) : null}
    </Flex>
  );
}

/** "Thông báo": what I receive, and for managers the roles' settings and the webhooks. */
export default function NotificationSettingsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const manage = can(Permission.NotificationManage);
  const items = [
    { key: 'mine', label: t('notifications.tabs.mine'), children: <MySubscription /> },
    ...(manage
      ? [
          { key: 'roles', label: t('notifications.tabs.roles'), children: <RoleSubscriptions /> },
          { key: 'webhooks', label: t('notifications.tabs.webhooks'), children: <WebhooksPanel /> },
        ]
      : []),
  ];
  return (
    <>
      <PageHeader title={t('notifications.title')} subtitle={t('notifications.subtitle')} />
      <Tabs items={items} destroyOnHidden data-testid="notification-tabs" />
    </>
  );
}
