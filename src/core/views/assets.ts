import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, relative } from 'node:path';
import { projectPath } from '../paths.js';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** A static file held in memory with its fingerprinted URL and compressed bodies. */
export interface Asset {
  readonly url: string;
  readonly type: string;
  readonly body: Buffer;
  /** Filled in shortly after boot (compressed off the main thread); null until then. */
  br: Buffer | null;
  gzip: Buffer | null;
  readonly etag: string;
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

const byName = new Map<string, Asset>();
const byUrl = new Map<string, Asset>();

export const PUBLIC_DIR = projectPath('public');

function add(name: string, body: Buffer): void {
  const ext = extname(name);
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const url = `/assets/${name.slice(0, -ext.length)}.${hash}${ext}`;
  const compressible = !['.png', '.woff2', '.ico'].includes(ext);
  const asset: Asset = { url, type: TYPES[ext] ?? 'application/octet-stream', body, br: null, gzip: null, etag: `"${hash}"` };
  byName.set(name, asset);
  byUrl.set(url, asset);
  if (compressible) {
    // Maximum compression once per boot, on libuv's thread pool: start-up does not wait for it.
    brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).then((out) => (asset.br = out), () => undefined);
    gzipAsync(body, { level: 9 }).then((out) => (asset.gzip = out), () => undefined);
  }
}

/**
 * Loads public/ and the vendored client libraries into memory once, at boot. Names carry a
 * content hash, so browsers and CDNs may cache them forever.
 */
export function loadAssets(): void {
  if (byName.size) return;
  for (const entry of readdirSync(PUBLIC_DIR, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    add(relative(PUBLIC_DIR, full).split('\\').join('/'), readFileSync(full));
  }
  // htmx 2.0.x: the mature line (4.x is a breaking rewrite); served from our origin for the CSP.
  const require = createRequire(import.meta.url);
  add('js/htmx.min.js', readFileSync(require.resolve('htmx.org/dist/htmx.min.js')));
}

/** The fingerprinted URL of a file under public/ (e.g. 'css/site.css'). */
export function assetUrl(name: string): string {
  const asset = byName.get(name);
  if (!asset) throw new Error(`unknown asset ${name}`);
  return asset.url;
}

export function assetByUrl(url: string): Asset | undefined {
  return byUrl.get(url);
}
