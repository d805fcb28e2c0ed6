/**
 * The words of incident notifications, Vietnamese first and English, built from stored values. An exercise's
 * every title and message carries the exercise label, so that nobody takes a drill for the real thing.
 */
import { viDateTime } from '../emergency/run-summary.js';
import {
  exerciseLabelled,
  type Bilingual,
  type IncidentClockDefinition,
  type IncidentKind,
  type NotificationSeverity,
} from '@sievert/core';
import type { PublishEvent } from '../notifications/notification.service.js';

export const INCIDENT_KIND_NAMES: Record<IncidentKind, Bilingual> = {
  lost_source: { vi: 'Mất hoặc bị trộm nguồn phóng xạ', en: 'Lost or stolen source' },
  found_source: { vi: 'Phát hiện nguồn phóng xạ vô chủ', en: 'Found orphan source' },
  contamination: { vi: 'Nhiễm bẩn phóng xạ', en: 'Radioactive contamination' },
  overexposure: { vi: 'Chiếu xạ quá liều', en: 'Overexposure' },
  transport_accident: { vi: 'Tai nạn vận chuyển', en: 'Transport accident' },
  fire: { vi: 'Cháy tại cơ sở bức xạ', en: 'Fire at a facility' },
  abnormal_reading: { vi: 'Số liệu quan trắc bất thường', en: 'Abnormal monitoring readings' },
  security_event: { vi: 'Sự cố an ninh', en: 'Security event' },
  external_emergency: { vi: 'Sự cố ngoài tỉnh có thể ảnh hưởng', en: 'Emergency outside the province' },
};

/** What every incident message needs to know about the incident. */
export interface IncidentHeadline {
  id: number;
  number: string;
  kind: IncidentKind;
  title: string;
  exercise: boolean;
  communeCode: string | null;
  organisationId: number | null;
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Labels both languages of a text for an exercise. */
export function labelled(text: Bilingual, exercise: boolean): Bilingual {
  return { vi: exerciseLabelled(text.vi, exercise, 'vi'), en: exerciseLabelled(text.en, exercise, 'en') };
}

function event(
  incident: IncidentHeadline,
  kind: string,
  severity: NotificationSeverity,
  title: Bilingual,
  body: Bilingual,
  extra: Pick<PublishEvent, 'audience' | 'organisationId'> & { data?: Record<string, unknown> },
): PublishEvent {
  const t = labelled(title, incident.exercise);
  const b = labelled(body, incident.exercise);
  return {
    kind,
    severity,
    communeCode: incident.communeCode,
    organisationId: extra.organisationId ?? null,
    title: { vi: clip(t.vi, 300), en: clip(t.en, 300) },
    body: { vi: clip(b.vi, 5000), en: clip(b.en, 5000) },
    link: `/incidents/${incident.id}`,
    data: {
      incidentId: incident.id,
      number: incident.number,
      kind: incident.kind,
      exercise: incident.exercise,
      ...extra.data,
    },
    ...(extra.audience ? { audience: extra.audience } : {}),
  };
}

/** A new incident, to the Department's staff and the commune officers of the place. */
export function reportedEvent(incident: IncidentHeadline, reporter: string): PublishEvent {
  const kind = INCIDENT_KIND_NAMES[incident.kind];
  return event(
    incident,
    'incident.reported',
    'alert',
    {
      vi: `Sự cố mới ${incident.number}: ${kind.vi} — ${incident.title}`,
      en: `New incident ${incident.number}: ${kind.en} — ${incident.title}`,
    },
    {
      vi: `${kind.vi}. Người báo cáo: ${reporter}. Mở bảng điều hành sự cố để đánh giá và giao nhiệm vụ.`,
      en: `${kind.en}. Reported by ${reporter}. Open the incident board to assess it and give tasks.`,
    },
    { audience: { roles: ['dost_officer', 'dost_leader', 'commune_officer'] } },
  );
}

/** A task given to an organisation (or a person), to its people. */
export function taskAssignedEvent(
  incident: IncidentHeadline,
  task: { id: number; title: string; dueAt: string | null; assigneeOrganisationId: number | null },
  userIds: readonly number[],
  timeZone: string,
): PublishEvent {
  const when = task.dueAt ? dueWords(task.dueAt, timeZone) : null;
  const due = when ? { vi: ` Hạn: ${when.vi}.`, en: ` Due: ${when.en}.` } : { vi: '', en: '' };
  return event(
    incident,
    'incident.task_assigned',
    'alert',
    {
      vi: `Nhiệm vụ mới — sự cố ${incident.number}: ${task.title}`,
      en: `New task — incident ${incident.number}: ${task.title}`,
    },
    {
      vi: `Đơn vị của bạn được giao nhiệm vụ "${task.title}" trong sự cố ${incident.number} (${incident.title}).${due.vi} Hãy xác nhận đã nhận nhiệm vụ.`,
      en: `Your organisation was given the task "${task.title}" in incident ${incident.number} (${incident.title}).${due.en} Please acknowledge it.`,
    },
    {
      organisationId: task.assigneeOrganisationId,
      audience: { userIds },
      data: { taskId: task.id },
    },
  );
}

/** A statutory deadline coming (reminder) or passed (escalation). */
export function clockEvent(
  incident: IncidentHeadline,
  clock: IncidentClockDefinition,
  dueAt: string,
  which: 'due' | 'overdue',
  userIds: readonly number[],
  timeZone: string,
): PublishEvent {
  const due = which === 'due';
  const when = dueWords(dueAt, timeZone);
  return event(
    incident,
    due ? 'incident.clock_due' : 'incident.clock_overdue',
    due ? 'warning' : 'alert',
    {
      vi: `${due ? 'Sắp đến hạn' : 'Quá hạn'} — sự cố ${incident.number}: ${clock.obligation.vi}`,
      en: `${due ? 'Deadline near' : 'Deadline passed'} — incident ${incident.number}: ${clock.obligation.en}`,
    },
    {
      vi: `${clock.obligation.vi}. Hạn: ${when.vi}${due ? '' : ' (đã quá hạn, chưa ghi nhận hoàn thành)'}.`,
      en: `${clock.obligation.en}. Due: ${when.en}${due ? '' : ' (passed, not recorded as met)'}.`,
    },
    {
      organisationId: incident.organisationId,
      audience: { userIds },
      data: { clock: clock.code, dueAt },
    },
  );
}

/** A deadline as people read it, in the province's time: `15:00 ngày 28/11/2026 (GMT+7)` / `28 Nov 2026, 15:00 GMT+7`. */
function dueWords(iso: string, timeZone: string): Bilingual {
  const en = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'shortOffset',
  }).format(new Date(iso));
  return { vi: viDateTime(iso, timeZone), en };
}
