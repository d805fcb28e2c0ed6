import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, Flex, Popconfirm, Skeleton, Typography } from 'antd';
import { EditOutlined, UndoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ALARM_REFERENCE_EDITION, Permission, type AlarmRuleSet } from '@sievert/core';
import { useAuth } from '../../../app/auth/AuthContext';
import { LoadError, useDescribeError } from '../../../ui/errors/ErrorAlert';
import { stationPath, useNetwork } from '../api';
import { MonitoringSection } from '../MonitoringSection';
import { useResetAlarmRules, useAlarmRules, type AlarmRulesView } from './api';
import { countAdjusted } from './fields';
import { referenceMap } from './RuleMarks';
import { RulesEditor } from './RulesEditor';
import { RulesView } from './RulesView';
import { useRuleValueText } from './useRuleText';
import './rules.css';

/** "0,3 µSv/h · 1 µSv/h · …": a ladder in one line. */
export function useLadderText(): (rules: AlarmRuleSet) => string {
  const valueText = useRuleValueText();
  return (rules) =>
    rules.level.rungs.map((_rung, index) => valueText(`level.rungs.${index}.threshold`, rules)).join(' · ');
}

function OwnStations({ view }: { view: AlarmRulesView }) {
  const { t } = useTranslation();
  const network = useNetwork();
  const ladder = useLadderText();
  const names = new Map((network.data?.stations ?? []).map((station) => [station.code, station.name]));
  return (
    <Card
      size="small"
      title={t('monitoring.rules.ownStationsTitle')}
      className="detail-card"
      data-testid="rules-stations"
    >
      {view.stations.length === 0 ? (
        <Typography.Text type="secondary">{t('monitoring.rules.ownStationsEmpty')}</Typography.Text>
      ) : (
        <>
          <Typography.Paragraph type="secondary" className="rules-group-description">
            {t('monitoring.rules.ownStationsHint')}
          </Typography.Paragraph>
          <ul className="rules-station-list">
            {view.stations.map(({ station, rules }) => (
              <li key={station}>
                <Link to={stationPath(station)} data-testid={`rules-station-link-${station}`}>
                  <span className="mono">{station}</span>
                  {names.get(station) ? ` · ${names.get(station)}` : null}
                </Link>
                <Typography.Text type="secondary" className="rules-station-ladder">
                  {t('monitoring.rules.ownStationsLadder', { ladder: ladder(rules) })}
                </Typography.Text>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}

/** "Quy tắc cảnh báo": the rules in force for everyone to read; officials with the right edit them here. */
export default function AlarmRulesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const { can } = useAuth();
  const manage = can(Permission.AlarmRuleManage);
  const rules = useAlarmRules();
  const reset = useResetAlarmRules({});
  const [editor, setEditor] = useState({ open: false, session: 0 });
  const view = rules.data;
  const ctx = useMemo(
    () =>
      view ? { set: view.network, defaults: view.defaults, references: referenceMap(view.references) } : null,
    [view],
  );

  const extra =
    manage && view ? (
      <>
        <Button
          type="primary"
          icon={<EditOutlined />}
          onClick={() => setEditor((current) => ({ open: true, session: current.session + 1 }))}
          data-testid="rules-edit"
        >
          {t('monitoring.rules.edit')}
        </Button>
        <Popconfirm
          title={t('monitoring.rules.resetTitle')}
          description={<div style={{ maxWidth: 320 }}>{t('monitoring.rules.resetText')}</div>}
          okText={t('monitoring.rules.reset')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true, loading: reset.isPending, 'data-testid': 'rules-reset-confirm' }}
          onConfirm={() =>
            void reset.mutateAsync().then(
              () => void message.success(t('monitoring.rules.resetDone')),
              (error: unknown) => void message.error(describe(error).message),
            )
          }
          disabled={view.isDefault}
        >
          <Button icon={<UndoOutlined />} disabled={view.isDefault} data-testid="rules-reset">
            {t('monitoring.rules.reset')}
          </Button>
        </Popconfirm>
      </>
    ) : null;

  return (
    <MonitoringSection section="rules" extra={extra}>
      {rules.isError ? (
        <LoadError error={rules.error} onRetry={() => void rules.refetch()} />
      ) : !view || !ctx ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : (
        <Flex vertical gap={16} data-testid="rules-page">
          <Alert
            type={view.isDefault ? 'info' : 'warning'}
            showIcon
            title={t(view.isDefault ? 'monitoring.rules.inForceDefault' : 'monitoring.rules.inForceCustom')}
            description={
              <>
                <div>
                  {view.isDefault
                    ? t('monitoring.rules.inForceDefaultText', { edition: ALARM_REFERENCE_EDITION })
                    : t('monitoring.rules.inForceCustomText', {
                        count: countAdjusted(view.network, view.defaults),
                      })}
                </div>
                <div style={{ marginTop: 4 }}>{t('monitoring.rules.toVerifyText')}</div>
              </>
            }
            data-testid="rules-state"
            data-default={String(view.isDefault)}
          />
          <OwnStations view={view} />
          <RulesView ctx={ctx} />
        </Flex>
      )}
      {editor.open && view ? (
        <RulesEditor
          key={editor.session}
          title={t('monitoring.rules.editorTitle')}
          intro={t('monitoring.rules.editorIntro')}
          initial={view.network}
          fills={[
            {
              label: t('monitoring.rules.fillDefaults'),
              rules: view.defaults,
              testId: 'rules-fill-defaults',
            },
          ]}
          target={{}}
          onClose={() => setEditor((current) => ({ ...current, open: false }))}
          onSaved={() => setEditor((current) => ({ ...current, open: false }))}
          reload={() => rules.refetch().then((result) => result.data?.network)}
        />
      ) : null}
    </MonitoringSection>
  );
}
