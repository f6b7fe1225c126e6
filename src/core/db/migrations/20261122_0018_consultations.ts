import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

/**
 * Consultation requests and the staff's internal notes on them. The free-text message, the
 * notes and the photo are medical information: only their ciphertext is stored (the photo's
 * sealed bytes live in media storage under `photo_key`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('consultation_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('preferred_method', 'text', (c) => c.notNull())
    .addColumn('preferred_times', t.json, (c) => c.notNull())
    .addColumn('procedures', t.json, (c) => c.notNull())
    .addColumn('message_sealed', 'text', (c) => c.notNull())
    .addColumn('photo_key', 'text')
    .addColumn('photo_meta', t.json)
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assigned_to', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', t.time, (c) => c.notNull())
    .addColumn('updated_at', t.time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consultation_requests_status_idx').on('consultation_requests').columns(['status', 'created_at']).execute();
  await db.schema
    .createTable('consultation_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('consultation_requests.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body_sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', t.time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consultation_notes_request_idx').on('consultation_notes').column('request_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('consultation_notes').execute();
  await db.schema.dropTable('consultation_requests').execute();
}
