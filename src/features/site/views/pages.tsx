import { escapeHtml } from '@kitajs/html';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout, href, toJsonLd } from '../../../core/views/layout.js';
import type { GuideSummary } from '../../procedures/model.js';
import { GuideCard, MedicalNotice } from '../../procedures/views/public.js';
import type { LegalDocument } from '../legal.js';

/** schema.org WebSite with a SearchAction, so search engines can offer the site's own search. */
function websiteStructuredData(ctx: ViewContext): unknown {
  const origin = ctx.publicUrl.replace(/\/$/, '');
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    name: ctx.practice.name,
    url: `${origin}${href(ctx, '/')}`,
    inLanguage: ctx.locale,
    potentialAction: { '@type': 'SearchAction', target: { '@type': 'EntryPoint', urlTemplate: `${origin}${href(ctx, '/search')}?q={search_term_string}` }, 'query-input': 'required name=search_term_string' },
  };
}

export function HomePage({ ctx, featured }: { ctx: ViewContext; featured: readonly GuideSummary[] }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.practice.name, description: ctx.t('home.description'), jsonLd: [toJsonLd(websiteStructuredData(ctx))] }}>
      <section class="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">{escapeHtml(ctx.t('home.title'))}</h1>
        <p class="lead">{escapeHtml(ctx.t('home.lead'))}</p>
        <p class="toolbar">
          <a class="button" href={href(ctx, '/guides')}>
            {escapeHtml(ctx.t('home.browse'))}
          </a>
          <a class="button secondary" href={href(ctx, '/consultation')}>
            {escapeHtml(ctx.t('home.consult'))}
          </a>
        </p>
      </section>
      {featured.length ? (
        <section class="home-section" aria-labelledby="featured-title">
          <h2 id="featured-title">{escapeHtml(ctx.t('home.featured'))}</h2>
          <div class="cards">
            {featured.map((g) => (
              <GuideCard ctx={ctx} guide={g} />
            ))}
          </div>
        </section>
      ) : (
        ''
      )}
      <section class="home-section" aria-labelledby="promise-title">
        <h2 id="promise-title">{escapeHtml(ctx.t('home.promiseTitle'))}</h2>
        <p>{escapeHtml(ctx.t('home.promise'))}</p>
        <MedicalNotice ctx={ctx} />
      </section>
    </Layout>
  );
}

export function LegalPage({ ctx, doc }: { ctx: ViewContext; doc: LegalDocument }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: doc.title }}>
      <article class="legal" aria-labelledby="legal-title">
        <h1 id="legal-title" safe>
          {doc.title}
        </h1>
        <p class="meta" safe>
          {doc.version}
        </p>
        <div class="prose">{doc.html as 'safe'}</div>
      </article>
    </Layout>
  );
}
