import type { Notice, NoticeState } from '@sievert/core';

/** The views of the notice queue: awaiting approval (drafts and submitted), published, withdrawn. */
export const NOTICE_FILTERS = ['pending', 'approved', 'withdrawn'] as const;
export type NoticeFilter = (typeof NOTICE_FILTERS)[number];

/** The states each view asks the server for (the API filters by one state at a time). */
export const FILTER_STATES: Record<NoticeFilter, readonly NoticeState[]> = {
  pending: ['draft', 'submitted'],
  approved: ['approved'],
  withdrawn: ['withdrawn'],
};

export function isNoticeFilter(value: string | null): value is NoticeFilter {
  return (NOTICE_FILTERS as readonly (string | null)[]).includes(value);
}

/** Several answers as one list, newest draft first, each notice once. */
export function mergeNewestFirst<T extends Pick<Notice, 'id' | 'createdAt'>>(lists: readonly T[][]): T[] {
  const byId = new Map<number, T>();
  for (const list of lists) for (const notice of list) byId.set(notice.id, notice);
  return [...byId.values()].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id);
}

export interface NoticeRights {
  /** Send a draft for approval (incident.manage). */
  submit: boolean;
  /** Approve (publish at once) and withdraw (incident.notice_approve). */
  approve: boolean;
}

/** Which buttons a notice shows: the moves its state allows and the user may make (the server checks again). */
export function noticeMoves(
  state: NoticeState,
  rights: NoticeRights,
): { submit: boolean; approve: boolean; withdraw: boolean } {
  return {
    submit: rights.submit && state === 'draft',
    approve: rights.approve && (state === 'draft' || state === 'submitted'),
    withdraw: rights.approve && state !== 'withdrawn',
  };
}
