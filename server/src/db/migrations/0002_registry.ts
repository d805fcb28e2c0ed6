import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import type { ColumnKit } from './kit.js';

/** Registry: facility profiles, sealed sources and their append-only ledger. */
export async function up(db: Kysely<unknown>, _dialect: Dialect, k: ColumnKit): Promise<void> {
  await db.schema
    .createTable('facility_profiles')
    .addColumn('organisation_id', 'integer', (c) =>
      c.primaryKey().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('legal_name', 'text')
    .addColumn('tax_code', 'text')
    .addColumn('facility_kind', 'text', (c) => c.notNull())
    .addColumn('practices', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text')
    .addColumn('rso_name', 'text')
    .addColumn('rso_certificate_number', 'text')
    .addColumn('rso_certificate_expiry', 'text')
    .addColumn('registry_status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('facility_profiles_tax_code')
    .on('facility_profiles')
    .column('tax_code')
    .execute();

  await k
    .id(db.schema.createTable('sources'))
    .addColumn('facility_id', 'integer', (c) => c.notNull().references('organisations.id'))
    .addColumn('nuclide', 'text', (c) => c.notNull())
    .addColumn('serial', 'text', (c) => c.notNull())
    .addColumn('manufacturer', 'text', (c) => c.notNull())
    .addColumn('model', 'text')
    .addColumn('reference_activity_bq', k.float, (c) => c.notNull())
    .addColumn('reference_date', 'text', (c) => c.notNull())
    .addColumn('form', 'text')
    .addColumn('source_use', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('pending_transfer_to', 'integer', (c) => c.references('organisations.id'))
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sources_identity')
    .on('sources')
    .columns(['nuclide', 'manufacturer', 'serial'])
    .unique()
    .execute();
  await db.schema.createIndex('sources_facility').on('sources').columns(['facility_id', 'status']).execute();

  // Append-only: rows are inserted, never updated or deleted; a source's status is derived from them.
  await k
    .id(db.schema.createTable('source_transactions'))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('facility_id', 'integer', (c) => c.notNull().references('organisations.id'))
    .addColumn('counterparty_facility_id', 'integer', (c) => c.references('organisations.id'))
    .addColumn('counterparty_name', 'text')
    .addColumn('location', 'text')
    .addColumn('note', 'text')
    .addColumn('status_after', 'text', (c) => c.notNull())
    .addColumn('matched_transaction_id', 'integer')
    .addColumn('recorded_by', 'integer')
    .execute();
  await db.schema
    .createIndex('source_transactions_source')
    .on('source_transactions')
    .columns(['source_id', 'id'])
    .execute();
}
