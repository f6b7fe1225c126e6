import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, form, type TestApp } from '../../../test/support/app.js';
import { readJson } from '../db/portable.js';
import { insertRole } from './store.js';
import { enrolTotp, registerVerified, remoteAddress, signIn } from '../../features/accounts/test-helpers.js';
import * as passkeyStore from '../../features/passkeys/store.js';
import { allowedBeforeSecondFactor, createSession, createStaffInvite, hasSecondFactor, ROLES, secondFactorRequired, secondFactorStanding, sessionPolicy } from './index.js';

describe('the second-factor rule', () => {
  test('staff and professionals must use a second factor; members need not', () => {
    for (const role of ROLES) assert.equal(secondFactorRequired([role]), role !== 'member', role);
    assert.equal(secondFactorRequired([]), false);
    assert.equal(secondFactorRequired(['member', 'professional']), true);
  });

  test('every branch: not required, required without a factor, required with one used or not', () => {
    for (const enrolled of [false, true]) {
      for (const sessionSecondFactor of [false, true]) {
        assert.equal(secondFactorStanding({ required: false, enrolled, sessionSecondFactor }), 'ok', 'members are never stopped');
      }
    }
    assert.equal(secondFactorStanding({ required: true, enrolled: false, sessionSecondFactor: false }), 'enrol');
    // A factor removed since (the last passkey deleted): enrol again, whatever the session had.
    assert.equal(secondFactorStanding({ required: true, enrolled: false, sessionSecondFactor: true }), 'enrol');
    assert.equal(secondFactorStanding({ required: true, enrolled: true, sessionSecondFactor: true }), 'ok');
    assert.equal(secondFactorStanding({ required: true, enrolled: true, sessionSecondFactor: false }), 'reauthenticate');
  });

  test('before enrolling: public pages, enrolment and signing out only', () => {
    for (const action of ['site.read', 'account.sign_in', 'account.two_factor', 'account.passkeys', 'account.sign_out', 'account.second_factor']) {
      assert.equal(allowedBeforeSecondFactor(action), true, action);
    }
    for (const action of ['account.home', 'account.sessions', 'guides.edit', 'people.manage', 'professionals.verify', 'no.such.action']) {
      assert.equal(allowedBeforeSecondFactor(action), false, action);
    }
  });
});

describe('second factor required for staff and professionals, through HTTP', () => {
  let t: TestApp;
  const password = 'a long enough staff password';
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  const json = { accept: 'application/json' };
  const userId = async (email: string) => (await t.services.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  const sessionRow = (token: string) => t.services.db.selectFrom('sessions').select(['id', 'second_factor']).where('id', '=', token.split('.')[0]!).executeTakeFirst();

  /** A new editor through a set-up link: signed in by the link, with no second factor yet. */
  async function newEditor(email: string): Promise<string> {
    const token = await createStaffInvite(t.services.db, ['editor']);
    const res = await t.request({ method: 'POST', url: '/account/setup', remoteAddress: remoteAddress(), ...form({ token, name: 'Erin', email, password, confirm: password }) });
    assert.equal(res.statusCode, 303, res.body);
    return /sutura_session=([^;]+)/.exec([res.headers['set-cookie'] ?? []].flat().join(','))![1]!;
  }

  test('without a second factor, staff are sent to enrol before anything but enrolment, sign-out and public pages', async () => {
    const session = await newEditor('enrol@example.test');
    const admin = await t.request({ url: '/admin', as: session });
    assert.equal(admin.statusCode, 303);
    assert.equal(admin.headers.location, '/account/two-factor');
    assert.equal((await t.request({ url: '/es/account', as: session })).headers.location, '/es/account/two-factor', 'in the person\'s language');
    const api = await t.request({ url: '/admin/guides/new', as: session, headers: json });
    assert.equal(api.statusCode, 403);
    assert.equal(JSON.parse(api.body).error.code, 'second_factor_required');
    const post = await t.request({ method: 'POST', url: '/admin/guides', as: session, ...form({ title: 'x' }) });
    assert.equal(post.statusCode, 403);
    assert.match(post.body, /Set up two-step sign-in first/);

    const enrolPage = await t.request({ url: '/account/two-factor', as: session });
    assert.equal(enrolPage.statusCode, 200);
    assert.match(enrolPage.body, /must set up two-step sign-in before you continue/);
    assert.match(enrolPage.body, /href="\/account\/passkeys"/);
    assert.doesNotMatch(enrolPage.body, /href="\/admin"/, 'no link to where the person cannot go yet');
    assert.equal((await t.request({ url: '/account/passkeys', as: session })).statusCode, 200);
    assert.equal((await t.request({ url: '/guides', as: session })).statusCode, 200, 'public pages stay open');
    assert.equal((await sessionRow(session))?.second_factor ? true : false, false);

    // Enrolling in this session proves the factor here: the session counts, and it is audited.
    await enrolTotp(t, session);
    assert.equal((await t.request({ url: '/admin', as: session })).statusCode, 200);
    assert.ok((await sessionRow(session))?.second_factor);
    const event = await t.services.db.selectFrom('audit_events').select('change').where('action', '=', 'auth.two_factor_enabled').where('target_id', '=', await userId('enrol@example.test')).executeTakeFirstOrThrow();
    assert.deepEqual(readJson(event.change), { required: true });
  });

  test('signing out stays possible before enrolling', async () => {
    const session = await newEditor('leave@example.test');
    const out = await t.request({ method: 'POST', url: '/account/sign-out', as: session });
    assert.equal(out.statusCode, 303);
    assert.equal(await sessionRow(session), undefined);
  });

  test('a staff session opened by the password alone, for someone with a second factor, does not exist', async () => {
    await t.signIn(['moderator'], 'weak@example.test');
    const id = await userId('weak@example.test');
    // As if the password alone had opened it (a session from before the rule, or a bug).
    const weak = await createSession(t.services.db, id, sessionPolicy(t.services.config), 'test');
    const res = await t.request({ url: '/admin', as: weak.token, headers: json });
    assert.equal(res.statusCode, 401);
    assert.equal(await sessionRow(weak.token), undefined, 'the session is ended');

    // The password leads to the challenge, and the code opens a session that counts.
    const pwd = await t.request({ method: 'POST', url: '/account/sign-in', remoteAddress: remoteAddress(), ...form({ email: 'weak@example.test', password: 'correct horse battery staple' }) });
    assert.equal(pwd.headers.location, '/account/two-factor/verify');
    assert.doesNotMatch(String(pwd.headers['set-cookie']), /sutura_session=[^;]/);
    const step = [pwd.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('sutura_second_step='))!.split(';')[0]!;
    const done = await t.request({ method: 'POST', url: '/account/two-factor/verify', remoteAddress: remoteAddress(), headers: { cookie: step, 'content-type': 'application/x-www-form-urlencoded' }, payload: `code=${t.totpCode('weak@example.test')}` });
    assert.equal(done.headers.location, '/admin');
    const strong = /sutura_session=([^;]+)/.exec([done.headers['set-cookie'] ?? []].flat().join(','))![1]!;
    assert.ok((await sessionRow(strong))?.second_factor);
    assert.equal((await t.request({ url: '/admin', as: strong })).statusCode, 200);
  });

  test('members are never stopped, with or without a second factor', async () => {
    await registerVerified(t, 'member@example.test');
    const session = (await signIn(t, 'member@example.test')).token!;
    assert.equal((await t.request({ url: '/account', as: session })).statusCode, 200);
    await enrolTotp(t, session);
    // A member's older password-only session keeps working: nothing requires more of them.
    const other = await createSession(t.services.db, await userId('member@example.test'), sessionPolicy(t.services.config), 'test');
    assert.equal((await t.request({ url: '/account', as: other.token })).statusCode, 200);
  });

  test('a role granted later: the very next request is sent to enrol', async () => {
    await registerVerified(t, 'promoted@example.test');
    const session = (await signIn(t, 'promoted@example.test')).token!;
    const id = await userId('promoted@example.test');
    // Roles are read on every request: even a grant that ended no session applies at once.
    await t.services.db.transaction().execute((trx) => insertRole(trx, id, 'editor', null));
    assert.equal((await t.request({ url: '/account', as: session })).headers.location, '/account/two-factor');

    // The admin's page grants roles and ends sessions: signing in again leads to enrolment too.
    const admin = await t.signIn(['admin']);
    await registerVerified(t, 'granted@example.test');
    const before = (await signIn(t, 'granted@example.test')).token!;
    const grant = await t.request({ method: 'POST', url: `/admin/people/${await userId('granted@example.test')}/roles`, as: admin, ...form({ roles: ['member', 'moderator'] }) });
    assert.equal(grant.statusCode, 303, grant.body);
    assert.equal((await t.request({ url: '/account', as: before, headers: json })).statusCode, 401);
    const again = await signIn(t, 'granted@example.test');
    assert.equal(again.location, '/admin');
    assert.equal((await t.request({ url: '/admin', as: again.token! })).headers.location, '/account/two-factor');
  });

  test('a passkey counts as a second factor; removing the last one means enrolling again', async () => {
    const session = await newEditor('keys@example.test');
    const id = await userId('keys@example.test');
    assert.equal(await hasSecondFactor(t.services.db, id), false);
    await t.services.db.transaction().execute((trx) =>
      passkeyStore.insert(trx, { id: 'credential-1', userId: id, publicKey: 'AAAA', counter: 0, transports: [], backedUp: false, name: 'Laptop' }),
    );
    assert.equal(await hasSecondFactor(t.services.db, id), true);
    // The set-up link's session was opened by the password: now that a factor exists, it ends.
    assert.equal((await t.request({ url: '/account/two-factor', as: session, headers: json })).statusCode, 401);
    const strong = await createSession(t.services.db, id, sessionPolicy(t.services.config), 'test', false, true);
    assert.equal((await t.request({ url: '/admin', as: strong.token })).statusCode, 200);
    await t.services.db.deleteFrom('webauthn_credentials').where('user_id', '=', id).execute();
    assert.equal((await t.request({ url: '/admin', as: strong.token })).headers.location, '/account/two-factor');
  });

  test('test sessions made by signIn() have passed the second factor, and its codes are known', async () => {
    const editor = await t.signIn(['editor'], 'helper@example.test');
    assert.equal((await t.request({ url: '/admin', as: editor })).statusCode, 200);
    const id = await userId('helper@example.test');
    assert.equal(await hasSecondFactor(t.services.db, id), true);
    assert.match(t.totpCode('helper@example.test'), /^\d{6}$/);
  });
});
