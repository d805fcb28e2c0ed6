import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import type { ColumnKit } from './kit.js';

/**
 * Notifications (one row per event), each person's inbox, subscriptions (a person's own or a role's),
 * webhooks, the delivery outbox (e-mail and webhook attempts survive restarts) and the job leases that let
 * only one instance run each periodic job.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect, k: ColumnKit): Promise<void> {
  await k
    .id(db.schema.createTable('notifications'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('commune_code', 'text')
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id'))
    .addColumn('title_vi', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('body_vi', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('data', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notifications_created_idx').on('notifications').column('created_at').execute();

  await db.schema
    .createTable('notification_inbox')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('notification_id', 'integer', (c) => c.notNull().references('notifications.id'))
    .addColumn('read_at', 'text')
    .addPrimaryKeyConstraint('notification_inbox_pk', ['user_id', 'notification_id'])
    .execute();
  await db.schema
    .createIndex('notification_inbox_unread_idx')
    .on('notification_inbox')
    .columns(['user_id', 'read_at'])
    .execute();

  // A person's own subscription (user_id) or a role's (role); the other column is null.
  await k
    .id(db.schema.createTable('notification_subscriptions'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').unique())
    .addColumn('role', 'text', (c) => c.unique())
    .addColumn('in_app_min_severity', 'text')
    .addColumn('email_min_severity', 'text')
    .addColumn('kinds', 'text', (c) => c.notNull())
    .addColumn('commune_codes', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    .execute();

  await k
    .id(db.schema.createTable('webhooks'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret_sealed', 'text', (c) => c.notNull())
    .addColumn('secret_hint', 'text', (c) => c.notNull())
    .addColumn('kinds', 'text', (c) => c.notNull())
    .addColumn('min_severity', 'text', (c) => c.notNull())
    .addColumn('commune_codes', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  await k
    .id(db.schema.createTable('notification_deliveries'))
    .addColumn('notification_id', 'integer', (c) => c.references('notifications.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('webhook_id', 'integer', (c) => c.references('webhooks.id'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('last_http_status', 'integer')
    .addColumn('delivered_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('notification_deliveries_due_idx')
    .on('notification_deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('notification_deliveries_webhook_idx')
    .on('notification_deliveries')
    .columns(['webhook_id', 'id'])
    .execute();

  await db.schema
    .createTable('job_leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}
