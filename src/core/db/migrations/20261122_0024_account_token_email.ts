import type { Kysely } from 'kysely';

/** An email-change link carries the new address until its owner confirms it. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('account_tokens').addColumn('new_email', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('account_tokens').dropColumn('new_email').execute();
}
