import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../app.js';
import { type Actor, can } from '../../core/auth/index.js';
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../core/errors.js';
import { requireActor } from '../../core/http/index.js';
import { localPath, parseForm } from '../../core/http/forms.js';
import { localizePath, type MessageKey } from '../../core/i18n/index.js';
import { intake, type IntakeFile, type IntakePolicy } from '../../core/media/index.js';
import { sendStored } from '../../core/media/serve.js';
import { isValidKey } from '../../core/media/storage.js';
import type { FieldErrors } from '../../core/views/components.js';
import { ProfessionalService } from '../accounts/service.js';
import { guideService } from '../procedures/index.js';
import { FILE_ROLES, type FileRole, type LibraryItem } from './model.js';
import './policy.js';
import './privacy.js';
import { decideForm, diffQuery, indexQuery, itemForm, licenceForm, nudityForm, parseReferences, referencesText, removeForm, returnForm, suggestForm } from './schemas.js';
import { type ItemInput, LibraryService, publishedLibraryDocuments } from './service.js';
import { registerSearchSource } from '../../core/search/index.js';
import { HistoryPage, ItemFormPage, LibraryDiffPage, LicencePage, ManagePage, MyItemsPage, QueuePage, SuggestionsPage, SuggestPage } from './views/manage.js';
import { AuthorPage, LibraryIndexPage, LibraryItemPage, renderAtom, TombstonePage } from './views/public.js';

registerSearchSource({ type: 'library', documents: publishedLibraryDocuments });

const idParams = z.object({ id: z.string().min(1).max(40) });
const fileParams = idParams.extend({ fid: z.string().min(1).max(40) });
const roleParams = idParams.extend({ role: z.enum(FILE_ROLES) });
const suggestionParams = idParams.extend({ sid: z.string().min(1).max(40) });
const revisionParams = idParams.extend({ number: z.coerce.number().int().min(1).max(1_000_000) });
const slugParams = z.object({ slug: z.string().max(120) });
const keyParams = z.object({ key: z.string().max(100) });
const noticeQuery = z.object({ notice: z.enum(['created', 'saved', 'uploaded', 'removedFile', 'submitted', 'published', 'returned', 'removed', 'flagged', 'suggested', 'decided', 'restored', 'licence', 'deleted']).optional().catch(undefined) }).loose();


function notice(request: FastifyRequest): string | undefined {
  const { notice: key } = noticeQuery.parse(request.query ?? {});
  return key ? request.view().t(`library.notice.${key}` as MessageKey) : undefined;
}

/** The library: public pages, the contributors' pages, the review queue and the media route. */
export default async function library(app: FastifyInstance, services: AppServices): Promise<void> {
  const guides = guideService(services);
  const professionals = new ProfessionalService(services);
  const service = new LibraryService(services, async () => new Set((await guides.listAllPublished()).map((g) => g.slug)));

  async function procedureOptions(locale: string): Promise<{ slug: string; title: string }[]> {
    const all = await guides.listAllPublished();
    const bySlug = new Map<string, string>();
    for (const g of all) if (g.locale === locale || !bySlug.has(g.slug)) bySlug.set(g.slug, g.title);
    return [...bySlug].map(([slug, title]) => ({ slug, title })).sort((a, b) => a.title.localeCompare(b.title));
  }

  services.sitemap.push(() => service.sitemap());
  services.dashboard.push(async (actor, t) => {
    if (!can(actor, 'library.review')) return null;
    const queue = await service.queue();
    return { href: '/admin/library', title: t('library.queue.title'), summary: t('library.queue.summary', { count: queue.length }), attention: queue.length > 0 };
  });

  // Public pages

  app.get('/library', { config: { action: 'library.read', pageCache: true } }, async (request, reply) => {
    const q = indexQuery.parse(request.query ?? {});
    const filter = { kind: q.kind, procedure: q.procedure, author: q.author };
    const [list, procedures, authors] = await Promise.all([
      service.listPublished({ ...(q.kind ? { kind: q.kind } : {}), ...(q.procedure ? { procedure: q.procedure } : {}), ...(q.author ? { author: q.author } : {}) }, q.page),
      procedureOptions(request.locale),
      service.publishedAuthors(),
    ]);
    return reply.html(LibraryIndexPage({ ctx: request.view(), data: { ...list, page: Math.min(q.page, list.pages), filter, procedures, authors } }) as string);
  });

  app.get('/library/feed.xml', { config: { action: 'library.read' } }, async (request, reply) => {
    const items = await service.feed();
    const body = renderAtom({ publicUrl: services.config.publicUrl, practiceName: services.config.practice.name, title: request.view().t('library.feed.title', { practice: services.config.practice.name }) }, items);
    return reply.type('application/atom+xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(body);
  });

  app.get('/library/:slug', { config: { action: 'library.read', pageCache: true } }, async (request, reply) => {
    const { slug } = slugParams.parse(request.params);
    const item = await service.bySlug(request.actor, slug);
    if (!item) throw new NotFoundError();
    const ctx = request.view();
    if (item.status === 'removed') return reply.code(410).html(TombstonePage({ ctx, item }) as string);
    if (item.status !== 'published') return reply.redirect(localizePath(request.locale, `/library/items/${item.id}`), 303);
    // Anonymous visitors always start blurred; signed-in adults may have chosen to see such images.
    const reveal = Boolean(request.actor?.revealSensitiveMedia);
    return reply.html(LibraryItemPage({ ctx, item, reveal, canEdit: service.canEdit(request.actor, item), canSuggest: service.canSuggest(request.actor, item) }) as string);
  });

  app.get('/authors/:slug', { config: { action: 'library.read', pageCache: true } }, async (request, reply) => {
    const { slug } = slugParams.parse(request.params);
    const profile = await professionals.publicProfile(slug);
    return reply.html(AuthorPage({ ctx: request.view(), profile, items: await service.publicationsOf(slug) }) as string);
  });

  // Library media: keys are private (never served by /media); this route checks the item first.
  app.get('/library/files/:key', { config: { action: 'library.read' } }, async (request, reply) => {
    const { key } = keyParams.parse(request.params);
    if (!isValidKey(key)) throw new NotFoundError();
    const access = await service.mediaAccess(request.actor, key.slice(0, 16));
    if (!access) throw new NotFoundError();
    return sendStored(request, reply, services.storage, key, { cacheControl: access === 'public' ? 'public, max-age=3600' : 'private, no-store' });
  });

  app.get('/library/placeholder/:key', { config: { action: 'library.read' } }, async (request, reply) => {
    const { key } = keyParams.parse(request.params);
    const access = await service.mediaAccess(request.actor, key);
    const bytes = access ? await service.placeholder(key) : null;
    if (!bytes) throw new NotFoundError();
    return reply.type('image/webp').header('cache-control', access === 'public' ? 'public, max-age=3600' : 'private, no-store').send(bytes);
  });

  // History is public for published items (and visible to owner and reviewers before).

  app.get('/library/items/:id/history', { config: { action: 'library.read' } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const { item, revisions } = await service.revisions(request.actor, id);
    return reply.html(HistoryPage({ ctx: request.view(), item, revisions, canRestore: service.canEdit(request.actor, item), notice: notice(request) }) as string);
  });

  app.get('/library/items/:id/diff', { config: { action: 'library.read' } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const q = diffQuery.safeParse(request.query ?? {});
    if (!q.success) throw new AppError('invalid_input', 400);
    const { item, changes } = await service.diff(request.actor, id, q.data.from, q.data.to);
    return reply.html(LibraryDiffPage({ ctx: request.view(), item, from: q.data.from, to: q.data.to, changes }) as string);
  });

  // Contributors

  const contribute = { config: { action: 'library.contribute' } };

  /** Sends a person who has not accepted the licence in force to it first; true when it did. */
  async function licenceFirst(request: FastifyRequest, reply: FastifyReply, next: string): Promise<boolean> {
    if (!(await service.needsLicence(requireActor(request)))) return false;
    await reply.redirect(`${localizePath(request.locale, '/library/licence')}?next=${encodeURIComponent(next)}`, 303);
    return true;
  }

  app.get('/library/licence', contribute, async (request, reply) => {
    const next = localPath.safeParse((request.query as { next?: unknown } | undefined)?.next);
    return reply.html(LicencePage({ ctx: request.view(), next: next.success && next.data ? next.data : '/library/mine' }) as string);
  });

  app.post('/library/licence', contribute, async (request, reply) => {
    const ctx = request.view();
    const form = parseForm(licenceForm, request.body, ctx.t);
    const next = localPath.safeParse((request.body as { next?: unknown } | undefined)?.next);
    const target = next.success && next.data ? next.data : '/library/mine';
    if (!form.ok) return reply.code(422).html(LicencePage({ ctx, next: target, error: ctx.t('library.licence.mustAccept') }) as string);
    await service.acceptLicence(requireActor(request));
    return reply.redirect(localizePath(request.locale, target), 303);
  });

  app.get('/library/mine', contribute, async (request, reply) => reply.html(MyItemsPage({ ctx: request.view(), items: await service.mine(requireActor(request)), notice: notice(request) }) as string));

  app.get('/library/items/new', contribute, async (request, reply) => {
    if (await licenceFirst(request, reply, '/library/items/new')) return reply;
    return reply.html(ItemFormPage({ ctx: request.view(), values: { locale: request.locale }, procedures: await procedureOptions(request.locale) }) as string);
  });

  /** The item form as service input, or field errors (references are validated line by line). */
  function readItemForm(request: FastifyRequest): { ok: true; input: ItemInput; summary: string } | { ok: false; errors: FieldErrors } {
    const t = request.view().t;
    const form = parseForm(itemForm, request.body, t);
    if (!form.ok) return { ok: false, errors: form.errors };
    const refs = parseReferences(form.data.references);
    if (!refs.ok) return { ok: false, errors: { references: t('library.error.reference', { line: refs.line }) } };
    return {
      ok: true,
      summary: form.data.change_summary,
      input: {
        kind: form.data.kind,
        locale: form.data.locale,
        title: form.data.title,
        summary: form.data.summary,
        body: form.data.body,
        references: refs.refs,
        nudity: form.data.nudity === '1',
        coauthors: form.data.coauthors,
        externalAuthors: form.data.external_authors,
        procedures: form.data.procedures,
      },
    };
  }

  function serviceErrors(request: FastifyRequest, e: ValidationError): FieldErrors {
    const t = request.view().t;
    const fields = (e.details?.fields ?? {}) as Record<string, string>;
    const entries = Object.entries(fields);
    if (entries.length) return Object.fromEntries(entries.map(([f, code]) => [f, t(`library.error.${code}` as MessageKey)]));
    return { form: t(`error.field.${e.code}` as MessageKey) };
  }

  app.post('/library/items', contribute, async (request, reply) => {
    if (await licenceFirst(request, reply, '/library/items/new')) return reply;
    const ctx = request.view();
    const procedures = await procedureOptions(request.locale);
    const values = (request.body ?? {}) as Record<string, string>;
    const form = readItemForm(request);
    if (!form.ok) return reply.code(422).html(ItemFormPage({ ctx, values, errors: form.errors, procedures }) as string);
    try {
      const id = await service.create(requireActor(request), form.input);
      return reply.redirect(`${localizePath(request.locale, `/library/items/${id}`)}?notice=created`, 303);
    } catch (e) {
      if (e instanceof ValidationError) return reply.code(422).html(ItemFormPage({ ctx, values, errors: serviceErrors(request, e), procedures }) as string);
      throw e;
    }
  });

  async function renderManage(request: FastifyRequest, id: string, errors?: FieldErrors): Promise<string> {
    const actor = requireActor(request);
    const item = await service.forActor(actor, id);
    const pending = service.canEdit(actor, item) && item.status === 'published' ? (await service.suggestions(actor, id)).suggestions.length : 0;
    return ManagePage({
      ctx: request.view(),
      item,
      isOwner: service.isOwner(actor, item),
      canEdit: service.canEdit(actor, item),
      canReview: can(actor, 'library.review'),
      canRemove: can(actor, 'library.remove'),
      pendingSuggestions: pending,
      notice: notice(request),
      errors,
    }) as string;
  }

  app.get('/library/items/:id', contribute, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    return reply.html(await renderManage(request, id));
  });

  function formValuesOf(item: LibraryItem): Record<string, string | string[]> {
    return {
      kind: item.kind,
      locale: item.locale,
      title: item.title,
      summary: item.summary,
      body: item.bodyMd,
      references: referencesText(item.references),
      coauthors: item.authors
        .slice(1)
        .filter((a) => a.slug)
        .map((a) => a.slug!)
        .join('\n'),
      external_authors: item.authors
        .filter((a) => !a.userId)
        .map((a) => a.name)
        .join('\n'),
      procedures: [...item.procedures],
      nudity: item.nudity ? '1' : '',
    };
  }

  async function editable(actor: Actor, id: string): Promise<LibraryItem> {
    const item = await service.forActor(actor, id);
    if (!service.canEdit(actor, item)) throw new NotFoundError();
    return item;
  }

  app.get('/library/items/:id/edit', contribute, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const item = await editable(requireActor(request), id);
    return reply.html(ItemFormPage({ ctx: request.view(), item, values: formValuesOf(item), procedures: await procedureOptions(request.locale) }) as string);
  });

  app.post('/library/items/:id/edit', contribute, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const actor = requireActor(request);
    const item = await editable(actor, id);
    const ctx = request.view();
    const procedures = await procedureOptions(request.locale);
    const values = (request.body ?? {}) as Record<string, string>;
    const form = readItemForm(request);
    if (!form.ok) return reply.code(422).html(ItemFormPage({ ctx, item, values, errors: form.errors, procedures }) as string);
    try {
      await service.update(actor, id, form.input, form.summary);
    } catch (e) {
      if (e instanceof ValidationError) return reply.code(422).html(ItemFormPage({ ctx, item, values, errors: serviceErrors(request, e), procedures }) as string);
      throw e;
    }
    return reply.redirect(`${localizePath(request.locale, `/library/items/${id}`)}?notice=saved`, 303);
  });

  /**
   * Reads an upload form: the alt text and one file, streamed through media intake with the
   * role's allow-list and size limit. The accepted file waits in a temporary file until stored.
   */
  async function readUpload(request: FastifyRequest, policy: IntakePolicy): Promise<{ alt: string; file: IntakeFile }> {
    if (!request.isMultipart()) throw new ValidationError('upload_empty');
    let alt = '';
    let file: IntakeFile | undefined;
    let refused: ValidationError | undefined;
    try {
      for await (const part of request.parts({ limits: { fileSize: policy.maxBytes, files: 1 } })) {
        if (part.type === 'file') {
          try {
            file = await intake(part.file, policy, { filename: part.filename });
          } catch (e) {
            if (!(e instanceof ValidationError)) throw e;
            refused = e;
          }
        } else if (part.fieldname === 'alt' && typeof part.value === 'string') {
          alt = part.value.replace(/\p{Cc}/gu, ' ').trim().slice(0, 300);
        }
      }
    } catch (e) {
      await file?.dispose();
      if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new ValidationError('upload_too_big');
      if ((e as { code?: string }).code?.startsWith('FST_')) throw new ValidationError('upload_empty');
      throw e;
    }
    if (refused || !file) {
      await file?.dispose();
      throw refused ?? new ValidationError('upload_empty');
    }
    return { alt, file };
  }

  /** Per-kind limits: PDFs and videos are bigger than figures (LIBRARY_*_MAX_MB); images follow UPLOAD_MAX_MB. */
  const policies: Record<FileRole, IntakePolicy> = {
    document: { kinds: ['pdf'], maxBytes: services.config.libraryMaxBytes.pdf },
    video: { kinds: ['video'], maxBytes: services.config.libraryMaxBytes.video },
    image: { kinds: ['image'], maxBytes: services.config.uploadMaxBytes },
    cover: { kinds: ['image'], maxBytes: services.config.uploadMaxBytes },
  };

  app.post('/library/items/:id/files/:role', contribute, async (request, reply) => {
    const { id, role } = roleParams.parse(request.params);
    const actor = requireActor(request);
    await editable(actor, id);
    if (await licenceFirst(request, reply, `/library/items/${id}`)) return reply;
    try {
      const { alt, file } = await readUpload(request, policies[role]);
      try {
        await service.addFile(actor, id, file, role, alt);
      } finally {
        await file.dispose();
      }
    } catch (e) {
      if (e instanceof ValidationError) return reply.code(422).html(await renderManage(request, id, { [role]: request.view().t(`error.field.${e.code}` as MessageKey) }));
      throw e;
    }
    return reply.redirect(`${localizePath(request.locale, `/library/items/${id}`)}?notice=uploaded#files-title`, 303);
  });

  app.post('/library/items/:id/files/:fid/delete', contribute, async (request, reply) => {
    const { id, fid } = fileParams.parse(request.params);
    try {
      await service.removeFile(requireActor(request), id, fid);
    } catch (e) {
      if (e instanceof ValidationError) return reply.code(422).html(await renderManage(request, id, { form: request.view().t('library.error.lastFile') }));
      throw e;
    }
    return reply.redirect(`${localizePath(request.locale, `/library/items/${id}`)}?notice=removedFile#files-title`, 303);
  });

  app.post('/library/items/:id/delete', contribute, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    try {
      await service.deleteDraft(requireActor(request), id);
    } catch (e) {
      if (e instanceof ConflictError) return reply.code(409).html(await renderManage(request, id, { form: request.view().t('library.error.status') }));
      throw e;
    }
    return reply.redirect(`${localizePath(request.locale, '/library/mine')}?notice=deleted`, 303);
  });

  app.post('/library/items/:id/submit', contribute, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    try {
      await service.submit(requireActor(request), id);
    } catch (e) {
      if (e instanceof ValidationError) return reply.code(422).html(await renderManage(request, id, { form: request.view().t('library.error.fileMissing') }));
      if (e instanceof ConflictError) return reply.code(409).html(await renderManage(request, id, { form: request.view().t('library.error.status') }));
      throw e;
    }
    return reply.redirect(`${localizePath(request.locale, `/library/items/${id}`)}?notice=submitted`, 303);
  });

  app.post('/library/items/:id/nudity', contribute, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const form = nudityForm.safeParse(request.body ?? {});
    if (!form.success) throw new AppError('invalid_input', 400);
    await service.setNudity(requireActor(request), id, form.data.nudity === '1');
    return reply.redirect(`${localizePath(request.locale, `/library/items/${id}`)}?notice=flagged`, 303);
  });

  app.get('/library/items/:id/suggest', contribute, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const actor = requireActor(request);
    const item = await service.forActor(actor, id);
    if (!service.canSuggest(actor, item)) throw new NotFoundError();
    return reply.html(SuggestPage({ ctx: request.view(), item, values: { title: item.title, summary: item.summary, body: item.bodyMd } }) as string);
  });

  app.post('/library/items/:id/suggest', contribute, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const actor = requireActor(request);
    const item = await service.forActor(actor, id);
    if (!service.canSuggest(actor, item)) throw new NotFoundError();
    const ctx = request.view();
    const form = parseForm(suggestForm, request.body, ctx.t);
    if (!form.ok) return reply.code(422).html(SuggestPage({ ctx, item, values: form.values, errors: form.errors }) as string);
    await service.suggest(actor, id, { title: form.data.title, summary: form.data.summary, body: form.data.body }, form.data.note);
    return reply.redirect(`${localizePath(request.locale, `/library/${item.slug}`)}`, 303);
  });

  app.get('/library/items/:id/suggestions', contribute, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const { item, suggestions } = await service.suggestions(requireActor(request), id);
    return reply.html(SuggestionsPage({ ctx: request.view(), item, suggestions, notice: notice(request) }) as string);
  });

  app.post('/library/items/:id/suggestions/:sid', contribute, async (request, reply) => {
    const { id, sid } = suggestionParams.parse(request.params);
    const form = decideForm.safeParse(request.body ?? {});
    if (!form.success) throw new AppError('invalid_input', 400);
    try {
      await service.decideSuggestion(requireActor(request), id, sid, form.data.decision === 'accept');
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
    }
    return reply.redirect(`${localizePath(request.locale, `/library/items/${id}/suggestions`)}?notice=decided`, 303);
  });

  app.post('/library/items/:id/revisions/:number/restore', contribute, async (request, reply) => {
    const { id, number } = revisionParams.parse(request.params);
    await service.restore(requireActor(request), id, number);
    return reply.redirect(`${localizePath(request.locale, `/library/items/${id}/history`)}?notice=restored`, 303);
  });

  // Review (editors and moderators) and removal (moderators)

  app.get('/admin/library', { config: { action: 'library.review' } }, async (request, reply) => reply.html(QueuePage({ ctx: request.view(), items: await service.queue(), notice: notice(request) }) as string));

  app.post('/admin/library/:id/publish', { config: { action: 'library.review' } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    try {
      await service.publish(requireActor(request), id);
    } catch (e) {
      if (e instanceof ConflictError) return reply.code(409).html(await renderManage(request, id, { form: request.view().t('library.error.status') }));
      throw e;
    }
    return reply.redirect('/admin/library?notice=published', 303);
  });

  app.post('/admin/library/:id/return', { config: { action: 'library.review' } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const ctx = request.view();
    const form = parseForm(returnForm, request.body, ctx.t);
    if (!form.ok) return reply.code(422).html(await renderManage(request, id, form.errors));
    try {
      await service.returnItem(requireActor(request), id, form.data.reason);
    } catch (e) {
      if (e instanceof ConflictError) return reply.code(409).html(await renderManage(request, id, { form: ctx.t('library.error.status') }));
      throw e;
    }
    return reply.redirect('/admin/library?notice=returned', 303);
  });

  app.post('/admin/library/:id/remove', { config: { action: 'library.remove' } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const form = removeForm.safeParse(request.body ?? {});
    if (!form.success) return reply.code(422).html(await renderManage(request, id, { form: request.view().t('form.choose') }));
    try {
      await service.remove(requireActor(request), id, form.data.reason);
    } catch (e) {
      if (e instanceof ConflictError) return reply.code(409).html(await renderManage(request, id, { form: request.view().t('library.error.status') }));
      throw e;
    }
    return reply.redirect(`/library/items/${id}?notice=removed`, 303);
  });

  // Not reachable: ForbiddenError is only thrown by the service when a route's own checks were skipped.
  void ForbiddenError;
}

/** The library service bound to the app's services (for core/search and other features). */
export function libraryService(services: AppServices): LibraryService {
  const guides = guideService(services);
  return new LibraryService(services, async () => new Set((await guides.listAllPublished()).map((g) => g.slug)));
}
