import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, orgId, type TestApp } from '../../test/harness.js';

describeEachDatabase('yearly inventory reconciliation', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(dialect);
  });
  afterAll(async () => app.close());

  it('the Department opens the year; a facility confirms its sources; differences become findings', async () => {
    const dost = await app.login('demo.dost');
    const op = await app.login('demo.facility2');
    expect(
      (await op.request('POST', '/api/v1/inventory', { year: 2026, dueOn: '2027-01-31' })).statusCode,
    ).toBe(403);
    const opened = await dost.request('POST', '/api/v1/inventory', { year: 2026, dueOn: '2027-01-31' });
    expect(opened.statusCode).toBe(201);
    expect(
      (await dost.request('POST', '/api/v1/inventory', { year: 2026, dueOn: '2027-01-31' })).json().error
        .details.issues[0],
    ).toMatchObject({ field: '/year', reason: 'already_exists' });

    const ndt = await orgId(app, 'CS-3');
    const campaign = opened.json();
    expect(campaign.facilities.find((f: { facilityId: number }) => f.facilityId === ndt)).toMatchObject({
      expectedSources: 3,
      confirmedAt: null,
    });

    const list = (await dost.request('GET', `/api/v1/inventory/2026/facilities/${ndt}`)).json();
    expect(list.expected).toHaveLength(3);
    const [a, b, c] = list.expected;
    const foreign = await dost.request('POST', `/api/v1/inventory/2026/facilities/${ndt}/confirm`, {
      items: [{ sourceId: 999999, present: true }],
    });
    expect(foreign.json().error.details.issues[0]).toMatchObject({
      field: '/items/0/sourceId',
      reason: 'invalid',
    });
    // The NDT company is not demo.facility2's: it may not confirm for it.
    expect(
      (await op.request('POST', `/api/v1/inventory/2026/facilities/${ndt}/confirm`, { items: [] }))
        .statusCode,
    ).toBe(403);

    const confirmed = await dost.request('POST', `/api/v1/inventory/2026/facilities/${ndt}/confirm`, {
      items: [
        { sourceId: a.sourceId, present: true },
        { sourceId: b.sourceId, present: false, note: 'Không tìm thấy trong kho' },
      ],
      extra: [{ nuclide: 'Am-241/Be', serial: 'UNREG-1', note: 'Nguồn đo độ ẩm chưa khai báo' }],
    });
    expect(confirmed.statusCode).toBe(200);
    const kinds = confirmed
      .json()
      .discrepancies.map(
        (d: { kind: string; sourceId: number | null }) => `${d.kind}:${d.sourceId ?? d.kind}`,
      );
    expect(kinds).toEqual([
      `not_listed:${c.sourceId}`,
      `not_found_at_facility:${b.sourceId}`,
      'not_in_registry:not_in_registry',
    ]);
    const after = (await dost.request('GET', '/api/v1/inventory/2026')).json();
    expect(after.facilities.find((f: { facilityId: number }) => f.facilityId === ndt)).toMatchObject({
      discrepancies: 3,
      confirmedAt: expect.any(String),
    });
  });
});

describeEachDatabase('unsealed nuclides', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(dialect);
  });
  afterAll(async () => app.close());

  it('records monthly quantities received and used, one record per month, unsealed nuclides only', async () => {
    const op = await app.login('demo.facility');
    const hospital = await orgId(app, 'CS-1');
    const put = (body: Record<string, unknown>) =>
      op.request('PUT', '/api/v1/unsealed', {
        facilityId: hospital,
        period: '2026-10',
        receivedBq: 3.7e11,
        usedBq: 3.3e11,
        ...body,
      });
    expect((await put({ nuclide: 'Tc-99m' })).json()).toMatchObject({
      nuclide: 'Tc-99m',
      period: '2026-10',
      receivedBq: 3.7e11,
    });
    expect((await put({ nuclide: 'Tc-99m', usedBq: 3.5e11 })).json().usedBq).toBe(3.5e11);
    expect((await put({ nuclide: 'Cs-137' })).json().error.details.issues[0]).toMatchObject({
      field: '/nuclide',
      reason: 'not_allowed_value',
    });
    expect((await put({ nuclide: 'I-131', period: '2027-01' })).json().error.details.issues[0]).toMatchObject(
      { field: '/period', reason: 'in_future' },
    );
    expect((await put({ nuclide: 'I-131', period: '2026-13' })).json().error.details.issues[0]).toMatchObject(
      { field: '/period', reason: 'pattern' },
    );
    expect((await put({ nuclide: 'F-18', receivedBq: -1 })).json().error.details.issues[0]).toMatchObject({
      field: '/receivedBq',
      reason: 'too_small',
    });
    expect(
      (
        await op.request('PUT', '/api/v1/unsealed', {
          facilityId: await orgId(app, 'CS-2'),
          nuclide: 'F-18',
          period: '2026-10',
          receivedBq: 1,
          usedBq: 1,
        })
      ).statusCode,
    ).toBe(403);
    const list = (await op.request('GET', '/api/v1/unsealed?year=2026')).json();
    expect(list).toHaveLength(1);
  });
});
