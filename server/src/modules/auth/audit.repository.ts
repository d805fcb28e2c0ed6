import { createHash } from 'node:crypto';
import type { AuditEntry, AuditListQuery } from '@sievert/core';
import type { Executor } from '../../db/database.js';
import type { AuditRow } from '../../db/schema.js';

export interface NewAuditEntry {
  at: string;
  actorId: number | null;
  actorName: string | null;
  via: 'session' | 'token' | 'system';
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

/** JSON with object keys sorted at every depth, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

type HashedFields = Omit<AuditRow, 'hash'>;

export function hashEntry(row: HashedFields): string {
  const material = JSON.stringify([
    row.prev_hash,
    row.id,
    row.at,
    row.actor_id,
    row.actor_name,
    row.via,
    row.ip,
    row.action,
    row.entity_type,
    row.entity_id,
    row.before_json,
    row.after_json,
  ]);
  return createHash('sha256').update(material, 'utf8').digest('hex');
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    via: row.via as AuditEntry['via'],
    ip: row.ip,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before_json === null ? null : (JSON.parse(row.before_json) as unknown),
    after: row.after_json === null ? null : (JSON.parse(row.after_json) as unknown),
    hash: row.hash,
  };
}

export class AuditRepository {
  /**
   * Appends one entry inside the caller's transaction. Taking the head row first serialises appenders
   * (a row lock in PostgreSQL, the write lock in SQLite), so ids are dense and each entry names its predecessor.
   */
  async append(trx: Executor, entry: NewAuditEntry): Promise<number> {
    const head = await trx
      .updateTable('audit_head')
      .set((eb) => ({ last_id: eb('last_id', '+', 1) }))
      .where('id', '=', 1)
      .returning(['last_id', 'last_hash'])
      .executeTakeFirstOrThrow();
    const row: HashedFields = {
      id: head.last_id,
      at: entry.at,
      actor_id: entry.actorId,
      actor_name: entry.actorName,
      via: entry.via,
      ip: entry.ip,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      before_json: entry.before === undefined || entry.before === null ? null : canonicalJson(entry.before),
      after_json: entry.after === undefined || entry.after === null ? null : canonicalJson(entry.after),
      prev_hash: head.last_hash,
    };
    const hash = hashEntry(row);
    await trx
      .insertInto('audit_log')
      .values({ ...row, hash })
      .execute();
    await trx.updateTable('audit_head').set({ last_hash: hash }).where('id', '=', 1).execute();
    return row.id;
  }

  async list(db: Executor, query: AuditListQuery): Promise<{ items: AuditEntry[]; total: number }> {
    let q = db.selectFrom('audit_log');
    if (query.actorId !== undefined) q = q.where('actor_id', '=', query.actorId);
    if (query.action) q = q.where('action', '=', query.action);
    if (query.entityType) q = q.where('entity_type', '=', query.entityType);
    if (query.entityId) q = q.where('entity_id', '=', query.entityId);
    if (query.from) q = q.where('at', '>=', new Date(query.from).toISOString());
    if (query.to) q = q.where('at', '<=', new Date(query.to).toISOString());
    const [rows, count] = await Promise.all([
      q
        .selectAll()
        .orderBy('id', 'desc')
        .limit(query.limit ?? 50)
        .offset(query.offset ?? 0)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toEntry), total: Number(count.n) };
  }

  async page(db: Executor, afterId: number, size: number): Promise<AuditRow[]> {
    return db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id', 'asc')
      .limit(size)
      .execute();
  }

  async head(db: Executor): Promise<{ lastId: number; lastHash: string }> {
    const head = await db
      .selectFrom('audit_head')
      .select(['last_id', 'last_hash'])
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    return { lastId: head.last_id, lastHash: head.last_hash };
  }
}
