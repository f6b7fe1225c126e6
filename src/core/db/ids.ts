import { randomBytes } from 'node:crypto';

/**
 * A random, URL-safe identifier (96 bits). Identifiers that reach URLs are never sequential,
 * so they reveal neither counts nor neighbours. None begins with '-': such an id would read as
 * an option on a command line and as a formula in a spreadsheet (CSV exports prefix it).
 */
export function newId(): string {
  const id = randomBytes(12).toString('base64url');
  return id.startsWith('-') ? `A${id.slice(1)}` : id;
}
