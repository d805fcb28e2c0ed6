import { useMutation, useQuery } from '@tanstack/react-query';
import type { Run, RunBody } from '@sievert/core';
import { api } from '../../app/api/client';

/** A stored dispersion run (runs never change once stored). */
export function useRun(id: number) {
  return useQuery({
    queryKey: ['emergency', 'runs', id],
    queryFn: ({ signal }) => api.get<Run>(`/emergency/runs/${id}`, undefined, signal),
    enabled: Number.isInteger(id) && id > 0,
    staleTime: Infinity,
  });
}

/** Stores a run: the server recomputes it with the same model and adds the communes in each zone. */
export function useSaveRun() {
  return useMutation({ mutationFn: (body: RunBody) => api.post<Run>('/emergency/runs', body) });
}
