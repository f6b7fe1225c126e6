import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../errors.js';
import { type ByteRange, isValidKey, type MediaStorage, mimeOfKey } from './storage.js';

/** What a Range header asks of an object of `size` bytes. */
export type RangeAnswer = { readonly kind: 'full' } | { readonly kind: 'partial'; readonly range: ByteRange } | { readonly kind: 'unsatisfiable' };

/**
 * Parses an HTTP Range header (RFC 9110 §14) for one byte range: `bytes=a-b`, `bytes=a-`
 * (to the end) and `bytes=-n` (the last n bytes). No header, another unit, or several ranges
 * (rare, and multipart answers are not worth their code) get the whole object; a malformed
 * bytes range or one that starts past the end is unsatisfiable (416).
 */
export function parseRange(header: string | undefined, size: number): RangeAnswer {
  if (!header) return { kind: 'full' };
  const match = /^\s*bytes\s*=\s*(.*)$/i.exec(header);
  if (!match) return { kind: 'full' };
  const spec = (match[1] as string).trim();
  if (spec.includes(',')) return { kind: 'full' };
  const parts = /^(\d*)-(\d*)$/.exec(spec);
  if (!parts || (parts[1] === '' && parts[2] === '')) return { kind: 'unsatisfiable' };
  if (size === 0) return { kind: 'unsatisfiable' };
  if (parts[1] === '') {
    const suffix = Number(parts[2]);
    if (suffix === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', range: { start: Math.max(0, size - suffix), end: size - 1 } };
  }
  const start = Number(parts[1]);
  const end = parts[2] === '' ? size - 1 : Math.min(Number(parts[2]), size - 1);
  if (!Number.isSafeInteger(start) || start >= size || end < start) return { kind: 'unsatisfiable' };
  return { kind: 'partial', range: { start, end } };
}

/**
 * Sends a stored object with HTTP range support: `Accept-Ranges: bytes`, 206 with
 * `Content-Range` for a satisfiable range, 416 with `Content-Range: bytes *\/size` for one that
 * is not, 200 otherwise. Videos need this to seek and to start playing before the end arrives.
 * The caller decides which keys may be sent and passes the Cache-Control to use.
 */
export async function sendStored(request: FastifyRequest, reply: FastifyReply, storage: MediaStorage, key: string, options: { cacheControl: string; contentType?: string }): Promise<FastifyReply> {
  const type = options.contentType ?? mimeOfKey(key);
  if (!type || !isValidKey(key)) throw new NotFoundError();
  const size = await storage.size(key);
  if (size === null) throw new NotFoundError();
  const answer = parseRange(request.headers.range, size);
  reply.header('accept-ranges', 'bytes').header('cache-control', options.cacheControl).header('x-content-type-options', 'nosniff');
  if (answer.kind === 'unsatisfiable') {
    return reply.code(416).header('content-range', `bytes */${size}`).type('text/plain; charset=utf-8').send('');
  }
  const range = answer.kind === 'partial' ? answer.range : undefined;
  const file = await storage.open(key, range);
  if (!file) throw new NotFoundError();
  if (range) {
    reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${size}`).header('content-length', String(range.end - range.start + 1));
  } else {
    reply.header('content-length', String(size));
  }
  return reply.type(type).send(file.stream);
}

/** What signs and verifies private links: services.cipher (HMAC keyed per purpose). */
export interface Signer {
  sign(value: string, purpose: string): string;
  verify(token: string, purpose: string): string | null;
}

const PURPOSE = 'media-private';

/**
 * A short-lived link to one private object: `/media/private/<token>`, where the token signs the
 * key and an expiry (seconds since the epoch). Anyone holding the link can fetch the object
 * until it expires, so make it only for a person the feature's policy allows, at the moment
 * they ask, and keep `ttlSeconds` short (default 5 minutes).
 */
export function privateMediaUrl(signer: Signer, key: string, ttlSeconds = 300, now = Date.now()): string {
  if (!isValidKey(key)) throw new Error('invalid media key');
  const expires = Math.floor(now / 1000) + ttlSeconds;
  // Signed values cannot contain dots (the token's separator): base64url has none.
  const value = Buffer.from(`${key}|${expires}`, 'utf8').toString('base64url');
  return `/media/private/${signer.sign(value, PURPOSE)}`;
}

/** The key a private-media token grants, or null when it was altered, made for another purpose or has expired. */
export function verifyPrivateMediaToken(signer: Signer, token: string, now = Date.now()): string | null {
  const value = signer.verify(token, PURPOSE);
  if (!value) return null;
  const [key, expires, extra] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  if (!key || !expires || extra !== undefined || !/^\d{1,12}$/.test(expires)) return null;
  if (Number(expires) * 1000 <= now) return null;
  return isValidKey(key) ? key : null;
}
