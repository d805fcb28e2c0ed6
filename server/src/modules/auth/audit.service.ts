import { Permission, type AuditListQuery, type AuditPage, type AuditVerifyResponse } from '@sievert/core';
import type { Clock } from '../../adapters/clock.js';
import type { Db, Executor } from '../../db/database.js';
import { requirePermission, type Actor } from './actor.js';
import { AuditRepository, hashEntry } from './audit.repository.js';

export const GENESIS_HASH = '0'.repeat(64);

/** Keys whose values never enter the audit log, whatever a caller passes. */
const SECRET_KEY = /password|secret|hash|csrf|totp_?code|token$/i;

export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        SECRET_KEY.test(k) ? '[redacted]' : redact(v),
      ]),
    );
  }
  return value;
}

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

export class AuditService {
  private readonly repo = new AuditRepository();
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Appends inside the caller's transaction, so a change and its audit entry commit together or not at all. */
  async record(trx: Executor, actor: Actor, record: AuditRecord): Promise<void> {
    await this.repo.append(trx, {
      at: this.clock.now().toISOString(),
      actorId: actor.userId,
      actorName: actor.username,
      via: actor.via,
      ip: actor.ip,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId === undefined || record.entityId === null ? null : String(record.entityId),
      before: record.before === undefined ? null : redact(record.before),
      after: record.after === undefined ? null : redact(record.after),
    });
  }

  /** For events that change nothing else (login attempts): its own small transaction. */
  async recordAlone(actor: Actor, record: AuditRecord): Promise<void> {
    await this.db.transaction().execute((trx) => this.record(trx, actor, record));
  }

  async list(actor: Actor, query: AuditListQuery): Promise<AuditPage> {
    requirePermission(actor, Permission.AuditRead);
    return this.repo.list(this.db, query);
  }

  /** Walks the whole chain in id order; reports the first entry that does not fit. */
  async verify(actor: Actor): Promise<AuditVerifyResponse> {
    requirePermission(actor, Permission.AuditVerify);
    let expectedPrev = GENESIS_HASH;
    let expectedId = 1;
    let checked = 0;
    let lastId = 0;
    for (;;) {
      const rows = await this.repo.page(this.db, lastId, 1000);
      if (rows.length === 0) break;
      for (const row of rows) {
        if (row.id !== expectedId) return broken(expectedId, 'missing_entries');
        if (row.prev_hash !== expectedPrev) return broken(row.id, 'chain_break');
        if (hashEntry(row) !== row.hash) return broken(row.id, 'content_changed');
        expectedPrev = row.hash;
        expectedId += 1;
        checked += 1;
        lastId = row.id;
      }
    }
    const head = await this.repo.head(this.db);
    if (head.lastId !== lastId || head.lastHash !== expectedPrev) return broken(lastId + 1, 'missing_tail');
    return { intact: true, checked, firstBrokenId: null, reason: null };

    function broken(id: number, reason: string): AuditVerifyResponse {
      return { intact: false, checked, firstBrokenId: id, reason };
    }
  }
}
