import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestApp,
  DEMO_PASSWORD,
  describeEachDatabase,
  orgId,
  userId,
  type Session,
  type TestApp,
} from '../../test/harness.js';

describeEachDatabase('users', (dialect) => {
  let app: TestApp;
  let admin: Session;
  beforeAll(async () => {
    app = await createTestApp(dialect, { SIEVERT_LOGIN_FREE_FAILURES: '2' });
    admin = await app.login('demo.admin');
  });
  afterAll(async () => app.close());

  it('creates a user whose roles fit the organisation kind', async () => {
    const facility = await orgId(app, 'CS-3');
    const wrong = await admin.request('POST', '/api/v1/users', {
      username: 'op.three',
      displayName: 'Op',
      organisationId: facility,
      roles: ['inspector'],
      password: 'Mật-Khẩu-Đủ-Mạnh-1',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({
      code: 'user.role_not_allowed',
      details: { field: '/roles', role: 'inspector' },
    });
    const ok = await admin.request('POST', '/api/v1/users', {
      username: 'op.three',
      displayName: 'Nhân viên NDT',
      organisationId: facility,
      roles: ['facility_operator'],
      password: 'Mật-Khẩu-Đủ-Mạnh-1',
      email: 'op@ndt.vn',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      username: 'op.three',
      roles: ['facility_operator'],
      organisationId: facility,
      status: 'active',
      mustChangePassword: true,
    });
    expect(ok.body).not.toContain('scrypt');
    const dup = await admin.request('POST', '/api/v1/users', {
      username: 'OP.THREE',
      displayName: 'x',
      organisationId: facility,
      roles: ['facility_operator'],
      password: 'Mật-Khẩu-Đủ-Mạnh-1',
    });
    expect(dup.statusCode).toBe(400);
    const dup2 = await admin.request('POST', '/api/v1/users', {
      username: 'op.three',
      displayName: 'x',
      organisationId: facility,
      roles: ['facility_operator'],
      password: 'Mật-Khẩu-Đủ-Mạnh-1',
    });
    expect(dup2.statusCode).toBe(409);
    expect(dup2.json().error.code).toBe('user.duplicate_username');
  });

  it('filters by role, organisation and text', async () => {
    const res = (await admin.request('GET', '/api/v1/users?role=facility_operator')).json();
    expect(res.items.every((u: { roles: string[] }) => u.roles.includes('facility_operator'))).toBe(true);
    expect(res.total).toBeGreaterThanOrEqual(2);
    const text = (await admin.request('GET', `/api/v1/users?q=${encodeURIComponent('tran thi ha')}`)).json();
    expect(text.items.map((u: { username: string }) => u.username)).toEqual(['demo.dost']);
  });

  it('refuses to let an admin disable themself or drop their own admin role', async () => {
    const me = admin.userId;
    expect(
      (await admin.request('PATCH', `/api/v1/users/${me}`, { status: 'disabled' })).json().error.code,
    ).toBe('user.self_lockout');
    expect(
      (await admin.request('PATCH', `/api/v1/users/${me}`, { roles: ['dost_officer'] })).json().error.code,
    ).toBe('user.self_lockout');
  });

  it('resets a password (must change at next sign-in) and unlocks a locked user', async () => {
    const id = await userId(app, 'demo.leader');
    const login = (password: string) =>
      app.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'demo.leader', password },
      });
    await login('wrong-1');
    const locked = await login('wrong-2');
    expect(locked.statusCode).toBe(429);
    const user = (await admin.request('GET', `/api/v1/users/${id}`)).json();
    expect(user.lockedUntil).not.toBeNull();
    expect((await admin.request('POST', `/api/v1/users/${id}/unlock`)).statusCode).toBe(204);
    expect((await login(DEMO_PASSWORD)).statusCode).toBe(200);

    expect(
      (await admin.request('POST', `/api/v1/users/${id}/password`, { newPassword: 'weak' })).statusCode,
    ).toBe(400);
    expect(
      (await admin.request('POST', `/api/v1/users/${id}/password`, { newPassword: 'Đặt-lại-bởi-quản-trị-9' }))
        .statusCode,
    ).toBe(204);
    const after = await login('Đặt-lại-bởi-quản-trị-9');
    expect(after.statusCode).toBe(200);
    const cookie = after.cookies.find((c) => c.name === 'sievert_session')!;
    const me = await app.app.inject({
      url: '/api/v1/auth/me',
      headers: { cookie: `sievert_session=${cookie.value}` },
    });
    expect(me.json().user.mustChangePassword).toBe(true);
  });

  it('moves a user to another organisation only with fitting roles', async () => {
    const id = await userId(app, 'demo.responder');
    const dept = await orgId(app, 'SYT');
    const wrong = await admin.request('PATCH', `/api/v1/users/${id}`, {
      organisationId: await orgId(app, 'CS-1'),
    });
    expect(wrong.json().error.code).toBe('user.role_not_allowed');
    const ok = await admin.request('PATCH', `/api/v1/users/${id}`, {
      organisationId: dept,
      roles: ['department_officer'],
    });
    expect(ok.json()).toMatchObject({ organisationId: dept, roles: ['department_officer'] });
  });

  it('404 for an unknown user', async () => {
    expect((await admin.request('GET', '/api/v1/users/999999')).statusCode).toBe(404);
    expect((await admin.request('PATCH', '/api/v1/users/999999', { displayName: 'x' })).statusCode).toBe(404);
  });
});
