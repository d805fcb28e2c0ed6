import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, orgId, userId, type TestApp } from '../../test/harness.js';

describeEachDatabase('inspections', (dialect) => {
  let app: TestApp;
  let hospital: number;
  beforeAll(async () => {
    app = await createTestApp(dialect);
    hospital = await orgId(app, 'CS-1');
  });
  afterAll(async () => app.close());

  it('plans, carries out, follows up and closes an inspection, and prints its record', async () => {
    const inspector = await app.login('demo.inspector');
    const lead = await userId(app, 'demo.inspector');
    const dostOfficer = await userId(app, 'demo.dost');
    const created = await inspector.request('POST', '/api/v1/inspections', {
      facilityId: hospital,
      year: 2026,
      plannedOn: '2026-11-20',
      teamUserIds: [dostOfficer],
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({
      status: 'planned',
      leadInspectorId: lead,
      teamUserIds: [dostOfficer],
      findings: [],
    });
    const badTeam = await inspector.request('PATCH', `/api/v1/inspections/${id}`, {
      teamUserIds: [await userId(app, 'demo.facility')],
    });
    expect(badTeam.json().error.details.issues[0]).toMatchObject({
      field: '/teamUserIds/0',
      reason: 'invalid',
    });

    expect(
      (await inspector.request('PATCH', `/api/v1/inspections/${id}`, { status: 'in_progress' })).json()
        .status,
    ).toBe('in_progress');
    const finding = await inspector.request('POST', `/api/v1/inspections/${id}/findings`, {
      description: 'Biển cảnh báo bức xạ ở cửa phòng chụp CT bị mờ <khó đọc>',
      severity: 'medium',
      correctiveAction: 'Thay biển cảnh báo theo mẫu quy định',
      dueOn: '2026-11-25',
    });
    expect(finding.statusCode).toBe(201);
    const findingId = finding.json().id;
    // The clock is at 2026-11-28: the due date has passed.
    expect(finding.json()).toMatchObject({ status: 'open', overdue: true });
    const noDate = await inspector.request('PATCH', `/api/v1/inspections/${id}`, { status: 'completed' });
    expect(noDate.json().error.details.issues[0]).toMatchObject({
      field: '/conductedOn',
      reason: 'required',
    });
    const done = await inspector.request('PATCH', `/api/v1/inspections/${id}`, {
      status: 'completed',
      conductedOn: '2026-11-20',
      checklist: [
        { item: 'Giấy phép còn hiệu lực', result: 'ok' },
        { item: 'Biển cảnh báo, đèn báo', result: 'finding', note: 'Biển mờ' },
        { item: 'Liều kế cá nhân', result: 'ok' },
      ],
      summary: 'Cơ sở cơ bản chấp hành quy định về an toàn bức xạ.',
    });
    expect(done.json()).toMatchObject({ status: 'completed', openFindings: 1 });
    const early = await inspector.request('POST', `/api/v1/inspections/${id}/close`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'inspection.open_findings', details: { count: 1 } });

    const facility = await app.login('demo.facility');
    const mine = (await facility.request('GET', '/api/v1/inspections')).json();
    expect(mine.items.map((i: { id: number }) => i.id)).toEqual([id]);
    expect(
      (
        await facility.request('PATCH', `/api/v1/inspections/${id}/findings/${findingId}`, {
          status: 'verified',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await facility.request('PATCH', `/api/v1/inspections/${id}/findings/${findingId}`, {
          dueOn: '2027-01-01',
        })
      ).statusCode,
    ).toBe(403);
    const reported = await facility.request('PATCH', `/api/v1/inspections/${id}/findings/${findingId}`, {
      status: 'done',
      response: 'Đã thay biển mới ngày 26/11',
    });
    expect(reported.json()).toMatchObject({
      status: 'done',
      response: 'Đã thay biển mới ngày 26/11',
      overdue: false,
    });
    const other = await app.login('demo.facility2');
    expect((await other.request('GET', `/api/v1/inspections/${id}`)).statusCode).toBe(404);
    const responder = await app.login('demo.responder');
    expect((await responder.request('GET', '/api/v1/inspections')).statusCode).toBe(403);

    const verified = await inspector.request('PATCH', `/api/v1/inspections/${id}/findings/${findingId}`, {
      status: 'verified',
    });
    expect(verified.json()).toMatchObject({ status: 'verified', closedOn: '2026-11-28' });
    // The verification is the inspector's: the facility cannot reopen it.
    const undo = await facility.request('PATCH', `/api/v1/inspections/${id}/findings/${findingId}`, {
      status: 'done',
      response: 'Báo cáo lại',
    });
    expect(undo.statusCode).toBe(403);
    const closed = await inspector.request('POST', `/api/v1/inspections/${id}/close`);
    expect(closed.json()).toMatchObject({ status: 'closed', openFindings: 0 });
    expect(
      (await inspector.request('PATCH', `/api/v1/inspections/${id}`, { summary: 'x' })).json().error.code,
    ).toBe('inspection.not_editable');

    const record = await inspector.request('GET', `/api/v1/inspections/${id}/record`);
    expect(record.headers['content-type']).toContain('text/html');
    expect(record.body).toContain('BIÊN BẢN KIỂM TRA AN TOÀN BỨC XẠ');
    expect(record.body).toContain('20/11/2026');
    expect(record.body).toContain('&lt;khó đọc&gt;');
    expect(record.body).not.toContain('<khó đọc>');
    expect(record.body).toContain('Phạm Quốc Thanh');
    // The same record as a Word document to edit and sign.
    const docx = await app.app.inject({
      url: `/api/v1/inspections/${id}/record?format=docx`,
      headers: { cookie: inspector.cookie },
    });
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.headers['content-disposition']).toContain('.docx');
    const xml = strFromU8(unzipSync(new Uint8Array(docx.rawPayload))['word/document.xml']!);
    expect(xml).toContain('BIÊN BẢN KIỂM TRA AN TOÀN BỨC XẠ');
    expect(xml).toContain('Phạm Quốc Thanh');
    expect(xml).toContain('&lt;khó đọc&gt;');
    expect(xml).not.toContain('<khó đọc>');
    expect((await inspector.request('GET', `/api/v1/inspections/${id}/record?format=pdf`)).statusCode).toBe(
      400,
    );

    const admin = await app.login('demo.admin');
    const audit = (
      await admin.request('GET', `/api/v1/audit?entityType=inspection&entityId=${id}&limit=50`)
    ).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining([
        'inspection.create',
        'inspection.finding_add',
        'inspection.finding_update',
        'inspection.close',
      ]),
    );
  });

  it('lists the yearly plan', async () => {
    const dost = await app.login('demo.dost');
    await dost.request('POST', '/api/v1/inspections', {
      facilityId: await orgId(app, 'CS-3'),
      year: 2027,
      kind: 'planned',
      plannedOn: '2027-03-15',
    });
    await dost.request('POST', '/api/v1/inspections', {
      facilityId: await orgId(app, 'CS-1'),
      year: 2027,
      kind: 'unannounced',
      plannedOn: '2027-02-10',
    });
    const plan = (await dost.request('GET', '/api/v1/inspections?year=2027')).json();
    expect(plan.items).toHaveLength(2);
    expect(plan.items[0]).toMatchObject({ year: 2027, status: 'planned', plannedOn: '2027-02-10' });
    const planned = (await dost.request('GET', '/api/v1/inspections?year=2027&kind=planned')).json();
    expect(planned.items.map((i: { kind: string }) => i.kind)).toEqual(['planned']);
    const latestFirst = (await dost.request('GET', '/api/v1/inspections?year=2027&sort=-plannedOn')).json();
    expect(latestFirst.items.map((i: { plannedOn: string }) => i.plannedOn)).toEqual([
      '2027-03-15',
      '2027-02-10',
    ]);
    expect((await dost.request('GET', '/api/v1/inspections?sort=drop')).statusCode).toBe(400);
  });
});
