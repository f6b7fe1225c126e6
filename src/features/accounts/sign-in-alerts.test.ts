import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, form, type TestApp } from '../../../test/support/app.js';
import { createStaffInvite, findUserByEmail } from '../../core/auth/index.js';
import { totpStep } from '../../core/auth/totp.js';
import { readBool } from '../../core/db/portable.js';
import { runRetention } from '../../core/privacy/retention.js';
import * as passkeyStore from '../passkeys/store.js';
import { PASSWORD, registerVerified, remoteAddress } from './test-helpers.js';

const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const CHROME_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

/** What the browser was given: the device cookie's value and its attributes. */
function deviceCookie(res: LightMyRequestResponse): { value: string; header: string } | undefined {
  const header = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('sutura_device='));
  return header ? { value: /^sutura_device=([^;]*)/.exec(header)![1]!, header } : undefined;
}

describe('new sign-in emails: a browser the account has not seen is emailed about', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  const db = () => t.services.db;

  /** Signs in with the password from a browser: with its device cookie when it has one. */
  async function signInFrom(email: string, browser: { device?: string; ua?: string } = {}, password = PASSWORD): Promise<{ res: LightMyRequestResponse; device: string | undefined }> {
    const body = form({ email, password });
    const headers = { ...body.headers, 'user-agent': browser.ua ?? FIREFOX_LINUX, ...(browser.device ? { cookie: `sutura_device=${browser.device}` } : {}) };
    const res = await t.request({ method: 'POST', url: '/account/sign-in', remoteAddress: remoteAddress(), payload: body.payload, headers });
    assert.equal(res.statusCode, 303, res.body);
    return { res, device: deviceCookie(res)?.value };
  }

  /** The new sign-in emails sent to an address, oldest first. */
  const alerts = (to: string) =>
    db().selectFrom('mail_messages').select(['subject', 'text', 'html', 'locale']).where('to_address', '=', to).where('template', '=', 'account.new_sign_in').orderBy('created_at').orderBy('id').execute();
  const devicesOf = async (email: string) => db().selectFrom('known_devices').selectAll().where('user_id', '=', (await findUserByEmail(db(), email))!.id).execute();

  test('the first sign-in after registering sends nothing; the same browser again sends nothing; another browser is emailed about', async () => {
    await registerVerified(t, 'ana@example.test');
    const first = await signInFrom('ana@example.test');
    assert.equal((await alerts('ana@example.test')).length, 0, 'the person who just created the account is not warned about themselves');
    const cookie = deviceCookie(first.res)!;
    assert.match(cookie.value, /^[\w-]{27}$/);
    assert.match(cookie.header, /HttpOnly/);
    assert.match(cookie.header, /SameSite=Lax/);
    assert.match(cookie.header, /Path=\//);
    assert.match(cookie.header, /Max-Age=34560000/, 'long-lived: 400 days');
    assert.doesNotMatch(cookie.header, /Secure/, 'the test site is plain http');

    const [stored] = await devicesOf('ana@example.test');
    assert.ok(stored);
    assert.deepEqual([stored.browser, stored.os], ['Firefox', 'Linux']);
    assert.notEqual(stored.device_hash, cookie.value);
    assert.doesNotMatch(JSON.stringify(stored), new RegExp(cookie.value), 'only a hash of the id is kept');
    assert.doesNotMatch(JSON.stringify(stored), /198\.51\.100|127\.0\.0\.1/, 'never the IP address');

    const again = await signInFrom('ana@example.test', { device: first.device! });
    assert.equal(again.device, first.device, 'the same id, its cookie renewed');
    assert.equal((await alerts('ana@example.test')).length, 0, 'a browser seen before is not news');
    assert.equal((await devicesOf('ana@example.test')).length, 1);

    const other = await signInFrom('ana@example.test', { ua: CHROME_WINDOWS });
    assert.notEqual(other.device, first.device, 'a browser without the cookie gets its own id');
    const [mail, ...more] = await alerts('ana@example.test');
    assert.equal(more.length, 0);
    assert.ok(mail);
    assert.equal(mail.subject, `New sign-in to your account at ${t.services.config.practice.name}`);
    assert.match(mail.text, /Browser and system: Chrome on Windows\./);
    assert.match(mail.text, /When: \w+ \d{1,2}, \d{4} at \d{1,2}:\d{2} [AP]M UTC\./, 'the time, with its zone named');
    assert.match(mail.text, /http:\/\/localhost:3000\/account\/forgot/, 'change the password');
    assert.match(mail.text, /http:\/\/localhost:3000\/account\/sessions/, 'sign out everywhere');
    assert.match(mail.text, /turn these emails off in your preferences: http:\/\/localhost:3000\/account\/preferences/);
    assert.match(mail.html, /<a href="http:\/\/localhost:3000\/account\/forgot"/);
    assert.equal((await devicesOf('ana@example.test')).length, 2);
    const events = await db().selectFrom('audit_events').select('change').where('action', '=', 'account.new_browser').execute();
    assert.equal(events.length, 2);
    assert.doesNotMatch(JSON.stringify(events), /Chrome|Firefox|ana@/, 'the audit trail says what happened, not about what');

    // Both browsers are known now; a cookie we never issued counts as a new browser.
    await signInFrom('ana@example.test', { device: other.device!, ua: CHROME_WINDOWS });
    assert.equal((await alerts('ana@example.test')).length, 1);
    const forged = await signInFrom('ana@example.test', { device: 'not"ours;\u00e9' });
    assert.match(forged.device ?? '', /^[\w-]{27}$/, 'a malformed cookie is replaced');
    assert.equal((await alerts('ana@example.test')).length, 2);
  });

  test('the email is in the account\'s language, with the time in UTC', async () => {
    await registerVerified(t, 'lucia@example.test', { language: 'es' });
    await signInFrom('lucia@example.test');
    await signInFrom('lucia@example.test', { ua: 'curl/8.0' });
    const [mail] = await alerts('lucia@example.test');
    assert.ok(mail);
    assert.equal(mail.locale, 'es');
    assert.equal(mail.subject, `Nuevo inicio de sesión en su cuenta de ${t.services.config.practice.name}`);
    assert.match(mail.text, /Navegador y sistema: Un navegador en un sistema desconocido\./);
    assert.match(mail.text, /Cuándo: \d{1,2} de \w+ de \d{4}.* UTC\./);
    assert.match(mail.text, /http:\/\/localhost:3000\/es\/account\/sessions/);
  });

  test('a member who turns the email off gets none, but the browser is still remembered', async () => {
    await registerVerified(t, 'quiet@example.test');
    const { res } = await signInFrom('quiet@example.test');
    const session = /sutura_session=([^;]+)/.exec([res.headers['set-cookie'] ?? []].flat().join('\n'))![1]!;
    const saved = await t.request({ method: 'POST', url: '/account/preferences', as: session, remoteAddress: remoteAddress(), ...form({ language: 'en' }) });
    assert.equal(saved.statusCode, 303);
    assert.equal((await findUserByEmail(db(), 'quiet@example.test'))!.newSignInEmail, false);
    assert.doesNotMatch((await t.request({ url: '/account/preferences', as: session })).body, /name="newSignInEmail"[^>]* checked/);

    await signInFrom('quiet@example.test', { ua: CHROME_WINDOWS });
    assert.equal((await alerts('quiet@example.test')).length, 0);
    assert.equal((await devicesOf('quiet@example.test')).length, 2, 'turning it on later does not bring up old news');
  });

  test('staff cannot turn it off: the page says so, the form ignores an unticked box, and the email goes anyway', async () => {
    const email = 'eda@example.test';
    const staff = await t.signIn(['editor'], email);
    const page = await t.request({ url: '/account/preferences', as: staff });
    assert.match(page.body, /<input type="checkbox" id="field-newSignInEmail" name="newSignInEmail" value="on" checked disabled/);
    assert.match(page.body, /Staff and professional accounts always get this email, so it cannot be turned off\./);
    const saved = await t.request({ method: 'POST', url: '/account/preferences', as: staff, remoteAddress: remoteAddress(), ...form({ language: 'en' }) });
    assert.equal(saved.statusCode, 303);
    const row = await db().selectFrom('users').select('new_sign_in_email').where('email', '=', email).executeTakeFirstOrThrow();
    assert.equal(readBool(row.new_sign_in_email), true, 'the unticked box was ignored');
    assert.match((await t.request({ url: saved.headers.location!, as: staff })).body, /cannot be turned off/);

    // Staff sign in with the password and then a code: the browser is recorded when the code opens the session.
    const step = totpStep();
    const twoStep = async (code: string, browser: { device?: string; ua: string }): Promise<string | undefined> => {
      const body = form({ email, password: 'correct horse battery staple' });
      const cookies = browser.device ? `sutura_device=${browser.device}` : '';
      const first = await t.request({ method: 'POST', url: '/account/sign-in', remoteAddress: remoteAddress(), payload: body.payload, headers: { ...body.headers, 'user-agent': browser.ua, cookie: cookies } });
      assert.equal(first.headers.location, '/account/two-factor/verify');
      assert.equal(deviceCookie(first), undefined, 'no session yet, nothing recorded yet');
      const pending = String([first.headers['set-cookie']].flat().find((c) => c?.startsWith('sutura_second_step='))).split(';')[0]!;
      const verified = await t.request({ method: 'POST', url: '/account/two-factor/verify', remoteAddress: remoteAddress(), ...form({ code }), headers: { ...form({}).headers, 'user-agent': browser.ua, cookie: [pending, cookies].filter(Boolean).join('; ') } });
      assert.equal(verified.statusCode, 303, verified.body);
      return deviceCookie(verified)?.value;
    };
    const laptop = await twoStep(t.totpCode(email, step), { ua: FIREFOX_LINUX });
    assert.ok(laptop);
    assert.equal((await alerts(email)).length, 0, 'their first sign-in');
    // Even a choice stored while they were a member (or written by hand) does not stop it.
    await db().updateTable('users').set({ new_sign_in_email: false }).where('email', '=', email).execute();
    await twoStep(t.totpCode(email, step + 1), { ua: CHROME_WINDOWS });
    const [mail] = await alerts(email);
    assert.ok(mail, 'staff are always told');
    assert.match(mail.text, /Staff and professional accounts always get these emails\./);
    assert.doesNotMatch(mail.text, /\/account\/preferences/);
  });

  test('a staff set-up link is the account\'s first sign-in: remembered without an email', async () => {
    const token = await createStaffInvite(db(), ['moderator']);
    const password = 'a long enough moderator password';
    const res = await t.request({ method: 'POST', url: '/account/setup', remoteAddress: remoteAddress(), ...form({ token, name: 'Mo Derator', email: 'mo@example.test', password, confirm: password }) });
    assert.equal(res.statusCode, 303, res.body);
    assert.ok(deviceCookie(res));
    assert.equal((await devicesOf('mo@example.test')).length, 1);
    assert.equal((await alerts('mo@example.test')).length, 0);
    // No second factor yet (they must enrol next): the password alone opens a session, here from another browser.
    await signInFrom('mo@example.test', { ua: CHROME_WINDOWS }, password);
    assert.equal((await alerts('mo@example.test')).length, 1);
  });

  test('a browser unseen for a year is forgotten by the retention job, and counts as new again', async () => {
    await registerVerified(t, 'sleepy@example.test');
    const { device } = await signInFrom('sleepy@example.test');
    const run = await runRetention(db(), t.services.storage, 'command', new Date(Date.now() + 366 * 86_400_000));
    assert.ok((run.purged.known_devices ?? 0) >= 1);
    assert.equal((await devicesOf('sleepy@example.test')).length, 0);
    await signInFrom('sleepy@example.test', { device: device! });
    assert.equal((await alerts('sleepy@example.test')).length, 1, 'the account had signed in before: this is not its first sign-in');
  });

  test('a passkey sign-in records the browser too', async () => {
    await registerVerified(t, 'pasha@example.test');
    const user = (await findUserByEmail(db(), 'pasha@example.test'))!;
    const key = softwarePasskey();
    await passkeyStore.insert(db(), { id: key.id, userId: user.id, publicKey: key.publicKey, counter: 0, transports: [], backedUp: false, name: 'Test key' });
    let counter = 0;
    const passkeySignIn = async (browser: { device?: string; ua: string }): Promise<LightMyRequestResponse> => {
      const json = { 'content-type': 'application/json', accept: 'application/json', 'user-agent': browser.ua, ...(browser.device ? { cookie: `sutura_device=${browser.device}` } : {}) };
      const options = (await t.request({ method: 'POST', url: '/account/passkey/options', payload: '{}', headers: json })).json<{ challenge: string }>();
      const credential = key.assert(options.challenge, (counter += 1));
      return t.request({ method: 'POST', url: '/account/passkey/sign-in', remoteAddress: remoteAddress(), payload: JSON.stringify({ credential }), headers: json });
    };
    const first = await passkeySignIn({ ua: FIREFOX_LINUX });
    assert.equal(first.statusCode, 200, first.body);
    const device = deviceCookie(first)?.value;
    assert.ok(device);
    assert.equal((await alerts('pasha@example.test')).length, 0, 'the first sign-in');
    assert.equal((await passkeySignIn({ device, ua: FIREFOX_LINUX })).statusCode, 200);
    assert.equal((await alerts('pasha@example.test')).length, 0, 'the same browser');
    assert.equal((await passkeySignIn({ ua: CHROME_WINDOWS })).statusCode, 200);
    assert.equal((await alerts('pasha@example.test')).length, 1, 'another browser');
  });
});

/**
 * A passkey held in software: an ES256 key whose public half is stored as a credential would
 * be, and that signs WebAuthn assertions for this site (http://localhost:3000) with user
 * verification, as an authenticator does.
 */
function softwarePasskey(): { id: string; publicKey: string; assert(challenge: string, counter: number): unknown } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  // COSE_Key (RFC 9053) in CBOR: {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y}.
  const cose = Buffer.concat([Buffer.from([0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20]), Buffer.from(jwk.x!, 'base64url'), Buffer.from([0x22, 0x58, 0x20]), Buffer.from(jwk.y!, 'base64url')]);
  const id = Buffer.from('software-passkey').toString('base64url');
  const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest();
  return {
    id,
    publicKey: cose.toString('base64url'),
    assert(challenge, counter) {
      const clientData = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge, origin: 'http://localhost:3000', crossOrigin: false }));
      const count = Buffer.alloc(4);
      count.writeUInt32BE(counter);
      // rpIdHash, flags (user present and verified), sign counter.
      const authenticatorData = Buffer.concat([sha256('localhost'), Buffer.from([0x05]), count]);
      const signature = sign('sha256', Buffer.concat([authenticatorData, sha256(clientData)]), privateKey);
      return {
        id,
        rawId: id,
        type: 'public-key',
        response: { clientDataJSON: clientData.toString('base64url'), authenticatorData: authenticatorData.toString('base64url'), signature: signature.toString('base64url') },
        clientExtensionResults: {},
      };
    },
  };
}
