import type { AppServices } from '../../app.js';
import { recordAudit } from '../../core/audit/index.js';
import { type Actor, can, findUserById, listUsersWithRoles, rolesGranted } from '../../core/auth/index.js';
import type { Db, Trx } from '../../core/db/index.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../core/errors.js';
import { isLocale, type Locale, localizePath } from '../../core/i18n/index.js';
import type { EmailTemplate } from '../../core/mail/index.js';
import { renderMarkdown } from '../../core/markdown/index.js';
import { markdownToText, type SearchDocument, searchIndex } from '../../core/search/index.js';
import { deleteMedia, findFiles, findImages, removeStored, storeUpload, type IntakeFile } from '../../core/media/index.js';
import { type DiffSegment, wordDiff } from '../../core/text/diff.js';
import { professionalIdBySlug, professionalSlugs } from '../accounts/service.js';
import { itemPublished, itemReturned, itemSubmitted, suggestionDecided, suggestionReceived } from './emails.js';
import {
  type FileRole,
  type FullItem,
  type ItemFile,
  type ItemKind,
  KIND_FILES,
  LICENCE_VERSION,
  type LibraryItem,
  type ListChange,
  type Reference,
  type RemovalReason,
  type Revision,
  type RevisionChange,
  type RevisionChanges,
  type Snapshot,
  type SnapshotAuthor,
  type Suggestion,
  type TextSnapshot,
} from './model.js';
import * as store from './store.js';

type Services = Pick<AppServices, 'db' | 'storage' | 'mail' | 'config' | 'pageCache'>;

/** Someone the library emails: an owner, a reviewer, a suggester. */
type Recipient = { readonly name: string; readonly email: string; readonly locale: string };

export interface ItemInput {
  readonly kind: ItemKind;
  readonly locale: Locale;
  readonly title: string;
  readonly summary: string;
  readonly body: string;
  readonly references: readonly Reference[];
  readonly nudity: boolean;
  /** Other Sutura professionals by profile slug (the owner is always the first author). */
  readonly coauthors: readonly string[];
  /** External authors by name. */
  readonly externalAuthors: readonly string[];
  readonly procedures: readonly string[];
}

export const PAGE_SIZE = 12;

/** Turns a title into an address: lower-case ASCII words joined by hyphens. */
export function slugify(title: string): string {
  const s = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
  return s || 'item';
}

function textSnapshotOf(item: Pick<LibraryItem, 'title' | 'summary' | 'bodyMd'>): TextSnapshot {
  return { title: item.title, summary: item.summary, body: item.bodyMd };
}

function textOf(s: TextSnapshot): string {
  return `${s.title}\n\n${s.summary}\n\n${s.body}`;
}

/** Entries of `after` not in `before` and the reverse, compared by `key`, shown by `label`. */
function listChange<T>(before: readonly T[], after: readonly T[], key: (x: T) => string, label: (x: T) => string | null): ListChange {
  const had = new Set(before.map(key));
  const has = new Set(after.map(key));
  return { added: after.filter((x) => !had.has(key(x))).map(label), removed: before.filter((x) => !has.has(key(x))).map(label) };
}

function referenceLabel(r: Reference): string {
  return [r.label, r.doi ? `doi:${r.doi}` : '', r.pmid ? `PMID ${r.pmid}` : ''].filter(Boolean).join(' · ');
}

/**
 * The professional library. Permissions by role are checked on the route (policy.ts); this
 * service checks what needs the item: who owns it, its status, who may see a draft's files.
 */
export class LibraryService {
  constructor(
    private readonly services: Services,
    private readonly knownProcedures: () => Promise<ReadonlySet<string>>,
  ) {}

  #url(locale: Locale, path: string): string {
    return `${this.services.config.publicUrl}${localizePath(locale, path)}`;
  }

  // Who may do what with one item

  isOwner(actor: Actor | null, item: LibraryItem): boolean {
    return actor !== null && item.ownerId === actor.id;
  }

  /** The owner edits directly; so do editors (reviewing). Others may only suggest. */
  canEdit(actor: Actor | null, item: LibraryItem): boolean {
    if (item.status === 'removed' || !actor) return false;
    return this.isOwner(actor, item) || can(actor, 'library.review');
  }

  /** Drafts, submitted and returned items (and their files) are seen by their owner and reviewers only. */
  canSee(actor: Actor | null, item: LibraryItem): boolean {
    if (item.status === 'published') return true;
    if (!actor) return false;
    return this.isOwner(actor, item) || can(actor, 'library.review');
  }

  canSuggest(actor: Actor | null, item: LibraryItem): boolean {
    return actor !== null && item.status === 'published' && !this.isOwner(actor, item) && can(actor, 'library.contribute');
  }

  // Licence

  needsLicence(actor: Actor): Promise<boolean> {
    return store.hasAccepted(this.services.db, actor.id, LICENCE_VERSION).then((ok) => !ok);
  }

  async acceptLicence(actor: Actor): Promise<void> {
    await this.services.db.transaction().execute(async (trx) => {
      await store.recordAcceptance(trx, actor.id, LICENCE_VERSION);
      await recordAudit(trx, 'library.licence_accepted', { type: 'user', id: actor.id }, { version: LICENCE_VERSION }, actor.id);
    });
  }

  async #requireLicence(actor: Actor): Promise<void> {
    if (await this.needsLicence(actor)) throw new ForbiddenError('licence_required');
  }

  // Reading

  async get(id: string): Promise<LibraryItem> {
    const item = await store.findItem(this.services.db, id);
    if (!item) throw new NotFoundError();
    return item;
  }

  /** An item as `actor` may see it; a draft someone else owns is "not found" (no hint it exists). */
  async forActor(actor: Actor | null, id: string): Promise<FullItem> {
    const item = await this.get(id);
    if (!this.canSee(actor, item)) throw new NotFoundError();
    return this.#full(item);
  }

  /** The public page of a slug: a published item, or a removed one (a tombstone); otherwise null. */
  async bySlug(actor: Actor | null, slug: string): Promise<FullItem | null> {
    const item = await store.findItemBySlug(this.services.db, slug);
    if (!item) return null;
    if (item.status === 'removed') return { ...item, files: [] };
    if (!this.canSee(actor, item)) return null;
    return this.#full(item);
  }

  async #full(item: LibraryItem): Promise<FullItem> {
    const rows = await store.listFiles(this.services.db, item.id);
    const ids = rows.map((r) => r.mediaId);
    const [images, files] = await Promise.all([findImages(this.services.db, ids), findFiles(this.services.db, ids)]);
    const out: ItemFile[] = [];
    for (const r of rows) {
      const file = files.get(r.mediaId) ?? null;
      const image = file?.preview ?? images.get(r.mediaId);
      if (!image) continue;
      out.push({ id: r.id, mediaId: r.mediaId, role: r.role, alt: r.alt, kind: file?.kind ?? 'image', image, file });
    }
    return { ...(await this.#withSlugs([item]))[0]!, files: out };
  }

  /** Fills in the public profile slug of authors who are Sutura professionals. */
  async #withSlugs<T extends LibraryItem>(items: T[]): Promise<T[]> {
    const ids = [...new Set(items.flatMap((i) => i.authors.map((a) => a.userId).filter((x): x is string => x !== null)))];
    const slugs = await professionalSlugs(this.services.db, ids);
    return items.map((i) => ({ ...i, authors: i.authors.map((a) => ({ ...a, slug: a.userId ? (slugs.get(a.userId) ?? null) : null })) }));
  }

  async listPublished(filter: { kind?: ItemKind; procedure?: string; author?: string }, page: number): Promise<{ items: LibraryItem[]; total: number; pages: number }> {
    let authorId: string | undefined;
    if (filter.author) {
      const id = await professionalIdBySlug(this.services.db, filter.author);
      if (!id) return { items: [], total: 0, pages: 1 };
      authorId = id;
    }
    const { items, total } = await store.listPublished(
      this.services.db,
      { ...(filter.kind ? { kind: filter.kind } : {}), ...(filter.procedure ? { procedure: filter.procedure } : {}), ...(authorId ? { authorId } : {}) },
      { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
    );
    return { items: await this.#withSlugs(items), total, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
  }

  /** Sutura professionals who (co-)authored a published item, for the index's author filter. */
  async publishedAuthors(): Promise<{ slug: string; name: string }[]> {
    const ids = await store.publishedAuthorIds(this.services.db);
    const [slugs, names] = await Promise.all([professionalSlugs(this.services.db, ids), store.userNames(this.services.db, ids)]);
    return ids
      .filter((id) => slugs.has(id))
      .map((id) => ({ slug: slugs.get(id)!, name: names.get(id) ?? '' }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** An author's published items (their profile's publications). */
  async publicationsOf(slug: string): Promise<LibraryItem[]> {
    return (await this.listPublished({ author: slug }, 1)).items;
  }

  mine(actor: Actor): Promise<LibraryItem[]> {
    return store.listByOwner(this.services.db, actor.id);
  }

  /** The review queue: submitted items, oldest first. */
  queue(): Promise<LibraryItem[]> {
    return store.listByStatus(this.services.db, ['submitted']);
  }

  /** Latest published items for the Atom feed. */
  async feed(): Promise<LibraryItem[]> {
    return (await store.listPublished(this.services.db, {}, { limit: 30, offset: 0 })).items;
  }

  async sitemap(): Promise<{ path: string; locale: Locale; updatedAt: Date }[]> {
    const { items } = await store.listPublished(this.services.db, {}, { limit: 50_000, offset: 0 });
    return items.map((i) => ({ path: `/library/${i.slug}`, locale: i.locale, updatedAt: i.updatedAt }));
  }

  /**
   * A published item as a search document (title, summary, body with its PDFs' text, URL,
   * language, kind, procedures, authors); null for anything not published. core/search
   * indexes what this returns; call it again after each publication, save or removal.
   */
  async searchDocument(id: string): Promise<SearchDocument | null> {
    return librarySearchDocument(this.services.db, id);
  }

  /** Puts the item in the site search as it now is (or takes it out), in the caller's transaction. */
  async #index(trx: Trx, id: string): Promise<void> {
    const doc = await librarySearchDocument(trx, id);
    if (doc) await searchIndex(this.services.db).upsert(trx, doc);
    else await searchIndex(this.services.db).remove(trx, 'library', id);
  }

  // Writing

  async #fields(actor: Actor, input: ItemInput, ownerId: string | null): Promise<store.ItemFields> {
    const known = await this.knownProcedures();
    if (input.procedures.some((p) => !known.has(p))) throw new ValidationError('invalid_input', 'unknown procedure', { fields: { procedures: 'procedure_unknown' } });
    const authors: { userId: string | null; name: string }[] = [];
    const ownerName = ownerId ? (ownerId === actor.id ? actor.name : ((await findUserById(this.services.db, ownerId))?.name ?? null)) : null;
    if (ownerId && ownerName) authors.push({ userId: ownerId, name: ownerName });
    for (const slug of input.coauthors) {
      const id = await professionalIdBySlug(this.services.db, slug);
      if (!id) throw new ValidationError('invalid_input', 'unknown professional', { fields: { coauthors: 'author_unknown' } });
      if (authors.some((a) => a.userId === id)) continue;
      const user = await findUserById(this.services.db, id);
      authors.push({ userId: id, name: user?.name ?? slug });
    }
    for (const name of input.externalAuthors) authors.push({ userId: null, name });
    return {
      kind: input.kind,
      locale: input.locale,
      title: input.title,
      summary: input.summary,
      bodyMd: input.body,
      bodyHtml: await renderMarkdown(input.body),
      references: input.references,
      nudity: input.nudity,
      authors,
      procedures: input.procedures,
    };
  }

  async create(actor: Actor, input: ItemInput): Promise<string> {
    await this.#requireLicence(actor);
    const fields = await this.#fields(actor, input, actor.id);
    const base = slugify(input.title);
    return this.services.db.transaction().execute(async (trx) => {
      let slug = base;
      for (let n = 2; await store.slugTaken(trx, slug); n++) slug = `${base}-${n}`;
      const id = await store.insertItem(trx, slug, actor.id, fields);
      await recordAudit(trx, 'library.created', { type: 'library_item', id }, { kind: input.kind }, actor.id);
      return id;
    });
  }

  /**
   * Saves the owner's (or an editor's) changes. A published item gets a new revision with the
   * given summary; an unpublished one is simply updated (it has no public history yet).
   */
  async update(actor: Actor, id: string, input: ItemInput, summary: string): Promise<void> {
    const item = await this.get(id);
    if (!this.canEdit(actor, item)) throw item.status === 'published' && this.canSuggest(actor, item) ? new ForbiddenError('suggest_instead') : new NotFoundError();
    if (item.status === 'published' && input.kind !== item.kind) throw new ValidationError('invalid_input', 'kind is fixed once published', { fields: { kind: 'kind_fixed' } });
    const fields = await this.#fields(actor, input, item.ownerId);
    await this.services.db.transaction().execute(async (trx) => {
      await store.updateItem(trx, id, fields);
      const revision = item.status === 'published' ? await this.#revise(trx, id, actor.id, 'edited', summary) : null;
      await recordAudit(trx, 'library.updated', { type: 'library_item', id }, { revision }, actor.id);
    });
    if (item.status === 'published') this.services.pageCache.clear();
  }

  /** Sets the "contains nudity" flag: the owner, or a moderator on anyone's item. */
  async setNudity(actor: Actor, id: string, nudity: boolean): Promise<void> {
    const item = await this.get(id);
    if (!(this.isOwner(actor, item) || can(actor, 'library.remove')) || item.status === 'removed') throw new NotFoundError();
    await this.services.db.transaction().execute(async (trx) => {
      await store.setNudity(trx, id, nudity);
      await recordAudit(trx, 'library.flagged', { type: 'library_item', id }, { nudity }, actor.id);
    });
    this.services.pageCache.clear();
  }

  /** Adds an accepted upload to an item. Every library file is stored private: the library route serves it after checking the item. */
  async addFile(actor: Actor, id: string, file: IntakeFile, role: FileRole, alt: string): Promise<void> {
    const item = await this.get(id);
    if (!this.canEdit(actor, item)) throw new NotFoundError();
    await this.#requireLicence(actor);
    const expected = role === 'cover' || role === 'image' ? 'image' : role === 'document' ? 'pdf' : 'video';
    if (file.kind !== expected) throw new ValidationError('upload_not_allowed');
    if (role !== 'cover' && KIND_FILES[item.kind] !== role) throw new ValidationError('upload_not_allowed');
    await this.services.db.transaction().execute(async (trx) => {
      const stored = await storeUpload(trx, this.services.storage, file, { createdBy: actor.id, isPrivate: true });
      const mediaId = stored.kind === 'image' ? stored.image.id : stored.file.id;
      await store.insertFile(trx, id, mediaId, role, alt);
      if (item.status === 'published') await this.#revise(trx, id, actor.id, 'file_added', '');
      await recordAudit(trx, 'media.uploaded', { type: 'library_item', id }, { mediaId, role }, actor.id);
    });
    if (item.status === 'published') this.services.pageCache.clear();
  }

  /**
   * Takes a file off an item. On a published item the media stays, since the history keeps it
   * and a restore can bring it back; an item never published has no history, so the media and its
   * bytes go.
   */
  async removeFile(actor: Actor, id: string, fileId: string): Promise<void> {
    const item = await this.get(id);
    if (!this.canEdit(actor, item)) throw new NotFoundError();
    if (item.status === 'published') {
      // A published study keeps a PDF (a video its video, a photo set a photo): replace, never leave it without.
      const needed = KIND_FILES[item.kind];
      const files = await store.listFiles(this.services.db, id);
      const removing = files.find((f) => f.id === fileId);
      if (needed && removing?.role === needed && files.filter((f) => f.role === needed).length === 1) throw new ValidationError('library_last_file');
    }
    const keys = await this.services.db.transaction().execute(async (trx) => {
      const mediaId = await store.deleteFile(trx, id, fileId);
      if (!mediaId) throw new NotFoundError();
      await recordAudit(trx, 'library.updated', { type: 'library_item', id }, { fileRemoved: fileId }, actor.id);
      if (item.status === 'published') await this.#revise(trx, id, actor.id, 'file_removed', '');
      return item.revision === 0 ? deleteMedia(trx, [mediaId]) : [];
    });
    await removeStored(this.services.storage, keys);
    if (item.status === 'published') this.services.pageCache.clear();
  }

  /**
   * Deletes a draft (or a returned item) at its owner's request, with its files and their bytes:
   * never published, it has no readers, no history and no revisions to keep.
   */
  async deleteDraft(actor: Actor, id: string): Promise<void> {
    const item = await this.get(id);
    if (!this.isOwner(actor, item)) throw new NotFoundError();
    const keys = await this.services.db.transaction().execute(async (trx) => {
      const mediaIds = await store.deleteUnpublished(trx, id);
      if (!mediaIds) throw new ConflictError('wrong_status');
      await recordAudit(trx, 'library.deleted', { type: 'library_item', id }, { files: mediaIds.length }, actor.id);
      return deleteMedia(trx, mediaIds);
    });
    await removeStored(this.services.storage, keys);
  }

  // Workflow

  /** Sends the item to review; every reviewer is emailed (through the outbox, with the change). */
  async submit(actor: Actor, id: string): Promise<void> {
    const item = await this.get(id);
    if (!this.isOwner(actor, item)) throw new NotFoundError();
    const needed = KIND_FILES[item.kind];
    if (needed && !(await store.listFiles(this.services.db, id)).some((f) => f.role === needed)) throw new ValidationError('library_file_missing');
    const reviewers = await this.#reviewers(actor.id);
    await this.services.db.transaction().execute(async (trx) => {
      if (!(await store.transition(trx, id, ['draft', 'returned'], 'submitted'))) throw new ConflictError('wrong_status');
      await recordAudit(trx, 'library.submitted', { type: 'library_item', id }, undefined, actor.id);
      await this.#tell(trx, reviewers, itemSubmitted, (name, locale) => ({ name, title: item.title, author: actor.name, url: this.#url(locale, '/admin/library') }));
    });
  }

  /** Who reviews: the editors and moderators, or the admins where the practice has neither; never the submitter. */
  async #reviewers(submitterId: string): Promise<Recipient[]> {
    let people = await listUsersWithRoles(this.services.db, rolesGranted('library.review'));
    if (!people.length) people = await listUsersWithRoles(this.services.db, ['admin']);
    return people.filter((p) => p.id !== submitterId);
  }

  async publish(actor: Actor, id: string): Promise<void> {
    const item = await this.get(id);
    await this.services.db.transaction().execute(async (trx) => {
      if (!(await store.transition(trx, id, ['submitted'], 'published'))) throw new ConflictError('wrong_status');
      await this.#revise(trx, id, item.ownerId, 'published', '');
      await recordAudit(trx, 'library.published', { type: 'library_item', id }, undefined, actor.id);
      await this.#tell(trx, await this.#owner(trx, item), itemPublished, (name, locale) => ({ name, title: item.title, url: this.#url(locale, `/library/${item.slug}`) }));
    });
    this.services.pageCache.clear();
  }

  /** Sends a submitted item back to its owner with a reason, which is emailed to them. */
  async returnItem(actor: Actor, id: string, reason: string): Promise<void> {
    const item = await this.get(id);
    await this.services.db.transaction().execute(async (trx) => {
      if (!(await store.transition(trx, id, ['submitted'], 'returned', { returnReason: reason }))) throw new ConflictError('wrong_status');
      // The reason is written to the owner: kept on the item, not in the audit trail.
      await recordAudit(trx, 'library.returned', { type: 'library_item', id }, undefined, actor.id);
      await this.#tell(trx, await this.#owner(trx, item), itemReturned, (name, locale) => ({ name, title: item.title, reason, url: this.#url(locale, `/library/items/${id}/edit`) }));
    });
  }

  /** Removal for cause (moderators only): the page becomes a tombstone (410) that keeps the title and the reason category. */
  async remove(actor: Actor, id: string, reason: RemovalReason): Promise<void> {
    await this.get(id);
    await this.services.db.transaction().execute(async (trx) => {
      if (!(await store.transition(trx, id, ['published'], 'removed', { removalReason: reason }))) throw new ConflictError('wrong_status');
      await this.#index(trx, id);
      await recordAudit(trx, 'library.removed', { type: 'library_item', id }, { reason }, actor.id);
    });
    this.services.pageCache.clear();
  }

  /** Emails each person in their own language, through the outbox in `trx`; `data` is written per person. */
  async #tell<D>(trx: Trx, people: readonly Recipient[], template: EmailTemplate<D>, data: (name: string, locale: Locale) => D): Promise<void> {
    for (const person of people) {
      const locale = isLocale(person.locale) ? person.locale : 'en';
      await this.services.mail.send(trx, template, { to: person.email, locale, data: data(person.name, locale) });
    }
  }

  /** The item's owner to email, or nobody when the account is gone. */
  async #owner(db: Db | Trx, item: LibraryItem): Promise<Recipient[]> {
    const owner = item.ownerId ? await findUserById(db, item.ownerId) : null;
    return owner ? [owner] : [];
  }

  // Revisions

  async revisions(actor: Actor | null, id: string): Promise<{ item: LibraryItem; revisions: Revision[] }> {
    const item = await this.get(id);
    if (!this.canSee(actor, item) || item.status === 'removed') throw new NotFoundError();
    return { item, revisions: await store.listRevisions(this.services.db, id) };
  }

  async diff(actor: Actor | null, id: string, from: number, to: number): Promise<{ item: LibraryItem; changes: RevisionChanges }> {
    const item = await this.get(id);
    if (!this.canSee(actor, item) || item.status === 'removed') throw new NotFoundError();
    const [a, b] = await Promise.all([store.findRevision(this.services.db, id, from), store.findRevision(this.services.db, id, to)]);
    if (!a || !b) throw new NotFoundError();
    return { item, changes: await this.#changes(a, b) };
  }

  async #changes(a: Snapshot, b: Snapshot): Promise<RevisionChanges> {
    const userIds = [...a.authors, ...b.authors].flatMap((x) => ('userId' in x ? [x.userId] : []));
    const [names, fileNames] = await Promise.all([store.userNames(this.services.db, userIds), store.originalNames(this.services.db, [...a.files, ...b.files].map((f) => f.mediaId))]);
    const authorKey = (x: SnapshotAuthor) => ('userId' in x ? `user:${x.userId}` : `name:${x.name}`);
    const authorLabel = (x: SnapshotAuthor) => ('userId' in x ? (names.get(x.userId) ?? null) : x.name || null);
    return {
      text: wordDiff(textOf(a), textOf(b)),
      authors: listChange(a.authors, b.authors, authorKey, authorLabel),
      references: listChange(a.references, b.references, (r) => JSON.stringify([r.label, r.doi ?? '', r.pmid ?? '']), referenceLabel),
      procedures: listChange(a.procedures, b.procedures, (p) => p, (p) => p),
      // An alt text changed reads as the file's old label removed and its new one added.
      files: listChange(a.files, b.files, (f) => `${f.mediaId}\n${f.alt}`, (f) => f.alt || (fileNames.get(f.mediaId) ?? f.mediaId)),
    };
  }

  /**
   * Restores an old revision as a new one (history is never rewritten): its text, authors,
   * references, procedures and files. An author whose account is gone comes back as a former
   * member; a procedure no longer offered, or a file whose media is gone, is left out.
   */
  async restore(actor: Actor, id: string, number: number): Promise<void> {
    const item = await this.get(id);
    if (!this.canEdit(actor, item) || item.status !== 'published') throw new NotFoundError();
    const snap = await store.findRevision(this.services.db, id, number);
    if (!snap) throw new NotFoundError();
    const [html, known, names] = await Promise.all([
      renderMarkdown(snap.body),
      this.knownProcedures(),
      store.userNames(this.services.db, snap.authors.flatMap((a) => ('userId' in a ? [a.userId] : []))),
    ]);
    const authors = snap.authors.map((a) => ('userId' in a ? (names.has(a.userId) ? { userId: a.userId, name: names.get(a.userId)! } : { userId: null, name: '' }) : { userId: null, name: a.name }));
    await this.services.db.transaction().execute(async (trx) => {
      await store.restoreFields(trx, id, {
        title: snap.title,
        summary: snap.summary,
        bodyMd: snap.body,
        bodyHtml: html,
        references: snap.references,
        authors,
        procedures: snap.procedures.filter((p) => known.has(p)),
      });
      await store.setFiles(trx, id, snap.files);
      await this.#revise(trx, id, actor.id, 'restored', '', number);
      await recordAudit(trx, 'library.restored', { type: 'library_item', id }, { from: number }, actor.id);
    });
    this.services.pageCache.clear();
  }

  /** The item as a revision keeps it, read inside the writing transaction. */
  async #snapshot(trx: Trx, id: string): Promise<Snapshot> {
    const [item, files] = await Promise.all([store.findItem(trx, id), store.listFiles(trx, id)]);
    if (!item) throw new NotFoundError();
    return {
      ...textSnapshotOf(item),
      authors: item.authors.map((a) => (a.userId ? { userId: a.userId } : { name: a.name })),
      references: item.references,
      procedures: item.procedures,
      files: files.map((f) => ({ mediaId: f.mediaId, role: f.role, alt: f.alt })),
    };
  }

  /**
   * Records a published item as it now is as its next revision and puts that in the site search,
   * in the caller's transaction; returns the revision's number.
   */
  async #revise(trx: Trx, id: string, authorId: string | null, change: RevisionChange, summary: string, restoredFrom?: number): Promise<number> {
    const number = (await store.currentRevision(trx, id)) + 1;
    await store.insertRevision(trx, id, { number, authorId, change, summary, snapshot: await this.#snapshot(trx, id), ...(restoredFrom ? { restoredFrom } : {}) });
    await store.setRevision(trx, id, number);
    await this.#index(trx, id);
    return number;
  }

  // Suggested edits

  async suggest(actor: Actor, id: string, snap: TextSnapshot, note: string): Promise<string> {
    const item = await this.get(id);
    if (!this.canSuggest(actor, item)) throw new NotFoundError();
    const owner = await this.#owner(this.services.db, item);
    const recipients = owner.length ? owner : await this.#reviewers(actor.id);
    return this.services.db.transaction().execute(async (trx) => {
      const sid = await store.insertSuggestion(trx, id, actor.id, item.revision, snap, note);
      await recordAudit(trx, 'library.suggested', { type: 'library_item', id }, { suggestion: sid }, actor.id);
      await this.#tell(trx, recipients, suggestionReceived, (name, locale) => ({ name, title: item.title, by: actor.name, url: this.#url(locale, `/library/items/${id}/suggestions`) }));
      return sid;
    });
  }

  /** Pending suggestions with their diff against the current text; for the owner and editors only. */
  async suggestions(actor: Actor, id: string): Promise<{ item: LibraryItem; suggestions: (Suggestion & { segments: DiffSegment[] })[] }> {
    const item = await this.get(id);
    if (!this.canEdit(actor, item)) throw new NotFoundError();
    const list = await store.listSuggestions(this.services.db, id, 'pending');
    const current = textOf(textSnapshotOf(item));
    return { item, suggestions: list.map((s) => ({ ...s, segments: wordDiff(current, textOf(s.snapshot)) })) };
  }

  async decideSuggestion(actor: Actor, id: string, suggestionId: string, accept: boolean): Promise<void> {
    const item = await this.get(id);
    if (!this.canEdit(actor, item) || item.status !== 'published') throw new NotFoundError();
    const suggestion = (await store.listSuggestions(this.services.db, id, 'pending')).find((s) => s.id === suggestionId);
    if (!suggestion) throw new NotFoundError();
    const html = accept ? await renderMarkdown(suggestion.snapshot.body) : '';
    const suggester = suggestion.authorId && suggestion.authorId !== actor.id ? await findUserById(this.services.db, suggestion.authorId) : null;
    await this.services.db.transaction().execute(async (trx) => {
      if (!(await store.decideSuggestion(trx, suggestionId, id, accept ? 'accepted' : 'rejected', actor.id))) throw new ConflictError('already_decided');
      if (accept) {
        await store.updateText(trx, id, { title: suggestion.snapshot.title, summary: suggestion.snapshot.summary, bodyMd: suggestion.snapshot.body, bodyHtml: html });
        await this.#revise(trx, id, actor.id, 'suggestion', suggestion.note);
      }
      await recordAudit(trx, accept ? 'library.suggestion_accepted' : 'library.suggestion_rejected', { type: 'library_item', id }, { suggestion: suggestionId }, actor.id);
      if (suggester) await this.#tell(trx, [suggester], suggestionDecided, (name, locale) => ({ name, title: item.title, accepted: accept, url: this.#url(locale, `/library/${item.slug}`) }));
    });
    if (accept) this.services.pageCache.clear();
  }

  // Files as the library route serves them

  /**
   * Whether `actor` may fetch a library media object, and how it may be cached: published
   * items' files are public; a draft's only reach its owner and reviewers (never cached).
   */
  async mediaAccess(actor: Actor | null, mediaId: string): Promise<'public' | 'private' | null> {
    const itemId = await store.itemIdOfMedia(this.services.db, mediaId);
    if (!itemId) return null;
    const item = await store.findItem(this.services.db, itemId);
    if (!item || item.status === 'removed' || !this.canSee(actor, item)) return null;
    return item.status === 'published' ? 'public' : 'private';
  }

  /** The tiny placeholder of a library image, as WebP bytes (it is stored as a data: URI, which CSP would block). */
  async placeholder(mediaId: string): Promise<Buffer | null> {
    const row = (await findImages(this.services.db, [mediaId])).get(mediaId);
    const uri = row?.placeholder;
    const m = uri ? /^data:image\/webp;base64,([A-Za-z0-9+/=]+)$/.exec(uri) : null;
    return m ? Buffer.from(m[1]!, 'base64') : null;
  }
}

/**
 * A published item as site search indexes it (title, summary, text with its PDFs' text,
 * kind, procedures); null for anything not published.
 */
async function librarySearchDocument(db: Db | Trx, id: string): Promise<SearchDocument | null> {
  const item = await store.findItem(db, id);
  if (!item || item.status !== 'published') return null;
  const texts = await store.pdfTexts(db, id);
  return {
    type: 'library',
    id: item.id,
    locale: item.locale,
    url: localizePath(item.locale, `/library/${item.slug}`),
    title: item.title,
    summary: item.summary,
    body: [markdownToText(item.bodyMd), ...texts].filter(Boolean).join('\n\n'),
    // No author names: the index is a copy that erasure does not reach (see core/search/privacy.ts).
    facets: { kind: item.kind, procedure: item.procedures },
    publishedAt: item.publishedAt,
  };
}

/** Every published item, for rebuilding the search index. */
export async function* publishedLibraryDocuments(db: Db | Trx): AsyncIterable<SearchDocument> {
  for (const id of await store.publishedItemIds(db)) {
    const doc = await librarySearchDocument(db, id);
    if (doc) yield doc;
  }
}
