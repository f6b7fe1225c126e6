import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

/**
 * Versions of the Terms of Use and the Privacy Policy (English and Spanish text, effective date,
 * summary of changes, whether the change is material), and each person's acceptance of one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('policy_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('body_es', 'text', (c) => c.notNull())
    .addColumn('summary_en', 'text', (c) => c.notNull())
    .addColumn('summary_es', 'text', (c) => c.notNull())
    .addColumn('material', t.bool, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('effective_at', t.time)
    .addColumn('published_at', t.time)
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', t.time, (c) => c.notNull())
    .addColumn('updated_at', t.time, (c) => c.notNull())
    .addUniqueConstraint('policy_versions_document_version_key', ['document', 'version'])
    .execute();
  await db.schema
    .createTable('policy_acceptances')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('accepted_at', t.time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('policy_acceptances_user_idx').on('policy_acceptances').columns(['user_id', 'document']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('policy_acceptances').execute();
  await db.schema.dropTable('policy_versions').execute();
}
