import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { buildTestApp, form, type TestApp } from '../../../test/support/app.js';
import { hostile } from '../../../test/support/hostile.js';
import { createAccountToken } from '../../core/auth/index.js';
import { count, PASSWORD, professionalRegistration, registerVerified, registration } from './test-helpers.js';

/**
 * Property-based tests of the account forms: whatever a person (or a bot) sends, the answer is
 * never a 500, always a page with a message, and the database never holds half an account.
 */

let ip = 0;
const nextIp = (): string => `198.18.${Math.floor(++ip / 250) % 250}.${(ip % 250) + 1}`;

describe('account forms under random and hostile input', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  function post(url: string, fields: Record<string, string | string[]>) {
    return t.request({ method: 'POST', url, remoteAddress: nextIp(), ...form(fields) });
  }

  /** A page that tells the person what happened: an error summary, a field error or a notice. */
  function assertMessage(status: number, body: string): void {
    assert.ok(status < 500, `status ${status}`);
    if (status === 303) return;
    assert.match(body, /class="error-summary"|class="error"|class="notice|<h1>/, `no message in a ${status} page`);
  }

  /** No account without its role and its verification link; no profile without its user. */
  async function assertNoPartialAccounts(): Promise<void> {
    const db = t.services.db;
    const roleless = await db.selectFrom('users').leftJoin('user_roles', 'user_roles.user_id', 'users.id').select('users.id').where('user_roles.role', 'is', null).execute();
    assert.deepEqual(roleless, [], 'every account has a role');
    const unverifiable = await db
      .selectFrom('users')
      .leftJoin('account_tokens', 'account_tokens.user_id', 'users.id')
      .select('users.id')
      .where('users.email_verified_at', 'is', null)
      .where('account_tokens.id', 'is', null)
      .execute();
    assert.deepEqual(unverifiable, [], 'every unverified account has its link');
    const mails = await count(t, 'mail_messages');
    const tokens = await count(t, 'account_tokens');
    assert.ok(mails >= tokens, 'every link was emailed');
  }

  test('registration', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(hostile(registration('base@example.test', { newsletter: 'on' })), fc.boolean(), async (fields, professional) => {
        n++;
        const users = await count(t, 'users');
        const body = professional ? { ...professionalRegistration(`pro${n}@example.test`), ...fields } : fields;
        const res = await post(professional ? '/account/register/professional' : '/account/register', body);
        assertMessage(res.statusCode, res.body);
        assert.ok([200, 303, 422].includes(res.statusCode), `status ${res.statusCode}`);
        if (res.statusCode !== 303) assert.equal(await count(t, 'users'), users, 'a refused form stores no account');
        // Inside a quoted attribute only the quote matters (escaped); everywhere else nothing hostile survives.
        assert.doesNotMatch(res.body.replace(/="[^"]*"/g, '=""'), /<script>alert\(1\)<\/script>|<img src=x/, 'hostile text is escaped');
        await assertNoPartialAccounts();
      }),
      { numRuns: 120 },
    );
  });

  test('sign-in (with a real account, so hostile `next` values reach the redirect)', async () => {
    await registerVerified(t, 'prop-user@example.test');
    await fc.assert(
      fc.asyncProperty(hostile({ email: 'prop-user@example.test', password: PASSWORD, remember: 'on', next: '/account/sessions' }), async (fields) => {
        const res = await post('/account/sign-in', fields);
        assertMessage(res.statusCode, res.body);
        assert.ok([303, 401, 422, 429].includes(res.statusCode), `status ${res.statusCode}`);
        if (res.statusCode === 303) assert.match(String(res.headers.location), /^\/(?![/\\])[\x21-\x7e]*$/, 'only our own paths');
      }),
      { numRuns: 80 },
    );
  });

  test('ids and slugs in paths: a NUL or junk is a 400 or 404, never a 500', async () => {
    const token = await t.signIn(['moderator']);
    for (const bad of ['%00', 'a%00b', '%27%20OR%201%3D1', '..%2F..%2Fetc', 'x'.repeat(100)]) {
      for (const [method, url] of [
        ['POST', `/account/sessions/${bad}/revoke`],
        ['GET', `/admin/professionals/${bad}`],
        ['POST', `/admin/professionals/${bad}/approve`],
        ['GET', `/professionals/${bad}`],
      ] as const) {
        const res = await t.request({ method, url, as: token, headers: { accept: 'text/html' } });
        assert.ok([400, 404].includes(res.statusCode), `${method} ${url}: ${res.statusCode}`);
      }
    }
    const nul = await post('/account/sign-in', { email: '\u0000', password: 'whatever it is' });
    assert.equal(nul.statusCode, 422);
  });

  test('forgot password and resend verification', async () => {
    await fc.assert(
      fc.asyncProperty(hostile({ email: 'base@example.test' }), fc.constantFrom('/account/forgot', '/account/verify/resend'), async (fields, url) => {
        const res = await post(url, fields);
        assertMessage(res.statusCode, res.body);
        assert.ok([303, 422].includes(res.statusCode), `status ${res.statusCode}`);
      }),
      { numRuns: 60 },
    );
  });

  test('reset', async () => {
    const db = t.services.db;
    const user = await db.selectFrom('users').select('id').where('email_verified_at', 'is not', null).executeTakeFirst();
    const target = user?.id ?? (await t.signIn(['member'], 'reset-target@example.test'), (await db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id);
    await fc.assert(
      fc.asyncProperty(hostile({ token: 'x', password: 'a fine new passphrase' }), fc.boolean(), async (fields, realToken) => {
        const token = realToken ? await db.transaction().execute((trx) => createAccountToken(trx, target, 'reset', 60_000)) : null;
        const res = await post('/account/reset', token && fields.token === 'x' ? { ...fields, token } : fields);
        assertMessage(res.statusCode, res.body);
        assert.ok([303, 410, 422].includes(res.statusCode), `status ${res.statusCode}`);
      }),
      { numRuns: 60 },
    );
  });
});
