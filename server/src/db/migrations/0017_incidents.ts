import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import type { ColumnKit } from './kit.js';

/**
 * Incidents and their response: the incident (numbered per year), tasks for agencies, the timeline, attached
 * files (kept here, at most 10 MB each), statutory clocks, public notices; and the alarm an incident was
 * opened from points back to it.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect, k: ColumnKit): Promise<void> {
  // One row per year: the last number given, taken with an atomic upsert so that two reports never share one.
  await db.schema
    .createTable('incident_counters')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();

  await k
    .id(db.schema.createTable('incidents'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_key', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('lat', k.float, (c) => c.notNull())
    .addColumn('lon', k.float, (c) => c.notNull())
    .addColumn('commune_code', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('severity', 'text')
    .addColumn('ines', 'integer')
    .addColumn('assessment_reasons', 'text')
    .addColumn('exercise', 'integer', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('alarm_id', 'integer', (c) => c.references('alarms.id'))
    .addColumn('facility_id', 'integer', (c) => c.references('organisations.id'))
    .addColumn('source_id', 'integer', (c) => c.references('sources.id'))
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id'))
    .addColumn('commander_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('discovered_at', 'text', (c) => c.notNull())
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('final_report', 'text')
    .addColumn('closing_reason', 'text')
    .addColumn('scenario', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('incidents_year_seq', ['year', 'seq'])
    .execute();
  await db.schema.createIndex('incidents_state').on('incidents').column('state').execute();
  await db.schema.createIndex('incidents_commune').on('incidents').column('commune_code').execute();
  await db.schema.createIndex('incidents_organisation').on('incidents').column('organisation_id').execute();
  await db.schema.createIndex('incidents_discovered').on('incidents').column('discovered_at').execute();

  await k
    .id(db.schema.createTable('incident_tasks'))
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('agency_kind', 'text')
    .addColumn('assignee_organisation_id', 'integer', (c) => c.references('organisations.id'))
    .addColumn('owner_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'integer', (c) => c.references('users.id'))
    .addColumn('completed_at', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('incident_tasks_incident').on('incident_tasks').column('incident_id').execute();
  await db.schema
    .createIndex('incident_tasks_assignee')
    .on('incident_tasks')
    .column('assignee_organisation_id')
    .execute();
  await db.schema.createIndex('incident_tasks_owner').on('incident_tasks').column('owner_user_id').execute();

  await k
    .id(db.schema.createTable('incident_attachments'))
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('bytes', k.bytes, (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('incident_attachments_incident')
    .on('incident_attachments')
    .column('incident_id')
    .execute();

  await k
    .id(db.schema.createTable('incident_timeline'))
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('data', 'text')
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('attachment_id', 'integer', (c) => c.references('incident_attachments.id'))
    .execute();
  await db.schema
    .createIndex('incident_timeline_incident')
    .on('incident_timeline')
    .columns(['incident_id', 'at'])
    .execute();

  await db.schema
    .createTable('incident_clocks')
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('met_at', 'text')
    .addColumn('met_by', 'integer', (c) => c.references('users.id'))
    .addColumn('reminded_at', 'text')
    .addColumn('escalated_at', 'text')
    .addPrimaryKeyConstraint('incident_clocks_pk', ['incident_id', 'code'])
    .execute();
  await db.schema
    .createIndex('incident_clocks_open')
    .on('incident_clocks')
    .columns(['met_at', 'due_at'])
    .execute();

  await k
    .id(db.schema.createTable('incident_notices'))
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('exercise', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'integer', (c) => c.references('users.id'))
    .addColumn('approved_at', 'text')
    .execute();
  await db.schema
    .createIndex('incident_notices_incident')
    .on('incident_notices')
    .column('incident_id')
    .execute();

  await db.schema.alterTable('alarms').addColumn('incident_id', 'integer').execute();
}
