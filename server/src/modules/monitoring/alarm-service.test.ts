/**
 * Alarms through the real store and API: values go in by the ingest path, the clock moves in 10-minute steps as
 * stations report, and the alarm service runs as it does in production (after each batch and every minute).
 * Backgrounds of 60–120 nSv/h and the rain washout up to about 2× are those of shared/reference/monitoring.md
 * §5.1 and §4.1/§5.4; the washout shape (Pb-214 and Bi-214, T½ 27 and 20 min) is the one the rules expect.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type Session, type TestApp } from '../../test/harness.js';
import { readMail, startSmtpSink, type SmtpSink } from '../../test/sinks.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const STEP = 10 * MIN;
/** The test app's clock starts at 2026-11-28T08:00Z; the scenarios run from there. */
const START = Date.parse('2026-11-28T08:00:00Z');

function noise(seed: number) {
  let a = seed >>> 0;
  const uni = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uni())) * Math.cos(2 * Math.PI * uni());
}

/** Background with a small daily cycle and ~4 % noise, plus `extra(t)`. */
function doseAt(level: number, seed: number, extra: (t: number) => number = () => 0) {
  const g = noise(seed);
  const memo = new Map<number, number>();
  return (t: number) => {
    let v = memo.get(t);
    if (v === undefined) {
      const cycle = 3 * Math.sin((2 * Math.PI * (t / HOUR - 9)) / 24);
      v = Math.round((level + cycle + 0.04 * level * g() + extra(t)) * 10) / 10;
      memo.set(t, v);
    }
    return v;
  };
}

/** Radon-progeny washout: deposition ∝ √(rain rate) while it rains, then Pb-214/Bi-214 decay; max = peak. */
function washout(rainStart: number, rainEnd: number, peak: number, mmPerHour: number) {
  const lp = Math.LN2 / 27;
  const lb = Math.LN2 / 20;
  const minutes = Math.ceil((rainEnd - rainStart) / MIN) + 8 * 60;
  const curve = new Float64Array(minutes + 1);
  let np = 0;
  let nbi = 0;
  let max = 0;
  const dt = 0.1;
  for (let k = 0; k <= minutes / dt; k++) {
    const tm = k * dt;
    const dep = tm * MIN < rainEnd - rainStart ? Math.sqrt(mmPerHour) : 0;
    np += (dep / lp - lp * np) * dt;
    nbi += (dep / lb + lp * np - lb * nbi) * dt;
    const dose = 0.15 * lp * np + 0.85 * lb * nbi;
    if (Math.abs(tm - Math.round(tm)) < dt / 2) curve[Math.round(tm)] = dose;
    max = Math.max(max, dose);
  }
  return (t: number) => {
    const m = Math.round((t - rainStart) / MIN);
    return m < 0 || m > minutes ? 0 : (curve[m]! / max) * peak;
  };
}

const iso = (t: number) => new Date(t).toISOString();

describeEachDatabase('monitoring alarms', (dialect) => {
  let app: TestApp;
  let dost: Session;
  let smtp: SmtpSink;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    app = await createTestApp(dialect, { SIEVERT_SMTP_URL: smtp.url });
    await app.database.db
      .updateTable('users')
      .set({ email: 'ha.tran@sievert.example.gov.vn' })
      .where('username', '=', 'demo.dost')
      .execute();
    dost = await app.login('demo.dost');
    for (const [code, lat, lon] of [
      ['VN33401', 20.45, 106.35], // rain scenario, Thái Bình
      ['VN33411', 20.95, 105.95], // three neighbours near Phố Nối, ~3–6 km apart
      ['VN33412', 20.97, 105.98],
      ['VN33413', 20.93, 105.99],
      ['VN33421', 20.3, 106.55], // offline scenario, near the coast
    ] as const) {
      const res = await dost.request('POST', '/api/v1/stations', {
        code,
        name: `Trạm ${code}`,
        kind: 'gamma_dose_rate',
        lat,
        lon,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  /** The session ends after 12 h of test clock: sign in again when it has (signing in is slow on purpose). */
  const call = async (method: string, url: string, body?: unknown) => {
    let res = await dost.request(method, url, body);
    if (res.statusCode === 401) {
      dost = await app.login('demo.dost');
      res = await dost.request(method, url, body);
    }
    return res;
  };
  const send = async (items: Array<Record<string, unknown>>) => {
    const res = await call('POST', '/api/v1/ingest/measurements', { measurements: items });
    expect(res.json().rejected, res.body).toEqual([]);
  };
  const dose = (station: string, t: number, v: number) => ({
    station,
    quantity: 'ambient_dose_rate',
    value: v,
    unit: 'nSv/h',
    begin: iso(t - STEP),
    end: iso(t),
  });
  const rain = (station: string, t: number, mm: number) => ({
    station,
    quantity: 'precipitation',
    value: mm,
    unit: 'mm',
    begin: iso(t - STEP),
    end: iso(t),
  });
  /** Eight days of background up to `until`, in one batch per station. */
  const history = async (stations: Array<[string, (t: number) => number]>, until: number) => {
    for (const [code, f] of stations) {
      const items = [];
      for (let t = until - 8 * 24 * HOUR + STEP; t <= until; t += STEP) items.push(dose(code, t, f(t)));
      await send(items);
    }
  };
  /** Moves the clock to `t` and runs the alarm evaluation as the periodic job does. */
  const tick = async (t: number) => {
    app.clock.set(new Date(t));
    await app.services.alarms.idle();
    await app.services.alarms.schedule('all', 0);
  };
  const alarmsOf = async (station: string) =>
    (
      (await call('GET', `/api/v1/alarms?station=${station}&limit=100`)).json().items as Array<{
        id: number;
        rule: string;
        severity: string;
        cause: string;
        state: string;
        stations: string[];
        reasons: Array<{ code: string }>;
        startedAt: string;
      }>
    ).filter((a) => a.stations.includes(station));

  it('labels a rain-washout peak likely natural and raises no release alarm', async () => {
    const t0 = START;
    const rainStart = t0 + HOUR;
    const rainEnd = rainStart + 2 * HOUR;
    const f = doseAt(80, 11, washout(rainStart, rainEnd, 0.95 * 80, 5));
    await history([['VN33401', f]], t0);
    for (let t = t0 + STEP; t <= t0 + 7 * HOUR; t += STEP) {
      const items = [dose('VN33401', t, f(t))];
      if (t > rainStart && t <= rainEnd) items.push(rain('VN33401', t, 5 / 6));
      else items.push(rain('VN33401', t, 0));
      app.clock.set(new Date(t));
      await send(items);
      await tick(t);
    }
    const alarms = await alarmsOf('VN33401');
    expect(alarms.filter((a) => a.cause === 'unexplained')).toEqual([]);
    expect(alarms.filter((a) => a.severity === 'alert' || a.severity === 'emergency')).toEqual([]);
    // If the washout is reported at all, it is one informational alarm labelled as rain.
    expect(alarms.length).toBeLessThanOrEqual(1);
    for (const a of alarms) expect(a).toMatchObject({ cause: 'likely_natural_rain', severity: 'info' });
  });

  it('raises one network alarm when neighbouring stations step up together', async () => {
    const t0 = app.clock.now().getTime();
    const step = t0 + HOUR;
    const codes = ['VN33411', 'VN33412', 'VN33413'];
    const fs = codes.map((_, i) => doseAt(80 + 5 * i, 21 + i, (t) => (t > step ? 150 : 0)));
    await history(
      codes.map((c, i) => [c, fs[i]!] as [string, (t: number) => number]),
      t0,
    );
    for (let t = t0 + STEP; t <= step + 2 * HOUR; t += STEP) {
      app.clock.set(new Date(t));
      for (const [i, c] of codes.entries()) await send([dose(c, t, fs[i]!(t))]);
      await tick(t);
    }
    const network = (await alarmsOf('VN33411')).filter((a) => a.rule === 'neighbours');
    expect(network).toHaveLength(1);
    expect(network[0]!.stations).toEqual(codes);
    expect(network[0]!.cause).toBe('unexplained');
    for (const c of codes) {
      const own = (await alarmsOf(c)).filter((a) => a.rule !== 'neighbours' && a.rule !== 'offline');
      expect(own, c).toEqual([]);
    }
  });

  it('e-mails the alert to the officials through SMTP (a real local SMTP server)', async () => {
    await app.jobs.runOnce('notifications.deliver');
    const mails = await smtp.waitFor(1, 10_000);
    const alarmMail = mails
      .map((m) => ({ to: m.to, ...readMail(m.raw) }))
      .find((m) => m.subject.includes('VN33411'));
    expect(alarmMail).toBeDefined();
    expect(alarmMail!.to).toEqual(['ha.tran@sievert.example.gov.vn']);
    expect(alarmMail!.subject).toContain('Cảnh báo mới');
    expect(alarmMail!.text).toContain('nhiều trạm lân cận cùng tăng');
    expect(alarmMail!.text).toContain('several neighbouring stations rising together');
  });

  it('raises one offline alarm for a silent station and resolves it when values return', async () => {
    const t0 = app.clock.now().getTime();
    const f = doseAt(70, 31);
    await history([['VN33421', f]], t0);
    for (let t = t0 + STEP; t <= t0 + 4 * HOUR; t += STEP) await tick(t); // four silent hours
    // (Before its history arrived the station had never reported: that earlier episode is not this one.)
    const ofThisEpisode = async () =>
      (await alarmsOf('VN33421')).filter((a) => a.rule === 'offline' && a.startedAt >= iso(t0));
    let offline = await ofThisEpisode();
    expect(offline).toHaveLength(1);
    expect(offline[0]!.state).toBe('raised');
    const back = t0 + 4 * HOUR;
    for (let t = back + STEP; t <= back + 2 * HOUR; t += STEP) {
      app.clock.set(new Date(t));
      await send([dose('VN33421', t, f(t))]);
      await tick(t);
    }
    offline = await ofThisEpisode();
    expect(offline).toHaveLength(1);
    expect(offline[0]!.state).toBe('resolved');
  });

  it('lets officials set the rules, for the network or one station, checked field by field and audited', async () => {
    const current = (await call('GET', '/api/v1/alarm-rules')).json();
    expect(current.isDefault).toBe(true);
    expect(current.network.level.rungs[0]).toMatchObject({ severity: 'warning', threshold: 300 });
    // Every default number says where it comes from.
    expect(current.references.length).toBeGreaterThan(20);
    expect(current.references[0]).toMatchObject({ source: expect.any(String), status: expect.any(String) });

    const broken = structuredClone(current.network);
    broken.level.rungs[1].threshold = 10; // below the rung before it
    const refused = await call('PUT', '/api/v1/alarm-rules', broken);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.issues[0].field).toBe('/level/rungs/1/threshold');
    const commune = await app.login('demo.commune');
    expect((await commune.request('PUT', '/api/v1/alarm-rules', current.network)).statusCode).toBe(403);

    // A station of its own: a lower first rung, which its values then cross.
    const own = structuredClone(current.network);
    own.level.rungs[0].threshold = 100;
    expect((await call('PUT', '/api/v1/stations/VN33421/alarm-rules', own)).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/stations/VN33421/alarm-rules')).json()).toMatchObject({ own: true });
    expect((await call('GET', '/api/v1/stations/VN33411/alarm-rules')).json()).toMatchObject({ own: false });
    const t0 = app.clock.now().getTime();
    for (let t = t0 + STEP; t <= t0 + 5 * STEP; t += STEP) {
      app.clock.set(new Date(t));
      await send([dose('VN33421', t, 130)]);
      await tick(t);
    }
    const level = (await alarmsOf('VN33421')).filter((a) => a.rule === 'level');
    expect(level).toHaveLength(1);
    expect(level[0]!.severity).toBe('warning');
    const audit = await (
      await app.login('demo.admin')
    ).request('GET', '/api/v1/audit?action=alarm_rule.update');
    expect(audit.json().items.length).toBeGreaterThan(0);
    expect((await call('DELETE', '/api/v1/stations/VN33421/alarm-rules')).statusCode).toBe(204);
    expect((await call('GET', '/api/v1/stations/VN33421/alarm-rules')).json()).toMatchObject({ own: false });
  });

  it('follows the lifecycle with who and when; refuses what the lifecycle does not allow', async () => {
    dost = await app.login('demo.dost');
    const open = await dost.request('GET', '/api/v1/alarms?state=open');
    expect(open.statusCode).toBe(200);
    const alarm = (open.json().items as Array<{ id: number; rule: string }>).find(
      (a) => a.rule === 'neighbours',
    )!;
    expect(alarm).toBeDefined();
    const commune = await app.login('demo.commune');
    expect((await commune.request('GET', `/api/v1/alarms/${alarm.id}`)).statusCode).toBe(200);
    expect((await commune.request('POST', `/api/v1/alarms/${alarm.id}/acknowledge`, {})).statusCode).toBe(
      403,
    );

    const ack = await dost.request('POST', `/api/v1/alarms/${alarm.id}/acknowledge`, {
      note: 'Đã liên hệ trạm',
    });
    expect(ack.json()).toMatchObject({ state: 'acknowledged', acknowledgedBy: expect.any(String) });
    const again = await dost.request('POST', `/api/v1/alarms/${alarm.id}/acknowledge`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'alarm.action_not_allowed',
      details: { state: 'acknowledged' },
    });
    const acknowledged = await dost.request('GET', '/api/v1/alarms?state=acknowledged');
    expect(acknowledged.json().items.map((a: { id: number }) => a.id)).toContain(alarm.id);

    const closed = await dost.request('POST', `/api/v1/alarms/${alarm.id}/close`, {
      outcome: 'false_alarm',
      note: 'Kiểm tra thiết bị: hiệu chuẩn sai',
    });
    expect(closed.json()).toMatchObject({ state: 'false_alarm', closedAt: expect.any(String) });
    const closedList = await dost.request('GET', '/api/v1/alarms?state=closed');
    expect(closedList.json().items.map((a: { id: number }) => a.id)).toContain(alarm.id);
    const history = (await dost.request('GET', `/api/v1/alarms/${alarm.id}/history`)).json();
    expect(history.map((h: { action: string }) => h.action)).toEqual([
      'raised',
      'acknowledged',
      'false_alarm',
    ]);
    expect(history[1].by).toBeTruthy();
    const bad = await dost.request('GET', '/api/v1/alarms?state=sideways');
    expect(bad.statusCode).toBe(400);
  });

  it('shows open alarms on the network map', async () => {
    const network = (await dost.request('GET', '/api/v1/monitoring/network')).json();
    const silent = network.stations.find((s: { code: string }) => s.code === 'VN33001');
    // A demo station that never reported is offline, with its offline alarm.
    expect(silent).toMatchObject({ offline: true, alarm: { rule: 'offline' } });
    expect(network.openAlarms).toBeGreaterThan(0);
  });
});
