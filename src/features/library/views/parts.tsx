import { escapeHtml } from '@kitajs/html';
import type { StoredImage } from '../../../core/media/index.js';
import type { ViewContext } from '../../../core/views/context.js';
import { href } from '../../../core/views/layout.js';
import { Picture } from '../../../core/views/picture.js';
import type { ItemAuthor, LibraryItem, Reference } from '../model.js';

/** Where the library serves its (always private-keyed) media after checking the item. */
export function fileUrl(key: string): string {
  return `/library/files/${key}`;
}

/**
 * An image that may show nudity: unless the person chose to see such images, a blurred
 * placeholder (a tiny file, blurred further by CSS) with a real "Show image" button. The image
 * itself waits in a <template>, so it is not even downloaded until asked for; library.js swaps
 * it in and moves focus to it.
 */
export function SensitiveImage({ ctx, id, image, alt, reveal, sizes }: { ctx: ViewContext; id: string; image: StoredImage; alt: string; reveal: boolean; sizes?: string }): JSX.Element {
  if (reveal) return <Picture image={image} alt={alt} url={fileUrl} {...(sizes ? { sizes } : {})} />;
  return (
    <div class="sensitive" id={`sensitive-${id}`}>
      {image.placeholder ? <img class="sensitive-placeholder" src={`/library/placeholder/${image.id}`} width={String(image.width)} height={String(image.height)} alt="" /> : <div class="sensitive-placeholder"></div>}
      <div class="sensitive-overlay">
        <p class="sensitive-label">{escapeHtml(ctx.t('library.sensitive.label'))}</p>
        <button type="button" class="button secondary small reveal-button" data-reveal={`sensitive-${id}`} aria-label={ctx.t('library.sensitive.showLabel', { alt })}>
          {escapeHtml(ctx.t('library.sensitive.show'))}
        </button>
      </div>
      <template>
        <Picture image={image} alt={alt} url={fileUrl} {...(sizes ? { sizes } : {})} />
      </template>
    </div>
  );
}

export function AuthorList({ ctx, authors }: { ctx: ViewContext; authors: readonly ItemAuthor[] }): JSX.Element {
  if (!authors.length) return <></>;
  return (
    <p class="authors">
      {escapeHtml(ctx.t('library.by'))}{' '}
      {authors.map((a, i) => (
        <>
          {i > 0 ? ', ' : ''}
          {a.slug ? (
            <a href={href(ctx, `/authors/${a.slug}`)} safe>
              {a.name}
            </a>
          ) : (
            <span safe>{a.name}</span>
          )}
        </>
      ))}
    </p>
  );
}

export function ReferenceList({ ctx, refs }: { ctx: ViewContext; refs: readonly Reference[] }): JSX.Element {
  if (!refs.length) return <></>;
  return (
    <section aria-labelledby="references-title">
      <h2 id="references-title">{escapeHtml(ctx.t('library.references'))}</h2>
      <ol class="references">
        {refs.map((r) => (
          <li>
            <span safe>{r.label}</span>
            {r.doi ? (
              <>
                {' '}
                <a href={`https://doi.org/${encodeURI(r.doi)}`} rel="noopener" safe>{`doi:${r.doi}`}</a>
              </>
            ) : (
              ''
            )}
            {r.pmid ? (
              <>
                {' '}
                <a href={`https://pubmed.ncbi.nlm.nih.gov/${r.pmid}/`} rel="noopener" safe>{`PMID ${r.pmid}`}</a>
              </>
            ) : (
              ''
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function ItemCard({ ctx, item }: { ctx: ViewContext; item: LibraryItem }): JSX.Element {
  return (
    <li class="card library-card">
      <p class="eyebrow">{escapeHtml(ctx.t(`library.kind.${item.kind}`))}</p>
      <h2>
        <a href={href(ctx, `/library/${item.slug}`)} lang={item.locale === ctx.locale ? undefined : item.locale} safe>
          {item.title}
        </a>
      </h2>
      <p safe>{item.summary}</p>
      <AuthorList ctx={ctx} authors={item.authors} />
    </li>
  );
}
