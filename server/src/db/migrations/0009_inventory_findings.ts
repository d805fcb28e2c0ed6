import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import type { ColumnKit } from './kit.js';

/** Differences found by the yearly inventory, each followed up by the Department until resolved. */
export async function up(db: Kysely<unknown>, _dialect: Dialect, k: ColumnKit): Promise<void> {
  await k
    .id(db.schema.createTable('inventory_findings'))
    .addColumn('year', 'integer', (c) => c.notNull().references('inventory_campaigns.year'))
    .addColumn('facility_id', 'integer', (c) => c.notNull().references('organisations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_id', 'integer')
    .addColumn('nuclide', 'text')
    .addColumn('serial', 'text')
    .addColumn('note', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('resolution', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('inventory_findings_year_facility')
    .on('inventory_findings')
    .columns(['year', 'facility_id'])
    .execute();
  await db.schema.alterTable('inventory_campaigns').addColumn('closed_at', 'text').execute();
}
