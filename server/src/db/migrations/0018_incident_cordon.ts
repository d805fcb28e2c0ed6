import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import type { ColumnKit } from './kit.js';

/** The cordon the command sets around an incident: a circle (radius, centre), when and by whom. */
export async function up(db: Kysely<unknown>, _dialect: Dialect, k: ColumnKit): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds a single column.
  await db.schema.alterTable('incidents').addColumn('cordon_radius_m', k.float).execute();
  await db.schema.alterTable('incidents').addColumn('cordon_lat', k.float).execute();
  await db.schema.alterTable('incidents').addColumn('cordon_lon', k.float).execute();
  await db.schema.alterTable('incidents').addColumn('cordon_set_at', 'text').execute();
  await db.schema
    .alterTable('incidents')
    .addColumn('cordon_set_by', 'integer', (c) => c.references('users.id'))
    .execute();
}
