import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, form, type TestApp } from '../../../test/support/app.js';

describe('security headers, CSRF and error pages', () => {
  let t: TestApp;
  let editor: string;
  before(async () => {
    t = await buildTestApp();
    editor = await t.signIn(['editor']);
  });
  after(() => t.close());

  test('pages carry a strict CSP and the usual hardening headers', async () => {
    const res = await t.request({ url: '/' });
    assert.equal(res.statusCode, 200);
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    assert.match(csp, /style-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['x-frame-options'], 'DENY');
    assert.ok(res.headers['x-request-id']);
    // No inline scripts or style attributes in our HTML.
    assert.doesNotMatch(res.body, /<script(?![^>]*\bsrc=)(?![^>]*application\/ld\+json)[^>]*>/);
    assert.doesNotMatch(res.body, /\sstyle=/);
  });

  test('state-changing requests from other sites are refused', async () => {
    const body = form({ title: 'T', slug: 'csrf-test', locale: 'en', category: 'face', summary: 's' });
    const noOrigin = await t.app.inject({ method: 'POST', url: '/admin/guides', payload: body.payload, headers: { ...body.headers, cookie: `sutura_session=${editor}` } });
    assert.equal(noOrigin.statusCode, 403);
    const evil = await t.request({ method: 'POST', url: '/admin/guides', as: editor, payload: body.payload, headers: { ...body.headers, origin: 'https://evil.example' } });
    assert.equal(evil.statusCode, 403);
    assert.match(evil.body, /sent from another website/);
    const crossSite = await t.request({ method: 'POST', url: '/admin/guides', as: editor, payload: body.payload, headers: { ...body.headers, 'sec-fetch-site': 'cross-site', origin: 'http://localhost:3000' } });
    assert.equal(crossSite.statusCode, 403);
    assert.equal((await t.services.db.selectFrom('guides').select('id').execute()).length, 0);
    const ok = await t.request({ method: 'POST', url: '/admin/guides', as: editor, payload: body.payload, headers: { ...body.headers, 'sec-fetch-site': 'same-origin' } });
    assert.equal(ok.statusCode, 303);
  });

  test('404 and bad requests render the site layout, never a stack', async () => {
    const missing = await t.request({ url: '/no-such-page', headers: { accept: 'text/html' } });
    assert.equal(missing.statusCode, 404);
    assert.match(missing.body, /Page not found/);
    assert.match(missing.body, /<main id="main"/);
    assert.ok(missing.headers['content-security-policy']);
    const spanish = await t.request({ url: '/es/no-such-page', headers: { accept: 'text/html' } });
    assert.match(spanish.body, /lang="es"/);
    const badJson = await t.request({ method: 'POST', url: '/account/sign-in', payload: '{"email":', headers: { 'content-type': 'application/json', accept: 'text/html' } });
    assert.ok(badJson.statusCode >= 400 && badJson.statusCode < 500, String(badJson.statusCode));
    assert.doesNotMatch(badJson.body, /at .*\.ts:\d+|SyntaxError|Unexpected/);
    const huge = await t.request({ method: 'POST', url: '/account/sign-in', ...form({ email: 'a@b.c', password: 'x'.repeat(2 * 1024 * 1024) }) });
    assert.equal(huge.statusCode, 413);
  });

  test('health, robots and static assets', async () => {
    const health = await t.request({ url: '/healthz' });
    assert.deepEqual(JSON.parse(health.body), { status: 'ok' });
    const robots = await t.request({ url: '/robots.txt' });
    assert.match(robots.body, /Disallow: \/admin/);
    assert.match(robots.body, /Sitemap: http:\/\/localhost:3000\/sitemap.xml/);
    const home = await t.request({ url: '/' });
    const css = /href="(\/assets\/css\/site\.[0-9a-f]{12}\.css)"/.exec(home.body)?.[1];
    assert.ok(css);
    const asset = await t.request({ url: css, headers: { 'accept-encoding': 'br' } });
    assert.equal(asset.statusCode, 200);
    assert.equal(asset.headers['content-encoding'], 'br');
    assert.match(String(asset.headers['cache-control']), /immutable/);
    assert.equal((await t.request({ url: '/assets/css/site.000000000000.css' })).statusCode, 404);
  });

  test('legal pages carry the practice identity from configuration, in each language', async () => {
    const terms = await t.request({ url: '/terms', as: await t.signIn(['member']) });
    assert.equal(terms.statusCode, 200);
    assert.match(terms.body, /Harbor Plastic Surgery/);
    assert.match(terms.body, /\b18\b/);
    assert.doesNotMatch(terms.body, /\{(minAge|practice|jurisdiction)\}/);
    const spanish = await t.request({ url: '/es/privacy' });
    assert.match(spanish.body, /<html lang="es">/);
    assert.match(spanish.body, /Privacidad/i);
  });

  test('Spanish pages live under /es with hreflang alternates', async () => {
    const res = await t.request({ url: '/es/guides' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<html lang="es">/);
    assert.match(res.body, /Guías de procedimientos|Guías/);
    assert.match(res.body, /hreflang="en" href="http:\/\/localhost:3000\/guides"/);
    assert.match(res.body, /hreflang="es" href="http:\/\/localhost:3000\/es\/guides"/);
    const root = await t.request({ url: '/es' });
    assert.equal(root.statusCode, 200);
    assert.match(root.body, /<html lang="es">/);
  });
});

describe('unexpected failures', () => {
  test('a crash renders the 500 page with a reference, never the error itself', async () => {
    const { buildApp } = await import('../../app.js');
    const { loadTestConfig } = await import('../config/index.js');
    const { app } = await buildApp(loadTestConfig());
    app.get('/__boom', { config: { action: 'site.read' } }, async () => {
      throw new Error('SELECT secret FROM patients -- internal detail');
    });
    await app.ready();
    try {
      const res = await app.inject({ url: '/__boom', headers: { accept: 'text/html' } });
      assert.equal(res.statusCode, 500);
      assert.match(res.body, /Something went wrong/);
      assert.match(res.body, new RegExp(String(res.headers['x-request-id'])));
      assert.doesNotMatch(res.body, /secret|patients|at .*\.ts/);
      const json = await app.inject({ url: '/__boom', headers: { accept: 'application/json' } });
      assert.deepEqual(Object.keys(JSON.parse(json.body).error), ['code', 'requestId']);
    } finally {
      await app.close();
    }
  });
});
