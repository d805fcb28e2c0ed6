import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Card, Collapse, Flex, Popconfirm, Skeleton, Tag, Typography } from 'antd';
import { EditOutlined, RollbackOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Permission, type Station } from '@sievert/core';
import { useAuth } from '../../../app/auth/AuthContext';
import { LoadError, useDescribeError } from '../../../ui/errors/ErrorAlert';
import { AlarmSeverityTag } from '../alarms';
import { ALARM_RULES_PATH, useAlarmRules, useResetAlarmRules, useStationAlarmRules } from './api';
import { referenceMap } from './RuleMarks';
import { RulesEditor } from './RulesEditor';
import { RulesView } from './RulesView';
import { useRuleValueText } from './useRuleText';
import './rules.css';

/**
 * "Quy tắc cảnh báo của trạm" on a station's page: whether the station follows the network's rules or has its
 * own, its ladder at a glance, every rule on demand, and for officials the same editor as the network's.
 */
export function StationRulesCard({ station }: { station: Station }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const { can } = useAuth();
  const manage = can(Permission.AlarmRuleManage);
  const own = useStationAlarmRules(station.code);
  const all = useAlarmRules();
  const reset = useResetAlarmRules({ station: station.code });
  const valueText = useRuleValueText();
  const [editor, setEditor] = useState({ open: false, session: 0 });
  const data = own.data;
  const view = all.data;
  const ctx = useMemo(
    () =>
      data && view
        ? { set: data.rules, defaults: view.defaults, references: referenceMap(view.references) }
        : null,
    [data, view],
  );
  const error = own.error ?? all.error;

  const extra =
    manage && data && view ? (
      <Flex gap={8} wrap>
        <Button
          size="small"
          icon={<EditOutlined />}
          onClick={() => setEditor((current) => ({ open: true, session: current.session + 1 }))}
          data-testid="station-rules-edit"
        >
          {t(data.own ? 'monitoring.rules.station.editOwn' : 'monitoring.rules.station.edit')}
        </Button>
        {data.own ? (
          <Popconfirm
            title={t('monitoring.rules.station.followTitle')}
            description={
              <div style={{ maxWidth: 300 }}>
                {t('monitoring.rules.station.followText', { code: station.code })}
              </div>
            }
            okText={t('monitoring.rules.station.follow')}
            cancelText={t('common.cancel')}
            okButtonProps={{ loading: reset.isPending, 'data-testid': 'station-rules-reset-confirm' }}
            onConfirm={() =>
              void reset.mutateAsync().then(
                () => void message.success(t('monitoring.rules.station.followDone', { code: station.code })),
                (cause: unknown) => void message.error(describe(cause).message),
              )
            }
          >
            <Button size="small" icon={<RollbackOutlined />} data-testid="station-rules-reset">
              {t('monitoring.rules.station.follow')}
            </Button>
          </Popconfirm>
        ) : null}
      </Flex>
    ) : null;

  return (
    <Card
      title={t('monitoring.rules.station.title')}
      extra={extra}
      className="detail-card"
      data-testid="station-rules"
      data-own={data ? String(data.own) : undefined}
    >
      {error ? (
        <LoadError
          error={error}
          onRetry={() => {
            void own.refetch();
            void all.refetch();
          }}
        />
      ) : !data || !ctx ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (
        <Flex vertical gap={12}>
          <Flex gap={8} align="center" wrap>
            <Tag
              color={data.own ? 'purple' : 'default'}
              className="rules-tag"
              data-testid="station-rules-state"
            >
              {t(data.own ? 'monitoring.rules.station.own' : 'monitoring.rules.station.network')}
            </Tag>
            <Typography.Text type="secondary">
              {t(data.own ? 'monitoring.rules.station.ownText' : 'monitoring.rules.station.networkText')}
            </Typography.Text>
            <Link to={ALARM_RULES_PATH} data-testid="station-rules-network-link">
              {t('monitoring.rules.station.viewNetwork')}
            </Link>
          </Flex>
          <Flex gap={8} align="center" wrap data-testid="station-rules-ladder">
            <Typography.Text strong>{t('monitoring.rules.station.ladder')}:</Typography.Text>
            {data.rules.level.rungs.map((rung, index) => (
              <Flex key={`${rung.id}-${index}`} gap={4} align="center" className="rules-ladder-chip">
                <span className="mono">{rung.id}</span>
                <span className="value-cell">
                  ≥ {valueText(`level.rungs.${index}.threshold`, data.rules)}
                </span>
                <AlarmSeverityTag severity={rung.severity} />
              </Flex>
            ))}
          </Flex>
          <Collapse
            size="small"
            items={[
              {
                key: 'all',
                label: t('monitoring.rules.station.details'),
                children: <RulesView ctx={ctx} />,
              },
            ]}
            data-testid="station-rules-details"
          />
        </Flex>
      )}
      {editor.open && data && view ? (
        <RulesEditor
          key={editor.session}
          title={t('monitoring.rules.editorStationTitle', { code: station.code })}
          intro={t('monitoring.rules.editorStationIntro')}
          initial={data.rules}
          fills={[
            { label: t('monitoring.rules.fillNetwork'), rules: view.network, testId: 'rules-fill-network' },
            {
              label: t('monitoring.rules.fillDefaults'),
              rules: view.defaults,
              testId: 'rules-fill-defaults',
            },
          ]}
          target={{ station: station.code }}
          onClose={() => setEditor((current) => ({ ...current, open: false }))}
          onSaved={() => setEditor((current) => ({ ...current, open: false }))}
          reload={() => own.refetch().then((result) => result.data?.rules)}
        />
      ) : null}
    </Card>
  );
}
