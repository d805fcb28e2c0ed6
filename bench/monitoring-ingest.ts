/**
 * Monitoring ingest throughput, printed as ratios measured in one run (never asserted in tests): a real server
 * (HTTP on a free port, embedded MQTT broker on a free port) writes station data through its hot path — parse,
 * normalise, quality checks against the stored neighbours, one transaction with rollups and latest values — and
 * is compared with the best a hand-written loader could do on the same database: prepared statements in large
 * transactions straight into `measurements` (no checks, no rollups).
 *
 *  (a) raw bulk insert of R rows (a second connection to the same SQLite file, or the same PostgreSQL schema);
 *  (b) HTTP batch ingest of R fresh rows: 1,000 items per request, a few concurrent clients, one station token each;
 *  (c) MQTT ingest of fresh rows (R/4 by default): QoS 1, 100 items per message, every station publishing in
 *      parallel and waiting for each PUBACK (sent by the broker only after commit).
 * Each method writes its own window of time per station (raw, then HTTP, then MQTT, the last ending a day ago).
 * Aim (issue 4): HTTP ingest at 50 % or more of the raw insert rate.
 *
 * Run: npm run bench (SQLite). BENCH_PG=postgres://postgres@localhost:5432/test runs it on PostgreSQL too, in a
 * schema of its own that is dropped afterwards. BENCH_INGEST_ROWS (default 200000), BENCH_INGEST_STATIONS (default 8),
 * BENCH_MQTT_ROWS (default a quarter of BENCH_INGEST_ROWS), BENCH_HTTP_CLIENTS (default 4), BENCH_HTTP_BATCH
 * (default 1000), BENCH_MQTT_BATCH (default 100).
 *
 * The server is the real one, so each commit also schedules the alarm rules (merged while a pass runs); the time
 * those passes took is printed beside the rates, because they share the event loop and the database with ingest.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import SqliteDatabase from 'better-sqlite3';
import mqtt, { type MqttClient } from 'mqtt';
import pg from 'pg';
import { QUANTITY_CODES, SOURCE_CODES } from '@sievert/core';
import { loadConfig } from '../server/src/config.js';
import { SYSTEM_ACTOR } from '../server/src/modules/auth/actor.js';
import { startServer, type Running } from '../server/src/server.js';

const ROWS = Number(process.env.BENCH_INGEST_ROWS ?? 200_000);
/** MQTT is slower per row (small messages): fewer rows keep the default run short; rates are per second anyway. */
const MQTT_ROWS = Number(process.env.BENCH_MQTT_ROWS ?? Math.round(ROWS / 4));
const STATIONS = Number(process.env.BENCH_INGEST_STATIONS ?? 8);
const HTTP_CLIENTS = Number(process.env.BENCH_HTTP_CLIENTS ?? 4);
const HTTP_BATCH = Number(process.env.BENCH_HTTP_BATCH ?? 1000);
const MQTT_BATCH = Number(process.env.BENCH_MQTT_BATCH ?? 100);
/** Rows per transaction of the raw loader. */
const RAW_TX = 10_000;
const RAW_ROUNDS = 5;
const INTERVAL_S = 600;
const DOSE = QUANTITY_CODES.ambient_dose_rate;

interface Station {
  id: number;
  code: string;
  token: string;
}

interface Counts {
  accepted: number;
  duplicates: number;
  revised: number;
  flagged: number;
  rejected: number;
}

/** A small deterministic generator, so two runs send the same values. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A plausible 10-minute dose rate (nSv/h): the station's background, a daily wave and counting noise. */
function dose(rand: () => number, base: number, t: number): number {
  const daily = 3 * Math.sin((2 * Math.PI * (t % 86_400)) / 86_400);
  return Math.round((base + daily + (rand() - 0.5) * 6) * 10) / 10;
}

/**
 * The rows of one phase: each station gets `perStation` consecutive 10-minute values in a window of its own
 * starting after `firstS`, all in the past so that no value is flagged as coming from the future.
 */
function phaseRows(phase: number, stations: Station[], perStation: number, firstS: number) {
  const rows: Array<{ station: Station; t: number; value: number }> = [];
  for (const [i, station] of stations.entries()) {
    const rand = random(phase * 1000 + i + 1);
    const base = 80 + i * 3;
    const first = firstS;
    for (let k = 1; k <= perStation; k += 1) {
      const t = first + k * INTERVAL_S;
      rows.push({ station, t, value: dose(rand, base, t) });
    }
  }
  return rows;
}

const iso = (s: number) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');
const item = (t: number, value: number) => ({
  quantity: 'ambient_dose_rate',
  value,
  unit: 'nSv/h',
  begin: iso(t - INTERVAL_S),
  end: iso(t),
});

/** Batches of one station's rows, in time order, as the JSON a station would send. */
function batches(rows: ReturnType<typeof phaseRows>, size: number): Map<Station, string[]> {
  const byStation = new Map<Station, Array<{ t: number; value: number }>>();
  for (const r of rows) {
    let list = byStation.get(r.station);
    if (!list) byStation.set(r.station, (list = []));
    list.push(r);
  }
  const out = new Map<Station, string[]>();
  for (const [station, list] of byStation) {
    const bodies: string[] = [];
    for (let i = 0; i < list.length; i += size)
      bodies.push(JSON.stringify({ measurements: list.slice(i, i + size).map((r) => item(r.t, r.value)) }));
    out.set(station, bodies);
  }
  return out;
}

function add(
  into: Counts,
  r: { accepted: number; duplicates: number; revised: number; flagged: number; rejected: unknown[] },
) {
  into.accepted += r.accepted;
  into.duplicates += r.duplicates;
  into.revised += r.revised;
  into.flagged += r.flagged;
  into.rejected += r.rejected.length;
}

const zero = (): Counts => ({ accepted: 0, duplicates: 0, revised: 0, flagged: 0, rejected: 0 });

/** (b) A few clients, each sending its stations' batches one request at a time. */
async function httpIngest(base: string, work: Map<Station, string[]>, clients: number): Promise<Counts> {
  const counts = zero();
  const stations = [...work.keys()];
  const client = async (c: number) => {
    for (let s = c; s < stations.length; s += clients) {
      const station = stations[s]!;
      for (const body of work.get(station)!) {
        const res = await fetch(`${base}/api/v1/ingest/measurements`, {
          method: 'POST',
          headers: { authorization: `Bearer ${station.token}`, 'content-type': 'application/json' },
          body,
        });
        const text = await res.text();
        if (res.status !== 200) throw new Error(`HTTP ingest answered ${res.status}: ${text.slice(0, 300)}`);
        add(counts, JSON.parse(text) as Parameters<typeof add>[1]);
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
  return counts;
}

function connect(url: string, username: string, password: string): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(url, {
      username,
      password,
      reconnectPeriod: 0,
      connectTimeout: 10_000,
      protocolVersion: 4,
    });
    client.once('connect', () => resolve(client));
    client.once('error', (error) => {
      client.end(true);
      reject(error);
    });
  });
}

/** (c) Every station on its own connection, one message in flight each, the next after the PUBACK. */
async function mqttIngest(url: string, prefix: string, work: Map<Station, string[]>) {
  const clients = new Map<Station, MqttClient>();
  for (const station of work.keys()) clients.set(station, await connect(url, station.code, station.token));
  const t0 = performance.now();
  try {
    await Promise.all(
      [...work].map(async ([station, bodies]) => {
        const client = clients.get(station)!;
        for (const body of bodies)
          await new Promise<void>((resolve, reject) =>
            client.publish(`${prefix}/${station.code}/measurements`, body, { qos: 1 }, (error) =>
              error ? reject(error) : resolve(),
            ),
          );
      }),
    );
    return performance.now() - t0;
  } finally {
    await Promise.all([...clients.values()].map((c) => c.endAsync()));
  }
}

type RawLoader = {
  insert(rows: ReturnType<typeof phaseRows>): Promise<void>;
  count(): Promise<number>;
  rollupValues(): Promise<number>;
  close(): Promise<void>;
};

/** (a) SQLite: one prepared statement, run row by row inside transactions of RAW_TX rows. */
function sqliteLoader(file: string): RawLoader {
  const native = new SqliteDatabase(file);
  native.pragma('journal_mode = WAL');
  native.pragma('synchronous = NORMAL');
  native.pragma('busy_timeout = 5000');
  const stmt = native.prepare(
    'insert into measurements (station_id, quantity, t, dur, value, unc, flags, state, src, rev) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const src = SOURCE_CODES.http;
  const chunk = native.transaction((rows: ReturnType<typeof phaseRows>, from: number, to: number) => {
    for (let i = from; i < to; i += 1) {
      const r = rows[i]!;
      stmt.run(r.station.id, DOSE, r.t, INTERVAL_S, r.value, null, 0, 0, src, 0);
    }
  });
  return {
    insert: async (rows) => {
      for (let i = 0; i < rows.length; i += RAW_TX) chunk(rows, i, Math.min(rows.length, i + RAW_TX));
    },
    count: async () => (native.prepare('select count(*) as n from measurements').get() as { n: number }).n,
    rollupValues: async () =>
      (native.prepare('select coalesce(sum(n), 0) as n from rollups_hour').get() as { n: number }).n,
    close: async () => {
      native.close();
    },
  };
}

/** (a) PostgreSQL: one named prepared statement inserting RAW_TX rows from arrays (unnest), one transaction each. */
async function postgresLoader(url: string, schema: string): Promise<RawLoader> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  const text =
    'insert into measurements (station_id, quantity, t, dur, value, unc, flags, state, src, rev) ' +
    'select * from unnest($1::int[], $2::int[], $3::int8[], $4::int[], $5::float8[], $6::float8[], $7::int[], $8::int[], $9::int[], $10::int[])';
  const src = SOURCE_CODES.http;
  return {
    insert: async (rows) => {
      for (let i = 0; i < rows.length; i += RAW_TX) {
        const part = rows.slice(i, i + RAW_TX);
        const n = part.length;
        const fill = (v: number | null) => Array.from({ length: n }, () => v);
        await client.query('begin');
        await client.query({
          name: 'bench-raw-insert',
          text,
          values: [
            part.map((r) => r.station.id),
            fill(DOSE),
            part.map((r) => r.t),
            fill(INTERVAL_S),
            part.map((r) => r.value),
            fill(null),
            fill(0),
            fill(0),
            fill(src),
            fill(0),
          ],
        });
        await client.query('commit');
      }
    },
    count: async () => Number((await client.query('select count(*) as n from measurements')).rows[0].n),
    rollupValues: async () =>
      Number((await client.query('select coalesce(sum(n), 0) as n from rollups_hour')).rows[0].n),
    close: async () => {
      await client.end();
    },
  };
}

async function runOn(pgUrl: string | null): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sievert-bench-ingest-'));
  const schema = pgUrl ? `bench_ingest_${randomBytes(4).toString('hex')}` : null;
  const config = loadConfig({
    SIEVERT_DATA_DIR: dir,
    PORT: '0',
    HOST: '127.0.0.1',
    SIEVERT_MQTT_HOST: '127.0.0.1',
    SIEVERT_MQTT_PORT: '0',
    SIEVERT_LOG_LEVEL: 'silent',
    SIEVERT_DEMO: '0',
    SIEVERT_ADMIN_PASSWORD: 'Bench-Mark-Pass-2026!',
    SIEVERT_WEB_DIR: path.join(dir, 'none'),
    ...(pgUrl && schema ? { DATABASE_URL: pgUrl, SIEVERT_DB_SCHEMA: schema } : {}),
  });
  let running: Running | null = null;
  let loader: RawLoader | null = null;
  try {
    running = await startServer(config, { handleSignals: false });
    const { services } = running.sievert;
    const stations: Station[] = [];
    for (let i = 0; i < STATIONS; i += 1) {
      const code = `VN99${String(i + 1).padStart(3, '0')}`;
      const created = await services.stations.create(SYSTEM_ACTOR, {
        code,
        name: `Trạm đo thử ${i + 1}`,
        kind: 'gamma_dose_rate',
        lat: 20.6 + i * 0.01,
        lon: 106.0 + i * 0.01,
      });
      const { token } = await services.stations.issueToken(SYSTEM_ACTOR, code, 'bench');
      stations.push({ id: created.id, code, token });
    }
    loader =
      config.database.dialect === 'sqlite'
        ? sqliteLoader(config.database.file)
        : await postgresLoader(pgUrl!, schema!);

    // The alarm passes that commits schedule: timed (not changed) to show their share of the ingest time.
    const alarms = services.alarms;
    const evaluate = alarms.evaluate.bind(alarms);
    const passes = { count: 0, ms: 0 };
    alarms.evaluate = async (ids) => {
      const t0 = performance.now();
      try {
        await evaluate(ids);
      } finally {
        passes.count += 1;
        passes.ms += performance.now() - t0;
      }
    };
    const alarmShare = async (since: { count: number; ms: number }) => {
      await alarms.idle();
      return `${passes.count - since.count} alarm passes, ${((passes.ms - since.ms) / 1000).toFixed(1)} s`;
    };

    const perStation = Math.ceil(ROWS / STATIONS);
    const rows = perStation * STATIONS;
    const mqttPerStation = Math.ceil(MQTT_ROWS / STATIONS);
    const mqttRows = mqttPerStation * STATIONS;
    // Consecutive windows per station (raw, HTTP, MQTT), the last one ending a day before now.
    const end = Math.floor(Date.now() / 1000 / 86_400) * 86_400 - 86_400;
    const mqttFirst = end - mqttPerStation * INTERVAL_S;
    const httpFirst = mqttFirst - perStation * INTERVAL_S;
    const rawFirst = httpFirst - perStation * INTERVAL_S;

    // (a) raw bulk insert
    // In rounds, taking the median round: a short phase is the one most disturbed by other work on the machine.
    const raw = phaseRows(0, stations, perStation, rawFirst);
    const roundMs: number[] = [];
    const roundSize = Math.ceil(raw.length / RAW_ROUNDS);
    for (let i = 0; i < raw.length; i += roundSize) {
      const part = raw.slice(i, i + roundSize);
      const t0 = performance.now();
      await loader.insert(part);
      roundMs.push(((performance.now() - t0) * raw.length) / part.length);
    }
    const rawMs = [...roundMs].sort((a, b) => a - b)[Math.floor(roundMs.length / 2)]!;
    const afterRaw = await loader.count();
    if (afterRaw !== rows) throw new Error(`raw insert stored ${afterRaw} rows, expected ${rows}`);

    // (b) HTTP batch ingest
    const httpWork = batches(phaseRows(1, stations, perStation, httpFirst), HTTP_BATCH);
    const base = `http://127.0.0.1:${running.port}`;
    let before = { ...passes };
    const t = performance.now();
    const http = await httpIngest(base, httpWork, HTTP_CLIENTS);
    const httpMs = performance.now() - t;
    const httpAlarms = await alarmShare(before);

    // (c) MQTT ingest
    const mqttWork = batches(phaseRows(2, stations, mqttPerStation, mqttFirst), MQTT_BATCH);
    const status = running.broker.status();
    if (!status.url) throw new Error('the embedded MQTT broker is not listening');
    before = { ...passes };
    const mqttMs = await mqttIngest(status.url, status.topicPrefix ?? 'sievert', mqttWork);
    const mqttAlarms = await alarmShare(before);

    const total = await loader.count();
    const rolled = await loader.rollupValues();
    const mqttStored = total - afterRaw - http.accepted;
    if (http.accepted !== rows || mqttStored !== mqttRows || rolled !== rows + mqttRows)
      throw new Error(
        `ingest did not store everything: HTTP accepted ${http.accepted}, MQTT stored ${mqttStored}, ` +
          `rollups count ${rolled}; expected ${rows}, ${mqttRows}, ${rows + mqttRows}`,
      );

    const rawRate = rows / (rawMs / 1000);
    const httpRate = rows / (httpMs / 1000);
    const mqttRate = mqttRows / (mqttMs / 1000);
    const line = (name: string, value: string) => console.log(`${name.padEnd(64)} ${value}`);
    const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
    const db = config.database.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    console.log(
      `Sievert monitoring ingest benchmarks (${db}, ${STATIONS} stations, 10-minute dose rates; ` +
        `${fmt(rows)} rows raw and HTTP, ${fmt(mqttRows)} rows MQTT)`,
    );
    line(
      `raw bulk insert, prepared, ${fmt(RAW_TX)} rows/transaction (rows/s)`,
      `${fmt(rawRate)}  (median of ${roundMs.length} rounds; ${roundMs.map((ms) => fmt(rows / (ms / 1000))).join(', ')})`,
    );
    line(
      `HTTP ingest, ${HTTP_BATCH} items/request, ${HTTP_CLIENTS} clients (rows/s)`,
      `${fmt(httpRate)}  (${(httpMs / (rows / HTTP_BATCH)).toFixed(1)} ms/request; ${httpAlarms})`,
    );
    line(
      `MQTT ingest, QoS 1, ${MQTT_BATCH} items/message, ${STATIONS} stations (rows/s)`,
      `${fmt(mqttRate)}  (${(mqttMs / (mqttRows / MQTT_BATCH)).toFixed(1)} ms/message; ${mqttAlarms})`,
    );
    line('ratio HTTP/raw (aim ≥ 0.50)', (httpRate / rawRate).toFixed(3));
    line('ratio MQTT/raw', (mqttRate / rawRate).toFixed(3));
    line(
      'aim "HTTP ingest at 50 % or more of the raw insert rate"',
      httpRate / rawRate >= 0.5 ? 'met' : 'NOT met',
    );
  } finally {
    await loader?.close();
    await running?.stop('bench');
    rmSync(dir, { recursive: true, force: true });
    if (pgUrl && schema) await dropSchema(pgUrl, schema);
  }
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
  } catch (error) {
    console.error(`could not drop the bench schema ${schema}: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function monitoringIngestBench(): Promise<void> {
  await runOn(null);
  const pgUrl = process.env.BENCH_PG;
  if (pgUrl) await runOn(pgUrl);
}
