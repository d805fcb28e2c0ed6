import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateWebhookBody,
  NotificationPage,
  OwnSubscription,
  Role,
  RoleSubscription,
  SubscriptionBody,
  UpdateWebhookBody,
  Webhook,
  WebhookDeliveryPage,
  WebhookTestResult,
  WebhookWithSecret,
} from '@sievert/core';
import { api, apiRequest } from '../../app/api/client';

export const NOTIFICATIONS_KEY = ['notifications'] as const;

export function useInbox(query: { unread?: boolean; limit?: number }) {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'inbox', query],
    queryFn: ({ signal }) =>
      api.get<NotificationPage>('/notifications', { unread: query.unread, limit: query.limit }, signal),
    placeholderData: keepPreviousData,
    // The live stream says when something new arrives; this is the safety net.
    refetchInterval: 5 * 60_000,
  });
}

/** The number on the bell. */
export function useUnreadCount(): number {
  const inbox = useInbox({ unread: true, limit: 1 });
  return inbox.data?.unread ?? 0;
}

export function useInvalidateNotifications() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: [...NOTIFICATIONS_KEY, 'inbox'] });
}

export function useMarkRead() {
  const invalidate = useInvalidateNotifications();
  return useMutation({
    mutationFn: (id: number) => api.post<void>(`/notifications/${id}/read`),
    onSuccess: invalidate,
  });
}

export function useMarkAllRead() {
  const invalidate = useInvalidateNotifications();
  return useMutation({
    mutationFn: () => api.post<{ updated: number }>('/notifications/read-all'),
    onSuccess: invalidate,
  });
}

export function useSubscription() {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'subscription'],
    queryFn: ({ signal }) => api.get<OwnSubscription>('/notifications/subscription', undefined, signal),
  });
}

export const saveSubscription = (body: SubscriptionBody) =>
  apiRequest<OwnSubscription>('PUT', '/notifications/subscription', { body });
export const resetSubscription = () => api.delete<OwnSubscription>('/notifications/subscription');

export function useRoleSubscriptions(enabled: boolean) {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'roles'],
    queryFn: ({ signal }) =>
      api.get<RoleSubscription[]>('/notifications/role-subscriptions', undefined, signal),
    enabled,
  });
}

export const saveRoleSubscription = (role: Role, body: SubscriptionBody) =>
  apiRequest<RoleSubscription>('PUT', `/notifications/role-subscriptions/${role}`, { body });
export const resetRoleSubscription = (role: Role) =>
  api.delete<RoleSubscription>(`/notifications/role-subscriptions/${role}`);

export const WEBHOOKS_KEY = [...NOTIFICATIONS_KEY, 'webhooks'] as const;

export function useWebhooks(enabled: boolean) {
  return useQuery({
    queryKey: WEBHOOKS_KEY,
    queryFn: ({ signal }) => api.get<Webhook[]>('/webhooks', undefined, signal),
    enabled,
  });
}

export function useWebhookDeliveries(id: number | null, page: { limit: number; offset: number }) {
  return useQuery({
    queryKey: [...WEBHOOKS_KEY, id, 'deliveries', page],
    queryFn: ({ signal }) => api.get<WebhookDeliveryPage>(`/webhooks/${id}/deliveries`, page, signal),
    enabled: id !== null,
    placeholderData: keepPreviousData,
  });
}

export const createWebhook = (body: CreateWebhookBody) => api.post<WebhookWithSecret>('/webhooks', body);
export const updateWebhook = (id: number, body: UpdateWebhookBody) =>
  api.patch<WebhookWithSecret>(`/webhooks/${id}`, body);
export const deleteWebhook = (id: number) => api.delete(`/webhooks/${id}`);
export const testWebhook = (id: number) => api.post<WebhookTestResult>(`/webhooks/${id}/test`);
