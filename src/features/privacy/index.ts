import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { InventoryPage } from './views/inventory.js';
import { personalDataRegistry, nonPersonalTables } from '../../core/privacy/registry.js';
import { z } from 'zod';
import type { AppServices } from '../../app.js';
import { can, SESSION_COOKIE } from '../../core/auth/index.js';
import { isOverdue } from './model.js';
import { ValidationError } from '../../core/errors.js';
import { requireActor } from '../../core/http/index.js';
import { parseForm } from '../../core/http/forms.js';
import type { FieldErrors } from '../../core/views/components.js';
import { CONSENT_COOKIE } from '../../core/http/consent.js';
import { localizePath } from '../../core/i18n/index.js';
import './policy.js';
import './privacy.js';
import { centerQuery, choicesForm, consentForm, correctionForm, deleteForm, eraseForm, exportTokenQuery, mineQuery, noteForm, queueQuery, requestForm, tokenForm, tokenQuery, writeForm } from './schemas.js';
import { PrivacyService, RightsService } from './service.js';
import { EXPORT_JOB, ExportService, PURGE_EXPORTS_JOB, SelfService } from './subject-rights.js';
import { ExportGonePage, MyPrivacyPage } from './views/mine.js';
import type { ExportRecord } from './store.js';
import { RequestPage, RequestsPage } from './views/admin.js';
import { ConfirmRequestPage, PrivacyCenterPage } from './views/center.js';
import { cookiesInUse } from '../../core/http/cookies.js';

const idParams = z.object({ id: z.string().min(1).max(40) });
/** A handful of requests an hour from one address: enough for a family, not for a flood. */
const REQUEST_LIMIT = { max: 5, timeWindow: 3_600_000 };
const NOTICES = { saved: 'consent.saved', requested: 'rights.requested', confirmed: 'rights.confirmed', deleted: 'myPrivacy.deleted' } as const;
const MINE_NOTICES = { exported: 'myPrivacy.exportRequested', corrected: 'myPrivacy.correctionSent', saved: 'myPrivacy.choicesSaved', unsubscribed: 'myPrivacy.unsubscribed' } as const;
const exportParams = z.object({ id: z.string().min(1).max(40) });
const retryParams = z.object({ id: z.string().min(1).max(40), exportId: z.string().min(1).max(40) });

/** A choice is remembered for a year, then asked again (the usual guidance for consent). */
const CONSENT_MAX_AGE_S = 365 * 24 * 3600;

/** The privacy center: the cookie banner's answers and the page where choices are made and changed. */
export default async function privacy(app: FastifyInstance, services: AppServices): Promise<void> {
  const service = new PrivacyService(services);
  const rights = new RightsService(services);
  const exports = new ExportService(services);
  const self = new SelfService(services, exports);
  services.jobs.define({
    name: EXPORT_JOB,
    schema: z.object({ exportId: z.string().min(1).max(40) }),
    maxAttempts: 3,
    handler: (p) => exports.run(p.exportId),
    onDead: (p, _error, { trx }) => exports.fail(trx, p.exportId),
  });
  services.jobs.define({ name: PURGE_EXPORTS_JOB, schema: z.object({}), maxAttempts: 3, handler: async () => void (await exports.purge()) });
  services.jobs.schedule('privacy.exports_purge.hourly', '17 * * * *', PURGE_EXPORTS_JOB);
  services.dashboard.push(async (actor, t) => {
    if (!can(actor, 'privacy.requests')) return null;
    const open = await rights.queue('active');
    const overdue = open.filter((r) => isOverdue(r)).length;
    return { href: '/admin/privacy', title: t('admin.nav.privacy'), summary: t('admin.dashboard.privacy', { open: open.length, overdue }), attention: overdue > 0 };
  });

  async function renderCenter(request: FastifyRequest, reply: FastifyReply, extra: { notice?: string; request?: { values?: Record<string, string>; errors?: FieldErrors } } = {}) {
    const ctx = request.view();
    return reply.html(PrivacyCenterPage({ ctx, consent: request.consent, latest: await service.latest(request.consent), cookies: cookiesInUse(services.config), ...extra }) as string);
  }

  app.get('/privacy/center', { config: { action: 'privacy.center' } }, async (request, reply) => {
    const query = centerQuery.parse(request.query ?? {});
    const key = (['saved', 'requested', 'confirmed', 'deleted'] as const).find((k) => query[k]);
    return renderCenter(request, reply, key ? { notice: request.view().t(NOTICES[key]) } : {});
  });

  app.post('/privacy/requests', { config: { action: 'privacy.center', rateLimit: REQUEST_LIMIT } }, async (request, reply) => {
    const form = parseForm(requestForm, request.body, request.view().t);
    if (!form.ok) return renderCenter(request, reply.code(422), { request: { values: form.values, errors: form.errors } });
    // The same answer for every address, and for bots that fill the honeypot.
    const { website, ...input } = form.data;
    if (!website) await rights.submit(input, request.locale);
    return reply.redirect(`${localizePath(request.locale, '/privacy/center')}?requested=1#rights`, 303);
  });

  app.get('/privacy/requests/confirm', { config: { action: 'privacy.center' } }, async (request, reply) => {
    const { token } = tokenQuery.parse(request.query ?? {});
    const pending = token ? await rights.pending(token) : null;
    return reply.code(pending ? 200 : 410).html(ConfirmRequestPage({ ctx: request.view(), token: pending ? token! : null, ...(pending ? { kind: pending.kind } : {}) }) as string);
  });

  app.post('/privacy/requests/confirm', { config: { action: 'privacy.center' } }, async (request, reply) => {
    const form = tokenForm.safeParse(request.body ?? {});
    const confirmed = form.success ? await rights.confirm(form.data.token) : null;
    if (!confirmed) return reply.code(410).html(ConfirmRequestPage({ ctx: request.view(), token: null }) as string);
    return reply.redirect(`${localizePath(request.locale, '/privacy/center')}?confirmed=1#rights`, 303);
  });

  const officer = { config: { action: 'privacy.requests' } };

  app.get('/admin/data-inventory', officer, async (request, reply) => {
    return reply.html(InventoryPage({ ctx: request.view(), personal: personalDataRegistry(), other: nonPersonalTables() }) as string);
  });

  app.get('/admin/privacy', officer, async (request, reply) => {
    const { filter } = queueQuery.parse(request.query ?? {});
    return reply.html(RequestsPage({ ctx: request.view(), requests: await rights.queue(filter), filter }) as string);
  });

  async function renderRequest(request: FastifyRequest, id: string, extra: { notice?: string; errors?: FieldErrors; values?: Record<string, string> } = {}): Promise<string> {
    const detail = await rights.detail(requireActor(request), id);
    return RequestPage({ ctx: request.view(), ...detail, ...extra }) as string;
  }

  app.get('/admin/privacy/:id', officer, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const { notice } = queueQuery.parse(request.query ?? {});
    const ctx = request.view();
    const notices = { noted: 'rights.admin.noted', sent: 'rights.admin.sent', exported: 'rights.admin.exportStarted', erased: 'rights.admin.erased' } as const;
    const key = notice && notice in notices ? notices[notice as keyof typeof notices] : undefined;
    return reply.html(await renderRequest(request, id, key ? { notice: ctx.t(key) } : {}));
  });

  app.post('/admin/privacy/:id/note', officer, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const form = parseForm(noteForm, request.body, request.view().t);
    if (!form.ok) return reply.code(422).html(await renderRequest(request, id, { errors: { note: form.errors.body ?? '' } }));
    await rights.addNote(requireActor(request), id, form.data.body);
    return reply.redirect(`/admin/privacy/${id}?notice=noted`, 303);
  });

  app.post('/admin/privacy/:id/write', officer, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const ctx = request.view();
    const form = parseForm(writeForm, request.body, ctx.t);
    if (!form.ok) return reply.code(422).html(await renderRequest(request, id, { errors: { message: form.errors.body ?? form.errors.outcome ?? '' }, values: form.values }));
    try {
      await rights.write(requireActor(request), id, form.data.body, form.data.outcome);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      return reply.code(422).html(await renderRequest(request, id, { errors: { message: ctx.t('rights.admin.closed') } }));
    }
    return reply.redirect(`/admin/privacy/${id}?notice=sent`, 303);
  });

  // The signed-in person's own rights

  async function renderMine(request: FastifyRequest, extra: { notice?: string; errors?: FieldErrors; values?: Record<string, string> } = {}): Promise<string> {
    return MyPrivacyPage({ ctx: request.view(), state: await self.state(requireActor(request)), ...extra }) as string;
  }
  const mine = { config: { action: 'privacy.self' } };
  const backToMine = (request: FastifyRequest, notice: keyof typeof MINE_NOTICES, anchor: string) => `${localizePath(request.locale, '/account/privacy')}?notice=${notice}#${anchor}`;

  app.get('/account/privacy', mine, async (request, reply) => {
    const { notice } = mineQuery.parse(request.query ?? {});
    return reply.header('cache-control', 'no-store').html(await renderMine(request, notice ? { notice: request.view().t(MINE_NOTICES[notice]) } : {}));
  });

  app.post('/account/privacy/export', { config: { action: 'privacy.self', rateLimit: REQUEST_LIMIT } }, async (request, reply) => {
    await self.requestExport(requireActor(request), request.locale);
    return reply.redirect(backToMine(request, 'exported', 'download'), 303);
  });

  // "Try again" on a failed export: no rate limit, since each retry needs a failure first (see SelfService.retryExport).
  app.post('/account/privacy/exports/:id/retry', mine, async (request, reply) => {
    const { id } = exportParams.parse(request.params);
    const retried = await self.retryExport(requireActor(request), id);
    return reply.redirect(retried ? backToMine(request, 'exported', 'download') : `${localizePath(request.locale, '/account/privacy')}#download`, 303);
  });

  app.post('/account/privacy/correction', { config: { action: 'privacy.self', rateLimit: REQUEST_LIMIT } }, async (request, reply) => {
    const form = parseForm(correctionForm, request.body, request.view().t);
    if (!form.ok) return reply.code(422).html(await renderMine(request, { errors: form.errors, values: form.values }));
    await self.requestCorrection(requireActor(request), form.data.details);
    return reply.redirect(backToMine(request, 'corrected', 'correct'), 303);
  });

  app.post('/account/privacy/choices', mine, async (request, reply) => {
    const form = choicesForm.safeParse(request.body ?? {});
    if (!form.success) return reply.redirect(localizePath(request.locale, '/account/privacy'), 303);
    await self.setChoices(requireActor(request), form.data);
    return reply.redirect(backToMine(request, 'saved', 'choices'), 303);
  });

  app.post('/account/privacy/unsubscribe', mine, async (request, reply) => {
    await self.unsubscribeAll(requireActor(request));
    return reply.redirect(backToMine(request, 'unsubscribed', 'unsubscribe'), 303);
  });

  app.post('/account/privacy/delete', { config: { action: 'privacy.self', rateLimit: REQUEST_LIMIT } }, async (request, reply) => {
    const ctx = request.view();
    const form = parseForm(deleteForm, request.body, ctx.t);
    // The password is never written back into the page.
    if (!form.ok) return reply.code(422).html(await renderMine(request, { errors: { ...form.errors, ...(form.errors.confirm ? { confirm: ctx.t('myPrivacy.mustConfirm') } : {}) } }));
    const result = await self.deleteAccount(requireActor(request), form.data.password);
    if (result === 'wrong_password') return reply.code(422).html(await renderMine(request, { errors: { password: ctx.t('myPrivacy.wrongPassword') } }));
    if (result === 'staff') return reply.code(422).html(await renderMine(request, { errors: { password: ctx.t('myPrivacy.staffAccount') } }));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect(`${localizePath(request.locale, '/privacy/center')}?deleted=1`, 303);
  });

  async function sendExport(reply: FastifyReply, record: ExportRecord | null, request: FastifyRequest) {
    const file = record ? await exports.open(record) : null;
    if (!record || !file) return reply.code(410).header('cache-control', 'no-store').html(ExportGonePage({ ctx: request.view() }) as string);
    const day = (record.readyAt ?? record.createdAt).toISOString().slice(0, 10);
    return reply
      .header('content-type', 'application/zip')
      .header('content-length', String(file.size))
      .header('content-disposition', `attachment; filename="my-data-${day}.zip"`)
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .send(file.stream);
  }

  app.get('/account/privacy/exports/:id', mine, async (request, reply) => {
    const { id } = exportParams.parse(request.params);
    return sendExport(reply, await exports.own(requireActor(request), id), request);
  });

  // The emailed link: works without signing in for a week (the secret is the proof).
  app.get('/privacy/exports/download', { config: { action: 'privacy.center' } }, async (request, reply) => {
    const { token } = exportTokenQuery.parse(request.query ?? {});
    return sendExport(reply, token ? await exports.byToken(token) : null, request);
  });

  // The officer's actions on a request

  app.post('/admin/privacy/:id/export', officer, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    await rights.runExport(requireActor(request), id, exports, request.locale);
    return reply.redirect(`/admin/privacy/${id}?notice=exported`, 303);
  });

  app.post('/admin/privacy/:id/exports/:exportId/retry', officer, async (request, reply) => {
    const { id, exportId } = retryParams.parse(request.params);
    const retried = await rights.retryExport(requireActor(request), id, exportId, exports, request.locale);
    return reply.redirect(retried ? `/admin/privacy/${id}?notice=exported` : `/admin/privacy/${id}`, 303);
  });

  app.post('/admin/privacy/:id/erase', officer, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const ctx = request.view();
    const form = parseForm(eraseForm, request.body, ctx.t);
    if (!form.ok) return reply.code(422).html(await renderRequest(request, id, { errors: { erase: ctx.t('rights.admin.eraseMustConfirm') } }));
    const result = await rights.runErasure(requireActor(request), id, self, request.locale);
    if (result === 'staff') return reply.code(422).html(await renderRequest(request, id, { errors: { erase: ctx.t('rights.admin.staffErase') } }));
    return reply.redirect(`/admin/privacy/${id}?notice=erased`, 303);
  });

  app.post('/privacy/consent', { config: { action: 'privacy.center' } }, async (request, reply) => {
    const form = consentForm.safeParse(request.body ?? {});
    // A form we cannot read changes nothing: back to the center, where the choice can be made.
    if (!form.success) return reply.redirect(localizePath(request.locale, '/privacy/center'), 303);
    const { choice, returnTo } = form.data;
    const all = choice === 'accept';
    const chosen = choice === 'save' ? form.data : { preferences: all, analytics: all, advertising: all };
    const cookie = await service.recordChoice(request.consent, { preferences: chosen.preferences, analytics: chosen.analytics, advertising: chosen.advertising });
    reply.setCookie(CONSENT_COOKIE, cookie, { path: '/', maxAge: CONSENT_MAX_AGE_S, sameSite: 'lax', httpOnly: true, secure: services.config.secureCookies });
    return reply.redirect(choice === 'save' || !returnTo ? `${localizePath(request.locale, '/privacy/center')}?saved=1` : returnTo, 303);
  });
}
