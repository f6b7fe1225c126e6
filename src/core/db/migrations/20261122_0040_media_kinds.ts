import { type Kysely, sql } from 'kysely';
import { columnTypes } from './column-types.js';

/**
 * Media beyond images: videos and PDFs. `file_key` names the stored file itself (a video, a
 * PDF; null for images, which are only their variants), `duration_ms` a video's length,
 * `pages` a PDF's page count, `text_content` a PDF's extracted text for search (capped),
 * `placeholder` a tiny blurred image as a data: URI, `is_private` media never served by the
 * public route (drafts, patient material).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  // SQLite adds one column per statement.
  await db.schema.alterTable('media').addColumn('file_key', 'text').execute();
  await db.schema.alterTable('media').addColumn('duration_ms', 'integer').execute();
  await db.schema.alterTable('media').addColumn('pages', 'integer').execute();
  await db.schema.alterTable('media').addColumn('text_content', 'text').execute();
  await db.schema.alterTable('media').addColumn('placeholder', 'text').execute();
  await db.schema
    .alterTable('media')
    .addColumn('is_private', t.bool, (c) => c.notNull().defaultTo(t.bool === 'boolean' ? sql`false` : sql`0`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['is_private', 'placeholder', 'text_content', 'pages', 'duration_ms', 'file_key']) {
    await db.schema.alterTable('media').dropColumn(column).execute();
  }
}
