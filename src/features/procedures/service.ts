import { createHash } from 'node:crypto';
import type { Actor } from '../../core/auth/index.js';
import { recordAudit } from '../../core/audit/index.js';
import { type Db, isUniqueViolation, type Trx } from '../../core/db/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.js';
import { localizePath, LOCALES, translate, translator } from '../../core/i18n/index.js';
import { markdownToText, type SearchDocument, type SearchIndex, searchIndex } from '../../core/search/index.js';
import { renderMarkdown } from '../../core/markdown/index.js';
import { findImages, type MediaStorage, type StoredImage, storeImage } from '../../core/media/index.js';
import type { DiffSegment } from '../../core/text/diff.js';
import { importBrochure, type ImportReport } from './import.js';
import type { Guide, GuideCategory, GuideRevision, GuideSnapshot, GuideStatus, GuideSummary, Locale, PublicGuide, SectionKind } from './model.js';
import { SECTION_KINDS } from './model.js';
import * as store from './store.js';
import { GuideArticleBody, guideStructuredData, type SiteIdentity } from './views/public.js';
import { toJsonLd } from '../../core/views/layout.js';

/** The standard structure a new guide starts with (empty sections are not shown publicly). */
const STANDARD_SECTIONS: readonly SectionKind[] = SECTION_KINDS.filter((k) => k !== 'custom');

/** The stored public representation of a published guide (see refreshPublicDocs). */
interface PublicDoc {
  /** The rendering format it was written in; documents of another format are rebuilt at boot. */
  readonly format: string;
  /** The page's structured data, serialized for its script element. */
  readonly jsonLd: string;
  readonly image: StoredImage | null;
  readonly related: readonly (Omit<GuideSummary, 'publishedAt' | 'updatedAt'> & { publishedAt: string | null; updatedAt: string })[];
  readonly locales: readonly Locale[];
}

/** A published guide with everything its page shows. */
export interface GuidePage {
  readonly guide: GuideSummary;
  /** The article body (contents, sections, figures), rendered when the guide last changed. */
  readonly articleHtml: string;
  /** The first figure's image, for social cards. */
  readonly image: StoredImage | null;
  /** Structured data, made when the guide last changed (see toJsonLd). */
  readonly jsonLd: string;
  readonly related: readonly GuideSummary[];
  readonly locales: readonly Locale[];
}

export interface GuideServiceDeps {
  readonly db: Db;
  readonly storage: MediaStorage;
  /** The site's address and identity: links in Markdown and structured data use them. */
  readonly site: SiteIdentity;
  /** Called after every change that readers can see (clears the page cache). */
  readonly onPublicChange: () => void;
  /** Site search: published guides are indexed in the transaction that changes them. */
  readonly search?: SearchIndex;
}

export interface SectionInput {
  readonly kind: SectionKind;
  readonly heading: string | null;
  readonly bodyMd: string;
}

/** Procedure guides: reading, editing with revisions, publishing, importing. */
export class GuideService {
  constructor(private readonly deps: GuideServiceDeps) {}

  private get db(): Db {
    return this.deps.db;
  }

  private get search(): SearchIndex {
    return this.deps.search ?? searchIndex(this.deps.db);
  }

  /** Renders a section body once, at save time, in the guide's language. */
  renderBody(bodyMd: string, locale: Locale): Promise<string> {
    return renderMarkdown(bodyMd, { externalLinkLabel: translate(locale, 'markdown.externalLink'), siteOrigin: new URL(this.deps.site.publicUrl).origin });
  }

  // ---- reading -------------------------------------------------------------------------

  listPublished(locale: Locale): Promise<GuideSummary[]> {
    return store.listGuides(this.db, { locale, status: 'published' });
  }

  listAllPublished(): Promise<GuideSummary[]> {
    return store.listGuides(this.db, { status: 'published' });
  }

  listAll(): Promise<GuideSummary[]> {
    return store.listGuides(this.db);
  }

  /** A published guide's page data, or null (drafts are never public). One query. */
  async publishedPage(locale: Locale, slug: string): Promise<GuidePage | null> {
    const found = await store.findPublished(this.db, slug, locale);
    if (!found) return null;
    const doc = found.doc as PublicDoc;
    return {
      guide: found.summary,
      articleHtml: found.html,
      image: doc.image,
      jsonLd: doc.jsonLd,
      related: doc.related.map((r) => ({ ...r, publishedAt: r.publishedAt ? new Date(r.publishedAt) : null, updatedAt: new Date(r.updatedAt) })),
      locales: doc.locales,
    };
  }

  /** Rebuilds stored public documents written by an earlier version of the views or texts. */
  async refreshStalePublicDocs(): Promise<number> {
    const stale = await store.staleDocIds(this.db, publicFormat(this.deps.site));
    if (stale.length) await this.db.transaction().execute((trx) => this.refreshPublicDocs(trx, stale));
    return stale.length;
  }

  /**
   * Writes the public document and article of each guide (null for drafts), in the caller's
   * transaction. The article is rendered here, once per change, like Markdown at save time:
   * readers' requests then cost one query and the page frame.
   */
  private async refreshPublicDocs(trx: Trx, ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      const summary = await store.findGuideRow(trx, { id });
      if (!summary) continue;
      if (summary.status !== 'published') {
        await store.setPublicDoc(trx, id, null, null);
        await this.search.remove(trx, 'guide', id);
        continue;
      }
      const guide = await store.loadGuide(trx, summary);
      await this.search.upsert(trx, guideSearchDocument(guide));
      const images = await imagesOf(trx, guide);
      const related = await store.findSummaries(trx, guide.relatedIds);
      const byId = new Map(related.map((r) => [r.id, r]));
      const figures = guide.figures.filter((f) => f.mediaId && images.has(f.mediaId));
      const firstImage = figures[0]?.mediaId ? (images.get(figures[0].mediaId) ?? null) : null;
      const publicGuide: PublicGuide = {
        ...summary,
        sections: guide.sections.filter((s) => s.bodyHtml.trim()).map(({ id: sid, kind, heading, bodyHtml }) => ({ id: sid, kind, heading, bodyHtml })),
        figures,
      };
      const doc: PublicDoc = {
        format: publicFormat(this.deps.site),
        jsonLd: toJsonLd(guideStructuredData(this.deps.site, summary, firstImage)),
        image: firstImage,
        related: guide.relatedIds
          .map((rid) => byId.get(rid))
          .filter((r): r is GuideSummary => r?.status === 'published')
          .map((r) => ({ ...r, publishedAt: r.publishedAt?.toISOString() ?? null, updatedAt: r.updatedAt.toISOString() })),
        locales: await store.localesOfSlug(trx, guide.slug, 'published'),
      };
      const html = GuideArticleBody({ t: translator(summary.locale), guide: publicGuide, images }) as string;
      await store.setPublicDoc(trx, id, doc, html);
    }
  }

  /** Any guide (draft or not) with its images, for the editor. */
  async forEditing(id: string): Promise<{ guide: Guide; images: ReadonlyMap<string, StoredImage>; candidates: GuideSummary[] }> {
    const summary = await store.findGuideRow(this.db, { id });
    if (!summary) throw new NotFoundError();
    const guide = await store.loadGuide(this.db, summary);
    const images = await imagesOf(this.db, guide);
    const candidates = (await store.listGuides(this.db, { locale: guide.locale })).filter((g) => g.id !== id);
    return { guide, images, candidates };
  }

  // ---- writing -------------------------------------------------------------------------

  private async snapshot(trx: Trx, guideId: string): Promise<GuideSnapshot> {
    const summary = await store.findGuideRow(trx, { id: guideId });
    if (!summary) throw new NotFoundError();
    const guide = await store.loadGuide(trx, summary);
    const sectionIndex = new Map(guide.sections.map((s, i) => [s.id, i]));
    return {
      slug: guide.slug,
      category: guide.category,
      title: guide.title,
      summary: guide.summary,
      status: guide.status,
      sections: guide.sections.map((s) => ({ kind: s.kind, heading: s.heading, bodyMd: s.bodyMd })),
      figures: guide.figures.map((f) => ({ section: f.sectionId ? (sectionIndex.get(f.sectionId) ?? null) : null, mediaId: f.mediaId, alt: f.alt, caption: f.caption })),
      relatedIds: guide.relatedIds,
    };
  }

  /**
   * Runs a change in one transaction, then records a revision (full snapshot) and an audit
   * event in that same transaction: a change exists only with its history.
   */
  /** A slug taken between our check and the write (two editors at once) is bad input, not a crash. */
  private async slugSafe<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) throw new ValidationError('slug_taken', 'slug taken', { fields: { slug: 'slug_taken' } });
      throw error;
    }
  }

  private async change<T>(actor: Actor | null, guideId: string | null, note: string, audit: Parameters<typeof recordAudit>[1], work: (trx: Trx) => Promise<T & { guideId?: string }>): Promise<T> {
    const result = await this.db.transaction().execute(async (trx) => {
      const before = guideId ? await store.findGuideRow(trx, { id: guideId }) : null;
      const out = await work(trx);
      const id = out.guideId ?? guideId;
      if (!id) throw new Error('change without a guide');
      const snapshot = await this.snapshot(trx, id);
      const number = await store.appendRevision(trx, id, actor?.id ?? null, note, snapshot);
      await recordAudit(trx, audit, { type: 'guide', id }, { revision: number, note }, actor?.id ?? null);
      const slugs = [...new Set([before?.slug, snapshot.slug].filter((x): x is string => !!x))];
      await this.refreshPublicDocs(trx, await store.idsAffectedBy(trx, [id], slugs));
      return out;
    });
    this.deps.onPublicChange();
    return result;
  }

  private async assertSlugFree(slug: string, locale: Locale, exceptId?: string): Promise<void> {
    if (await store.slugTaken(this.db, slug, locale, exceptId)) throw new ValidationError('slug_taken', 'slug taken', { fields: { slug: 'slug_taken' } });
  }

  async create(actor: Actor | null, input: { slug: string; locale: Locale; category: GuideCategory; title: string; summary: string }): Promise<string> {
    await this.assertSlugFree(input.slug, input.locale);
    const { guideId } = await this.slugSafe(() => this.change(actor, null, 'created', 'guide.created', async (trx) => {
      const id = await store.insertGuide(trx, { ...input, actorId: actor?.id ?? null });
      for (const kind of STANDARD_SECTIONS) await store.insertSection(trx, id, { kind, heading: null, bodyMd: '', bodyHtml: '' });
      return { guideId: id };
    }));
    return guideId;
  }

  async updateDetails(actor: Actor, id: string, input: { slug: string; category: GuideCategory; title: string; summary: string; relatedIds: readonly string[] }): Promise<void> {
    const current = await store.findGuideRow(this.db, { id });
    if (!current) throw new NotFoundError();
    await this.assertSlugFree(input.slug, current.locale, id);
    const valid = new Set((await store.listGuides(this.db, { locale: current.locale })).map((g) => g.id));
    await this.slugSafe(() => this.change(actor, id, 'details', 'guide.updated', async (trx) => {
      await store.updateGuideRow(trx, id, { slug: input.slug, category: input.category, title: input.title, summary: input.summary });
      await store.setRelated(trx, id, input.relatedIds.filter((r) => valid.has(r)));
      return {};
    }));
  }

  async saveSection(actor: Actor, guideId: string, sectionId: string, input: SectionInput): Promise<void> {
    const guide = await this.require(guideId);
    await this.change(actor, guideId, 'section', 'guide.updated', async (trx) => {
      const ok = await store.updateSection(trx, guideId, sectionId, { ...input, bodyHtml: await this.renderBody(input.bodyMd, guide.locale) });
      if (!ok) throw new NotFoundError();
      return {};
    });
  }

  async addSection(actor: Actor, guideId: string, input: SectionInput): Promise<string> {
    const guide = await this.require(guideId);
    let sectionId = '';
    await this.change(actor, guideId, 'section added', 'guide.updated', async (trx) => {
      sectionId = await store.insertSection(trx, guideId, { ...input, bodyHtml: await this.renderBody(input.bodyMd, guide.locale) });
      return {};
    });
    return sectionId;
  }

  async removeSection(actor: Actor, guideId: string, sectionId: string): Promise<void> {
    await this.require(guideId);
    await this.change(actor, guideId, 'section removed', 'guide.updated', async (trx) => {
      if (!(await store.deleteSection(trx, guideId, sectionId))) throw new NotFoundError();
      return {};
    });
  }

  async moveSection(actor: Actor, guideId: string, sectionId: string, direction: 'up' | 'down'): Promise<void> {
    const summary = await this.require(guideId);
    const guide = await store.loadGuide(this.db, summary);
    const ids = guide.sections.map((s) => s.id);
    const from = ids.indexOf(sectionId);
    if (from < 0) throw new NotFoundError();
    const to = direction === 'up' ? from - 1 : from + 1;
    if (to < 0 || to >= ids.length) return;
    [ids[from], ids[to]] = [ids[to] as string, ids[from] as string];
    await this.change(actor, guideId, 'sections reordered', 'guide.updated', async (trx) => {
      await store.reorderSections(trx, guideId, ids);
      return {};
    });
  }

  /** Adds a figure; with an image it is validated and converted first (bad bytes write nothing). */
  async addFigure(actor: Actor, guideId: string, input: { sectionId: string | null; alt: string; caption: string; image?: { bytes: Buffer; name?: string } }): Promise<void> {
    await this.require(guideId);
    const media = input.image ? await storeImage(this.db, this.deps.storage, input.image.bytes, { originalName: input.image.name, createdBy: actor.id }) : null;
    await this.change(actor, guideId, 'figure added', 'guide.updated', async (trx) => {
      await store.insertFigure(trx, guideId, { sectionId: input.sectionId, mediaId: media?.id ?? null, alt: input.alt, caption: input.caption });
      return {};
    });
  }

  async updateFigure(actor: Actor, guideId: string, figureId: string, input: { sectionId: string | null; alt: string; caption: string; image?: { bytes: Buffer; name?: string } }): Promise<void> {
    await this.require(guideId);
    const media = input.image ? await storeImage(this.db, this.deps.storage, input.image.bytes, { originalName: input.image.name, createdBy: actor.id }) : null;
    await this.change(actor, guideId, 'figure changed', 'guide.updated', async (trx) => {
      const ok = await store.updateFigure(trx, guideId, figureId, { sectionId: input.sectionId, alt: input.alt, caption: input.caption, ...(media ? { mediaId: media.id } : {}) });
      if (!ok) throw new NotFoundError();
      return {};
    });
  }

  async removeFigure(actor: Actor, guideId: string, figureId: string): Promise<void> {
    await this.require(guideId);
    await this.change(actor, guideId, 'figure removed', 'guide.updated', async (trx) => {
      if (!(await store.deleteFigure(trx, guideId, figureId))) throw new NotFoundError();
      return {};
    });
  }

  async setStatus(actor: Actor | null, guideId: string, status: GuideStatus): Promise<void> {
    const guide = await this.require(guideId);
    if (status === 'published' && !(await store.loadGuide(this.db, guide)).sections.some((s) => s.bodyMd.trim())) {
      throw new ConflictError('guide_empty', 'cannot publish an empty guide');
    }
    await this.change(actor, guideId, status, status === 'published' ? 'guide.published' : 'guide.unpublished', async (trx) => {
      await store.updateGuideRow(trx, guideId, { status, ...(status === 'published' && !guide.publishedAt ? { publishedAt: new Date() } : {}) });
      return {};
    });
  }

  async remove(actor: Actor, guideId: string): Promise<void> {
    const guide = await this.require(guideId);
    await this.db.transaction().execute(async (trx) => {
      const affected = (await store.idsAffectedBy(trx, [guideId], [guide.slug])).filter((id) => id !== guideId);
      await store.deleteGuide(trx, guideId);
      await this.search.remove(trx, 'guide', guideId);
      await recordAudit(trx, 'guide.deleted', { type: 'guide', id: guideId }, undefined, actor.id);
      await this.refreshPublicDocs(trx, affected);
    });
    this.deps.onPublicChange();
  }

  // ---- revisions -----------------------------------------------------------------------

  revisions(guideId: string): Promise<GuideRevision[]> {
    return store.listRevisions(this.db, guideId);
  }

  async revision(guideId: string, number: number): Promise<GuideSnapshot> {
    const snapshot = await store.findRevisionSnapshot(this.db, guideId, number);
    if (!snapshot) throw new NotFoundError();
    return snapshot;
  }

  /** A word-level diff between two revisions of the guide's text. */
  async diff(guideId: string, from: number, to: number): Promise<DiffSegment[]> {
    const [a, b] = await Promise.all([this.revision(guideId, from), this.revision(guideId, to)]);
    const { wordDiff } = await import('../../core/text/diff.js');
    return wordDiff(snapshotText(a), snapshotText(b));
  }

  /** Restores an earlier revision's content as a new revision (history is never rewritten). */
  async restore(actor: Actor, guideId: string, number: number): Promise<void> {
    const guide = await this.require(guideId);
    const snap = await this.revision(guideId, number);
    const valid = new Set((await store.listGuides(this.db, { locale: guide.locale })).map((g) => g.id));
    if (snap.slug !== guide.slug) await this.assertSlugFree(snap.slug, guide.locale, guideId);
    await this.slugSafe(() => this.change(actor, guideId, `restored revision ${number}`, 'guide.restored', async (trx) => {
      await store.updateGuideRow(trx, guideId, { slug: snap.slug, category: snap.category, title: snap.title, summary: snap.summary });
      await store.replaceContent(
        trx,
        guideId,
        await Promise.all(snap.sections.map(async (s) => ({ ...s, bodyHtml: await this.renderBody(s.bodyMd, guide.locale) }))),
        snap.figures,
        snap.relatedIds.filter((r) => valid.has(r)),
      );
      return {};
    }));
  }

  // ---- import --------------------------------------------------------------------------

  /** Turns a plain-text brochure into a draft guide. Bad input throws and creates nothing. */
  async importDraft(actor: Actor | null, input: { text: string | Buffer; locale: Locale; category: GuideCategory; slug?: string }): Promise<{ guideId: string; report: ImportReport; title: string }> {
    const imported = importBrochure(input.text);
    const base = input.slug ?? slugify(imported.title);
    let slug = base || 'imported-guide';
    for (let n = 2; await store.slugTaken(this.db, slug, input.locale); n++) slug = `${base}-${n}`;
    const { guideId } = await this.change(actor, null, 'imported', 'guide.created', async (trx) => {
      const id = await store.insertGuide(trx, { slug, locale: input.locale, category: input.category, title: imported.title, summary: imported.summary, actorId: actor?.id ?? null });
      await store.replaceContent(
        trx,
        id,
        await Promise.all(imported.sections.map(async (s) => ({ kind: s.kind, heading: s.kind === 'custom' ? s.heading : null, bodyMd: s.body, bodyHtml: await this.renderBody(s.body, input.locale) }))),
        imported.captions.map((caption) => ({ section: null, mediaId: null, alt: '', caption })),
        [],
      );
      return { guideId: id };
    });
    return { guideId, report: imported.report, title: imported.title };
  }

  private async require(id: string): Promise<GuideSummary> {
    const guide = await store.findGuideRow(this.db, { id });
    if (!guide) throw new NotFoundError();
    return guide;
  }
}

/** A published guide as site search indexes it: its sections' Markdown as plain text. */
export function guideSearchDocument(guide: Guide): SearchDocument {
  return {
    type: 'guide',
    id: guide.id,
    locale: guide.locale,
    title: guide.title,
    summary: guide.summary,
    body: guide.sections
      .filter((s) => s.bodyMd.trim())
      .map((s) => [s.heading ?? '', markdownToText(s.bodyMd)].filter(Boolean).join('. '))
      .join('\n\n'),
    url: localizePath(guide.locale, `/guides/${guide.slug}`),
    facets: { procedure: [guide.slug] },
    publishedAt: guide.publishedAt,
  };
}

/** Every published guide, for `sutura search reindex`. */
export async function* publishedGuideDocuments(db: Db | Trx): AsyncIterable<SearchDocument> {
  for (const summary of await store.listGuides(db, { status: 'published' })) yield guideSearchDocument(await store.loadGuide(db, summary));
}

/** The stored images a guide's figures show. */
function imagesOf(db: Db | Trx, guide: Guide): Promise<Map<string, StoredImage>> {
  return findImages(db, guide.figures.map((f) => f.mediaId).filter((id): id is string => id !== null));
}

/** The text of a revision as one document, for diffs. */
function snapshotText(s: GuideSnapshot): string {
  const parts = [`# ${s.title}`, s.summary];
  for (const section of s.sections) {
    parts.push(`## ${section.heading ?? section.kind}`, section.bodyMd);
  }
  for (const f of s.figures) parts.push(`[${f.caption}]`);
  return parts.join('\n\n');
}

/** A URL slug from a title: lower case ASCII words joined by hyphens. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

const formats = new Map<string, string>();

/**
 * The format of stored articles: a hash of the article view's output for a fixture that
 * exercises every branch, in every language, and of the site identity in structured data.
 * Change the view, its texts or the configuration and the hash changes, so stored articles
 * are rebuilt at the next boot.
 */
export function publicFormat(site: SiteIdentity): string {
  const siteKey = JSON.stringify(site);
  const known = formats.get(siteKey);
  if (known) return known;
  const image: StoredImage = { id: 'fixture', width: 960, height: 720, variants: [{ key: 'fixture-480.webp', format: 'webp', width: 480, height: 360, bytes: 1 }, { key: 'fixture-480.jpg', format: 'jpeg', width: 480, height: 360, bytes: 1 }] };
  const hash = createHash('sha256').update(siteKey);
  for (const locale of LOCALES) {
    const guide: PublicGuide = {
      id: 'fixture', slug: 'fixture', locale, category: 'face', title: 'T', summary: 'S', status: 'published', revision: 1, publishedAt: new Date(0), updatedAt: new Date(0),
      sections: SECTION_KINDS.map((kind, i) => ({ id: `s${i}`, kind, heading: kind === 'custom' ? 'H' : null, bodyHtml: '<p>x</p>' })),
      figures: [
        { id: 'f1', sectionId: 's0', position: 0, mediaId: 'fixture', alt: 'A', caption: 'C' },
        { id: 'f2', sectionId: null, position: 1, mediaId: 'fixture', alt: 'A', caption: '' },
      ],
    };
    hash.update(GuideArticleBody({ t: translator(locale), guide, images: new Map([['fixture', image]]) }) as string);
  }
  const format = hash.digest('base64url').slice(0, 16);
  formats.set(siteKey, format);
  return format;
}
