import { readFile } from 'node:fs/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../../core/auth/index.js';
import { AppError, ValidationError } from '../../core/errors.js';
import { requireActor } from '../../core/http/index.js';
import { parseForm } from '../../core/http/forms.js';
import type { MessageKey } from '../../core/i18n/index.js';
import { markdownToPlainText } from '../../core/markdown/index.js';
import { intake, type IntakePolicy } from '../../core/media/intake.js';
import type { ReadingReport } from '../../core/text/readability.js';
import type { FieldErrors } from '../../core/views/components.js';
import { detailsForm, diffQuery, figureFields, importForm, moveForm, newGuideForm, previewForm, revisionParams, sectionForm } from './schemas.js';
import type { GuideService } from './service.js';
import { DiffPage, type EditorData, GuideEditorPage, GuideListPage, ImportPage, ImportResultPage, NewGuidePage, RevisionsPage, SectionPreview } from './views/admin.js';

const idParams = z.object({ id: z.string().min(1).max(40) });
const sectionParams = idParams.extend({ sid: z.string().min(1).max(40) });
const figureParams = idParams.extend({ fid: z.string().min(1).max(40) });
const noticeQuery = z.object({ notice: z.string().max(40).optional() }).loose();

const NOTICES = new Set(['created', 'saved', 'published', 'unpublished', 'restored', 'sectionAdded', 'sectionRemoved', 'moved', 'figureSaved', 'figureRemoved', 'deleted']);

/** The reading grade of a section's Markdown (the text tools load on first use). */
async function gradeOf(bodyMd: string, locale: 'en' | 'es'): Promise<ReadingReport> {
  const { readingGrade } = await import('../../core/text/readability.js');
  return readingGrade(await markdownToPlainText(bodyMd), locale);
}

function notice(request: FastifyRequest): string | undefined {
  const { notice: key } = noticeQuery.parse(request.query ?? {});
  return key && NOTICES.has(key) ? request.view().t(`admin.notice.${key}` as MessageKey) : undefined;
}

/** A validation error as field messages the form can show next to the fields. */
function fieldErrors(request: FastifyRequest, error: ValidationError, fallbackField: string): FieldErrors {
  const t = request.view().t;
  const fields = (error.details?.fields ?? {}) as Record<string, string>;
  const entries = Object.entries(fields);
  if (entries.length) return Object.fromEntries(entries.map(([f, code]) => [f, t(`error.field.${code}` as MessageKey)]));
  return { [fallbackField]: t(`error.field.${error.code}` as MessageKey) };
}

/**
 * Reads a multipart figure form: fields plus at most one image. The file goes through media
 * intake (streamed to a temporary file, size-limited, its kind decided from its bytes, images
 * only); an empty file input means "no new image".
 */
async function readFigureForm(request: FastifyRequest, policy: IntakePolicy): Promise<{ fields: Record<string, string>; image?: { bytes: Buffer; name?: string } }> {
  const fields: Record<string, string> = {};
  let image: { bytes: Buffer; name?: string } | undefined;
  let refused: ValidationError | undefined;
  if (!request.isMultipart()) throw new ValidationError('invalid_input');
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        try {
          const file = await intake(part.file, policy, { filename: part.filename });
          try {
            image = { bytes: await readFile(file.path), ...(file.originalName ? { name: file.originalName } : {}) };
          } finally {
            await file.dispose();
          }
        } catch (e) {
          // Keep reading the other parts; the refusal is shown once the form is whole.
          if (!(e instanceof ValidationError)) throw e;
          if (e.code !== 'upload_empty') refused = e;
        }
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new ValidationError('upload_too_big');
    throw e;
  }
  if (refused) throw refused;
  return image ? { fields, image } : { fields };
}

/** The back office for guides: list, create, edit section by section, figures, history, import. */
export function adminRoutes(app: FastifyInstance, guides: GuideService, limits: { uploadMaxBytes: number }): void {
  /** Guide figures are images only (no video, no PDF), at most UPLOAD_MAX_MB. */
  const figurePolicy: IntakePolicy = { kinds: ['image'], maxBytes: limits.uploadMaxBytes };

  async function editorData(request: FastifyRequest, id: string): Promise<EditorData> {
    const { guide, images, candidates } = await guides.forEditing(id);
    const grades = new Map(await Promise.all(guide.sections.map(async (s) => [s.id, await gradeOf(s.bodyMd, guide.locale)] as const)));
    return { guide, images, candidates, grades, canPublish: can(request.actor, 'guides.publish') };
  }

  async function renderEditor(request: FastifyRequest, id: string, extra: { errors?: FieldErrors; errorSection?: string; status?: number } = {}): Promise<string> {
    const data = await editorData(request, id);
    return GuideEditorPage({ ctx: request.view(), data, notice: notice(request), errors: extra.errors, errorSection: extra.errorSection }) as string;
  }

  const manage = { config: { action: 'guides.manage' } };

  app.get('/admin/guides', manage, async (request, reply) => reply.html(GuideListPage({ ctx: request.view(), guides: await guides.listAll(), notice: notice(request) }) as string));

  app.get('/admin/guides/new', manage, async (request, reply) => reply.html(NewGuidePage({ ctx: request.view() }) as string));

  app.post('/admin/guides', manage, async (request, reply) => {
    const ctx = request.view();
    const form = parseForm(newGuideForm, request.body, ctx.t);
    if (!form.ok) return reply.code(422).html(NewGuidePage({ ctx, values: form.values, errors: form.errors }) as string);
    try {
      const id = await guides.create(requireActor(request), form.data);
      return reply.redirect(`/admin/guides/${id}?notice=created`, 303);
    } catch (e) {
      if (e instanceof ValidationError) return reply.code(422).html(NewGuidePage({ ctx, values: form.data as unknown as Record<string, string>, errors: fieldErrors(request, e, 'slug') }) as string);
      throw e;
    }
  });

  app.get('/admin/guides/import', { config: { action: 'guides.import' } }, async (request, reply) => reply.html(ImportPage({ ctx: request.view() }) as string));

  app.post('/admin/guides/import', { config: { action: 'guides.import' } }, async (request, reply) => {
    const ctx = request.view();
    const form = parseForm(importForm, request.body, ctx.t);
    if (!form.ok) return reply.code(422).html(ImportPage({ ctx, values: form.values, errors: form.errors }) as string);
    try {
      const result = await guides.importDraft(requireActor(request), form.data);
      return reply.html(ImportResultPage({ ctx, guideId: result.guideId, title: result.title, report: result.report }) as string);
    } catch (e) {
      if (e instanceof ValidationError) {
        return reply.code(422).html(ImportPage({ ctx, values: { ...form.data, text: form.data.text }, errors: { text: ctx.t(`error.field.${e.code}` as MessageKey) } }) as string);
      }
      throw e;
    }
  });

  app.get('/admin/guides/:id', manage, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    return reply.html(await renderEditor(request, id));
  });

  app.post('/admin/guides/:id/details', manage, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const form = parseForm(detailsForm, request.body, request.view().t);
    if (!form.ok) return reply.code(422).html(await renderEditor(request, id, { errors: form.errors }));
    try {
      await guides.updateDetails(requireActor(request), id, { ...form.data, relatedIds: form.data.related });
    } catch (e) {
      if (e instanceof ValidationError) return reply.code(422).html(await renderEditor(request, id, { errors: fieldErrors(request, e, 'slug') }));
      throw e;
    }
    return reply.redirect(`/admin/guides/${id}?notice=saved`, 303);
  });

  app.post('/admin/guides/:id/preview', manage, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const { guide } = await guides.forEditing(id);
    const body = previewForm.safeParse(request.body ?? {});
    const source = body.success ? body.data.body : '';
    const html = await guides.renderBody(source, guide.locale);
    const report = await gradeOf(source, guide.locale);
    return reply.html(SectionPreview({ ctx: request.view(), html, report }) as string);
  });

  app.post('/admin/guides/:id/sections', manage, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const form = parseForm(sectionForm, request.body, request.view().t);
    if (!form.ok) return reply.code(422).html(await renderEditor(request, id, { errors: form.errors, errorSection: 'new' }));
    const sid = await guides.addSection(requireActor(request), id, { kind: form.data.kind, heading: form.data.heading || null, bodyMd: form.data.body });
    return reply.redirect(`/admin/guides/${id}?notice=sectionAdded#s-${sid}`, 303);
  });

  app.post('/admin/guides/:id/sections/:sid', manage, async (request, reply) => {
    const { id, sid } = sectionParams.parse(request.params);
    const form = parseForm(sectionForm, request.body, request.view().t);
    if (!form.ok) return reply.code(422).html(await renderEditor(request, id, { errors: form.errors, errorSection: sid }));
    await guides.saveSection(requireActor(request), id, sid, { kind: form.data.kind, heading: form.data.heading || null, bodyMd: form.data.body });
    return reply.redirect(`/admin/guides/${id}?notice=saved#s-${sid}`, 303);
  });

  app.post('/admin/guides/:id/sections/:sid/move', manage, async (request, reply) => {
    const { id, sid } = sectionParams.parse(request.params);
    const form = moveForm.safeParse(request.body ?? {});
    if (!form.success) throw new AppError('invalid_input', 400);
    await guides.moveSection(requireActor(request), id, sid, form.data.direction);
    return reply.redirect(`/admin/guides/${id}?notice=moved#s-${sid}`, 303);
  });

  app.post('/admin/guides/:id/sections/:sid/delete', manage, async (request, reply) => {
    const { id, sid } = sectionParams.parse(request.params);
    await guides.removeSection(requireActor(request), id, sid);
    return reply.redirect(`/admin/guides/${id}?notice=sectionRemoved`, 303);
  });

  async function figureHandler(request: FastifyRequest, id: string, figureId: string | null): Promise<{ ok: true } | { ok: false; html: string }> {
    const t = request.view().t;
    let input: Awaited<ReturnType<typeof readFigureForm>>;
    try {
      input = await readFigureForm(request, figurePolicy);
    } catch (e) {
      if (e instanceof ValidationError) return { ok: false, html: await renderEditor(request, id, { errors: { image: t(`error.field.${e.code}` as MessageKey) } }) };
      throw e;
    }
    const form = parseForm(figureFields, input.fields, t);
    if (!form.ok) return { ok: false, html: await renderEditor(request, id, { errors: form.errors }) };
    const data = { sectionId: form.data.section, alt: form.data.alt, caption: form.data.caption, ...(input.image ? { image: input.image } : {}) };
    try {
      if (figureId) await guides.updateFigure(requireActor(request), id, figureId, data);
      else await guides.addFigure(requireActor(request), id, data);
    } catch (e) {
      if (e instanceof ValidationError) return { ok: false, html: await renderEditor(request, id, { errors: { image: t(`error.field.${e.code}` as MessageKey) } }) };
      throw e;
    }
    return { ok: true };
  }

  app.post('/admin/guides/:id/figures', manage, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const result = await figureHandler(request, id, null);
    return result.ok ? reply.redirect(`/admin/guides/${id}?notice=figureSaved#figures-title`, 303) : reply.code(422).html(result.html);
  });

  app.post('/admin/guides/:id/figures/:fid', manage, async (request, reply) => {
    const { id, fid } = figureParams.parse(request.params);
    const result = await figureHandler(request, id, fid);
    return result.ok ? reply.redirect(`/admin/guides/${id}?notice=figureSaved#figures-title`, 303) : reply.code(422).html(result.html);
  });

  app.post('/admin/guides/:id/figures/:fid/delete', manage, async (request, reply) => {
    const { id, fid } = figureParams.parse(request.params);
    await guides.removeFigure(requireActor(request), id, fid);
    return reply.redirect(`/admin/guides/${id}?notice=figureRemoved#figures-title`, 303);
  });

  for (const [path, status] of [['publish', 'published'], ['unpublish', 'draft']] as const) {
    app.post(`/admin/guides/:id/${path}`, { config: { action: 'guides.publish' } }, async (request, reply) => {
      const { id } = idParams.parse(request.params);
      try {
        await guides.setStatus(requireActor(request), id, status);
      } catch (e) {
        if (e instanceof AppError && e.code === 'guide_empty') return reply.code(409).html(await renderEditor(request, id, { errors: { form: request.view().t('error.field.guide_empty') } }));
        throw e;
      }
      return reply.redirect(`/admin/guides/${id}?notice=${status === 'published' ? 'published' : 'unpublished'}`, 303);
    });
  }

  app.get('/admin/guides/:id/revisions', manage, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const { guide } = await guides.forEditing(id);
    return reply.html(RevisionsPage({ ctx: request.view(), guide, revisions: await guides.revisions(id), notice: notice(request) }) as string);
  });

  app.get('/admin/guides/:id/diff', manage, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const q = diffQuery.safeParse(request.query ?? {});
    if (!q.success) throw new AppError('invalid_input', 400);
    const { guide } = await guides.forEditing(id);
    const segments = await guides.diff(id, q.data.from, q.data.to);
    const fromSnapshot = await guides.revision(id, q.data.from);
    return reply.html(DiffPage({ ctx: request.view(), guide, from: q.data.from, to: q.data.to, segments, fromSnapshot }) as string);
  });

  app.post('/admin/guides/:id/revisions/:number/restore', manage, async (request, reply) => {
    const { id, number } = revisionParams.parse(request.params);
    await guides.restore(requireActor(request), id, number);
    return reply.redirect(`/admin/guides/${id}/revisions?notice=restored`, 303);
  });

  app.post('/admin/guides/:id/delete', { config: { action: 'guides.delete' } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    await guides.remove(requireActor(request), id);
    return reply.redirect('/admin/guides?notice=deleted', 303);
  });
}
