import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '../errors.js';
import { runTool } from './tools.js';

/** What we keep of a PDF's own reading: pages and text for search. */
export interface PdfInfo {
  readonly pages: number;
}

/** Most text kept for search per PDF (characters); a white paper is well under it. */
export const MAX_PDF_TEXT = 200_000;
export const MAX_PDF_PAGES = 2000;

/** Names that run code or carry files (hex escapes decoded first), as in intake.ts. */
const ACTIVE = /\/(JS|JavaScript|EmbeddedFile|EmbeddedFiles|Launch|RichMedia|XFA)(?![A-Za-z0-9])/;
/** Most bytes we inflate while looking inside compressed streams (a zip bomb stops here). */
const MAX_INFLATED = 64 * 1024 * 1024;

/**
 * Looks inside the PDF's compressed (FlateDecode) streams for active names: PDF 1.5 object
 * streams hide whole dictionaries, /OpenAction JavaScript included, from a byte scan, and
 * poppler's "JavaScript:" line only reports the document's named scripts. Streams that do not
 * inflate (images, other filters) are skipped; inflating stops at MAX_INFLATED bytes in all.
 */
export function hasCompressedActiveContent(bytes: Buffer): boolean {
  let budget = MAX_INFLATED;
  let at = 0;
  for (;;) {
    const start = bytes.indexOf('stream', at, 'latin1');
    if (start < 0) return false;
    // "endstream" also contains "stream": skip it.
    if (bytes.subarray(Math.max(0, start - 3), start).toString('latin1') === 'end') {
      at = start + 6;
      continue;
    }
    let dataStart = start + 6;
    if (bytes[dataStart] === 0x0d) dataStart += 1;
    if (bytes[dataStart] === 0x0a) dataStart += 1;
    const end = bytes.indexOf('endstream', dataStart, 'latin1');
    if (end < 0) return false;
    at = end + 9;
    if (budget <= 0) return false;
    let inflated: Buffer;
    try {
      inflated = inflateSync(bytes.subarray(dataStart, end), { maxOutputLength: budget });
    } catch {
      continue;
    }
    budget -= inflated.length;
    const text = inflated.toString('latin1').replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    if (ACTIVE.test(text)) return true;
  }
}

/**
 * Validates a PDF with poppler's `pdfinfo`: it must open, have 1..MAX_PDF_PAGES pages, not be
 * encrypted (we could not extract its text or render it, and a password-protected study is
 * not meant for the public library), carry no document JavaScript and no embedded files
 * (`pdfdetach -list`). The byte scan in intake.ts has already refused /JS, /JavaScript,
 * /Launch, /EmbeddedFile and friends in uncompressed objects; these checks see the ones hidden
 * in compressed object streams (hasCompressedActiveContent). Throws ValidationError('pdf_invalid' | 'pdf_encrypted' |
 * 'pdf_active_content').
 */
export async function inspectPdf(path: string): Promise<PdfInfo> {
  const res = await runTool('pdfinfo', ['--', path], { timeoutMs: 30_000, maxStdout: 1024 * 1024 });
  const text = res.stdout.toString('utf8');
  if (/^Encrypted:\s+yes/m.test(text)) throw new ValidationError('pdf_encrypted');
  if (res.code !== 0) throw new ValidationError('pdf_invalid', 'pdfinfo could not read it');
  if (/^JavaScript:\s+yes/m.test(text)) throw new ValidationError('pdf_active_content', 'document JavaScript');
  if (hasCompressedActiveContent(await readFile(path))) throw new ValidationError('pdf_active_content', 'in a compressed stream');
  const pages = Number(/^Pages:\s+(\d+)/m.exec(text)?.[1] ?? 0);
  if (pages < 1 || pages > MAX_PDF_PAGES) throw new ValidationError('pdf_invalid', `${pages} pages`);
  const attached = await runTool('pdfdetach', ['-list', '--', path], { timeoutMs: 30_000, maxStdout: 1024 * 1024 });
  const count = Number(/^(\d+) embedded files?/m.exec(attached.stdout.toString('utf8'))?.[1] ?? NaN);
  if (attached.code !== 0 || count !== 0) throw new ValidationError('pdf_active_content', 'embedded files');
  return { pages };
}

/** Page 1 as PNG bytes, at most 1600 pixels on its long side, for the thumbnail (through the image pipeline). */
export async function pdfFirstPage(path: string): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'sutura-pdf-'));
  try {
    const res = await runTool('pdftoppm', ['-f', '1', '-l', '1', '-png', '-scale-to', '1600', '-singlefile', '--', path, join(dir, 'page')], { timeoutMs: 60_000, maxStdout: 1024 * 1024 });
    if (res.code !== 0) throw new ValidationError('pdf_invalid', 'pdftoppm could not render page 1');
    return await readFile(join(dir, 'page.png'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The PDF's text (UTF-8, layout dropped, whitespace collapsed), at most MAX_PDF_TEXT characters, for search. */
export async function pdfText(path: string): Promise<string> {
  const res = await runTool('pdftotext', ['-enc', 'UTF-8', '-nopgbrk', '--', path, '-'], { timeoutMs: 120_000, maxStdout: 64 * 1024 * 1024 });
  if (res.code !== 0) return '';
  return res.stdout
    .toString('utf8')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim()
    .slice(0, MAX_PDF_TEXT);
}
