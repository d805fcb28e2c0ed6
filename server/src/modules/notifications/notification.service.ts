/**
 * The one way the platform tells people something: `publish` stores an event, puts it in the inbox of every
 * person whose scope and subscription match, queues e-mails and webhook calls in the outbox (sent by the
 * delivery job, never inline, so a slow mail server never holds up ingest), and pushes it live to open streams.
 * Also each person's inbox and subscription, and the subscriptions of roles.
 */
import {
  NOTIFICATION_KIND_PATTERN,
  NOTIFICATION_SEVERITIES,
  Permission,
  ROLES,
  permissionsOf,
  scopeOf,
  type Bilingual,
  type NotificationItem,
  type NotificationListQuery,
  type NotificationPage,
  type NotificationSeverity,
  type OwnSubscription,
  type Role,
  type RoleSubscription,
  type SubscriptionBody,
  type WebhookPayload,
} from '@sievert/core';
import type { Clock } from '../../adapters/clock.js';
import { composeMail, type MailSender } from '../../adapters/mail.js';
import type { Config } from '../../config.js';
import type { Db, Executor } from '../../db/database.js';
import { AppError, FieldError, notFound, type FieldIssue } from '../../errors.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import type { AuditService } from '../auth/audit.service.js';
import type { GeoService } from '../geo/geo.service.js';
import type { LiveHub } from './live-hub.js';
import {
  defaultSubscription,
  filterSelects,
  maySee,
  mergeRoleSubscriptions,
  wantsChannel,
  type Audience,
  type EffectiveSubscription,
  type EventFacts,
  type Person,
} from './notification-rules.js';
import { itemOf, NotificationRepository, type NotificationRow } from './notification.repository.js';

/** What a caller announces. Texts in both languages; `link` is a path inside the web app. */
export interface PublishEvent {
  /** `alarm.raised`, `alarm.escalated`, `alarm.acknowledged`, `alarm.closed`, `incident.opened`, … */
  kind: string;
  severity: NotificationSeverity;
  /** The commune concerned; null or absent with no organisation: the whole province. */
  communeCode?: string | null;
  /** The organisation concerned (a facility); its commune is used when `communeCode` is absent. */
  organisationId?: number | null;
  title: Bilingual;
  body: Bilingual;
  /** A path of the web app, e.g. `/monitoring/stations/VN33001`. */
  link?: string | null;
  /** Anything machine-readable for webhooks and the web app (at most 32 kB as JSON). */
  data?: Record<string, unknown> | null;
  /** Narrows who may receive it beyond the scope rules (a permission, roles or people). */
  audience?: Audience;
}

/** What `publish` did; pass it to `announce` after your transaction commits. */
export interface PublishedNotification {
  id: number;
  item: NotificationItem;
  /** People whose inbox got it (and whose open streams `announce` reaches). */
  inAppUserIds: number[];
  emails: number;
  webhooks: number;
}

/** Severity names used in e-mails (the web app has its own in its translations). */
export const SEVERITY_LABELS: Record<NotificationSeverity, Bilingual> = {
  info: { vi: 'Thông tin', en: 'Information' },
  warning: { vi: 'Lưu ý', en: 'Warning' },
  alert: { vi: 'Cảnh báo', en: 'Alert' },
  emergency: { vi: 'Khẩn cấp', en: 'Emergency' },
};

const KIND = new RegExp(NOTIFICATION_KIND_PATTERN);
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const MAX_DATA_BYTES = 32 * 1024;
/** How far back the tail looks for notifications published by other instances. */
const TAIL_WINDOW_MS = 120_000;
const ANNOUNCED_MEMORY = 5000;

export class NotificationService {
  readonly repo = new NotificationRepository();
  private readonly announced = new Set<number>();
  private tailPrimed = false;
  private deliveryTrigger: (() => void) | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'publicUrl' | 'sessionIdleMinutes'>,
    private readonly audit: AuditService,
    private readonly geo: GeoService,
    readonly hub: LiveHub,
    private readonly mail: MailSender,
  ) {}

  /** Called (by the app) with what makes the delivery job run soon after something was queued. */
  setDeliveryTrigger(trigger: (() => void) | null): void {
    this.deliveryTrigger = trigger;
  }

  get emailEnabled(): boolean {
    return this.mail.enabled;
  }

  /** The mail server without its password (logs, system page). */
  get emailDescription(): string {
    return this.mail.description;
  }

  // ── publishing ─────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Stores an event and fans it out. Without `trx`, it commits its own transaction and announces the event
   * on the live streams at once. With `trx` (yours), everything is written in it, and you call
   * `announce(result)` after your commit (if you forget, open streams still get it within a few seconds).
   */
  async publish(event: PublishEvent, trx?: Executor): Promise<PublishedNotification> {
    const checked = await this.check(event, trx ?? this.db);
    if (trx) return this.write(trx, checked);
    const published = await this.db.transaction().execute((own) => this.write(own, checked));
    this.announce(published);
    return published;
  }

  /** Pushes a published notification to the open streams of its recipients (once), and wakes the delivery job. */
  announce(published: PublishedNotification): void {
    if (published.emails + published.webhooks > 0) this.deliveryTrigger?.();
    if (!this.remember(published.id)) return;
    this.hub.sendToUsers(published.inAppUserIds, 'notification', published.item, {
      id: String(published.id),
    });
  }

  /**
   * Pushes what was published elsewhere (another instance, or a caller that did not announce) to this
   * instance's streams: every few seconds, the notifications of the last two minutes not yet announced here.
   */
  async tail(): Promise<number> {
    const since = new Date(this.clock.now().getTime() - TAIL_WINDOW_MS).toISOString();
    const recent = await this.repo.recent(this.db, since, 500);
    if (!this.tailPrimed) {
      // At start, what is already there was announced by whoever published it (or is replayed on reconnect).
      this.tailPrimed = true;
      for (const { row } of recent) this.remember(row.id);
      return 0;
    }
    let pushed = 0;
    for (const { row, userIds } of recent) {
      if (!this.remember(row.id)) continue;
      if (this.hub.size() > 0)
        this.hub.sendToUsers(userIds, 'notification', itemOf(row, null), { id: String(row.id) });
      pushed++;
    }
    return pushed;
  }

  /** Remembers an id as announced; false when it already was. */
  private remember(id: number): boolean {
    if (this.announced.has(id)) return false;
    this.announced.add(id);
    if (this.announced.size > ANNOUNCED_MEMORY) {
      const oldest = this.announced.values().next().value;
      if (oldest !== undefined) this.announced.delete(oldest);
    }
    return true;
  }

  private async check(event: PublishEvent, db: Executor): Promise<EventFacts & { event: PublishEvent }> {
    const issues: FieldIssue[] = [];
    if (typeof event.kind !== 'string' || !KIND.test(event.kind) || event.kind.length > 120)
      issues.push({ field: '/kind', reason: 'pattern' });
    if (!NOTIFICATION_SEVERITIES.includes(event.severity))
      issues.push({ field: '/severity', reason: 'not_allowed_value' });
    const text = (field: string, value: unknown, max: number) => {
      if (typeof value !== 'string' || value.trim() === '') issues.push({ field, reason: 'required' });
      else if (value.length > max) issues.push({ field, reason: 'too_long', params: { limit: max } });
    };
    text('/title/vi', event.title?.vi, 300);
    text('/title/en', event.title?.en, 300);
    text('/body/vi', event.body?.vi, 5000);
    text('/body/en', event.body?.en, 5000);
    if (event.link !== undefined && event.link !== null) {
      if (
        typeof event.link !== 'string' ||
        !event.link.startsWith('/') ||
        event.link.startsWith('//') ||
        event.link.includes('\\') ||
        CONTROL.test(event.link) ||
        /\s/.test(event.link) ||
        event.link.length > 500
      )
        issues.push({ field: '/link', reason: 'invalid' });
    }
    if (event.data !== undefined && event.data !== null) {
      let size = Infinity;
      try {
        size = Buffer.byteLength(JSON.stringify(event.data) ?? '', 'utf8');
      } catch {
        issues.push({ field: '/data', reason: 'invalid' });
      }
      if (size > MAX_DATA_BYTES && Number.isFinite(size))
        issues.push({ field: '/data', reason: 'too_long', params: { limit: MAX_DATA_BYTES } });
    }
    let communeCode = event.communeCode ?? null;
    const organisationId = event.organisationId ?? null;
    if (organisationId !== null) {
      const orgCommune = await this.repo.organisationCommune(db, organisationId);
      if (orgCommune === undefined) issues.push({ field: '/organisationId', reason: 'invalid' });
      else if (event.communeCode === undefined) communeCode = orgCommune;
    }
    if (communeCode !== null && !(await this.geo.communeExists(db, communeCode)))
      issues.push({ field: '/communeCode', reason: 'unknown_commune' });
    if (issues.length > 0) throw new FieldError(issues);
    return {
      kind: event.kind,
      severity: event.severity,
      communeCode,
      organisationId,
      audience: event.audience,
      event,
    };
  }

  private async write(
    db: Executor,
    facts: EventFacts & { event: PublishEvent },
  ): Promise<PublishedNotification> {
    const { event } = facts;
    const now = this.clock.now().toISOString();
    const row = await this.repo.insertNotification(db, {
      kind: facts.kind,
      severity: facts.severity,
      commune_code: facts.communeCode,
      organisation_id: facts.organisationId,
      title_vi: event.title.vi.trim(),
      title_en: event.title.en.trim(),
      body_vi: event.body.vi.trim(),
      body_en: event.body.en.trim(),
      link: event.link ?? null,
      data: event.data === undefined || event.data === null ? null : JSON.stringify(event.data),
      created_at: now,
    });

    const people = await this.people(db);
    const inApp: number[] = [];
    const mails: Person[] = [];
    for (const person of people) {
      if (!maySee(person, facts)) continue;
      if (wantsChannel(person.subscription, 'inApp', facts)) inApp.push(person.userId);
      if (this.mail.enabled && person.email && wantsChannel(person.subscription, 'email', facts))
        mails.push(person);
    }
    await this.repo.addToInboxes(db, row.id, inApp);

    const deliveries: Parameters<NotificationRepository['enqueue']>[1] = [];
    if (mails.length > 0) {
      const content = composeMail({
        severity: SEVERITY_LABELS[facts.severity],
        title: { vi: row.title_vi, en: row.title_en },
        body: { vi: row.body_vi, en: row.body_en },
        url: this.absolute(row.link),
        settingsUrl: `${this.config.publicUrl}/notifications`,
      });
      const payload = JSON.stringify(content);
      for (const person of mails)
        deliveries.push({
          notification_id: row.id,
          channel: 'email',
          webhook_id: null,
          user_id: person.userId,
          target: person.email!,
          event: facts.kind,
          payload,
          status: 'pending',
          attempts: 0,
          next_attempt_at: now,
          last_error: null,
          last_http_status: null,
          delivered_at: null,
          created_at: now,
        });
    }
    let webhookCount = 0;
    const webhooks = await this.repo.webhooks(db, { activeOnly: true });
    if (webhooks.length > 0) {
      const body = JSON.stringify(this.webhookPayload(row));
      for (const hook of webhooks) {
        const filter = {
          kinds: parseJsonList(hook.kinds),
          minSeverity: hook.min_severity as NotificationSeverity,
          communeCodes: parseJsonList(hook.commune_codes),
        };
        if (!filterSelects(filter, facts)) continue;
        webhookCount++;
        deliveries.push({
          notification_id: row.id,
          channel: 'webhook',
          webhook_id: hook.id,
          user_id: null,
          target: hook.url,
          event: facts.kind,
          payload: body,
          status: 'pending',
          attempts: 0,
          next_attempt_at: now,
          last_error: null,
          last_http_status: null,
          delivered_at: null,
          created_at: now,
        });
      }
    }
    await this.repo.enqueue(db, deliveries);
    return {
      id: row.id,
      item: itemOf(row, null),
      inAppUserIds: inApp,
      emails: mails.length,
      webhooks: webhookCount,
    };
  }

  /** The JSON body webhooks receive for a notification. */
  webhookPayload(row: NotificationRow): WebhookPayload {
    let data: unknown;
    try {
      data = row.data ? JSON.parse(row.data) : null;
    } catch {
      data = null;
    }
    return {
      id: row.id,
      type: row.kind,
      severity: row.severity as NotificationSeverity,
      createdAt: row.created_at,
      communeCode: row.commune_code,
      organisationId: row.organisation_id,
      title: { vi: row.title_vi, en: row.title_en },
      body: { vi: row.body_vi, en: row.body_en },
      url: this.absolute(row.link),
      data,
    };
  }

  absolute(link: string | null): string | null {
    return link ? `${this.config.publicUrl}${link}` : null;
  }

  /** Everyone who may receive notifications, with their effective subscription. */
  private async people(db: Executor): Promise<Person[]> {
    const [rows, subs] = await Promise.all([this.repo.people(db), this.repo.subscriptions(db)]);
    return rows.map((row) => ({
      userId: row.userId,
      email: row.email,
      roles: row.roles,
      permissions: new Set(permissionsOf(row.roles)),
      scope: scopeOf(row.roles),
      organisationId: row.organisationId,
      communeCode: row.communeCode,
      subscription: effective(row.roles, subs.byUser.get(row.userId) ?? null, subs.byRole),
    }));
  }

  // ── the inbox ──────────────────────────────────────────────────────────────────────────────────────────

  async inbox(actor: Actor, query: NotificationListQuery): Promise<NotificationPage> {
    const userId = this.requireUser(actor);
    return this.repo.inbox(this.db, userId, query);
  }

  async markRead(actor: Actor, notificationId: number): Promise<void> {
    const userId = this.requireUser(actor);
    const found = await this.repo.markRead(this.db, userId, notificationId, this.clock.now().toISOString());
    if (!found) throw notFound('notification', notificationId);
  }

  async markAllRead(actor: Actor): Promise<{ updated: number }> {
    const userId = this.requireUser(actor);
    return { updated: await this.repo.markAllRead(this.db, userId, this.clock.now().toISOString()) };
  }

  /** For a live stream that resumes: the person's notifications after `afterId`, oldest first. */
  async replay(actor: Actor, afterId: number, limit = 100): Promise<NotificationItem[]> {
    const userId = this.requireUser(actor);
    return this.repo.inboxAfter(this.db, userId, afterId, limit);
  }

  /** Opening a live stream: a signed-in person (or their API token) who may receive notifications. */
  requireLive(actor: Actor): number {
    return this.requireUser(actor);
  }

  /** Ends the streams whose session or token ended meanwhile (a stream itself is not activity). */
  async sweepStreams(): Promise<number> {
    const now = this.clock.now();
    return this.hub.sweep(async (actor) => {
      if (actor.sessionId)
        return this.repo.sessionAlive(this.db, actor.sessionId, now, this.config.sessionIdleMinutes);
      if (actor.tokenId !== undefined) return this.repo.tokenAlive(this.db, actor.tokenId, now);
      return true;
    });
  }

  private requireUser(actor: Actor): number {
    requirePermission(actor, Permission.NotificationSubscribeOwn);
    if (actor.userId === null) throw new AppError('auth.unauthenticated');
    return actor.userId;
  }

  // ── subscriptions ──────────────────────────────────────────────────────────────────────────────────────

  async subscription(actor: Actor): Promise<OwnSubscription> {
    const userId = this.requireUser(actor);
    const [own, byRole, user] = await Promise.all([
      this.repo.userSubscription(this.db, userId),
      this.repo.roleSubscriptions(this.db, actor.roles),
      this.db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst(),
    ]);
    const sub = effective(actor.roles, own, byRole);
    return {
      ...publicSubscription(sub),
      emailAddress: user?.email ?? null,
      emailAvailable: this.mail.enabled,
    };
  }

  async saveSubscription(actor: Actor, body: SubscriptionBody): Promise<OwnSubscription> {
    const userId = this.requireUser(actor);
    await this.checkCommunes(body.communeCodes);
    await this.db.transaction().execute(async (trx) => {
      const before = await this.repo.userSubscription(trx, userId);
      await this.repo.saveSubscription(trx, { userId }, this.subscriptionValues(actor, body));
      await this.audit.record(trx, actor, {
        action: 'notification.subscription_update',
        entityType: 'user',
        entityId: userId,
        before: before ? publicSubscription(before) : null,
        after: body,
      });
    });
    return this.subscription(actor);
  }

  /** Back to the role's or the default settings. */
  async resetSubscription(actor: Actor): Promise<OwnSubscription> {
    const userId = this.requireUser(actor);
    await this.db.transaction().execute(async (trx) => {
      const before = await this.repo.userSubscription(trx, userId);
      if (!(await this.repo.deleteSubscription(trx, { userId }))) return;
      await this.audit.record(trx, actor, {
        action: 'notification.subscription_reset',
        entityType: 'user',
        entityId: userId,
        before: before ? publicSubscription(before) : null,
      });
    });
    return this.subscription(actor);
  }

  async roleSubscriptions(actor: Actor): Promise<RoleSubscription[]> {
    requirePermission(actor, Permission.NotificationManage);
    const byRole = await this.repo.roleSubscriptions(this.db, ROLES);
    return ROLES.map((role) => ({
      role,
      ...publicSubscription(byRole.get(role) ?? defaultSubscription([role])),
    }));
  }

  async saveRoleSubscription(actor: Actor, role: Role, body: SubscriptionBody): Promise<RoleSubscription> {
    requirePermission(actor, Permission.NotificationManage);
    await this.checkCommunes(body.communeCodes);
    await this.db.transaction().execute(async (trx) => {
      const before = (await this.repo.roleSubscriptions(trx, [role])).get(role);
      await this.repo.saveSubscription(trx, { role }, this.subscriptionValues(actor, body));
      await this.audit.record(trx, actor, {
        action: 'notification.role_subscription_update',
        entityType: 'role',
        entityId: role,
        before: before ? publicSubscription(before) : null,
        after: body,
      });
    });
    return (await this.roleSubscriptions(actor)).find((r) => r.role === role)!;
  }

  async resetRoleSubscription(actor: Actor, role: Role): Promise<RoleSubscription> {
    requirePermission(actor, Permission.NotificationManage);
    await this.db.transaction().execute(async (trx) => {
      const before = (await this.repo.roleSubscriptions(trx, [role])).get(role);
      if (!(await this.repo.deleteSubscription(trx, { role }))) return;
      await this.audit.record(trx, actor, {
        action: 'notification.role_subscription_reset',
        entityType: 'role',
        entityId: role,
        before: before ? publicSubscription(before) : null,
      });
    });
    return (await this.roleSubscriptions(actor)).find((r) => r.role === role)!;
  }

  private subscriptionValues(actor: Actor, body: SubscriptionBody) {
    return {
      inAppMin: body.inApp.enabled ? body.inApp.minSeverity : null,
      emailMin: body.email.enabled ? body.email.minSeverity : null,
      kinds: [...new Set(body.kinds)].sort(),
      communeCodes: [...new Set(body.communeCodes)].sort(),
      at: this.clock.now().toISOString(),
      by: actor.userId,
    };
  }

  /** Commune filters name communes of the province. */
  async checkCommunes(codes: readonly string[]): Promise<void> {
    if (codes.length === 0) return;
    const known = new Set((await this.geo.communes()).map((c) => c.code));
    const issues = codes
      .map((code, i) => ({ code, i }))
      .filter(({ code }) => !known.has(code))
      .map(({ i }): FieldIssue => ({ field: `/communeCodes/${i}`, reason: 'unknown_commune' }));
    if (issues.length > 0) throw new FieldError(issues);
  }
}

function parseJsonList(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** The person's own settings, else their roles' (merged), else the default. */
export function effective(
  roles: readonly Role[],
  own: EffectiveSubscription | null,
  byRole: Map<string, EffectiveSubscription>,
): EffectiveSubscription {
  if (own) return own;
  const merged = mergeRoleSubscriptions(
    roles.map((role) => byRole.get(role)).filter((s): s is EffectiveSubscription => s !== undefined),
  );
  return merged ?? defaultSubscription(roles);
}

function publicSubscription(sub: EffectiveSubscription) {
  return {
    inApp: sub.inApp,
    email: sub.email,
    kinds: sub.kinds,
    communeCodes: sub.communeCodes,
    source: sub.source,
    updatedAt: sub.updatedAt,
  };
}
