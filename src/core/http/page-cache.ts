import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/**
 * A cached anonymous page, encoded once and cut where the nonce goes: a hit copies bytes
 * instead of re-encoding 15 KB of text.
 */
interface CachedPage {
  readonly parts: readonly Buffer[];
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

  /** Returns the page with this response's nonce put back in. */
  get(key: string, nonce: string): { body: Buffer; etag: string; type: string } | undefined {
    const page = this.#lru?.get(key);
    if (!page) return undefined;
    const nonceBytes = Buffer.from(nonce);
    const pieces: Buffer[] = [];
    page.parts.forEach((part, i) => {
      if (i > 0) pieces.push(nonceBytes);
      pieces.push(part);
    });
    return { body: Buffer.concat(pieces), etag: page.etag, type: page.type };
  }

  set(key: string, html: string, nonce: string, type: string): string {
    const text = html.split(nonce);
    const etag = `W/"${createHash('sha1').update(text.join('')).digest('base64url')}"`;
    this.#lru?.set(key, { parts: text.map((t) => Buffer.from(t)), etag, type });
    return etag;
  }

  clear(): void {
    this.#lru?.clear();
  }
}
