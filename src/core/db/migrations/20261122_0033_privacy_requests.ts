import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

/** Rights requests (access, deletion, correction ...) and the privacy officer's notes on them. */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('privacy_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('confirm_hash', 'text')
    .addColumn('confirm_expires_at', t.time)
    .addColumn('confirmed_at', t.time)
    .addColumn('due_at', t.time)
    .addColumn('closed_at', t.time)
    .addColumn('created_at', t.time, (c) => c.notNull())
    .addColumn('updated_at', t.time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('privacy_requests_status_idx').on('privacy_requests').columns(['status', 'due_at']).execute();
  await db.schema.createIndex('privacy_requests_confirm_idx').on('privacy_requests').column('confirm_hash').execute();
  await db.schema
    .createTable('privacy_request_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('privacy_requests.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', t.time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('privacy_request_entries_request_idx').on('privacy_request_entries').column('request_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('privacy_request_entries').execute();
  await db.schema.dropTable('privacy_requests').execute();
}
