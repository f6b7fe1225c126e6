import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, form, type TestApp } from '../../../test/support/app.js';
import { readBool } from '../../core/db/portable.js';

describe('cookie consent', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  const consentCookie = (setCookie: string | string[] | undefined) => [setCookie ?? []].flat().find((c) => c.startsWith('sutura_consent='));
  /** A form post with extra request headers (form() brings its own content-type header). */
  const post = (url: string, fields: Record<string, string>, headers: Record<string, string> = {}) => {
    const body = form(fields);
    return t.request({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, ...headers } });
  };
  const records = () => t.services.db.selectFrom('cookie_consents').selectAll().orderBy('created_at').execute();

  test('a first visit sets no cookie and shows the banner, with "Reject all" as plain as "Accept all"', async () => {
    const res = await t.request({ url: '/contact' });
    assert.equal(res.headers['set-cookie'], undefined);
    assert.match(res.body, /Cookies on this site/);
    assert.match(res.body, /<button type="submit" class="button" name="choice" value="accept">/);
    assert.match(res.body, /<button type="submit" class="button" name="choice" value="reject">/);
    assert.match(res.body, /href="\/privacy\/center#cookies"/);
    assert.match(res.body, /<a href="\/privacy\/center">Privacy choices<\/a>/, 'reachable again from the footer');
  });

  test('rejecting all sets only the choice, records it with the policy version, and the banner goes', async () => {
    const res = await t.request({ method: 'POST', url: '/privacy/consent', ...form({ choice: 'reject', returnTo: '/contact' }) });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/contact');
    const cookie = consentCookie(res.headers['set-cookie'])!;
    assert.match(cookie, /^sutura_consent=v1\.[\w-]+\.000; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax$/);
    const [record] = await records();
    assert.equal(readBool(record?.analytics), false);
    assert.match(record?.policy_version ?? '', /^Version 1/);
    const after = await t.request({ url: '/contact', headers: { cookie: cookie.split(';')[0]! } });
    assert.doesNotMatch(after.body, /Cookies on this site/);
  });

  test('the page cache keeps the asking and the answered copies apart', async () => {
    const decided = 'sutura_consent=v1.abcdefghij.000';
    const first = await t.request({ url: '/privacy' });
    const answered = await t.request({ url: '/privacy', headers: { cookie: decided } });
    const again = await t.request({ url: '/privacy' });
    assert.match(first.body, /Cookies on this site/);
    assert.doesNotMatch(answered.body, /Cookies on this site/);
    assert.match(again.body, /Cookies on this site/);
    assert.equal(again.headers['x-page-cache'], 'hit');
    assert.equal(again.headers.vary, 'cookie');
    // A damaged cookie is no choice at all: the banner comes back.
    assert.match((await t.request({ url: '/privacy', headers: { cookie: 'sutura_consent=v1.x.111' } })).body, /Cookies on this site/);
  });

  test('Global Privacy Control keeps advertising off even after "Accept all", and is recorded', async () => {
    const res = await post('/privacy/consent', { choice: 'accept', returnTo: '/' }, { 'sec-gpc': '1' });
    const cookie = consentCookie(res.headers['set-cookie'])!;
    assert.match(cookie, /^sutura_consent=v1\.[\w-]+\.110;/);
    const record = (await records()).at(-1)!;
    assert.equal(readBool(record.opt_out_signal), true);
    assert.equal(readBool(record.advertising), false);
    const center = await t.request({ url: '/privacy/center', headers: { cookie: cookie.split(';')[0]!, 'sec-gpc': '1' } });
    assert.match(center.body, /Global Privacy Control/);
    assert.match(center.body, /id="consent-advertising" name="advertising" disabled/);
    const dnt = await post('/privacy/consent', { choice: 'save', advertising: 'on' }, { dnt: '1' });
    assert.match(consentCookie(dnt.headers['set-cookie'])!, /\.000;/);
  });

  test('choices per kind are saved from the privacy center, and the same browser keeps its id', async () => {
    const first = await t.request({ method: 'POST', url: '/privacy/consent', ...form({ choice: 'save', preferences: 'on' }) });
    assert.equal(first.headers.location, '/privacy/center?saved=1');
    const cookie = consentCookie(first.headers['set-cookie'])!.split(';')[0]!;
    assert.match(cookie, /\.100$/);
    const center = await t.request({ url: '/privacy/center?saved=1', headers: { cookie } });
    assert.match(center.body, /Your cookie choices are saved/);
    assert.match(center.body, /Your current choice was recorded on/);
    assert.match(center.body, /id="consent-preferences" name="preferences" checked/);
    const second = await post('/es/privacy/consent', { choice: 'accept' }, { cookie });
    assert.equal(second.headers.location, '/es/privacy/center?saved=1');
    const id = cookie.split('.')[1];
    assert.equal(consentCookie(second.headers['set-cookie'])!.split('.')[1], id);
    assert.equal((await t.services.db.selectFrom('cookie_consents').select('id').where('consent_id', '=', id!).execute()).length, 2);
  });

  test('bad input changes nothing and never redirects off the site', async () => {
    const count = (await records()).length;
    const none = await t.request({ method: 'POST', url: '/privacy/consent', ...form({ choice: 'maybe' }) });
    assert.equal(none.statusCode, 303);
    assert.equal(none.headers.location, '/privacy/center');
    assert.equal((await records()).length, count);
    for (const returnTo of ['//evil.example/x', 'https://evil.example', '/\\evil.example', '/ok path', '/a\u0000b', '/tab\there']) {
      const res = await t.request({ method: 'POST', url: '/privacy/consent', ...form({ choice: 'reject', returnTo }) });
      assert.equal(res.headers.location, '/privacy/center?saved=1', returnTo);
    }
  });

  test('the back office never shows the banner', async () => {
    const admin = await t.signIn(['admin']);
    assert.doesNotMatch((await t.request({ url: '/admin', as: admin })).body, /Cookies on this site/);
  });
});
