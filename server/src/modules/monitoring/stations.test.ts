import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.js';

describeEachDatabase('monitoring stations', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(dialect);
  });
  afterAll(async () => app.close());

  it('officials add, edit and list stations; others read them', async () => {
    const dost = await app.login('demo.dost');
    const commune = (await dost.request('GET', '/api/v1/geo/communes')).json()[0].code as string;
    const created = await dost.request('POST', '/api/v1/stations', {
      code: 'VN33901',
      name: 'Trạm quan trắc phóng xạ môi trường Phố Hiến',
      kind: 'gamma_dose_rate',
      lat: 20.65,
      lon: 106.05,
      communeCode: commune,
      heightM: 1,
      detectorType: 'Ống đếm Geiger–Müller',
      conversionFactors: [{ sensor: 'GM-1', nSvPerHourPerCps: 8.5, backgroundCps: 0.2 }],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      code: 'VN33901',
      status: 'operating',
      intervalS: 600,
      version: 1,
    });

    const duplicate = await dost.request('POST', '/api/v1/stations', {
      code: 'VN33901',
      name: 'Trùng mã',
      kind: 'gamma_dose_rate',
      lat: 20.6,
      lon: 106,
    });
    expect(duplicate.json().error.details.issues[0]).toMatchObject({
      field: '/code',
      reason: 'already_exists',
    });
    for (const [body, field] of [
      [{ code: 'vn-1', name: 'Sai mã', kind: 'gamma_dose_rate', lat: 20, lon: 106 }, '/code'],
      [{ code: 'VN33909', name: 'Sai vĩ độ', kind: 'gamma_dose_rate', lat: 95, lon: 106 }, '/lat'],
      [{ code: 'VN33909', name: 'Sai loại', kind: 'neutron', lat: 20, lon: 106 }, '/kind'],
      [
        { code: 'VN33909', name: 'Sai xã', kind: 'gamma_dose_rate', lat: 20, lon: 106, communeCode: '99999' },
        '/communeCode',
      ],
      [
        { code: 'VN33909', name: 'Chu kỳ', kind: 'gamma_dose_rate', lat: 20, lon: 106, intervalS: 1 },
        '/intervalS',
      ],
    ] as const) {
      const res = await dost.request('POST', '/api/v1/stations', body);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.details.issues[0].field, field).toBe(field);
    }

    const edited = await dost.request('PATCH', '/api/v1/stations/VN33901', {
      status: 'maintenance',
      version: 1,
    });
    expect(edited.json()).toMatchObject({ status: 'maintenance', version: 2 });
    const stale = await dost.request('PATCH', '/api/v1/stations/VN33901', {
      status: 'operating',
      version: 1,
    });
    expect(stale.json().error.code).toBe('entity.conflict');

    const responder = await app.login('demo.responder');
    const listed = (await responder.request('GET', '/api/v1/stations?q=pho hien')).json();
    expect(listed.items.map((s: { code: string }) => s.code)).toEqual(['VN33901']);
    expect(
      (await responder.request('PATCH', '/api/v1/stations/VN33901', { status: 'test' })).statusCode,
    ).toBe(403);
    expect((await responder.request('GET', '/api/v1/stations/VN99999')).statusCode).toBe(404);
  });

  it('issues an ingest token once, keeps only its hash, and revokes it', async () => {
    const dost = await app.login('demo.dost');
    const issued = await dost.request('POST', '/api/v1/stations/VN33901/tokens', { name: 'Bộ ghi dữ liệu' });
    expect(issued.statusCode).toBe(201);
    const { token, info } = issued.json();
    expect(token).toMatch(/^svs_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(token.startsWith(`svs_${info.prefix}_`)).toBe(true);
    const listed = await dost.request('GET', '/api/v1/stations/VN33901/tokens');
    expect(listed.body).not.toContain(token.slice(18));
    const stored = await app.database.db.selectFrom('station_tokens').select('token_hash').execute();
    expect(JSON.stringify(stored)).not.toContain(token.slice(18));

    const station = await app.services.stations.stationForToken(app.database.db, token);
    expect(station).toMatchObject({ code: 'VN33901' });
    expect(await app.services.stations.stationForToken(app.database.db, `${token.slice(0, -1)}x`)).toBeNull();
    expect(await app.services.stations.stationForToken(app.database.db, 'svt_not_a_station')).toBeNull();

    expect((await dost.request('DELETE', `/api/v1/stations/VN33901/tokens/${info.id}`)).statusCode).toBe(204);
    expect(await app.services.stations.stationForToken(app.database.db, token)).toBeNull();
    const responder = await app.login('demo.responder');
    expect((await responder.request('POST', '/api/v1/stations/VN33901/tokens', {})).statusCode).toBe(403);

    const audit = (
      await (await app.login('demo.admin')).request('GET', '/api/v1/audit?entityType=station&limit=50')
    )
      .json()
      .items.map((e: { action: string }) => e.action);
    expect(audit).toEqual(
      expect.arrayContaining([
        'station.create',
        'station.update',
        'station.token_create',
        'station.token_revoke',
      ]),
    );
    expect(JSON.stringify(audit)).not.toContain(token);
  });
});
