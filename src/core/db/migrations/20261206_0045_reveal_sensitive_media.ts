import { type Kysely, sql } from 'kysely';
import { columnTypes } from './column-types.js';

/** A signed-in adult's choice to see images marked sensitive without the blur (off by default). */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .alterTable('users')
    .addColumn('reveal_sensitive_media', t.bool, (c) => c.notNull().defaultTo(t.bool === 'boolean' ? sql`false` : sql`0`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('reveal_sensitive_media').execute();
}
