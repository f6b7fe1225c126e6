import { randomBytes } from 'node:crypto';

/**
 * A random, URL-safe identifier (96 bits). Identifiers that reach URLs are never sequential,
 * so they reveal neither counts nor neighbours.
 */
export function newId(): string {
  return randomBytes(12).toString('base64url');
}
