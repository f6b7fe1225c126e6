import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/** A cached anonymous page: the body cut where the nonce goes, so a hit only joins. */
export interface CachedPage {
  readonly parts: readonly string[];
  readonly etag: string;
  readonly type: string;
}

/**
 * The in-process cache of anonymous pages, keyed by language and URL. Content changes clear
 * it whole: the site is small, and a partial invalidation that misses one page would serve
 * stale medical content, which is worse than a few re-renders.
 */
export class PageCache {
  readonly #lru: LRUCache<string, CachedPage> | null;

  constructor(entries: number) {
    this.#lru = entries > 0 ? new LRUCache({ max: entries }) : null;
  }

  get enabled(): boolean {
    return this.#lru !== null;
  }

  get size(): number {
    return this.#lru?.size ?? 0;
  }

  /** Returns the page with this response's nonce put back in. */
  get(key: string, nonce: string): (CachedPage & { html: string }) | undefined {
    const page = this.#lru?.get(key);
    if (!page) return undefined;
    return { ...page, html: page.parts.join(nonce) };
  }

  set(key: string, html: string, nonce: string, type: string): string {
    const parts = html.split(nonce);
    const etag = `W/"${createHash('sha1').update(parts.join('')).digest('base64url')}"`;
    this.#lru?.set(key, { parts, etag, type });
    return etag;
  }

  clear(): void {
    this.#lru?.clear();
  }
}
