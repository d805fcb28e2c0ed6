import { keepPreviousData, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Inspection,
  InspectionListQuery,
  InspectionPage,
  User,
  UserListQuery,
  UserPage,
} from '@sievert/core';
import { api, API_BASE } from '../../app/api/client';

export function useInspections(query: InspectionListQuery, enabled = true) {
  return useQuery({
    queryKey: ['inspections', 'list', query],
    queryFn: ({ signal }) => api.get<InspectionPage>('/inspections', { ...query }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useInspection(id: number | null | undefined) {
  return useQuery({
    queryKey: ['inspections', 'one', id],
    queryFn: ({ signal }) => api.get<Inspection>(`/inspections/${id}`, undefined, signal),
    enabled: typeof id === 'number',
    refetchOnWindowFocus: false,
  });
}

/** After any change to an inspection or its findings: the plan, the record and the dashboard counts. */
export function useInvalidateInspections() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['inspections'] }),
      queryClient.invalidateQueries({ queryKey: ['dashboard'] }),
    ]);
}

/** The inspection record (biên bản kiểm tra): a Word document to edit and sign, or printable HTML. */
export function inspectionRecordUrl(id: number, format: 'docx' | 'html' = 'docx'): string {
  return `${API_BASE}/inspections/${id}/record?format=${format}`;
}

/**
 * Roles offered for an inspection team. The server also accepts administrators, but they are not inspectors;
 * a team member without one of these roles is refused (`/teamUserIds/n`).
 */
export const INSPECTOR_ROLES = ['inspector', 'dost_officer', 'dost_leader'] as const;

/**
 * Every active user who may sit on an inspection team (a province's Department has a few dozen): loaded once,
 * filtered in the browser, so a chosen member keeps its name while the user searches for another.
 */
export function useInspectorCandidates(enabled = true): { users: User[]; loading: boolean; error: unknown } {
  return useQueries({
    queries: INSPECTOR_ROLES.map((role) => {
      const query: UserListQuery = { role, status: 'active', limit: 500, offset: 0 };
      return {
        queryKey: ['users', 'list', query],
        queryFn: ({ signal }: { signal: AbortSignal }) => api.get<UserPage>('/users', { ...query }, signal),
        enabled,
        staleTime: 5 * 60_000,
      };
    }),
    combine: (results) => {
      const byId = new Map<number, User>();
      for (const result of results) for (const user of result.data?.items ?? []) byId.set(user.id, user);
      return {
        users: [...byId.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, 'vi')),
        loading: results.some((result) => result.isPending && enabled),
        error: results.find((result) => result.isError)?.error ?? null,
      };
    },
  });
}
