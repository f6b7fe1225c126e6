import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppServices } from '../../app.js';
import { ValidationError } from '../../core/errors.js';
import { requireActor } from '../../core/http/index.js';
import { parseForm } from '../../core/http/forms.js';
import type { SiteNotice } from '../../core/http/notices.js';
import { localizePath, translator } from '../../core/i18n/index.js';
import { deadlines } from './model.js';
import './policy.js';
import './privacy.js';
import { bannerForm, idParams, incidentForm, notifyPayload, recipientForm, searchQuery } from './schemas.js';
import { BreachService, NOTIFY_JOB } from './service.js';
import { countRecipients } from './store.js';
import { BreachesPage, IncidentPage } from './views/admin.js';
import { SecurityNoticePage } from './views/public.js';

const NOTICES = {
  recorded: 'breach.admin.recorded',
  added: 'breach.admin.added',
  removed: 'breach.admin.removed',
  sent: 'breach.admin.sent',
  published: 'breach.admin.published',
  withdrawn: 'breach.admin.withdrawn',
} as const;

/** Breach notification: the record, the notices by email, the site notice. */
export default async function breaches(app: FastifyInstance, services: AppServices): Promise<void> {
  const service = new BreachService(services);
  await service.reloadBanners();
  services.jobs.define({ name: NOTIFY_JOB, schema: notifyPayload, handler: async (p) => void (await service.sendBatch(p.incidentId)) });

  services.notices.push({
    refresh: () => service.refreshBanners(),
    notices(request: FastifyRequest): SiteNotice[] {
      const banners = service.banners();
      if (!banners.length) return [];
      const t = translator(request.locale);
      return [
        {
          key: `breach-${banners.map((b) => b.id).join('-')}`,
          tone: 'warning',
          title: t('breach.banner.title'),
          text: t('breach.banner.text'),
          link: { href: localizePath(request.locale, '/security-notice'), label: t('breach.banner.read') },
        },
      ];
    },
  });

  app.get('/security-notice', { config: { action: 'breaches.read' } }, async (request, reply) => {
    await service.refreshBanners();
    return reply.html(SecurityNoticePage({ ctx: request.view(), incidents: service.banners() }) as string);
  });

  const manage = { config: { action: 'breaches.manage' } };

  app.get('/admin/breaches', manage, async (request, reply) => reply.html(BreachesPage({ ctx: request.view(), incidents: await service.list() }) as string));

  app.post('/admin/breaches', manage, async (request, reply) => {
    const ctx = request.view();
    const form = parseForm(incidentForm, request.body, ctx.t);
    if (!form.ok) {
      const raw = (request.body as Record<string, unknown> | undefined)?.categories;
      const chosen = (Array.isArray(raw) ? raw : [raw]).filter((c): c is string => typeof c === 'string');
      return reply.code(422).html(BreachesPage({ ctx, incidents: await service.list(), values: form.values, chosen, errors: form.errors }) as string);
    }
    const f = form.data;
    const id = await service.record(requireActor(request), {
      title: f.title,
      description: { en: f.description_en, es: f.description_es },
      actions: { en: f.actions_en, es: f.actions_es },
      advice: { en: f.advice_en, es: f.advice_es },
      categories: f.categories,
      scope: f.scope,
      occurredAt: f.occurred,
      discoveredAt: f.discovered,
    });
    return reply.redirect(`/admin/breaches/${id}?notice=recorded`, 303);
  });

  async function renderIncident(request: FastifyRequest, id: string, error?: string): Promise<string> {
    const { q, notice } = searchQuery.parse(request.query ?? {});
    const ctx = request.view();
    const { incident, recipients } = await service.get(id);
    const found = q ? (await service.search(q)).people : undefined;
    const affected = incident.scope === 'all' && !incident.noticesSentAt ? Number.MAX_SAFE_INTEGER : await countRecipients(services.db, id);
    return IncidentPage({ ctx, incident, recipients, deadlines: deadlines(incident, affected === Number.MAX_SAFE_INTEGER ? 0 : affected), q, found, notice: notice ? ctx.t(NOTICES[notice]) : undefined, error }) as string;
  }

  app.get('/admin/breaches/:id', manage, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    return reply.html(await renderIncident(request, id));
  });

  for (const [path, add] of [['recipients', true], ['recipients/remove', false]] as const) {
    app.post(`/admin/breaches/:id/${path}`, manage, async (request, reply) => {
      const { id } = idParams.parse(request.params);
      const form = recipientForm.safeParse(request.body ?? {});
      try {
        if (!form.success) throw new ValidationError();
        await service.changeRecipient(requireActor(request), id, form.data.userId, add);
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        return reply.code(422).html(await renderIncident(request, id, request.view().t('form.choose')));
      }
      return reply.redirect(`/admin/breaches/${id}?notice=${add ? 'added' : 'removed'}`, 303);
    });
  }

  app.post('/admin/breaches/:id/notify', manage, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    try {
      await service.notify(requireActor(request), id);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      return reply.code(422).html(await renderIncident(request, id, request.view().t('breach.admin.nobody')));
    }
    return reply.redirect(`/admin/breaches/${id}?notice=sent`, 303);
  });

  app.post('/admin/breaches/:id/banner', manage, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const form = bannerForm.safeParse(request.body ?? {});
    if (!form.success) return reply.code(422).html(await renderIncident(request, id, request.view().t('form.choose')));
    await service.banner(requireActor(request), id, form.data.banner === 'publish');
    return reply.redirect(`/admin/breaches/${id}?notice=${form.data.banner === 'publish' ? 'published' : 'withdrawn'}`, 303);
  });
}
