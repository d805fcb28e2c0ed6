import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Alarm,
  AlarmListQuery,
  AlarmPage,
  MeasurementListQuery,
  MeasurementPage,
  NetworkView,
  Quantity,
  Series,
  SeriesQuery,
  Station,
  StationListQuery,
  StationPage,
  StationToken,
  ValidationState,
} from '@sievert/core';
import { api } from '../../app/api/client';

/** The pages of the monitoring domain: the network dashboard, the stations, the alarms. */
export const MONITORING_SECTIONS = ['overview', 'stations', 'alarms'] as const;
export type MonitoringSection = (typeof MONITORING_SECTIONS)[number];

export function monitoringPath(section: MonitoringSection = 'overview'): string {
  return section === 'overview' ? '/monitoring' : `/monitoring/${section}`;
}

/** The address of the stations list, or of one station's page. */
export function stationPath(code?: string): string {
  return code ? `/monitoring/stations/${encodeURIComponent(code)}` : '/monitoring/stations';
}

/** The alarms list, optionally filtered (`/monitoring/alarms?station=VN33001&state=open`). */
export function alarmsPath(filters: { station?: string; state?: string } = {}): string {
  const params = new URLSearchParams();
  if (filters.station) params.set('station', filters.station);
  if (filters.state) params.set('state', filters.state);
  const query = params.toString();
  return query ? `/monitoring/alarms?${query}` : '/monitoring/alarms';
}

/** How often the dashboard asks again when nothing pushes news (the 15 s and 30 s). */
export const NETWORK_REFRESH_MS = 15_000;
export const ALARMS_REFRESH_MS = 30_000;
const SERIES_REFRESH_MS = 60_000;

export const NETWORK_KEY = ['monitoring', 'network'] as const;
export const SERIES_KEY = ['monitoring', 'series'] as const;
export const MEASUREMENTS_KEY = ['monitoring', 'measurements'] as const;
export const ALARMS_KEY = ['monitoring', 'alarms'] as const;

/** Every station with its latest value, state and most severe open alarm: the map's first paint. */
export function useNetwork() {
  return useQuery({
    queryKey: NETWORK_KEY,
    queryFn: ({ signal }) => api.get<NetworkView>('/monitoring/network', undefined, signal),
    refetchInterval: NETWORK_REFRESH_MS,
  });
}

/**
 * A station's series for a window; the server picks the finest resolution that fits `maxPoints`. While the next
 * window loads, the chart keeps the previous one; a window that ends now is asked again every minute.
 */
export function useStationSeries(
  code: string,
  query: Required<Pick<SeriesQuery, 'quantity' | 'from' | 'to' | 'maxPoints'>>,
  options: { enabled?: boolean; live?: boolean } = {},
) {
  return useQuery({
    queryKey: [...SERIES_KEY, code, query],
    queryFn: ({ signal }) =>
      api.get<Series>(`/stations/${encodeURIComponent(code)}/series`, { ...query }, signal),
    placeholderData: keepPreviousData,
    enabled: (options.enabled ?? true) && code !== '',
    refetchInterval: options.live ? SERIES_REFRESH_MS : false,
  });
}

export function useStationMeasurements(code: string, query: MeasurementListQuery, enabled = true) {
  return useQuery({
    queryKey: [...MEASUREMENTS_KEY, code, query],
    queryFn: ({ signal }) =>
      api.get<MeasurementPage>(`/stations/${encodeURIComponent(code)}/measurements`, { ...query }, signal),
    placeholderData: keepPreviousData,
    enabled: enabled && code !== '',
  });
}

export function useAlarms(query: AlarmListQuery, enabled = true) {
  return useQuery({
    queryKey: [...ALARMS_KEY, 'list', query],
    queryFn: ({ signal }) => api.get<AlarmPage>('/alarms', { ...query }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: ALARMS_REFRESH_MS,
    enabled,
  });
}

/** After an alarm changed: the alarm lists and the map (which rings stations with open alarms). */
export function useInvalidateAlarms() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ALARMS_KEY }),
      queryClient.invalidateQueries({ queryKey: NETWORK_KEY }),
    ]);
}

export function useAcknowledgeAlarm() {
  const invalidate = useInvalidateAlarms();
  return useMutation({
    mutationFn: ({ alarm, note }: { alarm: Alarm; note?: string }) =>
      api.post<Alarm>(`/alarms/${alarm.id}/acknowledge`, note ? { note } : {}),
    onSuccess: invalidate,
  });
}

export function useCloseAlarm() {
  const invalidate = useInvalidateAlarms();
  return useMutation({
    mutationFn: ({
      alarm,
      outcome,
      note,
    }: {
      alarm: Alarm;
      outcome: 'resolved' | 'false_alarm';
      note?: string;
    }) => api.post<Alarm>(`/alarms/${alarm.id}/close`, note ? { outcome, note } : { outcome }),
    onSuccess: invalidate,
  });
}

export interface ValidationRequest {
  quantity: Quantity;
  /** ISO date-times, inclusive ends of measuring periods. */
  from: string;
  to: string;
  decision: ValidationState;
  note?: string;
}

export function useValidateMeasurements(code: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ValidationRequest) =>
      api.post<{ changed: number }>(`/stations/${encodeURIComponent(code)}/measurements/validate`, request),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: [...SERIES_KEY, code] }),
        queryClient.invalidateQueries({ queryKey: [...MEASUREMENTS_KEY, code] }),
      ]),
  });
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
