import { ROLES, ROLE_PERMISSIONS } from '@sievert/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  describeEachDatabase,
  orgId,
  type Session,
  type TestApp,
} from '../../test/harness.js';

const DEMO_BY_ROLE = {
  admin: 'demo.admin',
  dost_officer: 'demo.dost',
  dost_leader: 'demo.leader',
  inspector: 'demo.inspector',
  department_officer: 'demo.department',
  commune_officer: 'demo.commune',
  facility_operator: 'demo.facility',
  responder: 'demo.responder',
} as const;

describeEachDatabase('permissions and data scope for each role', (dialect) => {
  let app: TestApp;
  const sessions = {} as Record<keyof typeof DEMO_BY_ROLE, Session>;
  let facilityA: number;
  let facilityB: number;
  let facilityBCommune: string;

  beforeAll(async () => {
    app = await createTestApp(dialect);
    for (const [role, username] of Object.entries(DEMO_BY_ROLE))
      sessions[role as keyof typeof DEMO_BY_ROLE] = await app.login(username);
    facilityA = await orgId(app, 'CS-1');
    facilityB = await orgId(app, 'CS-2');
    facilityBCommune = (
      await app.database.db
        .selectFrom('organisations')
        .select('commune_code')
        .where('id', '=', facilityB)
        .executeTakeFirstOrThrow()
    ).commune_code!;
  });
  afterAll(async () => app.close());

  it('seeds one demo user per role', () => {
    expect(Object.keys(DEMO_BY_ROLE).sort()).toEqual([...ROLES].sort());
  });

  it.each(ROLES)('%s gets exactly its permissions from /auth/me', async (role) => {
    const me = await sessions[role].request('GET', '/api/v1/auth/me');
    expect(me.json().user.permissions.sort()).toEqual([...ROLE_PERMISSIONS[role]].sort());
  });

  describe("a facility operator of one facility cannot read or change another facility's data", () => {
    it('reads its own facility but not the other', async () => {
      const op = sessions.facility_operator;
      expect((await op.request('GET', `/api/v1/organisations/${facilityA}`)).statusCode).toBe(200);
      const other = await op.request('GET', `/api/v1/organisations/${facilityB}`);
      expect(other.statusCode).toBe(404);
      expect(other.json().error.code).toBe('entity.not_found');
    });

    it('lists only its own organisation, whatever the filters', async () => {
      const op = sessions.facility_operator;
      const list = await op.request('GET', '/api/v1/organisations?kind=facility&limit=500');
      expect(list.json().items.map((o: { id: number }) => o.id)).toEqual([facilityA]);
      expect(list.json().total).toBe(1);
      const byCommune = await op.request('GET', `/api/v1/organisations?communeCode=${facilityBCommune}`);
      expect(byCommune.json().items.map((o: { id: number }) => o.id)).not.toContain(facilityB);
    });

    it('cannot change the other facility, and may change only contact fields of its own', async () => {
      const op = sessions.facility_operator;
      const other = await op.request('PATCH', `/api/v1/organisations/${facilityB}`, {
        phone: '0221 000 000',
      });
      expect(other.statusCode).toBe(404);
      const own = await op.request('PATCH', `/api/v1/organisations/${facilityA}`, { phone: '0221 3862 123' });
      expect(own.statusCode).toBe(200);
      expect(own.json().phone).toBe('0221 3862 123');
      const status = await op.request('PATCH', `/api/v1/organisations/${facilityA}`, { status: 'inactive' });
      expect(status.statusCode).toBe(403);
      expect(status.json().error).toMatchObject({ code: 'auth.forbidden', details: { fields: ['status'] } });
      expect((await op.request('DELETE', `/api/v1/organisations/${facilityB}`)).statusCode).toBe(403);
    });

    it('sees only the users of its own facility', async () => {
      const op = sessions.facility_operator;
      const users = await op.request('GET', '/api/v1/users?limit=500');
      expect(users.statusCode).toBe(200);
      const orgs = new Set(users.json().items.map((u: { organisationId: number }) => u.organisationId));
      expect([...orgs]).toEqual([facilityA]);
      const otherUser = (
        await app.database.db
          .selectFrom('users')
          .select('id')
          .where('username', '=', 'demo.facility2')
          .executeTakeFirstOrThrow()
      ).id;
      expect((await op.request('GET', `/api/v1/users/${otherUser}`)).statusCode).toBe(404);
    });

    it('dashboard counts only its own facility', async () => {
      const d = (await sessions.facility_operator.request('GET', '/api/v1/dashboard')).json();
      expect(d.scope).toBe('organisation');
      expect(d.organisations).toEqual({ facility: 1 });
    });
  });

  it('a commune officer sees the organisations of their commune only', async () => {
    const me = (await sessions.commune_officer.request('GET', '/api/v1/auth/me')).json();
    const commune = me.user.organisation.communeCode as string;
    const list = (await sessions.commune_officer.request('GET', '/api/v1/organisations?limit=500')).json();
    expect(list.items.length).toBeGreaterThan(0);
    for (const o of list.items)
      expect(o.communeCode === commune || o.id === me.user.organisationId).toBe(true);
    const all = (await sessions.admin.request('GET', '/api/v1/organisations?limit=500')).json();
    expect(all.total).toBeGreaterThan(list.total);
  });

  it('province-wide roles see every organisation', async () => {
    const total = (await sessions.admin.request('GET', '/api/v1/organisations')).json().total;
    for (const role of [
      'dost_officer',
      'dost_leader',
      'inspector',
      'department_officer',
      'responder',
    ] as const) {
      expect((await sessions[role].request('GET', '/api/v1/organisations')).json().total).toBe(total);
    }
  });

  it('only admins manage users', async () => {
    const body = {
      username: 'x.user',
      displayName: 'X',
      organisationId: facilityA,
      roles: ['facility_operator'],
      password: 'Mật-khẩu-Tốt-2026',
    };
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      const res = await sessions[role].request('POST', '/api/v1/users', body);
      expect(res.statusCode, role).toBe(403);
      expect(res.json().error.code).toBe('auth.forbidden');
    }
    expect((await sessions.admin.request('POST', '/api/v1/users', body)).statusCode).toBe(201);
  });

  it('only admins and DOST leaders read the audit trail; only admins create organisations with DOST officers', async () => {
    for (const role of ROLES) {
      const audit = await sessions[role].request('GET', '/api/v1/audit');
      expect(audit.statusCode, role).toBe(['admin', 'dost_leader'].includes(role) ? 200 : 403);
      const verify = await sessions[role].request('GET', '/api/v1/audit/verify');
      expect(verify.statusCode, role).toBe(['admin', 'dost_leader'].includes(role) ? 200 : 403);
    }
    for (const role of ROLES) {
      const res = await sessions[role].request('POST', '/api/v1/organisations', {
        kind: 'department',
        code: `ORG-${role}`,
        name: `Tổ chức ${role}`,
      });
      expect(res.statusCode, role).toBe(['admin', 'dost_officer'].includes(role) ? 201 : 403);
    }
  });

  it('an anonymous caller gets 401 on every private route', async () => {
    for (const url of [
      '/api/v1/organisations',
      '/api/v1/users',
      '/api/v1/audit',
      '/api/v1/audit/verify',
      '/api/v1/dashboard',
      '/api/v1/auth/tokens',
      '/api/v1/auth/me',
    ]) {
      const res = await app.app.inject({ url });
      expect(res.statusCode, url).toBe(401);
    }
  });
});
