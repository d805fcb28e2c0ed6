import {
  Permission,
  ROLES_BY_ORGANISATION_KIND,
  type CreateUserBody,
  type Role,
  type UpdateUserBody,
  type User,
  type UserListQuery,
  type UserPage,
} from '@sievert/core';
import type { Clock } from '../../adapters/clock.js';
import type { Db, Executor } from '../../db/database.js';
import type { UserUpdate } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { hashPassword } from '../../security/passwords.js';
import { dataScope, requirePermission, type Actor } from './actor.js';
import type { AuditService } from './audit.service.js';
import type { AuthService } from './auth.service.js';
import type { OrganisationService } from './organisation.service.js';
import { SessionRepository } from './session.repository.js';
import { NO_TOTP, UserRepository, userSearchText } from './user.repository.js';

export class UserService {
  readonly repo = new UserRepository();
  private readonly sessions = new SessionRepository();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly organisations: OrganisationService,
    private readonly auth: AuthService,
  ) {}

  async list(actor: Actor, query: UserListQuery): Promise<UserPage> {
    requirePermission(actor, Permission.UserRead);
    return this.repo.list(this.db, dataScope(actor), query);
  }

  async get(actor: Actor, id: number): Promise<User> {
    requirePermission(actor, Permission.UserRead);
    const user = await this.repo.findById(this.db, id, dataScope(actor));
    if (!user) throw notFound('user', id);
    return user;
  }

  async create(
    actor: Actor,
    body: CreateUserBody,
    options: { mustChangePassword?: boolean } = {},
  ): Promise<User> {
    requirePermission(actor, Permission.UserManage);
    const username = body.username.toLowerCase();
    this.auth.checkPolicy(body.password, username, '/password');
    const passwordHash = await hashPassword(body.password);
    return this.db.transaction().execute(async (trx) => {
      await this.checkRoles(trx, body.organisationId, body.roles);
      if (await this.repo.usernameTaken(trx, username))
        throw new AppError('user.duplicate_username', { username }, { field: '/username' });
      const now = this.clock.now().toISOString();
      const id = await this.repo.insert(
        trx,
        {
          username,
          display_name: body.displayName.trim(),
          email: body.email?.trim() || null,
          phone: body.phone?.trim() || null,
          organisation_id: body.organisationId,
          password_hash: passwordHash,
          status: 'active',
          must_change_password: (options.mustChangePassword ?? true) ? 1 : 0,
          ...NO_TOTP,
          failed_login_count: 0,
          locked_until: null,
          last_login_at: null,
          password_changed_at: now,
          search_text: userSearchText({ username, displayName: body.displayName, email: body.email ?? null }),
          created_at: now,
          updated_at: now,
          version: 1,
        },
        body.roles,
      );
      const created = (await this.repo.findById(trx, id, { level: 'province' }))!;
      await this.audit.record(trx, actor, {
        action: 'user.create',
        entityType: 'user',
        entityId: id,
        after: snapshot(created),
      });
      return created;
    });
  }

  async update(actor: Actor, id: number, body: UpdateUserBody): Promise<User> {
    requirePermission(actor, Permission.UserManage);
    return this.db.transaction().execute(async (trx) => {
      const before = await this.repo.findById(trx, id, dataScope(actor));
      if (!before) throw notFound('user', id);
      if (body.version !== undefined && body.version !== before.version)
        throw new AppError('entity.conflict', {}, { currentVersion: before.version });
      const roles = body.roles ?? before.roles;
      const organisationId = body.organisationId ?? before.organisationId;
      if (body.roles !== undefined || body.organisationId !== undefined)
        await this.checkRoles(trx, organisationId, roles);
      if (
        id === actor.userId &&
        (body.status === 'disabled' || (before.roles.includes('admin') && !roles.includes('admin')))
      ) {
        throw new AppError('user.self_lockout');
      }
      const changes: UserUpdate = { updated_at: this.clock.now().toISOString() };
      if (body.displayName !== undefined) changes.display_name = body.displayName.trim();
      if (body.email !== undefined) changes.email = body.email?.trim() || null;
      if (body.phone !== undefined) changes.phone = body.phone?.trim() || null;
      if (body.organisationId !== undefined) changes.organisation_id = body.organisationId;
      if (body.status !== undefined) changes.status = body.status;
      changes.search_text = userSearchText({
        username: before.username,
        displayName: changes.display_name ?? before.displayName,
        email: changes.email === undefined ? before.email : changes.email,
      });
      if (!(await this.repo.updateVersioned(trx, id, before.version, changes)))
        throw new AppError('entity.conflict', {}, { currentVersion: before.version });
      if (body.roles !== undefined) await this.repo.setRoles(trx, id, roles);
      // A disabled user, or one moved to another organisation, starts again from a fresh sign-in.
      if (
        body.status === 'disabled' ||
        (body.organisationId !== undefined && body.organisationId !== before.organisationId)
      ) {
        await this.sessions.deleteSessionsOfUser(trx, id);
      }
      const after = (await this.repo.findById(trx, id, { level: 'province' }))!;
      await this.audit.record(trx, actor, {
        action: 'user.update',
        entityType: 'user',
        entityId: id,
        before: snapshot(before),
        after: snapshot(after),
      });
      return after;
    });
  }

  async resetPassword(actor: Actor, id: number, newPassword: string): Promise<void> {
    requirePermission(actor, Permission.UserManage);
    const user = await this.get(actor, id);
    this.auth.checkPolicy(newPassword, user.username, '/newPassword');
    const hash = await hashPassword(newPassword);
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await this.repo.updateRow(trx, id, {
        password_hash: hash,
        must_change_password: 1,
        password_changed_at: now,
        failed_login_count: 0,
        locked_until: null,
        updated_at: now,
      });
      await this.sessions.deleteSessionsOfUser(trx, id);
      await this.audit.record(trx, actor, {
        action: 'user.password_reset',
        entityType: 'user',
        entityId: id,
      });
    });
  }

  async unlock(actor: Actor, id: number): Promise<void> {
    requirePermission(actor, Permission.UserManage);
    const user = await this.get(actor, id);
    await this.db.transaction().execute(async (trx) => {
      await this.repo.updateRow(trx, id, { failed_login_count: 0, locked_until: null });
      await this.audit.record(trx, actor, {
        action: 'user.unlock',
        entityType: 'user',
        entityId: id,
        before: { failedLoginCount: user.failedLoginCount, lockedUntil: user.lockedUntil },
      });
    });
  }

  /** For a user who lost their authenticator: the admin removes the second factor; the user sets it up again. */
  async resetTotp(actor: Actor, id: number): Promise<void> {
    requirePermission(actor, Permission.UserManage);
    await this.get(actor, id);
    await this.db.transaction().execute(async (trx) => {
      await this.repo.updateRow(trx, id, {
        ...NO_TOTP,
        updated_at: this.clock.now().toISOString(),
      });
      await this.sessions.deleteSessionsOfUser(trx, id);
      await this.audit.record(trx, actor, { action: 'user.totp_reset', entityType: 'user', entityId: id });
    });
  }

  async countActive(actor: Actor): Promise<number> {
    return this.repo.count(this.db, dataScope(actor));
  }

  private async checkRoles(db: Executor, organisationId: number, roles: readonly Role[]): Promise<void> {
    const org = await this.organisations.findUnscoped(db, organisationId);
    if (!org)
      throw new AppError(
        'entity.not_found',
        { entity: 'organisation' },
        { field: '/organisationId', id: organisationId },
      );
    const allowed = ROLES_BY_ORGANISATION_KIND[org.kind];
    const wrong = roles.find((r) => !allowed.includes(r));
    if (wrong)
      throw new AppError('user.role_not_allowed', { role: wrong }, { field: '/roles', role: wrong, allowed });
  }
}

function snapshot(u: User): Record<string, unknown> {
  const { failedLoginCount: _f, lockedUntil: _l, lastLoginAt: _a, ...rest } = u;
  return rest;
}
