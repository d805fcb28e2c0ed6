import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import type { ColumnKit } from './kit.js';

/**
 * Public release rules of monitoring data: the network's default (station_id null) and per-station overrides —
 * a delay, which values are shown, and an embargo with its reason and who set or lifted it.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect, k: ColumnKit): Promise<void> {
  await k
    .id(db.schema.createTable('publication_rules'))
    .addColumn('station_id', 'integer', (c) => c.references('stations.id').unique())
    .addColumn('delay_s', 'integer', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('embargo', 'integer', (c) => c.notNull())
    .addColumn('embargo_reason', 'text')
    .addColumn('embargo_changed_at', 'text')
    .addColumn('embargo_changed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .execute();
}
