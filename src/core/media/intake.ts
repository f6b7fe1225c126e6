import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { ValidationError } from '../errors.js';

/** What an upload may be, decided from its bytes. */
export type MediaKind = 'image' | 'video' | 'pdf';

/** What one use accepts: e.g. guide figures `{ kinds: ['image'], maxBytes: 15 MB }`. */
export interface IntakePolicy {
  readonly kinds: readonly MediaKind[];
  readonly maxBytes: number;
}

/** An accepted upload, in a temporary file until `dispose()` (always call it, in `finally`). */
export interface IntakeFile {
  readonly path: string;
  readonly kind: MediaKind;
  /** The format found in the bytes, e.g. `jpeg`, `mp4`, `pdf`. */
  readonly format: string;
  readonly mime: string;
  readonly bytes: number;
  /** The name the file had on the person's computer: cleaned, for display only (escaped). */
  readonly originalName: string | null;
  dispose(): Promise<void>;
}

/**
 * The stable codes of a refused upload (ValidationError.code; i18n `error.field.<code>`):
 * - upload_empty: no bytes.
 * - upload_too_big: more than the use's `maxBytes` (or the multipart limit).
 * - upload_unknown: the bytes are no format we know.
 * - upload_not_allowed: a known format this use does not take (a video where images go).
 * - upload_svg: SVG or other XML/HTML text (scripts run in a browser; never accepted).
 * - upload_executable: a program (ELF, PE/MZ, Mach-O, Java class, `#!` script).
 * - upload_archive: zip, gzip, bzip2, xz, zstd, 7z, rar, tar, cab.
 * - upload_polyglot: valid as one format and also as another (a ZIP central directory at
 *   the end, or HTML/script markup inside the bytes).
 * - upload_extension_mismatch: the name's extension says another format than the bytes.
 * - pdf_active_content: a PDF with JavaScript, launch actions or embedded files.
 */
export type IntakeRefusal =
  | 'upload_empty'
  | 'upload_too_big'
  | 'upload_unknown'
  | 'upload_not_allowed'
  | 'upload_svg'
  | 'upload_executable'
  | 'upload_archive'
  | 'upload_polyglot'
  | 'upload_extension_mismatch'
  | 'pdf_active_content';

/** Formats we accept, by what file-type calls them: kind, MIME type and the extensions that may name them. */
const FORMATS: Readonly<Record<string, { kind: MediaKind; format: string; mime: string; exts: readonly string[] }>> = {
  jpg: { kind: 'image', format: 'jpeg', mime: 'image/jpeg', exts: ['jpg', 'jpeg', 'jpe', 'jfif'] },
  png: { kind: 'image', format: 'png', mime: 'image/png', exts: ['png'] },
  gif: { kind: 'image', format: 'gif', mime: 'image/gif', exts: ['gif'] },
  webp: { kind: 'image', format: 'webp', mime: 'image/webp', exts: ['webp'] },
  avif: { kind: 'image', format: 'avif', mime: 'image/avif', exts: ['avif'] },
  heic: { kind: 'image', format: 'heif', mime: 'image/heic', exts: ['heic', 'heif'] },
  tif: { kind: 'image', format: 'tiff', mime: 'image/tiff', exts: ['tif', 'tiff'] },
  mp4: { kind: 'video', format: 'mp4', mime: 'video/mp4', exts: ['mp4', 'm4v'] },
  m4v: { kind: 'video', format: 'mp4', mime: 'video/mp4', exts: ['mp4', 'm4v'] },
  webm: { kind: 'video', format: 'webm', mime: 'video/webm', exts: ['webm'] },
  pdf: { kind: 'pdf', format: 'pdf', mime: 'application/pdf', exts: ['pdf'] },
};

const ARCHIVES = new Set(['zip', 'gz', 'bz2', 'xz', 'zst', '7z', 'rar', 'tar', 'cab', 'lz', 'lzh', 'arj', 'cpio', 'deb', 'rpm', 'ar', 'jar', 'apk', 'epub', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp', 'xpi', 'crx', 'asar', 'lzma', 'Z']);
const EXECUTABLES = new Set(['exe', 'elf', 'macho', 'class', 'dex', 'wasm', 'msi', 'swf']);

const starts = (b: Buffer, bytes: readonly number[], at = 0): boolean => bytes.every((x, i) => b[at + i] === x);

/** Programs, recognised by their first bytes (also when file-type does not name them). */
function isExecutable(head: Buffer): boolean {
  return (
    starts(head, [0x7f, 0x45, 0x4c, 0x46]) || // ELF
    starts(head, [0x4d, 0x5a]) || // PE / MZ (Windows, DOS)
    starts(head, [0xfe, 0xed, 0xfa, 0xce]) ||
    starts(head, [0xfe, 0xed, 0xfa, 0xcf]) ||
    starts(head, [0xce, 0xfa, 0xed, 0xfe]) ||
    starts(head, [0xcf, 0xfa, 0xed, 0xfe]) || // Mach-O 32/64, both byte orders
    starts(head, [0xca, 0xfe, 0xba, 0xbe]) || // Mach-O universal / Java class
    starts(head, [0x23, 0x21]) || // #! script
    starts(head, [0x00, 0x61, 0x73, 0x6d]) // WebAssembly
  );
}

/** Archives and compressed streams, by their first bytes. */
function isArchive(head: Buffer): boolean {
  return (
    starts(head, [0x50, 0x4b, 0x03, 0x04]) ||
    starts(head, [0x50, 0x4b, 0x05, 0x06]) ||
    starts(head, [0x50, 0x4b, 0x07, 0x08]) || // zip (and docx, jar, apk ...)
    starts(head, [0x1f, 0x8b]) || // gzip
    starts(head, [0x42, 0x5a, 0x68]) || // bzip2
    starts(head, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]) || // xz
    starts(head, [0x28, 0xb5, 0x2f, 0xfd]) || // zstd
    starts(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) || // 7z
    starts(head, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]) || // rar
    starts(head, [0x4d, 0x53, 0x43, 0x46]) || // cab
    head.subarray(257, 262).toString('latin1') === 'ustar' // tar
  );
}

/** Text that a browser would run as markup: SVG, XML, HTML (after an optional BOM and spaces). */
function markupKind(head: Buffer): 'svg' | 'markup' | null {
  const text = head.toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (!text.startsWith('<')) return null;
  return text.includes('<svg') ? 'svg' : 'markup';
}

/**
 * Markup that makes a file a polyglot when found anywhere in it (a browser sniffing the bytes,
 * or a careless server, would run it). Patterns are long enough that compressed image or video
 * data does not match them by chance.
 */
const MARKUP = /<(script|html|iframe|body|object|embed)[\s>/]|<svg[\s>][^<]{0,400}xmlns|javascript:/i;
/** PDF names that run code or carry other files. Names may be hex-escaped (`/J#61vaScript`): decoded first. */
const PDF_ACTIVE = /\/(JS|JavaScript|EmbeddedFile|EmbeddedFiles|Launch|RichMedia|XFA|OpenAction\s*<<[^>]*\/JS)(?![A-Za-z0-9])/;

/** Scans chunks for markup (and, for PDFs, active names) with an overlap, so a match split across chunks is found. */
class Scanner {
  #carry = '';
  markup = false;
  pdfActive = false;

  push(chunk: Buffer): void {
    // latin1 maps each byte to one character: patterns match byte sequences exactly.
    const text = this.#carry + chunk.toString('latin1');
    if (!this.markup && MARKUP.test(text)) this.markup = true;
    if (!this.pdfActive && PDF_ACTIVE.test(text.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))))) this.pdfActive = true;
    this.#carry = text.slice(-512);
  }
}

/** A ZIP end-of-central-directory record plus a central-directory entry near the end: readable as a ZIP. */
function hasZipDirectory(tail: Buffer): boolean {
  const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  return eocd >= 0 && tail.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) >= 0;
}

/**
 * The name a file had, fit to show (always escaped) and never used as a path: the last path
 * segment only, Unicode NFC, without control or bidirectional-override characters, at most
 * 120 characters. Null when nothing is left.
 */
export function cleanOriginalName(name: string | undefined | null): string | null {
  if (!name) return null;
  const base = name.split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .trim();
  const chars = [...cleaned];
  const short = chars.length > 120 ? chars.slice(-120).join('') : cleaned;
  return short || null;
}

function extensionOf(name: string | null): string | null {
  const match = name ? /\.([A-Za-z0-9]{1,8})$/.exec(name) : null;
  return match ? (match[1] as string).toLowerCase() : null;
}

async function readHeadAndTail(path: string, size: number): Promise<{ head: Buffer; tail: Buffer }> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, 4100));
    await handle.read(head, 0, head.length, 0);
    // The ZIP end record sits in the last 64 KiB + 22 bytes.
    const tailLength = Math.min(size, 65_557 + 1024);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    return { head, tail };
  } finally {
    await handle.close();
  }
}

/**
 * Takes an upload stream (a multipart file part), writes it to a temporary file while counting
 * bytes (past `policy.maxBytes` the rest is drained and discarded: nothing is buffered whole),
 * then decides what it is from the bytes alone (file-type plus our own checks; the declared
 * type and the name never decide) and refuses what the policy does not allow, as well as SVG
 * and markup, programs, archives, polyglots, PDFs with active content and names whose
 * extension disagrees with the bytes. Throws ValidationError with an IntakeRefusal code; the
 * temporary file is removed on refusal.
 */
export async function intake(source: Readable, policy: IntakePolicy, meta: { filename?: string | null } = {}): Promise<IntakeFile> {
  const dir = await mkdtemp(join(tmpdir(), 'sutura-upload-'));
  const path = join(dir, randomBytes(9).toString('base64url'));
  const dispose = (): Promise<void> => rm(dir, { recursive: true, force: true });
  let out: ReturnType<typeof createWriteStream> | undefined;
  try {
    const scanner = new Scanner();
    let bytes = 0;
    let over = false;
    const sink = createWriteStream(path, { flags: 'wx', mode: 0o600 });
    out = sink;
    const written = new Promise<void>((resolve, reject) => {
      sink.on('finish', resolve);
      sink.on('error', reject);
    });
    for await (const chunk of source as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (over) continue; // keep reading so the request finishes, write nothing more
      if (bytes > policy.maxBytes) {
        over = true;
        continue;
      }
      scanner.push(chunk);
      if (!sink.write(chunk)) await new Promise<void>((resolve) => sink.once('drain', () => resolve()));
    }
    sink.end();
    await written;
    if (over || (source as { truncated?: boolean }).truncated) throw new ValidationError('upload_too_big', `more than ${policy.maxBytes} bytes`);
    if (bytes === 0) throw new ValidationError('upload_empty');

    const size = (await stat(path)).size;
    const { head, tail } = await readHeadAndTail(path, size);
    if (isExecutable(head)) throw new ValidationError('upload_executable');
    if (isArchive(head)) throw new ValidationError('upload_archive');
    const markup = markupKind(head);
    if (markup) throw new ValidationError(markup === 'svg' ? 'upload_svg' : 'upload_unknown', 'markup text');

    const { fileTypeFromFile } = await import('file-type');
    const detected = await fileTypeFromFile(path);
    if (detected && ARCHIVES.has(detected.ext)) throw new ValidationError('upload_archive');
    if (detected && EXECUTABLES.has(detected.ext)) throw new ValidationError('upload_executable');
    if (detected?.ext === 'xml' || detected?.ext === 'svg') throw new ValidationError('upload_svg');
    const format = detected ? FORMATS[detected.ext] : undefined;
    if (!format) throw new ValidationError('upload_unknown', `bytes say ${detected?.ext ?? 'nothing known'}`);
    if (!policy.kinds.includes(format.kind)) throw new ValidationError('upload_not_allowed', `${format.kind} not in ${policy.kinds.join(',')}`);

    if (hasZipDirectory(tail)) throw new ValidationError('upload_polyglot', 'zip directory at the end');
    if (scanner.markup) throw new ValidationError('upload_polyglot', 'markup inside');
    if (format.kind === 'pdf' && scanner.pdfActive) throw new ValidationError('pdf_active_content');

    const originalName = cleanOriginalName(meta.filename);
    const ext = extensionOf(originalName);
    if (ext && !format.exts.includes(ext)) throw new ValidationError('upload_extension_mismatch', `.${ext} holding ${format.format}`);

    return { path, kind: format.kind, format: format.format, mime: format.mime, bytes: size, originalName, dispose };
  } catch (e) {
    out?.destroy();
    await dispose();
    throw e;
  }
}
