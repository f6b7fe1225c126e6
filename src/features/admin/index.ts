import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../app.js';
import { guideService } from '../procedures/index.js';
import './policy.js';
import { DashboardPage } from './views/dashboard.js';
import { JobsPage } from './views/jobs.js';

const jobParams = z.object({ id: z.string().min(1).max(40) });
const noticeQuery = z.object({ notice: z.enum(['retried', 'notDead']).optional() }).loose();

/** The back office's front door. Each feature adds its own /admin pages. */
export default async function admin(app: FastifyInstance, services: AppServices): Promise<void> {
  const guides = guideService(services);
  app.get('/admin', { config: { action: 'admin.dashboard' } }, async (request, reply) => {
    const all = await guides.listAll();
    const published = all.filter((g) => g.status === 'published').length;
    return reply.html(DashboardPage({ ctx: request.view(), data: { guides: { published, drafts: all.length - published } } }) as string);
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
    const { id } = jobParams.parse(request.params);
    const retried = await services.jobs.retryDead(id);
    return reply.redirect(`/admin/jobs?notice=${retried ? 'retried' : 'notDead'}`, 303);
  });
}
