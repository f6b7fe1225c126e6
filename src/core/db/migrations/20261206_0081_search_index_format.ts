import type { Kysely } from 'kysely';

/**
 * The format the search index was written in (one row). core/search compares it with the format
 * its code writes and rebuilds the index at start when it is older, so a change to how text is
 * indexed reaches every database without anyone running `sutura search reindex`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('search_index_format').addColumn('version', 'integer', (c) => c.notNull()).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('search_index_format').execute();
}
