import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type Session, type TestApp } from '../../test/harness.js';

describeEachDatabase('audit trail', (dialect) => {
  let app: TestApp;
  let admin: Session;
  beforeAll(async () => {
    app = await createTestApp(dialect);
  });
  afterAll(async () => app.close());
  beforeEach(async () => {
    admin = await app.login('demo.admin');
  });

  it('records create, update and delete with actor, before and after', async () => {
    const created = (
      await admin.request('POST', '/api/v1/organisations', {
        kind: 'department',
        code: 'AUD-1',
        name: 'Sở Kiểm toán thử',
      })
    ).json();
    await admin.request('PATCH', `/api/v1/organisations/${created.id}`, {
      name: 'Sở Kiểm toán thử (đổi tên)',
    });
    await admin.request('DELETE', `/api/v1/organisations/${created.id}`);
    const res = await admin.request('GET', `/api/v1/audit?entityType=organisation&entityId=${created.id}`);
    const items = res.json().items as Array<{
      action: string;
      actorName: string;
      via: string;
      before: { name: string } | null;
      after: { name: string } | null;
    }>;
    expect(items.map((e) => e.action)).toEqual([
      'organisation.delete',
      'organisation.update',
      'organisation.create',
    ]);
    expect(items.every((e) => e.actorName === 'demo.admin' && e.via === 'session')).toBe(true);
    expect(items[1]!.before!.name).toBe('Sở Kiểm toán thử');
    expect(items[1]!.after!.name).toBe('Sở Kiểm toán thử (đổi tên)');
    expect(items[0]!.after).toBeNull();
  });

  it('never keeps secrets', async () => {
    await admin.request('POST', '/api/v1/users', {
      username: 'secret.check',
      displayName: 'S',
      organisationId: 1,
      roles: ['dost_officer'],
      password: 'Bí-mật-không-lộ-2026',
    });
    const all = await app.database.db.selectFrom('audit_log').select(['before_json', 'after_json']).execute();
    const text = JSON.stringify(all);
    expect(text).not.toContain('Bí-mật-không-lộ-2026');
    expect(text).not.toContain('scrypt$');
  });

  it('filters by actor, action and time', async () => {
    const actorId = admin.userId;
    const byActor = (await admin.request('GET', `/api/v1/audit?actorId=${actorId}&limit=500`)).json();
    expect(byActor.items.every((e: { actorId: number }) => e.actorId === actorId)).toBe(true);
    const future = (
      await admin.request('GET', `/api/v1/audit?from=${encodeURIComponent('2100-01-01T00:00:00Z')}`)
    ).json();
    expect(future.total).toBe(0);
    const page = (await admin.request('GET', '/api/v1/audit?limit=2&offset=1')).json();
    expect(page.items).toHaveLength(2);
  });

  it('verify reports an intact chain', async () => {
    const res = await admin.request('GET', '/api/v1/audit/verify');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ intact: true, firstBrokenId: null, reason: null });
    expect(body.checked).toBeGreaterThan(20);
  });

  it('detects a row changed directly in the database, and names it', async () => {
    const target = await app.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'organisation.create')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await sql`update audit_log set after_json = ${'{"name":"forged"}'} where id = ${target.id}`.execute(
      app.database.db,
    );
    const body = (await admin.request('GET', '/api/v1/audit/verify')).json();
    expect(body).toMatchObject({ intact: false, firstBrokenId: target.id, reason: 'content_changed' });
    expect(body.checked).toBe(target.id - 1);
  });

  it('detects a forged hash that hides the change, at the next entry', async () => {
    // Put the row back but give an earlier row a re-computed hash of forged content: the chain breaks after it.
    const fresh = await createTestApp(dialect);
    try {
      const db = fresh.database.db;
      const { hashEntry } = await import('./audit.repository.js');
      const row = await db.selectFrom('audit_log').selectAll().where('id', '=', 3).executeTakeFirstOrThrow();
      const forged = { ...row, actor_name: 'someone-else' };
      await sql`update audit_log set actor_name = ${'someone-else'}, hash = ${hashEntry(forged)} where id = 3`.execute(
        db,
      );
      const s = await fresh.login('demo.admin');
      expect((await s.request('GET', '/api/v1/audit/verify')).json()).toMatchObject({
        intact: false,
        firstBrokenId: 4,
        reason: 'chain_break',
      });
    } finally {
      await fresh.close();
    }
  });

  it('detects deleted entries in the middle and at the end', async () => {
    const fresh = await createTestApp(dialect);
    try {
      const db = fresh.database.db;
      const s = await fresh.login('demo.admin');
      await sql`delete from audit_log where id = 5`.execute(db);
      expect((await s.request('GET', '/api/v1/audit/verify')).json()).toMatchObject({
        intact: false,
        firstBrokenId: 5,
        reason: 'missing_entries',
      });
    } finally {
      await fresh.close();
    }
    const fresh2 = await createTestApp(dialect);
    try {
      const db = fresh2.database.db;
      const s = await fresh2.login('demo.admin');
      const last = await db
        .selectFrom('audit_log')
        .select('id')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      await sql`delete from audit_log where id = ${last.id}`.execute(db);
      expect((await s.request('GET', '/api/v1/audit/verify')).json()).toMatchObject({
        intact: false,
        firstBrokenId: last.id,
        reason: 'missing_tail',
      });
    } finally {
      await fresh2.close();
    }
  });

  it('keeps the chain dense and ordered under concurrent writers', async () => {
    const fresh = await createTestApp(dialect);
    try {
      const s = await fresh.login('demo.admin');
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          s.request('POST', '/api/v1/organisations', {
            kind: 'department',
            code: `PAR-${i}`,
            name: `Song song ${i}`,
          }),
        ),
      );
      expect(results.every((r) => r.statusCode === 201)).toBe(true);
      expect((await s.request('GET', '/api/v1/audit/verify')).json().intact).toBe(true);
    } finally {
      await fresh.close();
    }
  });
});
