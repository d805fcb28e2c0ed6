import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Station, StationListQuery, StationPage, StationToken } from '@sievert/core';
import { api } from '../../app/api/client';

/** The address of the stations list, or of one station's page. */
export function stationPath(code?: string): string {
  return code ? `/monitoring/stations/${encodeURIComponent(code)}` : '/monitoring';
}

export function useStations(query: StationListQuery) {
  return useQuery({
    queryKey: ['monitoring', 'stations', 'list', query],
    queryFn: ({ signal }) => api.get<StationPage>('/stations', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useStation(code: string | null | undefined) {
  return useQuery({
    queryKey: ['monitoring', 'stations', 'one', code],
    queryFn: ({ signal }) =>
      api.get<Station>(`/stations/${encodeURIComponent(code ?? '')}`, undefined, signal),
    enabled: typeof code === 'string' && code !== '',
    refetchOnWindowFocus: false,
  });
}

export function useStationTokens(code: string, enabled = true) {
  return useQuery({
    queryKey: ['monitoring', 'stations', 'tokens', code],
    queryFn: ({ signal }) =>
      api.get<StationToken[]>(`/stations/${encodeURIComponent(code)}/tokens`, undefined, signal),
    enabled,
  });
}

/** After a change: every station list and page (and their tokens) load again. */
export function useInvalidateStations() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['monitoring', 'stations'] });
}
