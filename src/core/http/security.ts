import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CsrfError } from '../errors.js';

// Random bytes drawn in blocks: one system call per 256 nonces instead of one per response.
const NONCE_BYTES = 16;
let pool = Buffer.alloc(0);
let offset = 0;

/** A fresh 128-bit CSP nonce, base64. */
export function newNonce(): string {
  if (offset + NONCE_BYTES > pool.length) {
    pool = randomBytes(NONCE_BYTES * 256);
    offset = 0;
  }
  const nonce = pool.toString('base64', offset, offset + NONCE_BYTES);
  offset += NONCE_BYTES;
  return nonce;
}

/**
 * Security headers for every response. The CSP allows scripts and styles only from our own
 * origin; the one inline element we emit (JSON-LD, a data block) carries the nonce anyway.
 */
export function setSecurityHeaders(reply: FastifyReply, nonce: string, https: boolean): void {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
  reply.header('content-security-policy', csp);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'strict-origin-when-cross-origin');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('cross-origin-resource-policy', 'same-origin');
  reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), interest-cohort=()');
  if (https) reply.header('strict-transport-security', 'max-age=63072000; includeSubDomains');
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence without tokens (see DESIGN.md): cookies are SameSite=Lax, and every request
 * that can change state must come from our own pages: Sec-Fetch-Site says so, or, for
 * browsers that do not send it, the Origin matches the site. A request with neither is refused.
 */
export function checkSameOrigin(request: FastifyRequest, publicOrigin: string): void {
  if (SAFE_METHODS.has(request.method) || request.routeOptions.config.crossSite) return;
  const site = request.headers['sec-fetch-site'];
  if (site === 'same-origin' || site === 'none') return;
  if (site === 'cross-site' || site === 'same-site') throw new CsrfError();
  const origin = request.headers.origin;
  if (!origin || origin === 'null') throw new CsrfError();
  const host = request.headers.host;
  const allowed = new Set([publicOrigin, host ? `http://${host}` : '', host ? `https://${host}` : '']);
  if (!allowed.has(origin)) throw new CsrfError();
}
