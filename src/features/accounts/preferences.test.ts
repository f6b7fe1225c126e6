import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { buildTestApp, form, type TestApp } from '../../../test/support/app.js';
import { hostile } from '../../../test/support/hostile.js';
import { findUserByEmail, validateSession, sessionPolicy } from '../../core/auth/index.js';
import { ForbiddenError } from '../../core/errors.js';
import { readBool } from '../../core/db/portable.js';
import { StaffService } from '../staff/service.js';
import { AccountService } from './service.js';
import { registerVerified, remoteAddress, signIn } from './test-helpers.js';

describe('preferences: language, the patients\' newsletter, unblurred sensitive images, new sign-in emails', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  const post = (as: string, fields: Record<string, string | string[]>) => t.request({ method: 'POST', url: '/account/preferences', as, remoteAddress: remoteAddress(), ...form(fields) });
  const user = async (email: string) => (await findUserByEmail(t.services.db, email))!;
  const subscriber = (email: string) => t.services.db.selectFrom('newsletter_subscribers').select(['id', 'status']).where('email', '=', email).executeTakeFirst();

  test('only a signed-in person reaches their own preferences; everything starts off but the new sign-in email', async () => {
    assert.equal((await t.request({ url: '/account/preferences', headers: { accept: 'application/json' } })).statusCode, 401);
    await registerVerified(t, 'pia@example.test');
    const session = (await signIn(t, 'pia@example.test')).token!;
    const page = await t.request({ url: '/account/preferences', as: session });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Show sensitive medical images without blur/);
    const ticked = [...page.body.matchAll(/<input type="checkbox"[^>]*name="(\w+)"[^>]*>/g)].filter((m) => / checked/.test(m[0])).map((m) => m[1]);
    assert.deepEqual(ticked, ['newSignInEmail'], 'only the new sign-in email is ticked in advance');
    assert.match(page.body, /Email me when my account is signed in from a new browser/);
    assert.match((await t.request({ url: '/account', as: session })).body, /href="\/account\/preferences"/, 'linked from the account page');
    assert.match(page.body, /href="\/account"/, 'name and email changes are linked');
  });

  test('saving changes the language, joins the newsletter with a consent record, and unblurs images; unticking undoes it', async () => {
    await registerVerified(t, 'lia@example.test');
    const session = (await signIn(t, 'lia@example.test')).token!;
    const saved = await post(session, { language: 'es', newsletter: 'on', revealSensitiveMedia: 'on' });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, '/es/account/preferences?notice=saved');
    const after = await user('lia@example.test');
    assert.equal(after.locale, 'es');
    assert.equal(after.revealSensitiveMedia, true);
    assert.equal((await validateSession(t.services.db, session, sessionPolicy(t.services.config)))?.revealSensitiveMedia, true, 'the library reads it from the actor');
    const sub = (await subscriber('lia@example.test'))!;
    assert.equal(sub.status, 'active');
    const lists = await t.services.db.selectFrom('newsletter_subscriptions').select('list_id').where('subscriber_id', '=', sub.id).execute();
    assert.deepEqual(lists.map((l) => l.list_id), ['list-patients']);
    const consents = await t.services.db.selectFrom('newsletter_consents').select(['event', 'source']).where('subscriber_id', '=', sub.id).execute();
    assert.ok(consents.some((c) => c.event === 'confirmed' && c.source === '/account/preferences'));
    assert.match((await t.request({ url: '/es/account/preferences?notice=saved', as: session })).body, /Sus preferencias están guardadas/);
    const event = await t.services.db.selectFrom('audit_events').select('change').where('action', '=', 'account.preferences_updated').where('target_id', '=', after.id).executeTakeFirstOrThrow();
    assert.doesNotMatch(JSON.stringify(event.change), /lia@example/);

    const off = await post(session, { language: 'en' });
    assert.equal(off.statusCode, 303);
    assert.equal((await user('lia@example.test')).revealSensitiveMedia, false);
    assert.equal((await subscriber('lia@example.test'))!.status, 'unsubscribed');
    assert.ok(await t.services.db.selectFrom('newsletter_suppressions').select('email_hash').executeTakeFirst(), 'no more issues are sent to the address');
    assert.equal((await post(session, { language: 'en', newsletter: 'on' })).statusCode, 303);
    assert.equal((await subscriber('lia@example.test'))!.status, 'active', 'ticking again is a fresh opt-in');
  });

  test('an invalid language comes back with a message and changes nothing', async () => {
    await registerVerified(t, 'kim@example.test');
    const session = (await signIn(t, 'kim@example.test')).token!;
    const res = await post(session, { language: 'fr', revealSensitiveMedia: 'on' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /role="alert"/);
    assert.equal((await user('kim@example.test')).revealSensitiveMedia, false);
  });

  test('an account marked as a minor\'s can never turn unblurred images on', async () => {
    await registerVerified(t, 'young@example.test');
    const session = (await signIn(t, 'young@example.test')).token!;
    const officer = await t.signIn(['privacy_officer'], 'officer@example.test');
    const officerActor = (await validateSession(t.services.db, officer, sessionPolicy(t.services.config)))!;
    const young = await user('young@example.test');
    await new StaffService(t.services).markMinor(officerActor, young.id, 'guardian_request');
    assert.equal((await post(session, { language: 'en', revealSensitiveMedia: 'on' })).statusCode, 401, 'signed out at once');
    const actor = { id: young.id, name: young.name, email: young.email, roles: young.roles, sessionId: 'gone', revealSensitiveMedia: false };
    await assert.rejects(new AccountService(t.services, sessionPolicy(t.services.config)).savePreferences(actor, { locale: 'en', newsletter: false, revealSensitiveMedia: true, newSignInEmail: true }), ForbiddenError);
    const row = await t.services.db.selectFrom('users').select('reveal_sensitive_media').where('id', '=', young.id).executeTakeFirstOrThrow();
    assert.equal(readBool(row.reveal_sensitive_media), false);
  });

  test('hostile values never give a 500 nor a half-saved form, and always a page with a message', async () => {
    await registerVerified(t, 'prop@example.test');
    const session = (await signIn(t, 'prop@example.test')).token!;
    await fc.assert(
      fc.asyncProperty(hostile({ language: 'en', newsletter: 'on', revealSensitiveMedia: 'on' }), async (fields) => {
        const before = await user('prop@example.test');
        const res = await post(session, fields);
        assert.ok([303, 422].includes(res.statusCode), `status ${res.statusCode}`);
        if (res.statusCode === 422) {
          assert.match(res.body, /role="alert"/, 'the form comes back with a message');
          const now = await user('prop@example.test');
          assert.deepEqual([now.locale, now.revealSensitiveMedia], [before.locale, before.revealSensitiveMedia], 'nothing saved');
          assert.doesNotMatch(res.body.replace(/="[^"]*"/g, '=""'), /<script>alert\(1\)<\/script>|<img src=x/);
        } else {
          const now = await user('prop@example.test');
          assert.equal(now.revealSensitiveMedia, fields.revealSensitiveMedia === 'on');
        }
      }),
      { numRuns: 60 },
    );
  });
});
