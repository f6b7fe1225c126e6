import { type Kysely, sql } from 'kysely';
import { columnTypes } from './column-types.js';

/**
 * Whether a session was opened with a second factor (a code after the password, a passkey, or
 * an enrolment made in that session). Staff and professionals need such a session.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .alterTable('sessions')
    .addColumn('second_factor', t.bool, (c) => c.notNull().defaultTo(t.bool === 'boolean' ? sql`false` : sql`0`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('second_factor').execute();
}
