import { useState } from 'react';
import { Alert, App, Badge, Button, Card, Form, Input, Modal, Popconfirm, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { KeyOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Station, StationToken } from '@sievert/core';
import { api } from '../../app/api/client';
import { useFormat } from '../../app/i18n/format';
import { ErrorAlert, LoadError, useDescribeError } from '../../ui/errors/ErrorAlert';
import { useFormError } from '../../ui/forms/useFormError';
import { TableEmpty } from '../../ui/table/TableEmpty';
import { useStationTokens } from './api';

interface Created {
  token: string;
  info: StationToken;
}

/** The token just issued, shown this one time only. */
function TokenSecret({
  station,
  created,
  onClose,
}: {
  station: Station;
  created: Created;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={t('monitoring.tokens.secretTitle', { code: station.code })}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose} data-testid="station-token-done">
          {t('monitoring.tokens.secretDone')}
        </Button>
      }
    >
      <Alert
        type="warning"
        showIcon
        title={t('monitoring.tokens.secretWarning')}
        style={{ marginBottom: 16 }}
      />
      <Typography.Paragraph strong style={{ marginBottom: 4 }}>
        {created.info.name}
      </Typography.Paragraph>
      <Typography.Paragraph
        copyable={{ text: created.token, tooltips: [t('common.copy'), t('common.copied')] }}
        className="mono"
        style={{
          background: '#f5f7fa',
          border: '1px solid #e1e6ee',
          borderRadius: 6,
          padding: '10px 12px',
          wordBreak: 'break-all',
        }}
        data-testid="station-token-value"
      >
        {created.token}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 0 }}>
        {t('monitoring.tokens.secretUsage')} <code className="mono">Authorization: Bearer …</code>
      </Typography.Paragraph>
    </Modal>
  );
}

/** Issuing a token: an optional name, then the secret once. */
function IssueToken({ station, onClose }: { station: Station; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ name?: string }>();
  const [created, setCreated] = useState<Created | null>(null);
  const labels = { name: t('monitoring.tokens.name') };
  const { error, handle, clear } = useFormError(form, ['name'], labels);
  const issue = useMutation({
    mutationFn: (values: { name?: string }) => {
      const name = values.name?.trim();
      return api.post<Created>(`/stations/${encodeURIComponent(station.code)}/tokens`, name ? { name } : {});
    },
    onMutate: clear,
    onSuccess: async (result) => {
      setCreated(result);
      await queryClient.invalidateQueries({ queryKey: ['monitoring', 'stations', 'tokens', station.code] });
    },
    onError: handle,
  });
  if (created) return <TokenSecret station={station} created={created} onClose={onClose} />;
  return (
    <Modal
      open
      title={t('monitoring.tokens.issueTitle', { code: station.code })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('monitoring.tokens.issue')}
      okButtonProps={{ 'data-testid': 'station-token-submit' }}
      confirmLoading={issue.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(values) => issue.mutate(values)}>
        <ErrorAlert error={error} fieldLabels={labels} style={{ marginBottom: 12 }} />
        <Form.Item
          name="name"
          label={labels.name}
          extra={t('monitoring.tokens.nameHint', { code: station.code })}
          rules={[{ max: 80, message: t('form.maxLength', { max: 80 }) }]}
        >
          <Input autoComplete="off" placeholder={station.code} data-testid="station-token-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The station's ingest tokens (managers only): list, issue, revoke, and how a station sends its data. */
export function StationTokens({ station }: { station: Station }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const queryClient = useQueryClient();
  const tokens = useStationTokens(station.code);
  const [session, setSession] = useState(0);
  const [issuing, setIssuing] = useState(false);
  const revoke = useMutation({
    mutationFn: (token: StationToken) =>
      api.delete(`/stations/${encodeURIComponent(station.code)}/tokens/${token.id}`),
    onSuccess: async (_result, token) => {
      void message.success(t('monitoring.tokens.revoked', { name: token.name }));
      await queryClient.invalidateQueries({ queryKey: ['monitoring', 'stations', 'tokens', station.code] });
    },
    onError: (error) => void message.error(describe(error).message),
  });

  const columns: ColumnsType<StationToken> = [
    {
      title: t('monitoring.tokens.name'),
      key: 'name',
      render: (_value, token) => (
        <div style={{ minWidth: 140 }}>
          <div>{token.name}</div>
          <div className="muted mono" style={{ fontSize: 12 }}>
            svs_{token.prefix}_…
          </div>
        </div>
      ),
    },
    {
      title: t('monitoring.tokens.createdAt'),
      key: 'createdAt',
      render: (_value, token) => (
        <span style={{ whiteSpace: 'nowrap' }}>{format.dateTime(token.createdAt)}</span>
      ),
    },
    {
      title: t('monitoring.tokens.lastUsedAt'),
      key: 'lastUsedAt',
      render: (_value, token) =>
        token.lastUsedAt ? (
          <span style={{ whiteSpace: 'nowrap' }}>{format.dateTime(token.lastUsedAt)}</span>
        ) : (
          <span className="muted">{t('monitoring.tokens.neverUsed')}</span>
        ),
    },
    {
      title: t('monitoring.tokens.state'),
      key: 'state',
      render: (_value, token) =>
        token.revokedAt ? (
          <Badge
            status="default"
            text={
              <span style={{ whiteSpace: 'nowrap' }}>
                {t('monitoring.tokens.revokedAt', { date: format.dateTime(token.revokedAt) })}
              </span>
            }
          />
        ) : (
          <Badge status="success" text={t('monitoring.tokens.active')} />
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_value, token) =>
        token.revokedAt ? null : (
          <Popconfirm
            title={t('monitoring.tokens.revokeTitle')}
            description={t('monitoring.tokens.revokeText', { name: token.name })}
            okText={t('monitoring.tokens.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => revoke.mutate(token)}
          >
            <Button
              type="text"
              danger
              icon={<StopOutlined />}
              loading={revoke.isPending && revoke.variables?.id === token.id}
              data-testid={`station-token-revoke-${token.id}`}
            >
              {t('monitoring.tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card
      title={t('monitoring.tokens.title')}
      className="detail-card"
      extra={
        <Button
          icon={<KeyOutlined />}
          onClick={() => {
            setSession((current) => current + 1);
            setIssuing(true);
          }}
          data-testid="station-token-create"
        >
          {t('monitoring.tokens.issue')}
        </Button>
      }
      data-testid="station-tokens"
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('monitoring.tokens.howTo')}{' '}
        <code className="mono" style={{ wordBreak: 'break-all' }}>
          POST /api/v1/ingest/measurements
        </code>{' '}
        {t('monitoring.tokens.howToHeader')}{' '}
        <code className="mono">Authorization: Bearer &lt;{t('monitoring.tokens.placeholder')}&gt;</code>.{' '}
        {t('monitoring.tokens.howToLater')}
      </Typography.Paragraph>
      {tokens.isError ? (
        <LoadError error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : (
        <Table<StationToken>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={tokens.data}
          loading={tokens.isPending}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          rowClassName={(token) => (token.revokedAt ? 'row-restricted' : '')}
          locale={{ emptyText: <TableEmpty text={t('monitoring.tokens.empty')} /> }}
          data-testid="station-tokens-table"
        />
      )}
      {issuing ? <IssueToken key={session} station={station} onClose={() => setIssuing(false)} /> : null}
    </Card>
  );
}
