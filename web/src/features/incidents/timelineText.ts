/**
 * The words of the entries the system writes on a timeline. The server stores a Vietnamese sentence
 * ("Chuyển trạng thái: Đã đánh giá → Đang ứng phó") and, in `data`, the facts; the board says them in the
 * reader's language from the facts, and falls back on the stored sentence for anything it does not know.
 * Pure, tested in timelineText.test.ts.
 */
import type { TFunction } from 'i18next';
import {
  EXERCISE_LABEL,
  exerciseLabelled,
  INCIDENT_SEVERITIES,
  INCIDENT_STATES,
  TASK_STATUSES,
  type Incident,
  type IncidentSeverity,
  type IncidentState,
  type Locale,
  type TaskStatus,
  type TimelineEntry,
  type TimelineKind,
} from '@sievert/core';

const oneOf =
  <T extends string>(values: readonly T[]) =>
  (value: unknown): value is T =>
    typeof value === 'string' && (values as readonly string[]).includes(value);
const isState = oneOf<IncidentState>(INCIDENT_STATES);
const isTaskStatus = oneOf<TaskStatus>(TASK_STATUSES);
const isSeverity = oneOf<IncidentSeverity>(INCIDENT_SEVERITIES);

/**
 * The reasons after the stored head of an assessment written before they were put in `data`
 * ("Đánh giá: mức độ high, INES 2. <reasons>").
 */
const ASSESSMENT_TEXT = /^(?:\[[^\]]+\]\s*)?Đánh giá: mức độ [^,]*, INES [^.]*(?:\.\s*([\s\S]*))?$/;

export interface SystemTextContext {
  t: TFunction;
  language: Locale;
  incident: Pick<Incident, 'number' | 'exercise' | 'tasks' | 'notices' | 'clocks'>;
  /** A field of the incident by its API name, in words (the code itself when unknown). */
  fieldLabel: (name: string) => string;
  dateTime: (iso: string) => string;
  number: (value: number) => string;
}

type Words = (
  data: Record<string, unknown>,
  entry: TimelineEntry,
  context: SystemTextContext,
) => string | null;

const stateMove: Words = (data, _entry, { t }) => {
  if (data.event !== 'state' || !isState(data.from) || !isState(data.to)) return null;
  const move = t('incidents.timeline.events.state', {
    from: t(`incidents.states.${data.from}`),
    to: t(`incidents.states.${data.to}`),
  });
  return typeof data.reason === 'string'
    ? `${move} ${t('incidents.timeline.events.reason', { reason: data.reason })}`
    : move;
};

const reported: Words = (data, _entry, { t, incident }) =>
  data.event === 'reported' ? t('incidents.timeline.events.reported', { number: incident.number }) : null;

const taskEvent: Words = (data, _entry, { t, incident }) => {
  const task = incident.tasks.find((candidate) => candidate.id === data.taskId);
  if (!task) return null;
  if (data.event === 'task_assigned')
    return t('incidents.timeline.events.taskAssigned', {
      task: task.title,
      to: task.assigneeOrganisationName ?? task.ownerName ?? '—',
    });
  if (data.event === 'task_status' && isTaskStatus(data.from) && isTaskStatus(data.to))
    return t('incidents.timeline.events.taskStatus', {
      task: task.title,
      from: t(`incidents.tasks.statuses.${data.from}`),
      to: t(`incidents.tasks.statuses.${data.to}`),
    });
  return null;
};

/**
 * An assessment's reasons: from its facts (`reasons`, null for none), or, for an entry written before, from its
 * stored sentence; undefined when that sentence has a shape not known (better the stored text than lost reasons).
 */
function assessmentReasons(data: Record<string, unknown>, text: string): string | null | undefined {
  if (typeof data.reasons === 'string') return data.reasons.trim() || null;
  if (data.reasons === null) return null;
  const match = ASSESSMENT_TEXT.exec(text);
  return match ? match[1]?.trim() || null : undefined;
}

const decision: Words = (data, entry, { t, number }) => {
  if (data.event === 'assessment') {
    const reasons = assessmentReasons(data, entry.text);
    if (reasons === undefined) return null;
    const head = t('incidents.timeline.events.assessment', {
      severity: isSeverity(data.severity) ? t(`incidents.severities.${data.severity}`) : '—',
      ines: typeof data.ines === 'number' ? String(data.ines) : '—',
    });
    return reasons ? `${head} ${reasons}` : head;
  }
  if (data.event === 'commander') return t('incidents.timeline.events.commander');
  if (data.event === 'cordon_set' && typeof data.radiusM === 'number')
    return t('incidents.timeline.events.cordonSet', { radius: number(data.radiusM) });
  if (data.event === 'cordon_lifted') return t('incidents.timeline.events.cordonLifted');
  return null;
};

const logEvent: Words = (data, _entry, { t, fieldLabel }) => {
  if (data.event === 'edited' && Array.isArray(data.fields)) {
    const fields = data.fields.filter((field): field is string => typeof field === 'string');
    return t('incidents.timeline.events.edited', { fields: fields.map(fieldLabel).join(', ') });
  }
  if (data.event === 'ledger' && (data.transaction === 'loss_theft' || data.transaction === 'found'))
    return t(`incidents.timeline.events.ledger.${data.transaction}`);
  return null;
};

const clockEvent: Words = (data, _entry, { t, language, incident, dateTime }) => {
  const clock = incident.clocks.find((candidate) => candidate.code === data.code);
  if (!clock) return null;
  const obligation = clock.obligation[language];
  if (data.event === 'clock_met') return t('incidents.timeline.events.clockMet', { obligation });
  if (
    (data.event === 'clock_reminder' || data.event === 'clock_escalation') &&
    typeof data.dueAt === 'string'
  )
    return t(
      data.event === 'clock_reminder'
        ? 'incidents.timeline.events.clockReminder'
        : 'incidents.timeline.events.clockEscalation',
      { obligation, due: dateTime(data.dueAt) },
    );
  return null;
};

const noticeEvent: Words = (data, _entry, { t, incident }) => {
  const notice = incident.notices.find((candidate) => candidate.id === data.noticeId);
  if (!notice) return null;
  if (data.event === 'notice_drafted')
    return t('incidents.timeline.events.noticeDrafted', { title: notice.title });
  if (data.event === 'notice_approved')
    return t('incidents.timeline.events.noticeApproved', { title: notice.title });
  if (data.event === 'notice_submitted')
    return t('incidents.timeline.events.noticeSubmitted', { title: notice.title });
  if (data.event === 'notice_withdrawn')
    return t('incidents.timeline.events.noticeWithdrawn', {
      title: notice.title,
      reason: notice.withdrawReason ?? '',
    });
  return null;
};

const BY_KIND: Partial<Record<TimelineKind, readonly Words[]>> = {
  state: [stateMove, reported],
  task: [taskEvent],
  decision: [decision],
  log: [logEvent],
  clock: [clockEvent],
  notice: [noticeEvent],
};

function words(entry: TimelineEntry, context: SystemTextContext): string | null {
  const data = entry.data ?? {};
  for (const say of BY_KIND[entry.kind] ?? []) {
    const text = say(data, entry, context);
    if (text !== null) return text;
  }
  return null;
}

/** The entry's text in the reader's language (an exercise's carrying its label), or null for the stored one. */
export function systemEntryText(entry: TimelineEntry, context: SystemTextContext): string | null {
  const text = words(entry, context);
  if (text === null) return null;
  // A notice's title of an exercise already carries the label: once is enough.
  if (text.includes(EXERCISE_LABEL[context.language])) return text;
  return exerciseLabelled(text, context.incident.exercise, context.language);
}
