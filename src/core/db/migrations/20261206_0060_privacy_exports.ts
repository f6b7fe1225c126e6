import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

/**
 * Data exports (the right of access): one row per ZIP asked for, by the person signed in or by
 * the privacy officer for a request. The ZIP lives in private storage until it expires.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('privacy_exports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('email', 'text')
    .addColumn('request_id', 'text', (c) => c.references('privacy_requests.id').onDelete('set null'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text')
    .addColumn('file_key', 'text')
    .addColumn('bytes', 'integer')
    .addColumn('created_at', t.time, (c) => c.notNull())
    .addColumn('ready_at', t.time)
    .addColumn('expires_at', t.time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('privacy_exports_user_idx').on('privacy_exports').column('user_id').execute();
  await db.schema.createIndex('privacy_exports_token_idx').on('privacy_exports').column('token_hash').execute();
  await db.schema.createIndex('privacy_exports_expires_idx').on('privacy_exports').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('privacy_exports').execute();
}
