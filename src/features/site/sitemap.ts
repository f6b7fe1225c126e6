import type { Locale } from '../../core/i18n/index.js';

/** One public URL for /sitemap.xml (language-neutral path plus the language it exists in). */
export interface SitemapEntry {
  readonly path: string;
  readonly locale: Locale;
  readonly updatedAt?: Date;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);
}

/** Renders a sitemap with hreflang alternates for pages that exist in several languages. */
export function renderSitemap(publicUrl: string, entries: readonly SitemapEntry[]): string {
  const byPath = new Map<string, SitemapEntry[]>();
  for (const e of entries) byPath.set(e.path, [...(byPath.get(e.path) ?? []), e]);
  const url = (e: SitemapEntry): string => `${publicUrl}${e.locale === 'en' ? '' : `/${e.locale}`}${e.path === '/' && e.locale !== 'en' ? '' : e.path}`;
  const items = entries.map((e) => {
    const siblings = byPath.get(e.path) ?? [];
    const alternates = siblings.length > 1 ? siblings.map((s) => `<xhtml:link rel="alternate" hreflang="${s.locale}" href="${escapeXml(url(s))}"/>`).join('') : '';
    const lastmod = e.updatedAt ? `<lastmod>${e.updatedAt.toISOString()}</lastmod>` : '';
    return `<url><loc>${escapeXml(url(e))}</loc>${lastmod}${alternates}</url>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${items.join('\n')}\n</urlset>\n`;
}
