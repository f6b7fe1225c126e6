import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, form, type TestApp } from '../../../test/support/app.js';

const DIALOG = /<dialog open class="age-gate" aria-modal="true"/;

function cookieOf(setCookie: string | string[] | undefined, name: string): string | undefined {
  return [setCookie ?? []].flat().find((c) => c.startsWith(`${name}=`));
}

describe('age gate off (the default)', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  test('public pages carry no dialog', async () => {
    const res = await t.request({ url: '/' });
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, /age-gate/);
  });
});

describe('age gate on', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ AGE_GATE: 'true', MIN_AGE: '18' });
  });
  after(() => t.close());

  test('a first visit shows the dialog over the page, whose content is still there', async () => {
    const res = await t.request({ url: '/guides' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, DIALOG);
    assert.match(res.body, /aria-labelledby="age-gate-title"/);
    assert.match(res.body, /<h2 id="age-gate-title">Before you continue<\/h2>/);
    assert.match(res.body, /for people aged 18 and older/);
    assert.match(res.body, /<form method="post" action="\/age-gate"><input type="hidden" name="return" value="\/guides"\/><button type="submit" class="button" autofocus>I am 18 or older<\/button>/);
    assert.match(res.body, /<a class="button secondary" href="\/age-gate\/leave">Leave<\/a>/);
    assert.match(res.body, /<main id="main"/);
    assert.match(res.body, /<h1>/);
    // No inline script or style anywhere (strict CSP).
    assert.doesNotMatch(res.body, /style="/);
    assert.doesNotMatch(res.body, /<script(?![^>]*(src=|application\/ld\+json))/);
  });

  test('Spanish pages ask in Spanish and come back to the Spanish page, query included', async () => {
    const res = await t.request({ url: '/es/guides?x=1' });
    assert.match(res.body, /Tengo 18 años o más/);
    assert.match(res.body, /action="\/es\/age-gate"/);
    assert.match(res.body, /name="return" value="\/es\/guides\?x=1"/);
  });

  test('answering sets a strictly necessary one-year cookie and returns to the same page, without the dialog', async () => {
    const res = await t.request({ method: 'POST', url: '/age-gate', ...form({ return: '/guides?page=2' }) });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/guides?page=2');
    const cookie = cookieOf(res.headers['set-cookie'], 'sutura_age');
    assert.ok(cookie);
    assert.match(cookie, /^sutura_age=1;/);
    assert.match(cookie, /Max-Age=31536000/);
    assert.match(cookie, /Path=\//);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    const after = await t.request({ url: '/guides', headers: { cookie: 'sutura_age=1' } });
    assert.equal(after.statusCode, 200);
    assert.doesNotMatch(after.body, /age-gate/);
  });

  test('never an open redirect; the answer needs our own Origin like any form', async () => {
    for (const target of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', '']) {
      const res = await t.request({ method: 'POST', url: '/age-gate', ...form({ return: target }) });
      assert.equal(res.statusCode, 303, target);
      assert.equal(res.headers.location, '/', target);
    }
    const es = await t.request({ method: 'POST', url: '/es/age-gate', ...form({}) });
    assert.equal(es.headers.location, '/es');
    const body = form({ return: '/' });
    const cross = await t.request({ method: 'POST', url: '/age-gate', payload: body.payload, headers: { ...body.headers, origin: 'https://evil.example', accept: 'application/json' } });
    assert.equal(cross.statusCode, 403);
  });

  test('Leave goes to a page of this site that explains, without the dialog', async () => {
    const res = await t.request({ url: '/age-gate/leave' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /This site is not for you yet/);
    assert.match(res.body, /only for people aged 18 and older/);
    assert.doesNotMatch(res.body, /<dialog/);
    assert.match(res.body, /<meta name="robots" content="noindex"/);
  });

  test('signed-in people and the back office are not asked', async () => {
    const editor = await t.signIn(['editor']);
    assert.doesNotMatch((await t.request({ url: '/guides', as: editor })).body, /<dialog/);
    assert.doesNotMatch((await t.request({ url: '/admin', as: editor })).body, /<dialog/);
  });

  test('the page cache keeps gated and answered copies apart', async () => {
    const first = await t.request({ url: '/' });
    assert.equal(first.headers['x-page-cache'], 'miss');
    assert.match(first.body, DIALOG);
    assert.equal(first.headers.vary, 'cookie');
    const answered = await t.request({ url: '/', headers: { cookie: 'sutura_age=1' } });
    assert.equal(answered.headers['x-page-cache'], 'miss', 'the gated copy is not served to someone who answered');
    assert.doesNotMatch(answered.body, /<dialog/);
    assert.notEqual(answered.headers.etag, first.headers.etag);

    const firstAgain = await t.request({ url: '/' });
    assert.equal(firstAgain.headers['x-page-cache'], 'hit');
    assert.match(firstAgain.body, DIALOG);
    assert.equal(firstAgain.headers.vary, 'cookie');
    const answeredAgain = await t.request({ url: '/', headers: { cookie: 'sutura_age=1' } });
    assert.equal(answeredAgain.headers['x-page-cache'], 'hit');
    assert.doesNotMatch(answeredAgain.body, /<dialog/);
    // A revalidation with the other copy's ETag gets the full page, not a 304.
    const revalidate = await t.request({ url: '/', headers: { cookie: 'sutura_age=1', 'if-none-match': String(first.headers.etag) } });
    assert.equal(revalidate.statusCode, 200);
    assert.doesNotMatch(revalidate.body, /<dialog/);
  });
});
