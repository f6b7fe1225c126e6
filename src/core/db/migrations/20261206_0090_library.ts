import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

/**
 * The professional library: items (studies, white papers, videos, articles, photo sets), their
 * authors, procedures and files, revisions of published items, suggested edits, and the content
 * licence each uploader accepted.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('library_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body_md', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('refs', t.json, (c) => c.notNull())
    .addColumn('nudity', t.bool, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('return_reason', 'text')
    .addColumn('removal_reason', 'text')
    .addColumn('created_at', t.time, (c) => c.notNull())
    .addColumn('updated_at', t.time, (c) => c.notNull())
    .addColumn('submitted_at', t.time)
    .addColumn('published_at', t.time)
    .addColumn('removed_at', t.time)
    .execute();
  await db.schema.createIndex('library_items_status_idx').on('library_items').columns(['status', 'published_at']).execute();
  await db.schema.createIndex('library_items_owner_idx').on('library_items').column('owner_id').execute();
  await db.schema
    .createTable('library_item_authors')
    .addColumn('item_id', 'text', (c) => c.notNull().references('library_items.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('library_item_authors_pk', ['item_id', 'position'])
    .execute();
  await db.schema.createIndex('library_item_authors_user_idx').on('library_item_authors').column('user_id').execute();
  await db.schema
    .createTable('library_item_procedures')
    .addColumn('item_id', 'text', (c) => c.notNull().references('library_items.id').onDelete('cascade'))
    .addColumn('procedure', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('library_item_procedures_pk', ['item_id', 'procedure'])
    .execute();
  await db.schema.createIndex('library_item_procedures_proc_idx').on('library_item_procedures').column('procedure').execute();
  await db.schema
    .createTable('library_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('library_items.id').onDelete('cascade'))
    .addColumn('media_id', 'text', (c) => c.notNull().references('media.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('alt', 'text', (c) => c.notNull())
    .addColumn('created_at', t.time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('library_files_item_idx').on('library_files').columns(['item_id', 'position']).execute();
  await db.schema.createIndex('library_files_media_idx').on('library_files').column('media_id').execute();
  await db.schema
    .createTable('library_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('library_items.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('snapshot', t.json, (c) => c.notNull())
    .addColumn('created_at', t.time, (c) => c.notNull())
    .addUniqueConstraint('library_revisions_item_number', ['item_id', 'number'])
    .execute();
  await db.schema
    .createTable('library_suggestions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('library_items.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('base_revision', 'integer', (c) => c.notNull())
    .addColumn('snapshot', t.json, (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', t.time)
    .addColumn('created_at', t.time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('library_suggestions_item_idx').on('library_suggestions').columns(['item_id', 'status']).execute();
  await db.schema
    .createTable('library_licence_acceptances')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('accepted_at', t.time, (c) => c.notNull())
    .addUniqueConstraint('library_licence_user_version', ['user_id', 'version'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['library_licence_acceptances', 'library_suggestions', 'library_revisions', 'library_files', 'library_item_procedures', 'library_item_authors', 'library_items']) {
    await db.schema.dropTable(table).execute();
  }
}
