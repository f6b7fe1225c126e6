import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../app.js';
import { can } from '../../core/auth/index.js';
import { ValidationError } from '../../core/errors.js';
import { requireActor } from '../../core/http/index.js';
import { formValues, parseForm } from '../../core/http/forms.js';
import { type MessageKey, type Translate, localizePath } from '../../core/i18n/index.js';
import type { FieldErrors } from '../../core/views/components.js';
import './policy.js';
import './privacy.js';
import { assignForm, consultationForm, consultationQuery, listQuery, noteForm, noticeQuery, statusForm } from './schemas.js';
import { ConsultationService } from './service.js';
import { ConsultationListPage, RequestPage } from './views/admin.js';
import { ConsultationPage, type ConsultationValues } from './views/public.js';

const idParams = z.object({ id: z.string().min(1).max(40) });
const NOTICES = { status: 'consultation.inbox.statusSaved', assigned: 'consultation.inbox.assigned', noted: 'consultation.inbox.noted' } as const;

/** Ten requests an hour from one address is plenty for a person and dull for a spammer. */
const SEND_LIMIT = { max: 10, timeWindow: 3_600_000 };
/** A phone photo is a few megabytes; anything bigger is refused before it is read whole. */
const PHOTO_MAX_MB = 10;

type Body = Record<string, string | string[]>;

function asList(value: unknown): string[] {
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string');
}

function valuesOf(body: unknown): ConsultationValues {
  const b = (body ?? {}) as Record<string, unknown>;
  return { fields: formValues(body), times: asList(b.times), procedures: asList(b.procedures) };
}

/**
 * Reads the form: multipart when it carries a photo (the browser form always is), urlencoded
 * otherwise. At most one file, `photo`; a file over the limit becomes a field error and the
 * rest of the form is still read, so the person gets their answers back.
 */
async function readForm(request: FastifyRequest, maxBytes: number): Promise<{ body: Body; photo?: Buffer; photoError?: string }> {
  if (!request.isMultipart()) return { body: (request.body ?? {}) as Body };
  const body: Body = {};
  let photo: Buffer | undefined;
  let photoError: string | undefined;
  try {
    // Room for one checkbox per guide (the plugin's defaults suit the smaller back-office forms).
    // Truncation is checked below rather than thrown, so the fields after the file are still
    // read; @fastify/multipart honours throwFileSizeLimit per call, its types only omit it.
    const options = { throwFileSizeLimit: false, limits: { fileSize: maxBytes, files: 1, fields: 120, parts: 130 } };
    for await (const part of request.parts(options)) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.file.truncated) photoError = 'photo_too_big';
        else if (part.fieldname === 'photo' && bytes.length) photo = bytes;
      } else if (typeof part.value === 'string') {
        const prev = body[part.fieldname];
        body[part.fieldname] = prev === undefined ? part.value : [...(Array.isArray(prev) ? prev : [prev]), part.value];
      }
    }
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (/^FST_(FILES|FIELDS|PARTS)_LIMIT$|^FST_INVALID_MULTIPART/.test(code)) throw new ValidationError('invalid_input', code);
    throw e;
  }
  return { body, ...(photo ? { photo } : {}), ...(photoError ? { photoError } : {}) };
}

function fieldErrors(t: Translate, error: ValidationError): FieldErrors {
  const fields = (error.details?.fields ?? {}) as Record<string, string>;
  const entries = Object.entries(fields);
  return entries.length ? Object.fromEntries(entries.map(([f, code]) => [f, t(`error.field.${code}` as MessageKey)])) : { form: t('form.invalid') };
}

/** Consultation requests: the public form (from every guide's call to action) and the staff inbox. */
export default async function consultations(app: FastifyInstance, services: AppServices): Promise<void> {
  const service = new ConsultationService(services);
  // Only the number of new requests: nothing of their content reaches the dashboard.
  services.dashboard.push(async (actor, t) => {
    if (!can(actor, 'consultation.manage')) return null;
    const counts = await service.counts(actor);
    return { href: '/admin/consultations', title: t('admin.nav.consultations'), summary: t('admin.dashboard.consultations', { count: counts.new }), attention: counts.new > 0 };
  });
  const photoMaxBytes = Math.min(PHOTO_MAX_MB * 1024 * 1024, services.config.uploadMaxBytes);
  const photoMaxMb = Math.round(photoMaxBytes / (1024 * 1024));

  app.get('/consultation', { config: { action: 'consultation.request' } }, async (request, reply) => {
    const { sent, procedure } = consultationQuery.parse(request.query ?? {});
    const guides = sent ? [] : await service.procedures(request.locale);
    // Only a published guide can be ticked; anything else in the link is ignored.
    const ticked = procedure && guides.some((g) => g.slug === procedure) ? [procedure] : [];
    return reply.html(ConsultationPage({ ctx: request.view(), guides, sent: sent === '1', values: { fields: {}, times: [], procedures: ticked }, photoMaxMb }) as string);
  });

  app.post('/consultation', { config: { action: 'consultation.request', rateLimit: SEND_LIMIT } }, async (request, reply) => {
    const ctx = request.view();
    const { body, photo, photoError } = await readForm(request, photoMaxBytes).catch((e: unknown) => {
      // A malformed or oversized multipart body: the form comes back empty with its messages.
      if (e instanceof ValidationError) return { body: {} as Body, photo: undefined, photoError: undefined };
      throw e;
    });
    const again = async (errors: FieldErrors): Promise<string> =>
      ConsultationPage({ ctx, guides: await service.procedures(request.locale), values: valuesOf(body), errors, photoMaxMb }) as string;

    const form = parseForm(consultationForm, body, ctx.t);
    if (!form.ok || photoError) {
      const errors = { ...(form.ok ? {} : form.errors), ...(photoError ? { photo: ctx.t(`error.field.${photoError}` as MessageKey) } : {}) };
      return reply.code(422).html(await again(errors));
    }
    // A filled honeypot is a bot: it sees the same thanks, and nothing is stored or sent.
    const { website, phone, method, times, consent: _consent, ...rest } = form.data;
    if (!website) {
      try {
        await service.submit({ ...rest, phone: phone || null, preferredMethod: method, preferredTimes: times }, photo, request.locale);
      } catch (e) {
        if (e instanceof ValidationError) return reply.code(422).html(await again(fieldErrors(ctx.t, e)));
        throw e;
      }
    }
    return reply.redirect(`${localizePath(request.locale, '/consultation')}?sent=1`, 303);
  });

  const manage = { config: { action: 'consultation.manage' } };

  app.get('/admin/consultations', manage, async (request, reply) => {
    const { status } = listQuery.parse(request.query ?? {});
    const actor = requireActor(request);
    const [requests, counts, titles] = await Promise.all([service.list(actor, status), service.counts(actor), service.procedureTitles(request.locale)]);
    return reply.html(ConsultationListPage({ ctx: request.view(), requests, titles, status, counts }) as string);
  });

  async function renderRequest(request: FastifyRequest, id: string, error?: string): Promise<string> {
    const { notice } = noticeQuery.parse(request.query ?? {});
    const ctx = request.view();
    const [data, titles] = await Promise.all([service.open(requireActor(request), id), service.procedureTitles(request.locale)]);
    return RequestPage({ ctx, ...data, titles, notice: notice ? ctx.t(NOTICES[notice]) : undefined, error }) as string;
  }

  // Every opening of a request decrypts medical information, so every one is audited (service).
  app.get('/admin/consultations/:id', manage, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    return reply.html(await renderRequest(request, id));
  });

  // The photo: decrypted per request, never cached by the browser or anything in between.
  app.get('/admin/consultations/:id/photo', manage, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const photo = await service.photo(requireActor(request), id);
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', 'inline; filename="consultation-photo.jpg"')
      .header('cross-origin-resource-policy', 'same-origin')
      .type(photo.mime)
      .send(photo.body);
  });

  app.post('/admin/consultations/:id/status', manage, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const form = statusForm.safeParse(request.body ?? {});
    if (!form.success) return reply.code(422).html(await renderRequest(request, id, request.view().t('form.choose')));
    await service.setStatus(requireActor(request), id, form.data.status);
    return reply.redirect(`/admin/consultations/${id}?notice=status`, 303);
  });

  app.post('/admin/consultations/:id/assign', manage, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const form = assignForm.safeParse(request.body ?? {});
    try {
      if (!form.success) throw new ValidationError();
      await service.assign(requireActor(request), id, form.data.assignee || null);
    } catch (e) {
      if (e instanceof ValidationError) return reply.code(422).html(await renderRequest(request, id, request.view().t('form.choose')));
      throw e;
    }
    return reply.redirect(`/admin/consultations/${id}?notice=assigned`, 303);
  });

  app.post('/admin/consultations/:id/note', manage, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const form = parseForm(noteForm, request.body, request.view().t);
    if (!form.ok) return reply.code(422).html(await renderRequest(request, id, Object.values(form.errors)[0]));
    await service.addNote(requireActor(request), id, form.data.body);
    return reply.redirect(`/admin/consultations/${id}?notice=noted`, 303);
  });
}
