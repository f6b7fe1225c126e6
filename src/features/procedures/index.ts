import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../app.js';
import { can } from '../../core/auth/index.js';
import { adminRoutes } from './admin-routes.js';
import './policy.js';
import './privacy.js';
import { publicRoutes } from './routes.js';
import { registerSearchSource } from '../../core/search/index.js';
import { GuideService, publishedGuideDocuments } from './service.js';

registerSearchSource({ type: 'guide', documents: publishedGuideDocuments });

/** The procedures feature: public guides, the guide editor, import, sitemap entries. */
export default async function procedures(app: FastifyInstance, services: AppServices): Promise<void> {
  const guides = guideService(services);
  // Articles stored by an earlier version of the views or texts are rebuilt before serving.
  const rebuilt = await guides.refreshStalePublicDocs();
  if (rebuilt) app.log.info({ guides: rebuilt }, 'rebuilt stored guide articles');
  publicRoutes(app, guides);
  adminRoutes(app, guides, { uploadMaxBytes: services.config.uploadMaxBytes });
  services.sitemap.push(async () =>
    (await guides.listAllPublished()).map((g) => ({ path: `/guides/${g.slug}`, locale: g.locale, updatedAt: g.updatedAt })),
  );
  services.dashboard.push(async (actor, t) => {
    if (!can(actor, 'guides.manage')) return null;
    const all = await guides.listAll();
    const published = all.filter((g) => g.status === 'published').length;
    return { href: '/admin/guides', title: t('admin.nav.guides'), summary: t('admin.dashboard.guides', { published, drafts: all.length - published }) };
  });
}

/** The guide service bound to the app's services (also used by the CLI and other features). */
export function guideService(services: Pick<AppServices, 'db' | 'storage' | 'pageCache' | 'config'>): GuideService {
  return new GuideService({
    db: services.db,
    storage: services.storage,
    site: { publicUrl: services.config.publicUrl, practice: services.config.practice },
    onPublicChange: () => services.pageCache.clear(),
  });
}
