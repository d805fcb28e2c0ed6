import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import type { ColumnKit } from './kit.js';

/** Yearly inventory reconciliation of sealed sources: each facility confirms its list. */
export async function up(db: Kysely<unknown>, _dialect: Dialect, k: ColumnKit): Promise<void> {
  await db.schema
    .createTable('inventory_campaigns')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .execute();
  await k
    .id(db.schema.createTable('inventory_confirmations'))
    .addColumn('year', 'integer', (c) => c.notNull().references('inventory_campaigns.year'))
    .addColumn('facility_id', 'integer', (c) => c.notNull().references('organisations.id'))
    .addColumn('expected', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('extra', 'text', (c) => c.notNull())
    .addColumn('discrepancies', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_by', 'integer')
    .addColumn('confirmed_by_name', 'text')
    .execute();
  await db.schema
    .createIndex('inventory_confirmations_year_facility')
    .on('inventory_confirmations')
    .columns(['year', 'facility_id'])
    .unique()
    .execute();
}
