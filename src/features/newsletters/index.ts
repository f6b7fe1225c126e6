import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../app.js';
import { can } from '../../core/auth/index.js';
import { ValidationError } from '../../core/errors.js';
import { requireActor } from '../../core/http/index.js';
import { parseForm } from '../../core/http/forms.js';
import { LOCALES, localizePath } from '../../core/i18n/index.js';
import type { FieldErrors } from '../../core/views/components.js';
import { editionFor, type Editions, type Issue } from './model.js';
import './policy.js';
import './privacy.js';
import { issueForm, preferencesForm, previewForm, scheduleForm, subscribeForm, subscribeQuery, subscribersQuery, tokenForm, tokenQuery } from './schemas.js';
import { NewsletterService } from './service.js';
import { IssueEditor, type IssueValues, NewslettersPage, PreviewFragment, SubscriberPage, SubscribersPage } from './views/admin.js';
import { ArchivedIssuePage, ConfirmPage, NewsletterPage, PreferencesPage, UnsubscribePage } from './views/public.js';

const idParams = z.object({ id: z.string().min(1).max(40) });
const openParams = z.object({ file: z.string().min(10).max(240).regex(/\.gif$/) });
const noticeQuery = z.object({ notice: z.enum(['saved', 'created', 'tested', 'scheduled', 'cancelled', 'confirmed']).optional().catch(undefined) }).loose();
const NOTICES = {
  saved: 'newsletter.notice.saved',
  created: 'newsletter.notice.created',
  tested: 'newsletter.notice.tested',
  scheduled: 'newsletter.notice.scheduled',
  cancelled: 'newsletter.notice.cancelled',
  confirmed: 'newsletter.notice.confirmed',
} as const;

/** Ten subscriptions an hour from one address: enough for a household, dull for a list-bomber. */
const SUBSCRIBE_LIMIT = { max: 10, timeWindow: 3_600_000 };
/** The smallest transparent GIF. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

function editionsOf(data: z.output<typeof issueForm>): Editions {
  return { en: { subject: data.subjectEn, body: data.bodyEn }, ...(data.subjectEs ? { es: { subject: data.subjectEs, body: data.bodyEs } } : {}) };
}

function valuesOf(issue: Issue): IssueValues {
  return { listId: issue.listId, subjectEn: issue.editions.en.subject, bodyEn: issue.editions.en.body, subjectEs: issue.editions.es?.subject ?? '', bodyEs: issue.editions.es?.body ?? '' };
}

/** Newsletters: subscribing and unsubscribing (no account needed), the archive, and the staff's editor. */
export default async function newsletters(app: FastifyInstance, services: AppServices): Promise<void> {
  const service = new NewsletterService(services);
  services.dashboard.push(async (actor, t) => {
    if (!can(actor, 'newsletter.manage')) return null;
    const { lists, active, issues } = await service.overview();
    const subscribers = lists.reduce((sum, l) => sum + (active.get(l.id) ?? 0), 0);
    const upcoming = issues.filter((i) => i.status === 'scheduled' || i.status === 'sending').length;
    return { href: '/admin/newsletters', title: t('admin.nav.newsletters'), summary: t('admin.dashboard.newsletters', { subscribers, upcoming }) };
  });
  services.sitemap.push(async () => [
    ...LOCALES.map((locale) => ({ path: '/newsletter', locale })),
    ...(await service.archive()).flatMap((issue) =>
      LOCALES.filter((locale) => issue.editions[locale as 'es']).map((locale) => ({ path: `/newsletter/issues/${issue.id}`, locale, ...(issue.finishedAt ? { updatedAt: issue.finishedAt } : {}) })),
    ),
  ]);

  // Public pages

  async function renderHome(request: FastifyRequest, extra: { sent?: boolean; values?: { email?: string; lists?: readonly string[]; tracking?: boolean }; errors?: FieldErrors } = {}): Promise<string> {
    const [lists, issues] = await Promise.all([service.lists(), service.archive()]);
    return NewsletterPage({ ctx: request.view(), lists, issues, ...extra }) as string;
  }

  app.get('/newsletter', { config: { action: 'newsletter.read' } }, async (request, reply) => {
    const { sent } = subscribeQuery.parse(request.query ?? {});
    return reply.html(await renderHome(request, { sent: sent === '1' }));
  });

  app.post('/newsletter/subscribe', { config: { action: 'newsletter.subscribe', rateLimit: SUBSCRIBE_LIMIT } }, async (request, reply) => {
    const ctx = request.view();
    const form = parseForm(subscribeForm, request.body, ctx.t);
    const body = (request.body ?? {}) as Record<string, unknown>;
    // The newsletter page lets people choose; the short form in the footer means the first list.
    const choosing = body.choose === '1';
    if (!form.ok || (choosing && !form.data.lists.length)) {
      const errors = form.ok ? { lists: ctx.t('newsletter.chooseList') } : form.errors;
      const lists = form.ok ? form.data.lists : ([] as string[]).concat((body.lists as string | string[] | undefined) ?? []);
      return reply.code(422).html(await renderHome(request, { values: { email: typeof body.email === 'string' ? body.email : '', lists, tracking: body.tracking === 'on' }, errors }));
    }
    // A filled honeypot is a bot: the same answer, nothing stored, nothing sent.
    if (!form.data.website) {
      const listIds = form.data.lists.length ? form.data.lists : [(await service.lists())[0]?.id ?? ''];
      try {
        await service.subscribe({ email: form.data.email, listIds, source: form.data.source ?? null, tracking: form.data.tracking }, request.locale);
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        return reply.code(422).html(await renderHome(request, { values: { email: form.data.email, lists: [], tracking: form.data.tracking }, errors: { lists: ctx.t('newsletter.chooseList') } }));
      }
    }
    return reply.redirect(`${localizePath(request.locale, '/newsletter')}?sent=1`, 303);
  });

  app.get('/newsletter/confirm', { config: { action: 'newsletter.subscribe' } }, async (request, reply) => {
    const { token } = tokenQuery.parse(request.query ?? {});
    const pending = token ? await service.pendingConfirmation(token) : null;
    return reply.code(pending ? 200 : 410).html(ConfirmPage({ ctx: request.view(), token: pending ? token! : null }) as string);
  });

  app.post('/newsletter/confirm', { config: { action: 'newsletter.subscribe' } }, async (request, reply) => {
    const form = tokenForm.safeParse(request.body ?? {});
    const confirmed = form.success ? await service.confirm(form.data.token) : null;
    if (!confirmed) return reply.code(410).html(ConfirmPage({ ctx: request.view(), token: null }) as string);
    const token = encodeURIComponent(service.preferencesToken(confirmed.subscriberId));
    return reply.redirect(`${localizePath(request.locale, '/newsletter/preferences')}?token=${token}&notice=confirmed`, 303);
  });

  app.get('/newsletter/unsubscribe', { config: { action: 'newsletter.subscribe' } }, async (request, reply) => {
    const { token } = tokenQuery.parse(request.query ?? {});
    const subscriber = token ? await service.subscriberFor(token, 'unsubscribe') : null;
    if (!subscriber) return reply.code(400).html(UnsubscribePage({ ctx: request.view(), token: null, state: 'invalid' }) as string);
    return reply.html(UnsubscribePage({ ctx: request.view(), token: token!, state: subscriber.status === 'unsubscribed' ? 'done' : 'ask' }) as string);
  });

  // RFC 8058 one-click: mailbox providers POST here from their own servers, without cookies or
  // an Origin of ours; the signed token is the authority, so the cross-site check stands aside.
  app.post('/newsletter/unsubscribe', { config: { action: 'newsletter.subscribe', crossSite: true } }, async (request, reply) => {
    const { token } = tokenQuery.parse(request.query ?? {});
    const done = token ? await service.unsubscribe(token) : false;
    return reply.code(done ? 200 : 400).html(UnsubscribePage({ ctx: request.view(), token: null, state: done ? 'done' : 'invalid' }) as string);
  });

  async function renderPreferences(request: FastifyRequest, reply: FastifyReply, token: string | undefined, notice?: string): Promise<FastifyReply> {
    const ctx = request.view();
    const lists = await service.lists();
    const found = token ? await service.preferences(token) : null;
    if (!found) return reply.code(token ? 400 : 200).html(PreferencesPage({ ctx, token: null, lists, listIds: [], locale: ctx.locale, tracking: false }) as string);
    const { subscriber, listIds } = found;
    return reply.html(PreferencesPage({ ctx, token: token!, email: subscriber.email, lists, listIds, locale: subscriber.locale, tracking: subscriber.tracking, notice }) as string);
  }

  app.get('/newsletter/preferences', { config: { action: 'newsletter.subscribe' } }, async (request, reply) => {
    const { token } = tokenQuery.parse(request.query ?? {});
    const { notice } = noticeQuery.parse(request.query ?? {});
    return renderPreferences(request, reply, token, notice === 'saved' || notice === 'confirmed' ? request.view().t(NOTICES[notice]) : undefined);
  });

  app.post('/newsletter/preferences', { config: { action: 'newsletter.subscribe' } }, async (request, reply) => {
    const form = preferencesForm.safeParse(request.body ?? {});
    const outcome = form.success ? await service.savePreferences(form.data.token, { listIds: form.data.lists, locale: form.data.locale, tracking: form.data.tracking }) : null;
    if (!outcome) return renderPreferences(request, reply.code(400), form.success ? form.data.token : undefined);
    if (outcome === 'unsubscribed') return reply.html(UnsubscribePage({ ctx: request.view(), token: null, state: 'done' }) as string);
    return reply.redirect(`${localizePath(request.locale, '/newsletter/preferences')}?token=${encodeURIComponent(form.data!.token)}&notice=saved`, 303);
  });

  app.get('/newsletter/issues/:id', { config: { action: 'newsletter.read' } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const issue = await service.archived(id);
    const ctx = request.view();
    return reply.html(ArchivedIssuePage({ ctx, issue, edition: editionFor(issue.editions, ctx.locale), html: await service.renderBody(issue, ctx.locale) }) as string);
  });

  app.get('/newsletter/open/:file', { config: { action: 'newsletter.read' } }, async (request, reply) => {
    const params = openParams.safeParse(request.params);
    if (params.success) await service.recordOpen(params.data.file.slice(0, -'.gif'.length));
    return reply.header('cache-control', 'no-store').type('image/gif').send(PIXEL);
  });

  // Back office

  const manage = { config: { action: 'newsletter.manage' } };

  app.get('/admin/newsletters', manage, async (request, reply) => {
    const { notice } = noticeQuery.parse(request.query ?? {});
    const overview = await service.overview();
    return reply.html(NewslettersPage({ ctx: request.view(), ...overview, notice: notice ? request.view().t(NOTICES[notice]) : undefined }) as string);
  });

  app.get('/admin/newsletters/new', manage, async (request, reply) => {
    const lists = await service.lists();
    return reply.html(IssueEditor({ ctx: request.view(), lists, issue: null, values: { listId: lists[0]?.id } }) as string);
  });

  app.post('/admin/newsletters', manage, async (request, reply) => {
    const ctx = request.view();
    const form = parseForm(issueForm, request.body, ctx.t);
    if (!form.ok) return reply.code(422).html(IssueEditor({ ctx, lists: await service.lists(), issue: null, values: form.values, errors: form.errors }) as string);
    try {
      const id = await service.createIssue(requireActor(request), { listId: form.data.listId, editions: editionsOf(form.data) });
      return reply.redirect(`/admin/newsletters/${id}?notice=created`, 303);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      return reply.code(422).html(IssueEditor({ ctx, lists: await service.lists(), issue: null, values: form.data, errors: { listId: ctx.t('form.choose') } }) as string);
    }
  });

  app.post('/admin/newsletters/preview', manage, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const field = body.field === 'bodyEs' ? 'bodyEs' : 'bodyEn';
    const source = previewForm.safeParse({ body: body[field] });
    return reply.html(PreviewFragment({ html: await service.previewHtml(source.success ? source.data.body : '') }) as string);
  });

  async function renderIssue(request: FastifyRequest, id: string, extra: { values?: IssueValues; errors?: FieldErrors; error?: string } = {}): Promise<string> {
    const { notice } = noticeQuery.parse(request.query ?? {});
    const ctx = request.view();
    const [{ issue, progress }, lists] = await Promise.all([service.issue(id), service.lists()]);
    return IssueEditor({ ctx, lists, issue, progress, values: extra.values ?? valuesOf(issue), errors: extra.errors, error: extra.error, notice: notice ? ctx.t(NOTICES[notice]) : undefined }) as string;
  }

  app.get('/admin/newsletters/:id', manage, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    return reply.html(await renderIssue(request, id));
  });

  app.post('/admin/newsletters/:id', manage, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const ctx = request.view();
    const form = parseForm(issueForm, request.body, ctx.t);
    if (!form.ok) return reply.code(422).html(await renderIssue(request, id, { values: form.values, errors: form.errors }));
    try {
      await service.updateIssue(requireActor(request), id, { listId: form.data.listId, editions: editionsOf(form.data) });
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      return reply.code(422).html(await renderIssue(request, id, { values: form.data, error: ctx.t(e.code === 'invalid_state' ? 'newsletter.admin.notDraft' : 'form.choose') }));
    }
    return reply.redirect(`/admin/newsletters/${id}?notice=saved`, 303);
  });

  app.post('/admin/newsletters/:id/test', manage, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    await service.sendTest(requireActor(request), id);
    return reply.redirect(`/admin/newsletters/${id}?notice=tested`, 303);
  });

  app.post('/admin/newsletters/:id/schedule', manage, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const ctx = request.view();
    const form = scheduleForm.safeParse(request.body ?? {});
    const at = form.success && form.data.at ? new Date(`${form.data.at}Z`) : form.success ? new Date() : null;
    if (!at || Number.isNaN(at.getTime())) return reply.code(422).html(await renderIssue(request, id, { error: ctx.t('newsletter.admin.badTime') }));
    try {
      await service.schedule(requireActor(request), id, at);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      return reply.code(422).html(await renderIssue(request, id, { error: ctx.t('newsletter.admin.notDraft') }));
    }
    return reply.redirect(`/admin/newsletters/${id}?notice=scheduled`, 303);
  });

  app.post('/admin/newsletters/:id/cancel', manage, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    try {
      await service.cancel(requireActor(request), id);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      return reply.code(422).html(await renderIssue(request, id, { error: request.view().t('newsletter.admin.notScheduled') }));
    }
    return reply.redirect(`/admin/newsletters/${id}?notice=cancelled`, 303);
  });

  const subscribers = { config: { action: 'newsletter.subscribers' } };

  app.get('/admin/newsletters/subscribers', subscribers, async (request, reply) => {
    const { status, email } = subscribersQuery.parse(request.query ?? {});
    const [list, lists] = await Promise.all([service.subscribers({ ...(status ? { status } : {}), ...(email ? { email: email.toLowerCase() } : {}) }), service.lists()]);
    return reply.html(SubscribersPage({ ctx: request.view(), subscribers: list, lists, status, email }) as string);
  });

  app.get('/admin/newsletters/subscribers/:id', subscribers, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const [detail, lists] = await Promise.all([service.subscriberDetail(id), service.lists()]);
    return reply.html(SubscriberPage({ ctx: request.view(), ...detail, lists }) as string);
  });
}
