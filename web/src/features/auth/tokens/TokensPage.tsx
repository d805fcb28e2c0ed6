import { useState } from 'react';
import { App, Badge, Button, Card, Flex, Popconfirm, Segmented, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Permission, type ApiToken } from '@sievert/core';
import { api } from '../../../app/api/client';
import { useAuth } from '../../../app/auth/AuthContext';
import { useFormat } from '../../../app/i18n/format';
import { PageHeader } from '../../../ui/PageHeader';
import { LoadError, useDescribeError } from '../../../ui/errors/ErrorAlert';
import { TableEmpty } from '../../../ui/table/TableEmpty';
import { useNow } from '../../../ui/useNow';
import { useIsMobile } from '../../../ui/useMediaQuery';
import { CreateTokenModal } from './CreateTokenModal';

type TokenState = 'active' | 'expired' | 'revoked';

export default function TokensPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { message } = App.useApp();
  const { can } = useAuth();
  const describe = useDescribeError();
  const queryClient = useQueryClient();
  const now = useNow();
  const isMobile = useIsMobile();
  const canSeeAll = can(Permission.TokenManageAll);
  const [all, setAll] = useState(false);
  const [creating, setCreating] = useState(false);
  const showAll = canSeeAll && all;

  const tokens = useQuery({
    queryKey: ['tokens', { all: showAll }],
    queryFn: ({ signal }) => api.get<ApiToken[]>('/auth/tokens', { all: showAll }, signal),
  });
  const revoke = useMutation({
    mutationFn: (token: ApiToken) => api.delete(`/auth/tokens/${token.id}`),
    onSuccess: async (_result, token) => {
      void message.success(t('tokens.revoked', { name: token.name }));
      await queryClient.invalidateQueries({ queryKey: ['tokens'] });
    },
    onError: (error) => void message.error(describe(error).message),
  });

  const stateOf = (token: ApiToken): TokenState =>
    token.revokedAt
      ? 'revoked'
      : token.expiresAt && new Date(token.expiresAt).getTime() <= now
        ? 'expired'
        : 'active';

  const columns: ColumnsType<ApiToken> = [
    {
      title: t('tokens.name'),
      dataIndex: 'name',
      render: (name: string, token) => (
        <div style={{ minWidth: 160 }}>
          <div>{name}</div>
          <div className="muted mono" style={{ fontSize: 12 }}>
            {token.prefix}…
          </div>
        </div>
      ),
    },
    ...(showAll
      ? [
          {
            title: t('tokens.owner'),
            dataIndex: 'username',
            render: (username: string) => <span className="mono">{username}</span>,
          },
        ]
      : []),
    {
      title: t('tokens.scopes'),
      dataIndex: 'scopes',
      render: (scopes: ApiToken['scopes']) => (
        <Tooltip title={scopes.map((scope) => t(`permissions.${scope}`)).join(', ')}>
          <Flex gap={4} wrap style={{ maxWidth: 320 }}>
            {scopes.slice(0, 3).map((scope) => (
              <Tag key={scope} style={{ marginInlineEnd: 0 }}>
                {t(`permissions.${scope}`)}
              </Tag>
            ))}
            {scopes.length > 3 ? <Tag style={{ marginInlineEnd: 0 }}>+{scopes.length - 3}</Tag> : null}
          </Flex>
        </Tooltip>
      ),
    },
    {
      title: t('tokens.createdAt'),
      dataIndex: 'createdAt',
      render: (value: string) => <span style={{ whiteSpace: 'nowrap' }}>{format.dateTime(value)}</span>,
    },
    {
      title: t('tokens.expiresAt'),
      dataIndex: 'expiresAt',
      render: (value: string | null) => (
        <span style={{ whiteSpace: 'nowrap' }}>{value ? format.dateTime(value) : t('tokens.never')}</span>
      ),
    },
    {
      title: t('tokens.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      render: (value: string | null) => (
        <span style={{ whiteSpace: 'nowrap' }}>{value ? format.dateTime(value) : t('tokens.neverUsed')}</span>
      ),
    },
    {
      title: t('tokens.state'),
      key: 'state',
      render: (_value, token) => {
        const state = stateOf(token);
        return (
          <Badge
            status={state === 'active' ? 'success' : state === 'expired' ? 'warning' : 'default'}
            text={t(`tokens.states.${state}`)}
          />
        );
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: isMobile ? undefined : 'right',
      width: 110,
      render: (_value, token) =>
        stateOf(token) === 'revoked' ? null : (
          <Popconfirm
            title={t('tokens.revokeTitle')}
            description={t('tokens.revokeText', { name: token.name })}
            okText={t('tokens.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => revoke.mutate(token)}
          >
            <Button type="text" danger icon={<StopOutlined />} data-testid={`token-revoke-${token.id}`}>
              {t('tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.admin.tokens')}
        subtitle={t('tokens.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="token-create"
          >
            {t('tokens.create')}
          </Button>
        }
      />
      <Card>
        {canSeeAll ? (
          <Flex className="filter-bar">
            <Segmented<'mine' | 'all'>
              value={all ? 'all' : 'mine'}
              onChange={(value) => setAll(value === 'all')}
              options={[
                { value: 'mine', label: t('tokens.mine') },
                { value: 'all', label: t('tokens.all') },
              ]}
              data-testid="token-scope-switch"
            />
          </Flex>
        ) : null}
        {tokens.isError ? (
          <LoadError error={tokens.error} onRetry={() => void tokens.refetch()} />
        ) : (
          <Table<ApiToken>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={tokens.data}
            loading={tokens.isFetching}
            pagination={(tokens.data?.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <TableEmpty text={t('tokens.empty')} /> }}
            data-testid="tokens-table"
          />
        )}
      </Card>
      <CreateTokenModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
