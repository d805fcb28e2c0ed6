import type { TFunction } from 'i18next';
import {
  INCIDENT_STATES,
  NOTICE_STATES,
  TASK_STATUSES,
  type IncidentState,
  type NoticeState,
  type TaskStatus,
} from '@sievert/core';
import { ApiError } from '../../app/api/client';

const oneOf =
  <T extends string>(values: readonly T[]) =>
  (value: unknown): value is T =>
    typeof value === 'string' && (values as readonly string[]).includes(value);
const isState = oneOf<IncidentState>(INCIDENT_STATES);
const isTaskStatus = oneOf<TaskStatus>(TASK_STATUSES);
const isNoticeState = oneOf<NoticeState>(NOTICE_STATES);

/** The parameters of incident errors that name a state, a task status or a notice state. */
const STATE_PARAMS = ['from', 'to', 'state', 'current'] as const;

/**
 * The server names states by their codes (`{from: 'response', to: 'closed', current: 'response'}`): the
 * message the user reads names them in words ("Đang ứng phó" → "Đã kết thúc"). Other errors pass unchanged.
 */
export function localiseIncidentError(error: unknown, t: TFunction): unknown {
  if (!(error instanceof ApiError) || typeof error.details !== 'object' || error.details === null)
    return error;
  const details = { ...(error.details as Record<string, unknown>) };
  let changed = false;
  for (const key of STATE_PARAMS) {
    const value = details[key];
    let words: string | null = null;
    if (error.code.startsWith('incident.task')) {
      if (isTaskStatus(value)) words = t(`incidents.tasks.statuses.${value}`);
    } else if (error.code.startsWith('incident.notice')) {
      if (isNoticeState(value)) words = t(`incidents.notices.states.${value}`);
    } else if (error.code.startsWith('incident.') && isState(value)) {
      words = t(`incidents.states.${value}`);
    }
    if (words !== null) {
      details[key] = words;
      changed = true;
    }
  }
  return changed ? new ApiError(error.status, error.code, error.message, details) : error;
}
