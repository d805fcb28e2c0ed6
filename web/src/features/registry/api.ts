import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Device,
  DeviceListQuery,
  DevicePage,
  Facility,
  FacilityListQuery,
  FacilityPage,
  QaTest,
  Source,
  SourceListQuery,
  SourcePage,
  SourceTransaction,
} from '@sievert/core';
import { api } from '../../app/api/client';

/** Counts of sources by category and status in the caller's scope (GET /sources/summary). */
export interface SourceSummary {
  byCategory: Record<string, number>;
  byStatus: Record<string, number>;
  total: number;
}

export function useFacilities(query: FacilityListQuery, enabled = true) {
  return useQuery({
    queryKey: ['registry', 'facilities', 'list', query],
    queryFn: ({ signal }) => api.get<FacilityPage>('/facilities', { ...query }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useFacility(id: number | null | undefined) {
  return useQuery({
    queryKey: ['registry', 'facilities', 'one', id],
    queryFn: ({ signal }) => api.get<Facility>(`/facilities/${id}`, undefined, signal),
    enabled: typeof id === 'number',
    refetchOnWindowFocus: false,
  });
}

export function useSources(query: SourceListQuery, enabled = true) {
  return useQuery({
    queryKey: ['registry', 'sources', 'list', query],
    queryFn: ({ signal }) => api.get<SourcePage>('/sources', { ...query }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useSourceSummary() {
  return useQuery({
    queryKey: ['registry', 'sources', 'summary'],
    queryFn: ({ signal }) => api.get<SourceSummary>('/sources/summary', undefined, signal),
  });
}

export function useSource(id: number | null | undefined) {
  return useQuery({
    queryKey: ['registry', 'sources', 'one', id],
    queryFn: ({ signal }) => api.get<Source>(`/sources/${id}`, undefined, signal),
    enabled: typeof id === 'number',
    refetchOnWindowFocus: false,
  });
}

export function useSourceTransactions(id: number | null | undefined, enabled = true) {
  return useQuery({
    queryKey: ['registry', 'sources', 'ledger', id],
    queryFn: ({ signal }) => api.get<SourceTransaction[]>(`/sources/${id}/transactions`, undefined, signal),
    enabled: enabled && typeof id === 'number',
  });
}

export function useDevices(query: DeviceListQuery, enabled = true) {
  return useQuery({
    queryKey: ['registry', 'devices', 'list', query],
    queryFn: ({ signal }) => api.get<DevicePage>('/devices', { ...query }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useDevice(id: number | null | undefined) {
  return useQuery({
    queryKey: ['registry', 'devices', 'one', id],
    queryFn: ({ signal }) => api.get<Device>(`/devices/${id}`, undefined, signal),
    enabled: typeof id === 'number',
    refetchOnWindowFocus: false,
  });
}

export function useQaTests(deviceId: number | null | undefined) {
  return useQuery({
    queryKey: ['registry', 'devices', 'qa', deviceId],
    queryFn: ({ signal }) => api.get<QaTest[]>(`/devices/${deviceId}/qa-tests`, undefined, signal),
    enabled: typeof deviceId === 'number',
  });
}

/**
 * After any change in the registry or licensing: a licence changes a device's flags, a transfer changes two
 * facilities' lists, a new facility is an organisation on the dashboard map.
 */
export function useInvalidateRegistry() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['registry'] }),
      queryClient.invalidateQueries({ queryKey: ['licensing'] }),
      queryClient.invalidateQueries({ queryKey: ['organisations'] }),
      queryClient.invalidateQueries({ queryKey: ['dashboard'] }),
    ]);
}
