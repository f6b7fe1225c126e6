import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

/** Append-only: every save of a guide stores a full snapshot. */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('guide_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('guide_id', 'text', (c) => c.notNull().references('guides.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', t.time, (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('snapshot', t.json, (c) => c.notNull())
    .addUniqueConstraint('guide_revisions_number_uq', ['guide_id', 'number'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('guide_revisions').execute();
}
