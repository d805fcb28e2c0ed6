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
      openFindings: 3,
      confirmedAt: expect.any(String),
    });
    // The answers come back, for showing them and for confirming again.
    const mine = confirmed.json();
    expect(mine.items).toHaveLength(2);
    expect(mine.extra[0]).toMatchObject({ serial: 'UNREG-1' });
    expect(mine.findings.map((f: { status: string }) => f.status)).toEqual(['open', 'open', 'open']);
  });

  it('the Department follows each difference up until it is resolved, then closes the year', async () => {
    const dost = await app.login('demo.dost');
    const ndt = await orgId(app, 'CS-3');
    const summary = (await dost.request('GET', '/api/v1/inventory')).json();
    expect(summary[0]).toMatchObject({ year: 2026, status: 'open', confirmed: 1, openFindings: 3 });
    const open = (await dost.request('GET', '/api/v1/inventory/2026/findings?status=open')).json();
    expect(open).toHaveLength(3);
    const notFound = open.find((f: { kind: string }) => f.kind === 'not_found_at_facility');

    // A facility cannot resolve differences: the Department does.
    const owner = await app.login('demo.facility2');
    expect(
      (
        await owner.request('POST', `/api/v1/inventory/2026/findings/${notFound.id}/resolve`, {
          resolution: 'Đã tìm thấy',
        })
      ).statusCode,
    ).toBe(403);
    const tooShort = await dost.request('POST', `/api/v1/inventory/2026/findings/${notFound.id}/resolve`, {
      resolution: '',
    });
    expect(tooShort.json().error.details.issues[0].field).toBe('/resolution');
    const resolved = await dost.request('POST', `/api/v1/inventory/2026/findings/${notFound.id}/resolve`, {
      resolution: 'Nguồn được tìm thấy trong kho phụ; đã cập nhật vị trí lưu giữ.',
    });
    expect(resolved.json()).toMatchObject({ status: 'resolved', resolvedBy: expect.any(String) });
    expect(
      (
        await dost.request('POST', `/api/v1/inventory/2026/findings/${notFound.id}/resolve`, {
          resolution: 'Lần nữa',
        })
      ).statusCode,
    ).toBe(409);

    // Confirming again replaces the open differences and keeps the resolved one as the record.
    const facilityList = (await dost.request('GET', `/api/v1/inventory/2026/facilities/${ndt}`)).json();
    const again = await dost.request('POST', `/api/v1/inventory/2026/facilities/${ndt}/confirm`, {
      items: facilityList.expected.map((e: { sourceId: number }) => ({
        sourceId: e.sourceId,
        present: true,
      })),
    });
    expect(again.json().findings.map((f: { status: string }) => f.status)).toEqual(['resolved']);

    const closed = await dost.request('POST', '/api/v1/inventory/2026/close');
    expect(closed.json()).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    const late = await dost.request('POST', `/api/v1/inventory/2026/facilities/${ndt}/confirm`, {
      items: [],
    });
    expect(late.statusCode).toBe(400);
    const audit = (
      await (await app.login('demo.admin')).request('GET', '/api/v1/audit?entityType=inventory&limit=50')
    )
      .json()
      .items.map((e: { action: string }) => e.action);
    expect(audit).toEqual(
      expect.arrayContaining(['inventory.open', 'inventory.confirm', 'inventory.resolve', 'inventory.close']),
    );
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
