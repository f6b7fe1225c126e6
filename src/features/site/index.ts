import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppServices } from '../../app.js';
import { NotFoundError } from '../../core/errors.js';
import { LOCALES } from '../../core/i18n/index.js';
import { sendStored, verifyPrivateMediaToken } from '../../core/media/serve.js';
import { isPublicKey } from '../../core/media/storage.js';
import { guideService } from '../procedures/index.js';
import { LEGAL_PAGES, type LegalDocument, loadLegalDocument } from './legal.js';
import './policy.js';
import { renderSitemap, type SitemapEntry } from './sitemap.js';
import { HomePage, LegalPage } from './views/pages.js';

// Schemas live at module level: zod compiles each one on first use.
const mediaParams = z.object({ key: z.string().max(100) });
const privateMediaParams = z.object({ token: z.string().max(200) });
const benchParams = z.object({ slug: z.string().max(120) });

/** The practice site's frame: home, legal pages, media, machine endpoints. */
export default async function site(app: FastifyInstance, services: AppServices): Promise<void> {
  const { config, db, storage } = services;
  const guides = guideService(services);
  const origin = new URL(config.publicUrl).origin;

  app.get('/', { config: { action: 'site.read', pageCache: true } }, async (request, reply) => {
    const featured = (await guides.listPublished(request.locale)).slice(0, 6);
    return reply.html(HomePage({ ctx: request.view(), featured }) as string);
  });

  // The texts are fixed for the life of the process: read and rendered once per page and language.
  const legalDocs = new Map<string, Promise<LegalDocument>>();
  // The terms and the privacy policy are versioned (features/policies); the disclaimer is static.
  for (const page of LEGAL_PAGES.filter((p) => p === 'disclaimer')) {
    app.get(`/${page}`, { config: { action: 'site.read', pageCache: true } }, async (request, reply) => {
      const key = `${page}:${request.locale}`;
      let loading = legalDocs.get(key);
      if (!loading) {
        loading = loadLegalDocument(page, request.locale, config.practice, config.minAge, origin);
        legalDocs.set(key, loading);
        loading.catch(() => legalDocs.delete(key));
      }
      const doc = await loading;
      return reply.html(LegalPage({ ctx: request.view(), doc }) as string);
    });
  }

  // Published media: variants, posters, videos and PDFs, with range requests (videos seek).
  app.get('/media/:key', { config: { action: 'site.read' } }, async (request, reply) => {
    const { key } = mediaParams.parse(request.params);
    if (!isPublicKey(key)) throw new NotFoundError();
    return sendStored(request, reply, storage, key, { cacheControl: 'public, max-age=31536000, immutable' });
  });

  // Private media through a short-lived signed link (core/media/serve.ts): the token is the
  // authority, made by a feature for a person its policy allows; never cached anywhere.
  app.get('/media/private/:token', { config: { action: 'site.read' } }, async (request, reply) => {
    const { token } = privateMediaParams.parse(request.params);
    const key = verifyPrivateMediaToken(services.cipher, token);
    if (!key) throw new NotFoundError();
    return sendStored(request, reply, storage, key, { cacheControl: 'private, no-store' });
  });

  app.get('/healthz', { config: { action: 'site.read' } }, async (_request, reply) => {
    await sql`select 1`.execute(db);
    return reply.header('cache-control', 'no-store').send({ status: 'ok' });
  });

  app.get('/robots.txt', { config: { action: 'site.read' } }, async (_request, reply) =>
    reply.type('text/plain; charset=utf-8').send(`User-agent: *\nDisallow: /admin\nDisallow: /account\nAllow: /\n\nSitemap: ${config.publicUrl}/sitemap.xml\n`),
  );

  // Not page-cached: entries change outside this process too (a worker finishes sending a newsletter issue).
  app.get('/sitemap.xml', { config: { action: 'site.read' } }, async (_request, reply) => {
    const entries: SitemapEntry[] = [];
    for (const locale of LOCALES) {
      entries.push({ path: '/', locale }, { path: '/guides', locale });
      for (const page of LEGAL_PAGES) entries.push({ path: `/${page}`, locale });
    }
    for (const source of services.sitemap) entries.push(...(await source()));
    return reply.type('application/xml; charset=utf-8').send(renderSitemap(config.publicUrl, entries));
  });

  if (config.benchRoutes) {
    // bench/: memory as the process sees it (after a full collection when run with --expose-gc).
    app.get('/__bench/memory', { config: { action: 'site.read' } }, async (_request, reply) => {
      (globalThis as { gc?: () => void }).gc?.();
      return reply.header('cache-control', 'no-store').send(process.memoryUsage());
    });

    // bench/: the floor of the page benchmark, the exact bytes of a guide page from memory,
    // through the same hooks as every page.
    const floors = new Map<string, string>();
    app.get('/__bench/floor/:slug', { config: { action: 'site.read' } }, async (request, reply) => {
      const { slug } = benchParams.parse(request.params);
      let body = floors.get(slug);
      if (body === undefined) {
        body = (await app.inject({ url: `/guides/${slug}`, headers: { 'x-bench-no-cache': '1' } })).body;
        floors.set(slug, body);
      }
      return reply.type('text/html; charset=utf-8').send(body);
    });
  }
}
