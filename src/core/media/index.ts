import type { Db, Trx } from '../db/index.js';
import { newId } from '../db/ids.js';
import { nowIso, readJson, writeJson } from '../db/portable.js';
import { type ImageVariant, processImage } from './images.js';
import type { MediaStorage } from './storage.js';
import './tables.js';
import './privacy.js';

export type { MediaStorage } from './storage.js';

/** An image as views need it: its variants for <picture>/srcset and its intrinsic size. */
export interface StoredImage {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  readonly variants: readonly ImageVariant[];
}

/** Keeps only printable, short original names: shown escaped, never used as a path. */
function cleanName(name: string | undefined): string | null {
  if (!name) return null;
  const cleaned = name.replace(/[\u0000-\u001f\u007f]/g, '').slice(-120);
  return cleaned || null;
}

/**
 * Stores an uploaded image: validates it by its bytes, writes clean variants to storage and
 * records them. Bytes are written before the row, so a row never points at missing files.
 */
export async function storeImage(
  db: Db | Trx,
  storage: MediaStorage,
  bytes: Buffer,
  meta: { originalName?: string; createdBy: string | null },
): Promise<StoredImage> {
  const id = newId();
  const processed = await processImage(bytes, (width, format) => `${id}-${width}.${format === 'jpeg' ? 'jpg' : 'webp'}`);
  for (const v of processed.variants) await storage.put(v.key, v.body);
  const variants = processed.variants.map(({ body: _body, ...v }) => v);
  await db
    .insertInto('media')
    .values({
      id,
      kind: 'image',
      mime: 'image/webp',
      width: processed.width,
      height: processed.height,
      bytes: bytes.length,
      variants: writeJson(variants),
      original_name: cleanName(meta.originalName),
      created_by: meta.createdBy,
      created_at: nowIso(),
    })
    .execute();
  return { id, width: processed.width, height: processed.height, variants };
}

export async function findImages(db: Db | Trx, ids: readonly string[]): Promise<Map<string, StoredImage>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('media').select(['id', 'width', 'height', 'variants']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, width: r.width ?? 0, height: r.height ?? 0, variants: readJson<ImageVariant[]>(r.variants) }]));
}
