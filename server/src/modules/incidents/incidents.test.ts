import {
  permissionsOf,
  type Incident,
  type NotificationItem,
  type Role,
  type TimelineEntry,
} from '@sievert/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor.js';
import {
  createTestApp,
  describeEachDatabase,
  orgId,
  userId,
  type Session,
  type TestApp,
} from '../../test/harness.js';
import { CLOCK_JOB } from './incident.jobs.js';

/** A PNG of one pixel: a real image, as a phone would attach. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

interface Ctx {
  app: TestApp;
  dost: Session;
  leader: Session;
  facility: Session;
  facility2: Session;
  responder: Session;
  commune: Session;
  communeOfOfficer: string;
  otherCommune: string;
  facilityCommune: string;
}

async function context(app: TestApp): Promise<Ctx> {
  const db = app.database.db;
  const officerOrg = await db
    .selectFrom('organisations')
    .select('commune_code')
    .where('code', '=', 'UBND-1')
    .executeTakeFirstOrThrow();
  const cs1 = await db
    .selectFrom('organisations')
    .select('commune_code')
    .where('code', '=', 'CS-1')
    .executeTakeFirstOrThrow();
  const other = await db
    .selectFrom('communes')
    .select('code')
    .where('code', '!=', officerOrg.commune_code!)
    .where('code', '!=', cs1.commune_code!)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  return {
    app,
    dost: await app.login('demo.dost'),
    leader: await app.login('demo.leader'),
    facility: await app.login('demo.facility'),
    facility2: await app.login('demo.facility2'),
    responder: await app.login('demo.responder'),
    commune: await app.login('demo.commune'),
    communeOfOfficer: officerOrg.commune_code!,
    otherCommune: other.code,
    facilityCommune: cs1.commune_code!,
  };
}

function report(communeCode: string, overrides: Record<string, unknown> = {}) {
  return {
    kind: 'security_event',
    title: 'Phát hiện người lạ vào kho nguồn',
    description: 'Khóa kho nguồn bị cắt lúc 7 giờ sáng; chưa xác định nguồn có bị lấy hay không.',
    lat: 20.65,
    lon: 106.05,
    communeCode,
    ...overrides,
  };
}

async function created(session: Session, body: unknown): Promise<Incident> {
  const res = await session.request('POST', '/api/v1/incidents', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Incident>();
}

/** Notifications in a person's inbox, with their data as the incident module writes it. */
async function inbox(session: Session): Promise<Array<NotificationItem & { data: Record<string, unknown> }>> {
  const page = (await session.request('GET', '/api/v1/notifications')).json<{
    items: Array<NotificationItem & { data: Record<string, unknown> }>;
  }>();
  return page.items;
}

async function patch(session: Session, id: number, body: unknown) {
  return session.request('PATCH', `/api/v1/incidents/${id}`, body);
}

/** A person connected to the live stream, as the hub sees them. */
function liveActor(userIdValue: number, organisationId: number, roles: Role[]): Actor {
  return {
    userId: userIdValue,
    username: `u${userIdValue}`,
    displayName: `u${userIdValue}`,
    roles,
    organisationId,
    organisationKind: null,
    communeCode: null,
    permissions: new Set(permissionsOf(roles)),
    scope: 'province',
    via: 'session',
    ip: null,
  };
}

describeEachDatabase('incidents', (dialect) => {
  let c: Ctx;
  beforeAll(async () => {
    c = await context(await createTestApp(dialect));
  });
  afterAll(async () => c.app.close());

  it('takes a facility’s report: numbered per year, reported, clocks started, audited, announced', async () => {
    const incident = await created(c.facility, report(c.facilityCommune));
    const year = new Date(c.app.clock.now().getTime() + 7 * 3_600_000).getUTCFullYear();
    expect(incident).toMatchObject({
      number: `1/${year}`,
      state: 'reported',
      origin: 'facility_report',
      facilityId: await orgId(c.app, 'CS-1'),
      organisationId: await orgId(c.app, 'CS-1'),
      exercise: false,
    });
    expect(incident.clocks.map((k: { code: string }) => k.code).sort()).toEqual([
      'security.notify',
      'security.written_report',
    ]);
    const second = await created(c.dost, report(c.otherCommune, { kind: 'fire', title: 'Cháy kho' }));
    expect(second.number).toBe(`2/${year}`);
    expect(second.origin).toBe('officer');

    const audit = await c.app.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'incident')
      .where('entity_id', '=', String(incident.id))
      .execute();
    expect(audit.map((a) => a.action)).toContain('incident.report');
    const timeline = (await c.facility.request('GET', `/api/v1/incidents/${incident.id}/timeline`)).json();
    expect(timeline[0]).toMatchObject({ kind: 'state', data: { event: 'reported', state: 'reported' } });

    const items = await inbox(c.dost);
    expect(items.some((n) => n.kind === 'incident.reported' && n.data.incidentId === incident.id)).toBe(true);
  });

  it('refuses bad input naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...report(c.facilityCommune), kind: undefined }, '/kind'],
      [report(c.facilityCommune, { kind: 'meteor' }), '/kind'],
      [report(c.facilityCommune, { lat: 200 }), '/lat'],
      [report(c.facilityCommune, { title: '' }), '/title'],
      [report('99999'), '/communeCode'],
      [report(c.facilityCommune, { discoveredAt: '2099-01-01T00:00:00Z' }), '/discoveredAt'],
      [report(c.facilityCommune, { discoveredAt: 'yesterday' }), '/discoveredAt'],
      [report(c.facilityCommune, { colour: 'red' }), '/colour'],
      [report(c.facilityCommune, { facilityId: await orgId(c.app, 'CS-2') }), '/facilityId'],
    ];
    for (const [body, field] of cases) {
      const res = await c.facility.request('POST', '/api/v1/incidents', body);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.details.issues[0].field, field).toBe(field);
    }
  });

  it('keeps hostile text as text and refuses a huge description', async () => {
    const huge = await c.facility.request(
      'POST',
      '/api/v1/incidents',
      report(c.facilityCommune, { description: 'x'.repeat(50_001) }),
    );
    expect(huge.statusCode).toBe(400);
    expect(huge.json().error.details.issues[0].field).toBe('/description');
    const script = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const incident = await created(
      c.facility,
      report(c.facilityCommune, { title: script, description: script }),
    );
    const read = await c.facility.request('GET', `/api/v1/incidents/${incident.id}`);
    expect(read.headers['content-type']).toMatch(/application\/json/);
    expect(read.json()).toMatchObject({ title: script, description: script });
  });

  it('lets each reader see only what concerns them', async () => {
    const mine = await created(c.facility, report(c.facilityCommune, { title: 'Sự cố của cơ sở 1' }));
    const inCommune = await created(c.dost, report(c.communeOfOfficer, { kind: 'contamination' }));
    const elsewhere = await created(c.dost, report(c.otherCommune, { kind: 'overexposure' }));

    // Another facility: 404 on read, absent from its list, 404 on change.
    expect((await c.facility2.request('GET', `/api/v1/incidents/${mine.id}`)).statusCode).toBe(404);
    const list2 = (await c.facility2.request('GET', '/api/v1/incidents?limit=500')).json();
    expect(list2.items.map((i: { id: number }) => i.id)).not.toContain(mine.id);
    expect(list2.total).toBe(list2.items.length);
    expect((await patch(c.facility2, mine.id, { title: 'x' })).statusCode).toBe(404);

    const list1 = (await c.facility.request('GET', '/api/v1/incidents?limit=500')).json();
    const ids1 = list1.items.map((i: { id: number }) => i.id);
    expect(ids1).toContain(mine.id);
    expect(ids1).not.toContain(inCommune.id);

    // The commune officer: the incidents of the commune.
    const communeIds = (await c.commune.request('GET', '/api/v1/incidents?limit=500'))
      .json()
      .items.map((i: { id: number }) => i.id);
    expect(communeIds).toContain(inCommune.id);
    expect(communeIds).not.toContain(elsewhere.id);

    // A responder: nothing until tasked.
    expect((await c.responder.request('GET', `/api/v1/incidents/${elsewhere.id}`)).statusCode).toBe(404);
    const task = await c.dost.request('POST', `/api/v1/incidents/${elsewhere.id}/tasks`, {
      title: 'Lập vùng cấm',
      assigneeOrganisationId: await orgId(c.app, 'UPSC'),
    });
    expect(task.statusCode).toBe(201);
    expect((await c.responder.request('GET', `/api/v1/incidents/${elsewhere.id}`)).statusCode).toBe(200);
    const responderIds = (await c.responder.request('GET', '/api/v1/incidents?limit=500'))
      .json()
      .items.map((i: { id: number }) => i.id);
    expect(responderIds).toContain(elsewhere.id);
    expect(responderIds).not.toContain(inCommune.id);
    expect(responderIds).not.toContain(mine.id);

    // Officials see everything.
    const all = (await c.dost.request('GET', '/api/v1/incidents?limit=500')).json();
    expect(all.items.map((i: { id: number }) => i.id)).toEqual(
      expect.arrayContaining([mine.id, inCommune.id, elsewhere.id]),
    );

    // A facility reads its incident but does not command it.
    const refused = await patch(c.facility, mine.id, { state: 'assessed', severity: 'low' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('auth.forbidden');
    const got = (await c.facility.request('GET', `/api/v1/incidents/${mine.id}`)).json();
    expect(got.can).toMatchObject({ manage: false, contribute: true, approveNotices: false });
    expect(got.nextStates).toEqual([]);
  });

  it('filters the list', async () => {
    await created(
      c.dost,
      report(c.otherCommune, { kind: 'transport_accident', title: 'Xe chở nguồn bị lật' }),
    );
    const byKind = (await c.dost.request('GET', '/api/v1/incidents?kind=transport_accident')).json();
    expect(byKind.items.length).toBeGreaterThan(0);
    expect(byKind.items.every((i: { kind: string }) => i.kind === 'transport_accident')).toBe(true);
    const byText = (
      await c.dost.request('GET', `/api/v1/incidents?q=${encodeURIComponent('xe cho nguon')}`)
    ).json();
    expect(byText.items.map((i: { title: string }) => i.title)).toContain('Xe chở nguồn bị lật');
    const bad = await c.dost.request('GET', '/api/v1/incidents?state=burning');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].field).toMatch(/state/);
  });

  it('walks the lifecycle and refuses what it does not allow, naming the current state', async () => {
    const { id } = await created(c.dost, report(c.otherCommune, { kind: 'contamination' }));
    const refuse = async (body: Record<string, unknown>, code: string, from: string) => {
      const res = await patch(c.dost, id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(
        code === 'incident.transition_not_allowed' ? 409 : 400,
      );
      expect(res.json().error.code).toBe(code);
      expect(res.json().error.details.from).toBe(from);
      return res;
    };
    const move = async (body: Record<string, unknown>, state: string) => {
      const res = await patch(c.dost, id, body);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().state).toBe(state);
      return res.json<Incident>();
    };

    await refuse({ state: 'response' }, 'incident.transition_not_allowed', 'reported');
    await refuse({ state: 'recovery' }, 'incident.transition_not_allowed', 'reported');
    await refuse({ state: 'assessed' }, 'incident.assessment_required', 'reported');
    const assessed = await move(
      {
        state: 'assessed',
        severity: 'high',
        ines: 2,
        assessmentReasons: 'Nhiễm bẩn ngoài khu vực kiểm soát',
      },
      'assessed',
    );
    expect(assessed).toMatchObject({ severity: 'high', ines: 2, nextStates: ['response', 'closed'] });
    await refuse({ state: 'recovery' }, 'incident.transition_not_allowed', 'assessed');
    await move({ state: 'response' }, 'response');
    await refuse({ state: 'closed', reason: 'x' }, 'incident.transition_not_allowed', 'response');
    await refuse({ state: 'assessed' }, 'incident.transition_not_allowed', 'response');
    await move({ state: 'recovery' }, 'recovery');
    await refuse({ state: 'closed' }, 'incident.final_report_required', 'recovery');
    const closed = await move({ state: 'closed', finalReport: 'Đã tẩy xạ; suất liều về mức nền.' }, 'closed');
    expect(closed.closedAt).not.toBeNull();
    await refuse({ state: 'assessed' }, 'incident.transition_not_allowed', 'closed');
    await refuse({ state: 'response' }, 'incident.reason_required', 'closed');
    const edit = await patch(c.dost, id, { title: 'Sửa khi đã đóng' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('incident.closed');
    const reopened = await move({ state: 'response', reason: 'Phát hiện thêm điểm nhiễm bẩn' }, 'response');
    expect(reopened.closedAt).toBeNull();

    // Closing before any response needs a reason, from reported and from assessed.
    const dup = await created(c.dost, report(c.otherCommune, { kind: 'fire' }));
    await patch(c.dost, dup.id, { state: 'closed' }).then((res) => {
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('incident.reason_required');
    });
    expect((await patch(c.dost, dup.id, { state: 'closed', reason: 'Trùng sự cố' })).json()).toMatchObject({
      state: 'closed',
      closingReason: 'Trùng sự cố',
    });
    const early = await created(c.dost, report(c.otherCommune, { kind: 'fire' }));
    await patch(c.dost, early.id, { state: 'assessed', severity: 'low' });
    expect((await patch(c.dost, early.id, { state: 'closed', reason: 'Không phải sự cố' })).statusCode).toBe(
      200,
    );

    // Who did what and when, in order, on the timeline and in the audit log.
    const states = (await c.dost.request('GET', `/api/v1/incidents/${id}/timeline`))
      .json()
      .filter((e: { kind: string }) => e.kind === 'state')
      .map((e: { data: { to?: string; state?: string } }) => e.data.to ?? e.data.state);
    expect(states).toEqual(['reported', 'assessed', 'response', 'recovery', 'closed', 'response']);
    // The stored sentences in Vietnamese words, never a code; the codes stay in the facts.
    const texts = (await c.dost.request('GET', `/api/v1/incidents/${id}/timeline`)).json<TimelineEntry[]>();
    expect(texts.map((e) => e.text)).toEqual(
      expect.arrayContaining([
        'Chuyển trạng thái: Mới tiếp nhận → Đã đánh giá',
        'Đánh giá: mức độ cao, INES 2 (Sự cố). Nhiễm bẩn ngoài khu vực kiểm soát',
        'Chuyển trạng thái: Đã kết thúc → Đang ứng phó. Lý do: Phát hiện thêm điểm nhiễm bẩn',
      ]),
    );
    expect(texts.find((e) => e.data?.event === 'assessment')!.data).toEqual({
      event: 'assessment',
      severity: 'high',
      ines: 2,
      reasons: 'Nhiễm bẩn ngoài khu vực kiểm soát',
    });
    const actions = await c.app.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name'])
      .where('entity_type', '=', 'incident')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'incident.report',
      'incident.transition',
      'incident.transition',
      'incident.transition',
      'incident.close',
      'incident.reopen',
    ]);
    expect(actions.every((a) => a.actor_name === 'demo.dost')).toBe(true);
  });

  it('gives tasks to agencies, who acknowledge them', async () => {
    const { id } = await created(c.dost, report(c.otherCommune, { kind: 'lost_source', title: 'Mất nguồn' }));
    const upsc = await orgId(c.app, 'UPSC');
    const res = await c.dost.request('POST', `/api/v1/incidents/${id}/tasks`, {
      title: 'Tìm kiếm nguồn bằng thiết bị đo',
      agencyKind: 'police',
      assigneeOrganisationId: upsc,
      dueAt: '2026-11-28T12:00:00Z',
    });
    expect(res.statusCode).toBe(201);
    const task = res.json();
    expect(task).toMatchObject({ status: 'assigned', assigneeOrganisationId: upsc, acknowledgedAt: null });
    expect(task.dueAt).toBe('2026-11-28T12:00:00.000Z');
    const bad = await c.dost.request('POST', `/api/v1/incidents/${id}/tasks`, { title: '' });
    expect(bad.json().error.details.issues[0].field).toBe('/title');
    const noOrg = await c.dost.request('POST', `/api/v1/incidents/${id}/tasks`, {
      title: 'x',
      assigneeOrganisationId: 999_999,
    });
    expect(noOrg.json().error.details.issues[0].field).toBe('/assigneeOrganisationId');

    const note = (await inbox(c.responder)).find(
      (n) => n.kind === 'incident.task_assigned' && n.data.taskId === task.id,
    );
    expect(note).toBeTruthy();
    expect(note!.link).toBe(`/incidents/${id}`);

    const url = `/api/v1/incidents/${id}/tasks/${task.id}`;
    // Not the assignee: the facility cannot see it, the leader cannot respond without command rights… (leader commands).
    expect((await c.facility2.request('PATCH', url, { status: 'acknowledged' })).statusCode).toBe(404);
    expect((await c.responder.request('PATCH', url, { status: 'cancelled' })).statusCode).toBe(403);
    expect((await c.responder.request('PATCH', url, { dueAt: null })).statusCode).toBe(403);
    const ack = await c.responder.request('PATCH', url, {
      status: 'acknowledged',
      note: 'Đã nhận, đang xuất phát',
    });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: 'Bùi Anh Tuấn (lực lượng ứng phó)',
      note: 'Đã nhận, đang xuất phát',
    });
    expect(ack.json().acknowledgedAt).not.toBeNull();
    const back = await c.responder.request('PATCH', url, { status: 'assigned' });
    expect(back.statusCode).toBe(409);
    expect(back.json().error).toMatchObject({
      code: 'incident.task_transition_not_allowed',
      details: { from: 'acknowledged', to: 'assigned' },
    });
    expect((await c.responder.request('PATCH', url, { status: 'done' })).json().completedAt).not.toBeNull();
    const board = (await c.dost.request('GET', `/api/v1/incidents/${id}`)).json();
    expect(board.tasks[0]).toMatchObject({ id: task.id, status: 'done' });
    expect(board.openTasks).toBe(0);
    const entries = (await c.dost.request('GET', `/api/v1/incidents/${id}/timeline`)).json();
    expect(
      entries.filter((e: { kind: string }) => e.kind === 'task').map((e: TimelineEntry) => e.data!.event),
    ).toEqual(['task_assigned', 'task_status', 'task_status']);
    expect(entries.find((e: TimelineEntry) => e.data?.event === 'task_status').text).toBe(
      'Nhiệm vụ "Tìm kiếm nguồn bằng thiết bị đo": Chờ xác nhận → Đã xác nhận. Đã nhận, đang xuất phát',
    );
  });

  it('reaches the demo fire and police responders through their organisations', async () => {
    const { id } = await created(c.dost, report(c.otherCommune, { kind: 'fire', title: 'Cháy xưởng' }));
    const fire = await c.app.login('demo.fire');
    const police = await c.app.login('demo.police');
    expect((await fire.request('GET', `/api/v1/incidents/${id}`)).statusCode).toBe(404);
    const task = await c.dost.request('POST', `/api/v1/incidents/${id}/tasks`, {
      title: 'Dập lửa, không phun nước vào kho nguồn',
      agencyKind: 'fire_rescue',
      assigneeOrganisationId: await orgId(c.app, 'PCCC'),
    });
    const url = `/api/v1/incidents/${id}/tasks/${task.json().id}`;
    expect((await fire.request('PATCH', url, { status: 'acknowledged' })).json().status).toBe('acknowledged');
    expect((await police.request('GET', `/api/v1/incidents/${id}`)).statusCode).toBe(404);
    expect((await police.request('PATCH', url, { status: 'done' })).statusCode).toBe(404);
  });

  it('keeps the timeline in order, with attachments', async () => {
    const { id } = await created(c.facility, report(c.facilityCommune, { kind: 'contamination' }));
    const url = `/api/v1/incidents/${id}/timeline`;
    for (const [kind, text] of [
      ['log', 'Đội ứng phó cơ sở có mặt'],
      ['measurement', 'Suất liều tại cửa kho 2,1 µSv/h'],
      ['decision', 'Sơ tán khu vực kho'],
      ['message', 'Đề nghị hỗ trợ thiết bị đo nhiễm bẩn bề mặt'],
    ]) {
      const res = await c.facility.request('POST', url, {
        kind,
        text,
        ...(kind === 'measurement' ? { data: { uSvH: 2.1 } } : {}),
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const wrongKind = await c.facility.request('POST', url, { kind: 'state', text: 'Đã đóng' });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().error.details.issues[0].field).toBe('/kind');
    expect((await c.facility2.request('POST', url, { kind: 'log', text: 'x' })).statusCode).toBe(404);

    const upload = await c.facility.request(
      'POST',
      `/api/v1/incidents/${id}/attachments?name=anh-hien-truong.png`,
      PNG,
      {
        'content-type': 'application/octet-stream',
      },
    );
    expect(upload.statusCode, upload.body).toBe(201);
    expect(upload.json()).toMatchObject({
      kind: 'attachment',
      attachment: { name: 'anh-hien-truong.png', mime: 'image/png', size: PNG.length },
    });
    const text = await c.facility.request(
      'POST',
      `/api/v1/incidents/${id}/attachments?name=virus.exe`,
      Buffer.from('MZ…'),
      {
        'content-type': 'application/octet-stream',
      },
    );
    expect(text.statusCode).toBe(400);
    expect(text.json().error.details.issues[0].field).toBe('/file');
    const file = await c.dost.request(
      'GET',
      `/api/v1/incidents/${id}/attachments/${upload.json().attachment.id}`,
    );
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(PNG)).toBe(true);

    const entries = (await c.facility.request('GET', url)).json();
    expect(entries.map((e: { kind: string }) => e.kind)).toEqual([
      'state',
      'log',
      'measurement',
      'decision',
      'message',
      'attachment',
    ]);
    const ids = entries.map((e: { id: number }) => e.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(entries[2].data).toEqual({ uSvH: 2.1 });
    const after = (await c.facility.request('GET', `${url}?after=${ids[3]}`)).json();
    expect(after.map((e: { id: number }) => e.id)).toEqual(ids.slice(4));
  });

  it('opens an incident from an alarm, pre-filled, and links the alarm', async () => {
    const db = c.app.database.db;
    const station = await db
      .selectFrom('stations')
      .select(['id', 'code', 'lat', 'lon', 'commune_code'])
      .where('commune_code', 'is not', null)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const now = c.app.clock.now();
    const alarm = await db
      .insertInto('alarms')
      .values({
        rule: 'level',
        severity: 'alert',
        state: 'raised',
        cause: 'unexplained',
        reasons: '[]',
        station_id: station.id,
        stations: JSON.stringify([station.code]),
        quantity: 'ambient_dose_rate',
        peak_value: 850,
        peak_time: now.toISOString(),
        started_at: new Date(now.getTime() - 600_000).toISOString(),
        last_seen_at: now.toISOString(),
        clear_since: null,
        acknowledged_at: null,
        acknowledged_by: null,
        closed_at: null,
        closed_by: null,
        note: null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
        version: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .deleteFrom('measurement_latest')
      .where('station_id', '=', station.id)
      .where('quantity', '=', 1)
      .execute();
    await db
      .insertInto('measurement_latest')
      .values({
        station_id: station.id,
        quantity: 1,
        t: Math.floor(now.getTime() / 1000),
        value: 812,
        flags: 0,
      })
      .execute();

    const res = await c.dost.request('POST', `/api/v1/incidents/from-alarm/${alarm.id}`, {});
    expect(res.statusCode, res.body).toBe(201);
    const incident = res.json();
    expect(incident).toMatchObject({
      kind: 'abnormal_reading',
      origin: 'alarm',
      alarmId: alarm.id,
      communeCode: station.commune_code,
      lat: station.lat,
      lon: station.lon,
      links: { alarm: { id: alarm.id, stationCode: station.code } },
    });
    expect(incident.description).toContain('812 nSv/h');
    expect(incident.description).toContain(
      `Mở từ cảnh báo số ${alarm.id}: suất liều vượt ngưỡng, mức báo động, bắt đầu lúc `,
    );
    expect(incident.description).toContain('Giá trị cao nhất: 850 nSv/h lúc ');
    expect(incident.description).not.toMatch(/alarm|peak|readings|\d{4}-\d{2}-\d{2}T/);
    const linked = await db
      .selectFrom('alarms')
      .select('incident_id')
      .where('id', '=', alarm.id)
      .executeTakeFirstOrThrow();
    expect(linked.incident_id).toBe(incident.id);
    const measurement = (await c.dost.request('GET', `/api/v1/incidents/${incident.id}/timeline`))
      .json()
      .find((e: { kind: string }) => e.kind === 'measurement');
    expect(measurement.data.readings[0]).toMatchObject({ station: station.code, nSvPerHour: 812 });

    const again = await c.dost.request('POST', `/api/v1/incidents/from-alarm/${alarm.id}`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.incidentId).toBe(incident.id);
    // The one click sends no body at all.
    expect((await c.dost.request('POST', '/api/v1/incidents/from-alarm/999999')).statusCode).toBe(404);
  });

  it('records a lost source in the registry ledger, and its find', async () => {
    const db = c.app.database.db;
    const source = await db
      .selectFrom('sources')
      .select(['id', 'status'])
      .where('serial', '=', 'DEMO-IR-0001')
      .executeTakeFirstOrThrow();
    const lost = await created(
      c.dost,
      report(c.otherCommune, {
        kind: 'lost_source',
        title: 'Mất nguồn Ir-192',
        sourceId: source.id,
        origin: 'hotline',
      }),
    );
    expect(lost.links.source).toMatchObject({ id: source.id, status: 'lost_stolen' });
    const ledger = await db
      .selectFrom('source_transactions')
      .select(['type', 'note'])
      .where('source_id', '=', source.id)
      .orderBy('id')
      .execute();
    expect(ledger.at(-1)).toMatchObject({ type: 'loss_theft' });
    expect(ledger.at(-1)!.note).toContain(lost.number);

    const found = await created(
      c.dost,
      report(c.otherCommune, { kind: 'found_source', title: 'Tìm thấy nguồn', sourceId: source.id }),
    );
    expect(found.links.source?.status).toBe('found');
    // A facility cannot point at another facility's source.
    const foreign = await c.facility.request(
      'POST',
      '/api/v1/incidents',
      report(c.facilityCommune, { kind: 'lost_source', sourceId: source.id }),
    );
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details.issues[0].field).toBe('/sourceId');
  });

  it('labels an exercise on every notice and message; a leader approves notices', async () => {
    const ex = await created(
      c.dost,
      report(c.otherCommune, { kind: 'fire', title: 'Diễn tập cháy kho', exercise: true }),
    );
    expect(ex.exercise).toBe(true);
    const note = await c.app.database.db
      .selectFrom('notifications')
      .select(['title_vi', 'title_en', 'body_vi', 'body_en'])
      .where('kind', '=', 'incident.reported')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(note.title_vi.startsWith('[DIỄN TẬP]')).toBe(true);
    expect(note.title_en.startsWith('[EXERCISE]')).toBe(true);
    expect(note.body_vi.startsWith('[DIỄN TẬP]')).toBe(true);

    const message = await c.dost.request('POST', `/api/v1/incidents/${ex.id}/timeline`, {
      kind: 'message',
      text: 'Yêu cầu lực lượng PCCC có mặt',
    });
    expect(message.json().text).toBe('[DIỄN TẬP] Yêu cầu lực lượng PCCC có mặt');

    const draft = await c.dost.request('POST', `/api/v1/incidents/${ex.id}/notices`, {
      title: 'Thông báo về sự cố cháy',
      body: 'Người dân không đến gần khu vực kho.',
    });
    expect(draft.statusCode).toBe(201);
    expect(draft.json()).toMatchObject({ state: 'draft', exercise: true });
    expect(draft.json().title).toBe('[DIỄN TẬP] Thông báo về sự cố cháy');
    const url = `/api/v1/incidents/${ex.id}/notices/${draft.json().id}/approve`;
    expect((await c.dost.request('POST', url)).statusCode).toBe(403);
    const approved = await c.leader.request('POST', url);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      state: 'approved',
      approvedBy: 'Lê Minh Đức (lãnh đạo Sở KH&CN)',
    });
    expect((await c.leader.request('POST', url)).json().error.code).toBe('incident.notice_not_allowed');
    const list = (await c.dost.request('GET', '/api/v1/incidents?exercise=true')).json();
    expect(list.items.map((i: { id: number }) => i.id)).toContain(ex.id);
  });

  it('pushes changes live to the people who may read the incident, and to nobody else', async () => {
    const { id } = await created(c.dost, report(c.otherCommune, { kind: 'fire' }));
    const responderFrames: string[] = [];
    const facilityFrames: string[] = [];
    const hub = c.app.services.live;
    const responder = hub.connect(
      liveActor(await userId(c.app, 'demo.responder'), await orgId(c.app, 'UPSC'), ['responder']),
      (f) => responderFrames.push(f),
      () => {},
    );
    const facility = hub.connect(
      liveActor(await userId(c.app, 'demo.facility2'), await orgId(c.app, 'CS-2'), ['facility_operator']),
      (f) => facilityFrames.push(f),
      () => {},
    );
    try {
      const updates = (frames: string[]) =>
        frames
          .map(
            (f) =>
              JSON.parse(f.slice(f.indexOf('data: ') + 6)) as {
                type: string;
                payload: { incidentId: number; kind: string };
              },
          )
          .filter((m) => m.type === 'incident.updated' && m.payload.incidentId === id);
      await c.dost.request('POST', `/api/v1/incidents/${id}/timeline`, {
        kind: 'log',
        text: 'Trước khi giao việc',
      });
      expect(updates(responderFrames)).toEqual([]);
      await c.dost.request('POST', `/api/v1/incidents/${id}/tasks`, {
        title: 'Chữa cháy',
        assigneeOrganisationId: await orgId(c.app, 'UPSC'),
      });
      await c.dost.request('POST', `/api/v1/incidents/${id}/timeline`, {
        kind: 'log',
        text: 'Sau khi giao việc',
      });
      expect(updates(responderFrames).map((m) => m.payload.kind)).toEqual(['task', 'timeline']);
      expect(updates(facilityFrames)).toEqual([]);
      // The responder's own notification arrives on the same stream.
      expect(responderFrames.some((f) => f.includes('incident.task_assigned'))).toBe(true);
    } finally {
      responder.remove();
      facility.remove();
    }
  });
});

describeEachDatabase('incident clocks', (dialect) => {
  let c: Ctx;
  beforeAll(async () => {
    const app = await createTestApp(dialect);
    // Wednesday 29 April 2026, 10:00 in Vietnam: 30/4 and 1/5 are public holidays, 2–3/5 a weekend.
    app.clock.set('2026-04-29T03:00:00.000Z');
    c = await context(app);
  });
  afterAll(async () => c.app.close());

  const notices = async (kind: string, incidentId: number) =>
    (
      await c.app.database.db
        .selectFrom('notifications')
        .select(['title_vi', 'data'])
        .where('kind', '=', kind)
        .orderBy('id')
        .execute()
    ).filter((n) => (JSON.parse(n.data ?? '{}') as { incidentId?: number }).incidentId === incidentId);

  it('gives a security event 8 hours and 5 working days (TT 01/2019/TT-BKHCN)', async () => {
    const incident = await created(c.dost, report(c.otherCommune));
    const byCode = Object.fromEntries(incident.clocks.map((k) => [k.code, k]));
    expect(byCode['security.notify']).toMatchObject({
      dueAt: '2026-04-29T11:00:00.000Z',
      state: 'running',
      remainingS: 8 * 3600,
      addressees: ['varans', 'dost', 'police'],
      status: 'verified',
    });
    expect(byCode['security.notify']!.source).toContain('01/2019/TT-BKHCN');
    // Working days 4, 5, 6, 7, 8 May: due at the end of Friday 8 May, Vietnam time.
    expect(byCode['security.written_report']!.dueAt).toBe('2026-05-08T16:59:59.999Z');
    expect((await c.dost.request('GET', '/api/v1/incidents')).json().items[0]).toMatchObject({
      id: incident.id,
      nextClockDueAt: '2026-04-29T11:00:00.000Z',
      overdueClocks: 0,
    });
  });

  it('reminds before a deadline and escalates after it, each once, and stops once met', async () => {
    const incident = await created(
      c.dost,
      report(c.otherCommune, { discoveredAt: '2026-04-29T03:00:00.000Z' }),
    );
    const run = () => c.app.services.incidents.runClocks();
    await run();
    expect(await notices('incident.clock_due', incident.id)).toHaveLength(0);

    // Two hours before the 8-hour deadline: the first reminder, once.
    c.app.clock.set('2026-04-29T09:00:00.000Z');
    expect(await c.app.jobs.runOnce(CLOCK_JOB)).toBe(true);
    await run();
    expect(await notices('incident.clock_due', incident.id)).toHaveLength(1);
    // One hour before: the second.
    c.app.clock.set('2026-04-29T10:00:00.000Z');
    await run();
    await run();
    expect(await notices('incident.clock_due', incident.id)).toHaveLength(2);
    expect(await notices('incident.clock_overdue', incident.id)).toHaveLength(0);

    // Past the deadline: one escalation, to the leaders.
    c.app.clock.set('2026-04-29T11:00:01.000Z');
    await run();
    await run();
    const overdue = await notices('incident.clock_overdue', incident.id);
    expect(overdue).toHaveLength(1);
    // Sessions end after a while idle: sign in again at the new time.
    const [leader, dost] = [await c.app.login('demo.leader'), await c.app.login('demo.dost')];
    const leaderInbox = await inbox(leader);
    expect(
      leaderInbox.some((n) => n.kind === 'incident.clock_overdue' && n.data.incidentId === incident.id),
    ).toBe(true);
    const board = (await dost.request('GET', `/api/v1/incidents/${incident.id}`)).json();
    expect(board.overdueClocks).toBe(1);
    expect(board.clocks.find((k: { code: string }) => k.code === 'security.notify')).toMatchObject({
      state: 'overdue',
      escalatedAt: '2026-04-29T11:00:01.000Z',
    });

    // The written report: met before its reminder, so never reminded nor escalated.
    const met = await dost.request(
      'POST',
      `/api/v1/incidents/${incident.id}/clocks/security.written_report/met`,
    );
    expect(met.statusCode).toBe(200);
    expect(met.json()).toMatchObject({
      state: 'met',
      metBy: 'Trần Thị Hà (chuyên viên Sở KH&CN)',
      remainingS: null,
    });
    c.app.clock.set('2026-05-09T00:00:00.000Z');
    await run();
    expect((await notices('incident.clock_overdue', incident.id)).length).toBe(1);
    const [later, facility] = [await c.app.login('demo.dost'), await c.app.login('demo.facility')];
    const notify = `/api/v1/incidents/${incident.id}/clocks/security.notify/met`;
    expect((await facility.request('POST', notify)).statusCode).toBe(404);
    expect((await later.request('POST', `/api/v1/incidents/${incident.id}/clocks/nope/met`)).statusCode).toBe(
      404,
    );
    const clockEntries = (await later.request('GET', `/api/v1/incidents/${incident.id}/timeline`))
      .json()
      .filter((e: { kind: string }) => e.kind === 'clock')
      .map((e: { data: { event: string } }) => e.data.event);
    expect(clockEntries).toEqual(['clock_reminder', 'clock_reminder', 'clock_escalation', 'clock_met']);
    const reminder = (await later.request('GET', `/api/v1/incidents/${incident.id}/timeline`))
      .json<TimelineEntry[]>()
      .find((e) => e.data?.event === 'clock_reminder');
    // The deadline in the province's time, as a reader says it (`15:00 ngày 28/11/2026 (GMT+7)`).
    expect(reminder!.text).toMatch(/\(hạn \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4} \(GMT[+-]\d+\)\)$/);
  });

  it('moves the clocks when the kind changes', async () => {
    const dost = await c.app.login('demo.dost');
    const incident = await created(dost, report(c.otherCommune, { kind: 'abnormal_reading' }));
    expect(incident.clocks).toEqual([]);
    const changed = await patch(dost, incident.id, { kind: 'fire' });
    expect(changed.json().clocks.map((k: { code: string }) => k.code)).toEqual(['safety.notify']);
    expect(changed.json().clocks[0].status).toBe('to_verify');
    const edited = (await dost.request('GET', `/api/v1/incidents/${incident.id}/timeline`))
      .json<TimelineEntry[]>()
      .find((e) => e.data?.event === 'edited');
    expect(edited).toMatchObject({ text: 'Cập nhật thông tin: loại sự cố', data: { fields: ['kind'] } });
  });
});

describe('incident demo roles', () => {
  it('gives every role the incident permissions the contract names', () => {
    expect(permissionsOf(['facility_operator'])).toEqual(
      expect.arrayContaining(['incident.report', 'incident.read', 'incident.task_respond']),
    );
    expect(permissionsOf(['facility_operator'])).not.toContain('incident.manage');
    expect(permissionsOf(['responder'])).toContain('incident.task_respond');
    expect(permissionsOf(['dost_officer'])).toContain('incident.manage');
    expect(permissionsOf(['dost_officer'])).not.toContain('incident.notice_approve');
    expect(permissionsOf(['dost_leader'])).toEqual(
      expect.arrayContaining(['incident.manage', 'incident.notice_approve']),
    );
  });
});
