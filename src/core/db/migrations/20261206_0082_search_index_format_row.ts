import type { Kysely } from 'kysely';

/**
 * Data change: the index every database has so far is format 1 (accented and unaccented
 * spellings stemmed apart); the next start rebuilds it in the format of its code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.insertInto('search_index_format').values({ version: 1 }).execute();
}

export async function down(): Promise<void> {
  // Nothing to undo: the table goes with 0081's down.
}
