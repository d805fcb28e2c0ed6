/**
 * The incident lifecycle: reported → assessed → response → recovery → closed, with the two short cuts the
 * work needs (closing a report that is no incident or a duplicate, before any response) and reopening a closed
 * incident into response. Each move states what it needs: a severity to be assessed, a final report to close
 * after recovery, a reason to close early or to reopen.
 */
import type { IncidentState, TaskStatus } from './model.js';

export const INCIDENT_TRANSITIONS: Readonly<Record<IncidentState, readonly IncidentState[]>> = {
  reported: ['assessed', 'closed'],
  assessed: ['response', 'closed'],
  response: ['recovery'],
  recovery: ['closed'],
  closed: ['response'],
};

/** The states an incident may move to from `state`. */
export function nextStates(state: IncidentState): readonly IncidentState[] {
  return INCIDENT_TRANSITIONS[state];
}

/** What the move carries, merged with what the incident already has (a severity set earlier counts). */
export interface TransitionPayload {
  severity?: string | null | undefined;
  finalReport?: string | null | undefined;
  reason?: string | null | undefined;
}

export type TransitionCode =
  | 'incident.transition_not_allowed'
  | 'incident.assessment_required'
  | 'incident.final_report_required'
  | 'incident.reason_required';

export type TransitionCheck =
  | { ok: true; reopening: boolean; closing: boolean }
  | {
      ok: false;
      code: TransitionCode;
      params: { from: IncidentState; to: IncidentState; field?: string };
    };

const present = (text: string | null | undefined) => typeof text === 'string' && text.trim() !== '';

/** Whether `from → to` is allowed with this payload; the refusal names the current state and the missing field. */
export function checkTransition(
  from: IncidentState,
  to: IncidentState,
  payload: TransitionPayload = {},
): TransitionCheck {
  if (!INCIDENT_TRANSITIONS[from].includes(to))
    return { ok: false, code: 'incident.transition_not_allowed', params: { from, to } };
  if (to === 'assessed' && !present(payload.severity))
    return { ok: false, code: 'incident.assessment_required', params: { from, to, field: '/severity' } };
  if (to === 'closed' && from === 'recovery' && !present(payload.finalReport))
    return { ok: false, code: 'incident.final_report_required', params: { from, to, field: '/finalReport' } };
  // Closing before any response (no incident, a duplicate) and reopening are decisions someone must explain.
  const early = to === 'closed' && (from === 'reported' || from === 'assessed');
  const reopening = from === 'closed';
  if ((early || reopening) && !present(payload.reason))
    return { ok: false, code: 'incident.reason_required', params: { from, to, field: '/reason' } };
  return { ok: true, reopening, closing: to === 'closed' };
}

/** Task statuses: the assignee acknowledges, works and finishes; the command may cancel or reopen. */
export const TASK_TRANSITIONS: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  assigned: ['acknowledged', 'in_progress', 'done', 'cancelled'],
  acknowledged: ['in_progress', 'done', 'cancelled'],
  in_progress: ['done', 'cancelled'],
  done: ['in_progress'],
  cancelled: ['assigned'],
};

/** Moves only the command makes (cancel a task, reopen a finished or cancelled one). */
export function taskMoveNeedsCommand(from: TaskStatus, to: TaskStatus): boolean {
  return to === 'cancelled' || from === 'done' || from === 'cancelled';
}

export function canMoveTask(from: TaskStatus, to: TaskStatus): boolean {
  return TASK_TRANSITIONS[from].includes(to);
}
