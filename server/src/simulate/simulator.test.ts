import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMqttBroker, type MqttBroker } from '../adapters/mqtt-broker.js';
import { loadConfig } from '../config.js';
import { createTestApp, describeEachDatabase, type TestApp } from '../test/harness.js';
import { parseSimulateArgs, prepareSimulatorStations, SIMULATOR_TOKEN_NAME } from './command.js';
import { startSimulator, type SimulatorLog } from './simulator.js';

const HOUR = 3_600_000;

function capture(): SimulatorLog & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m) => lines.push(`error ${m}`),
  };
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms)),
  ]);
}

const STATIONS = [
  { code: 'VN39901', name: 'Trạm mô phỏng Phố Hiến', lat: 20.65, lon: 106.05 },
  { code: 'VN39902', name: 'Trạm mô phỏng Văn Giang', lat: 20.93, lon: 105.93 },
  {
    code: 'VN39903',
    name: 'Trạm mô phỏng Thái Bình',
    lat: 20.45,
    lon: 106.34,
    conversionFactors: [{ sensor: 'GM-1', nSvPerHourPerCps: 8.5, backgroundCps: 0.2 }],
  },
];

describeEachDatabase('station simulator through the real ingest paths', (dialect) => {
  let app: TestApp;
  let base: string;
  let broker: MqttBroker;
  let dost: Awaited<ReturnType<TestApp['login']>>;

  beforeAll(async () => {
    app = await createTestApp(dialect);
    await app.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.app.server.address() as AddressInfo).port}`;
    broker = await startMqttBroker(
      { mode: 'embedded', port: 0, host: '127.0.0.1', topicPrefix: 'sievert' },
      app.services.ingest.mqttHandler(),
      app.app.log,
    );
    dost = await app.login('demo.dost');
    for (const s of STATIONS) {
      const res = await dost.request('POST', '/api/v1/stations', { kind: 'gamma_dose_rate', ...s });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterAll(async () => {
    await broker.close();
    await app.close();
  });

  const series = async (code: string, quantity: string, fromMs: number, toMs: number) => {
    const q = new URLSearchParams({
      quantity,
      from: new Date(fromMs).toISOString(),
      to: new Date(toMs).toISOString(),
      resolution: 'raw',
      maxPoints: '5000',
    });
    const res = await dost.request('GET', `/api/v1/stations/${code}/series?${q.toString()}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ points: { time: string; value: number }[] }>();
  };

  it('backfills over HTTP, then sends live values over HTTP and MQTT', async () => {
    const codes = STATIONS.map((s) => s.code);
    await prepareSimulatorStations(app.services.stations, { codes });
    const stations = await prepareSimulatorStations(app.services.stations, { codes });
    // Each run revokes the previous "simulator" token: one is active per station.
    const tokens = (await dost.request('GET', '/api/v1/stations/VN39901/tokens')).json<
      { name: string; revokedAt: string | null }[]
    >();
    expect(tokens.filter((t) => t.name === SIMULATOR_TOKEN_NAME && !t.revokedAt)).toHaveLength(1);
    expect(tokens.filter((t) => t.name === SIMULATOR_TOKEN_NAME)).toHaveLength(2);
    expect(stations.map((s) => s.transport)).toEqual(['http', 'mqtt', 'http']);
    expect(stations[2]!.counter).toMatchObject({ sensor: 'GM-1', nSvPerHourPerCps: 8.5 });

    const log = capture();
    const start = app.clock.now().getTime();
    const sim = startSimulator({
      baseUrl: base,
      mqttUrl: broker.status().url,
      stations,
      backfillHours: 6,
      seed: 'test',
      log,
      clock: app.clock,
      sendDelayMs: 0,
      pollMs: 50,
    });
    try {
      await within(sim.idle(), 20_000, 'backfill');
      for (const s of sim.stats()) expect(s).toMatchObject({ pending: 0, rejected: 0, revised: 0 });

      // 6 h of 10-min values (a simulated silence may take a few).
      const dose = await series('VN39901', 'ambient_dose_rate', start - 6 * HOUR, start);
      expect(dose.points.length).toBeGreaterThan(25);
      expect(dose.points.length).toBeLessThanOrEqual(36);
      for (const p of dose.points.filter((x) => x.value < 1000)) {
        expect(p.value).toBeGreaterThan(40);
        expect(p.value).toBeLessThan(300);
      }
      expect(
        (await series('VN39901', 'precipitation', start - 6 * HOUR, start)).points.length,
      ).toBeGreaterThan(25);
      expect((await series('VN39901', 'temperature', start - 6 * HOUR, start)).points.length).toBeGreaterThan(
        25,
      );
      // The counter sends counts; the server derives its dose rate with the station's conversion factor.
      expect((await series('VN39903', 'count_rate', start - 6 * HOUR, start)).points.length).toBeGreaterThan(
        25,
      );
      const derived = await series('VN39903', 'ambient_dose_rate', start - 6 * HOUR, start);
      expect(derived.points.length).toBeGreaterThan(25);

      // Live: 20 minutes later two new periods, VN39902's over MQTT.
      app.clock.advance(20 * 60);
      await expect
        .poll(
          () => sim.stats().every((s) => s.generatedUntil === new Date(start + 20 * 60_000).toISOString()),
          {
            timeout: 5000,
          },
        )
        .toBe(true);
      await within(sim.idle(), 20_000, 'live');
      const latest = (await dost.request('GET', '/api/v1/stations/VN39902/measurements?limit=20')).json<{
        items: { source: string; end: string }[];
      }>();
      const live = latest.items.filter((m) => Date.parse(m.end) > start);
      expect(live.length).toBeGreaterThan(0);
      expect(new Set(live.map((m) => m.source))).toEqual(new Set(['mqtt']));
      const earlier = latest.items.filter((m) => Date.parse(m.end) <= start);
      expect(new Set(earlier.map((m) => m.source))).toEqual(new Set(['http']));
    } finally {
      await sim.stop();
    }
    expect(log.lines.filter((l) => !l.startsWith('info'))).toEqual([]);
    expect(log.lines.join('\n')).not.toMatch(/svs_/);
  });

  it('keeps values while the server fails, sends them later, and a rerun only sends duplicates', async () => {
    const stations = await prepareSimulatorStations(app.services.stations, { codes: ['VN39901'] });
    let calls = 0;
    const flaky: typeof fetch = async (input, init) => {
      calls++;
      if (calls <= 3) throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
      if (calls <= 5) return new Response('{"error":{"code":"server.unavailable"}}', { status: 503 });
      return fetch(input, init);
    };
    const log = capture();
    const sim = startSimulator({
      baseUrl: base,
      mqttUrl: null,
      stations,
      backfillHours: 6,
      seed: 'test',
      log,
      clock: app.clock,
      sendDelayMs: 0,
      retry: { initialMs: 5, maxMs: 20 },
      fetch: flaky,
    });
    try {
      await within(sim.idle(), 20_000, 'after the outage');
      const [stats] = sim.stats();
      expect(stats!.pending).toBe(0);
      expect(stats!.delivered).toBeGreaterThan(100);
      // The same seed, station and periods as the first test: the server already has every value.
      expect(stats!.duplicates).toBe(stats!.delivered);
      expect(stats!.revised).toBe(0);
    } finally {
      await sim.stop();
    }
    // One line per problem and one when it clears; never a token.
    const problems = log.lines.filter((l) => l.startsWith('warn'));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/VN39901: cannot reach .*ECONNREFUSED/);
    expect(problems[1]).toMatch(/VN39901: the server answered server\.unavailable/);
    expect(log.lines.some((l) => /VN39901: HTTP delivery works again/.test(l))).toBe(true);
    expect(log.lines.join('\n')).not.toMatch(/svs_/);
  });

  it('reports a revoked token once and what was not delivered at stop', async () => {
    const [station] = await prepareSimulatorStations(app.services.stations, { codes: ['VN39901'] });
    await prepareSimulatorStations(app.services.stations, { codes: ['VN39901'] }); // revokes station's token
    const log = capture();
    const sim = startSimulator({
      baseUrl: base,
      mqttUrl: null,
      stations: [station!],
      backfillHours: 1,
      log,
      clock: app.clock,
      retry: { initialMs: 5, maxMs: 20 },
    });
    await expect.poll(() => log.lines.filter((l) => l.startsWith('warn')).length, { timeout: 5000 }).toBe(1);
    await new Promise((r) => setTimeout(r, 200)); // several more refused retries
    await sim.stop();
    const warnings = log.lines.filter((l) => l.startsWith('warn'));
    expect(warnings[0]).toMatch(/refuses the station token/);
    expect(warnings[1]).toMatch(/stopped with \d+ values not delivered \(VN39901: \d+\)/);
    expect(warnings).toHaveLength(2);
    expect(log.lines.join('\n')).not.toMatch(/svs_/);
  });
});

describe('sievert simulate options', () => {
  it('runs with the demo unless SIEVERT_SIMULATOR says otherwise', () => {
    expect(loadConfig({}).simulator).toBe(true);
    expect(loadConfig({ SIEVERT_DEMO: '0' }).simulator).toBe(false);
    expect(loadConfig({ SIEVERT_SIMULATOR: '0' }).simulator).toBe(false);
    expect(loadConfig({ SIEVERT_DEMO: '0', SIEVERT_SIMULATOR: '1' }).simulator).toBe(true);
    expect(() => loadConfig({ SIEVERT_SIMULATOR: 'maybe' })).toThrow(/SIEVERT_SIMULATOR/);
  });

  it('reads flags and refuses bad ones', () => {
    expect(parseSimulateArgs([])).toMatchObject({ url: null, stations: null, backfillHours: 72, speed: 1 });
    expect(
      parseSimulateArgs([
        '--url',
        'http://localhost:9090',
        '--stations=VN33001,VN33002,VN33001',
        '--backfill-hours',
        '0',
        '--interval',
        '60',
        '--speed=120',
        '--mqtt',
        'off',
      ]),
    ).toMatchObject({
      url: 'http://localhost:9090',
      stations: ['VN33001', 'VN33002'],
      backfillHours: 0,
      intervalS: 60,
      speed: 120,
      mqtt: 'off',
    });
    for (const bad of [
      ['--url', 'ftp://x'],
      ['--url'],
      ['--stations', 'vn-1'],
      ['--stations', ','],
      ['--backfill-hours', '-1'],
      ['--backfill-hours', 'abc'],
      ['--interval', '5'],
      ['--interval', '60.5'],
      ['--speed', '0.5'],
      ['--mqtt', 'http://x'],
      ['--frobnicate'],
    ])
      expect(() => parseSimulateArgs(bad), bad.join(' ')).toThrow();
  });
});
