/**
 * The public portal's first page on a slow connection (issue 7), printed as times and bytes measured in one run
 * (never asserted in tests). The built server (`npm run build` first) runs the demo province in its own process;
 * Debian's Chromium opens pages with the network throttled through the DevTools protocol to a slow mobile link
 * (BENCH_SLOW_KBPS, default 400 kbit/s down, 150 up, BENCH_SLOW_RTT_MS 400 ms round trip, cache empty):
 *  (a) the officials' app sign-in page until its form shows — the baseline: the same server, another bundle;
 *  (b) the portal's first page until the station table shows its values (what a visitor reads first);
 *  (c) the same until the map's markers are drawn (Leaflet arrives after the table).
 * Each line gives the bytes the page transferred and its time as a share of (a).
 *
 * Run: npm run build && npm run bench:portal
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { freePort, waitUntilPublished } from './server-process.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const KBPS = Number(process.env.BENCH_SLOW_KBPS ?? 400);
const RTT_MS = Number(process.env.BENCH_SLOW_RTT_MS ?? 400);
const RUNS = Number(process.env.BENCH_PORTAL_RUNS ?? 3);

/** Opens `url` in a fresh, throttled context; the time until `selector` is visible, and the bytes received. */
async function load(browser: Browser, url: string, selector: string): Promise<{ ms: number; kb: number }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: RTT_MS,
    downloadThroughput: (KBPS * 1000) / 8,
    uploadThroughput: (150 * 1000) / 8,
  });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
    bytes += event.encodedDataLength;
  });
  const started = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator(selector).first().waitFor({ state: 'visible', timeout: 120_000 });
  const ms = performance.now() - started;
  await context.close();
  return { ms, kb: bytes / 1024 };
}

async function main() {
  if (
    !existsSync(path.join(ROOT, 'web/dist/public/index.html')) ||
    !existsSync(path.join(ROOT, 'server/dist'))
  )
    throw new Error('Build first: npm run build');
  const dir = mkdtempSync(path.join(tmpdir(), 'sievert-bench-portal-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'server/dist/main.js'), 'start'], {
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
      SIEVERT_SIMULATOR_BACKFILL_HOURS: '24',
      SIEVERT_LOG_LEVEL: 'warn',
      SIEVERT_ADMIN_PASSWORD: 'Bench-Portal-Page-2026!',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const browser = await chromium.launch({
    executablePath: process.env.SIEVERT_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic'],
  });
  try {
    await waitUntilPublished(base);
    const cases = [
      {
        name: '(a) officials’ sign-in page, form shown',
        url: `${base}/login`,
        selector: '[data-testid="login-username"]',
      },
      {
        name: '(b) portal first page, station values shown',
        url: `${base}/public/`,
        selector: 'main table tbody tr',
      },
      {
        name: '(c) portal first page, map markers drawn',
        url: `${base}/public/`,
        selector: '.leaflet-marker-icon',
      },
    ];
    const results: Array<{ name: string; ms: number; kb: number }> = [];
    for (const c of cases) {
      const runs: Array<{ ms: number; kb: number }> = [];
      for (let i = 0; i < RUNS; i++) runs.push(await load(browser, c.url, c.selector));
      runs.sort((x, y) => x.ms - y.ms);
      results.push({ name: c.name, ...runs[Math.floor(runs.length / 2)]! });
    }
    console.log(
      `First page on a slow connection: ${KBPS} kbit/s down, ${RTT_MS} ms round trip, cache empty, phone viewport; median of ${RUNS}.`,
    );
    const baseline = results[0]!.ms;
    const pad = Math.max(...results.map((r) => r.name.length));
    console.log(`${'page'.padEnd(pad)}  time ms  share of (a)  kB transferred`);
    for (const r of results)
      console.log(
        `${r.name.padEnd(pad)}  ${r.ms.toFixed(0).padStart(7)}  ${`${((r.ms / baseline) * 100).toFixed(0)} %`.padStart(12)}  ${r.kb.toFixed(0).padStart(14)}`,
      );
    const values = results[1]!;
    // Aim: a visitor reads the values sooner than an official sees the sign-in form, under 5 s on this link.
    const met = values.ms < baseline && values.ms < 5000;
    console.log(
      `Portal values shown after ${(values.ms / 1000).toFixed(1)} s (${values.kb.toFixed(0)} kB), ${(values.ms / baseline).toFixed(2)} of the sign-in page (aim < 1 and < 5 s): ${met ? 'met' : 'NOT met'}.`,
    );
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
