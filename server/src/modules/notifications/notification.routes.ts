import { Type } from 'typebox';
import {
  CreateWebhookBody,
  IdParams,
  NotificationListQuery,
  NotificationPage,
  OwnSubscription,
  ReadAllResponse,
  RoleParams,
  RoleSubscription,
  SubscriptionBody,
  UpdateWebhookBody,
  Webhook,
  WebhookDeliveryPage,
  WebhookDeliveryQuery,
  WebhookIdParams,
  WebhookTestResult,
  WebhookWithSecret,
} from '@sievert/core';
import { errors, type Http } from '../../http.js';
import { actorOf } from '../../plugins/request-context.js';
import { frameOf } from './live-hub.js';
import type { NotificationService } from './notification.service.js';
import type { WebhookService } from './webhook.service.js';

/** Comment lines keep proxies from closing a quiet stream. */
const HEARTBEAT_MS = 25_000;

export function notificationRoutes(app: Http, service: NotificationService, webhooks: WebhookService): void {
  const tags = ['notifications'];

  app.get(
    '/api/v1/notifications',
    {
      schema: {
        tags,
        summary: 'My notifications, newest first (`unread=true` for the unread ones)',
        querystring: NotificationListQuery,
        response: { 200: NotificationPage, ...errors },
      },
    },
    async (request) => service.inbox(actorOf(request), request.query),
  );
  app.post(
    '/api/v1/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one of my notifications read',
        params: IdParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.markRead(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/v1/notifications/read-all',
    {
      schema: {
        tags,
        summary: 'Mark all my notifications read',
        response: { 200: ReadAllResponse, ...errors },
      },
    },
    async (request) => service.markAllRead(actorOf(request)),
  );

  app.get(
    '/api/v1/notifications/subscription',
    {
      schema: {
        tags,
        summary: 'Which notifications I receive, in the app and by e-mail',
        response: { 200: OwnSubscription, ...errors },
      },
    },
    async (request) => service.subscription(actorOf(request)),
  );
  app.put(
    '/api/v1/notifications/subscription',
    {
      schema: {
        tags,
        summary: 'Choose which notifications I receive',
        body: SubscriptionBody,
        response: { 200: OwnSubscription, ...errors },
      },
    },
    async (request) => service.saveSubscription(actorOf(request), request.body),
  );
  app.delete(
    '/api/v1/notifications/subscription',
    {
      schema: {
        tags,
        summary: "Back to my role's (or the default) settings",
        response: { 200: OwnSubscription, ...errors },
      },
    },
    async (request) => service.resetSubscription(actorOf(request)),
  );

  app.get(
    '/api/v1/notifications/role-subscriptions',
    {
      schema: {
        tags,
        summary: 'The settings of each role, for people who have not chosen their own',
        response: { 200: Type.Array(RoleSubscription), ...errors },
      },
    },
    async (request) => service.roleSubscriptions(actorOf(request)),
  );
  app.put(
    '/api/v1/notifications/role-subscriptions/:role',
    {
      schema: {
        tags,
        summary: "Set a role's settings",
        params: RoleParams,
        body: SubscriptionBody,
        response: { 200: RoleSubscription, ...errors },
      },
    },
    async (request) => service.saveRoleSubscription(actorOf(request), request.params.role, request.body),
  );
  app.delete(
    '/api/v1/notifications/role-subscriptions/:role',
    {
      schema: {
        tags,
        summary: 'Back to the built-in default for a role',
        params: RoleParams,
        response: { 200: RoleSubscription, ...errors },
      },
    },
    async (request) => service.resetRoleSubscription(actorOf(request), request.params.role),
  );

  // ── webhooks ───────────────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/api/v1/webhooks',
    { schema: { tags, summary: 'Webhooks', response: { 200: Type.Array(Webhook), ...errors } } },
    async (request) => webhooks.list(actorOf(request)),
  );
  app.post(
    '/api/v1/webhooks',
    {
      schema: {
        tags,
        summary: 'Add a webhook; its signing secret is in the answer, this one time',
        body: CreateWebhookBody,
        response: { 201: WebhookWithSecret, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await webhooks.create(actorOf(request), request.body)),
  );
  app.get(
    '/api/v1/webhooks/:id',
    { schema: { tags, params: WebhookIdParams, response: { 200: Webhook, ...errors } } },
    async (request) => webhooks.get(actorOf(request), request.params.id),
  );
  app.patch(
    '/api/v1/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'Edit a webhook (`rotateSecret: true` returns a new secret once)',
        params: WebhookIdParams,
        body: UpdateWebhookBody,
        response: { 200: WebhookWithSecret, ...errors },
      },
    },
    async (request) => webhooks.update(actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/v1/webhooks/:id',
    { schema: { tags, params: WebhookIdParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await webhooks.remove(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/v1/webhooks/:id/test',
    {
      schema: {
        tags,
        summary: 'Send a test event now (one attempt) and see how it went',
        params: WebhookIdParams,
        response: { 200: WebhookTestResult, ...errors },
      },
    },
    async (request) => webhooks.test(actorOf(request), request.params.id),
  );
  app.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        summary: "A webhook's deliveries and their attempts, newest first",
        params: WebhookIdParams,
        querystring: WebhookDeliveryQuery,
        response: { 200: WebhookDeliveryPage, ...errors },
      },
    },
    async (request) => webhooks.deliveryPage(actorOf(request), request.params.id, request.query),
  );

  // ── the live stream ────────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/api/v1/events',
    {
      schema: {
        tags,
        summary:
          'Server-Sent Events: my notifications and live updates as `data: {"type","payload"}`; notifications carry `id:`, and `Last-Event-ID` (or `?lastEventId=`) resumes after it',
        querystring: Type.Object(
          { lastEventId: Type.Optional(Type.Integer({ minimum: 0, maximum: 2147483647 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      service.requireLive(actor);
      const header = request.headers['last-event-id'];
      const fromHeader =
        typeof header === 'string' && /^\d{1,10}$/.test(header.trim()) ? Number(header) : null;
      const lastEventId = fromHeader ?? request.query.lastEventId ?? null;

      reply.hijack();
      const raw = reply.raw;
      const headers: Record<string, string | number | string[]> = {};
      for (const [name, value] of Object.entries(reply.getHeaders()))
        if (value !== undefined) headers[name] = value;
      raw.writeHead(200, {
        ...headers,
        'x-request-id': request.id,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        // nginx: pass every event through at once.
        'x-accel-buffering': 'no',
      });
      let open = true;
      let client: { remove(): void } | null = null;
      let heartbeat: NodeJS.Timeout | null = null;
      const write = (frame: string) => {
        if (open) raw.write(frame);
      };
      const end = () => {
        if (!open) return;
        open = false;
        if (heartbeat) clearInterval(heartbeat);
        client?.remove();
        raw.end();
      };
      raw.on('close', end);
      raw.on('error', end);
      // Live messages that arrive while the backlog is being read wait, so the order stays right.
      let queue: string[] | null = lastEventId !== null ? [] : null;
      client = service.hub.connect(actor, (frame) => (queue ? queue.push(frame) : write(frame)), end);
      heartbeat = setInterval(() => write(': ping\n\n'), HEARTBEAT_MS);
      heartbeat.unref();

      write(`retry: 5000\n: connected\n\n`);
      if (lastEventId !== null) {
        try {
          const backlog = await service.replay(actor, lastEventId);
          const sent = new Set<string>();
          for (const item of backlog) {
            sent.add(String(item.id));
            write(frameOf({ type: 'notification', payload: item, id: String(item.id) }));
          }
          const waiting = queue ?? [];
          queue = null;
          for (const frame of waiting) {
            const id = /^id: (\d+)\n/.exec(frame)?.[1];
            if (id === undefined || !sent.has(id)) write(frame);
          }
        } catch (error) {
          request.log.warn({ err: error }, 'could not replay notifications on a live stream');
          queue = null;
        }
      }
    },
  );
}
