import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, Flex, Popconfirm, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { DeleteOutlined, EditOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { PublicationRule } from '@sievert/core';
import { useFormat } from '../../app/i18n/format';
import { ErrorAlert, LoadError, useDescribeError } from '../../ui/errors/ErrorAlert';
import { TableEmpty } from '../../ui/table/TableEmpty';
import { useIsMobile } from '../../ui/useMediaQuery';
import { stationPath, useStations } from '../monitoring/api';
import { useDeletePublicationRule, usePublicationRules } from './api';
import { useDelayText } from './labels';
import { RuleDrawer, type RuleTarget, type StationChoice } from './RuleDrawer';

/** Only gamma dose-rate stations are public (docs/public.md); at most one page of them is asked for. */
const PUBLIC_STATIONS_QUERY = { kind: 'gamma_dose_rate', sort: 'code', limit: 500 } as const;

const ruleKey = (rule: PublicationRule) => rule.station ?? 'network';

function useColumns(
  stationNames: ReadonlyMap<string, string>,
  canManage: boolean,
  compact: boolean,
  onEdit: (target: RuleTarget) => void,
): ColumnsType<PublicationRule> {
  const { t } = useTranslation();
  const format = useFormat();
  const delayText = useDelayText();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const remove = useDeletePublicationRule();
  const scope = (rule: PublicationRule) =>
    rule.station === null ? (
      <Flex gap={6} align="center" wrap>
        <strong>{t('publication.rules.network')}</strong>
        <Tag color="blue" style={{ marginInlineEnd: 0 }}>
          {t('publication.rules.defaultTag')}
        </Tag>
      </Flex>
    ) : (
      <Flex vertical style={compact ? undefined : { minWidth: 120, maxWidth: 180 }}>
        <Link to={stationPath(rule.station)} className="mono">
          {rule.station}
        </Link>
        {stationNames.get(rule.station) ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {stationNames.get(rule.station)}
          </Typography.Text>
        ) : null}
      </Flex>
    );
  const delay = (rule: PublicationRule) => (
    <span style={{ whiteSpace: 'nowrap' }} data-testid={`publication-rule-delay-${ruleKey(rule)}`}>
      {delayText(rule.delaySeconds)}
    </span>
  );
  const mode = (rule: PublicationRule) => (
    <span data-testid={`publication-rule-mode-${ruleKey(rule)}`}>{t(`publication.modes.${rule.mode}`)}</span>
  );
  const embargo = (rule: PublicationRule) => (
    <Flex vertical gap={2} style={compact ? undefined : { minWidth: 120, maxWidth: 200 }}>
      <span>
        {rule.embargo ? (
          <Tag color="red" icon={<StopOutlined />} data-testid={`publication-rule-embargo-${ruleKey(rule)}`}>
            {t('publication.rules.embargoed')}
          </Tag>
        ) : (
          <Tag color="green">{t('publication.rules.publishing')}</Tag>
        )}
      </span>
      {rule.embargo && rule.embargoReason ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('publication.rules.reason', { reason: rule.embargoReason })}
        </Typography.Text>
      ) : null}
      {rule.embargoChangedAt ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(rule.embargo ? 'publication.rules.embargoSince' : 'publication.rules.embargoLifted', {
            name: rule.embargoChangedBy ?? '—',
            time: format.dateTime(rule.embargoChangedAt),
          })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
  // On a phone one column says it all (scope, delay and mode, embargo), beside the buttons: no sideways scroll.
  const columns: ColumnsType<PublicationRule> = compact
    ? [
        {
          title: t('publication.rules.scope'),
          key: 'rule',
          render: (_: unknown, rule) => (
            <Flex vertical gap={4}>
              {scope(rule)}
              <span>
                {delay(rule)} · {mode(rule)}
              </span>
              {embargo(rule)}
            </Flex>
          ),
        },
      ]
    : [
        { title: t('publication.rules.scope'), key: 'scope', render: (_: unknown, rule) => scope(rule) },
        { title: t('publication.rules.delay'), key: 'delay', render: (_: unknown, rule) => delay(rule) },
        {
          title: t('publication.rules.mode'),
          key: 'mode',
          render: (_: unknown, rule) => <div style={{ minWidth: 120, maxWidth: 160 }}>{mode(rule)}</div>,
        },
        {
          title: t('publication.rules.embargo'),
          key: 'embargo',
          render: (_: unknown, rule) => embargo(rule),
        },
        {
          title: t('publication.rules.changed'),
          key: 'changed',
          render: (_: unknown, rule) => (
            <span className="muted" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
              {rule.updatedAt ? format.dateTime(rule.updatedAt) : t('publication.rules.systemDefault')}
            </span>
          ),
        },
      ];
  if (canManage)
    columns.push({
      title: '',
      key: 'actions',
      width: 72,
      render: (_: unknown, rule) => {
        const station = rule.station;
        return (
          <Flex gap={4}>
            <Tooltip title={t('publication.rules.edit')}>
              <Button
                size="small"
                icon={<EditOutlined />}
                aria-label={t('publication.rules.edit')}
                onClick={() => onEdit(station === null ? { kind: 'network' } : { kind: 'station', rule })}
                data-testid={`publication-rule-edit-${ruleKey(rule)}`}
              />
            </Tooltip>
            {station !== null ? (
              <Popconfirm
                title={t('publication.rules.removeConfirm', { station })}
                description={
                  <div style={{ maxWidth: 280 }}>
                    {t('publication.rules.removeText')}
                    {rule.embargo ? ` ${t('publication.rules.embargoLiftTextStation')}` : ''}
                  </div>
                }
                okText={t('publication.rules.remove')}
                okButtonProps={{ danger: true, 'data-testid': 'publication-rule-remove-confirm' }}
                cancelText={t('common.cancel')}
                onConfirm={() =>
                  remove.mutate(station, {
                    onSuccess: () => void message.success(t('publication.rules.removed', { station })),
                    onError: (cause) => void message.error(describe(cause).message),
                  })
                }
              >
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  loading={remove.isPending && remove.variables === station}
                  aria-label={t('publication.rules.remove')}
                  data-testid={`publication-rule-remove-${station}`}
                />
              </Popconfirm>
            ) : null}
          </Flex>
        );
      },
    });
  return columns;
}

/**
 * "Quy tắc công bố": the network's default rule first, then the stations' own rules; editable by those with
 * publication.manage, read-only for the other officials.
 */
export function RulesTab({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const rules = usePublicationRules();
  const stations = useStations(PUBLIC_STATIONS_QUERY);
  const [target, setTarget] = useState<RuleTarget | null>(null);
  const stationChoices: StationChoice[] = useMemo(
    () => (stations.data?.items ?? []).map((station) => ({ code: station.code, name: station.name })),
    [stations.data],
  );
  const stationNames = useMemo(
    () => new Map(stationChoices.map((station) => [station.code, station.name])),
    [stationChoices],
  );
  const compact = useIsMobile();
  const columns = useColumns(stationNames, canManage, compact, setTarget);
  const rows = useMemo(
    () =>
      rules.data
        ? [
            rules.data.network,
            ...[...rules.data.stations].sort((a, b) => (a.station ?? '').localeCompare(b.station ?? '')),
          ]
        : [],
    [rules.data],
  );

  if (rules.isError) return <LoadError error={rules.error} onRetry={() => void rules.refetch()} />;
  const network = rules.data?.network;
  return (
    <Flex vertical gap={16}>
      {network?.embargo ? (
        <Alert
          type="error"
          showIcon
          title={t('publication.rules.networkEmbargo')}
          description={
            network.embargoReason
              ? t('publication.rules.reason', { reason: network.embargoReason })
              : undefined
          }
          data-testid="publication-network-embargo"
        />
      ) : null}
      <Card>
        <Flex justify="space-between" align="flex-start" gap={12} wrap style={{ marginBottom: 12 }}>
          <Typography.Paragraph type="secondary" style={{ margin: 0, flex: '1 1 320px', maxWidth: 760 }}>
            {t('publication.rules.intro')}
            {canManage ? null : ` ${t('publication.rules.readOnly')}`}
          </Typography.Paragraph>
          {canManage ? (
            <Button
              icon={<PlusOutlined />}
              onClick={() => setTarget({ kind: 'add' })}
              disabled={!rules.data}
              data-testid="publication-rule-add"
            >
              {t('publication.rules.add')}
            </Button>
          ) : null}
        </Flex>
        {stations.isError ? <ErrorAlert error={stations.error} style={{ marginBottom: 12 }} /> : null}
        <Table<PublicationRule>
          rowKey={ruleKey}
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={rules.isPending}
          pagination={{ defaultPageSize: 50, hideOnSinglePage: true, responsive: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <TableEmpty text={t('common.loading')} /> }}
          data-testid="publication-rules-table"
        />
      </Card>
      {target && rules.data ? (
        <RuleDrawer
          key={target.kind === 'station' ? `station-${target.rule.station}` : target.kind}
          target={target}
          rules={rules.data}
          stations={stationChoices}
          onClose={() => setTarget(null)}
        />
      ) : null}
    </Flex>
  );
}
