import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { can } from '../../core/auth/index.js';
import { NotFoundError } from '../../core/errors.js';
import { requireActor } from '../../core/http/index.js';
import type { AppServices } from '../../app.js';
import './policy.js';
import { DashboardPage } from './views/dashboard.js';
import { JobsPage } from './views/jobs.js';
import { OutboxMessagePage, OutboxPage } from './views/outbox.js';

const idParams = z.object({ id: z.string().min(1).max(40) });
const noticeQuery = z.object({ notice: z.enum(['retried', 'notDead']).optional() }).loose();

/** The back office's front door. Each feature adds its own /admin pages. */
export default async function admin(app: FastifyInstance, services: AppServices): Promise<void> {
  services.dashboard.push(async (actor, t) => {
    if (!can(actor, 'jobs.manage')) return null;
    const counts = await services.jobs.counts();
    return { href: '/admin/jobs', title: t('admin.nav.jobs'), summary: t('admin.dashboard.jobs', { queued: counts.queued, dead: counts.dead }), attention: counts.dead > 0 };
  });

  app.get('/admin', { config: { action: 'admin.dashboard' } }, async (request, reply) => {
    const actor = requireActor(request);
    const ctx = request.view();
    const cards = (await Promise.all(services.dashboard.map((source) => source(actor, ctx.t)))).filter((c) => c !== null);
    return reply.html(DashboardPage({ ctx, cards }) as string);
  });

  app.get('/admin/jobs', { config: { action: 'jobs.manage' } }, async (request, reply) => {
    const { notice } = noticeQuery.parse(request.query ?? {});
    const [counts, dead, queued, running] = await Promise.all([
      services.jobs.counts(),
      services.jobs.list('dead', 100),
      services.jobs.list('queued', 50),
      services.jobs.list('running', 50),
    ]);
    const ctx = request.view();
    return reply.html(
      JobsPage({
        ctx,
        data: { counts, dead, waiting: [...running, ...queued] },
        notice: notice === 'retried' ? ctx.t('admin.jobs.retried') : notice === 'notDead' ? ctx.t('admin.jobs.notDead') : undefined,
      }) as string,
    );
  });

  app.post('/admin/jobs/:id/retry', { config: { action: 'jobs.manage' } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const retried = await services.jobs.retryDead(id);
    return reply.redirect(`/admin/jobs?notice=${retried ? 'retried' : 'notDead'}`, 303);
  });

  app.get('/admin/outbox', { config: { action: 'mail.outbox' } }, async (request, reply) =>
    reply.html(OutboxPage({ ctx: request.view(), messages: await services.mail.list(200), smtp: Boolean(services.config.mail.smtpUrl) }) as string),
  );

  app.get('/admin/outbox/:id', { config: { action: 'mail.outbox' } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const message = await services.mail.find(id);
    if (!message) throw new NotFoundError();
    return reply.html(OutboxMessagePage({ ctx: request.view(), message }) as string);
  });

  // The email's own HTML, as a recipient would see it: sandboxed, no scripts, nothing loaded.
  app.get('/admin/outbox/:id/html', { config: { action: 'mail.outbox' } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const message = await services.mail.find(id);
    if (!message) throw new NotFoundError();
    return reply
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox")
      .html(message.html);
  });
}
