import { escapeHtml } from '@kitajs/html';
import { formatDate } from '../../../core/i18n/index.js';
import type { SearchResults } from '../../../core/search/index.js';
import type { ViewContext } from '../../../core/views/context.js';
import { href, Layout } from '../../../core/views/layout.js';
import type { SearchForm } from '../schemas.js';

const RESULTS_ID = 'search-results';

/** The link to another page of the same search (works without JavaScript). */
function pageUrl(ctx: ViewContext, form: SearchForm, page: number): string {
  const params = new URLSearchParams({ q: form.q });
  if (form.type) params.set('type', form.type);
  if (page > 1) params.set('page', String(page));
  return `${href(ctx, '/search')}?${params.toString()}`;
}

function Count({ ctx, form, results }: { ctx: ViewContext; form: SearchForm; results: SearchResults }): JSX.Element {
  const query = form.q.trim().slice(0, 100);
  const count = results.total.toLocaleString(ctx.locale === 'es' ? 'es-ES' : 'en-US');
  const text = results.estimated
    ? ctx.t('search.count.about', { count, query })
    : results.total === 1
      ? ctx.t('search.count.one', { query })
      : ctx.t('search.count.exact', { count, query });
  return <p class="search-count">{escapeHtml(text)}</p>;
}

/** The results region: count, hits with snippets, page links; also the htmx answer. */
export function SearchResultsRegion({ ctx, form, results }: { ctx: ViewContext; form: SearchForm; results: SearchResults | null }): JSX.Element {
  if (!results) return <p class="search-hint">{escapeHtml(ctx.t('search.empty'))}</p>;
  if (!results.hits.length) return <p class="search-none">{escapeHtml(ctx.t('search.none', { query: form.q.trim().slice(0, 100) }))}</p>;
  return (
    <>
      <Count ctx={ctx} form={form} results={results} />
      <ol class="search-hits" start={(results.page - 1) * results.perPage + 1}>
        {results.hits.map((hit) => (
          <li class="search-hit">
            <h3>
              <a href={hit.url}>{hit.titleHtml as 'safe'}</a>
            </h3>
            <p class="search-meta">
              {escapeHtml(ctx.t(hit.type === 'library' ? 'search.kind.library' : 'search.kind.guide'))}
              {hit.publishedAt ? ` · ${escapeHtml(formatDate(ctx.locale, hit.publishedAt))}` : ''}
            </p>
            <p class="search-snippet">{hit.snippetHtml as 'safe'}</p>
          </li>
        ))}
      </ol>
      {results.pages > 1 ? (
        <nav class="pagination" aria-label={ctx.t('search.pages')}>
          <ul>
            {results.page > 1 ? (
              <li>
                <a href={pageUrl(ctx, form, results.page - 1)} rel="prev">
                  {escapeHtml(ctx.t('search.previous'))}
                </a>
              </li>
            ) : (
              ''
            )}
            <li aria-current="page">{escapeHtml(ctx.t('search.page', { page: results.page, pages: results.pages }))}</li>
            {results.page < results.pages ? (
              <li>
                <a href={pageUrl(ctx, form, results.page + 1)} rel="next">
                  {escapeHtml(ctx.t('search.next'))}
                </a>
              </li>
            ) : (
              ''
            )}
          </ul>
        </nav>
      ) : (
        ''
      )}
    </>
  );
}

export function SearchPage({ ctx, form, results }: { ctx: ViewContext; form: SearchForm; results: SearchResults | null }): JSX.Element {
  const action = href(ctx, '/search');
  return (
    <Layout ctx={ctx} meta={{ title: form.q.trim() ? `${ctx.t('search.title')}: ${form.q.trim().slice(0, 60)}` : ctx.t('search.title'), description: ctx.t('search.intro'), noindex: !!form.q, htmx: true, canonicalPath: '/search' }}>
      <h1>{escapeHtml(ctx.t('search.title'))}</h1>
      <p class="lead">{escapeHtml(ctx.t('search.intro'))}</p>
      <form
        class="search-form"
        role="search"
        action={action}
        method="get"
        hx-get={action}
        hx-trigger="input changed delay:300ms from:#search-q, change from:#search-type, submit"
        hx-target={`#${RESULTS_ID}`}
        hx-swap="innerHTML"
        hx-push-url="true"
      >
        <p class="field">
          <label for="search-q">{escapeHtml(ctx.t('search.label'))}</label>
          <input id="search-q" type="search" name="q" value={form.q} maxlength="256" autocomplete="off" spellcheck="false" />
        </p>
        <p class="field">
          <label for="search-type">{escapeHtml(ctx.t('search.type'))}</label>
          <select id="search-type" name="type">
            <option value="" selected={!form.type}>
              {escapeHtml(ctx.t('search.type.all'))}
            </option>
            <option value="guide" selected={form.type === 'guide'}>
              {escapeHtml(ctx.t('search.type.guide'))}
            </option>
            <option value="library" selected={form.type === 'library'}>
              {escapeHtml(ctx.t('search.type.library'))}
            </option>
          </select>
        </p>
        <p>
          <button type="submit">{escapeHtml(ctx.t('search.submit'))}</button>
        </p>
      </form>
      <section aria-labelledby="search-results-heading">
        <h2 id="search-results-heading" class="visually-hidden">
          {escapeHtml(ctx.t('search.results'))}
        </h2>
        <div id={RESULTS_ID} aria-live="polite">
          <SearchResultsRegion ctx={ctx} form={form} results={results} />
        </div>
      </section>
    </Layout>
  );
}
