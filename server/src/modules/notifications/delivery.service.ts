/**
 * The outbox worker: sends the e-mails and webhook calls that `publish` queued, records every attempt, and
 * retries failures with growing waits (1 min, 5 min, 30 min, 2 h, 12 h, each ±10 %), then gives up. Rows are
 * the state, so retries survive restarts; the job runner makes sure one instance works the outbox at a time.
 */
import type { Clock } from '../../adapters/clock.js';
import type { MailSender } from '../../adapters/mail.js';
import { MAX_ATTEMPTS, retryDelayMs, type WebhookSender } from '../../adapters/webhook.js';
import type { Db } from '../../db/database.js';
import type { SecretBox } from '../../security/tokens.js';
import { NotificationRepository, type DeliveryRow } from './notification.repository.js';

export interface DeliveryOutcome {
  ok: boolean;
  status: 'pending' | 'delivered' | 'failed';
  error: string | null;
  httpStatus: number | null;
}

export interface DeliveryLogger {
  warn(obj: object, msg: string): void;
}

const BATCH = 50;
/** At most this many sends at once: a few slow receivers must not hold the whole batch. */
const PARALLEL = 8;

export class DeliveryService {
  private readonly repo = new NotificationRepository();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly mail: MailSender,
    private readonly webhooks: WebhookSender,
    private readonly box: SecretBox,
    private readonly log: DeliveryLogger | null = null,
    private readonly random: () => number = Math.random,
  ) {}

  /** Works through the deliveries that are due now; returns how each ended up. */
  async processDue(limit = BATCH): Promise<{ delivered: number; retrying: number; failed: number }> {
    const due = await this.repo.dueDeliveries(this.db, this.clock.now().toISOString(), limit);
    const counts = { delivered: 0, retrying: 0, failed: 0 };
    let next = 0;
    const worker = async () => {
      while (next < due.length) {
        const row = due[next++]!;
        const outcome = await this.attempt(row);
        if (outcome.status === 'delivered') counts.delivered++;
        else if (outcome.status === 'failed') counts.failed++;
        else counts.retrying++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, due.length) }, worker));
    return counts;
  }

  /**
   * One attempt of one delivery, recorded. `retry: false` (a test call) ends failed after one failure.
   */
  async attempt(row: DeliveryRow, options: { retry?: boolean } = {}): Promise<DeliveryOutcome> {
    const attempts = row.attempts + 1;
    let result: { ok: boolean; error: string | null; httpStatus: number | null; permanent: boolean };
    try {
      result = row.channel === 'email' ? await this.sendEmail(row) : await this.sendWebhook(row);
    } catch (error) {
      result = {
        ok: false,
        error: String((error as Error).message ?? error),
        httpStatus: null,
        permanent: false,
      };
    }
    const now = this.clock.now();
    let status: DeliveryOutcome['status'];
    let nextAttemptAt: string | null = null;
    if (result.ok) status = 'delivered';
    else {
      const wait = options.retry === false || result.permanent ? null : retryDelayMs(attempts, this.random);
      if (wait === null || attempts >= MAX_ATTEMPTS) status = 'failed';
      else {
        status = 'pending';
        nextAttemptAt = new Date(now.getTime() + wait).toISOString();
      }
    }
    const error = result.error ? result.error.slice(0, 500) : null;
    await this.repo.recordAttempt(this.db, row.id, {
      status,
      attempts,
      nextAttemptAt,
      lastError: result.ok ? null : error,
      lastHttpStatus: result.httpStatus,
      deliveredAt: result.ok ? now.toISOString() : null,
    });
    if (status === 'failed')
      this.log?.warn(
        { deliveryId: row.id, channel: row.channel, attempts, error },
        `notification delivery ${row.id} (${row.channel}) failed for good`,
      );
    return { ok: result.ok, status, error, httpStatus: result.httpStatus };
  }

  private async sendEmail(row: DeliveryRow) {
    if (!this.mail.enabled)
      return { ok: false, error: 'e-mail is off on this server', httpStatus: null, permanent: true };
    const content = JSON.parse(row.payload) as { subject: string; text: string; html: string };
    const sent = await this.mail.send({ to: row.target, ...content });
    return {
      ok: sent.ok,
      error: sent.error ?? null,
      httpStatus: null,
      permanent: sent.permanent === true,
    };
  }

  private async sendWebhook(row: DeliveryRow) {
    const hook = row.webhook_id === null ? undefined : await this.repo.webhook(this.db, row.webhook_id);
    if (!hook) return { ok: false, error: 'the webhook was deleted', httpStatus: null, permanent: true };
    if (hook.active !== 1 && row.event !== 'webhook.test')
      return { ok: false, error: 'the webhook is switched off', httpStatus: null, permanent: true };
    const secret = this.box.open(hook.secret_sealed);
    // The address in force now (an edited webhook sends its pending deliveries to its new address).
    const sent = await this.webhooks.send({
      url: hook.url,
      secret,
      event: row.event,
      deliveryId: row.id,
      timestamp: Math.floor(this.clock.now().getTime() / 1000),
      body: row.payload,
    });
    return { ok: sent.ok, error: sent.error, httpStatus: sent.status, permanent: false };
  }
}
