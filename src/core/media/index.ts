import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db, Trx } from '../db/index.js';
import { newId } from '../db/ids.js';
import { nowIso, readBool, readJson, writeJson } from '../db/portable.js';
import { type ImageVariant, processImage, type ProcessedImage, type VariantFormat } from './images.js';
import { cleanOriginalName, type IntakeFile } from './intake.js';
import { inspectPdf, pdfFirstPage, pdfText } from './pdf.js';
import { mediaKey, type MediaStorage } from './storage.js';
import { probeVideo, stripVideo, videoFrame } from './video.js';
import './tables.js';
import './privacy.js';

export type { MediaStorage } from './storage.js';
export { intake, type IntakeFile, type IntakePolicy, type MediaKind } from './intake.js';

/** An image as views need it: its variants for <picture>/srcset and its intrinsic size. */
export interface StoredImage {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  readonly variants: readonly ImageVariant[];
  /** A tiny blurred WebP data: URI to show while loading; null for images stored before it existed. */
  readonly placeholder?: string | null;
}

/** A video or PDF as views need it: the file, its poster or page-1 thumbnail, and what we know of it. */
export interface StoredFile {
  readonly id: string;
  readonly kind: 'video' | 'pdf';
  readonly mime: string;
  readonly fileKey: string;
  readonly bytes: number;
  readonly isPrivate: boolean;
  readonly durationMs: number | null;
  readonly pages: number | null;
  /** The poster frame (video) or the first page (PDF), as an image. */
  readonly preview: StoredImage;
}

interface Owner {
  readonly originalName?: string | null;
  readonly createdBy: string | null;
  /** Private media is never served by the public /media route (see storage.ts). */
  readonly isPrivate?: boolean;
}

const EXT: Readonly<Record<VariantFormat, string>> = { avif: 'avif', webp: 'webp', jpeg: 'jpg' };

/** Writes an image's variants under `${id}${suffix}-${width}.${ext}`; returns what was written. */
async function putVariants(storage: MediaStorage, id: string, suffix: string, bytes: Buffer, isPrivate: boolean): Promise<{ processed: ProcessedImage; variants: ImageVariant[] }> {
  const processed = await processImage(bytes, (width, format) => mediaKey(`${id}${suffix}-${width}`, EXT[format], isPrivate));
  for (const v of processed.variants) await storage.put(v.key, v.body, { contentType: `image/${v.format}` });
  return { processed, variants: processed.variants.map(({ body: _body, ...v }) => v) };
}

/** Storage keys of a media row: the file itself (video, PDF) and every image variant. */
export function storageKeysOf(row: { file_key: unknown; variants: unknown }): string[] {
  const keys = typeof row.file_key === 'string' ? [row.file_key] : [];
  const variants = row.variants === null || row.variants === undefined ? [] : readJson<{ key: string }[]>(row.variants);
  return [...keys, ...variants.map((v) => v.key)];
}

/**
 * Deletes media rows in the caller's transaction and returns their storage keys, to remove once
 * it has committed (storage is not transactional: bytes outliving a rolled-back delete would be
 * worse than bytes outliving their row).
 */
export async function deleteMedia(trx: Trx, ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await trx.selectFrom('media').select(['id', 'file_key', 'variants']).where('id', 'in', [...ids]).execute();
  if (rows.length) await trx.deleteFrom('media').where('id', 'in', rows.map((r) => r.id)).execute();
  return rows.flatMap(storageKeysOf);
}

/** Removes objects from storage, ignoring ones already gone. */
export async function removeStored(storage: MediaStorage, keys: readonly string[]): Promise<void> {
  await Promise.all(keys.map((k) => storage.remove(k).catch(() => undefined)));
}


/**
 * Stores an uploaded image: validates it by its bytes, writes clean variants (AVIF, WebP, JPEG
 * at several widths) to storage and records them with a tiny placeholder. Bytes are written
 * before the row, so a row never points at missing files.
 */
export async function storeImage(db: Db | Trx, storage: MediaStorage, bytes: Buffer, meta: Owner): Promise<StoredImage> {
  const id = newId();
  const isPrivate = meta.isPrivate ?? false;
  const { processed, variants } = await putVariants(storage, id, '', bytes, isPrivate);
  try {
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
        original_name: cleanOriginalName(meta.originalName),
        created_by: meta.createdBy,
        created_at: nowIso(),
        placeholder: processed.placeholder,
        is_private: isPrivate,
      })
      .execute();
  } catch (e) {
    await removeStored(storage, variants.map((v) => v.key));
    throw e;
  }
  return { id, width: processed.width, height: processed.height, variants, placeholder: processed.placeholder };
}

/**
 * Stores an accepted video (from intake): checked with ffprobe (MP4/WebM, a video stream, a
 * duration), copied without metadata (no re-encode), a poster frame made through the image
 * pipeline, its duration recorded. Throws ValidationError('video_invalid' | 'video_too_long').
 */
export async function storeVideo(db: Db | Trx, storage: MediaStorage, file: IntakeFile, meta: Owner): Promise<StoredFile> {
  if (file.kind !== 'video') throw new Error('not a video');
  const format = file.format === 'webm' ? 'webm' : 'mp4';
  const info = await probeVideo(file.path, format);
  const dir = await mkdtemp(join(tmpdir(), 'sutura-video-'));
  const id = newId();
  const isPrivate = meta.isPrivate ?? false;
  const fileKey = mediaKey(id, format, isPrivate);
  const written: string[] = [];
  try {
    const clean = join(dir, `clean.${format}`);
    await stripVideo(file.path, clean, format);
    const frame = await videoFrame(clean, info.durationMs);
    const { processed, variants } = await putVariants(storage, id, '-poster', frame, isPrivate);
    written.push(...variants.map((v) => v.key));
    const size = (await stat(clean)).size;
    await storage.put(fileKey, { stream: createReadStream(clean), length: size }, { contentType: file.mime });
    written.push(fileKey);
    await db
      .insertInto('media')
      .values({
        id,
        kind: 'video',
        mime: file.mime,
        width: info.width,
        height: info.height,
        bytes: size,
        variants: writeJson(variants),
        original_name: file.originalName,
        created_by: meta.createdBy,
        created_at: nowIso(),
        file_key: fileKey,
        duration_ms: info.durationMs,
        placeholder: processed.placeholder,
        is_private: isPrivate,
      })
      .execute();
    return { id, kind: 'video', mime: file.mime, fileKey, bytes: size, isPrivate, durationMs: info.durationMs, pages: null, preview: { id, width: processed.width, height: processed.height, variants, placeholder: processed.placeholder } };
  } catch (e) {
    await removeStored(storage, written);
    throw e;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Stores an accepted PDF (from intake): validated with poppler (opens, not encrypted, no
 * JavaScript or embedded files, page count), page 1 rendered as a thumbnail through the image
 * pipeline, its text extracted (capped) for search. The PDF is stored as uploaded: rewriting
 * it would need a PDF library we do not have, and its metadata (author, title) is what the
 * author chose to publish. Throws ValidationError('pdf_invalid' | 'pdf_encrypted' | 'pdf_active_content').
 */
export async function storePdf(db: Db | Trx, storage: MediaStorage, file: IntakeFile, meta: Owner): Promise<StoredFile & { text: string }> {
  if (file.kind !== 'pdf') throw new Error('not a PDF');
  const info = await inspectPdf(file.path);
  const page = await pdfFirstPage(file.path);
  const text = await pdfText(file.path);
  const id = newId();
  const isPrivate = meta.isPrivate ?? false;
  const fileKey = mediaKey(id, 'pdf', isPrivate);
  const written: string[] = [];
  try {
    const { processed, variants } = await putVariants(storage, id, '-page1', page, isPrivate);
    written.push(...variants.map((v) => v.key));
    await storage.put(fileKey, { stream: createReadStream(file.path), length: file.bytes }, { contentType: 'application/pdf' });
    written.push(fileKey);
    await db
      .insertInto('media')
      .values({
        id,
        kind: 'pdf',
        mime: 'application/pdf',
        width: processed.width,
        height: processed.height,
        bytes: file.bytes,
        variants: writeJson(variants),
        original_name: file.originalName,
        created_by: meta.createdBy,
        created_at: nowIso(),
        file_key: fileKey,
        pages: info.pages,
        text_content: text,
        placeholder: processed.placeholder,
        is_private: isPrivate,
      })
      .execute();
    return { id, kind: 'pdf', mime: 'application/pdf', fileKey, bytes: file.bytes, isPrivate, durationMs: null, pages: info.pages, preview: { id, width: processed.width, height: processed.height, variants, placeholder: processed.placeholder }, text };
  } catch (e) {
    await removeStored(storage, written);
    throw e;
  }
}

/** Stores whatever intake accepted, by its kind. */
export async function storeUpload(db: Db | Trx, storage: MediaStorage, file: IntakeFile, meta: Owner): Promise<{ kind: 'image'; image: StoredImage } | { kind: 'video' | 'pdf'; file: StoredFile }> {
  if (file.kind === 'image') return { kind: 'image', image: await storeImage(db, storage, await readFile(file.path), { ...meta, originalName: file.originalName }) };
  if (file.kind === 'video') return { kind: 'video', file: await storeVideo(db, storage, file, meta) };
  return { kind: 'pdf', file: await storePdf(db, storage, file, meta) };
}

export async function findImages(db: Db | Trx, ids: readonly string[]): Promise<Map<string, StoredImage>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('media').select(['id', 'width', 'height', 'variants', 'placeholder']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, width: r.width ?? 0, height: r.height ?? 0, variants: readJson<ImageVariant[]>(r.variants), placeholder: r.placeholder }]));
}

/** Videos and PDFs by id, with their previews. */
export async function findFiles(db: Db | Trx, ids: readonly string[]): Promise<Map<string, StoredFile>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('media').selectAll().where('id', 'in', [...ids]).where('kind', 'in', ['video', 'pdf']).execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        kind: r.kind as 'video' | 'pdf',
        mime: r.mime,
        fileKey: r.file_key ?? '',
        bytes: r.bytes,
        isPrivate: readBool(r.is_private),
        durationMs: r.duration_ms,
        pages: r.pages,
        preview: { id: r.id, width: r.width ?? 0, height: r.height ?? 0, variants: readJson<ImageVariant[]>(r.variants), placeholder: r.placeholder },
      },
    ]),
  );
}
