import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Flex, Form, Input, Modal, Radio, Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Permission, type Alarm, type AlarmSeverity, type AlarmState } from '@sievert/core';
import { useAuth } from '../../app/auth/AuthContext';
import { translateOptional, useLanguage } from '../../app/i18n';
import { intlLocale, useFormat, type Formatters } from '../../app/i18n/format';
import { ErrorAlert } from '../../ui/errors/ErrorAlert';
import { useFormError } from '../../ui/forms/useFormError';
import { useNow } from '../../ui/useNow';
import { OpenIncidentButton } from '../incidents/OpenIncidentButton';
import { stationPath, useAcknowledgeAlarm, useCloseAlarm } from './api';
import { durationParts, relativeTime } from './display';
import { useDoseRateText } from './useDoseRateText';

const SEVERITY_COLOURS: Record<AlarmSeverity, string> = {
  info: 'blue',
  warning: 'gold',
  alert: 'volcano',
  emergency: 'red',
};

const STATE_COLOURS: Record<AlarmState, string> = {
  raised: 'red',
  acknowledged: 'orange',
  resolved: 'green',
  false_alarm: 'default',
};

export const SEVERITY_ORDER: Record<AlarmSeverity, number> = { info: 1, warning: 2, alert: 3, emergency: 4 };

export function isOpenAlarm(alarm: Pick<Alarm, 'state'>): boolean {
  return alarm.state === 'raised' || alarm.state === 'acknowledged';
}

/** Most severe first, then the newest. */
export function compareAlarms(a: Alarm, b: Alarm): number {
  const severity = SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity];
  return severity !== 0 ? severity : Date.parse(b.startedAt) - Date.parse(a.startedAt);
}

export function AlarmSeverityTag({ severity }: { severity: AlarmSeverity }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={SEVERITY_COLOURS[severity]}
      style={{
        marginInlineEnd: 0,
        whiteSpace: 'nowrap',
        fontWeight: severity === 'emergency' ? 600 : undefined,
      }}
      data-testid="alarm-severity"
      data-severity={severity}
    >
      {t(`monitoring.alarm.severities.${severity}`)}
    </Tag>
  );
}

export function AlarmStateTag({ state }: { state: AlarmState }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={STATE_COLOURS[state]}
      style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}
      data-testid="alarm-state"
      data-state={state}
    >
      {t(`monitoring.alarm.states.${state}`)}
    </Tag>
  );
}

/** Parameters whose numbers are dose rates (nSv/h from the server, µSv/h on screen). */
const DOSE_RATE_PARAMS = new Set(['value', 'threshold', 'baseline', 'sigma', 'excess', 'peak', 'rate']);
const PLACEHOLDER = /\{\{\s*\w+\s*\}\}/;

function formatParam(
  key: string,
  value: unknown,
  params: Record<string, unknown>,
  alarm: Pick<Alarm, 'quantity' | 'unit'>,
  format: Formatters,
  doseRateText: (nSvPerHour: number) => string | null,
  durationText: (minutes: number) => string,
): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(', ');
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  if (key === 'minutes') return durationText(value);
  const unit = typeof params.unit === 'string' ? params.unit : alarm.unit;
  // A rise per hour is in nSv/h per h: the sentence says "per hour", the number is shown like a dose rate.
  const doseUnit = unit === 'nSv/h' || unit === 'nSv/h per h';
  if (DOSE_RATE_PARAMS.has(key) && (doseUnit || (!unit && alarm.quantity === 'ambient_dose_rate'))) {
    return doseRateText(value);
  }
  if (DOSE_RATE_PARAMS.has(key) && unit) return `${format.number(value, 3)} ${unit}`;
  if (key === 'fraction' && value >= 0 && value <= 1) return `${format.number(value * 100, 1)} %`;
  return format.number(value, Number.isInteger(value) ? 0 : 2);
}

/**
 * The reasons of an alarm in words: each code (`alarm.reason.level_exceeded`) with its numbers, dose rates in
 * µSv/h. A reason whose numbers are missing is said without them; a code this build does not know is named.
 */
export function useAlarmReasons(): (alarm: Pick<Alarm, 'reasons' | 'quantity' | 'unit'>) => string[] {
  // `format` changes with the language, and so does this function (translateOptional reads the current one).
  const format = useFormat();
  const doseRateText = useDoseRateText();
  const { t } = useTranslation();
  return useCallback(
    (alarm) =>
      alarm.reasons.map((reason) => {
        const name = reason.code.replace(/^alarm\.reason\./, '');
        const params = reason.params ?? {};
        const formatted: Record<string, string> = {};
        for (const [key, value] of Object.entries(params)) {
          const text = formatParam(key, value, params, alarm, format, doseRateText, (minutes) => {
            const { unit, value: amount } = durationParts(minutes);
            return t(`monitoring.alarm.duration.${unit}`, { value: format.number(amount, 1) });
          });
          if (text !== null) formatted[key] = text;
        }
        const plain = translateOptional(`monitoring.alarm.reasonsPlain.${name}`, '');
        const detailed = translateOptional(`monitoring.alarm.reasons.${name}`, '', formatted);
        if (detailed && !PLACEHOLDER.test(detailed)) return detailed;
        if (plain) return plain;
        const extra = Object.entries(formatted)
          .map(([key, value]) => `${key}: ${value}`)
          .join(', ');
        const unknown = translateOptional('monitoring.alarm.reasonUnknown', reason.code, { code: name });
        return extra ? `${unknown}: ${extra}` : unknown;
      }),
    [format, doseRateText, t],
  );
}

/** The peak of an alarm in the unit officials read (µSv/h for dose rates). */
export function usePeakText(): (alarm: Alarm) => string | null {
  const format = useFormat();
  const doseRateText = useDoseRateText();
  return (alarm) => {
    if (alarm.peakValue === null) return null;
    if (alarm.unit === 'nSv/h' || (alarm.unit === null && alarm.quantity === 'ambient_dose_rate')) {
      return doseRateText(alarm.peakValue);
    }
    return `${format.number(alarm.peakValue, 3)}${alarm.unit ? ` ${alarm.unit}` : ''}`;
  };
}

/** The station of an alarm as a link, or "whole network" with how many stations. */
export function AlarmStation({ alarm }: { alarm: Alarm }) {
  const { t } = useTranslation();
  if (alarm.station) {
    return (
      <Link to={stationPath(alarm.station.code)} data-testid={`alarm-station-${alarm.id}`}>
        <span className="mono">{alarm.station.code}</span> · {alarm.station.name}
      </Link>
    );
  }
  return (
    <span>
      {t('monitoring.alarm.network')}
      {alarm.stations.length > 0 ? (
        <span className="muted">
          {' '}
          ({t('monitoring.alarm.stationsCount', { count: alarm.stations.length })})
        </span>
      ) : null}
    </span>
  );
}

type AlarmAction = 'acknowledge' | 'close';

interface ActionValues {
  note?: string;
  outcome?: 'resolved' | 'false_alarm';
}

/** Acknowledge (an optional note) or close (an outcome and a note) one alarm. */
export function AlarmActionModal({
  alarm,
  action,
  onClose,
}: {
  alarm: Alarm;
  action: AlarmAction;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ActionValues>();
  const labels = { note: t('monitoring.alarm.note'), outcome: t('monitoring.alarm.outcome') };
  const { error, handle, clear } = useFormError(form, ['note', 'outcome'], labels);
  const acknowledge = useAcknowledgeAlarm();
  const close = useCloseAlarm();
  const pending = acknowledge.isPending || close.isPending;
  const reasons = useAlarmReasons()(alarm);
  const submit = (values: ActionValues) => {
    clear();
    const note = values.note?.trim() || undefined;
    if (action === 'acknowledge') {
      acknowledge.mutate(
        { alarm, note },
        {
          onSuccess: () => {
            void message.success(t('monitoring.alarm.acknowledged'));
            onClose();
          },
          onError: handle,
        },
      );
    } else {
      close.mutate(
        { alarm, outcome: values.outcome ?? 'resolved', note },
        {
          onSuccess: () => {
            void message.success(t('monitoring.alarm.closed'));
            onClose();
          },
          onError: handle,
        },
      );
    }
  };
  const prefix = action === 'acknowledge' ? 'alarm-ack' : 'alarm-close';
  return (
    <Modal
      open
      title={t(
        action === 'acknowledge' ? 'monitoring.alarm.acknowledgeTitle' : 'monitoring.alarm.closeTitle',
      )}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t(action === 'acknowledge' ? 'monitoring.alarm.acknowledge' : 'monitoring.alarm.close')}
      okButtonProps={{ 'data-testid': `${prefix}-submit` }}
      cancelText={t('common.cancel')}
      confirmLoading={pending}
      destroyOnHidden
    >
      <Flex vertical gap={4} style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap align="center">
          <AlarmSeverityTag severity={alarm.severity} />
          <AlarmStation alarm={alarm} />
        </Flex>
        {reasons.map((reason, index) => (
          <Typography.Text key={index} type="secondary">
            {reason}
          </Typography.Text>
        ))}
      </Flex>
      {action === 'acknowledge' ? (
        <Typography.Paragraph>{t('monitoring.alarm.acknowledgeText')}</Typography.Paragraph>
      ) : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={action === 'close' ? { outcome: 'resolved' } : {}}
      >
        <ErrorAlert error={error} fieldLabels={labels} style={{ marginBottom: 12 }} />
        {action === 'close' ? (
          <Form.Item name="outcome" label={labels.outcome} rules={[{ required: true }]}>
            <Radio.Group data-testid="alarm-close-outcome">
              <Flex vertical gap={4}>
                <Radio value="resolved" data-testid="alarm-close-outcome-resolved">
                  {t('monitoring.alarm.outcomes.resolved')}
                </Radio>
                <Radio value="false_alarm" data-testid="alarm-close-outcome-false_alarm">
                  {t('monitoring.alarm.outcomes.false_alarm')}
                </Radio>
              </Flex>
            </Radio.Group>
          </Form.Item>
        ) : null}
        <Form.Item
          name="note"
          label={labels.note}
          rules={[
            { max: 2000, message: t('form.maxLength', { max: 2000 }) },
            ...(action === 'close'
              ? [{ required: true, whitespace: true, message: t('monitoring.alarm.noteRequired') }]
              : []),
          ]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            placeholder={t('monitoring.alarm.notePlaceholder')}
            data-testid="alarm-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * The buttons on one open alarm: acknowledge while raised and close (alarm managers), and open an incident from
 * it (those who may report incidents).
 */
export function AlarmActions({ alarm, size = 'small' }: { alarm: Alarm; size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [open, setOpen] = useState<{ action: AlarmAction; session: number } | null>(null);
  const manage = can(Permission.AlarmManage);
  if (!isOpenAlarm(alarm) || (!manage && !can(Permission.IncidentReport))) return null;
  const start = (action: AlarmAction) =>
    setOpen((current) => ({ action, session: (current?.session ?? 0) + 1 }));
  return (
    <Flex gap={6} wrap>
      {manage && alarm.state === 'raised' ? (
        <Button
          size={size}
          type="primary"
          icon={<CheckOutlined />}
          onClick={() => start('acknowledge')}
          data-testid={`alarm-ack-${alarm.id}`}
        >
          {t('monitoring.alarm.acknowledge')}
        </Button>
      ) : null}
      {manage ? (
        <Button
          size={size}
          icon={<StopOutlined />}
          onClick={() => start('close')}
          data-testid={`alarm-close-${alarm.id}`}
        >
          {t('monitoring.alarm.close')}
        </Button>
      ) : null}
      <OpenIncidentButton alarm={alarm} size={size} />
      {open ? (
        <AlarmActionModal
          key={open.session}
          alarm={alarm}
          action={open.action}
          onClose={() => setOpen(null)}
        />
      ) : null}
    </Flex>
  );
}

/** "5 phút trước", with the full date and time on hover. */
export function TimeAgo({ iso, now }: { iso: string; now: number }) {
  const language = useLanguage();
  const format = useFormat();
  return (
    <Tooltip title={format.dateTime(iso)}>
      <span style={{ whiteSpace: 'nowrap' }}>
        {relativeTime(iso, now, intlLocale(language)) || format.dateTime(iso)}
      </span>
    </Tooltip>
  );
}

/** Alarms as a compact list (the dashboard's side panel, a station's page): one row each, with its actions. */
export function AlarmRows({
  alarms,
  showStation = true,
}: {
  alarms: readonly Alarm[];
  showStation?: boolean;
}) {
  const { t } = useTranslation();
  const reasonsOf = useAlarmReasons();
  const peakText = usePeakText();
  const now = useNow(30_000);
  return (
    <div className="alarm-rows">
      {alarms.map((alarm) => {
        const reasons = reasonsOf(alarm);
        const peak = peakText(alarm);
        return (
          <div
            key={alarm.id}
            className={`alarm-row alarm-row-${alarm.severity}`}
            data-testid={`alarm-row-${alarm.id}`}
            data-state={alarm.state}
            data-severity={alarm.severity}
            data-station={alarm.station?.code ?? ''}
          >
            <Flex gap={8} wrap align="center" justify="space-between">
              <Flex gap={6} wrap align="center" style={{ minWidth: 0 }}>
                <AlarmSeverityTag severity={alarm.severity} />
                <AlarmStateTag state={alarm.state} />
                <span className="muted">{t(`monitoring.alarm.rules.${alarm.rule}`)}</span>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <TimeAgo iso={alarm.startedAt} now={now} />
              </Typography.Text>
            </Flex>
            {showStation ? (
              <div className="alarm-row-station">
                <AlarmStation alarm={alarm} />
              </div>
            ) : null}
            <div className="alarm-row-reasons">
              {reasons.length > 0 ? reasons.join(' · ') : t(`monitoring.alarm.causes.${alarm.cause}`)}
              {peak ? (
                <span className="muted">
                  {' '}
                  · {t('monitoring.alarm.peak')}: {peak}
                </span>
              ) : null}
            </div>
            {alarm.cause !== 'unexplained' ? (
              <Tag style={{ marginTop: 4 }}>{t(`monitoring.alarm.causes.${alarm.cause}`)}</Tag>
            ) : null}
            <div style={{ marginTop: 6 }}>
              <AlarmActions alarm={alarm} />
            </div>
          </div>
        );
      })}
    </div>
  );
}
