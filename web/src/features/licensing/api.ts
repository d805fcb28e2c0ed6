import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  Application,
  ApplicationEvent,
  ApplicationListQuery,
  ApplicationPage,
  Licence,
  LicenceListQuery,
  LicencePage,
} from '@sievert/core';
import { api } from '../../app/api/client';

export function useApplications(query: ApplicationListQuery, enabled = true) {
  return useQuery({
    queryKey: ['licensing', 'applications', 'list', query],
    queryFn: ({ signal }) => api.get<ApplicationPage>('/applications', { ...query }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useApplication(id: number | null | undefined) {
  return useQuery({
    queryKey: ['licensing', 'applications', 'one', id],
    queryFn: ({ signal }) => api.get<Application>(`/applications/${id}`, undefined, signal),
    enabled: typeof id === 'number',
    refetchOnWindowFocus: false,
  });
}

export function useApplicationEvents(id: number | null | undefined) {
  return useQuery({
    queryKey: ['licensing', 'applications', 'events', id],
    queryFn: ({ signal }) => api.get<ApplicationEvent[]>(`/applications/${id}/events`, undefined, signal),
    enabled: typeof id === 'number',
  });
}

export function useLicences(query: LicenceListQuery, enabled = true) {
  return useQuery({
    queryKey: ['licensing', 'licences', 'list', query],
    queryFn: ({ signal }) => api.get<LicencePage>('/licences', { ...query }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useLicence(id: number | null | undefined) {
  return useQuery({
    queryKey: ['licensing', 'licences', 'one', id],
    queryFn: ({ signal }) => api.get<Licence>(`/licences/${id}`, undefined, signal),
    enabled: typeof id === 'number',
  });
}

/** The largest page the API serves: for the few lists that must be complete (a facility's licences). */
export const MAX_PAGE = 500;
