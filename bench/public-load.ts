/**
 * Load on the public API (issue 7), printed as requests per second and latency percentiles measured in one run
 * (never asserted in tests). A real Sievert server runs in a child process (the demo province with its simulated
 * stations, SQLite, one Node process — the default installation), and autocannon drives it from this process, so
 * the load generator and the server have a core each on a two-core machine.
 *
 * Measured, one after the other, each for BENCH_PUBLIC_SECONDS (default 10) with BENCH_PUBLIC_CONNECTIONS
 * (default 16) connections:
 *  (a) GET /healthz — the floor: the same HTTP stack, hooks and logging, no database;
 *  (b) GET /api/v1/public/stations — the latest published value of every station (what the map loads);
 *  (c) the same with If-None-Match — what a browser or a cache sends when it refreshes the map (304);
 *  (d) GET /api/v1/public/overview — network status (the portal's first request);
 *  (e) GET /api/v1/public/stations/{code}/series — a station's last 24 h (a station page).
 * Each line says its rate as a share of (a). The per-address rate limit is raised for the run (every request
 * comes from 127.0.0.1), which is what an installation behind a caching proxy does too.
 *
 * Run: npm run bench:public
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { freePort, waitUntilPublished } from './server-process.js';

const SECONDS = Number(process.env.BENCH_PUBLIC_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_PUBLIC_CONNECTIONS ?? 16);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Result {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  statuses: string;
  kbPerRequest: number;
}

async function drive(name: string, url: string, headers: Record<string, string> = {}): Promise<Result> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  const statuses = Object.entries({ '2xx': r['2xx'], '3xx': r['3xx'], '4xx': r['4xx'], '5xx': r['5xx'] })
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  return {
    name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    statuses: r.errors > 0 ? `${statuses}, errors ${r.errors}` : statuses,
    kbPerRequest: r.requests.total > 0 ? r.throughput.total / r.requests.total / 1024 : 0,
  };
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'sievert-bench-public-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=source', path.join(ROOT, 'server/src/main.ts'), 'start'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        SIEVERT_PORT_FALLBACK: '0',
        SIEVERT_DATA_DIR: dir,
        SIEVERT_MQTT: 'off',
        SIEVERT_DEMO: '1',
        SIEVERT_SIMULATOR: '1',
        SIEVERT_SIMULATOR_BACKFILL_HOURS: '48',
        SIEVERT_LOG_LEVEL: 'warn',
        SIEVERT_WEB_DIR: path.join(dir, 'no-web'),
        SIEVERT_ADMIN_PASSWORD: 'Bench-Public-Load-2026!',
        SIEVERT_PUBLIC_RATE_BURST: '1000000000',
        SIEVERT_PUBLIC_RATE_PER_SECOND: '1000000',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  try {
    // The simulator's backfill makes values older than the publication delay: wait until the map has them.
    await waitUntilPublished(base);
    const stations = (await (await fetch(`${base}/api/v1/public/stations`)).json()) as {
      stations: Array<{ code: string; latest: unknown }>;
    };
    const withValues = stations.stations.filter((s) => s.latest !== null);
    const etag = (await fetch(`${base}/api/v1/public/stations`)).headers.get('etag') ?? '';
    const code = withValues[0]!.code;
    console.log(
      `Public API load: ${stations.stations.length} stations (${withValues.length} with a published value), ` +
        `${CONNECTIONS} connections, ${SECONDS} s each, server in its own process (SQLite, demo province).`,
    );

    const results: Result[] = [];
    results.push(await drive('(a) /healthz (floor)', `${base}/healthz`));
    results.push(await drive('(b) /api/v1/public/stations', `${base}/api/v1/public/stations`));
    results.push(
      await drive('(c) /api/v1/public/stations, If-None-Match → 304', `${base}/api/v1/public/stations`, {
        'if-none-match': etag,
      }),
    );
    results.push(await drive('(d) /api/v1/public/overview', `${base}/api/v1/public/overview`));
    results.push(
      await drive(
        `(e) /api/v1/public/stations/${code}/series (24 h)`,
        `${base}/api/v1/public/stations/${code}/series`,
      ),
    );

    const floor = results[0]!.rps;
    const pad = Math.max(...results.map((r) => r.name.length));
    console.log(`${'endpoint'.padEnd(pad)}  req/s    share of (a)  p50 ms  p99 ms  kB/req  statuses`);
    for (const r of results)
      console.log(
        `${r.name.padEnd(pad)}  ${r.rps.toFixed(0).padStart(7)}  ${`${((r.rps / floor) * 100).toFixed(0)} %`.padStart(12)}` +
          `  ${String(r.p50).padStart(6)}  ${String(r.p99).padStart(6)}  ${r.kbPerRequest.toFixed(1).padStart(6)}  ${r.statuses}`,
      );
    const latest = results[1]!;
    // Aim: the map's endpoint keeps up with at least a quarter of the bare stack, with p99 under 100 ms.
    const met = latest.rps >= 0.25 * floor && latest.p99 < 100;
    console.log(
      `Latest values: ${latest.rps.toFixed(0)} req/s, p99 ${latest.p99} ms — ${(latest.rps / floor).toFixed(2)} of the floor ` +
        `(aim ≥ 0.25 with p99 < 100 ms): ${met ? 'met' : 'NOT met'}.`,
    );
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
