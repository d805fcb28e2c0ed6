/**
 * Webhooks that carry notifications to other systems (the province's emergency operations system, a
 * ministry's feed): managed by holders of `notification.manage`, every change audited, the signing secret
 * shown once and kept sealed (it must be readable to sign).
 */
import {
  Permission,
  type CreateWebhookBody,
  type UpdateWebhookBody,
  type Webhook,
  type WebhookDeliveryPage,
  type WebhookDeliveryQuery,
  type WebhookPayload,
  type WebhookTestResult,
  type WebhookWithSecret,
} from '@sievert/core';
import type { Clock } from '../../adapters/clock.js';
import { checkWebhookHost } from '../../adapters/webhook.js';
import type { Db, Executor } from '../../db/database.js';
import { AppError, invalidField, notFound } from '../../errors.js';
import { randomToken, type SecretBox } from '../../security/tokens.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import type { AuditService } from '../auth/audit.service.js';
import type { DeliveryService } from './delivery.service.js';
import type { NotificationService } from './notification.service.js';
import { deliveryOf, NotificationRepository, webhookOf, type WebhookRow } from './notification.repository.js';

/** `whsec_` and 43 base64url characters (256 bits). */
function newSecret(): string {
  return `whsec_${randomToken(32)}`;
}

export class WebhookService {
  private readonly repo = new NotificationRepository();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly box: SecretBox,
    private readonly notifications: NotificationService,
    private readonly deliveries: DeliveryService,
    private readonly options: { allowPrivate: boolean },
  ) {}

  async list(actor: Actor): Promise<Webhook[]> {
    requirePermission(actor, Permission.NotificationManage);
    const rows = await this.repo.webhooks(this.db);
    const last = await this.repo.lastDeliveries(
      this.db,
      rows.map((r) => r.id),
    );
    return rows.map((row) => webhookOf(row, last.get(row.id)));
  }

  async get(actor: Actor, id: number): Promise<Webhook> {
    requirePermission(actor, Permission.NotificationManage);
    return this.view(this.db, await this.find(this.db, id));
  }

  async create(actor: Actor, body: CreateWebhookBody): Promise<WebhookWithSecret> {
    requirePermission(actor, Permission.NotificationManage);
    await this.checkUrl(body.url);
    await this.notifications.checkCommunes(body.communeCodes ?? []);
    const secret = newSecret();
    return this.db.transaction().execute(async (trx) => {
      const now = this.clock.now().toISOString();
      const row = await trx
        .insertInto('webhooks')
        .values({
          name: body.name.trim(),
          url: body.url,
          secret_sealed: this.box.seal(secret),
          secret_hint: secret.slice(0, 10),
          kinds: JSON.stringify([...new Set(body.kinds ?? [])].sort()),
          min_severity: body.minSeverity ?? 'warning',
          commune_codes: JSON.stringify([...new Set(body.communeCodes ?? [])].sort()),
          active: body.active === false ? 0 : 1,
          created_by: actor.userId,
          created_at: now,
          updated_at: now,
          deleted_at: null,
          version: 1,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const webhook = webhookOf(row, undefined);
      await this.audit.record(trx, actor, {
        action: 'webhook.create',
        entityType: 'webhook',
        entityId: row.id,
        after: webhook,
      });
      return { webhook, secret };
    });
  }

  async update(actor: Actor, id: number, body: UpdateWebhookBody): Promise<WebhookWithSecret> {
    requirePermission(actor, Permission.NotificationManage);
    if (body.url !== undefined) await this.checkUrl(body.url);
    if (body.communeCodes) await this.notifications.checkCommunes(body.communeCodes);
    const secret = body.rotateSecret ? newSecret() : null;
    return this.db.transaction().execute(async (trx) => {
      const current = await this.find(trx, id);
      if (body.version !== undefined && body.version !== current.version)
        throw new AppError('entity.conflict', {}, { currentVersion: current.version });
      const changes = {
        ...(body.name !== undefined ? { name: body.name.trim() } : {}),
        ...(body.url !== undefined ? { url: body.url } : {}),
        ...(body.kinds !== undefined ? { kinds: JSON.stringify([...new Set(body.kinds)].sort()) } : {}),
        ...(body.minSeverity !== undefined ? { min_severity: body.minSeverity } : {}),
        ...(body.communeCodes !== undefined
          ? { commune_codes: JSON.stringify([...new Set(body.communeCodes)].sort()) }
          : {}),
        ...(body.active !== undefined ? { active: body.active ? 1 : 0 } : {}),
        ...(secret ? { secret_sealed: this.box.seal(secret), secret_hint: secret.slice(0, 10) } : {}),
        updated_at: this.clock.now().toISOString(),
        version: current.version + 1,
      };
      const result = await trx
        .updateTable('webhooks')
        .set(changes)
        .where('id', '=', id)
        .where('version', '=', current.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1)
        throw new AppError('entity.conflict', {}, { currentVersion: current.version });
      const after = await this.find(trx, id);
      await this.audit.record(trx, actor, {
        action: 'webhook.update',
        entityType: 'webhook',
        entityId: id,
        before: webhookOf(current, undefined),
        after: { ...webhookOf(after, undefined), secretRotated: secret !== null },
      });
      return { webhook: await this.view(trx, after), secret };
    });
  }

  async remove(actor: Actor, id: number): Promise<void> {
    requirePermission(actor, Permission.NotificationManage);
    await this.db.transaction().execute(async (trx) => {
      const current = await this.find(trx, id);
      const now = this.clock.now().toISOString();
      await trx
        .updateTable('webhooks')
        .set({ deleted_at: now, active: 0, updated_at: now, version: current.version + 1 })
        .where('id', '=', id)
        .execute();
      await this.repo.failPendingOfWebhook(trx, id, 'the webhook was deleted');
      await this.audit.record(trx, actor, {
        action: 'webhook.delete',
        entityType: 'webhook',
        entityId: id,
        before: webhookOf(current, undefined),
      });
    });
  }

  /** Sends a test event at once (one attempt, no retries) and says how it went. */
  async test(actor: Actor, id: number): Promise<WebhookTestResult> {
    requirePermission(actor, Permission.NotificationManage);
    const hook = await this.find(this.db, id);
    const now = this.clock.now().toISOString();
    const payload: WebhookPayload = {
      id: null,
      type: 'webhook.test',
      severity: 'info',
      createdAt: now,
      communeCode: null,
      organisationId: null,
      title: { vi: 'Thử webhook Sievert', en: 'Sievert webhook test' },
      body: {
        vi: `Đây là thông báo thử do ${actor.displayName} gửi tới webhook "${hook.name}".`,
        en: `This is a test sent by ${actor.displayName} to the webhook "${hook.name}".`,
      },
      url: this.notifications.absolute('/notifications'),
      data: { test: true },
    };
    const row = await this.db.transaction().execute(async (trx) => {
      const inserted = await this.repo.insertDelivery(trx, {
        notification_id: null,
        channel: 'webhook',
        webhook_id: hook.id,
        user_id: null,
        target: hook.url,
        event: 'webhook.test',
        payload: JSON.stringify(payload),
        status: 'pending',
        // Not due for the job: this request makes its one attempt itself.
        next_attempt_at: null,
        attempts: 0,
        last_error: null,
        last_http_status: null,
        delivered_at: null,
        created_at: now,
      });
      await this.audit.record(trx, actor, {
        action: 'webhook.test',
        entityType: 'webhook',
        entityId: hook.id,
        after: { deliveryId: inserted.id },
      });
      return inserted;
    });
    const outcome = await this.deliveries.attempt(row, { retry: false });
    const after = await this.repo.delivery(this.db, row.id);
    return { delivery: deliveryOf(after!), ok: outcome.ok };
  }

  async deliveryPage(actor: Actor, id: number, query: WebhookDeliveryQuery): Promise<WebhookDeliveryPage> {
    requirePermission(actor, Permission.NotificationManage);
    await this.find(this.db, id);
    const { rows, total } = await this.repo.webhookDeliveries(
      this.db,
      id,
      query.limit ?? 50,
      query.offset ?? 0,
    );
    return { items: rows.map(deliveryOf), total };
  }

  private async view(db: Executor, row: WebhookRow): Promise<Webhook> {
    const last = await this.repo.lastDeliveries(db, [row.id]);
    return webhookOf(row, last.get(row.id));
  }

  private async find(db: Executor, id: number): Promise<WebhookRow> {
    const row = await this.repo.webhook(db, id);
    if (!row) throw notFound('webhook', id);
    return row;
  }

  private async checkUrl(url: string): Promise<void> {
    const problem = await checkWebhookHost(url, this.options.allowPrivate);
    if (problem)
      throw invalidField('/url', problem === 'url_scheme' ? 'format' : problem, { format: 'http(s)' });
  }
}
