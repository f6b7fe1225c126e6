import type { Config } from '../config/index.js';
import type { MessageKey } from '../i18n/index.js';

/**
 * Every cookie the site sets, declared where it is set: the privacy center lists them from here,
 * and under NODE_ENV=test a response that sets an undeclared cookie fails (see core/http), so the
 * list cannot fall behind the code. All of them are strictly necessary; nothing else is set.
 */
export interface DeclaredCookie {
  readonly name: string;
  readonly purpose: MessageKey;
  readonly lasts: MessageKey;
  /** Whether this site uses it (the age question's cookie only when AGE_GATE is on); always by default. */
  readonly inUse?: (config: Config) => boolean;
}

const declared = new Map<string, DeclaredCookie>();

/** Declares a cookie and returns its name, for the constant the feature sets it by. */
export function declareCookie(cookie: DeclaredCookie): string {
  const known = declared.get(cookie.name);
  if (known && known !== cookie) throw new Error(`cookie ${cookie.name} declared twice`);
  declared.set(cookie.name, cookie);
  return cookie.name;
}

export function isDeclaredCookie(name: string): boolean {
  return declared.has(name);
}

/** The cookies this site sets with its configuration, by name. */
export function cookiesInUse(config: Config): DeclaredCookie[] {
  return [...declared.values()].filter((c) => c.inUse?.(config) ?? true).sort((a, b) => a.name.localeCompare(b.name));
}

/** The names in a response's Set-Cookie header(s). */
export function setCookieNames(header: unknown): string[] {
  const values = Array.isArray(header) ? header : header === undefined ? [] : [String(header)];
  return values.map((v) => String(v).split('=', 1)[0]!.trim()).filter(Boolean);
}
