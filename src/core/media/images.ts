import type { Metadata } from 'sharp';
import { ValidationError } from '../errors.js';

/** Raster formats we accept, decided from the bytes by libvips (never from the file name). */
const ACCEPTED = new Set(['jpeg', 'png', 'webp', 'gif', 'avif', 'heif', 'tiff']);
/** 40 megapixels: enough for any camera, refuses decompression bombs before decoding. */
export const MAX_PIXELS = 40_000_000;
export const VARIANT_WIDTHS = [480, 960, 1600] as const;

/** Web formats we write, best first: browsers take the first <source> they support. */
export const VARIANT_FORMATS = ['avif', 'webp', 'jpeg'] as const;
export type VariantFormat = (typeof VARIANT_FORMATS)[number];

export interface ImageVariant {
  readonly key: string;
  readonly format: VariantFormat;
  readonly width: number;
  readonly height: number;
  readonly bytes: number;
}

export interface ProcessedImage {
  readonly width: number;
  readonly height: number;
  /** A 16-pixel-wide blurred WebP as a data: URI (about 200 bytes) to show while loading. */
  readonly placeholder: string;
  readonly variants: readonly (ImageVariant & { readonly body: Buffer })[];
}

// Signatures of formats we accept; a file must start with one before libvips even sees it.
const SIGNATURES: readonly (readonly number[])[] = [
  [0xff, 0xd8, 0xff], // JPEG
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], // PNG
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x49, 0x49, 0x2a, 0x00], // TIFF little-endian
  [0x4d, 0x4d, 0x00, 0x2a], // TIFF big-endian
];

function looksLikeImage(bytes: Buffer): boolean {
  if (SIGNATURES.some((sig) => sig.every((b, i) => bytes[i] === b))) return true;
  const riff = bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP';
  const isoBmff = bytes.subarray(4, 8).toString('latin1') === 'ftyp' && /^(avif|avis|heic|heix|mif1)$/.test(bytes.subarray(8, 12).toString('latin1'));
  return riff || isoBmff;
}

/**
 * Reads an upload's header through libvips and refuses anything that is not one of `accepted`
 * or that would decode to more than MAX_PIXELS (a decompression bomb), before any decoding.
 */
async function inspect(bytes: Buffer, accepted: ReadonlySet<string>): Promise<{ sharp: typeof import('sharp'); meta: Metadata & { width: number; height: number } }> {
  if (bytes.length < 16 || !looksLikeImage(bytes)) throw new ValidationError('image_invalid', 'not an accepted image');
  // Loaded on first use: libvips costs ~20 MB of memory that a reading-only process never needs.
  const { default: sharp } = await import('sharp');
  let meta: Metadata;
  try {
    // The header only (no pixels are decoded), so no pixel limit here: a bomb must be read as
    // "too many pixels", not "unreadable". Every decoding below runs with the limit.
    meta = await sharp(bytes, { limitInputPixels: false, failOn: 'error' }).metadata();
  } catch {
    throw new ValidationError('image_invalid', 'unreadable image');
  }
  if (!meta.format || !accepted.has(meta.format) || !meta.width || !meta.height) throw new ValidationError('image_invalid', `format ${meta.format}`);
  if (meta.width * meta.height > MAX_PIXELS) throw new ValidationError('image_too_large', 'too many pixels');
  return { sharp, meta: meta as Metadata & { width: number; height: number } };
}

/** Photos people take with a phone or camera: no drawings (SVG never), no animations. */
const PHOTO_FORMATS = new Set(['jpeg', 'png', 'webp', 'heif']);

/**
 * Sanitises a private photo (one JPEG, no web variants): decided by its bytes, refused over
 * MAX_PIXELS, auto-oriented, at most `maxEdge` pixels on its long side, and written without
 * any of the original's metadata (EXIF GPS, camera serials, dates, comments, ICC names).
 * HEIC is accepted where the installed libvips can decode it; AVIF always.
 * Throws ValidationError('image_invalid' | 'image_too_large') on bad input.
 */
export async function sanitizePhoto(bytes: Buffer, maxEdge = 2400): Promise<{ body: Buffer; width: number; height: number; mime: 'image/jpeg' }> {
  const { sharp } = await inspect(bytes, PHOTO_FORMATS);
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_PIXELS })
      .rotate()
      .resize({ width: maxEdge, height: maxEdge, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 85, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { body: data, width: info.width, height: info.height, mime: 'image/jpeg' };
  } catch {
    throw new ValidationError('image_invalid', 'could not convert image');
  }
}

/** Encoder settings per format: AVIF at a low effort (its encoder is slow; 2 is ~10x faster than the default for ~5% more bytes). */
const ENCODE = {
  avif: (img: import('sharp').Sharp) => img.avif({ quality: 55, effort: 2 }),
  webp: (img: import('sharp').Sharp) => img.webp({ quality: 78 }),
  jpeg: (img: import('sharp').Sharp) => img.jpeg({ quality: 80, mozjpeg: true }),
} as const;

/**
 * Validates an uploaded image and makes its web variants: auto-oriented, every bit of
 * metadata (EXIF GPS, camera serials, dates, comments) dropped, resized to a few widths in
 * AVIF, WebP and JPEG, plus a tiny blurred placeholder. Throws
 * ValidationError('image_invalid' | 'image_too_large') on bad input.
 */
export async function processImage(bytes: Buffer, makeKey: (width: number, format: VariantFormat) => string): Promise<ProcessedImage> {
  const { sharp, meta } = await inspect(bytes, ACCEPTED);

  // Orientation swaps width and height for rotated photos.
  const rotated = (meta.orientation ?? 1) >= 5;
  const width = rotated ? meta.height : meta.width;
  const height = rotated ? meta.width : meta.height;
  const widths = [...new Set([...VARIANT_WIDTHS.filter((w) => w < width), Math.min(width, VARIANT_WIDTHS.at(-1) ?? width)])].sort((a, b) => a - b);

  const variants: (ImageVariant & { body: Buffer })[] = [];
  let placeholder: string;
  try {
    // The upload is decoded once, to pixels at the largest width (JPEG shrinks on load); every
    // variant is made from those pixels, which carry no metadata at all, so output is clean.
    const { data: pixels, info } = await sharp(bytes, { limitInputPixels: MAX_PIXELS })
      .rotate()
      .resize({ width: widths.at(-1), withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const fromPixels = () => sharp(pixels, { raw: { width: info.width, height: info.height, channels: info.channels } });
    // Every variant encodes at once: libvips and the AVIF encoder spread them over the cores.
    const jobs = widths.flatMap((w) => VARIANT_FORMATS.map((format) => ({ w, format })));
    const encoded = await Promise.all(
      jobs.map(({ w, format }) => ENCODE[format](w === info.width ? fromPixels() : fromPixels().resize({ width: w })).toBuffer({ resolveWithObject: true })),
    );
    jobs.forEach(({ format }, i) => {
      const { data, info: out } = encoded[i]!;
      variants.push({ key: makeKey(out.width, format), format, width: out.width, height: out.height, bytes: data.length, body: data });
    });
    const tiny = await fromPixels().resize({ width: 16 }).blur(1).webp({ quality: 40 }).toBuffer();
    placeholder = `data:image/webp;base64,${tiny.toString('base64')}`;
  } catch {
    throw new ValidationError('image_invalid', 'could not convert image');
  }
  return { width, height, placeholder, variants };
}
