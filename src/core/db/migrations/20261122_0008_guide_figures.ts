import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('guide_figures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('guide_id', 'text', (c) => c.notNull().references('guides.id').onDelete('cascade'))
    .addColumn('section_id', 'text', (c) => c.references('guide_sections.id').onDelete('set null'))
    .addColumn('position', 'integer', (c) => c.notNull())
    // Null while an imported caption still awaits its image.
    .addColumn('media_id', 'text', (c) => c.references('media.id').onDelete('set null'))
    .addColumn('alt', 'text', (c) => c.notNull())
    .addColumn('caption', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('guide_figures_guide_idx').on('guide_figures').column('guide_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('guide_figures').execute();
}
