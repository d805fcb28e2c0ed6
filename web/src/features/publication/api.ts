import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Notice,
  NoticeQueue,
  NoticeState,
  NoticeWithdrawBody,
  PublicationRuleBody,
  PublicationRules,
} from '@sievert/core';
import { api, apiRequest } from '../../app/api/client';
import { INCIDENTS_KEY } from '../incidents/api';

const RULES_KEY = ['publication', 'rules'] as const;
export const NOTICE_QUEUE_KEY = ['publication', 'notices'] as const;

/** The network's default rule and the stations' own rules (station.read). */
export function usePublicationRules(enabled = true) {
  return useQuery({
    queryKey: RULES_KEY,
    queryFn: ({ signal }) => api.get<PublicationRules>('/publication/rules', undefined, signal),
    enabled,
  });
}

/** Sets the network's rule (no station) or a station's; the server answers with every rule as it now stands. */
export function useSetPublicationRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PublicationRuleBody) =>
      apiRequest<PublicationRules>('PUT', '/publication/rules', { body }),
    onSuccess: (rules) => queryClient.setQueryData(RULES_KEY, rules),
  });
}

/** Drops a station's own rule: the station follows the network's rule again. */
export function useDeletePublicationRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (station: string) =>
      api.delete<PublicationRules>(`/publication/rules/${encodeURIComponent(station)}`),
    onSuccess: (rules) => queryClient.setQueryData(RULES_KEY, rules),
  });
}

/**
 * The notices of the given states (the API filters by one state at a time, so one request per state), for
 * those who command incidents or approve notices.
 */
export function useNoticeQueue(states: readonly NoticeState[], enabled = true) {
  return useQueries({
    queries: states.map((state) => ({
      queryKey: [...NOTICE_QUEUE_KEY, state],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<NoticeQueue>('/publication/notices', { state }, signal),
      enabled,
    })),
    combine: (results) => ({
      lists: results.map((result) => result.data?.notices ?? []),
      isPending: results.some((result) => result.isPending),
      isFetching: results.some((result) => result.isFetching),
      error: results.find((result) => result.isError)?.error ?? null,
      refetch: () => Promise.all(results.map((result) => result.refetch())),
    }),
  });
}

interface NoticeRef {
  incidentId: number;
  noticeId: number;
}

const noticePath = ({ incidentId, noticeId }: NoticeRef, action: 'submit' | 'approve' | 'withdraw') =>
  `/incidents/${incidentId}/notices/${noticeId}/${action}`;

/** A move of a notice: the queue and the incident boards both show it, so both are asked again. */
function useNoticeMutation<A extends NoticeRef>(fn: (args: A) => Promise<Notice>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: NOTICE_QUEUE_KEY }),
        queryClient.invalidateQueries({ queryKey: INCIDENTS_KEY }),
      ]),
  });
}

/** Draft → submitted (incident.manage). */
export function useSubmitNotice() {
  return useNoticeMutation((ref: NoticeRef) => api.post<Notice>(noticePath(ref, 'submit'), {}));
}

/** → approved: published on the public portal at once (incident.notice_approve). */
export function useApproveNotice() {
  return useNoticeMutation((ref: NoticeRef) => api.post<Notice>(noticePath(ref, 'approve'), {}));
}

/** Draft, submitted or approved → withdrawn, with the reason (incident.notice_approve). */
export function useWithdrawNotice() {
  return useNoticeMutation((ref: NoticeRef & NoticeWithdrawBody) =>
    api.post<Notice>(noticePath(ref, 'withdraw'), { reason: ref.reason }),
  );
}
