import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import type { ColumnKit } from './kit.js';

/**
 * Publication of incident notices on the public portal: an approved notice is public until it is withdrawn, by
 * whom and why; submitted (sent for approval) is kept as the time it entered the leaders' queue.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect, _k: ColumnKit): Promise<void> {
  await db.schema.alterTable('incident_notices').addColumn('submitted_at', 'text').execute();
  await db.schema
    .alterTable('incident_notices')
    .addColumn('withdrawn_by', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema.alterTable('incident_notices').addColumn('withdrawn_at', 'text').execute();
  await db.schema.alterTable('incident_notices').addColumn('withdraw_reason', 'text').execute();
  await db.schema
    .createIndex('incident_notices_state')
    .on('incident_notices')
    .columns(['state', 'approved_at'])
    .execute();
}
