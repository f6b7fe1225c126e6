import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../app.js';
import { reindexIfStale, searchIndex } from '../../core/search/index.js';
import './policy.js';
import { readSearchParams } from './schemas.js';
import { SearchPage, SearchResultsRegion } from './views/search.js';

/** /search (and /es/search): the public search page; htmx asks for the results region only. */
export default async function search(app: FastifyInstance, services: AppServices): Promise<void> {
  const index = searchIndex(services.db);
  // An index written in an older format (before an upgrade) is rebuilt before serving, from the
  // sources every feature registered when its module loaded.
  const rebuilt = await reindexIfStale(services.db);
  if (rebuilt) app.log.info({ documents: rebuilt }, 'rebuilt the search index in the current format');
  app.get('/search', { config: { action: 'search.read' } }, async (request, reply) => {
    const form = readSearchParams(request.query);
    const ctx = request.view();
    // Search as you type (htmx): the last word may be unfinished, so it counts as a prefix.
    const results = form.q.trim() ? await index.search({ text: form.q, locale: request.locale, ...(form.type ? { type: form.type } : {}), page: form.page, prefix: ctx.partial }) : null;
    reply.header('cache-control', 'no-store');
    if (ctx.partial) return reply.html(SearchResultsRegion({ ctx, form, results }) as string);
    return reply.html(SearchPage({ ctx, form, results }) as string);
  });
}
