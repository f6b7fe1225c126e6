import type { Kysely } from 'kysely';

/** The published guide's article body (contents, sections, figures), rendered once per change. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('guides').addColumn('public_html', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('guides').dropColumn('public_html').execute();
}
