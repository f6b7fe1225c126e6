import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A secret token for a link or cookie: 160 bits, URL-safe. */
export function newSecret(): string {
  return randomBytes(20).toString('base64url');
}

/** Only a hash of a secret is stored, so a leaked table grants nothing. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A fingerprint of an email address (trimmed, lower-cased): to match it without keeping it. */
export function emailFingerprint(email: string): string {
  return hashSecret(email.trim().toLowerCase());
}
