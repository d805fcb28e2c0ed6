import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  IsotopeImportReport,
  IsotopeSample,
  IsotopeSampleListQuery,
  IsotopeSamplePage,
  IsotopeSamplingPoint,
  IsotopeSummary,
} from '@sievert/core';
import { api, API_BASE } from '../../../app/api/client';
import { useLanguage } from '../../../app/i18n';

export type IsotopeSection = 'samples' | 'analysis' | 'import';
export const ISOTOPE_SECTIONS: readonly IsotopeSection[] = ['samples', 'analysis', 'import'];

/** `/monitoring/isotopes`, `/monitoring/isotopes/analysis?river=…`, `/monitoring/isotopes/import`. */
export function isotopePath(section: IsotopeSection = 'samples', river?: string | null): string {
  const base = section === 'samples' ? '/monitoring/isotopes' : `/monitoring/isotopes/${section}`;
  return river ? `${base}?river=${encodeURIComponent(river)}` : base;
}

export function useIsotopeSamples(query: IsotopeSampleListQuery) {
  return useQuery({
    queryKey: ['isotopes', 'samples', query],
    queryFn: ({ signal }) => api.get<IsotopeSamplePage>('/isotopes/samples', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useIsotopeSample(id: number | null) {
  return useQuery({
    queryKey: ['isotopes', 'sample', id],
    queryFn: ({ signal }) => api.get<IsotopeSample>(`/isotopes/samples/${id ?? 0}`, undefined, signal),
    enabled: id !== null,
    refetchOnWindowFocus: false,
  });
}

export function useIsotopePoints() {
  return useQuery({
    queryKey: ['isotopes', 'points'],
    queryFn: ({ signal }) => api.get<IsotopeSamplingPoint[]>('/isotopes/points', undefined, signal),
    staleTime: 60_000,
  });
}

/** Every river (no `river`), or one river with all its samples (`series`) for the charts. */
export function useIsotopeSummary(river?: string | null) {
  return useQuery({
    queryKey: ['isotopes', 'summary', river ?? null],
    queryFn: ({ signal }) =>
      api.get<IsotopeSummary>('/isotopes/summary', river ? { river } : undefined, signal),
    placeholderData: keepPreviousData,
  });
}

/** After a change: every isotope list, summary and point count loads again. */
export function useInvalidateIsotopes() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['isotopes'] });
}

export function useDeleteIsotopeSample() {
  const invalidate = useInvalidateIsotopes();
  return useMutation({
    mutationFn: (sample: IsotopeSample) =>
      api.delete(`/isotopes/samples/${sample.id}?version=${sample.version}`),
    onSuccess: () => invalidate(),
  });
}

/** The rivers the points lie on, Vietnamese name first, each once. */
export function riversOf(
  points: readonly IsotopeSamplingPoint[] | undefined,
): Array<{ vi: string; en: string | null }> {
  const seen = new Map<string, { vi: string; en: string | null }>();
  for (const p of points ?? [])
    if (p.riverVi && !seen.has(p.riverVi)) seen.set(p.riverVi, { vi: p.riverVi, en: p.riverEn });
  return [...seen.values()].sort((a, b) => a.vi.localeCompare(b.vi, 'vi'));
}

// ---------- import ----------

export const MAX_ISOTOPE_IMPORT_BYTES = 20 * 1024 * 1024;
export const ISOTOPE_TEMPLATE_URL = `${API_BASE}/isotopes/import/template.xlsx`;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function formatOf(file: File): 'csv' | 'xlsx' {
  return /\.csv$/i.test(file.name) || file.type === 'text/csv' ? 'csv' : 'xlsx';
}

export interface PickedFile {
  file: File;
  /** A new number for every pick: the same file chosen again is checked again. */
  pick: number;
}

/** The dry run of a picked file, again when the file or the language changes (the messages are the server's). */
export function useIsotopeImportDryRun(picked: PickedFile | null) {
  const language = useLanguage();
  return useQuery({
    queryKey: ['isotope-import', 'dry-run', picked?.pick ?? 0, language],
    queryFn: ({ signal }) => {
      const format = formatOf(picked!.file);
      return api.upload<IsotopeImportReport>('/isotopes/import', picked!.file, {
        contentType: format === 'csv' ? 'text/csv' : XLSX_TYPE,
        query: { format, dryRun: true },
        signal,
      });
    },
    enabled: picked !== null,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
  });
}

/** Writes the valid rows of the file; the rows with problems come back in the report. */
export function useIsotopeImportCommit() {
  const invalidate = useInvalidateIsotopes();
  return useMutation({
    mutationFn: (file: File) => {
      const format = formatOf(file);
      return api.upload<IsotopeImportReport>('/isotopes/import', file, {
        contentType: format === 'csv' ? 'text/csv' : XLSX_TYPE,
        query: { format, dryRun: false },
      });
    },
    onSuccess: () => invalidate(),
  });
}
