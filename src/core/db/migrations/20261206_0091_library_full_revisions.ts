import type { Kysely } from 'kysely';

/**
 * Library revisions keep the whole item, not only its text: authors, references, procedures and
 * files join the snapshot, and each revision says what made it (`change`, and `restored_from`
 * for a restore). Revisions written before this keep the authors, references, procedures and
 * files the item has now (the best record there is); their changes, kept until now as
 * "restore:N" and "suggestion:ID" summaries, move to the new columns.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('library_revisions').addColumn('change', 'text', (c) => c.notNull().defaultTo('edited')).execute();
  await db.schema.alterTable('library_revisions').addColumn('restored_from', 'integer').execute();

  const revisions: { id: string; item_id: string; number: number; summary: string; snapshot: unknown }[] = await db
    .selectFrom('library_revisions')
    .select(['id', 'item_id', 'number', 'summary', 'snapshot'])
    .execute();
  for (const r of revisions) {
    const [item, authors, procedures, files] = await Promise.all([
      db.selectFrom('library_items').select('refs').where('id', '=', r.item_id).executeTakeFirst(),
      db.selectFrom('library_item_authors').select(['user_id', 'name']).where('item_id', '=', r.item_id).orderBy('position').execute(),
      db.selectFrom('library_item_procedures').select('procedure').where('item_id', '=', r.item_id).orderBy('procedure').execute(),
      db.selectFrom('library_files').select(['media_id', 'role', 'alt']).where('item_id', '=', r.item_id).orderBy('position').execute(),
    ]);
    const text = parse(r.snapshot) as { title: string; summary: string; body: string };
    const snapshot = {
      title: text.title,
      summary: text.summary,
      body: text.body,
      authors: authors.map((a: { user_id: string | null; name: string }) => (a.user_id ? { userId: a.user_id } : { name: a.name })),
      references: item ? parse(item.refs) : [],
      procedures: procedures.map((p: { procedure: string }) => p.procedure),
      files: files.map((f: { media_id: string; role: string; alt: string }) => ({ mediaId: f.media_id, role: f.role, alt: f.alt })),
    };
    const restore = /^restore:(\d+)$/.exec(r.summary);
    const change = r.number === 1 ? 'published' : restore ? 'restored' : r.summary.startsWith('suggestion:') ? 'suggestion' : 'edited';
    await db
      .updateTable('library_revisions')
      .set({
        snapshot: JSON.stringify(snapshot),
        change,
        restored_from: restore ? Number(restore[1]) : null,
        summary: restore || change === 'suggestion' ? '' : r.summary,
      })
      .where('id', '=', r.id)
      .execute();
  }
}

function parse(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('library_revisions').dropColumn('restored_from').execute();
  await db.schema.alterTable('library_revisions').dropColumn('change').execute();
}
