/**
 * Exercises and the response's timings through the API: scenarios checked with the physics, the cordon as a
 * decision, the exercise report, dispersion runs on the incident's timeline, the refused lifecycle move naming
 * the current state — and the demo simulator adding an exercise's release to the stations downwind, through the
 * real ingest path, while the exercise is open.
 */
import { exerciseExtraDose, type Incident, type TimelineEntry } from '@sievert/core';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSimulator } from '../../simulate/command.js';
import type { SimulatorLog } from '../../simulate/simulator.js';
import {
  createTestApp,
  describeEachDatabase,
  orgId,
  type Session,
  type TestApp,
} from '../../test/harness.js';
import { exerciseTimings } from './exercise.service.js';

const COMMUNE = '11977';

/** Cs-137 released over an hour from 10 m, a 3 m/s wind (a few µSv/h at 1.5 km downwind). */
function scenario(
  at: Date,
  over: { lat?: number; lon?: number; windFromDeg?: number; nuclide?: string } = {},
) {
  return {
    release: {
      lat: over.lat ?? 20.65,
      lon: over.lon ?? 106.05,
      heightM: 10,
      startAt: at.toISOString(),
      durationS: 3600,
      nuclides: [{ nuclide: over.nuclide ?? 'Cs-137', activityBq: 1e13 }],
    },
    weather: { windSpeedMS: 3, windFromDeg: over.windFromDeg ?? 0, stability: 'D' },
  };
}

function report(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'fire',
    title: 'Diễn tập cháy kho nguồn',
    description: 'Cháy kho chứa nguồn Cs-137.',
    lat: 20.65,
    lon: 106.05,
    communeCode: COMMUNE,
    exercise: true,
    ...overrides,
  };
}

async function created(session: Session, body: unknown): Promise<Incident> {
  const res = await session.request('POST', '/api/v1/incidents', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Incident>();
}

/** The first field a 400 names. */
const issue = (res: { json: () => unknown }): { field: string; reason: string } =>
  (res.json() as { error: { details: { issues: Array<{ field: string; reason: string }> } } }).error.details
    .issues[0]!;

describeEachDatabase('exercises, cordon and timings', (dialect) => {
  let app: TestApp;
  let dost: Session;
  let leader: Session;
  let responder: Session;
  let fire: Session;
  beforeAll(async () => {
    app = await createTestApp(dialect);
    dost = await app.login('demo.dost');
    leader = await app.login('demo.leader');
    responder = await app.login('demo.responder');
    fire = await app.login('demo.fire');
  });
  afterAll(async () => app.close());

  it('keeps an exercise’s scenario once the physics accepts it, and refuses one on a real incident', async () => {
    const now = app.clock.now();
    const ok = await created(dost, report({ scenario: scenario(now) }));
    expect(ok.scenario).toMatchObject({ release: { nuclides: [{ nuclide: 'Cs-137' }] } });

    const refuse = async (body: unknown, field: string, reason: string) => {
      const res = await dost.request('POST', '/api/v1/incidents', body);
      expect(res.statusCode, res.body).toBe(400);
      expect(issue(res)).toMatchObject({ field, reason });
    };
    // Not an exercise: a real incident never drives the simulator.
    await refuse(report({ exercise: false, scenario: scenario(now) }), '/scenario', 'invalid');
    await refuse(
      report({ scenario: scenario(now, { nuclide: 'Xx-999' }) }),
      '/scenario/release/nuclides/0/nuclide',
      'unknown_nuclide',
    );
    const windless = scenario(now);
    (windless.weather as Record<string, unknown>).windSpeedMS = 0.1;
    await refuse(report({ scenario: windless }), '/scenario/weather/windSpeedMS', 'too_small');
    await refuse(report({ scenario: { ...scenario(now), extra: 1 } }), '/scenario/extra', 'unknown_field');

    const real = await created(dost, report({ exercise: false }));
    const patched = await dost.request('PATCH', `/api/v1/incidents/${real.id}`, { scenario: scenario(now) });
    expect(patched.statusCode).toBe(400);
    expect(issue(patched).field).toBe('/scenario');
    const bad = await dost.request('PATCH', `/api/v1/incidents/${ok.id}`, {
      scenario: scenario(now, { nuclide: 'Xx-999' }),
    });
    expect(issue(bad)).toMatchObject({
      field: '/scenario/release/nuclides/0/nuclide',
      reason: 'unknown_nuclide',
    });
    const cleared = await dost.request('PATCH', `/api/v1/incidents/${ok.id}`, { scenario: null });
    expect(cleared.json().scenario).toBeNull();
  });

  it('sets the cordon as a decision on the timeline, pushed live, and lifts it', async () => {
    const incident = await created(dost, report({ exercise: false, kind: 'lost_source' }));
    const live: Array<{ type: string; payload: unknown }> = [];
    const listener = (m: { type: string; payload: unknown }) => live.push(m);
    app.services.live.on('message', listener);
    try {
      const set = await dost.request('PATCH', `/api/v1/incidents/${incident.id}`, { cordonRadiusM: 250 });
      expect(set.statusCode, set.body).toBe(200);
      expect(set.json().cordon).toEqual({
        radiusM: 250,
        lat: 20.65,
        lon: 106.05,
        setAt: app.clock.now().toISOString(),
        setBy: expect.stringContaining('Trần Thị Hà'),
      });
      expect(live).toContainEqual({
        type: 'incident.updated',
        payload: { incidentId: incident.id, kind: 'details' },
      });
    } finally {
      app.services.live.off('message', listener);
    }
    const moved = await dost.request('PATCH', `/api/v1/incidents/${incident.id}`, {
      cordonRadiusM: 100,
      cordonLat: 20.651,
      cordonLon: 106.052,
    });
    expect(moved.json().cordon).toMatchObject({ radiusM: 100, lat: 20.651, lon: 106.052 });
    const timeline = (await dost.request('GET', `/api/v1/incidents/${incident.id}/timeline`)).json<
      TimelineEntry[]
    >();
    const cordons = timeline.filter((e) => e.data?.event === 'cordon_set');
    expect(cordons.map((e) => e.kind)).toEqual(['decision', 'decision']);
    expect(cordons.map((e) => e.data)).toEqual([
      { event: 'cordon_set', radiusM: 250, lat: 20.65, lon: 106.05 },
      { event: 'cordon_set', radiusM: 100, lat: 20.651, lon: 106.052 },
    ]);
    // The same cordon again changes nothing and writes nothing.
    const again = await dost.request('PATCH', `/api/v1/incidents/${incident.id}`, {
      cordonRadiusM: 100,
      cordonLat: 20.651,
      cordonLon: 106.052,
    });
    expect(again.json().version).toBe(moved.json().version);
    const audit = await app.database.db
      .selectFrom('audit_log')
      .select(['action', 'after_json'])
      .where('entity_type', '=', 'incident')
      .where('entity_id', '=', String(incident.id))
      .where('action', '=', 'incident.update')
      .execute();
    expect(audit.some((a) => String(a.after_json).includes('"cordonRadiusM":250'))).toBe(true);

    for (const [body, field, reason] of [
      [{ cordonRadiusM: 0 }, '/cordonRadiusM', 'too_small'],
      [{ cordonRadiusM: 100_001 }, '/cordonRadiusM', 'too_large'],
      [{ cordonLat: 20.6, cordonLon: 106 }, '/cordonRadiusM', 'required'],
      [{ cordonRadiusM: 50, cordonLat: 20.6 }, '/cordonLon', 'required'],
      [{ cordonRadiusM: 50, cordonLat: 91, cordonLon: 106 }, '/cordonLat', 'too_large'],
    ] as const) {
      const res = await dost.request('PATCH', `/api/v1/incidents/${incident.id}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(issue(res), JSON.stringify(body)).toMatchObject({ field, reason });
    }
    // Only the command sets a cordon.
    const tasked = await dost.request('POST', `/api/v1/incidents/${incident.id}/tasks`, {
      title: 'Tìm nguồn',
      assigneeOrganisationId: await orgId(app, 'UPSC'),
    });
    expect(tasked.statusCode).toBe(201);
    const forbidden = await responder.request('PATCH', `/api/v1/incidents/${incident.id}`, {
      cordonRadiusM: 10,
    });
    expect(forbidden.statusCode).toBe(403);

    const lifted = await dost.request('PATCH', `/api/v1/incidents/${incident.id}`, { cordonRadiusM: null });
    expect(lifted.json().cordon).toBeNull();
    const last = (await dost.request('GET', `/api/v1/incidents/${incident.id}/timeline`)).json<
      TimelineEntry[]
    >();
    expect(last.at(-1)).toMatchObject({ kind: 'decision', data: { event: 'cordon_lifted' } });
  });

  it('times an exercise: to acknowledge, to first decision, to cordon, to public notice', async () => {
    const ex = await created(dost, report({ title: 'Diễn tập đo suất liều' }));
    const url = `/api/v1/incidents/${ex.id}/exercise-report`;
    const empty = await dost.request('GET', url);
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json()).toEqual({
      incidentId: ex.id,
      exercise: true,
      startedAt: ex.createdAt,
      toAcknowledgeS: null,
      toFirstDecisionS: null,
      toCordonS: null,
      toPublicNoticeS: null,
      details: [],
    });

    const task = (
      await dost.request('POST', `/api/v1/incidents/${ex.id}/tasks`, {
        title: 'Chữa cháy',
        agencyKind: 'fire_rescue',
        assigneeOrganisationId: await orgId(app, 'PCCC'),
      })
    ).json<{ id: number }>();
    app.clock.advance(90);
    expect(
      (await fire.request('PATCH', `/api/v1/incidents/${ex.id}/tasks/${task.id}`, { status: 'acknowledged' }))
        .statusCode,
    ).toBe(200);
    app.clock.advance(150); // 240 s
    await dost.request('PATCH', `/api/v1/incidents/${ex.id}`, { cordonRadiusM: 300 });
    app.clock.advance(60); // 300 s
    await dost.request('POST', `/api/v1/incidents/${ex.id}/timeline`, {
      kind: 'decision',
      text: 'Sơ tán khu B',
    });
    const notice = (
      await dost.request('POST', `/api/v1/incidents/${ex.id}/notices`, {
        title: 'Cảnh báo',
        body: 'Tránh xa.',
      })
    ).json<{ id: number }>();
    app.clock.advance(600); // 900 s
    await leader.request('POST', `/api/v1/incidents/${ex.id}/notices/${notice.id}/approve`);

    const timings = (await dost.request('GET', url)).json();
    expect(timings).toMatchObject({
      toAcknowledgeS: 90,
      // The cordon is the first decision.
      toFirstDecisionS: 240,
      toCordonS: 240,
      toPublicNoticeS: 900,
    });
    expect(timings.details.map((d: { event: string; afterS: number }) => [d.event, d.afterS])).toEqual([
      ['task_acknowledged', 90],
      ['cordon_set', 240],
      ['decision', 300],
      ['notice_approved', 900],
    ]);
    expect(timings.details[1].text).toBe(
      'Thiết lập vành đai cách ly bán kính 300 m, tâm 20,65° B, 106,05° Đ',
    );

    // Within reach only: the fire brigade is tasked here, the police are not.
    expect((await fire.request('GET', url)).statusCode).toBe(200);
    const police = await app.login('demo.police');
    expect((await police.request('GET', url)).statusCode).toBe(404);
    expect((await dost.request('GET', '/api/v1/incidents/999999/exercise-report')).statusCode).toBe(404);
  });

  it('puts a dispersion run for the incident on its timeline; refuses an incident one may not read', async () => {
    const incident = await created(dost, report({ exercise: false }));
    const run = (incidentId: number, session = dost) =>
      session.request('POST', '/api/v1/emergency/runs', {
        title: 'Phát tán từ kho',
        incidentId,
        release: {
          lat: 20.65,
          lon: 106.05,
          heightM: 10,
          durationS: 3600,
          nuclides: [{ nuclide: 'Cs-137', activityBq: 1e12 }],
        },
        weather: { windSpeedMS: 3, windFromDeg: 0, stability: 'D' },
      });
    const res = await run(incident.id);
    expect(res.statusCode, res.body).toBe(201);
    const runId = res.json<{ id: number }>().id;
    const entry = (await dost.request('GET', `/api/v1/incidents/${incident.id}/timeline`))
      .json<TimelineEntry[]>()
      .find((e) => e.kind === 'run');
    expect(entry).toMatchObject({
      kind: 'run',
      data: { event: 'run', runId, title: 'Phát tán từ kho' },
      userId: dost.userId,
    });
    expect((await dost.request('GET', `/api/v1/incidents/${incident.id}`)).json().links.runs).toBe(1);

    for (const [id, session] of [
      [999_999, dost],
      // The responder is not tasked on this incident: it does not exist for them.
      [incident.id, responder],
    ] as const) {
      const refused = await run(id, session);
      expect(refused.statusCode, refused.body).toBe(400);
      expect(issue(refused).field).toBe('/incidentId');
    }
    expect((await dost.request('GET', `/api/v1/incidents/${incident.id}`)).json().links.runs).toBe(1);
  });

  it('refuses a lifecycle move naming the state the incident is in', async () => {
    const incident = await created(dost, report({ exercise: false }));
    await dost.request('PATCH', `/api/v1/incidents/${incident.id}`, { state: 'closed', reason: 'Trùng lặp' });
    const res = await dost.request(
      'PATCH',
      `/api/v1/incidents/${incident.id}`,
      { state: 'assessed', severity: 'low' },
      { 'accept-language': 'en' },
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toEqual({
      code: 'incident.transition_not_allowed',
      message: "Cannot move from 'closed' to 'assessed' (the incident is 'closed' now).",
      details: { from: 'closed', to: 'assessed', current: 'closed' },
    });
    const vi = await dost.request('PATCH', `/api/v1/incidents/${incident.id}`, { state: 'recovery' });
    expect(vi.json().error.message).toBe(
      "Không thể chuyển sự cố từ trạng thái 'Đã kết thúc' sang 'Khắc phục hậu quả' (sự cố hiện ở trạng thái 'Đã kết thúc').",
    );
  });
});

describe('exercise timings', () => {
  it('take the first step of each kind, whatever order they come in', () => {
    const report = exerciseTimings(1, true, '2026-11-28T08:00:00.000Z', [
      { event: 'decision', at: '2026-11-28T08:10:00.000Z', text: 'b', refId: 2 },
      { event: 'task_acknowledged', at: '2026-11-28T08:03:00.000Z', text: 'a', refId: 1 },
      { event: 'decision', at: '2026-11-28T08:05:00.000Z', text: 'c', refId: 3 },
    ]);
    expect(report).toMatchObject({
      toAcknowledgeS: 180,
      toFirstDecisionS: 300,
      toCordonS: null,
      toPublicNoticeS: null,
    });
    expect(report.details.map((d) => d.refId)).toEqual([1, 3, 2]);
  });
});

// ── the demo simulator ───────────────────────────────────────────────────────────────────────────────────

const M_PER_DEG = 111_320;

/** Bearing (degrees from north) and distance (m) from a to b, on a local flat map. */
function bearing(a: { lat: number; lon: number }, b: { lat: number; lon: number }) {
  const north = (b.lat - a.lat) * M_PER_DEG;
  const east = (b.lon - a.lon) * M_PER_DEG * Math.cos((a.lat * Math.PI) / 180);
  return { deg: ((Math.atan2(east, north) * 180) / Math.PI + 360) % 360, m: Math.hypot(north, east) };
}

function capture(): SimulatorLog & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m) => lines.push(`error ${m}`),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describeEachDatabase('an exercise drives the demo simulator', (dialect) => {
  let app: TestApp;
  let base: string;
  beforeAll(async () => {
    // The fake clock runs 90 minutes ahead during the test: sessions must outlive that.
    app = await createTestApp(dialect, { SIEVERT_SESSION_IDLE_MINUTES: '600' });
    await app.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => app.close());

  it('raises the readings downwind of the release while the exercise is open, not upwind', async () => {
    const dost = await app.login('demo.dost');
    const stations = await app.database.db
      .selectFrom('stations')
      .select(['code', 'lat', 'lon', 'commune_code'])
      .where('kind', '=', 'gamma_dose_rate')
      .orderBy('code')
      .execute();
    expect(stations.length).toBeGreaterThan(2);
    // Downwind: the first station; upwind: the nearest other one more than 3 km away. The release is 1.5 km from
    // the downwind station towards the upwind one, and the wind blows from the upwind one: upwind, release,
    // downwind on a line.
    const down = stations[0]!;
    const up = stations
      .slice(1)
      .map((s) => ({ s, ...bearing(down, s) }))
      .filter((x) => x.m > 3000)
      .sort((a, b) => a.m - b.m)[0]!;
    const towards = (up.deg * Math.PI) / 180;
    const release = {
      lat: down.lat + (1500 * Math.cos(towards)) / M_PER_DEG,
      lon: down.lon + (1500 * Math.sin(towards)) / (M_PER_DEG * Math.cos((down.lat * Math.PI) / 180)),
    };
    const start = app.clock.now();
    const body = scenario(start, { ...release, windFromDeg: up.deg });
    // What the physics gives, for the expectations: µSv/h downwind, nothing upwind.
    const expected = exerciseExtraDose(body as Parameters<typeof exerciseExtraDose>[0], [down, up.s]);
    const mid = start.getTime() + 35 * 60_000;
    expect(expected(down.code, mid)).toBeGreaterThan(2000);
    expect(expected(up.s.code, mid)).toBe(0);

    const log = capture();
    const sim = await startDemoSimulator(app, {
      baseUrl: base,
      mqttUrl: null,
      log,
      backfillHours: 0,
      clock: app.clock,
      timing: { pollMs: 50, sendDelayMs: 0 },
    });
    try {
      expect(log.lines).toContain(
        'info simulator: no exercise with a scenario is running; readings are the background only',
      );
      // Opening the exercise is heard on the live hub: the simulator reads the scenarios again at once.
      const ex = await created(
        dost,
        report({ lat: release.lat, lon: release.lon, communeCode: down.commune_code, scenario: body }),
      );
      await expect
        .poll(() => log.lines.some((l) => l.includes(`exercise release of incident(s) ${ex.id} added`)), {
          timeout: 5000,
        })
        .toBe(true);

      const series = async (code: string, fromMs: number, toMs: number) => {
        const q = new URLSearchParams({
          quantity: 'ambient_dose_rate',
          from: new Date(fromMs).toISOString(),
          to: new Date(toMs).toISOString(),
          resolution: 'raw',
        });
        const res = await dost.request('GET', `/api/v1/stations/${code}/series?${q.toString()}`);
        expect(res.statusCode, res.body).toBe(200);
        return res.json<{ points: Array<{ time: string; value: number }> }>().points.map((p) => p.value);
      };
      const runFor = async (minutes: number) => {
        const until = app.clock.now().getTime() + minutes * 60_000;
        app.clock.advance(minutes * 60);
        await expect
          .poll(() => sim.stats().every((s) => Date.parse(s.generatedUntil) + 600_000 > until), {
            timeout: 10_000,
          })
          .toBe(true);
        await sim.idle();
        for (const s of sim.stats()) expect(s).toMatchObject({ pending: 0, rejected: 0 });
      };

      await runFor(60);
      // The plume reaches the station 1.5 km away in about 8 minutes and stays while the release goes on.
      const plume = await series(down.code, start.getTime() + 20 * 60_000, start.getTime() + 60 * 60_000);
      expect(plume.length).toBeGreaterThan(1);
      expect(median(plume)).toBeGreaterThan(1500);
      const upwind = await series(up.s.code, start.getTime(), start.getTime() + 60 * 60_000);
      expect(upwind.length).toBeGreaterThan(1);
      expect(median(upwind)).toBeLessThan(400);

      // Closing the exercise ends it: the next readings are the background again.
      const closed = await dost.request('PATCH', `/api/v1/incidents/${ex.id}`, {
        state: 'closed',
        reason: 'Kết thúc diễn tập',
      });
      expect(closed.statusCode, closed.body).toBe(200);
      await expect
        .poll(() => log.lines.filter((l) => l.includes('no exercise with a scenario is running')).length, {
          timeout: 5000,
        })
        .toBe(2);
      const closedAt = app.clock.now().getTime();
      await runFor(30);
      const after = await series(down.code, closedAt + 10 * 60_000, closedAt + 30 * 60_000);
      expect(after.length).toBeGreaterThan(0);
      expect(median(after)).toBeLessThan(400);
    } finally {
      await sim.stop();
    }
    expect(log.lines.filter((l) => l.startsWith('error'))).toEqual([]);
  });
});
