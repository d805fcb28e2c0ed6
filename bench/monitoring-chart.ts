/**
 * The one-year, one-station chart on a large measurement store, printed as ratios measured in one run (never
 * asserted in tests). Aim (issue 4): the one-year chart query under 20 ms median on a store of at least 50 million
 * measurements.
 *
 * The store (SQLite): 100 stations × 10 years of 10-minute dose rates = 52.6 million measurements, written
 * straight into `measurements` with prepared statements in large transactions (journal and syncs off for the
 * generation only), then `rollups_hour` and `rollups_day` built with INSERT … SELECT … GROUP BY, bucket for bucket
 * what ingest maintains (values end their period: a value at the full hour belongs to the hour before; days are
 * the province's local days). The app's migrations are applied first (openDatabase + migrateToLatest) and again at
 * every run, so a reused store follows the schema. It lives in `<BENCH_DIR or the OS temp dir>/sievert-bench-chart`
 * and is reused when its parameters match (delete the folder to regenerate).
 *
 * Measured, rotating over the stations, for the year 2025 (local time) of one station:
 *  - the real code path: MeasurementService.series with maxPoints 1000 (→ daily rollups), called directly, and
 *    through HTTP (app.inject, with and without the compression a browser asks for);
 *  - the same chart without rollups: the raw year aggregated into days in SQL, and the raw year read
 *    (MeasurementRepository.rowsBetween) and bucketed in JavaScript.
 *
 * Run: npm run bench:chart. BENCH_DIR, BENCH_CHART_STATIONS (100), BENCH_CHART_YEARS (10),
 * BENCH_CHART_ITERATIONS (300 for the rollup paths; a quarter of that for the raw ones).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { QUANTITY_CODES, SOURCE_CODES } from '@sievert/core';
import { createSievert, type Sievert } from '../server/src/app.js';
import { loadConfig, type Config } from '../server/src/config.js';
import { openDatabase } from '../server/src/db/database.js';
import { migrateToLatest } from '../server/src/db/migrate.js';
import { SYSTEM_ACTOR } from '../server/src/modules/auth/actor.js';

const STATIONS = Number(process.env.BENCH_CHART_STATIONS ?? 100);
const YEARS = Number(process.env.BENCH_CHART_YEARS ?? 10);
const ITERATIONS = Number(process.env.BENCH_CHART_ITERATIONS ?? 300);
const ROOT = path.join(process.env.BENCH_DIR ?? tmpdir(), 'sievert-bench-chart');
const FILE = path.join(ROOT, 'sievert.db');
const MARKER = path.join(ROOT, 'bench-chart.json');
const PASSWORD = 'Bench-Mark-Pass-2026!';
const INTERVAL_S = 600;
const DOSE = QUANTITY_CODES.ambient_dose_rate;
/** The data ends at 2026-01-01 00:00 local time (UTC+7) and goes back YEARS × 365.25 days. */
const END_S = Date.UTC(2026, 0, 1) / 1000 - 7 * 3600;
const START_S = END_S - Math.round((YEARS * 365.25 * 86_400) / INTERVAL_S) * INTERVAL_S;
const PER_STATION = (END_S - START_S) / INTERVAL_S;
const ROWS = PER_STATION * STATIONS;
/** The chart: the year 2025 in local time. */
const YEAR_FROM = '2024-12-31T17:00:00.000Z';
const YEAR_TO = '2025-12-31T17:00:00.000Z';
/** Bytes per measurement on disk (table, rollups, slack), measured on a generated store, plus a margin. */
const BYTES_PER_ROW = 64;
const MARGIN_BYTES = 2 * 1024 ** 3;
const ISSUE_ROWS = 50_000_000;

/** A reason not to start, printed without a stack trace. */
class Refusal extends Error {}

interface Marker {
  stations: number;
  years: number;
  intervalS: number;
  endS: number;
  rows: number;
  generatedMs: number;
}

const wanted = { stations: STATIONS, years: YEARS, intervalS: INTERVAL_S, endS: END_S, rows: ROWS };
const codeOf = (i: number) => `VN98${String(i + 1).padStart(3, '0')}`;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const line = (name: string, value: string) => console.log(`${name.padEnd(64)} ${value}`);

function config(): Config {
  return loadConfig({
    SIEVERT_DATA_DIR: ROOT,
    SIEVERT_MQTT: 'off',
    SIEVERT_DEMO: '0',
    SIEVERT_LOG_LEVEL: 'silent',
    SIEVERT_ADMIN_PASSWORD: PASSWORD,
    SIEVERT_WEB_DIR: path.join(ROOT, 'none'),
  });
}

function readMarker(): Marker | null {
  if (!existsSync(MARKER) || !existsSync(FILE)) return null;
  try {
    const m = JSON.parse(readFileSync(MARKER, 'utf8')) as Marker;
    return (Object.keys(wanted) as (keyof typeof wanted)[]).every((k) => m[k] === wanted[k]) ? m : null;
  } catch {
    return null;
  }
}

/** A small deterministic generator, so that every generated store holds the same values. */
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

/**
 * Ten-minute dose rates of one station (nSv/h): its background, a seasonal and a daily wave, counting noise, and
 * now and then a rain washout that jumps up and fades over a few hours.
 */
function stationValues(i: number): Float64Array {
  const rand = random(i + 1);
  const base = 70 + (i % 20) * 4;
  const values = new Float64Array(PER_STATION);
  let washout = 0;
  for (let k = 0; k < PER_STATION; k += 1) {
    const t = START_S + (k + 1) * INTERVAL_S;
    if (rand() < 1 / 1500) washout += 10 + rand() * 25;
    washout *= 0.97;
    const seasonal = 4 * Math.sin((2 * Math.PI * t) / (365.25 * 86_400));
    const daily = 1.5 * Math.sin((2 * Math.PI * (t % 86_400)) / 86_400);
    values[k] = Math.round((base + seasonal + daily + washout + (rand() - 0.5) * 6) * 10) / 10;
  }
  return values;
}

async function generate(): Promise<number> {
  const need = ROWS * BYTES_PER_ROW + MARGIN_BYTES;
  mkdirSync(ROOT, { recursive: true });
  const fs = statfsSync(ROOT);
  const free = fs.bavail * fs.bsize;
  if (free < need)
    throw new Refusal(
      `not enough free disk space in ${ROOT}: ${(free / 1024 ** 3).toFixed(1)} GB free, about ` +
        `${(need / 1024 ** 3).toFixed(1)} GB needed for ${fmt(ROWS)} measurements. Set BENCH_DIR to a disk ` +
        'with more room, or fewer rows with BENCH_CHART_STATIONS / BENCH_CHART_YEARS.',
    );
  console.log(
    `generating ${fmt(ROWS)} measurements (${STATIONS} stations × ${YEARS} years of 10-minute values) in ${ROOT} ` +
      `(${(free / 1024 ** 3).toFixed(0)} GB free, about ${(need / 1024 ** 3).toFixed(1)} GB needed)…`,
  );
  const started = performance.now();
  // Only our own files, from an earlier run that did not finish.
  for (const f of [FILE, `${FILE}-wal`, `${FILE}-shm`, MARKER]) rmSync(f, { force: true });

  // The schema, exactly as the app migrates it.
  const cfg = config();
  const handle = await openDatabase(cfg.database);
  try {
    await migrateToLatest(handle.db as never, handle.dialect);
  } finally {
    await handle.close();
  }
  // The stations, through the app (administrator, settings and audit as a real installation has them).
  const s = await createSievert(cfg, { logger: false });
  // Local days of the province, as the app computes them (Vietnam: UTC+7, no daylight saving time).
  const dayOffsetS = Math.trunc(s.services.measurements.repository.dayOffsetS);
  try {
    for (let i = 0; i < STATIONS; i += 1)
      await s.services.stations.create(SYSTEM_ACTOR, {
        code: codeOf(i),
        name: `Trạm quan trắc thử ${i + 1}`,
        kind: 'gamma_dose_rate',
        lat: 20.55 + (i % 10) * 0.03,
        lon: 105.95 + Math.floor(i / 10) * 0.03,
      });
  } finally {
    await s.app.close();
  }

  const native = new SqliteDatabase(FILE);
  try {
    native.pragma('journal_mode = OFF');
    native.pragma('synchronous = OFF');
    native.pragma('cache_size = -262144');
    const ids = new Map(
      (native.prepare('select id, code from stations').all() as Array<{ id: number; code: string }>).map(
        (r) => [r.code, r.id],
      ),
    );
    const CHUNK = 500;
    const rowSql = `(?, ${DOSE}, ?, ${INTERVAL_S}, ?, null, 0, 0, ${SOURCE_CODES.http}, 0)`;
    const head =
      'insert into measurements (station_id, quantity, t, dur, value, unc, flags, state, src, rev) values ';
    const many = native.prepare(head + Array.from({ length: CHUNK }, () => rowSql).join(', '));
    const one = native.prepare(head + rowSql);
    const params: number[] = new Array<number>(CHUNK * 3);
    const loadStation = native.transaction((id: number, values: Float64Array) => {
      let k = 0;
      for (; k + CHUNK <= values.length; k += CHUNK) {
        for (let j = 0; j < CHUNK; j += 1) {
          params[j * 3] = id;
          params[j * 3 + 1] = START_S + (k + j + 1) * INTERVAL_S;
          params[j * 3 + 2] = values[k + j]!;
        }
        many.run(params);
      }
      for (; k < values.length; k += 1) one.run(id, START_S + (k + 1) * INTERVAL_S, values[k]!);
    });
    let t = performance.now();
    for (let i = 0; i < STATIONS; i += 1) {
      loadStation(ids.get(codeOf(i))!, stationValues(i));
      if ((i + 1) % 10 === 0 || i + 1 === STATIONS) {
        const done = (i + 1) * PER_STATION;
        console.log(
          `  measurements: ${fmt(done)} of ${fmt(ROWS)} (${fmt(done / ((performance.now() - t) / 1000))} rows/s)`,
        );
      }
    }
    const loadMs = performance.now() - t;

    // Rollups, as ingest keeps them: per station (small sorts), from the stored values not rejected.
    t = performance.now();
    const hour = native.prepare(
      `insert into rollups_hour (station_id, quantity, t, n, sum, min, max)
       select station_id, quantity, ((t - 1) / 3600) * 3600 as b, count(*), sum(value), min(value), max(value)
       from measurements where station_id = ? and state <> 2 group by station_id, quantity, b`,
    );
    const day = native.prepare(
      `insert into rollups_day (station_id, quantity, t, n, sum, min, max)
       select station_id, quantity, ((t - 1 + ${dayOffsetS}) / 86400) * 86400 - ${dayOffsetS} as b,
              count(*), sum(value), min(value), max(value)
       from measurements where station_id = ? and state <> 2 group by station_id, quantity, b`,
    );
    const latest = native.prepare(
      `insert into measurement_latest (station_id, quantity, t, value, flags)
       select station_id, quantity, max(t), value, flags from measurements
       where station_id = ? and quantity = ${DOSE} and state <> 2`,
    );
    const rollStation = native.transaction((id: number) => {
      hour.run(id);
      day.run(id);
      latest.run(id);
    });
    for (const id of ids.values()) rollStation(id);
    const rollMs = performance.now() - t;
    native.pragma('journal_mode = WAL');
    console.log(
      `  rollups built in ${(rollMs / 1000).toFixed(1)} s; measurements written in ${(loadMs / 1000).toFixed(1)} s`,
    );
  } finally {
    native.close();
  }
  const generatedMs = performance.now() - started;
  writeFileSync(MARKER, JSON.stringify({ ...wanted, generatedMs } satisfies Marker, null, 2));
  return generatedMs;
}

function stats(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95), n: sorted.length };
}

async function timed(iterations: number, run: (i: number) => Promise<unknown>, warmUp = 5) {
  for (let i = 0; i < warmUp; i += 1) await run(i);
  const times: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const t = performance.now();
    await run(i);
    times.push(performance.now() - t);
  }
  return stats(times);
}

async function measure(s: Sievert): Promise<void> {
  const db = s.database.db;
  const repo = s.services.measurements.repository;
  const stations = await db
    .selectFrom('stations')
    .select(['id', 'code'])
    .where('code', 'like', 'VN98%')
    .orderBy('code')
    .execute();
  if (stations.length !== STATIONS) throw new Error(`the store has ${stations.length} bench stations`);
  const fromS = Date.parse(YEAR_FROM) / 1000;
  const toS = Date.parse(YEAR_TO) / 1000;
  const pick = (i: number) => stations[(i * 37) % stations.length]!;
  const query = { quantity: 'ambient_dose_rate' as const, from: YEAR_FROM, to: YEAR_TO, maxPoints: 1000 };

  // The first query after opening: SQLite's page cache is empty (the OS cache is as earlier runs left it).
  const t = performance.now();
  const first = await s.services.measurements.series(SYSTEM_ACTOR, pick(0).code, query);
  const firstMs = performance.now() - t;
  if (first.resolution !== 'day' || first.points.length < 365)
    throw new Error(`unexpected series: ${first.resolution}, ${first.points.length} points`);

  // The rollups give what the raw values give.
  const check = pick(1);
  const viaService = await s.services.measurements.series(SYSTEM_ACTOR, check.code, query);
  const viaSql = await dailyFromRaw(s, check.id, fromS, toS);
  const mismatch = viaService.points.findIndex((p, i) => {
    const r = viaSql[i];
    return !r || p.count !== r.n || Math.abs(p.value - r.sum / r.n) > 1e-9 || p.max !== r.max;
  });
  if (viaService.points.length !== viaSql.length || mismatch !== -1)
    throw new Error(
      `daily rollups differ from the raw values at point ${mismatch}: ` +
        JSON.stringify([
          viaService.points[mismatch],
          viaSql[mismatch],
          viaService.points.length,
          viaSql.length,
        ]),
    );

  const login = await s.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'admin', password: PASSWORD },
  });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
  const cookie = login.cookies.find((c) => c.name === 'sievert_session');
  if (!cookie) throw new Error('no session cookie');
  const url = (code: string) =>
    `/api/v1/stations/${code}/series?quantity=ambient_dose_rate&from=${YEAR_FROM}&to=${YEAR_TO}&maxPoints=1000`;
  const http = async (code: string, encoding?: string) => {
    const res = await s.app.inject({
      method: 'GET',
      url: url(code),
      headers: {
        cookie: `sievert_session=${cookie.value}`,
        ...(encoding ? { 'accept-encoding': encoding } : {}),
      },
    });
    if (res.statusCode !== 200)
      throw new Error(`series answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
    return res;
  };
  const identity = await http(pick(0).code);
  const compressed = await http(pick(0).code, 'gzip, deflate, br');

  const rawIterations = Math.max(10, Math.round(ITERATIONS / 4));
  const service = await timed(ITERATIONS, (i) =>
    s.services.measurements.series(SYSTEM_ACTOR, pick(i).code, query),
  );
  const viaHttp = await timed(ITERATIONS, (i) => http(pick(i).code));
  const viaHttpBr = await timed(ITERATIONS, (i) => http(pick(i).code, 'gzip, deflate, br'));
  const rawSql = await timed(rawIterations, (i) => dailyFromRaw(s, pick(i).id, fromS, toS));
  const rawJs = await timed(rawIterations, async (i) => {
    const rows = await repo.rowsBetween(db, pick(i).id, DOSE, fromS, toS);
    const days = new Map<number, { n: number; sum: number; min: number; max: number }>();
    for (const r of rows) {
      const b = repo.dayBucket(r.t);
      const d = days.get(b);
      if (!d) days.set(b, { n: 1, sum: r.value, min: r.value, max: r.value });
      else {
        d.n += 1;
        d.sum += r.value;
        if (r.value < d.min) d.min = r.value;
        if (r.value > d.max) d.max = r.value;
      }
    }
    return [...days].map(([b, d]) => ({ time: new Date(b * 1000).toISOString(), value: d.sum / d.n, ...d }));
  });

  // Not a chart: the rain of the whole network that every alarm pass reads (after committed batches), by station
  // so that it stays a primary-key search however large the store grows.
  const nowS = Math.floor(Date.now() / 1000);
  const stationIds = (await db.selectFrom('stations').select('id').execute()).map((r) => r.id);
  const rain = await timed(
    3,
    () => repo.quantityBetween(db, stationIds, QUANTITY_CODES.precipitation, nowS - 86_400, nowS),
    1,
  );

  const ms = (x: { median: number; p95: number; n: number }) =>
    `median ${x.median.toFixed(2)} ms, p95 ${x.p95.toFixed(2)} ms (n=${x.n})`;
  line('first chart after opening (SQLite page cache cold)', `${firstMs.toFixed(1)} ms`);
  line('series(), 1 year, maxPoints 1000 → daily rollups', ms(service));
  line('  same through HTTP (app.inject), identity', ms(viaHttp));
  line('  same through HTTP, accept-encoding gzip, deflate, br', ms(viaHttpBr));
  line(
    '  response bytes, identity / compressed',
    `${identity.rawPayload.length} / ${compressed.rawPayload.length} (${compressed.headers['content-encoding'] ?? 'none'})`,
  );
  line('without rollups: raw year → days in SQL (GROUP BY)', ms(rawSql));
  line('without rollups: raw year read, days bucketed in JS', ms(rawJs));
  line('ratio raw SQL / rollups (medians, service)', (rawSql.median / service.median).toFixed(1));
  line('ratio raw JS / rollups (medians, service)', (rawJs.median / service.median).toFixed(1));
  line('(alarm pass) network rain of the last day, quantityBetween', ms(rain));
  line(
    'aim "one-year chart query under 20 ms median" (service / HTTP)',
    `${service.median < 20 ? 'met' : 'NOT met'} / ${viaHttpBr.median < 20 && viaHttp.median < 20 ? 'met' : 'NOT met'}`,
  );
}

async function dailyFromRaw(s: Sievert, stationId: number, fromS: number, toS: number) {
  // Inlined: better-sqlite3 binds JS numbers as floating point, which would turn the integer division into a real one.
  const off = sql.lit(Math.trunc(s.services.measurements.repository.dayOffsetS));
  const { rows } = await sql<{ t: number; n: number; sum: number; min: number; max: number }>`
    select ((t - 1 + ${off}) / 86400) * 86400 - ${off} as t, count(*) as n, sum(value) as sum,
           min(value) as min, max(value) as max
    from measurements
    where station_id = ${stationId} and quantity = ${DOSE} and t > ${fromS} and t <= ${toS} and state <> 2
    group by 1 order by 1`.execute(s.database.db);
  return rows;
}

async function main(): Promise<void> {
  let marker = readMarker();
  if (marker) {
    console.log(
      `reusing the generated store in ${ROOT} (generation took ${(marker.generatedMs / 1000).toFixed(0)} s)`,
    );
  } else {
    const generatedMs = await generate();
    marker = readMarker()!;
    console.log(`generation took ${(generatedMs / 1000).toFixed(0)} s`);
  }
  // Migrations of the app, also on a reused store (new migrations since it was generated).
  const cfg = config();
  const handle = await openDatabase(cfg.database);
  try {
    await migrateToLatest(handle.db as never, handle.dialect);
  } finally {
    await handle.close();
  }
  const s = await createSievert(cfg, { logger: false });
  try {
    const sizeGb = (statSync(FILE).size / 1024 ** 3).toFixed(2);
    console.log(
      `Sievert monitoring chart benchmark (SQLite, ${fmt(marker.rows)} measurements: ${STATIONS} stations × ` +
        `${YEARS} years of 10-minute values; file ${sizeGb} GB)`,
    );
    if (marker.rows < ISSUE_ROWS)
      console.log(`  note: fewer than the ${fmt(ISSUE_ROWS)} measurements the issue asks for`);
    await measure(s);
  } finally {
    await s.app.close();
  }
}

try {
  await main();
} catch (error) {
  if (!(error instanceof Refusal)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
