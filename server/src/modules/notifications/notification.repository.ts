/** All SQL of the notifications domain: events, inboxes, subscriptions, webhooks, the delivery outbox. */
import type {
  NotificationItem,
  NotificationListQuery,
  NotificationPage,
  NotificationSeverity,
  Role,
  Webhook,
  WebhookDelivery,
} from '@sievert/core';
import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type {
  NotificationDeliveriesTable,
  NotificationsTable,
  NotificationSubscriptionsTable,
  WebhooksTable,
} from '../../db/schema.js';
import type { EffectiveSubscription } from './notification-rules.js';

export type NotificationRow = Selectable<NotificationsTable>;
export type DeliveryRow = Selectable<NotificationDeliveriesTable>;
export type WebhookRow = Selectable<WebhooksTable>;
type SubscriptionRow = Selectable<NotificationSubscriptionsTable>;

/** One active person with what decides their notifications. */
export interface PersonRow {
  userId: number;
  email: string | null;
  organisationId: number;
  communeCode: string | null;
  roles: Role[];
}

const parseList = (text: string | null): string[] => {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
};

export function subscriptionOf(row: SubscriptionRow, source: 'own' | 'role'): EffectiveSubscription {
  return {
    inApp: {
      enabled: row.in_app_min_severity !== null,
      minSeverity: (row.in_app_min_severity ?? 'info') as NotificationSeverity,
    },
    email: {
      enabled: row.email_min_severity !== null,
      minSeverity: (row.email_min_severity ?? 'alert') as NotificationSeverity,
    },
    kinds: parseList(row.kinds),
    communeCodes: parseList(row.commune_codes),
    source,
    updatedAt: row.updated_at,
  };
}

export function itemOf(row: NotificationRow, readAt: string | null): NotificationItem {
  let data: unknown = null;
  if (row.data) {
    try {
      data = JSON.parse(row.data);
    } catch {
      data = null;
    }
  }
  return {
    id: row.id,
    kind: row.kind,
    severity: row.severity as NotificationSeverity,
    communeCode: row.commune_code,
    organisationId: row.organisation_id,
    title: { vi: row.title_vi, en: row.title_en },
    body: { vi: row.body_vi, en: row.body_en },
    link: row.link,
    data,
    createdAt: row.created_at,
    readAt,
  };
}

export function webhookOf(row: WebhookRow, last: DeliveryRow | undefined): Webhook {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    kinds: parseList(row.kinds),
    minSeverity: row.min_severity as NotificationSeverity,
    communeCodes: parseList(row.commune_codes),
    active: row.active === 1,
    secretHint: row.secret_hint,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    lastDelivery: last
      ? {
          at: last.delivered_at ?? last.created_at,
          status: last.status,
          httpStatus: last.last_http_status,
        }
      : null,
  };
}

export function deliveryOf(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    notificationId: row.notification_id,
    event: row.event,
    status: row.status as WebhookDelivery['status'],
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    lastHttpStatus: row.last_http_status,
    deliveredAt: row.delivered_at,
    createdAt: row.created_at,
  };
}

/** Inserts in slices, so that a province's worth of recipients never exceeds a statement's parameter limit. */
async function insertChunked<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export class NotificationRepository {
  async insertNotification(db: Executor, row: Insertable<NotificationsTable>): Promise<NotificationRow> {
    return db.insertInto('notifications').values(row).returningAll().executeTakeFirstOrThrow();
  }

  async organisationCommune(db: Executor, organisationId: number): Promise<string | null | undefined> {
    const row = await db
      .selectFrom('organisations')
      .select('commune_code')
      .where('id', '=', organisationId)
      .executeTakeFirst();
    return row ? row.commune_code : undefined;
  }

  /** Every active person of an active organisation, with their roles. */
  async people(db: Executor): Promise<PersonRow[]> {
    const users = await db
      .selectFrom('users')
      .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
      .select(['users.id', 'users.email', 'users.organisation_id', 'organisations.commune_code'])
      .where('users.status', '=', 'active')
      .where('organisations.status', '=', 'active')
      .orderBy('users.id')
      .execute();
    const roles = await db
      .selectFrom('user_roles')
      .innerJoin('users', 'users.id', 'user_roles.user_id')
      .select(['user_roles.user_id', 'user_roles.role'])
      .where('users.status', '=', 'active')
      .execute();
    const byUser = new Map<number, Role[]>();
    for (const r of roles) {
      const list = byUser.get(r.user_id) ?? [];
      list.push(r.role as Role);
      byUser.set(r.user_id, list);
    }
    return users.map((u) => ({
      userId: u.id,
      email: u.email,
      organisationId: u.organisation_id,
      communeCode: u.commune_code,
      roles: byUser.get(u.id) ?? [],
    }));
  }

  async subscriptions(db: Executor): Promise<{
    byUser: Map<number, EffectiveSubscription>;
    byRole: Map<string, EffectiveSubscription>;
  }> {
    const rows = await db.selectFrom('notification_subscriptions').selectAll().execute();
    const byUser = new Map<number, EffectiveSubscription>();
    const byRole = new Map<string, EffectiveSubscription>();
    for (const row of rows) {
      if (row.user_id !== null) byUser.set(row.user_id, subscriptionOf(row, 'own'));
      else if (row.role !== null) byRole.set(row.role, subscriptionOf(row, 'role'));
    }
    return { byUser, byRole };
  }

  async userSubscription(db: Executor, userId: number): Promise<EffectiveSubscription | null> {
    const row = await db
      .selectFrom('notification_subscriptions')
      .selectAll()
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row ? subscriptionOf(row, 'own') : null;
  }

  async roleSubscriptions(
    db: Executor,
    roles: readonly string[],
  ): Promise<Map<string, EffectiveSubscription>> {
    const map = new Map<string, EffectiveSubscription>();
    if (roles.length === 0) return map;
    const rows = await db
      .selectFrom('notification_subscriptions')
      .selectAll()
      .where('role', 'in', [...roles])
      .execute();
    for (const row of rows) if (row.role) map.set(row.role, subscriptionOf(row, 'role'));
    return map;
  }

  async saveSubscription(
    db: Executor,
    owner: { userId: number } | { role: string },
    values: {
      inAppMin: string | null;
      emailMin: string | null;
      kinds: string[];
      communeCodes: string[];
      at: string;
      by: number | null;
    },
  ): Promise<void> {
    const columns = {
      in_app_min_severity: values.inAppMin,
      email_min_severity: values.emailMin,
      kinds: JSON.stringify(values.kinds),
      commune_codes: JSON.stringify(values.communeCodes),
      updated_at: values.at,
      updated_by: values.by,
    };
    const existing = await db
      .selectFrom('notification_subscriptions')
      .select('id')
      .where((eb) => ('userId' in owner ? eb('user_id', '=', owner.userId) : eb('role', '=', owner.role)))
      .executeTakeFirst();
    if (existing) {
      await db.updateTable('notification_subscriptions').set(columns).where('id', '=', existing.id).execute();
    } else {
      await db
        .insertInto('notification_subscriptions')
        .values({
          user_id: 'userId' in owner ? owner.userId : null,
          role: 'role' in owner ? owner.role : null,
          ...columns,
        })
        .execute();
    }
  }

  async deleteSubscription(db: Executor, owner: { userId: number } | { role: string }): Promise<boolean> {
    const result = await db
      .deleteFrom('notification_subscriptions')
      .where((eb) => ('userId' in owner ? eb('user_id', '=', owner.userId) : eb('role', '=', owner.role)))
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  // ── inbox ──────────────────────────────────────────────────────────────────────────────────────────────

  async addToInboxes(db: Executor, notificationId: number, userIds: readonly number[]): Promise<void> {
    await insertChunked([...userIds], 500, (chunk) =>
      db
        .insertInto('notification_inbox')
        .values(chunk.map((userId) => ({ user_id: userId, notification_id: notificationId, read_at: null })))
        .execute(),
    );
  }

  private inboxBase(db: Executor, userId: number) {
    return db
      .selectFrom('notification_inbox')
      .innerJoin('notifications', 'notifications.id', 'notification_inbox.notification_id')
      .where('notification_inbox.user_id', '=', userId);
  }

  async inbox(db: Executor, userId: number, query: NotificationListQuery): Promise<NotificationPage> {
    let q = this.inboxBase(db, userId);
    if (query.unread === true) q = q.where('notification_inbox.read_at', 'is', null);
    if (query.unread === false) q = q.where('notification_inbox.read_at', 'is not', null);
    const [rows, count, unread] = await Promise.all([
      q
        .selectAll('notifications')
        .select('notification_inbox.read_at')
        .orderBy('notifications.id', 'desc')
        .limit(query.limit ?? 50)
        .offset(query.offset ?? 0)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      this.inboxBase(db, userId)
        .where('notification_inbox.read_at', 'is', null)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return {
      items: rows.map((r) => itemOf(r, r.read_at)),
      total: Number(count.n),
      unread: Number(unread.n),
    };
  }

  /** A person's notifications after a given id, oldest first (resuming a live stream). */
  async inboxAfter(
    db: Executor,
    userId: number,
    afterId: number,
    limit: number,
  ): Promise<NotificationItem[]> {
    const rows = await this.inboxBase(db, userId)
      .selectAll('notifications')
      .select('notification_inbox.read_at')
      .where('notifications.id', '>', afterId)
      .orderBy('notifications.id', 'asc')
      .limit(limit)
      .execute();
    return rows.map((r) => itemOf(r, r.read_at));
  }

  async markRead(db: Executor, userId: number, notificationId: number, at: string): Promise<boolean> {
    const row = await db
      .selectFrom('notification_inbox')
      .select('read_at')
      .where('user_id', '=', userId)
      .where('notification_id', '=', notificationId)
      .executeTakeFirst();
    if (!row) return false;
    if (row.read_at === null)
      await db
        .updateTable('notification_inbox')
        .set({ read_at: at })
        .where('user_id', '=', userId)
        .where('notification_id', '=', notificationId)
        .execute();
    return true;
  }

  async markAllRead(db: Executor, userId: number, at: string): Promise<number> {
    const result = await db
      .updateTable('notification_inbox')
      .set({ read_at: at })
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Notifications created since a moment, with their in-app recipients (for pushing what other instances published). */
  async recent(
    db: Executor,
    since: string,
    limit: number,
  ): Promise<Array<{ row: NotificationRow; userIds: number[] }>> {
    const rows = await db
      .selectFrom('notifications')
      .selectAll()
      .where('created_at', '>=', since)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    if (rows.length === 0) return [];
    // The newest `limit`, oldest first.
    rows.reverse();
    const inbox = await db
      .selectFrom('notification_inbox')
      .select(['notification_id', 'user_id'])
      .where(
        'notification_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    const byId = new Map<number, number[]>();
    for (const r of inbox) byId.set(r.notification_id, [...(byId.get(r.notification_id) ?? []), r.user_id]);
    return rows.map((row) => ({ row, userIds: byId.get(row.id) ?? [] }));
  }

  // ── webhooks ───────────────────────────────────────────────────────────────────────────────────────────

  async webhooks(db: Executor, options: { activeOnly?: boolean } = {}): Promise<WebhookRow[]> {
    let q = db.selectFrom('webhooks').selectAll().where('deleted_at', 'is', null);
    if (options.activeOnly) q = q.where('active', '=', 1);
    return q.orderBy('id').execute();
  }

  async webhook(db: Executor, id: number): Promise<WebhookRow | undefined> {
    return db
      .selectFrom('webhooks')
      .selectAll()
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
  }

  /** The latest delivery of each webhook. */
  async lastDeliveries(db: Executor, webhookIds: readonly number[]): Promise<Map<number, DeliveryRow>> {
    const map = new Map<number, DeliveryRow>();
    if (webhookIds.length === 0) return map;
    const latest = await db
      .selectFrom('notification_deliveries')
      .select((eb) => ['webhook_id', eb.fn.max('id').as('id')])
      .where('webhook_id', 'in', [...webhookIds])
      .groupBy('webhook_id')
      .execute();
    const ids = latest.map((r) => Number(r.id)).filter((id) => id > 0);
    if (ids.length === 0) return map;
    const rows = await db.selectFrom('notification_deliveries').selectAll().where('id', 'in', ids).execute();
    for (const row of rows) if (row.webhook_id !== null) map.set(row.webhook_id, row);
    return map;
  }

  async webhookDeliveries(
    db: Executor,
    webhookId: number,
    limit: number,
    offset: number,
  ): Promise<{ rows: DeliveryRow[]; total: number }> {
    const base = db.selectFrom('notification_deliveries').where('webhook_id', '=', webhookId);
    const [rows, count] = await Promise.all([
      base.selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  // ── outbox ─────────────────────────────────────────────────────────────────────────────────────────────

  async enqueue(db: Executor, rows: Array<Insertable<NotificationDeliveriesTable>>): Promise<void> {
    await insertChunked(rows, 200, (chunk) =>
      db.insertInto('notification_deliveries').values(chunk).execute(),
    );
  }

  async insertDelivery(db: Executor, row: Insertable<NotificationDeliveriesTable>): Promise<DeliveryRow> {
    return db.insertInto('notification_deliveries').values(row).returningAll().executeTakeFirstOrThrow();
  }

  async dueDeliveries(db: Executor, now: string, limit: number): Promise<DeliveryRow[]> {
    return db
      .selectFrom('notification_deliveries')
      .selectAll()
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  async delivery(db: Executor, id: number): Promise<DeliveryRow | undefined> {
    return db.selectFrom('notification_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async recordAttempt(
    db: Executor,
    id: number,
    values: {
      status: 'pending' | 'delivered' | 'failed';
      attempts: number;
      nextAttemptAt: string | null;
      lastError: string | null;
      lastHttpStatus: number | null;
      deliveredAt: string | null;
    },
  ): Promise<void> {
    await db
      .updateTable('notification_deliveries')
      .set({
        status: values.status,
        attempts: values.attempts,
        next_attempt_at: values.nextAttemptAt,
        last_error: values.lastError,
        last_http_status: values.lastHttpStatus,
        delivered_at: values.deliveredAt,
      })
      .where('id', '=', id)
      .execute();
  }

  /** Pending deliveries of a webhook that was deleted: they will not be attempted. */
  async failPendingOfWebhook(db: Executor, webhookId: number, reason: string): Promise<void> {
    await db
      .updateTable('notification_deliveries')
      .set({ status: 'failed', next_attempt_at: null, last_error: reason })
      .where('webhook_id', '=', webhookId)
      .where('status', '=', 'pending')
      .execute();
  }

  // ── live streams ───────────────────────────────────────────────────────────────────────────────────────

  /** Whether a session still exists and has not expired (without touching it: an open stream is not activity). */
  async sessionAlive(db: Executor, sessionId: string, now: Date, idleMinutes: number): Promise<boolean> {
    const row = await db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.expires_at', 'sessions.last_seen_at', 'users.status'])
      .where('sessions.id', '=', sessionId)
      .executeTakeFirst();
    if (!row || row.status !== 'active') return false;
    const idleLimit = new Date(row.last_seen_at).getTime() + idleMinutes * 60_000;
    return new Date(row.expires_at).getTime() > now.getTime() && idleLimit > now.getTime();
  }

  async tokenAlive(db: Executor, tokenId: number, now: Date): Promise<boolean> {
    const row = await db
      .selectFrom('api_tokens')
      .select(['revoked_at', 'expires_at'])
      .where('id', '=', tokenId)
      .executeTakeFirst();
    if (!row || row.revoked_at) return false;
    return row.expires_at === null || new Date(row.expires_at).getTime() > now.getTime();
  }
}
