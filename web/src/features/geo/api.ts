import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Commune,
  CommunePopulationImportReport,
  DashboardSummary,
  Province,
  UpdateCommunePopulationBody,
} from '@sievert/core';
import { api } from '../../app/api/client';
import { useLanguage } from '../../app/i18n';
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

// ---------- commune population ----------

/** Sets (or clears, with null) a commune's population and the year and source of the figure. */
export function useUpdateCommunePopulation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: UpdateCommunePopulationBody }) =>
      api.patch<Commune>(`/geo/communes/${code}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['geo', 'communes'] }),
  });
}

export const MAX_POPULATION_IMPORT_BYTES = 2 * 1024 * 1024;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The import report as the shared import flow counts it: the communes whose figure changes are its writes. */
export type PopulationImportReport = CommunePopulationImportReport & { created: number };

async function uploadPopulation(file: File, dryRun: boolean, signal?: AbortSignal) {
  const format = /\.csv$/i.test(file.name) || file.type === 'text/csv' ? 'csv' : 'xlsx';
  const report = await api.upload<CommunePopulationImportReport>('/geo/communes/population', file, {
    contentType: format === 'csv' ? 'text/csv' : XLSX_TYPE,
    query: { format, dryRun },
    ...(signal ? { signal } : {}),
  });
  return { ...report, created: report.updated };
}

/** The dry run of a picked population file, again when the file or the language changes. */
export function usePopulationImportDryRun(picked: { file: File; pick: number } | null) {
  const language = useLanguage();
  return useQuery({
    queryKey: ['geo', 'population-import', 'dry-run', picked?.pick ?? 0, language],
    queryFn: ({ signal }) => uploadPopulation(picked!.file, true, signal),
    enabled: picked !== null,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
  });
}

/** Writes the file's valid rows. */
export function usePopulationImportCommit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadPopulation(file, false),
    onSuccess: () => client.invalidateQueries({ queryKey: ['geo', 'communes'] }),
  });
}
