import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Organisation, OrganisationListQuery, OrganisationPage } from '@sievert/core';
import { api } from '../../../app/api/client';

export function useOrganisations(query: OrganisationListQuery, enabled = true) {
  return useQuery({
    queryKey: ['organisations', 'list', query],
    queryFn: ({ signal }) => api.get<OrganisationPage>('/organisations', { ...query }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useOrganisation(id: number | null | undefined) {
  return useQuery({
    queryKey: ['organisations', 'one', id],
    queryFn: ({ signal }) => api.get<Organisation>(`/organisations/${id}`, undefined, signal),
    enabled: typeof id === 'number',
    // An open edit form must not change under the user's hands; a stale version is caught by the server (409).
    refetchOnWindowFocus: false,
  });
}

/** After a change: lists, selects and the dashboard counts all read organisations. */
export function useInvalidateOrganisations() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['organisations'] }),
      queryClient.invalidateQueries({ queryKey: ['dashboard'] }),
    ]);
}
