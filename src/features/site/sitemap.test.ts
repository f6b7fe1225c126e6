import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderSitemap } from './sitemap.js';

test('the sitemap lists each page per language with hreflang alternates and escapes URLs', () => {
  const xml = renderSitemap('https://clinic.example', [
    { path: '/', locale: 'en' },
    { path: '/', locale: 'es' },
    { path: '/guides/a&b', locale: 'en', updatedAt: new Date('2026-11-01T00:00:00Z') },
  ]);
  assert.match(xml, /<loc>https:\/\/clinic\.example\/<\/loc>/);
  assert.match(xml, /<loc>https:\/\/clinic\.example\/es<\/loc>/);
  assert.match(xml, /hreflang="es" href="https:\/\/clinic\.example\/es"/);
  assert.match(xml, /<loc>https:\/\/clinic\.example\/guides\/a&amp;b<\/loc><lastmod>2026-11-01T00:00:00.000Z<\/lastmod><\/url>/);
});
