import { type Kysely, sql } from 'kysely';
import { columnTypes } from './column-types.js';

/**
 * Browsers that have signed in to an account (a hash of the random id in their cookie, per
 * account), so a sign-in from any other browser can be emailed to the account holder; the
 * person's choice to get that email (on by default); and when the account first signed in, so
 * its very first browser is learned without an email.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('known_devices')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('device_hash', 'text', (c) => c.notNull())
    .addColumn('browser', 'text')
    .addColumn('os', 'text')
    .addColumn('first_seen_at', t.time, (c) => c.notNull())
    .addColumn('last_seen_at', t.time, (c) => c.notNull())
    .addPrimaryKeyConstraint('known_devices_pk', ['user_id', 'device_hash'])
    .execute();
  // The retention job forgets browsers by their last sign-in.
  await db.schema.createIndex('known_devices_last_seen_idx').on('known_devices').column('last_seen_at').execute();
  await db.schema
    .alterTable('users')
    .addColumn('new_sign_in_email', t.bool, (c) => c.notNull().defaultTo(t.bool === 'boolean' ? sql`true` : sql`1`))
    .execute();
  await db.schema.alterTable('users').addColumn('first_signed_in_at', t.time).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('first_signed_in_at').execute();
  await db.schema.alterTable('users').dropColumn('new_sign_in_email').execute();
  await db.schema.dropTable('known_devices').execute();
}
