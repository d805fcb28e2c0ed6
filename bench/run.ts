/**
 * Benchmarks of the foundation, printed as ratios measured in one run on this machine (never asserted in tests):
 *  - audit append: an organisation change with its hash-chained audit entry, against the same insert without one;
 *  - audit verify: walking and re-hashing the chain, against a plain scan of the same rows;
 *  - GeoJSON: bytes sent with and without compression;
 *  - registry lists: one page at 1,000 and 10,000 sources and devices (registry.ts);
 *  - monitoring ingest: HTTP and MQTT ingest against a raw bulk insert of the same rows (monitoring-ingest.ts);
 *  - dispersion grid: a 400 × 400 plume grid in TypeScript against the same equations in NumPy (dispersion.ts).
 * Run: npm run bench (the chart query on 50 million measurements has its own command: npm run bench:chart)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createSievert } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { SYSTEM_ACTOR } from '../server/src/modules/auth/actor.js';
import { dispersionBench } from './dispersion.js';
import { monitoringIngestBench } from './monitoring-ingest.js';
import { registryBench } from './registry.js';

const N = Number(process.env.BENCH_N ?? 2000);

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'sievert-bench-'));
  const config = loadConfig({
    SIEVERT_DATA_DIR: dir,
    SIEVERT_MQTT: 'off',
    SIEVERT_DEMO: '0',
    SIEVERT_ADMIN_PASSWORD: 'Bench-Mark-Pass-2026!',
    SIEVERT_WEB_DIR: path.join(dir, 'none'),
  });
  const s = await createSievert(config, { logger: false });
  const db = s.database.db;
  try {
    // Plain inserts, one transaction each, like a service without audit would do.
    let t = performance.now();
    for (let i = 0; i < N; i += 1) {
      await db.transaction().execute((trx) =>
        trx
          .insertInto('organisations')
          .values({
            kind: 'department',
            code: `PLAIN-${i}`,
            name: `Plain ${i}`,
            name_en: null,
            commune_code: null,
            address: null,
            phone: null,
            email: null,
            latitude: null,
            longitude: null,
            status: 'active',
            search_text: `plain ${i}`,
            created_at: new Date().toISOString(),
            updated_at: new Date().toISOString(),
            version: 1,
          })
          .execute(),
      );
    }
    const plain = performance.now() - t;

    t = performance.now();
    for (let i = 0; i < N; i += 1) {
      await s.services.organisations.create(SYSTEM_ACTOR, {
        kind: 'department',
        code: `AUD-${i}`,
        name: `Audited ${i}`,
      });
    }
    const audited = performance.now() - t;

    t = performance.now();
    const rows = await db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    const scan = performance.now() - t;
    t = performance.now();
    const result = await s.services.audit.verify(SYSTEM_ACTOR);
    const verify = performance.now() - t;
    if (!result.intact) throw new Error('chain broken during bench');

    const plainGeo = await s.app.inject({ url: '/api/v1/geo/communes.geojson' });
    const gzGeo = await s.app.inject({
      url: '/api/v1/geo/communes.geojson',
      headers: { 'accept-encoding': 'br' },
    });

    const line = (name: string, value: string) => console.log(`${name.padEnd(52)} ${value}`);
    console.log(`Sievert foundation benchmarks (SQLite, N=${N})`);
    line('organisation insert, plain (ms each)', (plain / N).toFixed(3));
    line('organisation create via service + audit (ms each)', (audited / N).toFixed(3));
    line('ratio audited/plain (target ≤ 6)', (audited / plain).toFixed(2));
    line(`audit verify of ${result.checked} entries (ms)`, verify.toFixed(1));
    line(`plain scan of ${rows.length} entries (ms)`, scan.toFixed(1));
    line('ratio verify/scan (target ≤ 5)', (verify / scan).toFixed(2));
    line(
      'communes GeoJSON bytes, identity / brotli',
      `${plainGeo.rawPayload.length} / ${gzGeo.rawPayload.length}`,
    );
    line(
      'ratio compressed/identity (target ≤ 0.3)',
      (gzGeo.rawPayload.length / plainGeo.rawPayload.length).toFixed(3),
    );
  } finally {
    await s.app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
await registryBench();
await monitoringIngestBench();
await dispersionBench();
