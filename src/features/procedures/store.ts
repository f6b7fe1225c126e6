import { CompiledQuery } from 'kysely';
import { type Db, readFirstCommitted, type Trx } from '../../core/db/index.js';
import { newId } from '../../core/db/ids.js';
import { nowIso, readJson, readTime, readTimeOrNull, writeJson } from '../../core/db/portable.js';
import type { GuidesTable } from './tables.js';
import type { Guide, GuideCategory, GuideFigure, GuideRevision, GuideSection, GuideSnapshot, GuideStatus, GuideSummary, Locale, SectionKind } from './model.js';
import './tables.js';

type Conn = Db | Trx;

/** The columns of a guide's summary: never the (large) public document. */
const SUMMARY = ['id', 'slug', 'locale', 'category', 'title', 'summary', 'status', 'revision', 'published_at', 'updated_at'] as const;
type SummaryRow = Pick<GuidesTable, (typeof SUMMARY)[number]>;

function toSummary(row: SummaryRow): GuideSummary {
  return {
    id: row.id,
    slug: row.slug,
    locale: row.locale as Locale,
    category: row.category as GuideCategory,
    title: row.title,
    summary: row.summary,
    status: row.status as GuideStatus,
    revision: row.revision,
    publishedAt: readTimeOrNull(row.published_at),
    updatedAt: readTime(row.updated_at),
  };
}

export async function listGuides(db: Conn, filter: { locale?: Locale; status?: GuideStatus } = {}): Promise<GuideSummary[]> {
  let q = db.selectFrom('guides').select(SUMMARY);
  if (filter.locale) q = q.where('locale', '=', filter.locale);
  if (filter.status) q = q.where('status', '=', filter.status);
  const rows = await q.orderBy('title').execute();
  return rows.map(toSummary);
}

export async function findSummaries(db: Conn, ids: readonly string[]): Promise<GuideSummary[]> {
  if (!ids.length) return [];
  const rows = await db.selectFrom('guides').select(SUMMARY).where('id', 'in', [...ids]).execute();
  return rows.map(toSummary);
}

export async function findGuideRow(db: Conn, where: { id: string } | { slug: string; locale: Locale }): Promise<GuideSummary | null> {
  let q = db.selectFrom('guides').select(SUMMARY);
  q = 'id' in where ? q.where('id', '=', where.id) : q.where('slug', '=', where.slug).where('locale', '=', where.locale);
  const row = await q.executeTakeFirst();
  return row ? toSummary(row) : null;
}

export async function localesOfSlug(db: Conn, slug: string, status?: GuideStatus): Promise<Locale[]> {
  let q = db.selectFrom('guides').select('locale').where('slug', '=', slug);
  if (status) q = q.where('status', '=', status);
  return (await q.execute()).map((r) => r.locale as Locale);
}

/** A whole guide: its row, sections in order, figures in order, related ids in order. */
export async function loadGuide(db: Conn, summary: GuideSummary): Promise<Guide> {
  const [sections, figures, related] = await Promise.all([
    db.selectFrom('guide_sections').selectAll().where('guide_id', '=', summary.id).orderBy('position').execute(),
    db.selectFrom('guide_figures').selectAll().where('guide_id', '=', summary.id).orderBy('position').execute(),
    db.selectFrom('guide_related').select('related_id').where('guide_id', '=', summary.id).orderBy('position').execute(),
  ]);
  return {
    ...summary,
    sections: sections.map(
      (s): GuideSection => ({ id: s.id, position: s.position, kind: s.kind as SectionKind, heading: s.heading, bodyMd: s.body_md, bodyHtml: s.body_html }),
    ),
    figures: figures.map(
      (f): GuideFigure => ({ id: f.id, sectionId: f.section_id, position: f.position, mediaId: f.media_id, alt: f.alt, caption: f.caption }),
    ),
    relatedIds: related.map((r) => r.related_id),
  };
}

export async function slugTaken(db: Conn, slug: string, locale: Locale, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('guides').select('id').where('slug', '=', slug).where('locale', '=', locale);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertGuide(trx: Trx, g: { slug: string; locale: Locale; category: GuideCategory; title: string; summary: string; actorId: string | null }): Promise<string> {
  const id = newId();
  const now = nowIso();
  await trx
    .insertInto('guides')
    .values({ id, slug: g.slug, locale: g.locale, category: g.category, title: g.title, summary: g.summary, status: 'draft', revision: 0, published_at: null, created_at: now, updated_at: now, updated_by: g.actorId })
    .execute();
  return id;
}

export async function updateGuideRow(
  trx: Trx,
  id: string,
  patch: Partial<{ slug: string; category: GuideCategory; title: string; summary: string; status: GuideStatus; publishedAt: Date | null }>,
): Promise<void> {
  const values: Record<string, unknown> = {};
  if (patch.slug !== undefined) values.slug = patch.slug;
  if (patch.category !== undefined) values.category = patch.category;
  if (patch.title !== undefined) values.title = patch.title;
  if (patch.summary !== undefined) values.summary = patch.summary;
  if (patch.status !== undefined) values.status = patch.status;
  if (patch.publishedAt !== undefined) values.published_at = patch.publishedAt ? patch.publishedAt.toISOString() : null;
  if (Object.keys(values).length) await trx.updateTable('guides').set(values).where('id', '=', id).execute();
}

/** Replaces a guide's sections, figures and related links wholesale (restore, import). */
export async function replaceContent(
  trx: Trx,
  guideId: string,
  sections: readonly { kind: SectionKind; heading: string | null; bodyMd: string; bodyHtml: string }[],
  figures: readonly { section: number | null; mediaId: string | null; alt: string; caption: string }[],
  relatedIds: readonly string[],
): Promise<void> {
  await trx.deleteFrom('guide_figures').where('guide_id', '=', guideId).execute();
  await trx.deleteFrom('guide_sections').where('guide_id', '=', guideId).execute();
  await trx.deleteFrom('guide_related').where('guide_id', '=', guideId).execute();
  const sectionIds: string[] = [];
  for (const [position, s] of sections.entries()) {
    const id = newId();
    sectionIds.push(id);
    await trx.insertInto('guide_sections').values({ id, guide_id: guideId, position, kind: s.kind, heading: s.heading, body_md: s.bodyMd, body_html: s.bodyHtml }).execute();
  }
  for (const [position, f] of figures.entries()) {
    await trx
      .insertInto('guide_figures')
      .values({ id: newId(), guide_id: guideId, section_id: f.section === null ? null : (sectionIds[f.section] ?? null), position, media_id: f.mediaId, alt: f.alt, caption: f.caption })
      .execute();
  }
  await setRelated(trx, guideId, relatedIds);
}

export async function setRelated(trx: Trx, guideId: string, relatedIds: readonly string[]): Promise<void> {
  await trx.deleteFrom('guide_related').where('guide_id', '=', guideId).execute();
  for (const [position, relatedId] of [...new Set(relatedIds)].entries()) {
    if (relatedId === guideId) continue;
    await trx.insertInto('guide_related').values({ guide_id: guideId, related_id: relatedId, position }).execute();
  }
}

export async function insertSection(trx: Trx, guideId: string, s: { kind: SectionKind; heading: string | null; bodyMd: string; bodyHtml: string }): Promise<string> {
  const last = await trx.selectFrom('guide_sections').select((eb) => eb.fn.max('position').as('p')).where('guide_id', '=', guideId).executeTakeFirst();
  const id = newId();
  const position = last?.p === null || last?.p === undefined ? 0 : Number(last.p) + 1;
  await trx.insertInto('guide_sections').values({ id, guide_id: guideId, position, kind: s.kind, heading: s.heading, body_md: s.bodyMd, body_html: s.bodyHtml }).execute();
  return id;
}

export async function updateSection(trx: Trx, guideId: string, sectionId: string, s: { kind: SectionKind; heading: string | null; bodyMd: string; bodyHtml: string }): Promise<boolean> {
  const r = await trx
    .updateTable('guide_sections')
    .set({ kind: s.kind, heading: s.heading, body_md: s.bodyMd, body_html: s.bodyHtml })
    .where('id', '=', sectionId)
    .where('guide_id', '=', guideId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteSection(trx: Trx, guideId: string, sectionId: string): Promise<boolean> {
  const r = await trx.deleteFrom('guide_sections').where('id', '=', sectionId).where('guide_id', '=', guideId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Rewrites positions 0..n-1 in the given order. */
export async function reorderSections(trx: Trx, guideId: string, orderedIds: readonly string[]): Promise<void> {
  for (const [position, id] of orderedIds.entries()) {
    await trx.updateTable('guide_sections').set({ position }).where('id', '=', id).where('guide_id', '=', guideId).execute();
  }
}

export async function insertFigure(trx: Trx, guideId: string, f: { sectionId: string | null; mediaId: string | null; alt: string; caption: string }): Promise<string> {
  const last = await trx.selectFrom('guide_figures').select((eb) => eb.fn.max('position').as('p')).where('guide_id', '=', guideId).executeTakeFirst();
  const id = newId();
  const position = last?.p === null || last?.p === undefined ? 0 : Number(last.p) + 1;
  await trx.insertInto('guide_figures').values({ id, guide_id: guideId, section_id: f.sectionId, position, media_id: f.mediaId, alt: f.alt, caption: f.caption }).execute();
  return id;
}

export async function updateFigure(trx: Trx, guideId: string, figureId: string, f: { sectionId: string | null; alt: string; caption: string; mediaId?: string }): Promise<boolean> {
  const r = await trx
    .updateTable('guide_figures')
    .set({ section_id: f.sectionId, alt: f.alt, caption: f.caption, ...(f.mediaId ? { media_id: f.mediaId } : {}) })
    .where('id', '=', figureId)
    .where('guide_id', '=', guideId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteFigure(trx: Trx, guideId: string, figureId: string): Promise<boolean> {
  const r = await trx.deleteFrom('guide_figures').where('id', '=', figureId).where('guide_id', '=', guideId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Appends a revision and bumps the guide's revision counter and update time. */
export async function appendRevision(trx: Trx, guideId: string, actorId: string | null, note: string, snapshot: GuideSnapshot): Promise<number> {
  const row = await trx.selectFrom('guides').select('revision').where('id', '=', guideId).executeTakeFirstOrThrow();
  const number = row.revision + 1;
  const now = nowIso();
  await trx.insertInto('guide_revisions').values({ id: newId(), guide_id: guideId, number, author_id: actorId, created_at: now, note, snapshot: writeJson(snapshot) }).execute();
  await trx.updateTable('guides').set({ revision: number, updated_at: now, updated_by: actorId }).where('id', '=', guideId).execute();
  return number;
}

export async function listRevisions(db: Conn, guideId: string): Promise<GuideRevision[]> {
  const rows = await db
    .selectFrom('guide_revisions')
    .leftJoin('users', 'users.id', 'guide_revisions.author_id')
    .select(['guide_revisions.id', 'guide_revisions.number', 'guide_revisions.author_id', 'users.name', 'guide_revisions.created_at', 'guide_revisions.note'])
    .where('guide_revisions.guide_id', '=', guideId)
    .orderBy('guide_revisions.number', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, number: r.number, authorId: r.author_id, authorName: r.name, createdAt: readTime(r.created_at), note: r.note }));
}

export async function findRevisionSnapshot(db: Conn, guideId: string, number: number): Promise<GuideSnapshot | null> {
  const row = await db.selectFrom('guide_revisions').select('snapshot').where('guide_id', '=', guideId).where('number', '=', number).executeTakeFirst();
  return row ? readJson<GuideSnapshot>(row.snapshot) : null;
}

export async function deleteGuide(trx: Trx, guideId: string): Promise<void> {
  await trx.deleteFrom('guide_related').where('related_id', '=', guideId).execute();
  await trx.deleteFrom('guides').where('id', '=', guideId).execute();
}

// The public page's one query, built and compiled once per database: readers pay only for
// running it (a measurable share of an uncached page; see bench/REPORT.md).
const publishedQueries = new WeakMap<Conn, string>();

/** The stored public document and article of a published guide, with its summary; null for drafts. */
export async function findPublished(db: Conn, slug: string, locale: Locale): Promise<{ summary: GuideSummary; doc: unknown; html: string } | null> {
  let text = publishedQueries.get(db);
  if (!text) {
    text = db
      .selectFrom('guides')
      .select([...SUMMARY, 'public_doc', 'public_html'])
      .where('slug', '=', '')
      .where('locale', '=', '')
      .where('status', '=', 'published')
      .compile().sql;
    publishedQueries.set(db, text);
  }
  const parameters = [slug, locale, 'published'];
  // Readers' hottest query: on SQLite it runs synchronously on the read-only connection.
  const sync = readFirstCommitted(db, text, parameters);
  const row = (sync ? sync.row : (await db.executeQuery(CompiledQuery.raw(text, parameters))).rows[0]) as
    | (SummaryRow & { public_doc: unknown; public_html: string | null })
    | undefined;
  if (!row || row.public_doc === null || row.public_html === null) return null;
  return { summary: toSummary(row), doc: readJson(row.public_doc), html: row.public_html };
}

export async function setPublicDoc(trx: Trx, guideId: string, doc: unknown, html: string | null): Promise<void> {
  await trx
    .updateTable('guides')
    .set({ public_doc: doc === null ? null : writeJson(doc), public_html: html })
    .where('id', '=', guideId)
    .execute();
}

/** Published guides whose stored document was written in another format than `format`. */
export async function staleDocIds(db: Conn, format: string): Promise<string[]> {
  const rows = await db.selectFrom('guides').select(['id', 'public_doc']).where('status', '=', 'published').execute();
  return rows.filter((r) => r.public_doc === null || readJson<{ format?: string }>(r.public_doc).format !== format).map((r) => r.id);
}

/** Guides whose public page shows something of these: themselves, their translations, pages relating to them. */
export async function idsAffectedBy(trx: Trx, guideIds: readonly string[], slugs: readonly string[]): Promise<string[]> {
  const ids = new Set(guideIds);
  if (guideIds.length) {
    for (const r of await trx.selectFrom('guide_related').select('guide_id').where('related_id', 'in', [...guideIds]).execute()) ids.add(r.guide_id);
  }
  if (slugs.length) {
    for (const r of await trx.selectFrom('guides').select('id').where('slug', 'in', [...slugs]).execute()) ids.add(r.id);
  }
  return [...ids];
}
