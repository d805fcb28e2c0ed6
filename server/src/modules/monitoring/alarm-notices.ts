/**
 * How an alarm is told to people: the notification (in the app, by e-mail, to webhooks) in Vietnamese first and
 * English, and the live update that refreshes open dashboards.
 */
import { fromCanonical, Permission, type Alarm, type AlarmRule } from '@sievert/core';
import type { LiveHub } from '../notifications/live-hub.js';
import type { NotificationService, PublishEvent } from '../notifications/notification.service.js';
import type { AlarmNotice } from './alarm.service.js';

/** An alarm's rule and severity in words (also the description of an incident opened from an alarm). */
export const RULES: Record<AlarmRule, { vi: string; en: string }> = {
  level: { vi: 'suất liều vượt ngưỡng', en: 'dose rate above a level' },
  baseline: {
    vi: 'suất liều cao bất thường so với nền của trạm',
    en: 'dose rate well above the station’s baseline',
  },
  rate_of_rise: { vi: 'suất liều tăng nhanh', en: 'dose rate rising fast' },
  offline: { vi: 'trạm mất tín hiệu', en: 'station silent' },
  data_quality: { vi: 'chất lượng số liệu kém', en: 'poor data quality' },
  neighbours: { vi: 'nhiều trạm lân cận cùng tăng', en: 'several neighbouring stations rising together' },
};

const KINDS: Record<AlarmNotice['kind'], { vi: string; en: string }> = {
  'alarm.raised': { vi: 'Cảnh báo mới', en: 'New alarm' },
  'alarm.escalated': { vi: 'Cảnh báo tăng mức', en: 'Alarm escalated' },
  'alarm.acknowledged': { vi: 'Cảnh báo đã được tiếp nhận', en: 'Alarm acknowledged' },
  'alarm.closed': { vi: 'Cảnh báo đã đóng', en: 'Alarm closed' },
  'alarm.reopened': { vi: 'Cảnh báo được mở lại', en: 'Alarm reopened' },
};

export const SEVERITY: Record<Alarm['severity'], { vi: string; en: string }> = {
  info: { vi: 'thông tin', en: 'information' },
  warning: { vi: 'chú ý', en: 'warning' },
  alert: { vi: 'báo động', en: 'alert' },
  emergency: { vi: 'khẩn cấp', en: 'emergency' },
};

/** "1,6 µSv/h" in Vietnamese, "1.6 µSv/h" in English. */
function microSievert(nSvPerHour: number, locale: 'vi' | 'en'): string {
  const r = fromCanonical('ambient_dose_rate', nSvPerHour, 'µSv/h');
  const [value, unit] = 'value' in r ? [r.value, 'µSv/h'] : [nSvPerHour, 'nSv/h'];
  const text = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    maximumSignificantDigits: 3,
  }).format(value);
  return `${text} ${unit}`;
}

/** The notification of an alarm notice. Built from stored values only (never from a station's free text). */
export function alarmEvent(notice: AlarmNotice): PublishEvent {
  const a = notice.alarm;
  const where = a.station
    ? {
        vi: `trạm ${a.station.name} (${a.station.code})`,
        en: `station ${a.station.name} (${a.station.code})`,
      }
    : { vi: `các trạm ${a.stations.join(', ')}`, en: `stations ${a.stations.join(', ')}` };
  const rule = RULES[a.rule];
  const peak =
    a.peakValue !== null
      ? { vi: microSievert(a.peakValue, 'vi'), en: microSievert(a.peakValue, 'en') }
      : null;
  const natural = a.cause === 'likely_natural_rain';
  const body = {
    vi: [
      `${KINDS[notice.kind].vi}: ${rule.vi} tại ${where.vi}.`,
      `Mức: ${SEVERITY[a.severity].vi}.`,
      peak ? `Giá trị cao nhất: ${peak.vi}.` : null,
      natural ? 'Có mưa gần trạm; dạng đỉnh giống rửa trôi tự nhiên (nhiều khả năng do tự nhiên).' : null,
      a.note ? `Ghi chú: ${a.note}` : null,
    ]
      .filter(Boolean)
      .join(' '),
    en: [
      `${KINDS[notice.kind].en}: ${rule.en} at ${where.en}.`,
      `Severity: ${SEVERITY[a.severity].en}.`,
      peak ? `Highest value: ${peak.en}.` : null,
      natural ? 'Rain near the station; the peak looks like natural washout (likely natural).' : null,
      a.note ? `Note: ${a.note}` : null,
    ]
      .filter(Boolean)
      .join(' '),
  };
  return {
    kind: notice.kind,
    severity: a.severity,
    communeCode: a.station?.communeCode ?? null,
    title: {
      vi: `${KINDS[notice.kind].vi} (${SEVERITY[a.severity].vi}): ${rule.vi} — ${a.station?.code ?? a.stations.join(', ')}`.slice(
        0,
        300,
      ),
      en: `${KINDS[notice.kind].en} (${SEVERITY[a.severity].en}): ${rule.en} — ${a.station?.code ?? a.stations.join(', ')}`.slice(
        0,
        300,
      ),
    },
    body,
    link: a.station ? `/monitoring/stations/${a.station.code}` : '/monitoring/alarms',
    data: {
      alarmId: a.id,
      rule: a.rule,
      cause: a.cause,
      state: a.state,
      stations: a.stations,
      peakValue: a.peakValue,
      unit: a.unit,
    },
    audience: { permission: Permission.AlarmRead },
  };
}

/** Wires the alarm service and the ingest path to people: notifications and live updates of dashboards. */
export function alarmNotifier(notifications: NotificationService, live: LiveHub) {
  return async (notice: AlarmNotice): Promise<void> => {
    live.broadcast('alarm', { id: notice.alarm.id, kind: notice.kind, state: notice.alarm.state });
    await notifications.publish(alarmEvent(notice));
  };
}
