import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type Session, type TestApp } from '../../test/harness.js';

describeEachDatabase('organisations', (dialect) => {
  let app: TestApp;
  let admin: Session;
  beforeAll(async () => {
    app = await createTestApp(dialect);
    admin = await app.login('demo.admin');
  });
  afterAll(async () => app.close());

  it('creates, reads, updates with a version check, and deletes', async () => {
    const created = await admin.request('POST', '/api/v1/organisations', {
      kind: 'facility',
      code: 'BV-TEST',
      name: 'Bệnh viện Thử nghiệm',
      communeCode: '11953',
      email: 'atbx@benhvien.vn',
      latitude: 20.66,
      longitude: 106.07,
    });
    expect(created.statusCode).toBe(201);
    const org = created.json();
    expect(org).toMatchObject({
      kind: 'facility',
      code: 'BV-TEST',
      communeCode: '11953',
      status: 'active',
      version: 1,
      userCount: 0,
    });
    expect((await admin.request('GET', `/api/v1/organisations/${org.id}`)).json().name).toBe(
      'Bệnh viện Thử nghiệm',
    );

    const updated = await admin.request('PATCH', `/api/v1/organisations/${org.id}`, {
      phone: '0221 111 222',
      version: 1,
    });
    expect(updated.json()).toMatchObject({ phone: '0221 111 222', version: 2 });
    const stale = await admin.request('PATCH', `/api/v1/organisations/${org.id}`, { phone: '0', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'entity.conflict', details: { currentVersion: 2 } });

    expect((await admin.request('DELETE', `/api/v1/organisations/${org.id}`)).statusCode).toBe(204);
    expect((await admin.request('GET', `/api/v1/organisations/${org.id}`)).statusCode).toBe(404);
  });

  it('refuses to delete an organisation that has users', async () => {
    const list = (await admin.request('GET', '/api/v1/organisations?q=SKHCN')).json();
    const res = await admin.request('DELETE', `/api/v1/organisations/${list.items[0].id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('organisation.has_users');
  });

  it('a commune committee needs a known commune', async () => {
    const none = await admin.request('POST', '/api/v1/organisations', {
      kind: 'commune_committee',
      code: 'UBND-X',
      name: 'UBND xã X',
    });
    expect(none.json().error.code).toBe('organisation.commune_required');
    const unknown = await admin.request('POST', '/api/v1/organisations', {
      kind: 'commune_committee',
      code: 'UBND-Y',
      name: 'UBND xã Y',
      communeCode: '00000',
    });
    expect(unknown.json().error).toMatchObject({
      code: 'geo.unknown_commune',
      details: { field: '/communeCode' },
    });
  });

  it('searches without diacritics, filters and pages', async () => {
    const res = await admin.request('GET', `/api/v1/organisations?q=${encodeURIComponent('so y te')}`);
    expect(res.json().items.map((o: { code: string }) => o.code)).toContain('SYT');
    const facilities = (await admin.request('GET', '/api/v1/organisations?kind=facility')).json();
    expect(facilities.total).toBe(3);
    expect(facilities.items.every((o: { kind: string }) => o.kind === 'facility')).toBe(true);
    const page1 = (await admin.request('GET', '/api/v1/organisations?limit=2&offset=0')).json();
    const page2 = (await admin.request('GET', '/api/v1/organisations?limit=2&offset=2')).json();
    expect(page1.items).toHaveLength(2);
    expect(page1.items[0].id).not.toBe(page2.items[0].id);
    expect(page1.total).toBe(page2.total);
  });
});
