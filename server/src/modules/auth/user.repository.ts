import { likePattern, searchKey, type Role, type User, type UserListQuery } from '@sievert/core';
import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { NewUserRow, UserRow, UserUpdate } from '../../db/schema.js';
import type { DataScope } from './actor.js';
import { organisationScopeCondition } from './scope.js';
import { updateVersioned } from '../../db/versioned.js';

type RowWithOrg = UserRow & { organisation_name: string };

function toUser(row: RowWithOrg, roles: Role[]): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    phone: row.phone,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    roles,
    status: row.status as User['status'],
    totpEnabled: row.totp_enabled === 1,
    mustChangePassword: row.must_change_password === 1,
    lockedUntil: row.locked_until,
    failedLoginCount: row.failed_login_count,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** The columns that turn two-factor authentication off. */
export const NO_TOTP = {
  totp_secret: null,
  totp_pending_secret: null,
  totp_enabled: 0,
  totp_last_step: null,
} as const;

export function userSearchText(u: { username: string; displayName: string; email?: string | null }) {
  return searchKey(u.username, u.displayName, u.email);
}

export class UserRepository {
  private base(db: Executor, scope: DataScope) {
    return db
      .selectFrom('users')
      .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
      .where((eb) => organisationScopeCondition(eb, scope))
      .selectAll('users')
      .select('organisations.name as organisation_name');
  }

  async rolesOf(db: Executor, userIds: readonly number[]): Promise<Map<number, Role[]>> {
    const map = new Map<number, Role[]>();
    if (userIds.length === 0) return map;
    const rows = await db
      .selectFrom('user_roles')
      .select(['user_id', 'role'])
      .where('user_id', 'in', userIds)
      .orderBy('role')
      .execute();
    for (const r of rows) {
      const list = map.get(r.user_id) ?? [];
      list.push(r.role as Role);
      map.set(r.user_id, list);
    }
    return map;
  }

  async list(
    db: Executor,
    scope: DataScope,
    query: UserListQuery,
  ): Promise<{ items: User[]; total: number }> {
    let q = this.base(db, scope);
    if (query.organisationId !== undefined) q = q.where('users.organisation_id', '=', query.organisationId);
    if (query.status) q = q.where('users.status', '=', query.status);
    if (query.role) {
      const role = query.role;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('user_roles')
            .select('user_roles.user_id')
            .whereRef('user_roles.user_id', '=', 'users.id')
            .where('user_roles.role', '=', role),
        ),
      );
    }
    if (query.q)
      q = q.where(sql<boolean>`users.search_text like ${likePattern(searchKey(query.q))} escape '\\'`);
    const [rows, count] = await Promise.all([
      q
        .orderBy('users.username')
        .limit(query.limit ?? 50)
        .offset(query.offset ?? 0)
        .execute(),
      q
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    const roles = await this.rolesOf(
      db,
      rows.map((r) => r.id),
    );
    return { items: rows.map((r) => toUser(r, roles.get(r.id) ?? [])), total: Number(count.n) };
  }

  async findById(db: Executor, id: number, scope: DataScope): Promise<User | null> {
    const row = await this.base(db, scope).where('users.id', '=', id).executeTakeFirst();
    if (!row) return null;
    const roles = await this.rolesOf(db, [id]);
    return toUser(row, roles.get(id) ?? []);
  }

  /** The raw row, with secrets: for authentication only. */
  async findRowByUsername(db: Executor, username: string): Promise<UserRow | null> {
    return (
      (await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst()) ?? null
    );
  }

  async findRowById(db: Executor, id: number): Promise<UserRow | null> {
    return (await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  async usernameTaken(db: Executor, username: string): Promise<boolean> {
    return (
      (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()) !==
      undefined
    );
  }

  async insert(db: Executor, row: NewUserRow, roles: readonly Role[]): Promise<number> {
    const { id } = await db.insertInto('users').values(row).returning('id').executeTakeFirstOrThrow();
    await this.setRoles(db, id, roles);
    return id;
  }

  async setRoles(db: Executor, userId: number, roles: readonly Role[]): Promise<void> {
    await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
    if (roles.length > 0)
      await db
        .insertInto('user_roles')
        .values(roles.map((role) => ({ user_id: userId, role })))
        .execute();
  }

  /** Versioned update for edits by people; returns false if the row moved on. */
  async updateVersioned(db: Executor, id: number, version: number, changes: UserUpdate): Promise<boolean> {
    return updateVersioned(db, 'users', id, version, changes);
  }

  /** Unversioned update for bookkeeping (login counters, last login, TOTP steps). */
  async updateRow(db: Executor, id: number, changes: UserUpdate): Promise<void> {
    await db.updateTable('users').set(changes).where('id', '=', id).execute();
  }

  async count(db: Executor, scope: DataScope): Promise<number> {
    const r = await db
      .selectFrom('users')
      .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
      .where((eb) => organisationScopeCondition(eb, scope))
      .where('users.status', '=', 'active')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async countAdmins(db: Executor): Promise<number> {
    const r = await db
      .selectFrom('user_roles')
      .innerJoin('users', 'users.id', 'user_roles.user_id')
      .where('user_roles.role', '=', 'admin')
      .where('users.status', '=', 'active')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }
}
