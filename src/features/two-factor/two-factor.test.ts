import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, form, type TestApp } from '../../../test/support/app.js';
import { hashSecret } from '../../core/auth/tokens.js';
import { totpCode, totpStep } from '../../core/auth/totp.js';
import { TwoFactorService } from './service.js';

describe('two-step sign-in set-up', () => {
  let t: TestApp;
  let ip = 0;
  const from = () => ({ remoteAddress: `192.0.2.${++ip}` });
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  const userIdOf = async (email: string) => (await t.services.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

  async function setUp(as: string): Promise<{ secret: string; codes: string[]; step: number }> {
    const page = await t.request({ method: 'POST', url: '/account/two-factor/setup', as, ...from() });
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.match(page.body, /<svg[^>]*viewBox/);
    const secret = page.body.match(/<code class="secret">([A-Z2-7 ]+)<\/code>/)![1]!.replace(/ /g, '');
    const wrong = await t.request({ method: 'POST', url: '/account/two-factor/confirm', as, ...from(), ...form({ code: '000000' === totpCode(secret, totpStep()) ? '111111' : '000000' }) });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /That code did not work/);
    assert.ok(wrong.body.includes(secret.match(/.{1,4}/g)!.join(' ')), 'the same secret is shown again');
    // Codes are tied to 30-second steps: later codes in these tests count from this one.
    const step = totpStep();
    const done = await t.request({ method: 'POST', url: '/account/two-factor/confirm', as, ...from(), ...form({ code: totpCode(secret, step) }) });
    assert.equal(done.statusCode, 200);
    const codes = [...done.body.matchAll(/<code>([A-Z0-9]{5}-[A-Z0-9]{5})<\/code>/g)].map((m) => m[1]!);
    assert.equal(codes.length, 10);
    return { secret, codes, step };
  }

  test('only a signed-in person reaches their own set-up', async () => {
    assert.equal((await t.request({ url: '/account/two-factor', headers: { accept: 'application/json' } })).statusCode, 401);
    const member = await t.signIn(['member']);
    const page = await t.request({ url: '/account/two-factor', as: member });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Two-step sign-in is off/);
  });

  test('set-up: a QR code, a confirming code, recovery codes shown once and stored only as hashes', async () => {
    const member = await t.signIn(['member'], 'mia@example.test');
    const { secret, codes, step } = await setUp(member);
    const id = await userIdOf('mia@example.test');
    const row = await t.services.db.selectFrom('user_totp').selectAll().where('user_id', '=', id).executeTakeFirstOrThrow();
    assert.ok(row.secret_sealed && !row.secret_sealed.includes(secret), 'the secret is sealed');
    assert.equal(row.pending_secret_sealed, null);
    const stored = await t.services.db.selectFrom('user_recovery_codes').select('code_hash').where('user_id', '=', id).execute();
    assert.deepEqual(stored.map((s) => s.code_hash).sort(), codes.map(hashSecret).sort());
    const audit = await t.services.db.selectFrom('audit_events').select('action').where('target_id', '=', id).execute();
    assert.ok(audit.some((a) => a.action === 'auth.two_factor_enabled'));
    assert.match((await t.request({ url: '/account/two-factor', as: member })).body, /Recovery codes left: 10/);

    const service = new TwoFactorService(t.services);
    // The code that confirmed the set-up does not work again; the next one does, once.
    assert.equal(await service.verify(id, totpCode(secret, step)), null);
    assert.equal(await service.verify(id, totpCode(secret, step + 1)), 'totp');
    assert.equal(await service.verify(id, totpCode(secret, step + 1)), null);
    // A recovery code works once, whatever its case and spacing.
    assert.equal(await service.verify(id, ` ${codes[0]!.toLowerCase().replace('-', ' ')} `), 'recovery_code');
    assert.equal(await service.verify(id, codes[0]!), null);
    assert.equal(await service.verify(id, 'AAAAA-AAAAA'), null);
    assert.match((await t.request({ url: '/account/two-factor', as: member })).body, /Recovery codes left: 9/);
  });

  test('new recovery codes need a code from the app; the old ones stop working', async () => {
    const member = await t.signIn(['member'], 'noa@example.test');
    const { secret, codes, step } = await setUp(member);
    const byRecovery = await t.request({ method: 'POST', url: '/account/two-factor/recovery-codes', as: member, ...from(), ...form({ code: codes[1]! }) });
    assert.equal(byRecovery.statusCode, 422, 'a recovery code cannot make new recovery codes');
    const fresh = await t.request({ method: 'POST', url: '/account/two-factor/recovery-codes', as: member, ...from(), ...form({ code: totpCode(secret, step + 1) }) });
    assert.equal(fresh.statusCode, 200);
    const service = new TwoFactorService(t.services);
    assert.equal(await service.verify(await userIdOf('noa@example.test'), codes[2]!), null);
  });

  test('members may turn it off with a code; staff and professionals may not', async () => {
    const member = await t.signIn(['member'], 'ona@example.test');
    const { secret, step } = await setUp(member);
    const wrong = await t.request({ method: 'POST', url: '/account/two-factor/disable', as: member, ...from(), ...form({ code: 'nope' }) });
    assert.equal(wrong.statusCode, 422);
    const off = await t.request({ method: 'POST', url: '/account/two-factor/disable', as: member, ...from(), ...form({ code: totpCode(secret, step + 1) }) });
    assert.equal(off.statusCode, 303);
    assert.match((await t.request({ url: String(off.headers.location), as: member })).body, /Two-step sign-in is off/);
    assert.equal((await t.services.db.selectFrom('user_recovery_codes').select('id').where('user_id', '=', await userIdOf('ona@example.test')).execute()).length, 0);

    const editor = await t.signIn(['editor']);
    const staff = await setUp(editor);
    const page = await t.request({ url: '/account/two-factor', as: editor });
    assert.match(page.body, /cannot be turned off/);
    assert.doesNotMatch(page.body, /two-factor\/disable/);
    const refused = await t.request({ method: 'POST', url: '/account/two-factor/disable', as: editor, ...from(), ...form({ code: totpCode(staff.secret, staff.step + 1) }) });
    assert.equal(refused.statusCode, 422);
  });

  test('a confirm without a set-up in progress starts again', async () => {
    const member = await t.signIn(['member']);
    const res = await t.request({ method: 'POST', url: '/account/two-factor/confirm', as: member, ...from(), ...form({ code: '123456' }) });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/account/two-factor');
  });
});

describe('signing in with two-step on', () => {
  let t: TestApp;
  let ip = 0;
  const from = () => ({ remoteAddress: `198.18.0.${++ip}` });
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  const cookieValue = (res: { headers: Record<string, unknown> }, name: string) =>
    [res.headers['set-cookie'] ?? []].flat().map(String).find((c) => c.startsWith(`${name}=`) && !c.startsWith(`${name}=;`))?.split(';')[0];

  async function enrolled(email: string): Promise<{ secret: string; codes: string[]; step: number }> {
    const token = await t.signIn(['member'], email);
    const page = await t.request({ method: 'POST', url: '/account/two-factor/setup', as: token, ...from() });
    const secret = page.body.match(/<code class="secret">([A-Z2-7 ]+)<\/code>/)![1]!.replace(/ /g, '');
    const step = totpStep();
    const done = await t.request({ method: 'POST', url: '/account/two-factor/confirm', as: token, ...from(), ...form({ code: totpCode(secret, step) }) });
    const codes = [...done.body.matchAll(/<code>([A-Z0-9]{5}-[A-Z0-9]{5})<\/code>/g)].map((m) => m[1]!);
    return { secret, codes, step };
  }

  async function password(email: string) {
    return t.request({ method: 'POST', url: '/account/sign-in', ...from(), ...form({ email, password: 'correct horse battery staple' }) });
  }

  test('the right password leads to the code, not to a session; the code opens it, once', async () => {
    const { secret, step } = await enrolled('tess@example.test');
    const first = await password('tess@example.test');
    assert.equal(first.statusCode, 303);
    assert.equal(first.headers.location, '/account/two-factor/verify');
    assert.equal(cookieValue(first, 'sutura_session'), undefined, 'no session yet');
    const pending = cookieValue(first, 'sutura_second_step')!;
    assert.ok(pending);
    assert.match((await t.request({ url: '/account/two-factor/verify', headers: { cookie: pending } })).body, /six-digit code/);

    const wrong = await t.request({ method: 'POST', url: '/account/two-factor/verify', ...from(), headers: { cookie: pending, 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:3000' }, payload: 'code=000000' });
    assert.equal(wrong.statusCode, 401);
    assert.match(wrong.body, /That code did not work/);
    const right = await t.request({ method: 'POST', url: '/account/two-factor/verify', ...from(), headers: { cookie: pending, 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:3000' }, payload: `code=${totpCode(secret, step + 1)}` });
    assert.equal(right.statusCode, 303);
    assert.equal(right.headers.location, '/account');
    const session = cookieValue(right, 'sutura_session')!;
    assert.equal((await t.request({ url: '/account/two-factor', headers: { cookie: session } })).statusCode, 200);
    const again = await t.request({ method: 'POST', url: '/account/two-factor/verify', ...from(), headers: { cookie: pending, 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:3000' }, payload: `code=${totpCode(secret, step + 1)}` });
    assert.equal(again.statusCode, 401, 'a code opens one session');
    const audit = await t.services.db.selectFrom('audit_events').select(['action', 'change']).where('action', 'in', ['auth.sign_in', 'auth.sign_in_failed']).execute();
    assert.ok(audit.some((a) => a.action === 'auth.sign_in' && JSON.stringify(a.change).includes('totp')));
  });

  test('a recovery code works in place of the app; a forged or missing step sends back to the password', async () => {
    const { codes } = await enrolled('uma@example.test');
    const pending = cookieValue(await password('uma@example.test'), 'sutura_second_step')!;
    const post = (cookie: string, code: string) => t.request({ method: 'POST', url: '/account/two-factor/verify', ...from(), headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:3000' }, payload: `code=${encodeURIComponent(code)}` });
    assert.equal((await post(pending, codes[0]!)).statusCode, 303);
    const forged = pending.replace(/=([\w-]+)~/, '=someone-else~');
    assert.equal((await post(forged, codes[1]!)).headers.location, '/account/sign-in');
    assert.equal((await post('', codes[1]!)).headers.location, '/account/sign-in');
    assert.equal((await t.request({ url: '/account/two-factor/verify' })).headers.location, '/account/sign-in');
  });

  test('guessing codes ends in a lock', async () => {
    await enrolled('vic@example.test');
    const pending = cookieValue(await password('vic@example.test'), 'sutura_second_step')!;
    let last = 0;
    for (let i = 0; i < 12; i++) {
      const res = await t.request({ method: 'POST', url: '/account/two-factor/verify', ...from(), headers: { cookie: pending, 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:3000' }, payload: 'code=123456' });
      last = res.statusCode;
      if (last === 429) break;
    }
    assert.equal(last, 429);
  });
});
