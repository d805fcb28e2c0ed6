import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, orgId, type TestApp } from '../../test/harness.js';

describeEachDatabase('the history of a registry record', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(dialect);
  });
  afterAll(async () => app.close());

  it('shows who changed what and when, to whoever may read the record', async () => {
    const op = await app.login('demo.facility');
    const hospital = await orgId(app, 'CS-1');
    const device = (
      await op.request('POST', '/api/v1/devices', {
        facilityId: hospital,
        type: 'xray_dental',
        maker: 'Vatech',
        model: 'EzRay Air',
        serial: 'HIST-1',
      })
    ).json();
    await op.request('PATCH', `/api/v1/devices/${device.id}`, { location: 'Phòng răng số 1', version: 1 });
    const history = (await op.request('GET', `/api/v1/devices/${device.id}/history`)).json();
    expect(history.map((e: { action: string }) => e.action)).toEqual(['device.update', 'device.create']);
    expect(history[0]).toMatchObject({ actorName: expect.any(String), after: expect.objectContaining({}) });
    expect(JSON.stringify(history[0])).toContain('Phòng răng số 1');

    // Another facility cannot read the device, nor its history.
    const other = await app.login('demo.facility2');
    expect((await other.request('GET', `/api/v1/devices/${device.id}/history`)).statusCode).toBe(404);
    const dost = await app.login('demo.dost');
    expect((await dost.request('GET', `/api/v1/facilities/${hospital}/history`)).statusCode).toBe(200);
    expect((await dost.request('GET', '/api/v1/licences/999999/history')).statusCode).toBe(404);
  });

  it("gives a source's values only to those with need to know", async () => {
    const dost = await app.login('demo.dost');
    const ndt = await orgId(app, 'CS-3');
    const source = (await dost.request('GET', `/api/v1/sources?facilityId=${ndt}&q=DEMO-IR-0001`)).json()
      .items[0];
    const full = (await dost.request('GET', `/api/v1/sources/${source.id}/history`)).json();
    expect(full.length).toBeGreaterThan(0);
    expect(JSON.stringify(full)).toContain('DEMO-IR-0001');
    const responder = await app.login('demo.responder');
    const partial = await responder.request('GET', `/api/v1/sources/${source.id}/history`);
    expect(partial.statusCode).toBe(200);
    expect(partial.json().map((e: { action: string }) => e.action)).toEqual(
      full.map((e: { action: string }) => e.action),
    );
    expect(partial.body).not.toContain('DEMO-IR-0001');
    expect(partial.body).not.toContain('Kho nguồn');
    expect(
      partial.json().every((e: { before: unknown; after: unknown }) => e.before === null && e.after === null),
    ).toBe(true);
  });
});
