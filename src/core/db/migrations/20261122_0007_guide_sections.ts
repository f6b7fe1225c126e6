import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('guide_sections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('guide_id', 'text', (c) => c.notNull().references('guides.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('heading', 'text')
    .addColumn('body_md', 'text', (c) => c.notNull())
    // Rendered once on save: readers never pay for Markdown.
    .addColumn('body_html', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('guide_sections_guide_idx').on('guide_sections').columns(['guide_id', 'position']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('guide_sections').execute();
}
