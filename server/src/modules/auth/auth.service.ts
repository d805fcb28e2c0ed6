import {
  checkPassword,
  Permission,
  permissionsOf,
  scopeOf,
  type ApiToken,
  type CreateTokenBody,
  type CreateTokenResponse,
  type LoginBody,
  type LoginResponse,
  type MeResponse,
  type OrganisationKind,
  type TotpSetupResponse,
} from '@sievert/core';
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../adapters/clock.js';
import type { Config } from '../../config.js';
import type { Db, Executor } from '../../db/database.js';
import type { ApiTokenRow, UserRow } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { decoyHash, hashPassword, verifyPassword } from '../../security/passwords.js';
import { randomToken, safeEqual, sha256Hex, type SecretBox } from '../../security/tokens.js';
import { base32Decode, newTotpSecret, otpauthUrl, verifyTotp } from '../../security/totp.js';
import { hasPermission, requirePermission, type Actor } from './actor.js';
import type { AuditService } from './audit.service.js';
import { SessionRepository } from './session.repository.js';
import { NO_TOTP, UserRepository } from './user.repository.js';

export const SESSION_COOKIE = 'sievert_session';
const TOKEN_PATTERN = /^svt_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
/** Bookkeeping writes (last seen, last used) at most this often per session or token. */
const TOUCH_EVERY_MS = 60_000;

export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
}

export interface LoginResult extends LoginResponse {
  sessionToken: string;
  maxAgeSeconds: number;
}

export class AuthService {
  private readonly users = new UserRepository();
  private readonly sessions = new SessionRepository();
  /** Against password spraying across many usernames from one address (per-account locks cover the rest). */
  private readonly ipThrottle = new FailureThrottle(50, 15 * 60);

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly config: Config,
    private readonly audit: AuditService,
    private readonly secretBox: SecretBox,
  ) {}

  // ── login and sessions ────────────────────────────────────────────────────────────────────────────────

  async login(body: LoginBody, info: RequestInfo): Promise<LoginResult> {
    const username = body.username.trim().toLowerCase();
    const now = this.clock.now();
    const anonymous = this.anonymousActor(username, info);
    this.ipThrottle.check(info.ip, now);
    const row = await this.users.findRowByUsername(this.db, username);
    if (!row) {
      this.ipThrottle.fail(info.ip, now);
      await verifyPassword(body.password, await decoyHash());
      await this.audit.recordAlone(anonymous, {
        action: 'auth.login_failed',
        entityType: 'user',
        after: { username, reason: 'unknown_user' },
      });
      throw new AppError('auth.invalid_credentials');
    }
    const actorForAudit: Actor = { ...anonymous, userId: row.id };
    if (row.locked_until && new Date(row.locked_until) > now) {
      const seconds = Math.ceil((new Date(row.locked_until).getTime() - now.getTime()) / 1000);
      await this.audit.recordAlone(actorForAudit, {
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: row.id,
        after: { username, reason: 'locked' },
      });
      throw this.lockedError(seconds);
    }
    const passwordOk = await verifyPassword(body.password, row.password_hash);
    if (!passwordOk) return this.failLogin(row, actorForAudit, 'wrong_password');
    if (row.status !== 'active') {
      await this.audit.recordAlone(actorForAudit, {
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: row.id,
        after: { username, reason: 'disabled' },
      });
      throw new AppError('auth.invalid_credentials');
    }
    let totpStep: number | null = null;
    if (row.totp_enabled === 1 && row.totp_secret) {
      if (!body.totp) throw new AppError('auth.totp_required');
      const secret = base32Decode(this.secretBox.open(row.totp_secret));
      totpStep = verifyTotp(secret, body.totp, Math.floor(now.getTime() / 1000), row.totp_last_step);
      if (totpStep === null) return this.failLogin(row, actorForAudit, 'wrong_totp');
    }

    const sessionToken = randomToken(32);
    const csrfToken = randomToken(32);
    const expiresAt = new Date(now.getTime() + this.config.sessionTtlMinutes * 60_000);
    const nowIso = now.toISOString();
    const actor = await this.actorFor(this.db, row, 'session', info.ip);
    await this.db.transaction().execute(async (trx) => {
      await this.users.updateRow(trx, row.id, {
        failed_login_count: 0,
        locked_until: null,
        last_login_at: nowIso,
        ...(totpStep !== null ? { totp_last_step: totpStep } : {}),
      });
      await this.sessions.insertSession(trx, {
        id: sha256Hex(sessionToken),
        userId: row.id,
        csrfToken,
        createdAt: nowIso,
        expiresAt: expiresAt.toISOString(),
        lastSeenAt: nowIso,
        ip: info.ip,
        userAgent: info.userAgent?.slice(0, 300) ?? null,
      });
      await this.sessions.deleteExpired(trx, nowIso);
      await this.audit.record(trx, actor, {
        action: 'auth.login',
        entityType: 'user',
        entityId: row.id,
        after: {
          username,
          secondFactor: totpStep !== null,
          userAgent: info.userAgent?.slice(0, 300) ?? null,
        },
      });
    });
    return {
      user: {
        id: row.id,
        username: row.username,
        displayName: row.display_name,
        roles: [...actor.roles],
        organisationId: row.organisation_id,
      },
      csrfToken,
      sessionToken,
      maxAgeSeconds: this.config.sessionTtlMinutes * 60,
    };
  }

  /** Exponential back-off: after the free failures, each further one doubles the lock, up to the maximum. */
  lockSeconds(failures: number): number {
    const { freeFailures, baseSeconds, maxSeconds } = this.config.loginLock;
    if (failures < freeFailures) return 0;
    return Math.min(baseSeconds * 2 ** Math.min(failures - freeFailures, 30), maxSeconds);
  }

  private async failLogin(row: UserRow, actor: Actor, reason: string): Promise<never> {
    this.ipThrottle.fail(actor.ip, this.clock.now());
    const failures = row.failed_login_count + 1;
    const lock = this.lockSeconds(failures);
    const lockedUntil = lock > 0 ? new Date(this.clock.now().getTime() + lock * 1000).toISOString() : null;
    await this.db.transaction().execute(async (trx) => {
      await this.users.updateRow(trx, row.id, { failed_login_count: failures, locked_until: lockedUntil });
      await this.audit.record(trx, actor, {
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: row.id,
        after: { username: row.username, reason, failures, lockedUntil },
      });
    });
    if (lock > 0) throw this.lockedError(lock);
    throw new AppError(reason === 'wrong_totp' ? 'auth.totp_invalid' : 'auth.invalid_credentials');
  }

  private lockedError(seconds: number): AppError {
    return new AppError(
      'auth.locked',
      { seconds },
      { retryAfterSeconds: seconds },
      { 'retry-after': String(seconds) },
    );
  }

  /** The actor behind a session cookie, or null when the session is unknown, expired or idle too long. */
  async resolveSession(
    token: string,
    ip: string | null,
  ): Promise<{ actor: Actor; csrfToken: string } | null> {
    if (token.length < 20 || token.length > 100) return null;
    const id = sha256Hex(token);
    const session = await this.sessions.findSession(this.db, id);
    if (!session) return null;
    const now = this.clock.now();
    const idleLimit = new Date(session.lastSeenAt).getTime() + this.config.sessionIdleMinutes * 60_000;
    if (new Date(session.expiresAt) <= now || idleLimit <= now.getTime()) {
      await this.sessions.deleteSession(this.db, id);
      return null;
    }
    const row = await this.users.findRowById(this.db, session.userId);
    if (!row || row.status !== 'active') return null;
    if (now.getTime() - new Date(session.lastSeenAt).getTime() > TOUCH_EVERY_MS) {
      await this.sessions.touchSession(this.db, id, now.toISOString());
    }
    const actor = await this.actorFor(this.db, row, 'session', ip);
    actor.sessionId = id;
    actor.mustChangePassword = row.must_change_password === 1;
    return { actor, csrfToken: session.csrfToken };
  }

  async logout(actor: Actor): Promise<void> {
    if (!actor.sessionId) return;
    const sessionId = actor.sessionId;
    await this.db.transaction().execute(async (trx) => {
      await this.sessions.deleteSession(trx, sessionId);
      await this.audit.record(trx, actor, {
        action: 'auth.logout',
        entityType: 'user',
        entityId: actor.userId,
      });
    });
  }

  async me(actor: Actor, csrfToken: string | null): Promise<MeResponse> {
    if (actor.userId === null) throw new AppError('auth.unauthenticated');
    const row = await this.users.findRowById(this.db, actor.userId);
    if (!row) throw new AppError('auth.unauthenticated');
    const org = await this.db
      .selectFrom('organisations')
      .select(['id', 'name', 'kind', 'commune_code'])
      .where('id', '=', row.organisation_id)
      .executeTakeFirstOrThrow();
    return {
      user: {
        id: row.id,
        username: row.username,
        displayName: row.display_name,
        roles: [...actor.roles],
        organisationId: row.organisation_id,
        organisation: {
          id: org.id,
          name: org.name,
          kind: org.kind as OrganisationKind,
          communeCode: org.commune_code,
        },
        permissions: [...actor.permissions],
        scope: actor.scope,
        totpEnabled: row.totp_enabled === 1,
        mustChangePassword: row.must_change_password === 1,
      },
      csrfToken,
      via: actor.via === 'token' ? 'token' : 'session',
    };
  }

  async mustChangePassword(actor: Actor): Promise<boolean> {
    if (actor.userId === null || actor.via !== 'session') return false;
    const row = await this.users.findRowById(this.db, actor.userId);
    return row?.must_change_password === 1;
  }

  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    const row = await this.requireSessionUser(actor);
    if (!(await verifyPassword(currentPassword, row.password_hash)))
      throw new AppError('auth.password_wrong', {}, { field: '/currentPassword' });
    this.checkPolicy(newPassword, row.username, '/newPassword');
    if (await verifyPassword(newPassword, row.password_hash))
      throw this.policyError(['reused'], '/newPassword');
    const hash = await hashPassword(newPassword);
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await this.users.updateRow(trx, row.id, {
        password_hash: hash,
        must_change_password: 0,
        password_changed_at: now,
        updated_at: now,
      });
      await this.sessions.deleteSessionsOfUser(trx, row.id, actor.sessionId);
      await this.audit.record(trx, actor, {
        action: 'auth.password_change',
        entityType: 'user',
        entityId: row.id,
      });
    });
  }

  checkPolicy(password: string, username: string, field: string): void {
    const failed = checkPassword(password, username);
    if (failed.length > 0) throw this.policyError(failed, field);
  }

  private policyError(rules: string[], field: string): AppError {
    return new AppError('auth.password_policy', { reason: rules.join(', ') }, { field, rules });
  }

  // ── two-factor authentication ─────────────────────────────────────────────────────────────────────────

  async totpSetup(actor: Actor): Promise<TotpSetupResponse> {
    const row = await this.requireSessionUser(actor);
    const secret = newTotpSecret();
    await this.users.updateRow(this.db, row.id, { totp_pending_secret: this.secretBox.seal(secret) });
    return { secret, otpauthUrl: otpauthUrl(secret, row.username, 'Sievert') };
  }

  async totpEnable(actor: Actor, code: string): Promise<void> {
    const row = await this.requireSessionUser(actor);
    if (!row.totp_pending_secret) throw new AppError('auth.totp_not_enrolled');
    const secret = base32Decode(this.secretBox.open(row.totp_pending_secret));
    const step = verifyTotp(secret, code, Math.floor(this.clock.now().getTime() / 1000), null);
    if (step === null) throw new AppError('auth.totp_invalid', {}, { field: '/code' });
    await this.db.transaction().execute(async (trx) => {
      await this.users.updateRow(trx, row.id, {
        totp_secret: row.totp_pending_secret,
        totp_pending_secret: null,
        totp_enabled: 1,
        totp_last_step: step,
        updated_at: this.clock.now().toISOString(),
      });
      await this.audit.record(trx, actor, {
        action: 'auth.totp_enable',
        entityType: 'user',
        entityId: row.id,
      });
    });
  }

  async totpDisable(actor: Actor, password: string): Promise<void> {
    const row = await this.requireSessionUser(actor);
    if (!(await verifyPassword(password, row.password_hash)))
      throw new AppError('auth.password_wrong', {}, { field: '/password' });
    await this.db.transaction().execute(async (trx) => {
      await this.users.updateRow(trx, row.id, {
        ...NO_TOTP,
        updated_at: this.clock.now().toISOString(),
      });
      await this.audit.record(trx, actor, {
        action: 'auth.totp_disable',
        entityType: 'user',
        entityId: row.id,
      });
    });
  }

  // ── API tokens ────────────────────────────────────────────────────────────────────────────────────────

  async resolveToken(header: string, ip: string | null): Promise<Actor> {
    const match = TOKEN_PATTERN.exec(header);
    if (!match) throw new AppError('auth.token_invalid');
    const [, prefix, secret] = match as unknown as [string, string, string];
    const token = await this.sessions.findTokenByPrefix(this.db, prefix);
    const now = this.clock.now();
    if (
      !token ||
      !safeEqual(sha256Hex(secret), token.secret_hash) ||
      token.revoked_at ||
      (token.expires_at && new Date(token.expires_at) <= now)
    ) {
      throw new AppError('auth.token_invalid');
    }
    const row = await this.users.findRowById(this.db, token.user_id);
    if (!row || row.status !== 'active') throw new AppError('auth.token_invalid');
    if (!token.last_used_at || now.getTime() - new Date(token.last_used_at).getTime() > TOUCH_EVERY_MS) {
      await this.sessions.touchToken(this.db, token.id, now.toISOString());
    }
    const actor = await this.actorFor(this.db, row, 'token', ip);
    const scopes = new Set(JSON.parse(token.scopes) as string[]);
    actor.permissions = new Set([...actor.permissions].filter((p) => scopes.has(p)));
    actor.tokenId = token.id;
    return actor;
  }

  async listTokens(actor: Actor, all: boolean): Promise<ApiToken[]> {
    requirePermission(actor, Permission.TokenManageOwn);
    if (all) requirePermission(actor, Permission.TokenManageAll);
    const rows = await this.sessions.listTokens(this.db, all ? null : actor.userId);
    return rows.map(toApiToken);
  }

  async createToken(actor: Actor, body: CreateTokenBody): Promise<CreateTokenResponse> {
    requirePermission(actor, Permission.TokenManageOwn);
    if (actor.via === 'token')
      throw new AppError('auth.forbidden', {}, { reason: 'tokens cannot issue tokens' });
    const ownerId = body.userId ?? actor.userId;
    if (ownerId === null) throw new AppError('auth.forbidden');
    if (ownerId !== actor.userId) requirePermission(actor, Permission.TokenManageAll);
    const owner = await this.users.findRowById(this.db, ownerId);
    if (!owner || owner.status !== 'active') throw notFound('user', ownerId);
    const ownerActor = await this.actorFor(this.db, owner, 'token', null);
    const beyond = body.scopes.filter((s) => !ownerActor.permissions.has(s));
    if (beyond.length > 0)
      throw new AppError(
        'auth.token_scope',
        { reason: beyond.join(', ') },
        { field: '/scopes', scopes: beyond },
      );
    const now = this.clock.now();
    if (body.expiresAt && new Date(body.expiresAt) <= now) {
      throw new AppError(
        'validation.failed',
        { field: '/expiresAt', reason: 'past' },
        { issues: [{ field: '/expiresAt', reason: 'too_small', message: 'past' }] },
      );
    }
    const prefix = randomBytes(6).toString('hex');
    const secret = randomToken(32);
    const full = `svt_${prefix}_${secret}`;
    const id = await this.db.transaction().execute(async (trx) => {
      const tokenId = await this.sessions.insertToken(trx, {
        user_id: ownerId,
        name: body.name.trim(),
        prefix,
        secret_hash: sha256Hex(secret),
        scopes: JSON.stringify(body.scopes),
        created_by: actor.userId,
        created_at: now.toISOString(),
        expires_at: body.expiresAt ? new Date(body.expiresAt).toISOString() : null,
      });
      await this.audit.record(trx, actor, {
        action: 'token.create',
        entityType: 'api_token',
        entityId: tokenId,
        after: {
          name: body.name,
          prefix,
          userId: ownerId,
          scopes: body.scopes,
          expiresAt: body.expiresAt ?? null,
        },
      });
      return tokenId;
    });
    const created = await this.sessions.findToken(this.db, id);
    return { token: toApiToken(created!), secret: full };
  }

  async revokeToken(actor: Actor, id: number): Promise<void> {
    requirePermission(actor, Permission.TokenManageOwn);
    const token = await this.sessions.findToken(this.db, id);
    if (!token || (token.user_id !== actor.userId && !hasPermission(actor, Permission.TokenManageAll)))
      throw notFound('api_token', id);
    if (token.revoked_at) return;
    await this.db.transaction().execute(async (trx) => {
      await this.sessions.revokeToken(trx, id, this.clock.now().toISOString());
      await this.audit.record(trx, actor, {
        action: 'token.revoke',
        entityType: 'api_token',
        entityId: id,
        before: { name: token.name, prefix: token.prefix, userId: token.user_id },
      });
    });
  }

  // ── helpers ───────────────────────────────────────────────────────────────────────────────────────────

  /** Builds what a user may do and see from their roles and their organisation. */
  async actorFor(db: Executor, row: UserRow, via: 'session' | 'token', ip: string | null): Promise<Actor> {
    const roles = (await this.users.rolesOf(db, [row.id])).get(row.id) ?? [];
    const org = await db
      .selectFrom('organisations')
      .select(['kind', 'commune_code', 'status'])
      .where('id', '=', row.organisation_id)
      .executeTakeFirst();
    // Staff of a deactivated organisation keep nothing but the right to sign in and out.
    const active = org?.status === 'active';
    return {
      userId: row.id,
      username: row.username,
      displayName: row.display_name,
      roles,
      organisationId: row.organisation_id,
      organisationKind: (org?.kind ?? null) as OrganisationKind | null,
      communeCode: org?.commune_code ?? null,
      permissions: new Set(active ? permissionsOf(roles) : []),
      scope: scopeOf(roles),
      via,
      ip,
    };
  }

  private anonymousActor(username: string, info: RequestInfo): Actor {
    return {
      userId: null,
      username,
      displayName: username,
      roles: [],
      organisationId: null,
      organisationKind: null,
      communeCode: null,
      permissions: new Set(),
      scope: 'organisation',
      via: 'session',
      ip: info.ip,
    };
  }

  private async requireSessionUser(actor: Actor): Promise<UserRow> {
    if (actor.via !== 'session' || actor.userId === null)
      throw new AppError('auth.forbidden', {}, { reason: 'needs a signed-in person' });
    const row = await this.users.findRowById(this.db, actor.userId);
    if (!row) throw new AppError('auth.unauthenticated');
    return row;
  }
}

/** Counts failed sign-ins per address in a fixed window, in memory (per instance). */
export class FailureThrottle {
  private readonly windows = new Map<string, { start: number; count: number }>();
  constructor(
    private readonly limit: number,
    private readonly windowSeconds: number,
  ) {}

  check(ip: string | null, now: Date): void {
    if (!ip) return;
    const w = this.windows.get(ip);
    if (!w || now.getTime() - w.start >= this.windowSeconds * 1000) return;
    if (w.count >= this.limit) {
      const seconds = Math.ceil((w.start + this.windowSeconds * 1000 - now.getTime()) / 1000);
      throw new AppError(
        'request.rate_limited',
        {},
        { retryAfterSeconds: seconds },
        { 'retry-after': String(seconds) },
      );
    }
  }

  fail(ip: string | null, now: Date): void {
    if (!ip) return;
    const w = this.windows.get(ip);
    if (!w || now.getTime() - w.start >= this.windowSeconds * 1000)
      this.windows.set(ip, { start: now.getTime(), count: 1 });
    else w.count += 1;
    if (this.windows.size > 10_000) {
      for (const [key, value] of this.windows)
        if (now.getTime() - value.start >= this.windowSeconds * 1000) this.windows.delete(key);
    }
  }
}

function toApiToken(row: ApiTokenRow & { username: string }): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    userId: row.user_id,
    username: row.username,
    scopes: JSON.parse(row.scopes) as ApiToken['scopes'],
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
