import { escapeHtml } from '@kitajs/html';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout, href } from '../../../core/views/layout.js';
import type { GuideSummary } from '../../procedures/model.js';
import { GuideCard, MedicalNotice } from '../../procedures/views/public.js';
import type { LegalDocument } from '../legal.js';

export function HomePage({ ctx, featured }: { ctx: ViewContext; featured: readonly GuideSummary[] }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.practice.name, description: ctx.t('home.description') }}>
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

/** Until consultation requests land, this page tells people how to reach the practice. */
export function ConsultationPage({ ctx, procedure }: { ctx: ViewContext; procedure: GuideSummary | null }): JSX.Element {
  const phone = ctx.practice.phone.replace(/[^+\d]/g, '');
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('consultation.title'), noindex: true }}>
      <h1>{escapeHtml(ctx.t('consultation.title'))}</h1>
      {procedure ? (
        <p class="lead">
          {escapeHtml(ctx.t('consultation.about', { title: procedure.title }))}
        </p>
      ) : (
        ''
      )}
      <p>{escapeHtml(ctx.t('consultation.soon'))}</p>
      <ul>
        <li>
          {escapeHtml(ctx.t('consultation.call'))} <a href={`tel:${phone}`} safe>{ctx.practice.phone}</a>
        </li>
        <li>
          <a href={href(ctx, '/contact?topic=appointments')}>{escapeHtml(ctx.t('consultation.form'))}</a>
        </li>
        <li>
          {escapeHtml(ctx.t('consultation.write'))} <a href={`mailto:${ctx.practice.email}`} safe>{ctx.practice.email}</a>
        </li>
      </ul>
      <MedicalNotice ctx={ctx} />
    </Layout>
  );
}
