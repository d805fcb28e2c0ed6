import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import type { ColumnKit } from './kit.js';

/** Licences (and what they cover), online applications and their history. */
export async function up(db: Kysely<unknown>, _dialect: Dialect, k: ColumnKit): Promise<void> {
  await k
    .id(db.schema.createTable('licences'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('facility_id', 'integer', (c) => c.notNull().references('organisations.id'))
    .addColumn('competent_authority', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text')
    .addColumn('revoked_on', 'text')
    .addColumn('application_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .execute();
  await db.schema
    .createIndex('licences_facility')
    .on('licences')
    .columns(['facility_id', 'valid_until'])
    .execute();

  await db.schema
    .createTable('licence_items')
    .addColumn('licence_id', 'integer', (c) => c.notNull().references('licences.id'))
    .addColumn('item_type', 'text', (c) => c.notNull())
    .addColumn('item_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('licence_items_pk', ['licence_id', 'item_type', 'item_id'])
    .execute();
  await db.schema
    .createIndex('licence_items_item')
    .on('licence_items')
    .columns(['item_type', 'item_id'])
    .execute();

  await k
    .id(db.schema.createTable('applications'))
    .addColumn('facility_id', 'integer', (c) => c.notNull().references('organisations.id'))
    .addColumn('procedure', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('device_ids', 'text', (c) => c.notNull())
    .addColumn('source_ids', 'text', (c) => c.notNull())
    .addColumn('licence_id', 'integer', (c) => c.references('licences.id'))
    .addColumn('note', 'text')
    .addColumn('received_on', 'text')
    .addColumn('due_on', 'text')
    .addColumn('return_reasons', 'text', (c) => c.notNull())
    .addColumn('refusal_reasons', 'text', (c) => c.notNull())
    .addColumn('checklist', 'text', (c) => c.notNull())
    .addColumn('recommendation', 'text')
    .addColumn('issued_licence_id', 'integer', (c) => c.references('licences.id'))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('applications_facility')
    .on('applications')
    .columns(['facility_id', 'status'])
    .execute();
  await db.schema
    .createIndex('applications_status')
    .on('applications')
    .columns(['status', 'due_on'])
    .execute();

  await k
    .id(db.schema.createTable('application_events'))
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('application_events_application')
    .on('application_events')
    .columns(['application_id', 'id'])
    .execute();
}
