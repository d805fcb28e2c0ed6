import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import type { ColumnKit } from './kit.js';

/**
 * Monitoring alarms (one per episode of a station and rule, or of a cluster of neighbouring stations) and their
 * history: raised, escalated, acknowledged, closed, reopened — with who and when.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect, k: ColumnKit): Promise<void> {
  await k
    .id(db.schema.createTable('alarms'))
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    /** Null for a network alarm (neighbour agreement); its stations are in `stations`. */
    .addColumn('station_id', 'integer', (c) => c.references('stations.id'))
    .addColumn('stations', 'text', (c) => c.notNull())
    .addColumn('quantity', 'text')
    .addColumn('peak_value', k.float)
    .addColumn('peak_time', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('clear_since', 'text')
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'integer', (c) => c.references('users.id'))
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('alarms_station_rule')
    .on('alarms')
    .columns(['station_id', 'rule', 'id'])
    .execute();
  await db.schema.createIndex('alarms_state').on('alarms').columns(['state', 'id']).execute();
  await k
    .id(db.schema.createTable('alarm_events'))
    .addColumn('alarm_id', 'integer', (c) => c.notNull().references('alarms.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    /** raised, escalated, acknowledged, resolved, false_alarm, reopened, auto_resolved. */
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('alarm_events_alarm').on('alarm_events').columns(['alarm_id', 'id']).execute();
}
