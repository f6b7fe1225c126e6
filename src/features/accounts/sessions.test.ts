import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, form, type TestApp } from '../../../test/support/app.js';
import * as auth from '../../core/auth/index.js';
import { readJson } from '../../core/db/portable.js';
import { errorMessage, lastMail, PASSWORD, register, registerVerified, remoteAddress, sessionToken, signIn, tokenIn } from './test-helpers.js';

describe('sign-in hardening, password reset and sessions', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  const db = () => t.services.db;
  /** Lets the short doubling delays pass at once (a lock stays). */
  const skipDelays = () => db().updateTable('sign_in_throttle').set({ blocked_until: null }).execute();
  const auditCount = async (action: string) => (await db().selectFrom('audit_events').select('id').where('action', '=', action).execute()).length;

  test('the same answer for an unknown email, a wrong password and an unconfirmed account', async () => {
    await registerVerified(t, 'known@example.test');
    await register(t, 'unconfirmed@example.test');
    const failedBefore = await auditCount('auth.sign_in_failed');
    const answers = await Promise.all([signIn(t, 'nobody@example.test', 'some password here'), signIn(t, 'known@example.test', 'some password here'), signIn(t, 'unconfirmed@example.test')]);
    for (const a of answers) {
      assert.equal(a.status, 401);
      assert.equal(a.token, null);
    }
    assert.deepEqual(new Set(answers.map((a) => errorMessage(a.body))).size, 1);
    assert.match(answers[0]!.body, /Forgot your password/);
    assert.match(answers[0]!.body, /href="\/account\/verify\/resend"/);
    assert.equal(await auditCount('auth.sign_in_failed'), failedBefore + 3);
    const stored = JSON.stringify(await db().selectFrom('audit_events').selectAll().execute()) + JSON.stringify(await db().selectFrom('sign_in_throttle').selectAll().execute());
    assert.ok(!stored.includes('nobody@example.test'), 'unknown emails are never stored in clear');
    assert.ok(!stored.includes('some password here'));
  });

  test('throttling: delays from the 5th failure, a 15-minute lock at the 10th with an email to the owner; unknown emails behave alike', async () => {
    await registerVerified(t, 'target@example.test');
    const run = async (email: string): Promise<{ statuses: number[]; messages: (string | undefined)[] }> => {
      const statuses: number[] = [];
      const messages: (string | undefined)[] = [];
      for (let i = 1; i <= 10; i++) {
        const a = await signIn(t, email, `wrong guess number ${i}`);
        statuses.push(a.status);
        if (i >= 5) {
          const blocked = await signIn(t, email, `wrong guess number ${i}`);
          statuses.push(blocked.status);
          messages.push(errorMessage(blocked.body)?.replace(/\d+/g, 'N'));
          await skipDelays();
        }
      }
      return { statuses, messages };
    };
    const known = await run('target@example.test');
    const unknown = await run('ghost@example.test');
    assert.deepEqual(known.statuses, unknown.statuses, 'an unknown email is throttled exactly like a real one');
    assert.deepEqual(known.messages, unknown.messages);
    assert.deepEqual(known.statuses.slice(0, 4), [401, 401, 401, 401]);
    assert.deepEqual(known.statuses.slice(4, 6), [401, 429], 'the 5th failure makes the next attempt wait');
    assert.match(known.messages[0] ?? '', /Wait N seconds/);
    assert.match(known.messages.at(-1) ?? '', /paused for N minutes/);

    const row = await db().selectFrom('sign_in_throttle').selectAll().where('key', 'like', 'account:%').where('failures', '=', 10).execute();
    assert.equal(row.length, 2);
    for (const r of row) {
      const minutes = (new Date(String(r.locked_until instanceof Date ? r.locked_until.toISOString() : r.locked_until)).getTime() - Date.now()) / 60_000;
      assert.ok(minutes > 14 && minutes <= 15, `locked for 15 minutes (${minutes})`);
    }
    // Locked: even the right password waits.
    const right = await signIn(t, 'target@example.test');
    assert.equal(right.status, 429);
    assert.equal(right.token, null);

    const mail = await lastMail(t, 'target@example.test');
    assert.equal(mail?.template, 'account.locked');
    assert.match(mail?.text ?? '', /paused for 15 minutes/);
    const resetToken = tokenIn(mail?.text ?? '', '/account/reset');
    assert.equal(await lastMail(t, 'ghost@example.test'), undefined);
    assert.ok((await auditCount('auth.locked')) >= 2);
    assert.ok((await auditCount('auth.sign_in_throttled')) >= 12);

    // The lock email's link resets the password and lifts the lock.
    const reset = await t.request({ method: 'POST', url: '/account/reset', remoteAddress: remoteAddress(), ...form({ token: resetToken, password: 'a brand new passphrase' }) });
    assert.equal(reset.statusCode, 303);
    assert.equal((await signIn(t, 'target@example.test', 'a brand new passphrase')).status, 303);
  });

  test('per-IP throttling: an address with many failures waits, whatever account it tries', async () => {
    await registerVerified(t, 'innocent@example.test');
    const ip = '203.0.113.77';
    const attempt = (email: string, password: string) => {
      const body = form({ email, password });
      return t.request({ method: 'POST', url: '/account/sign-in', remoteAddress: ip, payload: body.payload, headers: body.headers });
    };
    // Nine failures (the in-process backstop allows ten a minute), each with a different email.
    for (let i = 0; i < 9; i++) assert.equal((await attempt(`spray${i}@example.test`, 'Summer2026!')).statusCode, 401);
    const key = auth.throttle.ipKey(ip);
    const row = await db().selectFrom('sign_in_throttle').select('failures').where('key', '=', key).executeTakeFirstOrThrow();
    assert.equal(row.failures, 9, 'counted per address, stored as a hash');
    // Bring the count to the rule's threshold as if the spraying had gone on.
    await db().updateTable('sign_in_throttle').set({ failures: auth.throttle.IP_RULE.delayAfter - 1 }).where('key', '=', key).execute();
    assert.equal((await attempt('spray-last@example.test', 'Summer2026!')).statusCode, 401);
    const blocked = await attempt('innocent@example.test', PASSWORD);
    assert.equal(blocked.statusCode, 429, 'the address waits, even with a right password');
    assert.ok(Number(blocked.headers['retry-after']) >= 1);
  });

  test('remember me: members only; 7 days idle instead of 30 minutes; the cookie outlives the browser only then', async () => {
    await registerVerified(t, 'remember@example.test');
    const short = await signIn(t, 'remember@example.test');
    const long = await signIn(t, 'remember@example.test', PASSWORD, { remember: 'on' });
    assert.doesNotMatch(short.cookie ?? '', /Expires=/, 'a browser-session cookie without remember me');
    assert.match(long.cookie ?? '', /Expires=/);
    const id = (token: string | null) => (token ?? '').split('.')[0]!;
    const age = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    await db().updateTable('sessions').set({ last_seen_at: age(31) }).where('id', 'in', [id(short.token), id(long.token)]).execute();
    assert.equal((await t.request({ url: '/account', as: short.token!, headers: { accept: 'application/json' } })).statusCode, 401, '30 minutes idle ends a normal session');
    assert.equal((await t.request({ url: '/account', as: long.token! })).statusCode, 200, 'a remembered session survives 31 minutes');
    await db().updateTable('sessions').set({ last_seen_at: age(7 * 24 * 60 + 1) }).where('id', '=', id(long.token)).execute();
    assert.equal((await t.request({ url: '/account', as: long.token!, headers: { accept: 'application/json' } })).statusCode, 401, 'and ends after 7 days idle');

    // Staff never get the long session.
    const staffToken = await t.signIn(['editor'], 'staff-remember@example.test');
    await t.request({ method: 'POST', url: '/account/sessions/revoke-all', as: staffToken });
    const password = await t.request({ method: 'POST', url: '/account/sign-in', remoteAddress: remoteAddress(), ...form({ email: 'staff-remember@example.test', password: 'correct horse battery staple', remember: 'on' }) });
    assert.equal(password.headers.location, '/account/two-factor/verify', 'staff pass the second step');
    const stepCookie = [password.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('sutura_second_step='))!.split(';')[0]!;
    const res = await t.request({ method: 'POST', url: '/account/two-factor/verify', remoteAddress: remoteAddress(), headers: { cookie: stepCookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `code=${t.totpCode('staff-remember@example.test')}` });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin', 'staff land in the back office');
    const staff = { token: sessionToken(res.headers['set-cookie']), cookie: [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('sutura_session=')) };
    const row = await db().selectFrom('sessions').select(['remember', 'second_factor']).where('id', '=', id(staff.token)).executeTakeFirstOrThrow();
    assert.ok(!row.remember);
    assert.ok(row.second_factor, 'opened with the second factor');
    assert.doesNotMatch(staff.cookie ?? '', /Expires=/);
  });

  test('the sessions page lists my sessions, marks this device, and signs one out; another person cannot touch mine', async () => {
    await registerVerified(t, 'alice@example.test');
    await registerVerified(t, 'bob@example.test');
    const laptop = (await signIn(t, 'alice@example.test')).token!;
    const phone = (await signIn(t, 'alice@example.test')).token!;
    const bob = (await signIn(t, 'bob@example.test')).token!;
    const page = await t.request({ url: '/account/sessions', as: laptop });
    assert.equal(page.statusCode, 200);
    assert.equal((page.body.match(/Sign out this session</g) ?? []).length, 2);
    assert.equal((page.body.match(/This device/g) ?? []).length, 1);
    assert.match(page.body, /Firefox on Linux/);
    assert.doesNotMatch(page.body, /128\.0/, 'a coarse description, no versions');

    // IDOR: Bob posts Alice's session id.
    const phoneId = phone.split('.')[0]!;
    const idor = await t.request({ method: 'POST', url: `/account/sessions/${phoneId}/revoke`, as: bob });
    assert.equal(idor.statusCode, 404);
    assert.equal((await t.request({ url: '/account', as: phone })).statusCode, 200, "Alice's phone is still signed in");
    assert.doesNotMatch((await t.request({ url: '/account/sessions', as: bob })).body, new RegExp(phoneId), "Bob never sees Alice's sessions");

    const revoke = await t.request({ method: 'POST', url: `/account/sessions/${phoneId}/revoke`, as: laptop });
    assert.equal(revoke.statusCode, 303);
    assert.equal((await t.request({ url: '/account', as: phone, headers: { accept: 'application/json' } })).statusCode, 401);
    assert.equal((await t.request({ url: '/account', as: laptop })).statusCode, 200);
    assert.ok((await auditCount('auth.session_revoked')) >= 1);
  });

  test('sign out everywhere ends every session, this one included, and is audited', async () => {
    await registerVerified(t, 'everywhere@example.test');
    const a = (await signIn(t, 'everywhere@example.test')).token!;
    const b = (await signIn(t, 'everywhere@example.test')).token!;
    const res = await t.request({ method: 'POST', url: '/account/sessions/revoke-all', as: a });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/account/sign-in?notice=everywhere');
    for (const token of [a, b]) assert.equal((await t.request({ url: '/account', as: token, headers: { accept: 'application/json' } })).statusCode, 401);
    const user = await db().selectFrom('users').select('id').where('email', '=', 'everywhere@example.test').executeTakeFirstOrThrow();
    const event = await db().selectFrom('audit_events').select('change').where('action', '=', 'auth.sessions_revoked').where('target_id', '=', user.id).executeTakeFirstOrThrow();
    assert.deepEqual(readJson(event.change), { count: 2 });
  });

  test('password reset: same answer for every address; single-use 30-minute link; all sessions end', async () => {
    await registerVerified(t, 'forgetful@example.test');
    const s1 = (await signIn(t, 'forgetful@example.test')).token!;
    const s2 = (await signIn(t, 'forgetful@example.test')).token!;
    const known = await t.request({ method: 'POST', url: '/account/forgot', remoteAddress: remoteAddress(), ...form({ email: 'forgetful@example.test' }) });
    const unknown = await t.request({ method: 'POST', url: '/account/forgot', remoteAddress: remoteAddress(), ...form({ email: 'who-is-this@example.test' }) });
    assert.equal(known.statusCode, 303);
    assert.equal(known.headers.location, unknown.headers.location);
    assert.equal(await lastMail(t, 'who-is-this@example.test'), undefined);
    const mail = await lastMail(t, 'forgetful@example.test');
    assert.equal(mail?.template, 'account.reset');
    const token = tokenIn(mail?.text ?? '', '/account/reset');
    const row = await db().selectFrom('account_tokens').select(['expires_at', 'token_hash']).where('purpose', '=', 'reset').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    const minutes = (new Date(row.expires_at as string).getTime() - Date.now()) / 60_000;
    assert.ok(minutes > 29 && minutes <= 30, `30 minutes (${minutes})`);
    assert.notEqual(row.token_hash, token);

    assert.equal((await t.request({ url: `/account/reset?token=${token}` })).statusCode, 200);
    const weak = await t.request({ method: 'POST', url: '/account/reset', remoteAddress: remoteAddress(), ...form({ token, password: 'password123' }) });
    assert.equal(weak.statusCode, 422);
    assert.match(errorMessage(weak.body) ?? '', /too common/);
    const ok = await t.request({ method: 'POST', url: '/account/reset', remoteAddress: remoteAddress(), ...form({ token, password: 'tide pools at low noon' }) });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/account/sign-in?notice=reset');
    for (const s of [s1, s2]) assert.equal((await t.request({ url: '/account', as: s, headers: { accept: 'application/json' } })).statusCode, 401, 'every session ended');
    const reuse = await t.request({ method: 'POST', url: '/account/reset', remoteAddress: remoteAddress(), ...form({ token, password: 'another new passphrase' }) });
    assert.equal(reuse.statusCode, 410, 'single use');
    assert.equal((await signIn(t, 'forgetful@example.test')).status, 401, 'the old password is gone');
    assert.equal((await signIn(t, 'forgetful@example.test', 'tide pools at low noon')).status, 303);
    assert.ok((await auditCount('account.password_reset')) >= 1);

    // An expired link does nothing.
    await t.request({ method: 'POST', url: '/account/forgot', remoteAddress: remoteAddress(), ...form({ email: 'forgetful@example.test' }) });
    const late = tokenIn((await lastMail(t, 'forgetful@example.test'))?.text ?? '', '/account/reset');
    await db().updateTable('account_tokens').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('purpose', '=', 'reset').execute();
    assert.equal((await t.request({ url: `/account/reset?token=${late}` })).statusCode, 410);
    assert.equal((await t.request({ method: 'POST', url: '/account/reset', remoteAddress: remoteAddress(), ...form({ token: late, password: 'too late passphrase' }) })).statusCode, 410);
  });

  test('staff resetting a password need 12 characters', async () => {
    await t.signIn(['moderator'], 'mod-reset@example.test');
    await t.request({ method: 'POST', url: '/account/forgot', remoteAddress: remoteAddress(), ...form({ email: 'mod-reset@example.test' }) });
    const token = tokenIn((await lastMail(t, 'mod-reset@example.test'))?.text ?? '', '/account/reset');
    const res = await t.request({ method: 'POST', url: '/account/reset', remoteAddress: remoteAddress(), ...form({ token, password: 'eleven char' }) });
    assert.equal(res.statusCode, 422);
    assert.equal(errorMessage(res.body), 'Use at least 12 characters.');
  });

  test('account home: change the name; the language is only on the preferences page, linked from here', async () => {
    await registerVerified(t, 'home@example.test');
    const token = (await signIn(t, 'home@example.test')).token!;
    const page = await t.request({ url: '/account', as: token });
    assert.doesNotMatch(page.body, /name="language"/, 'no language field on the account page');
    assert.match(page.body, /<a href="\/account\/preferences">Change your language and preferences<\/a>/);
    const bad = await t.request({ method: 'POST', url: '/account/profile', as: token, ...form({ name: '' }) });
    assert.equal(bad.statusCode, 422);
    // A language posted here (an old form, a hand-made request) is not this form's business.
    const res = await t.request({ method: 'POST', url: '/account/profile', as: token, ...form({ name: 'Rosa Renamed', language: 'es' }) });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/account?notice=saved');
    const user = await db().selectFrom('users').select(['name', 'locale']).where('email', '=', 'home@example.test').executeTakeFirstOrThrow();
    assert.deepEqual(user, { name: 'Rosa Renamed', locale: 'en' });
    const spanish = await t.request({ method: 'POST', url: '/es/account/profile', as: token, ...form({ name: 'Rosa Renombrada' }) });
    assert.equal(spanish.headers.location, '/es/account?notice=saved', 'back to the page in the language it was posted from');
  });

  test('email change: the current password, then a link to the new address; the old one is told', async () => {
    await registerVerified(t, 'old-address@example.test');
    await registerVerified(t, 'occupied@example.test');
    const token = (await signIn(t, 'old-address@example.test')).token!;
    const wrong = await t.request({ method: 'POST', url: '/account/email', as: token, ...form({ newEmail: 'new-address@example.test', currentPassword: 'not my password' }) });
    assert.equal(wrong.statusCode, 422);
    assert.equal(errorMessage(wrong.body), 'That is not your current password.');
    assert.doesNotMatch(wrong.body, /not my password/);

    const taken = await t.request({ method: 'POST', url: '/account/email', as: token, ...form({ newEmail: 'occupied@example.test', currentPassword: PASSWORD }) });
    const ok = await t.request({ method: 'POST', url: '/account/email', as: token, ...form({ newEmail: 'New-Address@example.test', currentPassword: PASSWORD }) });
    assert.equal(taken.statusCode, 303);
    assert.equal(taken.headers.location, ok.headers.location, 'the same answer for an address that has an account');
    assert.equal((await lastMail(t, 'occupied@example.test'))?.template, 'account.email_change_taken');

    const mail = await lastMail(t, 'new-address@example.test');
    assert.equal(mail?.template, 'account.email_change');
    const link = tokenIn(mail?.text ?? '', '/account/email/confirm');
    assert.equal((await t.request({ url: `/account/email/confirm?token=${link}` })).statusCode, 200);
    assert.equal((await db().selectFrom('users').select('id').where('email', '=', 'new-address@example.test').executeTakeFirst()), undefined, 'GET changes nothing');
    const confirm = await t.request({ method: 'POST', url: '/account/email/confirm', as: token, ...form({ token: link }) });
    assert.equal(confirm.statusCode, 303);
    assert.equal(confirm.headers.location, '/account?notice=emailChanged');
    assert.equal((await lastMail(t, 'old-address@example.test'))?.template, 'account.email_changed');
    assert.equal((await t.request({ method: 'POST', url: '/account/email/confirm', ...form({ token: link }) })).statusCode, 410, 'single use');
    assert.equal((await signIn(t, 'old-address@example.test')).status, 401);
    assert.equal((await signIn(t, 'new-address@example.test')).status, 303);
    assert.ok((await auditCount('account.email_changed')) >= 1);
  });
});
