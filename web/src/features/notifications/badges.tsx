import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { NOTIFICATION_SEVERITIES, type NotificationSeverity } from '@sievert/core';

export const SEVERITY_COLOURS: Record<NotificationSeverity, string> = {
  info: 'blue',
  warning: 'gold',
  alert: 'orange',
  emergency: 'red',
};

export function SeverityTag({ severity }: { severity: NotificationSeverity }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={SEVERITY_COLOURS[severity]}
      style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}
      data-testid="notification-severity"
      data-severity={severity}
    >
      {t(`notifications.severities.${severity}`)}
    </Tag>
  );
}

export function useSeverityOptions() {
  const { t } = useTranslation();
  return NOTIFICATION_SEVERITIES.map((severity) => ({
    value: severity,
    label: t(`notifications.severities.${severity}`),
  }));
}

/** Kinds offered in filters (any other kind can be typed); their labels live in the translations. */
export const SUGGESTED_KINDS = [
  'alarm.*',
  'alarm.raised',
  'alarm.escalated',
  'alarm.acknowledged',
  'alarm.closed',
  'alarm.reopened',
  'incident.*',
  'incident.reported',
  'incident.task_assigned',
  'incident.clock_due',
  'incident.clock_overdue',
] as const;

const kindKey = (kind: string) => kind.replace(/\.\*$/, '_all').replace(/\./g, '_');

/** "Cảnh báo quan trắc mới (alarm.raised)", or the kind itself when it has no label. */
export function useKindLabel(): (kind: string) => string {
  const { t, i18n } = useTranslation();
  return (kind) => {
    const key = `notifications.kinds.${kindKey(kind)}`;
    return i18n.exists(key) ? `${t(key as 'notifications.kinds.alarm_all')} (${kind})` : kind;
  };
}
