import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

/**
 * California "Shine the Light" (Civ. Code 1798.83): the register of disclosures to third parties
 * for their own direct marketing, and the requests people make about it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('marketing_disclosures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('categories', t.json, (c) => c.notNull())
    .addColumn('markets', 'text', (c) => c.notNull())
    .addColumn('created_at', t.time, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('shine_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('policy_version', 'text', (c) => c.notNull())
    .addColumn('confirm_hash', 'text')
    .addColumn('confirm_expires_at', t.time)
    .addColumn('answer_year', 'integer')
    .addColumn('answer', t.json)
    .addColumn('answered_at', t.time)
    .addColumn('created_at', t.time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('shine_requests_email_idx').on('shine_requests').columns(['email', 'answer_year']).execute();
  await db.schema.createIndex('shine_requests_confirm_idx').on('shine_requests').column('confirm_hash').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('shine_requests').execute();
  await db.schema.dropTable('marketing_disclosures').execute();
}
