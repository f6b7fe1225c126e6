import { escapeHtml } from '@kitajs/html';
import type { PracticeIdentity } from '../../../core/config/index.js';
import { formatDate, localizePath, type MessageKey, type Translate } from '../../../core/i18n/index.js';
import type { StoredImage } from '../../../core/media/index.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout, href } from '../../../core/views/layout.js';
import { Picture } from '../../../core/views/picture.js';
import { GUIDE_CATEGORIES, type GuideFigure, type GuideSection, type GuideSummary, type PublicGuide } from '../model.js';
import type { GuidePage as GuidePageData } from '../service.js';

export function sectionTitle(ctx: Pick<ViewContext, 't'>, s: Pick<GuideSection, 'kind' | 'heading'>): string {
  return s.kind === 'custom' || s.heading ? (s.heading ?? '') : ctx.t(`guide.section.${s.kind}` as MessageKey);
}

export function categoryLabel(ctx: Pick<ViewContext, 't'>, category: string): string {
  return ctx.t(`guide.category.${category}` as MessageKey);
}

/** Anchors for the table of contents: the kind for standard sections, a number for custom ones. */
function anchor(s: Pick<GuideSection, 'kind'>, index: number): string {
  return s.kind === 'custom' ? `section-${index + 1}` : s.kind;
}

/** Education, not advice: shown on every guide, above the fold and again before the CTA. */
export function MedicalNotice({ ctx }: { ctx: ViewContext }): JSX.Element {
  return (
    <div class="medical-notice" role="note" aria-label={ctx.t('guide.noticeLabel')}>
      <p>{escapeHtml(ctx.t('guide.notice'))}</p>
    </div>
  );
}

export function GuideCard({ ctx, guide, level = 3 }: { ctx: ViewContext; guide: GuideSummary; level?: 2 | 3 }): JSX.Element {
  const link = (
    <a href={href(ctx, `/guides/${guide.slug}`)} safe>
      {guide.title}
    </a>
  );
  return (
    <article class="card">
      {level === 2 ? <h2>{link}</h2> : <h3>{link}</h3>}
      <p safe>{guide.summary}</p>
    </article>
  );
}

export function GuideIndexPage({ ctx, guides }: { ctx: ViewContext; guides: readonly GuideSummary[] }): JSX.Element {
  const groups = GUIDE_CATEGORIES.map((c) => ({ category: c, guides: guides.filter((g) => g.category === c) })).filter((g) => g.guides.length);
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('guides.title'), description: ctx.t('guides.intro') }}>
      <h1>{escapeHtml(ctx.t('guides.title'))}</h1>
      <p class="lead">{escapeHtml(ctx.t('guides.intro'))}</p>
      {groups.length ? (
        <nav aria-label={ctx.t('guides.byArea')} class="chips">
          <ul>
            {groups.map((g) => (
              <li>
                <a href={`#area-${g.category}`}>{escapeHtml(categoryLabel(ctx, g.category))}</a>
              </li>
            ))}
          </ul>
        </nav>
      ) : (
        <p>{escapeHtml(ctx.t('guides.none'))}</p>
      )}
      {groups.map((g) => (
        <section aria-labelledby={`area-${g.category}`} class="guide-group">
          <h2 id={`area-${g.category}`}>{escapeHtml(categoryLabel(ctx, g.category))}</h2>
          <div class="cards">
            {g.guides.map((guide) => (
              <GuideCard ctx={ctx} guide={guide} />
            ))}
          </div>
        </section>
      ))}
    </Layout>
  );
}

function Figure({ figure, images }: { figure: GuideFigure; images: ReadonlyMap<string, StoredImage> }): JSX.Element {
  const image = figure.mediaId ? images.get(figure.mediaId) : undefined;
  if (!image) return <></>;
  return (
    <figure>
      <Picture image={image} alt={figure.alt} />
      {figure.caption ? <figcaption safe>{figure.caption}</figcaption> : ''}
    </figure>
  );
}

/** What structured data needs to know about the site (configuration, not the request). */
export interface SiteIdentity {
  readonly publicUrl: string;
  readonly practice: PracticeIdentity;
}

/** schema.org data for a guide page: a MedicalWebPage about a MedicalProcedure. */
export function guideStructuredData(site: SiteIdentity, g: GuideSummary, image: StoredImage | null): object {
  const url = `${site.publicUrl}${localizePath(g.locale, `/guides/${g.slug}`)}`;
  const largest = image?.variants.filter((v) => v.format === 'jpeg').at(-1);
  return {
    '@context': 'https://schema.org',
    '@type': 'MedicalWebPage',
    name: g.title,
    headline: g.title,
    description: g.summary,
    url,
    inLanguage: g.locale,
    datePublished: g.publishedAt?.toISOString(),
    dateModified: g.updatedAt.toISOString(),
    lastReviewed: g.updatedAt.toISOString().slice(0, 10),
    audience: { '@type': 'MedicalAudience', audienceType: 'Patient' },
    ...(largest ? { image: `${site.publicUrl}/media/${largest.key}` } : {}),
    about: { '@type': 'MedicalProcedure', name: g.title, description: g.summary, procedureType: 'https://schema.org/SurgicalProcedure', url },
    publisher: {
      '@type': 'MedicalOrganization',
      name: site.practice.name,
      legalName: site.practice.legalEntity,
      telephone: site.practice.phone,
      address: site.practice.address,
      url: site.publicUrl,
    },
  };
}

/**
 * The article body of a guide: contents, sections and figures. It depends only on the guide and
 * its language, so it is rendered once per change and stored (see GuideService).
 */
export function GuideArticleBody({ t, guide, images }: { t: Translate; guide: PublicGuide; images: ReadonlyMap<string, StoredImage> }): JSX.Element {
  const ctx = { t };
  const sections = guide.sections.filter((s) => s.bodyHtml.trim());
  const loose = guide.figures.filter((f) => !f.sectionId || !sections.some((s) => s.id === f.sectionId));
  return (
    <>
      {sections.length > 1 ? (
        <nav class="toc" aria-labelledby="toc-title">
          <h2 id="toc-title">{escapeHtml(t('guide.toc'))}</h2>
          <ol>
            {sections.map((s, i) => (
              <li>
                <a href={`#${anchor(s, i)}`} safe>
                  {sectionTitle(ctx, s)}
                </a>
              </li>
            ))}
          </ol>
        </nav>
      ) : (
        ''
      )}
      {sections.map((s, i) => (
        <section id={anchor(s, i)} aria-labelledby={`${anchor(s, i)}-title`} class="guide-section">
          <h2 id={`${anchor(s, i)}-title`} safe>
            {sectionTitle(ctx, s)}
          </h2>
          <div class="prose">{s.bodyHtml as 'safe'}</div>
          {guide.figures
            .filter((f) => f.sectionId === s.id)
            .map((f) => (
              <Figure figure={f} images={images} />
            ))}
        </section>
      ))}
      {loose.map((f) => (
        <Figure figure={f} images={images} />
      ))}
    </>
  );
}

export function GuidePage({ ctx, page }: { ctx: ViewContext; page: GuidePageData }): JSX.Element {
  const g = page.guide;
  const ogImage = page.image?.variants.filter((v) => v.format === 'jpeg').at(-1);
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: g.title,
        description: g.summary,
        locales: page.locales,
        ogType: 'article',
        ...(ogImage ? { ogImage: `${ctx.publicUrl}/media/${ogImage.key}` } : {}),
        jsonLd: [page.jsonLd],
      }}
    >
      <nav aria-label={ctx.t('layout.breadcrumb')} class="breadcrumb">
        <ol>
          <li>
            <a href={href(ctx, '/guides')}>{escapeHtml(ctx.t('guides.title'))}</a>
          </li>
          <li>
            <a href={href(ctx, `/guides#area-${g.category}`)}>{escapeHtml(categoryLabel(ctx, g.category))}</a>
          </li>
        </ol>
      </nav>
      <article class="guide" aria-labelledby="guide-title">
        <header class="guide-header">
          <h1 id="guide-title" safe>
            {g.title}
          </h1>
          <p class="lead" safe>
            {g.summary}
          </p>
          <p class="meta">
            {escapeHtml(ctx.t('guide.updated', { date: formatDate(ctx.locale, g.updatedAt) }))}
          </p>
          <MedicalNotice ctx={ctx} />
        </header>
        {page.articleHtml as 'safe'}
        <section class="cta" aria-labelledby="cta-title">
          <h2 id="cta-title">{escapeHtml(ctx.t('guide.ctaTitle'))}</h2>
          <p>{escapeHtml(ctx.t('guide.ctaText'))}</p>
          <p>
            <a class="button" href={href(ctx, `/consultation?procedure=${encodeURIComponent(g.slug)}`)}>
              {escapeHtml(ctx.t('guide.cta'))}
            </a>
          </p>
        </section>
        {page.related.length ? (
          <section class="related" aria-labelledby="related-title">
            <h2 id="related-title">{escapeHtml(ctx.t('guide.related'))}</h2>
            <div class="cards">
              {page.related.map((r) => (
                <GuideCard ctx={ctx} guide={r} />
              ))}
            </div>
          </section>
        ) : (
          ''
        )}
      </article>
    </Layout>
  );
}
