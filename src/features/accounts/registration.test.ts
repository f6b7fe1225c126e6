import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { buildTestApp, form, type TestApp } from '../../../test/support/app.js';
import { type SmtpSink, startSmtpSink } from '../../../test/support/smtp.js';
import { readJson } from '../../core/db/portable.js';
import { Worker } from '../../core/jobs/index.js';
import { bornYearsAgo, count, errorMessage, lastMail, PASSWORD, register, registerVerified, registration, remoteAddress, signIn, tokenIn } from './test-helpers.js';

const log = pino({ level: 'silent' });

describe('member registration and email verification', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let worker: Worker;

  before(async () => {
    sink = await startSmtpSink();
    t = await buildTestApp({ SMTP_URL: sink.url });
    worker = new Worker({ db: t.services.db, queue: t.services.jobs, log });
  });
  after(async () => {
    t.services.mail.close();
    await t.close();
    await sink.close();
  });

  test('the form: labelled fields, the date of birth as a neutral group, terms with links, an unticked opt-in, the US transfer notice', async () => {
    const res = await t.request({ url: '/account/register' });
    assert.equal(res.statusCode, 200);
    for (const auto of ['name', 'email', 'new-password', 'bday-day', 'bday-month', 'bday-year']) assert.match(res.body, new RegExp(`autocomplete="${auto}"`));
    assert.match(res.body, /<legend>Date of birth<\/legend>/);
    assert.doesNotMatch(res.body, /\b18\b|at least \d+ years|years old/i, 'no hint of the age threshold');
    assert.match(res.body, /href="\/terms"/);
    assert.match(res.body, /href="\/privacy"/);
    assert.match(res.body, /<input type="checkbox" id="field-newsletter" name="newsletter" value="on"\s*\/?>/, 'the marketing opt-in is not ticked');
    assert.match(res.body, /stored and processed in the United States/);
    const es = await t.request({ url: '/es/account/register' });
    assert.match(es.body, /se guardan y se tratan en los Estados Unidos/);
  });

  test('register -> verification email over SMTP (English) -> button page -> verified -> sign in lands on /account', async () => {
    const before = sink.messages.length;
    await register(t, 'rosa@example.test');
    const user = await t.services.db.selectFrom('users').selectAll().where('email', '=', 'rosa@example.test').executeTakeFirstOrThrow();
    assert.equal(user.email_verified_at, null, 'created unverified');
    assert.equal(user.country, 'US');
    assert.match(String(user.terms_version), /^Version /);
    assert.match(String(user.privacy_version), /^Version /);
    const roles = await t.services.db.selectFrom('user_roles').select('role').where('user_id', '=', user.id).execute();
    assert.deepEqual(roles.map((r) => r.role), ['member']);
    const token = await t.services.db.selectFrom('account_tokens').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    assert.equal(token.purpose, 'verify');

    await worker.drain();
    await sink.waitFor(before + 1);
    const mail = sink.messages.at(-1)!;
    assert.match(mail.subject ?? '', /Confirm your email address/);
    const link = /http:\/\/localhost:3000\/account\/verify\?token=([\w-]+)/.exec(mail.text ?? '');
    assert.ok(link?.[1], mail.text);
    assert.notEqual(token.token_hash, link[1], 'only a hash of the token is stored');

    // Unverified: the generic failure, with the offer to resend.
    const early = await signIn(t, 'rosa@example.test');
    assert.equal(early.status, 401);
    assert.match(early.body, /href="\/account\/verify\/resend"/);

    const page = await t.request({ url: `/account/verify?token=${link[1]}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Confirm my email address/);
    assert.equal((await t.services.db.selectFrom('users').select('email_verified_at').where('id', '=', user.id).executeTakeFirstOrThrow()).email_verified_at, null, 'GET changes nothing');
    const confirm = await t.request({ method: 'POST', url: '/account/verify', ...form({ token: link[1] }) });
    assert.equal(confirm.statusCode, 303);
    assert.equal(confirm.headers.location, '/account/sign-in?notice=verified');
    const again = await t.request({ method: 'POST', url: '/account/verify', ...form({ token: link[1] }) });
    assert.equal(again.statusCode, 410, 'the link works once');

    const ok = await signIn(t, 'rosa@example.test');
    assert.equal(ok.status, 303);
    assert.equal(ok.location, '/account');
    const home = await t.request({ url: '/account', as: ok.token! });
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /rosa@example.test/);
    const events = await t.services.db.selectFrom('audit_events').select('action').where('target_id', '=', user.id).execute();
    assert.deepEqual(new Set(events.map((e) => e.action)), new Set(['account.registered', 'account.email_verified', 'auth.sign_in', 'account.new_browser']));
    assert.ok(!JSON.stringify(await t.services.db.selectFrom('audit_events').select('change').execute()).includes(PASSWORD));
  });

  test('a Spanish registration gets its email in Spanish, with a Spanish link', async () => {
    const before = sink.messages.length;
    const res = await t.request({ method: 'POST', url: '/es/account/register', remoteAddress: remoteAddress(), ...form(registration('lucia@example.test', { name: 'Lucía', language: 'es', country: 'MX' })) });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/es/account/register/sent');
    await worker.drain();
    await sink.waitFor(before + 1);
    const mail = sink.messages.at(-1)!;
    assert.match(mail.subject ?? '', /Confirme su correo electrónico/);
    assert.match(mail.text ?? '', /Hola, Lucía/);
    const token = tokenIn(mail.text ?? '', 'http://localhost:3000/es/account/verify');
    const confirm = await t.request({ method: 'POST', url: '/es/account/verify', ...form({ token }) });
    assert.equal(confirm.headers.location, '/es/account/sign-in?notice=verified');
  });

  test('an address that already has an account: the same page, and an email to its owner instead', async () => {
    await registerVerified(t, 'taken@example.test');
    const users = await count(t, 'users');
    const res = await t.request({ method: 'POST', url: '/account/register', remoteAddress: remoteAddress(), ...form(registration('TAKEN@example.test', { name: 'Someone Else' })) });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/account/register/sent');
    assert.equal(await count(t, 'users'), users);
    assert.equal((await lastMail(t, 'taken@example.test'))?.template, 'account.exists');
  });

  test('resending the verification answers the same for every address', async () => {
    await register(t, 'slow@example.test');
    const known = await t.request({ method: 'POST', url: '/account/verify/resend', remoteAddress: remoteAddress(), ...form({ email: 'slow@example.test' }) });
    const unknown = await t.request({ method: 'POST', url: '/account/verify/resend', remoteAddress: remoteAddress(), ...form({ email: 'nobody-at-all@example.test' }) });
    assert.equal(known.statusCode, 303);
    assert.equal(unknown.statusCode, 303);
    assert.equal(known.headers.location, unknown.headers.location);
    const tokens = await t.services.db.selectFrom('account_tokens').innerJoin('users', 'users.id', 'account_tokens.user_id').select('account_tokens.id').where('users.email', '=', 'slow@example.test').execute();
    assert.equal(tokens.length, 1, 'the new link replaces the old one');
    assert.equal(await lastMail(t, 'nobody-at-all@example.test'), undefined);
  });

  test('the newsletter opt-in subscribes the verified address with a consent record; unticked subscribes nothing', async () => {
    await registerVerified(t, 'news@example.test', { newsletter: 'on' });
    const subscriber = await t.services.db.selectFrom('newsletter_subscribers').selectAll().where('email', '=', 'news@example.test').executeTakeFirstOrThrow();
    assert.equal(subscriber.status, 'active');
    const lists = await t.services.db.selectFrom('newsletter_subscriptions').select('list_id').where('subscriber_id', '=', subscriber.id).execute();
    assert.deepEqual(lists.map((l) => l.list_id), ['list-patients']);
    const consents = await t.services.db.selectFrom('newsletter_consents').selectAll().where('subscriber_id', '=', subscriber.id).execute();
    assert.deepEqual(consents.map((c) => c.event).sort(), ['confirmed', 'requested']);
    assert.ok(consents.every((c) => c.source === '/account/register' && /^Version /.test(c.policy_version)));
    assert.deepEqual(readJson(consents[0]!.lists), ['list-patients']);

    await registerVerified(t, 'quiet@example.test');
    assert.equal(await t.services.db.selectFrom('newsletter_subscribers').select('id').where('email', '=', 'quiet@example.test').executeTakeFirst(), undefined);
  });

  test('form errors come back with the input (never the password) and nothing is stored', async () => {
    const users = await count(t, 'users');
    const res = await t.request({
      method: 'POST',
      url: '/account/register',
      remoteAddress: remoteAddress(),
      ...form({ name: 'Kim <b>', email: 'not-an-email', password: 'secret-password-typed', birthDay: '31', birthMonth: '2', birthYear: '1990', country: 'XX', language: 'en' }),
    });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /class="error-summary"/);
    assert.match(res.body, /Enter an email address/);
    assert.match(res.body, /Enter a real date of birth/);
    assert.match(res.body, /Choose one of the options/);
    assert.match(res.body, /accept the terms of use/);
    assert.match(res.body, /value="Kim <b>"/, 'kept (quoted attribute: < is harmless there)');
    assert.doesNotMatch(res.body, /secret-password-typed/);
    assert.equal(await count(t, 'users'), users);
  });

  test('password policy: 8 characters, not a common password, up to 256 characters, any characters', async () => {
    const attempt = async (password: string, email: string) =>
      t.request({ method: 'POST', url: '/account/register', remoteAddress: remoteAddress(), ...form(registration(email, { password })) });
    const short = await attempt('seven77', 'short@example.test');
    assert.equal(short.statusCode, 422);
    assert.equal(errorMessage(short.body), 'Use at least 8 characters.');
    const common = await attempt('Password1', 'common@example.test');
    assert.equal(common.statusCode, 422);
    assert.match(errorMessage(common.body) ?? '', /too common/);
    assert.equal((await attempt('ILOVEYOU2', 'common2@example.test')).statusCode, 422, 'the list is checked case-insensitively');
    const long = 'correct horse battery staple '.repeat(9); // 261 characters
    assert.equal(errorMessage((await attempt(long, 'long@example.test')).body), 'Use at most 256 characters.');
    assert.equal((await attempt(long.slice(0, 100), 'hundred@example.test')).statusCode, 303, '64+ characters are fine');
    assert.equal((await attempt('🔑🌊🌴🐚🦩🌅🍍🛶', 'emoji@example.test')).statusCode, 303, 'eight emoji are eight characters');
    assert.equal((await attempt('  spaces  ok  ', 'spaces@example.test')).statusCode, 303);
    // NFKC: full-width letters sign in as their plain spelling.
    await registerVerified(t, 'fullwidth@example.test', { password: 'ｗｉｄｅ ｐａｓｓｗｏｒｄ ｈｅｒｅ' });
    assert.equal((await signIn(t, 'fullwidth@example.test', 'wide password here')).status, 303);
    assert.equal(await count(t, 'users') > 0, true);
    assert.equal(await t.services.db.selectFrom('users').select('id').where('email', 'in', ['short@example.test', 'common@example.test', 'long@example.test']).executeTakeFirst(), undefined);
  });
});

describe('under the minimum age', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  const tables = ['users', 'user_roles', 'sessions', 'account_tokens', 'sign_in_throttle', 'professional_profiles', 'mail_messages', 'audit_events', 'newsletter_subscribers', 'jobs'] as const;
  async function counts(): Promise<Record<string, number>> {
    return Object.fromEntries(await Promise.all(tables.map(async (name) => [name, await count(t, name)] as const)));
  }

  test('a kind refusal, nothing stored, and a cookie that brings the refusal back', async () => {
    const before = await counts();
    for (const path of ['/account/register', '/account/register/professional']) {
      const res = await t.request({ method: 'POST', url: path, remoteAddress: remoteAddress(), ...form(registration(`kid-${path.length}@example.test`, { ...bornYearsAgo(17, -1), name: 'Young Person', newsletter: 'on' })) });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /We cannot create an account for you/);
      assert.match(res.body, /aged 18 or older/);
      assert.doesNotMatch(res.body, /Young Person|kid-/, 'nothing typed is shown back');
      const cookie = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('sutura_age_refused='));
      assert.ok(cookie);
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Lax/);
      assert.match(cookie, /Max-Age=2592000/);
    }
    assert.deepEqual(await counts(), before, 'no row anywhere: users, tokens, throttles, profiles, mail, audit, jobs');

    const back = await t.request({ url: '/account/register', headers: { cookie: 'sutura_age_refused=1' } });
    assert.match(back.body, /We cannot create an account for you/);
    assert.doesNotMatch(back.body, /name="birthYear"/, 'no form to try another date');
    const body = form(registration('adult-now@example.test'));
    const retry = await t.request({ method: 'POST', url: '/account/register', remoteAddress: remoteAddress(), payload: body.payload, headers: { ...body.headers, cookie: 'sutura_age_refused=1' } });
    assert.match(retry.body, /We cannot create an account for you/);
    assert.deepEqual(await counts(), before);
  });

  test('someone who turns 18 today is old enough', async () => {
    const res = await t.request({ method: 'POST', url: '/account/register', remoteAddress: remoteAddress(), ...form(registration('birthday@example.test', bornYearsAgo(18))) });
    assert.equal(res.statusCode, 303);
    const almost = await t.request({ method: 'POST', url: '/account/register', remoteAddress: remoteAddress(), ...form(registration('tomorrow@example.test', bornYearsAgo(18, -1))) });
    assert.match(almost.body, /We cannot create an account for you/);
  });

  test('no log line carries the form body, even at trace level', () => {
    // Fastify logs method, URL and status; our error handler logs error codes. Run in a child
    // process so its pino output (written straight to fd 1) can be read.
    const script = `
      import { buildTestApp, form } from './test/support/app.js';
      import { bornYearsAgo, registration } from './src/features/accounts/test-helpers.js';
      const t = await buildTestApp({ LOG_LEVEL: 'trace' });
      await t.request({ method: 'POST', url: '/account/register', remoteAddress: '192.0.2.1', ...form(registration('logged-kid@example.test', { ...bornYearsAgo(15), name: 'Logged Kid' })) });
      await t.request({ method: 'POST', url: '/account/register', remoteAddress: '192.0.2.1', ...form(registration('logged-adult@example.test', { name: 'Logged Adult', country: 'ZZ' })) });
      await t.close();
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, NODE_ENV: 'test' } });
    assert.equal(child.status, 0, child.stderr);
    assert.match(child.stdout, /"url":"\/account\/register"/, 'the requests were logged');
    assert.doesNotMatch(child.stdout, /logged-kid|Logged Kid|logged-adult|Logged Adult|plum orchard/);
  });
});
