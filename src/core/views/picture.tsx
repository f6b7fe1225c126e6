import type { StoredImage } from '../media/index.js';

/**
 * A responsive image: AVIF, then WebP, with a JPEG fallback, every width in srcset, intrinsic
 * size set (no layout shift), lazy-loaded and decoded off the main thread unless it is the
 * first thing on screen (`eager`). Images stored before AVIF existed simply have no AVIF source.
 * Keys are public media under /media/ unless `url` says where a feature serves them after its
 * own check (the library's private-keyed files).
 */
export function Picture({
  image,
  alt,
  sizes = '(min-width: 48rem) 44rem, 100vw',
  eager = false,
  url = (key) => `/media/${key}`,
}: {
  image: StoredImage;
  alt: string;
  sizes?: string;
  eager?: boolean;
  url?: (key: string) => string;
}): JSX.Element {
  const set = (format: 'avif' | 'webp' | 'jpeg'): string =>
    image.variants
      .filter((v) => v.format === format)
      .map((v) => `${url(v.key)} ${v.width}w`)
      .join(', ');
  const avif = set('avif');
  const webp = set('webp');
  const fallback = image.variants.filter((v) => v.format === 'jpeg').at(-1) ?? image.variants.at(-1);
  return (
    <picture>
      {avif ? <source type="image/avif" srcset={avif} sizes={sizes} /> : ''}
      {webp ? <source type="image/webp" srcset={webp} sizes={sizes} /> : ''}
      <img
        src={fallback ? url(fallback.key) : ''}
        srcset={set('jpeg')}
        sizes={sizes}
        width={String(image.width)}
        height={String(image.height)}
        alt={alt}
        loading={eager ? 'eager' : 'lazy'}
        decoding="async"
        fetchpriority={eager ? 'high' : undefined}
      />
    </picture>
  );
}
