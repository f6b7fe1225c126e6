import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

/**
 * Security incidents (breach notification): what happened, when, which data, the notice text in
 * English and Spanish, the site notice; and the people chosen to be notified.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('breach_incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description_en', 'text', (c) => c.notNull())
    .addColumn('description_es', 'text', (c) => c.notNull())
    .addColumn('actions_en', 'text', (c) => c.notNull())
    .addColumn('actions_es', 'text', (c) => c.notNull())
    .addColumn('advice_en', 'text', (c) => c.notNull())
    .addColumn('advice_es', 'text', (c) => c.notNull())
    .addColumn('categories', t.json, (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('occurred_at', t.time)
    .addColumn('discovered_at', t.time, (c) => c.notNull())
    .addColumn('notices_sent_at', t.time)
    .addColumn('banner_published_at', t.time)
    .addColumn('banner_withdrawn_at', t.time)
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', t.time, (c) => c.notNull())
    .addColumn('updated_at', t.time, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('breach_recipients')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('breach_incidents.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('notified_at', t.time)
    .addColumn('created_at', t.time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('breach_recipients_incident_idx').on('breach_recipients').columns(['incident_id', 'notified_at']).execute();
  await db.schema.createIndex('breach_recipients_user_idx').on('breach_recipients').columns(['incident_id', 'user_id']).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('breach_recipients').execute();
  await db.schema.dropTable('breach_incidents').execute();
}
