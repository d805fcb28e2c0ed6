import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { User, UserListQuery, UserPage } from '@sievert/core';
import { api } from '../../../app/api/client';

export function useUsers(query: UserListQuery, enabled = true) {
  return useQuery({
    queryKey: ['users', 'list', query],
    queryFn: ({ signal }) => api.get<UserPage>('/users', { ...query }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useUser(id: number | null | undefined) {
  return useQuery({
    queryKey: ['users', 'one', id],
    queryFn: ({ signal }) => api.get<User>(`/users/${id}`, undefined, signal),
    enabled: typeof id === 'number',
    refetchOnWindowFocus: false,
  });
}

export function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['users'] }),
      queryClient.invalidateQueries({ queryKey: ['organisations'] }),
      queryClient.invalidateQueries({ queryKey: ['dashboard'] }),
    ]);
}
