import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ConfirmInventoryBody,
  FacilityInventory,
  InventoryCampaign,
  InventoryDiscrepancy,
} from '@sievert/core';
import { api, isApiError } from '../../../app/api/client';
import { provinceToday } from '../format';

export type CampaignFacility = InventoryCampaign['facilities'][number];
export type ExpectedSource = FacilityInventory['expected'][number];
export type FacilityState = 'not_started' | 'confirmed' | 'discrepancies';

/** Years a campaign is accepted for (CreateInventoryCampaignBody). */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export function currentYear(): number {
  return Number(provinceToday().slice(0, 4));
}

export function isYear(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= MIN_YEAR && value <= MAX_YEAR;
}

export function facilityState(
  facility: Pick<CampaignFacility, 'confirmedAt' | 'discrepancies'>,
): FacilityState {
  if (!facility.confirmedAt) return 'not_started';
  return facility.discrepancies > 0 ? 'discrepancies' : 'confirmed';
}

/** /registry/inventory/2026/12 */
export function inventoryFacilityPath(year: number, facilityId: number): string {
  return `/registry/inventory/${year}/${facilityId}`;
}

const keys = {
  all: ['registry', 'inventory'] as const,
  campaign: (year: number) => ['registry', 'inventory', 'campaign', year] as const,
  facility: (year: number, facilityId: number) =>
    ['registry', 'inventory', 'facility', year, facilityId] as const,
};

/** A year's campaign, or null when none was opened for that year (the API answers 404). */
async function fetchCampaign(year: number, signal?: AbortSignal): Promise<InventoryCampaign | null> {
  try {
    return await api.get<InventoryCampaign>(`/inventory/${year}`, undefined, signal);
  } catch (error) {
    if (isApiError(error, 'entity.not_found')) return null;
    throw error;
  }
}

export function useInventoryCampaign(year: number | null) {
  return useQuery({
    queryKey: keys.campaign(year ?? 0),
    queryFn: ({ signal }) => fetchCampaign(year!, signal),
    enabled: isYear(year),
  });
}

/**
 * The API has no list of campaigns: the years around today are asked one by one. Gives, for each of them, the
 * campaign or null, and the year to show first: the latest open campaign (this year's, or last year's while
 * facilities still confirm in January), else this year.
 */
export function useRecentCampaigns(years: readonly number[]) {
  const results = useQueries({
    queries: years.map((year) => ({
      queryKey: keys.campaign(year),
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchCampaign(year, signal),
    })),
  });
  const pending = results.some((result) => result.isPending);
  const error = results.find((result) => result.isError)?.error ?? null;
  const byYear = new Map<number, InventoryCampaign | null>();
  years.forEach((year, index) => {
    const data = results[index]?.data;
    if (data !== undefined) byYear.set(year, data);
  });
  const found = years.filter((year) => byYear.get(year)).sort((a, b) => b - a);
  const latestOpen = found.find((year) => byYear.get(year)?.status === 'open') ?? null;
  return {
    pending,
    error,
    refetch: () => Promise.all(results.map((result) => result.refetch())),
    byYear,
    latestOpen,
    latest: found[0] ?? null,
  };
}

export function useFacilityInventory(year: number | null, facilityId: number | null) {
  return useQuery({
    queryKey: keys.facility(year ?? 0, facilityId ?? 0),
    queryFn: ({ signal }) =>
      api.get<FacilityInventory>(`/inventory/${year}/facilities/${facilityId}`, undefined, signal),
    enabled: isYear(year) && typeof facilityId === 'number' && facilityId > 0,
  });
}

/** The discrepancies of the facilities that reported some (one request each: the campaign only counts them). */
export function useCampaignDiscrepancies(year: number, facilities: readonly CampaignFacility[]) {
  const withDiscrepancies = facilities.filter((facility) => facility.discrepancies > 0);
  const results = useQueries({
    queries: withDiscrepancies.map((facility) => ({
      queryKey: keys.facility(year, facility.facilityId),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<FacilityInventory>(`/inventory/${year}/facilities/${facility.facilityId}`, undefined, signal),
    })),
  });
  const rows: Array<InventoryDiscrepancy & { key: string; facilityId: number; facilityName: string }> = [];
  results.forEach((result, index) => {
    const facility = withDiscrepancies[index]!;
    (result.data?.discrepancies ?? []).forEach((discrepancy, n) =>
      rows.push({
        ...discrepancy,
        key: `${facility.facilityId}-${n}`,
        facilityId: facility.facilityId,
        facilityName: facility.facilityName,
      }),
    );
  });
  return {
    rows,
    pending: results.some((result) => result.isPending),
    failed: withDiscrepancies.filter((_facility, index) => results[index]?.isError),
    refetch: () => Promise.all(results.filter((result) => result.isError).map((result) => result.refetch())),
  };
}

export function useOpenCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { year: number; dueOn: string }) => api.post<InventoryCampaign>('/inventory', body),
    onSuccess: async (campaign) => {
      queryClient.setQueryData(keys.campaign(campaign.year), campaign);
      await queryClient.invalidateQueries({ queryKey: keys.all });
    },
  });
}

export function useConfirmInventory(year: number, facilityId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ConfirmInventoryBody) =>
      api.post<FacilityInventory>(`/inventory/${year}/facilities/${facilityId}/confirm`, body),
    onSuccess: async (inventory) => {
      queryClient.setQueryData(keys.facility(year, facilityId), inventory);
      await queryClient.invalidateQueries({ queryKey: keys.campaign(year) });
    },
  });
}
