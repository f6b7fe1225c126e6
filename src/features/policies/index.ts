import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import type { AppServices } from '../../app.js';
import { NotFoundError, ValidationError } from '../../core/errors.js';
import { requireActor } from '../../core/http/index.js';
import { formValues, parseForm } from '../../core/http/forms.js';
import type { SiteNotice } from '../../core/http/notices.js';
import { formatDate, localizePath, translator } from '../../core/i18n/index.js';
import { recordAudit } from '../../core/audit/index.js';
import { recentRetentionRuns, retentionRules, runRetention } from '../../core/privacy/retention.js';
import { POLICY_DOCUMENTS, type PolicyDocument } from './model.js';
import './policy.js';
import './privacy.js';
import { acceptForm, dismissForm, idParams, newVersionForm, newVersionQuery, nextQuery, noticeQuery, publishForm, versionForm, versionParams } from './schemas.js';
import { PolicyService } from './service.js';
import { NewVersionPage, PoliciesPage, RetentionPage, VersionPage } from './views/admin.js';
import { AcceptPage, PolicyPage } from './views/public.js';
import { declareCookie } from '../../core/http/cookies.js';

/** The strictly necessary cookie that remembers which new versions a visitor dismissed the notice of. */
export const POLICY_NOTICE_COOKIE = declareCookie({ name: 'sutura_policy_seen', purpose: 'consent.cookie.policySeen', lasts: 'consent.cookie.yearLasts' });
const NOTICE_MAX_AGE_S = 365 * 24 * 3600;

/** Routes a person with a material change to accept may still use: the texts, the acceptance, signing out. */
const OPEN_ROUTES = new Set(['/policies/accept', '/policies/notice', '/account/sign-out', '/terms', '/privacy', '/terms/versions/:version', '/privacy/versions/:version', '/assets/*', '/media/:key', '/media/private/:token', '/healthz', '/robots.txt', '/sitemap.xml']);

const NOTICES = { created: 'policies.admin.created', saved: 'policies.admin.saved', published: 'policies.admin.publishedNotice', ran: 'retention.ran' } as const;

/** The retention job's payload: who asked for the run. */
const retentionPayload = z.object({ trigger: z.enum(['schedule', 'command', 'staff']).default('schedule') });

const serviceOf = new WeakMap<AppServices, PolicyService>();

/** The policy service of an app (registration, consents and the CLI ask it for versions). */
export function policyService(services: AppServices): PolicyService | undefined {
  return serviceOf.get(services);
}

/**
 * Terms of Use and Privacy Policy as versions: public pages, the notice of a new version, the
 * acceptance of a material change, the back office; and the retention job and its runs.
 * Registered with fastify-plugin: the acceptance check applies to every route of the app.
 */
async function policies(app: FastifyInstance, services: AppServices): Promise<void> {
  const service = new PolicyService(services);
  serviceOf.set(services, service);
  await service.boot();

  services.notices.push({
    refresh: () => service.refresh(),
    notices(request: FastifyRequest): SiteNotice[] {
      const path = request.url.split('?')[0] ?? '/';
      if (path.startsWith('/policies/accept')) return [];
      const seen = new Set((request.cookies[POLICY_NOTICE_COOKIE] ?? '').split('.'));
      const t = translator(request.locale);
      return service
        .recentChanges()
        .filter((v) => !seen.has(`${v.document}-${v.version}`))
        .map((v) => ({
          key: `policy-${v.document}-${v.version}`,
          tone: 'info' as const,
          title: t(v.document === 'terms' ? 'policies.notice.termsTitle' : 'policies.notice.privacyTitle'),
          text: t('policies.notice.text', { date: formatDate(request.locale, v.effectiveAt!), summary: v.summary[request.locale] }),
          link: { href: localizePath(request.locale, `/${v.document}`), label: t('policies.notice.read') },
          dismiss: { action: localizePath(request.locale, '/policies/notice'), label: t('policies.notice.dismiss'), returnTo: localizePath(request.locale, request.url) },
        }));
    },
  });

  // A material change in force that this person has not accepted: nothing else until they do.
  app.addHook('preHandler', async (request, reply) => {
    if (!request.actor || request.is404) return;
    if (OPEN_ROUTES.has(request.routeOptions.url ?? '')) return;
    const outstanding = await service.outstanding(request.actor.id);
    if (!outstanding.length) return;
    const next = request.method === 'GET' ? `?next=${encodeURIComponent(localizePath(request.locale, request.url))}` : '';
    return reply.redirect(`${localizePath(request.locale, '/policies/accept')}${next}`, 303);
  });

  const read = { config: { action: 'policies.read' } };

  async function showPolicy(request: FastifyRequest, reply: FastifyReply, document: PolicyDocument, number?: number) {
    await service.refresh();
    const current = service.inForce(document);
    if (!current) throw new NotFoundError();
    const versions = service.published(document);
    const chosen = number === undefined ? current : versions.find((v) => v.version === number && v.effectiveAt && v.effectiveAt <= new Date());
    if (!chosen) throw new NotFoundError();
    const doc = await service.render(chosen, request.locale);
    return reply.html(PolicyPage({ ctx: request.view(), document, doc, current, versions, upcoming: service.upcoming(document) }) as string);
  }

  // Cached like every public page: cleared on publication and when a version takes effect.
  const cached = { config: { action: 'policies.read', pageCache: true } };
  for (const document of POLICY_DOCUMENTS) {
    app.get(`/${document}`, cached, (request, reply) => showPolicy(request, reply, document));
    app.get(`/${document}/versions/:version`, cached, (request, reply) => showPolicy(request, reply, document, versionParams.parse(request.params).version));
  }

  app.post('/policies/notice', read, async (request, reply) => {
    const { returnTo } = dismissForm.parse(request.body ?? {});
    const seen = new Set((request.cookies[POLICY_NOTICE_COOKIE] ?? '').split('.').filter((s) => /^(terms|privacy)-\d{1,6}$/.test(s)));
    for (const v of service.recentChanges()) seen.add(`${v.document}-${v.version}`);
    reply.setCookie(POLICY_NOTICE_COOKIE, [...seen].join('.'), { path: '/', maxAge: NOTICE_MAX_AGE_S, sameSite: 'lax', httpOnly: true, secure: services.config.secureCookies });
    return reply.redirect(returnTo ?? localizePath(request.locale, '/'), 303);
  });

  const accept = { config: { action: 'policies.accept' } };

  app.get('/policies/accept', accept, async (request, reply) => {
    const { next } = nextQuery.parse(request.query ?? {});
    const outstanding = await service.outstanding(requireActor(request).id);
    if (!outstanding.length) return reply.redirect(next ?? localizePath(request.locale, '/account'), 303);
    return reply.html(AcceptPage({ ctx: request.view(), versions: outstanding, next }) as string);
  });

  app.post('/policies/accept', accept, async (request, reply) => {
    const actor = requireActor(request);
    const ctx = request.view();
    const form = parseForm(acceptForm, request.body, ctx.t);
    if (!form.ok) {
      const outstanding = await service.outstanding(actor.id);
      const next = nextQuery.parse({ next: form.values.next }).next;
      return reply.code(422).html(AcceptPage({ ctx, versions: outstanding, next, errors: form.errors }) as string);
    }
    await service.accept(actor);
    return reply.redirect(form.data.next ?? localizePath(request.locale, '/account'), 303);
  });

  // Back office.
  const manage = { config: { action: 'policies.manage' } };

  app.get('/admin/policies', manage, async (request, reply) => {
    const { notice } = noticeQuery.parse(request.query ?? {});
    const ctx = request.view();
    return reply.html(PoliciesPage({ ctx, versions: await service.list(), notice: notice ? ctx.t(NOTICES[notice]) : undefined }) as string);
  });

  app.get('/admin/policies/new', manage, async (request, reply) => {
    const { document } = newVersionQuery.parse(request.query ?? {});
    const existing = (await service.list()).find((v) => v.document === document && v.status === 'draft');
    if (existing) return reply.redirect(`/admin/policies/${existing.id}`, 303);
    const current = await service.currentBody(document);
    const values: Record<string, string> = current ? { body_en: current.body.en, body_es: current.body.es } : {};
    return reply.html(NewVersionPage({ ctx: request.view(), document, values }) as string);
  });

  app.post('/admin/policies', manage, async (request, reply) => {
    const ctx = request.view();
    const form = parseForm(newVersionForm, request.body, ctx.t);
    const document = newVersionQuery.parse({ document: (request.body as Record<string, unknown> | undefined)?.document }).document;
    if (!form.ok) return reply.code(422).html(NewVersionPage({ ctx, document, values: form.values, errors: form.errors }) as string);
    const { document: doc, summary_en, summary_es, body_en, body_es, material } = form.data;
    try {
      const id = await service.createDraft(requireActor(request), doc, { body: { en: body_en, es: body_es }, summary: { en: summary_en, es: summary_es }, material });
      return reply.redirect(`/admin/policies/${id}?notice=created`, 303);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      return reply.code(409).html(NewVersionPage({ ctx, document: doc, values: formValues(request.body), errors: { document: ctx.t('policies.admin.draftExists') } }) as string);
    }
  });

  async function renderVersion(
    request: FastifyRequest,
    id: string,
    extra: { values?: Record<string, string>; errors?: Record<string, string>; publishValues?: Record<string, string>; publishErrors?: Record<string, string>; notice?: string } = {},
  ): Promise<string> {
    const version = await service.get(id);
    const previews = await Promise.all((['en', 'es'] as const).map((l) => service.render(version, l)));
    return VersionPage({ ctx: request.view(), version, previews, ...extra }) as string;
  }

  app.get('/admin/policies/:id', manage, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const { notice } = noticeQuery.parse(request.query ?? {});
    return reply.html(await renderVersion(request, id, notice ? { notice: request.view().t(NOTICES[notice]) } : {}));
  });

  app.post('/admin/policies/:id', manage, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const ctx = request.view();
    const form = parseForm(versionForm, request.body, ctx.t);
    if (!form.ok) return reply.code(422).html(await renderVersion(request, id, { values: form.values, errors: form.errors }));
    const { summary_en, summary_es, body_en, body_es, material } = form.data;
    try {
      await service.updateDraft(requireActor(request), id, { body: { en: body_en, es: body_es }, summary: { en: summary_en, es: summary_es }, material });
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      return reply.code(409).html(await renderVersion(request, id, { errors: { body_en: ctx.t('policies.admin.notDraft') } }));
    }
    return reply.redirect(`/admin/policies/${id}?notice=saved`, 303);
  });

  app.post('/admin/policies/:id/publish', manage, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const ctx = request.view();
    const form = parseForm(publishForm, request.body, ctx.t);
    if (!form.ok) return reply.code(422).html(await renderVersion(request, id, { publishValues: form.values, publishErrors: form.errors }));
    try {
      await service.publish(requireActor(request), id, form.data);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      return reply.code(409).html(await renderVersion(request, id, { publishErrors: { date: ctx.t('policies.admin.notDraft') } }));
    }
    return reply.redirect(`/admin/policies/${id}?notice=published`, 303);
  });

  // Retention: the nightly job, the officer's page and a run on demand.
  services.jobs.define({
    name: 'privacy.retention',
    schema: retentionPayload,
    maxAttempts: 3,
    async handler(payload, { log }) {
      const run = await runRetention(services.db, services.storage, payload.trigger);
      log.info({ total: run.total, purged: run.purged, errors: run.errors }, 'retention: purged rows past their time');
    },
  });
  services.jobs.schedule('privacy.retention.nightly', '41 2 * * *', 'privacy.retention', { trigger: 'schedule' });

  const retention = { config: { action: 'retention.manage' } };
  app.get('/admin/retention', retention, async (request, reply) => {
    const { notice } = noticeQuery.parse(request.query ?? {});
    const ctx = request.view();
    return reply.html(RetentionPage({ ctx, rules: retentionRules(), runs: await recentRetentionRuns(services.db), notice: notice === 'ran' ? ctx.t('retention.ran') : undefined }) as string);
  });
  app.post('/admin/retention/run', retention, async (request, reply) => {
    const actor = requireActor(request);
    await services.db.transaction().execute(async (trx) => {
      await services.jobs.enqueue(trx, 'privacy.retention', { trigger: 'staff' });
      await recordAudit(trx, 'retention.run_requested', null, undefined, actor.id);
    });
    return reply.redirect('/admin/retention?notice=ran', 303);
  });
}

export default fp(policies, { name: 'sutura-policies', fastify: '5.x' });
