/**
 * The words of incident work: kinds, lifecycle states, where a report came from, severities, task and notice
 * states, and the kinds of timeline entries. Plain lists so schemas, the server and the web share them.
 */

export const INCIDENT_KINDS = [
  'lost_source',
  'found_source',
  'contamination',
  'overexposure',
  'transport_accident',
  'fire',
  'abnormal_reading',
  'security_event',
  'external_emergency',
] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export const INCIDENT_STATES = ['reported', 'assessed', 'response', 'recovery', 'closed'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

/** A facility's report form, a monitoring alarm, a hotline call typed in, an inspection finding, an officer. */
export const INCIDENT_ORIGINS = ['facility_report', 'alarm', 'hotline', 'inspection', 'officer'] as const;
export type IncidentOrigin = (typeof INCIDENT_ORIGINS)[number];

export const INCIDENT_SEVERITIES = ['low', 'moderate', 'high', 'critical'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

/** The International Nuclear and Radiological Event Scale: 0 (deviation) to 7 (major accident). */
export const INES_MIN = 0;
export const INES_MAX = 7;

/** `assigned` → `acknowledged` → `in_progress` → `done`; `cancelled` by the command. */
export const TASK_STATUSES = ['assigned', 'acknowledged', 'in_progress', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Who a task is for, when no organisation in the system is named (or to group tasks on the board). */
export const AGENCY_KINDS = [
  'police',
  'fire_rescue',
  'health',
  'environment',
  'commune',
  'facility',
  'dost',
  'other',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export const TIMELINE_KINDS = [
  'log',
  'decision',
  'measurement',
  'message',
  'attachment',
  'state',
  'task',
  'clock',
  'notice',
  'run',
  'exercise',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** The kinds people type in; the others are written by the system when something happens. */
export const TIMELINE_USER_KINDS = ['log', 'decision', 'measurement', 'message'] as const;
export type TimelineUserKind = (typeof TIMELINE_USER_KINDS)[number];

/** Public notices: drafted by the command, approved by a leader; issue 7 publishes approved ones. */
export const NOTICE_STATES = ['draft', 'submitted', 'approved', 'withdrawn'] as const;
export type NoticeState = (typeof NOTICE_STATES)[number];

export const CLOCK_STATES = ['running', 'due_soon', 'overdue', 'met'] as const;
export type ClockState = (typeof CLOCK_STATES)[number];

/** Largest attachment kept in the database with the incident. */
export const INCIDENT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** The label every page, notice and message of an exercise carries. */
export const EXERCISE_LABEL = { vi: '[DIỄN TẬP]', en: '[EXERCISE]' } as const;

/** Prefixes a text with the exercise label when the incident is an exercise (never twice). */
export function exerciseLabelled(text: string, exercise: boolean, lang: 'vi' | 'en'): string {
  if (!exercise) return text;
  const label = EXERCISE_LABEL[lang];
  return text.startsWith(label) ? text : `${label} ${text}`;
}
