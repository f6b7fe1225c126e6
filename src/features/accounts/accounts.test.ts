import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createStaffInvite } from '../../core/auth/index.js';
import { buildTestApp, form, type TestApp } from '../../../test/support/app.js';

function sessionCookie(setCookie: string | string[] | undefined): string {
  const header = [setCookie ?? []].flat().find((c) => c.startsWith('sutura_session='));
  assert.ok(header, 'a session cookie is set');
  return header;
}

describe('staff set-up links, sign-in and sign-out', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  const password = 'a perfectly long passphrase';

  async function setUp(email: string): Promise<string> {
    const token = await createStaffInvite(t.services.db, ['editor']);
    const res = await t.request({ method: 'POST', url: '/account/setup', ...form({ token, name: 'Erin', email, password, confirm: password }) });
    assert.equal(res.statusCode, 303, res.body);
    return token;
  }

  test('a set-up link works once, then says so', async () => {
    const token = await setUp('erin@example.test');
    const again = await t.request({ url: `/account/setup?token=${token}` });
    assert.equal(again.statusCode, 410);
    assert.match(again.body, /no longer works/);
    const reuse = await t.request({ method: 'POST', url: '/account/setup', ...form({ token, name: 'Mallory', email: 'mallory@example.test', password, confirm: password }) });
    assert.equal(reuse.statusCode, 410);
    assert.equal(await t.services.db.selectFrom('users').select('id').where('email', '=', 'mallory@example.test').executeTakeFirst(), undefined);
    assert.equal((await t.request({ url: '/account/setup?token=not-a-token' })).statusCode, 410);
  });

  test('set-up form errors come back with the person\'s input and nothing is created', async () => {
    const token = await createStaffInvite(t.services.db, ['editor']);
    const res = await t.request({ method: 'POST', url: '/account/setup', ...form({ token, name: 'Sam', email: 'not-an-email', password: 'short', confirm: 'other' }) });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Enter an email address/);
    assert.match(res.body, /at least 12 characters/);
    assert.match(res.body, /value="Sam"/);
    assert.doesNotMatch(res.body, /value="short"/, 'passwords are never echoed');
    const page = await t.request({ url: `/account/setup?token=${token}` });
    assert.equal(page.statusCode, 200, 'the link still works after a failed attempt');
  });

  test('sign-in: same answer for a wrong password and an unknown email; every failure audited', async () => {
    await setUp('signin@example.test');
    const wrong = await t.request({ method: 'POST', url: '/account/sign-in', ...form({ email: 'signin@example.test', password: 'wrong password here' }) });
    const unknown = await t.request({ method: 'POST', url: '/account/sign-in', ...form({ email: 'nobody@example.test', password: 'wrong password here' }) });
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    const message = (body: string) => /<p class="error"[^>]*>([^<]+)</.exec(body)?.[1];
    assert.equal(message(wrong.body), message(unknown.body));
    assert.equal(wrong.headers['set-cookie'], undefined);
    const failures = await t.services.db.selectFrom('audit_events').select('change').where('action', '=', 'auth.sign_in_failed').execute();
    assert.ok(failures.length >= 2);
    assert.ok(!JSON.stringify(failures).includes('nobody@example.test'), 'no email in the audit record');
  });

  test('sign-in sets a hardened cookie, rotates the session, and sign-out ends it', async () => {
    await setUp('rotate@example.test');
    const first = await t.request({ method: 'POST', url: '/account/sign-in', ...form({ email: 'ROTATE@example.test', password, next: '/admin/guides' }) });
    assert.equal(first.statusCode, 303);
    assert.equal(first.headers.location, '/admin/guides');
    const cookie = sessionCookie(first.headers['set-cookie']);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    const token = /sutura_session=([^;]+)/.exec(cookie)?.[1] ?? '';
    assert.match(token, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const stored = await t.services.db.selectFrom('sessions').select('secret_hash').where('id', '=', token.split('.')[0] ?? '').executeTakeFirstOrThrow();
    assert.notEqual(stored.secret_hash, token.split('.')[1], 'only a hash of the secret is stored');

    const second = await t.request({ method: 'POST', url: '/account/sign-in', as: token, ...form({ email: 'rotate@example.test', password }) });
    const rotated = /sutura_session=([^;]+)/.exec(sessionCookie(second.headers['set-cookie']))?.[1] ?? '';
    assert.notEqual(rotated, token);
    assert.equal((await t.request({ url: '/admin', as: token, headers: { accept: 'application/json' } })).statusCode, 401, 'the old session ended');
    // An editor without a second factor is sent to set one up before the back office.
    const gated = await t.request({ url: '/admin', as: rotated });
    assert.equal(gated.statusCode, 303);
    assert.equal(gated.headers.location, '/account/two-factor');
    assert.equal((await t.request({ url: '/account/two-factor', as: rotated })).statusCode, 200);

    const out = await t.request({ method: 'POST', url: '/account/sign-out', as: rotated });
    assert.equal(out.statusCode, 303);
    assert.equal((await t.request({ url: '/admin', as: rotated, headers: { accept: 'application/json' } })).statusCode, 401);
  });

  test('repeated sign-in attempts from one address are slowed down with a 429 page', async () => {
    let last = 0;
    for (let i = 0; i < 12; i++) {
      const res = await t.request({ method: 'POST', url: '/account/sign-in', remoteAddress: '203.0.113.9', ...form({ email: 'someone@example.test', password: 'wrong password here' }) });
      last = res.statusCode;
      if (res.statusCode === 429) {
        assert.match(res.body, /Too many (requests|failed attempts)/);
        break;
      }
    }
    assert.equal(last, 429);
  });

  test('sign-in never redirects to another site', async () => {
    await setUp('redirect@example.test');
    for (const next of ['https://evil.example/', '//evil.example', '/\\evil.example']) {
      const res = await t.request({ method: 'POST', url: '/account/sign-in', ...form({ email: 'redirect@example.test', password, next }) });
      assert.equal(res.headers.location, '/admin', next);
    }
  });
});
