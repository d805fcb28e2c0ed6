import { useState } from 'react';
import {
  App,
  Badge,
  Button,
  Card,
  Dropdown,
  Flex,
  Input,
  Select,
  Table,
  Tag,
  Tooltip,
  type MenuProps,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  EditOutlined,
  KeyOutlined,
  LockOutlined,
  MoreOutlined,
  PlusOutlined,
  SafetyCertificateOutlined,
  StopOutlined,
  UnlockOutlined,
  CheckCircleOutlined,
} from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Permission, ROLES, type Role, type UpdateUserBody, type User } from '@sievert/core';
import { api } from '../../../app/api/client';
import { useAuth } from '../../../app/auth/AuthContext';
import { useFormat } from '../../../app/i18n/format';
import { PageHeader } from '../../../ui/PageHeader';
import { LoadError, useDescribeError } from '../../../ui/errors/ErrorAlert';
import { TableEmpty } from '../../../ui/table/TableEmpty';
import { tablePagination, useListParams } from '../../../ui/table/useListParams';
import { useNow } from '../../../ui/useNow';
import { useIsMobile } from '../../../ui/useMediaQuery';
import { OrganisationSelect } from '../organisations/OrganisationSelect';
import { useInvalidateUsers, useUsers } from './api';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserDrawer } from './UserDrawer';

const FILTERS = ['q', 'organisationId', 'role', 'status'] as const;

export default function UsersPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { message, modal } = App.useApp();
  const { me, can } = useAuth();
  const describe = useDescribeError();
  const now = useNow();
  const list = useListParams(FILTERS);
  const { filters } = list;
  const isMobile = useIsMobile();
  const role = ROLES.find((value) => value === filters.role);
  const status = filters.status === 'active' || filters.status === 'disabled' ? filters.status : undefined;
  const organisationId = Number(filters.organisationId) > 0 ? Number(filters.organisationId) : undefined;
  const users = useUsers({
    q: filters.q,
    role,
    status,
    organisationId,
    limit: list.pageSize,
    offset: list.offset,
  });
  const invalidate = useInvalidateUsers();
  const manage = can(Permission.UserManage);
  // Each opening gets a fresh drawer (and form store): values typed for one record never leak into the next.
  const [drawer, setDrawer] = useState<{ open: boolean; id: number | null; session: number }>({
    open: false,
    id: null,
    session: 0,
  });
  const openDrawer = (id: number | null) =>
    setDrawer((current) => ({ open: true, id, session: current.session + 1 }));
  const [resetting, setResetting] = useState<User | null>(null);

  const onError = (error: unknown) => void message.error(describe(error).message);
  const setStatus = useMutation({
    mutationFn: ({ user, status: next }: { user: User; status: User['status'] }) =>
      api.patch<User>(`/users/${user.id}`, { status: next, version: user.version } satisfies UpdateUserBody),
    onSuccess: async (saved) => {
      void message.success(
        saved.status === 'active'
          ? t('users.enabled', { name: saved.displayName })
          : t('users.disabled', { name: saved.displayName }),
      );
      await invalidate();
    },
    onError,
  });
  const unlock = useMutation({
    mutationFn: (user: User) => api.post<void>(`/users/${user.id}/unlock`),
    onSuccess: async (_result, user) => {
      void message.success(t('users.unlocked', { name: user.displayName }));
      await invalidate();
    },
    onError,
  });

  const resetTotp = useMutation({
    mutationFn: (user: User) => api.post<void>(`/users/${user.id}/totp/reset`),
    onSuccess: async (_result, user) => {
      void message.success(t('users.totpReset', { name: user.displayName }));
      await invalidate();
    },
    onError,
  });

  const isLocked = (user: User) => user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > now;

  const actionsOf = (user: User): MenuProps['items'] => {
    const items: NonNullable<MenuProps['items']> = [
      {
        key: 'reset',
        icon: <KeyOutlined />,
        label: <span data-testid="user-reset-password">{t('users.resetPassword')}</span>,
        onClick: () => setResetting(user),
      },
    ];
    if (isLocked(user) || user.failedLoginCount > 0) {
      items.push({
        key: 'unlock',
        icon: <UnlockOutlined />,
        label: <span data-testid="user-unlock">{t('users.unlock')}</span>,
        onClick: () => unlock.mutate(user),
      });
    }
    if (user.totpEnabled && user.id !== me?.id) {
      items.push({
        key: 'totp',
        icon: <SafetyCertificateOutlined />,
        label: <span data-testid="user-reset-totp">{t('users.resetTotp')}</span>,
        onClick: () =>
          void modal.confirm({
            title: t('users.resetTotpTitle', { name: user.displayName }),
            content: t('users.resetTotpText'),
            okText: t('users.resetTotp'),
            okButtonProps: { danger: true },
            cancelText: t('common.cancel'),
            onOk: () => resetTotp.mutateAsync(user).catch(() => undefined),
          }),
      });
    }
    if (user.id !== me?.id) {
      items.push({ type: 'divider' });
      items.push(
        user.status === 'active'
          ? {
              key: 'disable',
              icon: <StopOutlined />,
              danger: true,
              label: <span data-testid="user-disable">{t('users.disable')}</span>,
              onClick: () =>
                void modal.confirm({
                  title: t('users.disableTitle', { name: user.displayName }),
                  content: t('users.disableText'),
                  okText: t('users.disable'),
                  okButtonProps: { danger: true },
                  cancelText: t('common.cancel'),
                  onOk: () => setStatus.mutateAsync({ user, status: 'disabled' }).catch(() => undefined),
                }),
            }
          : {
              key: 'enable',
              icon: <CheckCircleOutlined />,
              label: <span data-testid="user-enable">{t('users.enable')}</span>,
              onClick: () => setStatus.mutate({ user, status: 'active' }),
            },
      );
    }
    return items;
  };

  const columns: ColumnsType<User> = [
    {
      title: t('users.user'),
      key: 'user',
      render: (_value, user) => (
        <div style={{ minWidth: 160, maxWidth: 230 }}>
          <div>{user.displayName}</div>
          <div className="muted mono" style={{ fontSize: 12 }}>
            {user.username}
          </div>
        </div>
      ),
    },
    {
      title: t('users.organisation'),
      dataIndex: 'organisationName',
      render: (name: string) => <div style={{ minWidth: 150, maxWidth: 210 }}>{name}</div>,
    },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      render: (roles: Role[]) => (
        <Flex gap={4} wrap style={{ maxWidth: 220 }}>
          {roles.map((value) => (
            <Tag key={value} color="blue" style={{ marginInlineEnd: 0 }}>
              {t(`roles.${value}`)}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: t('users.status'),
      key: 'status',
      render: (_value, user) => (
        <Flex vertical gap={4} align="flex-start">
          <Badge
            status={user.status === 'active' ? 'success' : 'default'}
            text={<span style={{ whiteSpace: 'nowrap' }}>{t(`users.statuses.${user.status}`)}</span>}
          />
          {isLocked(user) ? (
            <Tooltip title={t('users.lockedUntil', { time: format.dateTime(user.lockedUntil) })}>
              <Tag color="red" icon={<LockOutlined />} data-testid="user-locked">
                {t('users.locked')}
              </Tag>
            </Tooltip>
          ) : null}
          {user.mustChangePassword ? <Tag color="orange">{t('users.mustChangePassword')}</Tag> : null}
        </Flex>
      ),
    },
    {
      title: <Tooltip title={t('users.twoFactor')}>{t('users.twoFactorShort')}</Tooltip>,
      dataIndex: 'totpEnabled',
      align: 'center',
      render: (enabled: boolean) =>
        enabled ? (
          <Tooltip title={t('totp.on')}>
            <SafetyCertificateOutlined style={{ color: '#2f8f4e' }} aria-label={t('totp.on')} />
          </Tooltip>
        ) : (
          <span className="muted">—</span>
        ),
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      render: (value: string | null) => (
        <div style={{ minWidth: 84, maxWidth: 100 }}>{value ? format.dateTime(value) : t('users.never')}</div>
      ),
    },
    ...(manage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: isMobile ? undefined : ('right' as const),
            width: 96,
            render: (_value: unknown, user: User) => (
              <Flex gap={2}>
                <Tooltip title={t('common.edit')}>
                  <Button
                    type="text"
                    icon={<EditOutlined />}
                    aria-label={`${t('common.edit')}: ${user.displayName}`}
                    data-testid={`user-edit-${user.username}`}
                    onClick={() => openDrawer(user.id)}
                  />
                </Tooltip>
                <Dropdown menu={{ items: actionsOf(user) }} trigger={['click']} placement="bottomRight">
                  <Button
                    type="text"
                    icon={<MoreOutlined />}
                    aria-label={`${t('common.more')}: ${user.displayName}`}
                    data-testid={`user-actions-${user.username}`}
                  />
                </Dropdown>
              </Flex>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('nav.admin.users')}
        subtitle={t('users.subtitle')}
        extra={
          manage ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => openDrawer(null)}
              data-testid="user-create"
            >
              {t('users.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Flex className="filter-bar" gap={8} wrap>
          <Input.Search
            key={`q-${filters.q ?? ''}`}
            defaultValue={filters.q}
            placeholder={t('users.searchPlaceholder')}
            allowClear
            onSearch={(value) => list.setFilters({ q: value.trim() })}
            style={{ width: 300 }}
            data-testid="user-search"
          />
          <OrganisationSelect
            value={organisationId}
            onChange={(value) => list.setFilters({ organisationId: value })}
            placeholder={t('users.allOrganisations')}
            allowClear
            style={{ width: 260 }}
          />
          <Select<Role>
            value={role}
            allowClear
            placeholder={t('users.allRoles')}
            onChange={(value) => list.setFilters({ role: value })}
            options={ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
            style={{ width: 220 }}
            popupMatchSelectWidth={false}
          />
          <Select
            value={status}
            allowClear
            placeholder={t('users.allStatuses')}
            onChange={(value: string | undefined) => list.setFilters({ status: value })}
            options={[
              { value: 'active', label: t('users.statuses.active') },
              { value: 'disabled', label: t('users.statuses.disabled') },
            ]}
            style={{ width: 170 }}
          />
          {list.active ? <Button onClick={list.reset}>{t('common.clearFilters')}</Button> : null}
        </Flex>
        {users.isError ? (
          <LoadError error={users.error} onRetry={() => void users.refetch()} />
        ) : (
          <Table<User>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={users.data?.items}
            loading={users.isFetching}
            pagination={tablePagination(list, users.data?.total, t, format.number)}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: <TableEmpty text={list.active ? t('common.noMatches') : t('users.empty')} />,
            }}
            data-testid="users-table"
          />
        )}
      </Card>
      <UserDrawer
        key={drawer.session}
        open={drawer.open}
        userId={drawer.id}
        onClose={() => setDrawer((current) => ({ ...current, open: false }))}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
