import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../core/errors.js';
import type { GuideService } from './service.js';
import { GuideIndexPage, GuidePage } from './views/public.js';

const slugParams = z.object({ slug: z.string().max(120) });

/** Public guide pages: the index grouped by body area, and each published guide. */
export function publicRoutes(app: FastifyInstance, guides: GuideService): void {
  app.get('/guides', { config: { action: 'guides.read', pageCache: true } }, async (request, reply) => {
    const list = await guides.listPublished(request.locale);
    return reply.html(GuideIndexPage({ ctx: request.view(), guides: list }) as string);
  });

  app.get('/guides/:slug', { config: { action: 'guides.read', pageCache: true } }, async (request, reply) => {
    const { slug } = slugParams.parse(request.params);
    const page = await guides.publishedPage(request.locale, slug);
    if (!page) throw new NotFoundError();
    return reply.html(GuidePage({ ctx: request.view(), page }) as string);
  });
}
