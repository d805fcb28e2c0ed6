/**
 * Registry lists at scale, printed as ratios measured in one run (never asserted in tests): one page of the
 * sources and devices registers (sorted by a computed value, filtered by free text) with 10 times more rows.
 * The lists compute decay, category, licence and QA state per row at read time, so the time grows with the
 * register; the target keeps that growth no worse than linear and a 10,000-row page well under a second.
 * Run: npm run bench (BENCH_ROWS sets the large size, default 10000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createSievert } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { SYSTEM_ACTOR } from '../server/src/modules/auth/actor.js';

const LARGE = Number(process.env.BENCH_ROWS ?? 10_000);
const SMALL = Math.max(100, Math.round(LARGE / 10));
const NUCLIDES = ['Cs-137', 'Co-60', 'Ir-192', 'Am-241/Be', 'Sr-90', 'Kr-85'];
const DEVICE_TYPES = ['xray_general', 'xray_dental', 'ct', 'mammography', 'fluoroscopy', 'industrial_xray'];

type Sievert = Awaited<ReturnType<typeof createSievert>>;

async function open(): Promise<{ s: Sievert; dir: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sievert-bench-registry-'));
  const config = loadConfig({
    SIEVERT_DATA_DIR: dir,
    SIEVERT_MQTT: 'off',
    SIEVERT_DEMO: '0',
    SIEVERT_ADMIN_PASSWORD: 'Bench-Mark-Pass-2026!',
    SIEVERT_WEB_DIR: path.join(dir, 'none'),
  });
  return { s: await createSievert(config, { logger: false }), dir };
}

async function fill(s: Sievert, rows: number): Promise<void> {
  const communes = await s.database.db
    .selectFrom('communes')
    .select(['code', 'label_lat as lat', 'label_lon as lon'])
    .limit(20)
    .execute();
  const facilities: number[] = [];
  for (let i = 0; i < 50; i += 1) {
    const c = communes[i % communes.length]!;
    const f = await s.services.facilities.create(SYSTEM_ACTOR, {
      name: `Cơ sở thử ${i}`,
      kind: i % 2 ? 'hospital' : 'industrial',
      communeCode: c.code,
      lat: c.lat,
      lon: c.lon,
    });
    facilities.push(f.id);
  }
  const now = new Date().toISOString();
  const db = s.database.db;
  for (let start = 0; start < rows; start += 500) {
    const batch = Array.from({ length: Math.min(500, rows - start) }, (_, k) => start + k);
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('sources')
        .values(
          batch.map((i) => ({
            facility_id: facilities[i % facilities.length]!,
            nuclide: NUCLIDES[i % NUCLIDES.length]!,
            serial: `S-${i}`,
            manufacturer: 'Bench',
            model: null,
            reference_activity_bq: 1e9 * (1 + (i % 97)),
            reference_date: `20${10 + (i % 15)}-01-15`,
            form: null,
            source_use: 'gauge',
            location: `Kho ${i % 7}`,
            status: 'in_use',
            pending_transfer_to: null,
            search_text: `s-${i} bench`,
            created_at: now,
            updated_at: now,
            version: 1,
          })),
        )
        .execute();
      await trx
        .insertInto('devices')
        .values(
          batch.map((i) => ({
            facility_id: facilities[i % facilities.length]!,
            device_type: DEVICE_TYPES[i % DEVICE_TYPES.length]!,
            digital: 1,
            maker: 'Bench',
            model: `M-${i % 13}`,
            serial: `D-${i}`,
            year_made: 2000 + (i % 26),
            location: null,
            status: 'in_use',
            search_text: `d-${i} bench m-${i % 13}`,
            created_at: now,
            updated_at: now,
            version: 1,
          })),
        )
        .execute();
    });
  }
}

/** Median of a few runs of one page request, in ms. */
async function time(run: () => Promise<unknown>, repeat = 7): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < repeat; i += 1) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(repeat / 2)]!;
}

async function measure(rows: number) {
  const { s, dir } = await open();
  try {
    await fill(s, rows);
    const page = { limit: 20, offset: 0 };
    return {
      sources: await time(() =>
        s.services.sources.list(SYSTEM_ACTOR, { ...page, sort: '-currentActivityBq' }),
      ),
      sourceSearch: await time(() => s.services.sources.list(SYSTEM_ACTOR, { ...page, q: 'S-99' })),
      devices: await time(() => s.services.devices.list(SYSTEM_ACTOR, { ...page, sort: 'qaDue' })),
      deviceFlags: await time(() => s.services.devices.list(SYSTEM_ACTOR, { ...page, unlicensed: true })),
    };
  } finally {
    await s.app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function registryBench(): Promise<void> {
  const small = await measure(SMALL);
  const large = await measure(LARGE);
  const line = (name: string, value: string) => console.log(`${name.padEnd(52)} ${value}`);
  console.log(`Sievert registry list benchmarks (SQLite, ${SMALL} and ${LARGE} sources and devices)`);
  for (const key of Object.keys(small) as (keyof typeof small)[]) {
    line(
      `${key}: one page at ${SMALL} / ${LARGE} rows (ms)`,
      `${small[key].toFixed(1)} / ${large[key].toFixed(1)}`,
    );
    line(`  ratio ${LARGE}/${SMALL} rows (target ≤ 12, linear = 10)`, (large[key] / small[key]).toFixed(2));
  }
}
