import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import type { DatabaseConfig } from '../config.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
/** A handle that is either the database or an open transaction; repositories accept both. */
export type Executor = Kysely<Database> | Transaction<Database>;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /**
   * SQLite only: the connection under Kysely, for the few hot paths that run prepared statements themselves
   * (measurement ingest). Use it only inside a Kysely transaction, which holds this one connection.
   */
  sqlite?: SqliteDatabase.Database;
  /** Cheap round trip for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

// PostgreSQL returns int8 (COUNT(*), SUM of integers) as strings; our integers fit in a double.
pg.types.setTypeParser(20, (value: string) => Number.parseInt(value, 10));
// NUMERIC too (AVG and friends), as numbers.
pg.types.setTypeParser(1700, (value: string) => Number.parseFloat(value));

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  if (config.dialect === 'sqlite') {
    if (config.file !== ':memory:') mkdirSync(path.dirname(config.file), { recursive: true });
    const native = new SqliteDatabase(config.file);
    native.pragma('journal_mode = WAL');
    native.pragma('synchronous = NORMAL');
    native.pragma('foreign_keys = ON');
    native.pragma('busy_timeout = 5000');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: native }) });
    return {
      db,
      dialect: 'sqlite',
      sqlite: native,
      ping: async () => {
        await sql`select 1`.execute(db);
      },
      close: async () => {
        await db.destroy();
      },
    };
  }
  if (config.schema) {
    // The schema must exist before the first query runs with it on the search path.
    const client = new pg.Client({ connectionString: config.url });
    await client.connect();
    try {
      await client.query(`create schema if not exists ${config.schema}`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: 10,
    ...(config.schema ? { options: `-c search_path=${config.schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: async () => {
      await db.destroy();
    },
  };
}
