import { keepPreviousData, useMutation, useQueries, useQuery } from '@tanstack/react-query';
import type { Run, RunBody, RunExportFormat, RunListQuery, RunPage, WeatherResponse } from '@sievert/core';
import { api, API_BASE } from '../../app/api/client';

/** A stored dispersion run (runs never change once stored). */
export function useRun(id: number) {
  return useQuery({
    queryKey: ['emergency', 'runs', id],
    queryFn: ({ signal }) => api.get<Run>(`/emergency/runs/${id}`, undefined, signal),
    enabled: Number.isInteger(id) && id > 0,
    staleTime: Infinity,
  });
}

/** Several stored runs at once (the comparison), in the order of `ids`. */
export function useRuns(ids: readonly number[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: ['emergency', 'runs', id],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<Run>(`/emergency/runs/${id}`, undefined, signal),
      staleTime: Infinity,
    })),
  });
}

/** Stores a run: the server recomputes it with the same model and adds the communes in each zone. */
export function useSaveRun() {
  return useMutation({ mutationFn: (body: RunBody) => api.post<Run>('/emergency/runs', body) });
}

/** Stored runs, newest first. */
export function useRunList(query: RunListQuery) {
  return useQuery({
    queryKey: ['emergency', 'runs', 'list', query],
    queryFn: ({ signal }) => api.get<RunPage>('/emergency/runs', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

/** The nearest stations that report wind or rain (at most 5), asked only when the officer opens the list. */
export function useNearbyWeather(point: { lat: number; lon: number } | null, enabled: boolean) {
  return useQuery({
    queryKey: ['emergency', 'weather', point?.lat, point?.lon],
    queryFn: ({ signal }) =>
      api.get<WeatherResponse>('/emergency/weather', { lat: point!.lat, lon: point!.lon }, signal),
    enabled: enabled && point !== null,
    staleTime: 60_000,
  });
}

/** The server's file of a stored run: a plain link, so the session cookie goes with it and the browser saves it. */
export function runExportUrl(id: number, format: RunExportFormat): string {
  return `${API_BASE}/emergency/runs/${id}/export?format=${format}`;
}
