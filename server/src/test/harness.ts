/**
 * Test harness: a real Sievert app on a real database — a fresh SQLite file, or a fresh schema inside the run's
 * PostgreSQL test database — with a fake clock and the demo province seeded.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, inject } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { FakeClock } from '../adapters/clock.js';
import { createSievert, type Sievert } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import type { Dialect } from '../db/database.js';
import { DEMO_PASSWORD } from '../demo/seed.js';

export const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];
export const ADMIN_PASSWORD = 'Quản-trị-Thử-2026!';
export { DEMO_PASSWORD };

/** Runs the same suite once on SQLite and once on PostgreSQL. */
export function describeEachDatabase(name: string, fn: (dialect: Dialect) => void): void {
  for (const dialect of DIALECTS) describe(`${name} [${dialect}]`, () => fn(dialect));
}

export interface TestApp extends Sievert {
  clock: FakeClock;
  config: Config;
  dialect: Dialect;
  close(): Promise<void>;
  login(username: string, password?: string, totp?: string): Promise<Session>;
}

export interface Session {
  cookie: string;
  csrfToken: string;
  userId: number;
  request(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

export async function createTestApp(dialect: Dialect, env: Record<string, string> = {}): Promise<TestApp> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sievert-test-'));
  let schema: string | null = null;
  const baseEnv: Record<string, string> = {
    SIEVERT_DATA_DIR: dir,
    SIEVERT_ADMIN_PASSWORD: ADMIN_PASSWORD,
    SIEVERT_MQTT: 'off',
    SIEVERT_LOG_LEVEL: 'silent',
    SIEVERT_WEB_DIR: path.join(dir, 'no-web'),
    ...env,
  };
  if (dialect === 'postgres') {
    const url = inject('pgUrl');
    schema = `t_${randomBytes(6).toString('hex')}`;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`create schema ${schema}`);
    await client.end();
    baseEnv.DATABASE_URL = url;
  }
  const config = loadConfig(baseEnv);
  if (config.database.dialect === 'postgres' && schema) config.database.schema = schema;
  const clock = new FakeClock();
  const sievert = await createSievert(config, { clock, logger: false });
  await sievert.app.ready();

  const app: TestApp = {
    ...sievert,
    clock,
    config,
    dialect,
    async close() {
      await sievert.app.close();
      if (schema) {
        const client = new pg.Client({ connectionString: inject('pgUrl') });
        await client.connect();
        await client.query(`drop schema ${schema} cascade`);
        await client.end();
      }
      rmSync(dir, { recursive: true, force: true });
    },
    async login(username, password = DEMO_PASSWORD, totp) {
      const res = await sievert.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password, ...(totp ? { totp } : {}) },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const setCookie = res.cookies.find((c) => c.name === 'sievert_session');
      if (!setCookie) throw new Error('no session cookie');
      const body = res.json<{ csrfToken: string; user: { id: number } }>();
      return sessionFor(sievert, `sievert_session=${setCookie.value}`, body.csrfToken, body.user.id);
    },
  };
  return app;
}

export function sessionFor(sievert: Sievert, cookie: string, csrfToken: string, userId: number): Session {
  return {
    cookie,
    csrfToken,
    userId,
    request(method, url, body, headers = {}) {
      return sievert.app.inject({
        method: method as 'GET',
        url,
        headers: { cookie, 'x-csrf-token': csrfToken, ...headers },
        ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
      });
    },
  };
}

/** The id of a demo organisation by its code. */
export async function orgId(app: TestApp, code: string): Promise<number> {
  const row = await app.database.db
    .selectFrom('organisations')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function userId(app: TestApp, username: string): Promise<number> {
  const row = await app.database.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return row.id;
}
