import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ConfirmInventoryBody,
  FacilityInventory,
  InventoryCampaign,
  InventoryCampaignSummary,
  InventoryFinding,
} from '@sievert/core';
import { api, isApiError } from '../../../app/api/client';
import { provinceToday } from '../format';

export type CampaignFacility = InventoryCampaign['facilities'][number];
export type ExpectedSource = FacilityInventory['expected'][number];
export type FacilityState = 'not_started' | 'confirmed' | 'discrepancies';
export type FindingStatus = InventoryFinding['status'];
/** The findings list's filter: one status, or every finding. */
export type FindingFilter = FindingStatus | 'all';

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

/**
 * The year to show first: the latest open campaign (this year's, or last year's while facilities still confirm in
 * January), else the latest campaign, else null (none was ever opened).
 */
export function defaultYear(campaigns: readonly InventoryCampaignSummary[]): number | null {
  const sorted = [...campaigns].sort((a, b) => b.year - a.year);
  return (sorted.find((campaign) => campaign.status === 'open') ?? sorted[0])?.year ?? null;
}

const keys = {
  all: ['registry', 'inventory'] as const,
  list: ['registry', 'inventory', 'list'] as const,
  campaign: (year: number) => ['registry', 'inventory', 'campaign', year] as const,
  findings: (year: number, filter: FindingFilter) =>
    ['registry', 'inventory', 'findings', year, filter] as const,
  facility: (year: number, facilityId: number) =>
    ['registry', 'inventory', 'facility', year, facilityId] as const,
};

/** Every year's campaign with its progress, newest first. */
export function useInventoryCampaigns() {
  return useQuery({
    queryKey: keys.list,
    queryFn: ({ signal }) => api.get<InventoryCampaignSummary[]>('/inventory', undefined, signal),
  });
}

/** A year's campaign, or null when none was opened for that year (the API answers 404). */
async function fetchCampaign(year: number, signal?: AbortSignal): Promise<InventoryCampaign | null> {
  try {
    return await api.get<InventoryCampaign>(`/inventory/${year}`, undefined, signal);
  } catch (error) {
    if (isApiError(error, 'entity.not_found')) return null;
    throw error;
  }
}

/** `enabled: false` when the year is known to have no campaign (nothing to ask, no 404 to log). */
export function useInventoryCampaign(year: number | null, enabled = true) {
  return useQuery({
    queryKey: keys.campaign(year ?? 0),
    queryFn: ({ signal }) => fetchCampaign(year!, signal),
    enabled: enabled && isYear(year),
  });
}

/** The year's findings (differences) within the user's scope, of one status or all. */
export function useInventoryFindings(year: number, filter: FindingFilter) {
  return useQuery({
    queryKey: keys.findings(year, filter),
    queryFn: ({ signal }) =>
      api.get<InventoryFinding[]>(
        `/inventory/${year}/findings`,
        { status: filter === 'all' ? undefined : filter },
        signal,
      ),
  });
}

export function useFacilityInventory(year: number | null, facilityId: number | null) {
  return useQuery({
    queryKey: keys.facility(year ?? 0, facilityId ?? 0),
    queryFn: ({ signal }) =>
      api.get<FacilityInventory>(`/inventory/${year}/facilities/${facilityId}`, undefined, signal),
    enabled: isYear(year) && typeof facilityId === 'number' && facilityId > 0,
  });
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

/** The Department ends the year's campaign: no more confirmations; open findings stay open. */
export function useCloseCampaign(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<InventoryCampaign>(`/inventory/${year}/close`),
    onSuccess: async (campaign) => {
      queryClient.setQueryData(keys.campaign(year), campaign);
      await queryClient.invalidateQueries({ queryKey: keys.all });
    },
  });
}

/** The Department records what was done about a finding (the source found, the register corrected…). */
export function useResolveFinding(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, resolution }: { id: number; resolution: string }) =>
      api.post<InventoryFinding>(`/inventory/${year}/findings/${id}/resolve`, { resolution }),
    // Also after a refusal: "already resolved" means the list on screen is stale.
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useConfirmInventory(year: number, facilityId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ConfirmInventoryBody) =>
      api.post<FacilityInventory>(`/inventory/${year}/facilities/${facilityId}/confirm`, body),
    onSuccess: async (inventory) => {
      queryClient.setQueryData(keys.facility(year, facilityId), inventory);
      await queryClient.invalidateQueries({ queryKey: keys.all });
    },
  });
}
