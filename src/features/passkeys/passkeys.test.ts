import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import * as store from './store.js';

// The full ceremony needs an authenticator: test/e2e/passkeys.test.ts runs it in Chromium with a
// virtual one. Here: the options, the challenges, and how bad input is refused.
describe('passkeys', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  const json = (body: unknown) => ({ payload: JSON.stringify(body), headers: { 'content-type': 'application/json', accept: 'application/json' } });
  const bogus = { id: 'abc', rawId: 'abc', type: 'public-key', response: { clientDataJSON: 'e30', authenticatorData: 'AAAA', signature: 'AAAA' }, clientExtensionResults: {} };

  test('registration options are for this site and this person, and need a session', async () => {
    assert.equal((await t.request({ method: 'POST', url: '/account/passkeys/options', ...json({}) })).statusCode, 401);
    const member = await t.signIn(['member'], 'pia@example.test');
    const res = await t.request({ method: 'POST', url: '/account/passkeys/options', as: member, ...json({}) });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'no-store');
    const options = res.json();
    assert.equal(options.rp.id, 'localhost');
    assert.equal(options.user.name, 'pia@example.test');
    assert.equal(options.authenticatorSelection.userVerification, 'required');
    assert.equal(options.authenticatorSelection.residentKey, 'required');
    const stored = await t.services.db.selectFrom('webauthn_challenges').selectAll().where('challenge', '=', options.challenge).executeTakeFirstOrThrow();
    assert.equal(stored.purpose, 'register');
  });

  test('a challenge works once, for its purpose and person only, and not after it expires', async () => {
    const { db } = t.services;
    const soon = new Date(Date.now() + 60_000);
    await store.saveChallenge(db, 'c1', 'authenticate', null, soon);
    assert.equal(await store.consumeChallenge(db, 'c1', 'register', null), false);
    assert.equal(await store.consumeChallenge(db, 'c1', 'authenticate', null), true);
    assert.equal(await store.consumeChallenge(db, 'c1', 'authenticate', null), false);
    await store.saveChallenge(db, 'c2', 'authenticate', null, new Date(Date.now() - 1000));
    assert.equal(await store.consumeChallenge(db, 'c2', 'authenticate', null), false);
  });

  test('forged or malformed responses are refused with a message, never a 500', async () => {
    const options = (await t.request({ method: 'POST', url: '/account/passkey/options', ...json({}) })).json();
    assert.equal(options.rpId, 'localhost');
    const cases: [unknown, number][] = [[{}, 400], [{ credential: 'x' }, 400], [{ credential: { ...bogus, type: 'other' } }, 400], [{ credential: { ...bogus, id: 'x'.repeat(5000) } }, 400], [{ credential: bogus }, 401]];
    for (const [body, status] of cases) {
      const res = await t.request({ method: 'POST', url: '/account/passkey/sign-in', remoteAddress: '198.51.100.77', ...json(body) });
      assert.equal(res.statusCode, status, JSON.stringify(body));
      assert.match(res.json().error, /did not work/);
    }
    const failures = await t.services.db.selectFrom('audit_events').select('action').where('action', '=', 'auth.sign_in_failed').execute();
    assert.equal(failures.length, 1, 'the failed verification is audited');
    const broken = await t.request({ method: 'POST', url: '/account/passkey/sign-in', payload: '{not json', headers: { 'content-type': 'application/json', accept: 'application/json' } });
    assert.equal(broken.statusCode, 400);
    const member = await t.signIn(['member']);
    const add = await t.request({ method: 'POST', url: '/account/passkeys', as: member, ...json({ name: 'Laptop', credential: { ...bogus, response: { clientDataJSON: 'e30', attestationObject: 'AAAA' } } }) });
    assert.equal(add.statusCode, 400);
    assert.match(add.json().error, /could not be added/);
  });

  test('a passkey can be removed only by its owner', async () => {
    const { db } = t.services;
    const ownerToken = await t.signIn(['member'], 'owner@example.test');
    const otherToken = await t.signIn(['member'], 'other@example.test');
    const ownerId = (await db.selectFrom('users').select('id').where('email', '=', 'owner@example.test').executeTakeFirstOrThrow()).id;
    await store.insert(db, { id: 'cred-1', userId: ownerId, publicKey: 'AAAA', counter: 0, transports: ['internal'], backedUp: true, name: 'Phone' });
    const page = await t.request({ url: '/account/passkeys', as: ownerToken });
    assert.match(page.body, /Phone/);
    assert.doesNotMatch((await t.request({ url: '/account/passkeys', as: otherToken })).body, /Phone/);
    await t.request({ method: 'POST', url: '/account/passkeys/cred-1/delete', as: otherToken });
    assert.ok(await store.find(db, 'cred-1'), 'another person cannot remove it');
    const removed = await t.request({ method: 'POST', url: '/account/passkeys/cred-1/delete', as: ownerToken });
    assert.equal(removed.statusCode, 303);
    assert.equal(await store.find(db, 'cred-1'), null);
  });
});
