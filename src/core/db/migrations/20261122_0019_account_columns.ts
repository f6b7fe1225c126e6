import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

/**
 * Member accounts: a verified email, the country (for the transfer notice), the legal texts
 * accepted at registration; sessions remember whether the person asked to stay signed in.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  // SQLite adds one column per statement.
  await db.schema.alterTable('users').addColumn('email_verified_at', t.time).execute();
  await db.schema.alterTable('users').addColumn('country', 'text').execute();
  await db.schema.alterTable('users').addColumn('terms_version', 'text').execute();
  await db.schema.alterTable('users').addColumn('privacy_version', 'text').execute();
  await db.schema.alterTable('users').addColumn('terms_accepted_at', t.time).execute();
  // Asked for the newsletter at registration: subscribed once the address is verified.
  await db.schema.alterTable('users').addColumn('newsletter_opt_in', t.bool, (c) => c.notNull().defaultTo(t.bool === 'boolean' ? false : 0)).execute();
  await db.schema.alterTable('sessions').addColumn('remember', t.bool, (c) => c.notNull().defaultTo(t.bool === 'boolean' ? false : 0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('remember').execute();
  for (const c of ['newsletter_opt_in', 'terms_accepted_at', 'privacy_version', 'terms_version', 'country', 'email_verified_at']) await db.schema.alterTable('users').dropColumn(c).execute();
}
