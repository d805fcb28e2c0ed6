import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, totpAt } from '../../security/totp.js';
import {
  ADMIN_PASSWORD,
  createTestApp,
  DEMO_PASSWORD,
  describeEachDatabase,
  orgId,
  type TestApp,
} from '../../test/harness.js';

describeEachDatabase('authentication', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(dialect, {
      SIEVERT_LOGIN_FREE_FAILURES: '3',
      SIEVERT_LOGIN_LOCK_SECONDS: '60',
      SIEVERT_LOGIN_LOCK_MAX_SECONDS: '600',
    });
  });
  afterAll(async () => app.close());

  const login = (username: string, password: string, extra: Record<string, unknown> = {}) =>
    app.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password, ...extra } });

  describe('login contract', () => {
    it('returns the user, a CSRF token and an httpOnly SameSite session cookie', async () => {
      const res = await login('demo.dost', DEMO_PASSWORD);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toEqual({
        user: {
          id: expect.any(Number),
          username: 'demo.dost',
          displayName: expect.any(String),
          roles: ['dost_officer'],
          organisationId: expect.any(Number),
        },
        csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{40,}$/),
      });
      const cookie = res.cookies.find((c) => c.name === 'sievert_session')!;
      expect(cookie.httpOnly).toBe(true);
      expect(cookie.sameSite).toBe('Strict');
      expect(cookie.path).toBe('/');
    });

    it('refuses a wrong password and an unknown user alike', async () => {
      const wrong = await login('demo.leader', 'Not-the-password-1');
      const unknown = await login('nobody.here', 'Not-the-password-1');
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json().error.code).toBe('auth.invalid_credentials');
      expect(unknown.json().error).toEqual(wrong.json().error);
      expect(wrong.cookies).toHaveLength(0);
    });

    it('accepts the username in any case and with spaces around it', async () => {
      expect((await login('  Demo.Inspector ', DEMO_PASSWORD)).statusCode).toBe(200);
    });

    it('speaks Vietnamese by default and English on request', async () => {
      const vi = await login('no.such.user', 'x');
      expect(vi.json().error.message).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
      const en = await app.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'accept-language': 'en-GB,en;q=0.9' },
        payload: { username: 'no.such.user', password: 'x' },
      });
      expect(en.json().error.message).toBe('Wrong username or password.');
    });

    it('me and logout', async () => {
      const s = await app.login('demo.commune');
      const me = await s.request('GET', '/api/v1/auth/me');
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({
        user: {
          username: 'demo.commune',
          roles: ['commune_officer'],
          scope: 'commune',
          organisation: { kind: 'commune_committee' },
        },
        csrfToken: s.csrfToken,
        via: 'session',
      });
      expect(me.json().user.permissions).toContain('organisation.read');
      const out = await s.request('POST', '/api/v1/auth/logout');
      expect(out.statusCode).toBe(204);
      expect((await s.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
      expect((await app.app.inject({ url: '/api/v1/auth/me' })).json().error.code).toBe(
        'auth.unauthenticated',
      );
    });
  });

  describe('CSRF', () => {
    it('refuses a cookie-authenticated write without the token, or with a wrong one', async () => {
      const s = await app.login('demo.admin');
      const body = { kind: 'department', code: 'CSRF-TEST', name: 'Sở thử nghiệm' };
      const none = await app.app.inject({
        method: 'POST',
        url: '/api/v1/organisations',
        headers: { cookie: s.cookie },
        payload: body,
      });
      expect(none.statusCode).toBe(403);
      expect(none.json().error.code).toBe('auth.csrf_invalid');
      const wrong = await s.request('POST', '/api/v1/organisations', body, {
        'x-csrf-token': 'x'.repeat(43),
      });
      expect(wrong.statusCode).toBe(403);
      const logout = await app.app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: { cookie: s.cookie },
      });
      expect(logout.statusCode).toBe(403);
      const ok = await s.request('POST', '/api/v1/organisations', body);
      expect(ok.statusCode).toBe(201);
    });

    it('lets reads through without the token', async () => {
      const s = await app.login('demo.admin');
      const res = await app.app.inject({ url: '/api/v1/organisations', headers: { cookie: s.cookie } });
      expect(res.statusCode).toBe(200);
    });

    it('refuses text/plain bodies (a cross-site form cannot post JSON)', async () => {
      const res = await app.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'text/plain' },
        payload: '{"username":"demo.admin","password":"x"}',
      });
      expect(res.statusCode).toBe(415);
      expect(res.json().error.code).toBe('request.unsupported_media_type');
    });
  });

  describe('lock-out with exponential back-off', () => {
    it('locks after repeated failures, doubles the lock, and opens again when it runs out', async () => {
      const user = 'demo.responder';
      for (let i = 0; i < 2; i += 1) expect((await login(user, 'Wrong-password-1')).statusCode).toBe(401);
      const third = await login(user, 'Wrong-password-1');
      expect(third.statusCode).toBe(429);
      expect(third.json().error).toMatchObject({ code: 'auth.locked', details: { retryAfterSeconds: 60 } });
      expect(third.headers['retry-after']).toBe('60');
      // Even the right password is refused while locked.
      const during = await login(user, DEMO_PASSWORD);
      expect(during.statusCode).toBe(429);
      app.clock.advance(61);
      // One more failure doubles the lock.
      const fourth = await login(user, 'Wrong-password-1');
      expect(fourth.json().error.details.retryAfterSeconds).toBe(120);
      app.clock.advance(121);
      expect((await login(user, DEMO_PASSWORD)).statusCode).toBe(200);
      // Success resets the counter.
      expect((await login(user, 'Wrong-password-1')).statusCode).toBe(401);
    });

    it('caps the lock at the configured maximum', async () => {
      const auth = app.services.auth;
      expect(auth.lockSeconds(2)).toBe(0);
      expect(auth.lockSeconds(3)).toBe(60);
      expect(auth.lockSeconds(5)).toBe(240);
      expect(auth.lockSeconds(50)).toBe(600);
    });

    it('records every attempt in the audit trail', async () => {
      const admin = await app.login('demo.admin');
      const res = await admin.request('GET', '/api/v1/audit?action=auth.login_failed&limit=100');
      const reasons = res.json().items.map((e: { after: { reason: string } }) => e.after.reason);
      expect(reasons).toEqual(expect.arrayContaining(['wrong_password', 'locked', 'unknown_user']));
      const ok = await admin.request('GET', '/api/v1/audit?action=auth.login&limit=5');
      expect(ok.json().total).toBeGreaterThan(0);
    });
  });

  describe('passwords', () => {
    it('changes the password, enforcing the policy and the current password', async () => {
      const s = await app.login('demo.facility2');
      const weak = await s.request('POST', '/api/v1/auth/password', {
        currentPassword: DEMO_PASSWORD,
        newPassword: 'short',
      });
      expect(weak.statusCode).toBe(400);
      expect(weak.json().error).toMatchObject({
        code: 'auth.password_policy',
        details: { field: '/newPassword', rules: ['min_length', 'variety'] },
      });
      const wrongCurrent = await s.request('POST', '/api/v1/auth/password', {
        currentPassword: 'nope',
        newPassword: 'Một-mật-khẩu-mới-2026',
      });
      expect(wrongCurrent.json().error.code).toBe('auth.password_wrong');
      const ok = await s.request('POST', '/api/v1/auth/password', {
        currentPassword: DEMO_PASSWORD,
        newPassword: 'Một-mật-khẩu-mới-2026',
      });
      expect(ok.statusCode).toBe(204);
      expect((await login('demo.facility2', DEMO_PASSWORD)).statusCode).toBe(401);
      expect((await login('demo.facility2', 'Một-mật-khẩu-mới-2026')).statusCode).toBe(200);
    });

    it('makes a user with an assigned password change it before anything else', async () => {
      const admin = await app.login('demo.admin');
      const created = await admin.request('POST', '/api/v1/users', {
        username: 'new.officer',
        displayName: 'Cán bộ mới',
        organisationId: await orgId(app, 'SKHCN'),
        roles: ['dost_officer'],
        password: 'Tạm-thời-2026-abc',
      });
      expect(created.statusCode).toBe(201);
      expect(created.json().mustChangePassword).toBe(true);
      const s = await app.login('new.officer', 'Tạm-thời-2026-abc');
      const blocked = await s.request('GET', '/api/v1/organisations');
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().error.code).toBe('auth.password_change_required');
      expect((await s.request('GET', '/api/v1/auth/me')).json().user.mustChangePassword).toBe(true);
      expect(
        (
          await s.request('POST', '/api/v1/auth/password', {
            currentPassword: 'Tạm-thời-2026-abc',
            newPassword: 'Của-riêng-tôi-2026',
          })
        ).statusCode,
      ).toBe(204);
      expect((await s.request('GET', '/api/v1/organisations')).statusCode).toBe(200);
    });

    it('stores passwords as salted scrypt hashes', async () => {
      const rows = await app.database.db
        .selectFrom('users')
        .select('password_hash')
        .where('username', 'in', ['demo.dost', 'demo.leader'])
        .execute();
      expect(rows).toHaveLength(2);
      for (const r of rows)
        expect(r.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
      expect(rows[0]!.password_hash).not.toBe(rows[1]!.password_hash);
    });

    it('the first admin signs in with SIEVERT_ADMIN_PASSWORD', async () => {
      expect((await login('admin', ADMIN_PASSWORD)).statusCode).toBe(200);
    });
  });

  describe('two-factor authentication (TOTP)', () => {
    it('sets up, asks for the code at sign-in, refuses replays, and turns off with the password', async () => {
      const s = await app.login('demo.inspector');
      const setup = await s.request('POST', '/api/v1/auth/totp/setup');
      expect(setup.statusCode).toBe(200);
      const { secret, otpauthUrl } = setup.json<{ secret: string; otpauthUrl: string }>();
      expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Sievert(:|%3A)demo\.inspector\?secret=/);
      const key = base32Decode(secret);
      const now = () => Math.floor(app.clock.now().getTime() / 1000);
      expect(
        (await s.request('POST', '/api/v1/auth/totp/enable', { code: '000000' })).json().error.code,
      ).toBe('auth.totp_invalid');
      expect(
        (await s.request('POST', '/api/v1/auth/totp/enable', { code: totpAt(key, now()) })).statusCode,
      ).toBe(204);
      // The secret is sealed at rest, not stored in the clear.
      const row = await app.database.db
        .selectFrom('users')
        .select('totp_secret')
        .where('username', '=', 'demo.inspector')
        .executeTakeFirstOrThrow();
      expect(row.totp_secret).toMatch(/^v1\./);
      expect(row.totp_secret).not.toContain(secret);

      app.clock.advance(30);
      const needCode = await login('demo.inspector', DEMO_PASSWORD);
      expect(needCode.statusCode).toBe(401);
      expect(needCode.json().error.code).toBe('auth.totp_required');
      const code = totpAt(key, now());
      expect((await login('demo.inspector', DEMO_PASSWORD, { totp: code })).statusCode).toBe(200);
      const replay = await login('demo.inspector', DEMO_PASSWORD, { totp: code });
      expect(replay.json().error.code).toBe('auth.totp_invalid');
      app.clock.advance(30);
      const s2 = await app.login('demo.inspector', DEMO_PASSWORD, totpAt(key, now()));
      expect((await s2.request('GET', '/api/v1/auth/me')).json().user.totpEnabled).toBe(true);
      expect((await s2.request('POST', '/api/v1/auth/totp/disable', { password: 'wrong' })).statusCode).toBe(
        400,
      );
      expect(
        (await s2.request('POST', '/api/v1/auth/totp/disable', { password: DEMO_PASSWORD })).statusCode,
      ).toBe(204);
      expect((await login('demo.inspector', DEMO_PASSWORD)).statusCode).toBe(200);
    });
  });

  describe('API tokens', () => {
    it('are shown once, stored hashed, scoped, need no CSRF and can be revoked', async () => {
      const admin = await app.login('demo.admin');
      const created = await admin.request('POST', '/api/v1/auth/tokens', {
        name: 'Trạm quan trắc thử',
        scopes: ['organisation.read', 'dashboard.read'],
      });
      expect(created.statusCode).toBe(201);
      const { token, secret } = created.json<{ token: { id: number; prefix: string }; secret: string }>();
      expect(secret).toMatch(/^svt_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
      const stored = await app.database.db
        .selectFrom('api_tokens')
        .selectAll()
        .where('id', '=', token.id)
        .executeTakeFirstOrThrow();
      expect(stored.secret_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(stored)).not.toContain(secret.slice(17));
      const list = await admin.request('GET', '/api/v1/auth/tokens');
      expect(list.body).not.toContain(secret.slice(17));

      const bearer = { authorization: `Bearer ${secret}` };
      const me = await app.app.inject({ url: '/api/v1/auth/me', headers: bearer });
      expect(me.json()).toMatchObject({
        via: 'token',
        csrfToken: null,
        user: { username: 'demo.admin', permissions: ['dashboard.read', 'organisation.read'] },
      });
      expect((await app.app.inject({ url: '/api/v1/organisations', headers: bearer })).statusCode).toBe(200);
      // Scoped: reading users is outside this token's scopes, even though its owner may.
      expect((await app.app.inject({ url: '/api/v1/users', headers: bearer })).statusCode).toBe(403);
      // No CSRF token needed for writes with a bearer token (and tokens cannot mint tokens).
      const write = await app.app.inject({
        method: 'POST',
        url: '/api/v1/auth/tokens',
        headers: bearer,
        payload: { name: 'x', scopes: ['dashboard.read'] },
      });
      expect(write.statusCode).toBe(403);
      expect(write.json().error.code).toBe('auth.forbidden');

      expect((await admin.request('DELETE', `/api/v1/auth/tokens/${token.id}`)).statusCode).toBe(204);
      const after = await app.app.inject({ url: '/api/v1/auth/me', headers: bearer });
      expect(after.statusCode).toBe(401);
      expect(after.json().error.code).toBe('auth.token_invalid');
    });

    it('a bearer-token write needs no CSRF token', async () => {
      const admin = await app.login('demo.admin');
      const { secret } = (
        await admin.request('POST', '/api/v1/auth/tokens', {
          name: 'Tích hợp',
          scopes: ['organisation.create', 'organisation.read'],
        })
      ).json<{ secret: string }>();
      const res = await app.app.inject({
        method: 'POST',
        url: '/api/v1/organisations',
        headers: { authorization: `Bearer ${secret}` },
        payload: { kind: 'department', code: 'TOKEN-ORG', name: 'Tạo bằng mã truy cập' },
      });
      expect(res.statusCode).toBe(201);
    });

    it("refuses scopes beyond the owner's permissions, and expired or malformed tokens", async () => {
      const s = await app.login('demo.commune');
      const beyond = await s.request('POST', '/api/v1/auth/tokens', { name: 'x', scopes: ['user.manage'] });
      expect(beyond.statusCode).toBe(400);
      expect(beyond.json().error).toMatchObject({
        code: 'auth.token_scope',
        details: { scopes: ['user.manage'] },
      });
      const soon = new Date(app.clock.now().getTime() + 3600_000).toISOString();
      const { secret } = (
        await s.request('POST', '/api/v1/auth/tokens', {
          name: 'ngắn hạn',
          scopes: ['dashboard.read'],
          expiresAt: soon,
        })
      ).json<{ secret: string }>();
      expect(
        (await app.app.inject({ url: '/api/v1/dashboard', headers: { authorization: `Bearer ${secret}` } }))
          .statusCode,
      ).toBe(200);
      app.clock.advance(3601);
      expect(
        (await app.app.inject({ url: '/api/v1/dashboard', headers: { authorization: `Bearer ${secret}` } }))
          .statusCode,
      ).toBe(401);
      for (const header of [
        'Bearer',
        'Bearer abc',
        'Basic Zm9vOmJhcg==',
        `Bearer svt_${'0'.repeat(12)}_${'A'.repeat(43)}`,
      ]) {
        const res = await app.app.inject({ url: '/api/v1/dashboard', headers: { authorization: header } });
        expect(res.statusCode).toBe(401);
        expect(res.json().error.code).toBe('auth.token_invalid');
      }
    });

    it('lets only admins issue tokens for other users and see every token', async () => {
      const op = await app.login('demo.facility');
      const leaderId = (
        await app.database.db
          .selectFrom('users')
          .select('id')
          .where('username', '=', 'demo.leader')
          .executeTakeFirstOrThrow()
      ).id;
      expect(
        (
          await op.request('POST', '/api/v1/auth/tokens', {
            name: 'x',
            scopes: ['dashboard.read'],
            userId: leaderId,
          })
        ).statusCode,
      ).toBe(403);
      expect((await op.request('GET', '/api/v1/auth/tokens?all=true')).statusCode).toBe(403);
      const admin = await app.login('demo.admin');
      const forOther = await admin.request('POST', '/api/v1/auth/tokens', {
        name: 'cho lãnh đạo',
        scopes: ['dashboard.read'],
        userId: leaderId,
      });
      expect(forOther.statusCode).toBe(201);
      const all = await admin.request('GET', '/api/v1/auth/tokens?all=true');
      expect(all.json().some((t: { userId: number }) => t.userId === leaderId)).toBe(true);
      // The operator cannot revoke someone else's token: it does not exist for them.
      expect((await op.request('DELETE', `/api/v1/auth/tokens/${forOther.json().token.id}`)).statusCode).toBe(
        404,
      );
    });
  });

  describe('sessions', () => {
    it('expire after the idle timeout', async () => {
      const s = await app.login('demo.leader');
      app.clock.advance(app.config.sessionIdleMinutes * 60 + 1);
      expect((await s.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    });

    it('stop working when the user is disabled', async () => {
      const s = await app.login('demo.department');
      const admin = await app.login('demo.admin');
      const id = s.userId;
      expect((await admin.request('PATCH', `/api/v1/users/${id}`, { status: 'disabled' })).statusCode).toBe(
        200,
      );
      expect((await s.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
      expect((await login('demo.department', DEMO_PASSWORD)).statusCode).toBe(401);
      expect((await admin.request('PATCH', `/api/v1/users/${id}`, { status: 'active' })).statusCode).toBe(
        200,
      );
      expect((await login('demo.department', DEMO_PASSWORD)).statusCode).toBe(200);
    });
  });
});

describe('failed sign-ins from one address', () => {
  it('are throttled after the limit within the window, across usernames', async () => {
    const { FailureThrottle } = await import('./auth.service.js');
    const throttle = new FailureThrottle(3, 60);
    const t0 = new Date('2026-11-28T00:00:00Z');
    for (let i = 0; i < 3; i += 1) {
      throttle.check('10.0.0.1', t0);
      throttle.fail('10.0.0.1', t0);
    }
    expect(() => throttle.check('10.0.0.1', t0)).toThrow(
      expect.objectContaining({ code: 'request.rate_limited' }),
    );
    expect(() => throttle.check('10.0.0.2', t0)).not.toThrow();
    expect(() => throttle.check('10.0.0.1', new Date(t0.getTime() + 61_000))).not.toThrow();
  });
});
