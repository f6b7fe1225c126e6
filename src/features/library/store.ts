import type { Selectable } from 'kysely';
import type { Db, Trx } from '../../core/db/index.js';
import { newId } from '../../core/db/ids.js';
import { nowIso, readBool, readJson, readTime, readTimeOrNull, writeJson } from '../../core/db/portable.js';
import type { Locale } from '../../core/i18n/locales.js';
import type { FileRole, ItemKind, ItemStatus, LibraryItem, Reference, RemovalReason, Revision, RevisionChange, Snapshot, SnapshotFile, Suggestion, TextSnapshot } from './model.js';
import './tables.js';
import type { LibraryItemsTable } from './tables.js';

type Conn = Db | Trx;

function toItem(row: Selectable<LibraryItemsTable>, authors: LibraryItem['authors'], procedures: readonly string[]): LibraryItem {
  return {
    id: row.id,
    slug: row.slug,
    locale: row.locale as Locale,
    kind: row.kind as ItemKind,
    title: row.title,
    summary: row.summary,
    bodyMd: row.body_md,
    bodyHtml: row.body_html,
    references: readJson<Reference[]>(row.refs),
    nudity: readBool(row.nudity),
    status: row.status as ItemStatus,
    ownerId: row.owner_id,
    revision: row.revision,
    returnReason: row.return_reason,
    removalReason: row.removal_reason as RemovalReason | null,
    createdAt: readTime(row.created_at),
    updatedAt: readTime(row.updated_at),
    publishedAt: readTimeOrNull(row.published_at),
    removedAt: readTimeOrNull(row.removed_at),
    authors,
    procedures,
  };
}

/** Items with their authors and procedures, in the order of `rows`. */
async function hydrate(db: Conn, rows: Selectable<LibraryItemsTable>[]): Promise<LibraryItem[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [authors, procedures] = await Promise.all([
    db.selectFrom('library_item_authors').selectAll().where('item_id', 'in', ids).orderBy('position').execute(),
    db.selectFrom('library_item_procedures').selectAll().where('item_id', 'in', ids).orderBy('procedure').execute(),
  ]);
  return rows.map((r) =>
    toItem(
      r,
      authors.filter((a) => a.item_id === r.id).map((a) => ({ userId: a.user_id, name: a.name })),
      procedures.filter((p) => p.item_id === r.id).map((p) => p.procedure),
    ),
  );
}

export async function findItem(db: Conn, id: string): Promise<LibraryItem | null> {
  const row = await db.selectFrom('library_items').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? ((await hydrate(db, [row]))[0] ?? null) : null;
}

export async function findItemBySlug(db: Conn, slug: string): Promise<LibraryItem | null> {
  const row = await db.selectFrom('library_items').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row ? ((await hydrate(db, [row]))[0] ?? null) : null;
}

export async function slugTaken(db: Conn, slug: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('library_items').select('id').where('slug', '=', slug);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export interface ItemFields {
  readonly kind: ItemKind;
  readonly locale: Locale;
  readonly title: string;
  readonly summary: string;
  readonly bodyMd: string;
  readonly bodyHtml: string;
  readonly references: readonly Reference[];
  readonly nudity: boolean;
  readonly authors: readonly { userId: string | null; name: string }[];
  readonly procedures: readonly string[];
}

export async function insertItem(trx: Trx, slug: string, ownerId: string, f: ItemFields): Promise<string> {
  const id = newId();
  const now = nowIso();
  await trx
    .insertInto('library_items')
    .values({
      id,
      slug,
      locale: f.locale,
      kind: f.kind,
      title: f.title,
      summary: f.summary,
      body_md: f.bodyMd,
      body_html: f.bodyHtml,
      refs: writeJson(f.references),
      nudity: f.nudity,
      status: 'draft',
      owner_id: ownerId,
      revision: 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await writeLinks(trx, id, f);
  return id;
}

async function writeLinks(trx: Trx, id: string, f: Pick<ItemFields, 'authors' | 'procedures'>): Promise<void> {
  await trx.deleteFrom('library_item_authors').where('item_id', '=', id).execute();
  await trx.deleteFrom('library_item_procedures').where('item_id', '=', id).execute();
  if (f.authors.length) await trx.insertInto('library_item_authors').values(f.authors.map((a, i) => ({ item_id: id, position: i, user_id: a.userId, name: a.name }))).execute();
  const procs = [...new Set(f.procedures)];
  if (procs.length) await trx.insertInto('library_item_procedures').values(procs.map((p) => ({ item_id: id, procedure: p }))).execute();
}

export async function updateItem(trx: Trx, id: string, f: ItemFields): Promise<void> {
  await trx
    .updateTable('library_items')
    .set({ kind: f.kind, locale: f.locale, title: f.title, summary: f.summary, body_md: f.bodyMd, body_html: f.bodyHtml, refs: writeJson(f.references), nudity: f.nudity, updated_at: nowIso() })
    .where('id', '=', id)
    .execute();
  await writeLinks(trx, id, f);
}

/** Sets the text of an item (a suggestion accepted). */
export async function updateText(trx: Trx, id: string, text: { title: string; summary: string; bodyMd: string; bodyHtml: string }): Promise<void> {
  await trx.updateTable('library_items').set({ title: text.title, summary: text.summary, body_md: text.bodyMd, body_html: text.bodyHtml, updated_at: nowIso() }).where('id', '=', id).execute();
}

/** Sets everything a revision keeps (a revision restored); the files are set with `setFiles`. */
export async function restoreFields(
  trx: Trx,
  id: string,
  f: Pick<ItemFields, 'title' | 'summary' | 'bodyMd' | 'bodyHtml' | 'references' | 'authors' | 'procedures'>,
): Promise<void> {
  await trx
    .updateTable('library_items')
    .set({ title: f.title, summary: f.summary, body_md: f.bodyMd, body_html: f.bodyHtml, refs: writeJson(f.references), updated_at: nowIso() })
    .where('id', '=', id)
    .execute();
  await writeLinks(trx, id, f);
}

export async function setNudity(trx: Trx, id: string, nudity: boolean): Promise<void> {
  await trx.updateTable('library_items').set({ nudity, updated_at: nowIso() }).where('id', '=', id).execute();
}

/** Moves an item from one status to another; false when it was no longer in `from` (a race or a repeated click). */
export async function transition(
  trx: Trx,
  id: string,
  from: readonly ItemStatus[],
  to: ItemStatus,
  extra: { returnReason?: string | null; removalReason?: RemovalReason } = {},
): Promise<boolean> {
  const now = nowIso();
  const result = await trx
    .updateTable('library_items')
    .set({
      status: to,
      updated_at: now,
      ...(to === 'submitted' ? { submitted_at: now, return_reason: null } : {}),
      ...(to === 'returned' ? { return_reason: extra.returnReason ?? null } : {}),
      ...(to === 'published' ? { published_at: now, return_reason: null } : {}),
      ...(to === 'removed' ? { removed_at: now, removal_reason: extra.removalReason ?? 'other' } : {}),
    })
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setRevision(trx: Trx, id: string, revision: number): Promise<void> {
  await trx.updateTable('library_items').set({ revision }).where('id', '=', id).execute();
}

export interface ListFilter {
  readonly kind?: ItemKind;
  readonly procedure?: string;
  readonly authorId?: string;
  readonly locale?: Locale;
}

/** Published items, newest first, one page at a time; `total` counts every match. */
export async function listPublished(db: Conn, filter: ListFilter, page: { limit: number; offset: number }): Promise<{ items: LibraryItem[]; total: number }> {
  let q = db.selectFrom('library_items').where('status', '=', 'published');
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.locale) q = q.where('locale', '=', filter.locale);
  if (filter.procedure) {
    const procedure = filter.procedure;
    q = q.where('id', 'in', (s) => s.selectFrom('library_item_procedures').select('item_id').where('procedure', '=', procedure));
  }
  if (filter.authorId) {
    const authorId = filter.authorId;
    q = q.where((eb) => eb.or([eb('owner_id', '=', authorId), eb('id', 'in', eb.selectFrom('library_item_authors').select('item_id').where('user_id', '=', authorId))]));
  }
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('published_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await hydrate(db, rows), total: Number(count.n) };
}

export async function listByOwner(db: Conn, ownerId: string): Promise<LibraryItem[]> {
  return hydrate(db, await db.selectFrom('library_items').selectAll().where('owner_id', '=', ownerId).orderBy('updated_at', 'desc').execute());
}

export async function listByStatus(db: Conn, statuses: readonly ItemStatus[]): Promise<LibraryItem[]> {
  return hydrate(db, await db.selectFrom('library_items').selectAll().where('status', 'in', [...statuses]).orderBy('updated_at', 'asc').execute());
}

// Files

export interface FileRow {
  readonly id: string;
  readonly mediaId: string;
  readonly role: FileRole;
  readonly position: number;
  readonly alt: string;
}

export async function listFiles(db: Conn, itemId: string): Promise<FileRow[]> {
  const rows = await db.selectFrom('library_files').selectAll().where('item_id', '=', itemId).orderBy('position').orderBy('created_at').execute();
  return rows.map((r) => ({ id: r.id, mediaId: r.media_id, role: r.role as FileRole, position: r.position, alt: r.alt }));
}

export async function insertFile(trx: Trx, itemId: string, mediaId: string, role: FileRole, alt: string): Promise<string> {
  const id = newId();
  const last = await trx.selectFrom('library_files').select((eb) => eb.fn.max('position').as('p')).where('item_id', '=', itemId).executeTakeFirst();
  await trx.insertInto('library_files').values({ id, item_id: itemId, media_id: mediaId, role, position: Number(last?.p ?? 0) + 1, alt, created_at: nowIso() }).execute();
  return id;
}

/** Deletes an item never published, with its authors, procedures and file rows (by cascade); returns its media ids. */
export async function deleteUnpublished(trx: Trx, id: string): Promise<string[] | null> {
  const mediaIds = (await trx.selectFrom('library_files').select('media_id').where('item_id', '=', id).execute()).map((r) => r.media_id);
  const r = await trx.deleteFrom('library_items').where('id', '=', id).where('status', 'in', ['draft', 'returned']).where('revision', '=', 0).executeTakeFirst();
  return Number(r.numDeletedRows) === 1 ? mediaIds : null;
}

/** Takes a file off an item; returns its media id, or null when the item has no such file. */
export async function deleteFile(trx: Trx, itemId: string, fileId: string): Promise<string | null> {
  const row = await trx.selectFrom('library_files').select('media_id').where('item_id', '=', itemId).where('id', '=', fileId).executeTakeFirst();
  if (!row) return null;
  await trx.deleteFrom('library_files').where('id', '=', fileId).execute();
  return row.media_id;
}

/**
 * Makes an item's files those of `files`, in that order: rows for media no longer listed go,
 * rows for listed media come back (the media object outlives a removed file, so a restore can
 * bring it back), alt text and order follow the list. Media that no longer exists is skipped.
 */
export async function setFiles(trx: Trx, itemId: string, files: readonly SnapshotFile[]): Promise<void> {
  const current = await listFiles(trx, itemId);
  const wanted = new Set(files.map((f) => f.mediaId));
  const gone = current.filter((f) => !wanted.has(f.mediaId)).map((f) => f.id);
  if (gone.length) await trx.deleteFrom('library_files').where('item_id', '=', itemId).where('id', 'in', gone).execute();
  const existing = new Set(wanted.size ? (await trx.selectFrom('media').select('id').where('id', 'in', [...wanted]).execute()).map((m) => m.id) : []);
  let position = 0;
  for (const f of files) {
    if (!existing.has(f.mediaId)) continue;
    position += 1;
    const row = current.find((c) => c.mediaId === f.mediaId);
    if (row) await trx.updateTable('library_files').set({ role: f.role, alt: f.alt, position }).where('id', '=', row.id).execute();
    else await trx.insertInto('library_files').values({ id: newId(), item_id: itemId, media_id: f.mediaId, role: f.role, position, alt: f.alt, created_at: nowIso() }).execute();
  }
}

/** The names files were uploaded under, by media id (for telling files apart in a diff). */
export async function originalNames(db: Conn, mediaIds: readonly string[]): Promise<Map<string, string>> {
  if (!mediaIds.length) return new Map();
  const rows = await db.selectFrom('media').select(['id', 'original_name']).where('id', 'in', [...mediaIds]).execute();
  return new Map(rows.filter((r) => r.original_name).map((r) => [r.id, r.original_name as string]));
}

/** The item a media object belongs to (media ids are random and belong to one item). */
export async function itemIdOfMedia(db: Conn, mediaId: string): Promise<string | null> {
  const row = await db.selectFrom('library_files').select('item_id').where('media_id', '=', mediaId).executeTakeFirst();
  return row?.item_id ?? null;
}

// Revisions

export interface NewRevision {
  readonly number: number;
  readonly authorId: string | null;
  readonly change: RevisionChange;
  readonly restoredFrom?: number;
  readonly summary: string;
  readonly snapshot: Snapshot;
}

export async function insertRevision(trx: Trx, itemId: string, r: NewRevision): Promise<void> {
  await trx
    .insertInto('library_revisions')
    .values({
      id: newId(),
      item_id: itemId,
      number: r.number,
      author_id: r.authorId,
      change: r.change,
      restored_from: r.restoredFrom ?? null,
      summary: r.summary,
      snapshot: writeJson(r.snapshot),
      created_at: nowIso(),
    })
    .execute();
}

export async function listRevisions(db: Conn, itemId: string): Promise<Revision[]> {
  const rows = await db
    .selectFrom('library_revisions')
    .leftJoin('users', 'users.id', 'library_revisions.author_id')
    .selectAll('library_revisions')
    .select('users.name as author_name')
    .where('library_revisions.item_id', '=', itemId)
    .orderBy('library_revisions.number', 'desc')
    .execute();
  return rows.map((r) => ({
    number: r.number,
    change: r.change as RevisionChange,
    restoredFrom: r.restored_from,
    summary: r.summary,
    snapshot: readJson<Snapshot>(r.snapshot),
    createdAt: readTime(r.created_at),
    authorName: r.author_name,
  }));
}

export async function findRevision(db: Conn, itemId: string, number: number): Promise<Snapshot | null> {
  const row = await db.selectFrom('library_revisions').select('snapshot').where('item_id', '=', itemId).where('number', '=', number).executeTakeFirst();
  return row ? readJson<Snapshot>(row.snapshot) : null;
}

/** The latest revision number, read inside the writing transaction. */
export async function currentRevision(trx: Trx, itemId: string): Promise<number> {
  const row = await trx.selectFrom('library_items').select('revision').where('id', '=', itemId).executeTakeFirstOrThrow();
  return row.revision;
}

// Suggestions

export async function insertSuggestion(trx: Trx, itemId: string, authorId: string, baseRevision: number, snapshot: TextSnapshot, note: string): Promise<string> {
  const id = newId();
  await trx.insertInto('library_suggestions').values({ id, item_id: itemId, author_id: authorId, base_revision: baseRevision, snapshot: writeJson(snapshot), note, status: 'pending', created_at: nowIso() }).execute();
  return id;
}

export async function listSuggestions(db: Conn, itemId: string, status?: Suggestion['status']): Promise<Suggestion[]> {
  let q = db
    .selectFrom('library_suggestions')
    .leftJoin('users', 'users.id', 'library_suggestions.author_id')
    .selectAll('library_suggestions')
    .select('users.name as author_name')
    .where('library_suggestions.item_id', '=', itemId);
  if (status) q = q.where('library_suggestions.status', '=', status);
  const rows = await q.orderBy('library_suggestions.created_at', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    itemId: r.item_id,
    authorId: r.author_id,
    authorName: r.author_name,
    baseRevision: r.base_revision,
    snapshot: readJson<TextSnapshot>(r.snapshot),
    note: r.note,
    status: r.status as Suggestion['status'],
    createdAt: readTime(r.created_at),
  }));
}

export async function decideSuggestion(trx: Trx, id: string, itemId: string, status: 'accepted' | 'rejected', by: string): Promise<boolean> {
  const r = await trx
    .updateTable('library_suggestions')
    .set({ status, decided_by: by, decided_at: nowIso() })
    .where('id', '=', id)
    .where('item_id', '=', itemId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// Licence

export async function hasAccepted(db: Conn, userId: string, version: string): Promise<boolean> {
  return (await db.selectFrom('library_licence_acceptances').select('id').where('user_id', '=', userId).where('version', '=', version).executeTakeFirst()) !== undefined;
}

export async function recordAcceptance(trx: Trx, userId: string, version: string): Promise<void> {
  await trx
    .insertInto('library_licence_acceptances')
    .values({ id: newId(), user_id: userId, version, accepted_at: nowIso() })
    .onConflict((oc) => oc.columns(['user_id', 'version']).doNothing())
    .execute();
}

/** Names of users by id (authors of suggestions, Sutura authors). */
export async function userNames(db: Conn, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Users named as authors of at least one published item. */
export async function publishedAuthorIds(db: Conn): Promise<string[]> {
  const rows = await db
    .selectFrom('library_item_authors')
    .innerJoin('library_items', 'library_items.id', 'library_item_authors.item_id')
    .select('library_item_authors.user_id')
    .distinct()
    .where('library_items.status', '=', 'published')
    .where('library_item_authors.user_id', 'is not', null)
    .execute();
  return rows.map((r) => r.user_id).filter((x): x is string => x !== null);
}

/** Ids of every published item (rebuilding the search index). */
export async function publishedItemIds(db: Conn): Promise<string[]> {
  const rows = await db.selectFrom('library_items').select('id').where('status', '=', 'published').orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** The extracted text of an item's PDFs (core/media keeps it for search), in file order. */
export async function pdfTexts(db: Conn, itemId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('library_files')
    .innerJoin('media', 'media.id', 'library_files.media_id')
    .select('media.text_content')
    .where('library_files.item_id', '=', itemId)
    .where('media.kind', '=', 'pdf')
    .orderBy('library_files.position')
    .execute();
  return rows.map((r) => r.text_content ?? '').filter(Boolean);
}
