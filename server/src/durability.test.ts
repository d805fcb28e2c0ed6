/**
 * Durability (issue 4): `kill -9` the real server while stations send over HTTP and MQTT; after each restart every
 * measurement the server acknowledged is stored, exactly once, with the value sent.
 *
 * The server runs as a child process (`node --import tsx --conditions=source server/src/main.ts start`) on a fresh
 * SQLite file and, side by side, on a fresh PostgreSQL schema. Four stations send small batches with unique, increasing times:
 * two over HTTP (`POST /api/v1/ingest/measurements`, acknowledged by the 200 answer) and two over MQTT (QoS 1,
 * clean: false, fixed client id, acknowledged by the PUBACK). A station resends a batch until it is acknowledged,
 * as a real one does; the MQTT client keeps its unacknowledged messages and resends them when it reconnects. The
 * server is killed with SIGKILL in mid-stream several times and restarted on the same data and ports.
 *
 * Checked after each kill, before the restart (straight from the database): every item acknowledged so far is
 * stored with its value. Checked at the end: the stored rows of the four stations are exactly the items sent (all
 * acknowledged by then), each once, with the value sent, `rev` 0, no revisions, and hourly/daily rollups and latest
 * values that count each value once.
 *
 * Run alone: `npx vitest run server/src/durability.test.ts`; SIEVERT_DURABILITY_KILLS=10 kills more often and
 * SIEVERT_DURABILITY_REPORT=1 prints what happened (see docs/monitoring.md, Durability).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import mqtt, { type MqttClient } from 'mqtt';
import pg from 'pg';
import { describe, expect, inject, it, type TestContext } from 'vitest';
import { QUANTITY_CODES, SOURCE_CODES } from '@sievert/core';
import type { Dialect } from './db/database.js';
import { DEMO_PASSWORD } from './demo/seed.js';
import { DIALECTS } from './test/harness.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
const KILLS = Math.max(1, Number(process.env.SIEVERT_DURABILITY_KILLS) || 2);
const REPORT = process.env.SIEVERT_DURABILITY_REPORT === '1';
/** Acknowledged batches (all stations) between a (re)start and the next kill. */
const BATCHES_PER_ROUND = 200;
const ITEMS_PER_BATCH = 5;
/** Batches a station keeps in flight at once. */
const WINDOW = { http: 2, mqtt: 4 } as const;
/** The stations' default reporting interval: one value per interval keeps the quality checks' context small. */
const STEP_S = 600;
const HOUR_S = 3600;
const DAY_S = 86_400;
/** Hưng Yên is UTC+7 without daylight saving time; daily rollups follow local days. */
const DAY_OFFSET_S = 7 * HOUR_S;
const Q = QUANTITY_CODES.ambient_dose_rate;

interface StoredRow {
  code: string;
  t: number;
  value: number;
  rev: number;
  src: number;
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

const chosenPorts = new Set<number>();
/**
 * A free port below the kernel's ephemeral range: the server gets the same ports back after each kill, so no
 * outgoing connection (which takes its local port from that range) or `listen(0)` elsewhere may take them meanwhile.
 */
async function freePort(): Promise<number> {
  let low = 32_768;
  try {
    low =
      Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || low;
  } catch {
    // not Linux: keep the usual default
  }
  const from = Math.min(20_000, low - 2000);
  for (let i = 0; i < 200; i++) {
    const port = from + Math.floor(Math.random() * (low - from));
    if (chosenPorts.has(port) || !(await canListen(port))) continue;
    chosenPorts.add(port);
    return port;
  }
  throw new Error('no free port found');
}

/** The real server as a child process; `kill()` is `kill -9`. */
class ServerProcess {
  private child: ChildProcess | null = null;
  private output = '';
  private exited: Promise<void> = Promise.resolve();
  starts = 0;

  constructor(
    private readonly env: Record<string, string>,
    readonly httpPort: number,
    readonly mqttPort: number,
  ) {}

  get base(): string {
    return `http://127.0.0.1:${this.httpPort}`;
  }

  get log(): string {
    return this.output.slice(-4000);
  }

  async start(): Promise<number> {
    const began = Date.now();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=source', 'server/src/main.ts', 'start'],
      {
        cwd: REPO_ROOT,
        // A clean environment: nothing of the test runner's (NODE_OPTIONS, loaders) reaches the server.
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? tmpdir(), ...this.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    this.starts++;
    const keep = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let gone = false;
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        gone = true;
        resolve();
      }),
    );
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (gone) throw new Error(`the server exited while starting:\n${this.log}`);
      try {
        const res = await fetch(`${this.base}/api/v1/meta`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) {
          const meta = (await res.json()) as { mqtt: { url: string | null } };
          // The stations' MQTT clients reconnect to the same address: the broker must not have moved.
          if (meta.mqtt.url !== `mqtt://127.0.0.1:${this.mqttPort}`)
            throw new Error(`the MQTT broker is at ${meta.mqtt.url}, not on port ${this.mqttPort}`);
          if (gone) throw new Error(`the server exited while starting:\n${this.log}`);
          return Date.now() - began;
        }
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('the MQTT broker')) throw error;
      }
      await sleep(50);
    }
    throw new Error(`the server did not answer within 60 s:\n${this.log}`);
  }

  /** SIGKILL, then waits until the process is gone (its ports are free again). */
  async kill(): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    process.kill(this.child.pid!, 'SIGKILL');
    await this.exited;
  }

  /** SIGTERM (graceful), SIGKILL after 15 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
  }
}

async function officialCall(base: string) {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'demo.dost', password: DEMO_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  return async (method: string, url: string, body?: unknown) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
}

/** What one station sent and what the server acknowledged, by end time (epoch s). */
class Station {
  readonly sent = new Map<number, number>();
  readonly acked = new Map<number, number>();
  ackedBatches = 0;
  /** Failed attempts (refused, reset, timed out, or an MQTT error callback), each followed by a resend. */
  failures = 0;
  /** Items the server reported as duplicates: stored before, acknowledged only now. */
  duplicates = 0;
  private next = 0;

  constructor(
    readonly code: string,
    readonly channel: 'http' | 'mqtt',
    readonly token: string,
    private readonly t0: number,
    private readonly salt: number,
  ) {}

  /** The next batch: unique increasing times, a value that depends on the station and the time. */
  nextBatch(): { t: number; value: number }[] {
    const batch = [];
    for (let i = 0; i < ITEMS_PER_BATCH; i++) {
      const n = this.next++;
      const t = this.t0 + n * STEP_S;
      const value = 60 + ((n * 7919 + this.salt * 104_729) % 900) / 10; // 60.0 … 149.9 nSv/h
      this.sent.set(t, value);
      batch.push({ t, value });
    }
    return batch;
  }

  ack(batch: { t: number; value: number }[]): void {
    for (const { t, value } of batch) this.acked.set(t, value);
    this.ackedBatches++;
  }
}

const body = (batch: { t: number; value: number }[]) =>
  JSON.stringify({
    measurements: batch.map(({ t, value }) => ({
      quantity: 'ambient_dose_rate',
      value,
      unit: 'nSv/h',
      time: new Date(t * 1000).toISOString().replace('.000Z', 'Z'),
    })),
  });

/** `sending`: start new batches; `aborted`: the test is over (failed), stop resending too. */
interface Traffic {
  sending: boolean;
  aborted: boolean;
}

/** Sends until told to stop; each batch is resent until the server acknowledges it. */
async function httpSender(station: Station, base: string, traffic: Traffic): Promise<void> {
  const worker = async () => {
    while (traffic.sending) {
      const batch = station.nextBatch();
      while (!traffic.aborted) {
        try {
          const res = await fetch(`${base}/api/v1/ingest/measurements`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${station.token}` },
            body: body(batch),
            signal: AbortSignal.timeout(10_000),
          });
          if (res.status === 200) {
            const result = (await res.json()) as {
              accepted: number;
              duplicates: number;
              rejected: unknown[];
            };
            // Anything else would be a test fault, not a durability finding: stop with the answer.
            if (result.rejected.length > 0 || result.accepted + result.duplicates !== batch.length)
              throw new Error(`unexpected ingest answer for ${station.code}: ${JSON.stringify(result)}`);
            station.duplicates += result.duplicates;
            station.ack(batch);
            break;
          }
          await res.body?.cancel();
          station.failures++;
        } catch (error) {
          if (error instanceof Error && error.message.startsWith('unexpected ingest answer')) throw error;
          station.failures++;
        }
        await sleep(50);
      }
    }
  };
  await Promise.all(Array.from({ length: WINDOW.http }, worker));
}

function publish(client: MqttClient, topic: string, payload: string): Promise<Error | null> {
  return new Promise((resolve) =>
    client.publish(topic, payload, { qos: 1 }, (error) => resolve(error ?? null)),
  );
}

async function mqttSender(station: Station, client: MqttClient, traffic: Traffic): Promise<void> {
  const topic = `sievert/${station.code}/measurements`;
  const worker = async () => {
    while (traffic.sending) {
      const batch = station.nextBatch();
      const payload = body(batch);
      // The client resends unacknowledged messages itself after a reconnect; an error callback (e.g. the
      // connection closed while the message waited in the client's queue) means publishing it again.
      for (;;) {
        if (traffic.aborted) return;
        if (!(await publish(client, topic, payload))) break;
        station.failures++;
        await sleep(50);
      }
      station.ack(batch);
    }
  };
  await Promise.all(Array.from({ length: WINDOW.mqtt }, worker));
}

function connectStation(url: string, station: Station): MqttClient {
  const client = mqtt.connect(url, {
    clientId: `durability-${station.code}`,
    username: station.code,
    password: station.token,
    clean: false,
    protocolVersion: 4,
    reconnectPeriod: 100,
    connectTimeout: 5000,
    keepalive: 30,
  });
  client.on('error', () => {
    // refused while the server is down: the client keeps reconnecting
  });
  return client;
}

/** The stored rows and derived tables of the test's stations, read straight from the database. */
interface Snapshot {
  rows: StoredRow[];
  revisions: number;
  hour: { code: string; t: number; n: number; sum: number; min: number; max: number }[];
  day: { code: string; t: number; n: number; sum: number; min: number; max: number }[];
  latest: { code: string; t: number; value: number }[];
}

const SNAPSHOT_SQL = {
  rows: `select s.code, m.t, m.value, m.rev, m.src from measurements m join stations s on s.id = m.station_id
         where s.code in (CODES) and m.quantity = ${Q} order by s.code, m.t`,
  revisions: `select count(*) as n from measurement_revisions r join stations s on s.id = r.station_id
              where s.code in (CODES)`,
  hour: `select s.code, r.t, r.n, r.sum, r.min, r.max from rollups_hour r join stations s on s.id = r.station_id
         where s.code in (CODES) and r.quantity = ${Q}`,
  day: `select s.code, r.t, r.n, r.sum, r.min, r.max from rollups_day r join stations s on s.id = r.station_id
        where s.code in (CODES) and r.quantity = ${Q}`,
  latest: `select s.code, l.t, l.value from measurement_latest l join stations s on s.id = l.station_id
           where s.code in (CODES) and l.quantity = ${Q}`,
};

function sqlFor(query: string, codes: string[]): string {
  return query.replace('CODES', codes.map((c) => `'${c}'`).join(', '));
}

function readSqlite(file: string, codes: string[]): Snapshot {
  // Read-only: what a restarted server would find, without changing the files it will open.
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const all = <T>(q: string) => db.prepare(sqlFor(q, codes)).all() as T[];
    return {
      rows: all<StoredRow>(SNAPSHOT_SQL.rows),
      revisions: Number(all<{ n: number }>(SNAPSHOT_SQL.revisions)[0]!.n),
      hour: all(SNAPSHOT_SQL.hour),
      day: all(SNAPSHOT_SQL.day),
      latest: all(SNAPSHOT_SQL.latest),
    };
  } finally {
    db.close();
  }
}

async function readPostgres(url: string, schema: string, codes: string[]): Promise<Snapshot> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    const all = async <T>(q: string) => (await client.query(sqlFor(q, codes))).rows as T[];
    const num = <T extends Record<string, unknown>>(rows: T[]) =>
      rows.map((r) =>
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === 'code' ? v : Number(v)])),
      ) as T[];
    return {
      rows: num(await all<StoredRow & Record<string, unknown>>(SNAPSHOT_SQL.rows)),
      revisions: Number((await all<{ n: string }>(SNAPSHOT_SQL.revisions))[0]!.n),
      hour: num(await all(SNAPSHOT_SQL.hour)),
      day: num(await all(SNAPSHOT_SQL.day)),
      latest: num(await all(SNAPSHOT_SQL.latest)),
    };
  } finally {
    await client.end();
  }
}

/**
 * Every acknowledged item is stored once with its value. Returns, per station, how many stored items were not (yet)
 * acknowledged: committed when the server died before answering.
 */
function expectAcknowledgedStored(
  snapshot: Snapshot,
  acked: Map<string, Map<number, number>>,
): Map<string, number> {
  const stored = new Map<string, number>();
  for (const r of snapshot.rows) {
    const key = `${r.code}@${r.t}`;
    expect(stored.has(key), `${key} stored twice`).toBe(false);
    stored.set(key, r.value);
  }
  const lost: string[] = [];
  const changed: string[] = [];
  for (const [code, items] of acked)
    for (const [t, value] of items) {
      const key = `${code}@${t}`;
      if (!stored.has(key)) lost.push(key);
      else if (stored.get(key) !== value) changed.push(`${key}: sent ${value}, stored ${stored.get(key)}`);
    }
  expect(lost, 'acknowledged but not stored').toEqual([]);
  expect(changed, 'stored with another value').toEqual([]);
  const unacked = new Map<string, number>();
  for (const r of snapshot.rows)
    if (!acked.get(r.code)?.has(r.t)) unacked.set(r.code, (unacked.get(r.code) ?? 0) + 1);
  return unacked;
}

/** The end state: the rows are exactly the items sent, once each, and the derived tables count each once. */
function expectExactlyOnce(snapshot: Snapshot, stations: Station[]): void {
  const byCode = new Map(stations.map((s) => [s.code, s]));
  for (const s of stations)
    expect(s.acked.size, `${s.code}: everything sent is acknowledged`).toBe(s.sent.size);
  expectAcknowledgedStored(snapshot, new Map(stations.map((s) => [s.code, s.acked])));
  const unexpected = snapshot.rows.filter((r) => byCode.get(r.code)!.sent.get(r.t) !== r.value);
  expect(unexpected, 'stored but never sent').toEqual([]);
  expect(snapshot.rows.length).toBe(stations.reduce((n, s) => n + s.sent.size, 0));
  expect(
    snapshot.rows.filter((r) => r.rev !== 0),
    'revised although resent unchanged',
  ).toEqual([]);
  expect(snapshot.revisions).toBe(0);
  for (const r of snapshot.rows) expect(r.src).toBe(SOURCE_CODES[byCode.get(r.code)!.channel]);

  // Rollups: each value counted once (a replayed batch must not add to them again).
  const expectRollups = (actual: Snapshot['hour'], bucket: (t: number) => number, what: string) => {
    const want = new Map<string, { n: number; sum: number; min: number; max: number }>();
    for (const r of snapshot.rows) {
      const key = `${r.code}@${bucket(r.t)}`;
      const agg = want.get(key);
      if (!agg) want.set(key, { n: 1, sum: r.value, min: r.value, max: r.value });
      else {
        agg.n++;
        agg.sum += r.value;
        agg.min = Math.min(agg.min, r.value);
        agg.max = Math.max(agg.max, r.value);
      }
    }
    const wrong: string[] = [];
    for (const a of actual) {
      const key = `${a.code}@${a.t}`;
      const w = want.get(key);
      if (!w || w.n !== a.n || Math.abs(w.sum - a.sum) > 1e-6 * w.sum || w.min !== a.min || w.max !== a.max)
        wrong.push(`${what} ${key}: stored ${JSON.stringify(a)}, values give ${JSON.stringify(w)}`);
      want.delete(key);
    }
    for (const key of want.keys()) wrong.push(`${what} ${key}: missing`);
    expect(wrong).toEqual([]);
  };
  expectRollups(snapshot.hour, (t) => Math.floor((t - 1) / HOUR_S) * HOUR_S, 'hour');
  expectRollups(
    snapshot.day,
    (t) => Math.floor((t - 1 + DAY_OFFSET_S) / DAY_S) * DAY_S - DAY_OFFSET_S,
    'day',
  );

  // The latest value of each station is its last item.
  for (const s of stations) {
    const last = Math.max(...s.sent.keys());
    expect(snapshot.latest.filter((l) => l.code === s.code)).toEqual([
      { code: s.code, t: last, value: s.sent.get(last) },
    ]);
  }
}

// SQLite and PostgreSQL side by side: most of the time goes into (re)starting the server.
describe.concurrent('durability: kill -9 while stations send over HTTP and MQTT', () => {
  for (const dialect of DIALECTS)
    it(
      `[${dialect}] stores every acknowledged measurement exactly once across ${KILLS} kills`,
      { timeout: 180_000 },
      (context) => run(dialect, context),
    );
});

async function run(dialect: Dialect, { onTestFinished }: TestContext): Promise<void> {
  const began = Date.now();
  const cleanups: Array<() => Promise<void> | void> = [];
  onTestFinished(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'sievert-durability-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const env: Record<string, string> = {
    SIEVERT_DATA_DIR: dir,
    HOST: '127.0.0.1',
    SIEVERT_MQTT_HOST: '127.0.0.1',
    SIEVERT_LOG_LEVEL: 'warn',
    SIEVERT_WEB_DIR: path.join(dir, 'no-web'),
    SIEVERT_SIMULATOR: '0',
    SIEVERT_ADMIN_PASSWORD: 'Bền-Vững-Thử-2026!',
    SIEVERT_PORT_FALLBACK: '0',
  };
  let read: (codes: string[]) => Promise<Snapshot>;
  if (dialect === 'postgres') {
    const url = inject('pgUrl');
    const schema = `durability_${randomBytes(5).toString('hex')}`;
    env.DATABASE_URL = url;
    env.SIEVERT_DB_SCHEMA = schema;
    read = (codes) => readPostgres(url, schema, codes);
    cleanups.push(async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    });
  } else {
    read = async (codes) => readSqlite(path.join(dir, 'sievert.db'), codes);
  }
  const httpPort = await freePort();
  const mqttPort = await freePort();
  const server = new ServerProcess(
    { ...env, PORT: String(httpPort), SIEVERT_MQTT_PORT: String(mqttPort) },
    httpPort,
    mqttPort,
  );
  cleanups.push(() => server.kill());
  const startTimes = [await server.start()];

  const call = await officialCall(server.base);
  const t0 = Math.floor(Date.now() / 1000 / DAY_S) * DAY_S - 60 * DAY_S;
  const plan = [
    ['VN33501', 'http'],
    ['VN33502', 'http'],
    ['VN33503', 'mqtt'],
    ['VN33504', 'mqtt'],
  ] as const;
  const stations: Station[] = [];
  for (const [i, [code, channel]] of plan.entries()) {
    await call('POST', '/api/v1/stations', {
      code,
      name: `Trạm thử độ bền ${i + 1}`,
      kind: 'gamma_dose_rate',
      lat: 20.6 + i / 100,
      lon: 106.05,
    });
    const { token } = (await call('POST', `/api/v1/stations/${code}/tokens`, { name: channel })) as {
      token: string;
    };
    stations.push(new Station(code, channel, token, t0, i + 1));
  }
  const codes = stations.map((s) => s.code);

  const traffic: Traffic = { sending: true, aborted: false };
  const clients: MqttClient[] = [];
  cleanups.push(() => {
    traffic.sending = false;
    traffic.aborted = true;
    for (const c of clients) c.end(true);
  });
  const senders = stations.map((s) => {
    if (s.channel === 'http') return httpSender(s, server.base, traffic);
    const client = connectStation(`mqtt://127.0.0.1:${mqttPort}`, s);
    clients.push(client);
    return mqttSender(s, client, traffic);
  });
  let senderError: Error | null = null;
  const sendersDone = Promise.all(senders).catch((error: unknown) => {
    senderError = error instanceof Error ? error : new Error(String(error));
  });
  const ackedBatches = () => stations.reduce((n, s) => n + s.ackedBatches, 0);
  const untilAcked = async (target: number) => {
    const deadline = Date.now() + 60_000;
    while (ackedBatches() < target) {
      if (senderError) throw new Error('a station failed', { cause: senderError });
      if (Date.now() > deadline)
        throw new Error(`only ${ackedBatches()} of ${target} batches acknowledged:\n${server.log}`);
      await sleep(10);
    }
  };

  // Per kill and channel: items in flight when the server died, and how many of them it had stored already.
  type Round = Record<'http' | 'mqtt', { inFlight: number; storedUnacked: number }> & { restartMs: number };
  const rounds: Round[] = [];
  for (let kill = 0; kill < KILLS; kill++) {
    // Kill at a point that differs from round to round, with batches in flight on every station.
    await untilAcked(ackedBatches() + BATCHES_PER_ROUND + Math.floor(Math.random() * 50));
    await server.kill();
    // What the server acknowledged before it died must be on disk, whatever the stations do next.
    const acked = new Map(stations.map((s) => [s.code, new Map(s.acked)]));
    const inFlight = new Map(stations.map((s) => [s.code, s.sent.size - s.acked.size]));
    const storedUnacked = expectAcknowledgedStored(await read(codes), acked);
    const restartMs = await server.start();
    startTimes.push(restartMs);
    const round: Round = {
      http: { inFlight: 0, storedUnacked: 0 },
      mqtt: { inFlight: 0, storedUnacked: 0 },
      restartMs,
    };
    for (const s of stations) {
      round[s.channel].inFlight += inFlight.get(s.code)!;
      round[s.channel].storedUnacked += storedUnacked.get(s.code) ?? 0;
    }
    rounds.push(round);
  }

  // After the last restart: some more traffic, then every station stops and waits for its last acknowledgement.
  await untilAcked(ackedBatches() + BATCHES_PER_ROUND / 2);
  traffic.sending = false;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    sendersDone,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the senders did not finish:\n${server.log}`)), 60_000);
    }),
  ]).finally(() => clearTimeout(timer));
  if (senderError) throw new Error('a station failed', { cause: senderError });
  await server.stop();
  const end = await read(codes);
  expectExactlyOnce(end, stations);

  if (REPORT)
    console.info(
      `[durability ${dialect}] ${KILLS} kills, ${end.rows.length} items stored exactly once in ${ackedBatches()} ` +
        `batches; first start ${startTimes[0]} ms; per kill ${JSON.stringify(rounds)}; ` +
        `failed attempts (resent) ${JSON.stringify(Object.fromEntries(stations.map((s) => [s.code, s.failures])))}; ` +
        `duplicates reported over HTTP ${stations.reduce((n, s) => n + s.duplicates, 0)}; ` +
        `total ${Date.now() - began} ms`,
    );
}
