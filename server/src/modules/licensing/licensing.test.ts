import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, orgId, type TestApp } from '../../test/harness.js';

describeEachDatabase('licensing workflow through the API', (dialect) => {
  let app: TestApp;
  let hospital: number;
  let deviceId: number;
  let applicationId: number;
  const as = (username: string) => app.login(username);
  const at = async (iso: string) => app.clock.set(iso);

  beforeAll(async () => {
    app = await createTestApp(dialect);
    hospital = await orgId(app, 'CS-1');
    // Tuesday 28 April 2026, 09:00 in Hà Nội: the 30/4 and 1/5 holidays are two days away.
    await at('2026-04-28T02:00:00Z');
  });
  afterAll(async () => app.close());

  it('a facility declares a new CT scanner: it shows as unlicensed', async () => {
    const op = await as('demo.facility');
    const ct = await op.request('POST', '/api/v1/devices', {
      facilityId: hospital,
      type: 'ct',
      maker: 'GE',
      model: 'Revolution Maxima',
      serial: 'CT-HY-01',
      yearMade: 2026,
    });
    expect(ct.statusCode).toBe(201);
    deviceId = ct.json().id;
    const device = (await op.request('GET', `/api/v1/devices/${deviceId}`)).json();
    expect(device).toMatchObject({ licensed: false, unlicensed: true });
    const flagged = (await op.request('GET', '/api/v1/devices?unlicensed=true')).json();
    expect(flagged.items.map((d: { id: number }) => d.id)).toContain(deviceId);
  });

  it("applies for a licence; a draft is the facility's own until submitted", async () => {
    const op = await as('demo.facility');
    const empty = await op.request('POST', '/api/v1/applications', {
      facilityId: hospital,
      procedure: 'licence_new',
    });
    expect(empty.statusCode).toBe(201);
    const noDevice = await op.request('POST', `/api/v1/applications/${empty.json().id}/submit`);
    expect(noDevice.json().error.details.issues[0]).toMatchObject({
      field: '/deviceIds',
      reason: 'too_few_items',
    });
    const wrongDevice = await op.request('POST', '/api/v1/applications', {
      facilityId: hospital,
      procedure: 'licence_new',
      deviceIds: [999999],
    });
    expect(wrongDevice.json().error.details.issues[0]).toMatchObject({
      field: '/deviceIds/0',
      reason: 'invalid',
    });

    const created = await op.request('POST', '/api/v1/applications', {
      facilityId: hospital,
      procedure: 'licence_new',
      deviceIds: [deviceId],
      note: 'Máy CT mới lắp đặt tại khoa Chẩn đoán hình ảnh',
    });
    expect(created.statusCode).toBe(201);
    applicationId = created.json().id;
    expect(created.json()).toMatchObject({ status: 'draft', receivedOn: null, dueOn: null });
    const dost = await as('demo.dost');
    expect((await dost.request('GET', `/api/v1/applications/${applicationId}`)).statusCode).toBe(404);
    const other = await as('demo.facility2');
    expect((await other.request('GET', `/api/v1/applications/${applicationId}`)).statusCode).toBe(404);
  });

  it('submits: the 11-working-day clock runs across the 30/4–1/5 holidays', async () => {
    const op = await as('demo.facility');
    const submitted = await op.request('POST', `/api/v1/applications/${applicationId}/submit`);
    expect(submitted.statusCode).toBe(200);
    // Received Tue 28/4/2026; 30/4 and 1/5 are public holidays (Bộ luật Lao động 2019 Điều 112), 2–3/5 a weekend:
    // working days 29/4, 4–8/5, 11–15/5 → the 11th is Friday 15/5/2026 (procedures.json: licence_new, 11 working days).
    expect(submitted.json()).toMatchObject({
      status: 'submitted',
      receivedOn: '2026-04-28',
      dueOn: '2026-05-15',
      workingDaysLeft: 11,
    });
  });

  it('the officer returns it for completion with reasons; the facility completes and sends it again', async () => {
    const dost = await as('demo.dost');
    const list = (await dost.request('GET', '/api/v1/applications?status=submitted')).json();
    expect(list.items.map((a: { id: number }) => a.id)).toContain(applicationId);
    const noReason = await dost.request('POST', `/api/v1/applications/${applicationId}/return`, {
      reasons: [],
    });
    expect(noReason.json().error.details.issues[0]).toMatchObject({
      field: '/reasons',
      reason: 'too_few_items',
    });
    const returned = await dost.request('POST', `/api/v1/applications/${applicationId}/return`, {
      reasons: ['Thiếu báo cáo đánh giá an toàn', 'Thiếu chứng chỉ nhân viên bức xạ'],
    });
    expect(returned.json()).toMatchObject({
      status: 'returned',
      dueOn: null,
      workingDaysLeft: null,
      returnReasons: ['Thiếu báo cáo đánh giá an toàn', 'Thiếu chứng chỉ nhân viên bức xạ'],
    });

    await at('2026-04-29T02:00:00Z');
    const op = await as('demo.facility');
    expect(
      (
        await op.request('PATCH', `/api/v1/applications/${applicationId}`, {
          note: 'Đã bổ sung báo cáo và chứng chỉ',
        })
      ).statusCode,
    ).toBe(200);
    const again = (await op.request('POST', `/api/v1/applications/${applicationId}/submit`)).json();
    // The clock restarts on Wed 29/4: 4–8/5, 11–15/5, 18/5 → Monday 18/5/2026.
    expect(again).toMatchObject({
      status: 'submitted',
      receivedOn: '2026-04-29',
      dueOn: '2026-05-18',
      workingDaysLeft: 11,
    });
  });

  it('only the right people move it on', async () => {
    const op = await as('demo.facility');
    expect((await op.request('POST', `/api/v1/applications/${applicationId}/accept`)).statusCode).toBe(403);
    const dost = await as('demo.dost');
    const early = await dost.request('POST', `/api/v1/applications/${applicationId}/decide`, {
      decision: 'approve',
    });
    expect(early.statusCode).toBe(403);
    const leader = await as('demo.leader');
    const outOfOrder = await leader.request('POST', `/api/v1/applications/${applicationId}/decide`, {
      decision: 'approve',
    });
    expect(outOfOrder.statusCode).toBe(409);
    expect(outOfOrder.json().error.code).toBe('application.action_not_allowed');
  });

  it('the officer accepts and appraises; the leader approves; the licence covers the device', async () => {
    const dost = await as('demo.dost');
    expect((await dost.request('POST', `/api/v1/applications/${applicationId}/accept`)).json().status).toBe(
      'in_appraisal',
    );
    const appraised = await dost.request('POST', `/api/v1/applications/${applicationId}/appraise`, {
      checklist: [
        { item: 'Hồ sơ đầy đủ theo quy định', ok: true },
        { item: 'Kết quả kiểm định thiết bị còn hiệu lực', ok: true },
        { item: 'Người phụ trách an toàn có chứng chỉ', ok: true },
      ],
      recommendation: 'approve',
    });
    expect(appraised.json()).toMatchObject({ status: 'awaiting_decision', recommendation: 'approve' });
    const leader = await as('demo.leader');
    const approved = await leader.request('POST', `/api/v1/applications/${applicationId}/decide`, {
      decision: 'approve',
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', issuedLicenceId: expect.any(Number) });
    const licence = (
      await leader.request('GET', `/api/v1/licences/${approved.json().issuedLicenceId}`)
    ).json();
    // licence_new issues a licence valid 5 years (procedures.json).
    expect(licence).toMatchObject({
      number: 'GP-2026-0001',
      kind: 'licence',
      competentAuthority: 'ubnd_tinh',
      issuedOn: '2026-04-29',
      validUntil: '2031-04-29',
      status: 'valid',
      deviceIds: [deviceId],
      reminder: null,
    });
    const device = (await leader.request('GET', `/api/v1/devices/${deviceId}`)).json();
    expect(device).toMatchObject({ licensed: true, unlicensed: false });
    const events = (await leader.request('GET', `/api/v1/applications/${applicationId}/events`)).json();
    expect(events.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'submit',
      'return',
      'submit',
      'accept',
      'appraise',
      'approve',
    ]);
    const admin = await as('demo.admin');
    const audit = (
      await admin.request('GET', `/api/v1/audit?entityType=application&entityId=${applicationId}&limit=100`)
    ).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toContain('application.approve');
  });

  it('a leader refuses only with reasons', async () => {
    const op = await as('demo.facility');
    const xr = (
      await op.request('POST', '/api/v1/devices', {
        facilityId: hospital,
        type: 'xray_general',
        digital: true,
      })
    ).json();
    const a = (
      await op.request('POST', '/api/v1/applications', {
        facilityId: hospital,
        procedure: 'declaration',
        deviceIds: [xr.id],
      })
    ).json();
    await op.request('POST', `/api/v1/applications/${a.id}/submit`);
    const dost = await as('demo.dost');
    await dost.request('POST', `/api/v1/applications/${a.id}/accept`);
    const leader = await as('demo.leader');
    const bare = await leader.request('POST', `/api/v1/applications/${a.id}/decide`, { decision: 'refuse' });
    expect(bare.json().error.details.issues[0]).toMatchObject({ field: '/reasons', reason: 'required' });
    const refused = await leader.request('POST', `/api/v1/applications/${a.id}/decide`, {
      decision: 'refuse',
      reasons: ['Phòng đặt máy không đạt yêu cầu che chắn'],
    });
    expect(refused.json()).toMatchObject({
      status: 'refused',
      refusalReasons: ['Phòng đặt máy không đạt yêu cầu che chắn'],
      issuedLicenceId: null,
    });
    expect((await leader.request('GET', `/api/v1/devices/${xr.id}`)).json().unlicensed).toBe(true);
  });

  it('reminds 90 and 30 days before expiry, then flags the device again', async () => {
    await at('2031-02-01T02:00:00Z');
    let dost = await as('demo.dost');
    const due90 = (await dost.request('GET', '/api/v1/licences?reminder=due_90')).json();
    expect(due90.items[0]).toMatchObject({ number: 'GP-2026-0001', daysToExpiry: 87, reminder: 'due_90' });
    await at('2031-04-01T02:00:00Z');
    dost = await as('demo.dost');
    expect((await dost.request('GET', '/api/v1/licences?reminder=due_30')).json().items[0]).toMatchObject({
      daysToExpiry: 28,
      reminder: 'due_30',
    });
    await at('2031-04-30T02:00:00Z');
    dost = await as('demo.dost');
    const expired = (await dost.request('GET', '/api/v1/licences?reminder=expired')).json();
    expect(expired.items[0]).toMatchObject({ status: 'expired', reminder: 'expired' });
    expect((await dost.request('GET', `/api/v1/devices/${deviceId}`)).json()).toMatchObject({
      licensed: false,
      unlicensed: true,
    });
  });

  it('records a licence of the national agency for a source, and refuses a duplicate number', async () => {
    const dost = await as('demo.dost');
    const ndt = await orgId(app, 'CS-3');
    const source = (await dost.request('GET', `/api/v1/sources?facilityId=${ndt}`)).json().items[0];
    // Held without a licence: flagged, and found by the filter.
    expect(source).toMatchObject({ licensed: false, unlicensed: true });
    const unlicensed = (await dost.request('GET', '/api/v1/sources?unlicensed=true')).json();
    expect(unlicensed.items.map((s: { id: number }) => s.id)).toContain(source.id);
    const body = {
      number: 'GP-VARANS-123/2030',
      kind: 'national_licence',
      facilityId: ndt,
      competentAuthority: 'varans',
      issuedOn: '2030-06-01',
      validUntil: '2033-06-01',
      sourceIds: [source.id],
    };
    const created = await dost.request('POST', '/api/v1/licences', body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      competentAuthority: 'varans',
      sourceIds: [source.id],
      status: 'valid',
    });
    // The clock of this suite stands in 2030: the national licence now covers the source.
    expect((await dost.request('GET', `/api/v1/sources/${source.id}`)).json()).toMatchObject({
      licensed: true,
      unlicensed: false,
    });
    const still = (await dost.request('GET', '/api/v1/sources?unlicensed=true')).json();
    expect(still.items.map((s: { id: number }) => s.id)).not.toContain(source.id);
    expect((await dost.request('POST', '/api/v1/licences', body)).json().error.code).toBe(
      'licence.duplicate_number',
    );
    const wrongFacility = await dost.request('POST', '/api/v1/licences', {
      ...body,
      number: 'X-1',
      facilityId: hospital,
    });
    expect(wrongFacility.json().error.details.issues[0]).toMatchObject({
      field: '/sourceIds/0',
      reason: 'invalid',
    });
    const op = await as('demo.facility');
    expect((await op.request('POST', '/api/v1/licences', { ...body, number: 'X-2' })).statusCode).toBe(403);
  });

  it('finds licences by number or facility name and applications by facility or number', async () => {
    const dost = await as('demo.dost');
    const byNumber = (await dost.request('GET', '/api/v1/licences?q=varans-123')).json();
    expect(byNumber.items.map((l: { number: string }) => l.number)).toEqual(['GP-VARANS-123/2030']);
    const ndt = await dost.request('GET', `/api/v1/facilities/${await orgId(app, 'CS-3')}`);
    // Without diacritics and in capitals, as officials type on any keyboard.
    const words = (ndt.json().name as string)
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .toUpperCase()
      .split(' ')
      .slice(-2)
      .join(' ');
    const byFacility = (await dost.request('GET', `/api/v1/licences?q=${encodeURIComponent(words)}`)).json();
    expect(byFacility.total).toBeGreaterThan(0);
    expect(byFacility.items.every((l: { facilityId: number }) => l.facilityId === ndt.json().id)).toBe(true);
    const apps = (await dost.request('GET', `/api/v1/applications?q=%23${applicationId}`)).json();
    expect(apps.items.map((a: { id: number }) => a.id)).toEqual([applicationId]);
    const none = (await dost.request('GET', '/api/v1/applications?q=%25_%5C')).json();
    expect(none.total).toBe(0);
  });
});
