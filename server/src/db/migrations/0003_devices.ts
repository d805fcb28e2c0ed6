import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import type { ColumnKit } from './kit.js';

/** Radiation devices and their periodic QA tests (kiểm định). */
export async function up(db: Kysely<unknown>, _dialect: Dialect, k: ColumnKit): Promise<void> {
  await k
    .id(db.schema.createTable('devices'))
    .addColumn('facility_id', 'integer', (c) => c.notNull().references('organisations.id'))
    .addColumn('device_type', 'text', (c) => c.notNull())
    .addColumn('digital', 'integer')
    .addColumn('maker', 'text')
    .addColumn('model', 'text')
    .addColumn('serial', 'text')
    .addColumn('year_made', 'integer')
    .addColumn('location', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('devices_facility')
    .on('devices')
    .columns(['facility_id', 'device_type'])
    .execute();
  await db.schema.createIndex('devices_type').on('devices').columns(['device_type', 'status']).execute();

  await k
    .id(db.schema.createTable('device_qa_tests'))
    .addColumn('device_id', 'integer', (c) => c.notNull().references('devices.id'))
    .addColumn('tested_on', 'text', (c) => c.notNull())
    .addColumn('certificate_number', 'text')
    .addColumn('tester', 'text')
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('next_due', 'text')
    .addColumn('note', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer')
    .execute();
  await db.schema
    .createIndex('device_qa_tests_device')
    .on('device_qa_tests')
    .columns(['device_id', 'tested_on'])
    .execute();
}
