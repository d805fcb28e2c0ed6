import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import type { ColumnKit } from './kit.js';

/** Monitoring stations of the provincial network, and the tokens with which each one sends its data. */
export async function up(db: Kysely<unknown>, _dialect: Dialect, k: ColumnKit): Promise<void> {
  await k
    .id(db.schema.createTable('stations'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('commune_code', 'text')
    .addColumn('lat', k.float, (c) => c.notNull())
    .addColumn('lon', k.float, (c) => c.notNull())
    .addColumn('height_m', k.float)
    .addColumn('altitude_m', k.float)
    .addColumn('detector_type', 'text')
    .addColumn('conversion_factors', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('interval_s', 'integer', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.references('organisations.id'))
    .addColumn('note', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await k
    .id(db.schema.createTable('station_tokens'))
    .addColumn('station_id', 'integer', (c) => c.notNull().references('stations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
}
