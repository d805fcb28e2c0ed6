import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import type { ColumnKit } from './kit.js';

/**
 * The measurement store: the one big table, narrow and clustered by (station, quantity, end time), its revisions
 * beside it, hourly and daily rollups kept up to date on ingest, and the latest value of each station and quantity.
 * In SQLite the big tables are WITHOUT ROWID, so a station's series is one range scan of the primary key.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect, k: ColumnKit): Promise<void> {
  const clustered = dialect === 'sqlite' ? sql`without rowid` : sql``;
  await db.schema
    .createTable('measurements')
    .addColumn('station_id', 'integer', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    /** End of the measuring period, epoch seconds (UTC). */
    .addColumn('t', k.bigint, (c) => c.notNull())
    /** Length of the measuring period (s); begin = t − dur. */
    .addColumn('dur', 'integer', (c) => c.notNull())
    .addColumn('value', k.float, (c) => c.notNull())
    .addColumn('unc', k.float)
    /** Quality flags as bits (core QUALITY_FLAGS order). */
    .addColumn('flags', 'integer', (c) => c.notNull())
    /** 0 unvalidated, 1 validated, 2 rejected. */
    .addColumn('state', 'integer', (c) => c.notNull())
    .addColumn('src', 'integer', (c) => c.notNull())
    .addColumn('rev', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('measurements_pk', ['station_id', 'quantity', 't'])
    .modifyEnd(clustered)
    .execute();
  await db.schema
    .createTable('measurement_revisions')
    .addColumn('station_id', 'integer', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('t', k.bigint, (c) => c.notNull())
    .addColumn('rev', 'integer', (c) => c.notNull())
    .addColumn('dur', 'integer', (c) => c.notNull())
    .addColumn('value', k.float, (c) => c.notNull())
    .addColumn('unc', k.float)
    .addColumn('flags', 'integer', (c) => c.notNull())
    .addColumn('state', 'integer', (c) => c.notNull())
    .addColumn('src', 'integer', (c) => c.notNull())
    .addColumn('replaced_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('measurement_revisions_pk', ['station_id', 'quantity', 't', 'rev'])
    .modifyEnd(clustered)
    .execute();
  for (const table of ['rollups_hour', 'rollups_day']) {
    await db.schema
      .createTable(table)
      .addColumn('station_id', 'integer', (c) => c.notNull())
      .addColumn('quantity', 'integer', (c) => c.notNull())
      /** Start of the bucket, epoch seconds (UTC). */
      .addColumn('t', k.bigint, (c) => c.notNull())
      .addColumn('n', 'integer', (c) => c.notNull())
      .addColumn('sum', k.float, (c) => c.notNull())
      .addColumn('min', k.float, (c) => c.notNull())
      .addColumn('max', k.float, (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['station_id', 'quantity', 't'])
      .modifyEnd(clustered)
      .execute();
  }
  await db.schema
    .createTable('measurement_latest')
    .addColumn('station_id', 'integer', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('t', k.bigint, (c) => c.notNull())
    .addColumn('value', k.float, (c) => c.notNull())
    .addColumn('flags', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('measurement_latest_pk', ['station_id', 'quantity'])
    .execute();
}
