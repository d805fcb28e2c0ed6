import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import type { ColumnKit } from './kit.js';

/** Monthly quantities of unsealed nuclides received and used (nuclear medicine). */
export async function up(db: Kysely<unknown>, _dialect: Dialect, k: ColumnKit): Promise<void> {
  await k
    .id(db.schema.createTable('unsealed_records'))
    .addColumn('facility_id', 'integer', (c) => c.notNull().references('organisations.id'))
    .addColumn('nuclide', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('received_bq', k.float, (c) => c.notNull())
    .addColumn('used_bq', k.float, (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    .execute();
  await db.schema
    .createIndex('unsealed_records_key')
    .on('unsealed_records')
    .columns(['facility_id', 'nuclide', 'period'])
    .unique()
    .execute();
}
