import { useQuery } from '@tanstack/react-query';
import type { Commune, DashboardSummary, Province } from '@sievert/core';
import { api } from '../../app/api/client';
import type { CommuneShapes } from '../../ui/map/ProvinceMap';

// Administrative geography changes by resolution, not by the minute: read once per session.
const GEO_STALE = 60 * 60_000;

export function useCommunes() {
  return useQuery({
    queryKey: ['geo', 'communes'],
    queryFn: ({ signal }) => api.get<Commune[]>('/geo/communes', undefined, signal),
    staleTime: GEO_STALE,
  });
}

export function useCommuneShapes() {
  return useQuery({
    queryKey: ['geo', 'communes.geojson'],
    queryFn: ({ signal }) => api.get<CommuneShapes>('/geo/communes.geojson', undefined, signal),
    staleTime: GEO_STALE,
  });
}

export function useProvince() {
  return useQuery({
    queryKey: ['geo', 'province'],
    queryFn: ({ signal }) => api.get<Province>('/geo/province', undefined, signal),
    staleTime: GEO_STALE,
  });
}

export function useDashboard() {
  return useQuery({
    queryKey: ['dashboard'],
    queryFn: ({ signal }) => api.get<DashboardSummary>('/dashboard', undefined, signal),
    staleTime: 60_000,
  });
}

export function communeLabel(
  commune: Pick<Commune, 'fullName' | 'fullNameEn'>,
  language: 'vi' | 'en',
): string {
  return language === 'en' ? commune.fullNameEn : commune.fullName;
}
