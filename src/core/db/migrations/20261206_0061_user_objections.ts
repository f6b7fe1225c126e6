import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

/**
 * A member's objections, recorded with their time: to marketing (no newsletter or other
 * marketing mail reaches them) and to analytics, and a restriction of processing (the account
 * is kept but used only to store it and to answer them).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('users').addColumn('objected_marketing_at', t.time).execute();
  await db.schema.alterTable('users').addColumn('objected_analytics_at', t.time).execute();
  await db.schema.alterTable('users').addColumn('restricted_at', t.time).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('restricted_at').execute();
  await db.schema.alterTable('users').dropColumn('objected_analytics_at').execute();
  await db.schema.alterTable('users').dropColumn('objected_marketing_at').execute();
}
