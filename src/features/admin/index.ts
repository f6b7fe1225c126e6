import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../app.js';
import { guideService } from '../procedures/index.js';
import './policy.js';
import { DashboardPage } from './views/dashboard.js';

/** The back office's front door. Each feature adds its own /admin pages. */
export default async function admin(app: FastifyInstance, services: AppServices): Promise<void> {
  const guides = guideService(services);
  app.get('/admin', { config: { action: 'admin.dashboard' } }, async (request, reply) => {
    const all = await guides.listAll();
    const published = all.filter((g) => g.status === 'published').length;
    return reply.html(DashboardPage({ ctx: request.view(), data: { guides: { published, drafts: all.length - published } } }) as string);
  });
}
