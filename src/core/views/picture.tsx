import type { StoredImage } from '../media/index.js';

/**
 * A responsive image: WebP with a JPEG fallback, every width in srcset, intrinsic size set
 * (no layout shift), lazy-loaded unless it is the first thing on screen.
 */
export function Picture({ image, alt, sizes = '(min-width: 48rem) 44rem, 100vw', eager = false }: { image: StoredImage; alt: string; sizes?: string; eager?: boolean }): JSX.Element {
  const set = (format: 'webp' | 'jpeg'): string =>
    image.variants
      .filter((v) => v.format === format)
      .map((v) => `/media/${v.key} ${v.width}w`)
      .join(', ');
  const fallback = image.variants.filter((v) => v.format === 'jpeg').at(-1) ?? image.variants.at(-1);
  return (
    <picture>
      <source type="image/webp" srcset={set('webp')} sizes={sizes} />
      <img
        src={fallback ? `/media/${fallback.key}` : ''}
        srcset={set('jpeg')}
        sizes={sizes}
        width={String(image.width)}
        height={String(image.height)}
        alt={alt}
        loading={eager ? 'eager' : 'lazy'}
        decoding="async"
      />
    </picture>
  );
}
