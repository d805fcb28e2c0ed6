import type { Executor } from '../../db/database.js';
import type { ApiTokenRow } from '../../db/schema.js';

export interface SessionRecord {
  id: string;
  userId: number;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

/** Sessions and API tokens: only hashes of their secrets are stored. */
export class SessionRepository {
  async insertSession(
    db: Executor,
    s: SessionRecord & { ip: string | null; userAgent: string | null },
  ): Promise<void> {
    await db
      .insertInto('sessions')
      .values({
        id: s.id,
        user_id: s.userId,
        csrf_token: s.csrfToken,
        created_at: s.createdAt,
        expires_at: s.expiresAt,
        last_seen_at: s.lastSeenAt,
        ip: s.ip,
        user_agent: s.userAgent,
      })
      .execute();
  }

  async findSession(db: Executor, id: string): Promise<SessionRecord | null> {
    const row = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
    return row
      ? {
          id: row.id,
          userId: row.user_id,
          csrfToken: row.csrf_token,
          createdAt: row.created_at,
          expiresAt: row.expires_at,
          lastSeenAt: row.last_seen_at,
        }
      : null;
  }

  async touchSession(db: Executor, id: string, at: string): Promise<void> {
    await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
  }

  async deleteSession(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  async deleteSessionsOfUser(db: Executor, userId: number, exceptId?: string): Promise<void> {
    let q = db.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptId) q = q.where('id', '!=', exceptId);
    await q.execute();
  }

  async deleteExpired(db: Executor, now: string): Promise<void> {
    await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
  }

  async insertToken(
    db: Executor,
    t: Omit<ApiTokenRow, 'id' | 'last_used_at' | 'revoked_at'>,
  ): Promise<number> {
    const { id } = await db.insertInto('api_tokens').values(t).returning('id').executeTakeFirstOrThrow();
    return id;
  }

  async findTokenByPrefix(db: Executor, prefix: string): Promise<ApiTokenRow | null> {
    return (
      (await db.selectFrom('api_tokens').selectAll().where('prefix', '=', prefix).executeTakeFirst()) ?? null
    );
  }

  async findToken(db: Executor, id: number): Promise<(ApiTokenRow & { username: string }) | null> {
    return (
      (await db
        .selectFrom('api_tokens')
        .innerJoin('users', 'users.id', 'api_tokens.user_id')
        .selectAll('api_tokens')
        .select('users.username')
        .where('api_tokens.id', '=', id)
        .executeTakeFirst()) ?? null
    );
  }

  async listTokens(db: Executor, userId: number | null): Promise<Array<ApiTokenRow & { username: string }>> {
    let q = db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .selectAll('api_tokens')
      .select('users.username');
    if (userId !== null) q = q.where('api_tokens.user_id', '=', userId);
    return q.orderBy('api_tokens.id', 'desc').execute();
  }

  async touchToken(db: Executor, id: number, at: string): Promise<void> {
    await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
  }

  async revokeToken(db: Executor, id: number, at: string): Promise<void> {
    await db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  }
}
