import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { NUCLIDES, type PutUnsealedBody, type UnsealedListQuery, type UnsealedRecord } from '@sievert/core';
import { api, apiRequest } from '../../../app/api/client';

/** Nuclides recorded as monthly quantities (nuclear medicine): the reference data's unsealed ones. */
export const UNSEALED_NUCLIDES: readonly string[] = NUCLIDES.filter((n) => !n.sealed).map((n) => n.name);

const keys = {
  all: ['registry', 'unsealed'] as const,
  list: (query: UnsealedListQuery) => ['registry', 'unsealed', 'list', query] as const,
};

export function useUnsealed(query: UnsealedListQuery, enabled = true) {
  return useQuery({
    queryKey: keys.list(query),
    queryFn: ({ signal }) => api.get<UnsealedRecord[]>('/unsealed', { ...query }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One record per facility, nuclide and month: a second report for the same month replaces the first. */
export function usePutUnsealed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PutUnsealedBody) => apiRequest<UnsealedRecord>('PUT', '/unsealed', { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}
