import { escapeHtml } from '@kitajs/html';
import { formatDate } from '../../../core/i18n/index.js';
import { Select } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { absoluteUrl, href, Layout, toJsonLd } from '../../../core/views/layout.js';
import type { PublicProfile } from '../../accounts/model.js';
import { type FullItem, ITEM_KINDS, type ItemKind, type LibraryItem } from '../model.js';
import { AuthorList, fileUrl, ItemCard, ReferenceList, SensitiveImage } from './parts.js';

export interface IndexData {
  readonly items: readonly LibraryItem[];
  readonly total: number;
  readonly page: number;
  readonly pages: number;
  readonly filter: { kind?: ItemKind | undefined; procedure?: string | undefined; author?: string | undefined };
  readonly procedures: readonly { slug: string; title: string }[];
  readonly authors: readonly { slug: string; name: string }[];
}

function pageLink(ctx: ViewContext, filter: IndexData['filter'], page: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v) params.set(k, v);
  if (page > 1) params.set('page', String(page));
  const q = params.toString();
  return `${href(ctx, '/library')}${q ? `?${q}` : ''}`;
}

/** The library index: filters by kind, procedure and author (a plain GET form), newest first, paginated. */
export function LibraryIndexPage({ ctx, data }: { ctx: ViewContext; data: IndexData }): JSX.Element {
  const { filter } = data;
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('library.index.title'), description: ctx.t('library.index.intro'), noindex: data.page > 1 || Boolean(filter.kind || filter.procedure || filter.author) }}>
      <h1>{escapeHtml(ctx.t('library.index.title'))}</h1>
      <p class="lede">{escapeHtml(ctx.t('library.index.intro'))}</p>
      <form class="filters" method="get" action={href(ctx, '/library')} role="search" aria-label={ctx.t('library.index.filters')}>
        <Select name="kind" label={ctx.t('library.field.kind')} value={filter.kind ?? ''} options={[{ value: '', label: ctx.t('library.index.anyKind') }, ...ITEM_KINDS.map((k) => ({ value: k, label: ctx.t(`library.kind.${k}`) }))]} />
        <Select name="procedure" label={ctx.t('library.field.procedure')} value={filter.procedure ?? ''} options={[{ value: '', label: ctx.t('library.index.anyProcedure') }, ...data.procedures.map((p) => ({ value: p.slug, label: p.title }))]} />
        <Select name="author" label={ctx.t('library.field.author')} value={filter.author ?? ''} options={[{ value: '', label: ctx.t('library.index.anyAuthor') }, ...data.authors.map((a) => ({ value: a.slug, label: a.name }))]} />
        <button class="button" type="submit">
          {escapeHtml(ctx.t('library.index.apply'))}
        </button>
      </form>
      <p role="status">{escapeHtml(ctx.t('library.index.count', { count: data.total }))}</p>
      {data.items.length ? (
        <ul class="cards library-list">
          {data.items.map((item) => (
            <ItemCard ctx={ctx} item={item} />
          ))}
        </ul>
      ) : (
        <p>{escapeHtml(ctx.t('library.index.empty'))}</p>
      )}
      {data.pages > 1 ? (
        <nav class="pagination" aria-label={ctx.t('library.index.pages')}>
          <ul>
            {data.page > 1 ? (
              <li>
                <a href={pageLink(ctx, filter, data.page - 1)} rel="prev">
                  {escapeHtml(ctx.t('library.index.previous'))}
                </a>
              </li>
            ) : (
              ''
            )}
            <li aria-current="page">{escapeHtml(ctx.t('library.index.page', { page: data.page, pages: data.pages }))}</li>
            {data.page < data.pages ? (
              <li>
                <a href={pageLink(ctx, filter, data.page + 1)} rel="next">
                  {escapeHtml(ctx.t('library.index.next'))}
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
      <p>
        <a href="/library/feed.xml" type="application/atom+xml">
          {escapeHtml(ctx.t('library.index.feed'))}
        </a>
      </p>
    </Layout>
  );
}

function isoDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return `PT${Math.floor(s / 60)}M${s % 60}S`;
}

/** schema.org data for an item: ScholarlyArticle, Report, VideoObject, ImageGallery or Article. */
export function itemJsonLd(ctx: ViewContext, item: FullItem): Record<string, unknown> {
  const url = absoluteUrl(ctx, `/library/${item.slug}`, item.locale);
  const type = { study: 'ScholarlyArticle', white_paper: 'Report', video: 'VideoObject', article: 'Article', photo_set: 'ImageGallery' }[item.kind];
  const authors = item.authors.map((a) => ({ '@type': 'Person', name: a.name, ...(a.slug ? { url: absoluteUrl(ctx, `/authors/${a.slug}`) } : {}) }));
  const firstImage = (item.files.find((f) => f.role === 'cover') ?? item.files[0])?.image;
  const imageUrl = firstImage && !item.nudity ? (firstImage.variants.filter((v) => v.format === 'jpeg').at(-1) ?? firstImage.variants.at(-1)) : undefined;
  const video = item.files.find((f) => f.role === 'video')?.file;
  const base: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': type,
    url,
    mainEntityOfPage: url,
    inLanguage: item.locale,
    author: authors,
    publisher: { '@type': 'Organization', name: ctx.practice.name },
    ...(item.publishedAt ? { datePublished: item.publishedAt.toISOString() } : {}),
    dateModified: item.updatedAt.toISOString(),
    description: item.summary,
  };
  if (type === 'VideoObject') {
    Object.assign(base, { name: item.title, uploadDate: (item.publishedAt ?? item.createdAt).toISOString() });
    if (video) Object.assign(base, { contentUrl: `${ctx.publicUrl}${fileUrl(video.fileKey)}`, ...(video.durationMs ? { duration: isoDuration(video.durationMs) } : {}) });
    if (imageUrl) base.thumbnailUrl = `${ctx.publicUrl}${fileUrl(imageUrl.key)}`;
  } else {
    Object.assign(base, type === 'ImageGallery' ? { name: item.title } : { headline: item.title });
    if (imageUrl) base.image = `${ctx.publicUrl}${fileUrl(imageUrl.key)}`;
  }
  if (item.references.length) base.citation = item.references.map((r) => (r.doi ? `https://doi.org/${r.doi}` : r.pmid ? `https://pubmed.ncbi.nlm.nih.gov/${r.pmid}/` : r.label));
  if (item.procedures.length) base.about = item.procedures.map((p) => ({ '@type': 'MedicalProcedure', name: p, url: absoluteUrl(ctx, `/guides/${p}`) }));
  return base;
}

/** A published item. Images of an item flagged for nudity start blurred unless `reveal`. */
export function LibraryItemPage({ ctx, item, reveal, canEdit, canSuggest }: { ctx: ViewContext; item: FullItem; reveal: boolean; canEdit: boolean; canSuggest: boolean }): JSX.Element {
  const cover = item.files.find((f) => f.role === 'cover');
  const ogImage = cover && !item.nudity ? cover.image.variants.filter((v) => v.format === 'jpeg').at(-1) : undefined;
  const sensitive = item.nudity;
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: item.title,
        description: item.summary,
        canonicalPath: `/library/${item.slug}`,
        locales: [item.locale],
        ogType: 'article',
        ...(ogImage ? { ogImage: `${ctx.publicUrl}${fileUrl(ogImage.key)}` } : {}),
        jsonLd: [toJsonLd(itemJsonLd(ctx, item))],
        ...(sensitive && !reveal ? { scripts: ['js/library.js'] } : {}),
      }}
    >
      <article class="library-item" lang={item.locale === ctx.locale ? undefined : item.locale}>
        <p class="eyebrow">
          <a href={href(ctx, '/library')}>{escapeHtml(ctx.t('library.index.title'))}</a> · {escapeHtml(ctx.t(`library.kind.${item.kind}`))}
        </p>
        <h1 safe>{item.title}</h1>
        <AuthorList ctx={ctx} authors={item.authors} />
        {item.publishedAt ? <p class="hint">{escapeHtml(ctx.t('library.publishedOn', { date: formatDate(ctx.locale, item.publishedAt) }))}</p> : ''}
        {item.status !== 'published' ? <p class="notice notice-warning">{escapeHtml(ctx.t(`library.status.${item.status}`))}</p> : ''}
        <p class="lede" safe>
          {item.summary}
        </p>
        {cover ? (
          <figure class="library-cover">
            <SensitiveImage ctx={ctx} id={cover.id} image={cover.image} alt={cover.alt} reveal={!sensitive || reveal} />
          </figure>
        ) : (
          ''
        )}
        {item.files
          .filter((f) => f.role === 'document' && f.file)
          .map((f) => (
            <p class="library-document">
              <a class="button" href={fileUrl(f.file!.fileKey)} type="application/pdf">
                {escapeHtml(ctx.t('library.downloadPdf', { pages: f.file!.pages ?? 0 }))}
              </a>
            </p>
          ))}
        {item.files
          .filter((f) => f.role === 'video' && f.file)
          .map((f) => {
            const poster = f.image.variants.filter((v) => v.format === 'jpeg').at(-1);
            return (
              <figure class="library-video">
                <video controls width={String(f.image.width)} height={String(f.image.height)} poster={poster && (!sensitive || reveal) ? fileUrl(poster.key) : undefined} aria-label={f.alt || item.title}>
                  <source src={fileUrl(f.file!.fileKey)} type={f.file!.mime} />
                </video>
              </figure>
            );
          })}
        {item.files.some((f) => f.role === 'image') ? (
          <section aria-labelledby="photos-title">
            <h2 id="photos-title">{escapeHtml(ctx.t('library.photos'))}</h2>
            <ul class="photo-set">
              {item.files
                .filter((f) => f.role === 'image')
                .map((f) => (
                  <li>
                    <figure>
                      <SensitiveImage ctx={ctx} id={f.id} image={f.image} alt={f.alt} reveal={!sensitive || reveal} sizes="(min-width: 48rem) 22rem, 100vw" />
                    </figure>
                  </li>
                ))}
            </ul>
          </section>
        ) : (
          ''
        )}
        <div class="prose">{item.bodyHtml as 'safe'}</div>
        <ReferenceList ctx={ctx} refs={item.references} />
        {item.procedures.length ? (
          <p>
            {escapeHtml(ctx.t('library.procedures'))}{' '}
            {item.procedures.map((p, i) => (
              <>
                {i > 0 ? ', ' : ''}
                <a href={href(ctx, `/library?procedure=${p}`)} safe>
                  {p}
                </a>
              </>
            ))}
          </p>
        ) : (
          ''
        )}
        <p class="toolbar">
          {item.revision > 0 ? <a href={href(ctx, `/library/items/${item.id}/history`)}>{escapeHtml(ctx.t('library.history'))}</a> : ''}
          {canEdit ? <a href={href(ctx, `/library/items/${item.id}`)}>{escapeHtml(ctx.t('library.manage'))}</a> : ''}
          {canSuggest ? <a href={href(ctx, `/library/items/${item.id}/suggest`)}>{escapeHtml(ctx.t('library.suggest'))}</a> : ''}
        </p>
      </article>
    </Layout>
  );
}

/** What stays of a removed item: its title and why it went (410 Gone). */
export function TombstonePage({ ctx, item }: { ctx: ViewContext; item: LibraryItem }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: item.title, noindex: true, locales: [item.locale] }}>
      <h1 safe>{item.title}</h1>
      <p class="notice notice-warning">{escapeHtml(ctx.t('library.tombstone.text'))}</p>
      <p>{escapeHtml(ctx.t(`library.removal.${item.removalReason ?? 'other'}`))}</p>
      {item.removedAt ? <p class="hint">{escapeHtml(ctx.t('library.tombstone.date', { date: formatDate(ctx.locale, item.removedAt) }))}</p> : ''}
      <p>
        <a href={href(ctx, '/library')}>{escapeHtml(ctx.t('library.tombstone.back'))}</a>
      </p>
    </Layout>
  );
}

/** An author's page: the verified professional's profile and their publications. */
export function AuthorPage({ ctx, profile, items }: { ctx: ViewContext; profile: PublicProfile; items: readonly LibraryItem[] }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('library.author.title', { name: profile.name }), jsonLd: [toJsonLd({ '@context': 'https://schema.org', '@type': 'Person', name: profile.name, url: absoluteUrl(ctx, `/authors/${profile.slug}`), worksFor: { '@type': 'Organization', name: profile.practiceName } })] }}>
      <h1 safe>{profile.name}</h1>
      <p>
        <span class="badge badge-verified">{escapeHtml(ctx.t('professional.verified'))}</span>{' '}
        <a href={href(ctx, `/professionals/${profile.slug}`)}>{escapeHtml(ctx.t('library.author.profile'))}</a>
      </p>
      <h2>{escapeHtml(ctx.t('library.author.publications'))}</h2>
      {items.length ? (
        <ul class="cards library-list">
          {items.map((item) => (
            <ItemCard ctx={ctx} item={item} />
          ))}
        </ul>
      ) : (
        <p>{escapeHtml(ctx.t('library.author.none'))}</p>
      )}
    </Layout>
  );
}

function xml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

/** The Atom feed (RFC 4287) of published library items, newest first. */
export function renderAtom(site: { publicUrl: string; practiceName: string; title: string }, items: readonly LibraryItem[]): string {
  const updated = (items[0]?.updatedAt ?? new Date(0)).toISOString();
  const link = (i: LibraryItem): string => `${site.publicUrl}${i.locale === 'en' ? '' : `/${i.locale}`}/library/${i.slug}`;
  const entries = items.map(
    (i) => `  <entry>
    <id>${xml(`${site.publicUrl}/library/items/${i.id}`)}</id>
    <title>${xml(i.title)}</title>
    <link rel="alternate" type="text/html" href="${xml(link(i))}"/>
    <published>${(i.publishedAt ?? i.createdAt).toISOString()}</published>
    <updated>${i.updatedAt.toISOString()}</updated>
${i.authors.map((a) => `    <author><name>${xml(a.name)}</name></author>`).join('\n') || `    <author><name>${xml(site.practiceName)}</name></author>`}
    <category term="${i.kind}"/>
    <summary>${xml(i.summary)}</summary>
    <content type="html">${xml(i.bodyHtml)}</content>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xml(`${site.publicUrl}/library`)}</id>
  <title>${xml(site.title)}</title>
  <link rel="self" type="application/atom+xml" href="${xml(`${site.publicUrl}/library/feed.xml`)}"/>
  <link rel="alternate" type="text/html" href="${xml(`${site.publicUrl}/library`)}"/>
  <updated>${updated}</updated>
${entries.join('\n')}
</feed>
`;
}
