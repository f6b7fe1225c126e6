import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

/**
 * The published representation of a guide (rendered sections, figures with their image
 * variants, related guides, languages), written with every change so a reader's page needs
 * one query. Null while the guide is a draft.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('guides').addColumn('public_doc', columnTypes(db).json).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('guides').dropColumn('public_doc').execute();
}
