import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { buildTestApp, form, type TestApp } from '../../../test/support/app.js';
import { hostile } from '../../../test/support/hostile.js';
import { findUserByEmail } from '../../core/auth/index.js';
import { professionalRegistration, registerVerified } from '../accounts/test-helpers.js';

/**
 * Property-based tests of the staff forms (set-up links, roles, professional decisions, minors):
 * whatever is posted, never a 500, a refused form comes back with a message, and nothing is
 * half-stored (no link, role, decision or marking from a refused form).
 */
describe('staff forms under random and hostile input', () => {
  let t: TestApp;
  let admin: string;
  let officer: string;
  let ip = 0;
  const nextIp = (): string => `198.19.${Math.floor(++ip / 250) % 250}.${(ip % 250) + 1}`;
  before(async () => {
    t = await buildTestApp();
    admin = await t.signIn(['admin'], 'prop-admin@example.test');
    officer = await t.signIn(['privacy_officer', 'moderator'], 'prop-officer@example.test');
  });
  after(() => t.close());

  const post = (as: string, url: string, fields: Record<string, string | string[]>) => t.request({ method: 'POST', url, as, remoteAddress: nextIp(), ...form(fields) });
  const clean = (body: string) => body.replace(/="[^"]*"/g, '=""');
  const count = async (table: 'staff_invites' | 'user_roles') => Number((await t.services.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  let people = 0;
  async function member(): Promise<string> {
    const email = `prop-member-${++people}@example.test`;
    await t.signIn(['member'], email);
    return (await findUserByEmail(t.services.db, email))!.id;
  }

  function refusedWithMessage(res: { statusCode: number; body: string }): void {
    assert.ok(res.statusCode < 500, `status ${res.statusCode}`);
    if (res.statusCode === 422) assert.match(res.body, /role="alert"/, 'the form comes back with a message');
    assert.doesNotMatch(clean(res.body), /<script>alert\(1\)<\/script>|<img src=x/, 'hostile text is escaped');
  }

  test('staff set-up links', async () => {
    await fc.assert(
      fc.asyncProperty(hostile({ email: 'new.staff@example.test', roles: 'editor' }), async (fields) => {
        const before = await count('staff_invites');
        const res = await post(admin, '/admin/people/invite', fields);
        refusedWithMessage(res);
        assert.ok([200, 422].includes(res.statusCode), `status ${res.statusCode}`);
        assert.equal(await count('staff_invites'), before + (res.statusCode === 200 ? 1 : 0), 'a link only for an accepted form');
        if (res.statusCode === 200) assert.match(res.body, /account\/setup\?token=/);
      }),
      { numRuns: 60 },
    );
  });

  test('roles', async () => {
    const target = await member();
    await fc.assert(
      fc.asyncProperty(hostile({ roles: ['member', 'editor'] as unknown as string }), async (fields) => {
        const before = await t.services.db.selectFrom('user_roles').select('role').where('user_id', '=', target).orderBy('role').execute();
        const res = await post(admin, `/admin/people/${target}/roles`, fields);
        refusedWithMessage(res);
        assert.ok([303, 422].includes(res.statusCode), `status ${res.statusCode}`);
        if (res.statusCode === 422) {
          const now = await t.services.db.selectFrom('user_roles').select('role').where('user_id', '=', target).orderBy('role').execute();
          assert.deepEqual(now, before, 'no role changed');
        }
      }),
      { numRuns: 60 },
    );
  });

  test('professional decisions: approve, and reject with a reason', async () => {
    let applicant = '';
    let n = 0;
    const apply = async (): Promise<string> => {
      const email = `prop-pro-${++n}@example.test`;
      await registerVerified(t, email, professionalRegistration(email), '/account/register/professional');
      return (await findUserByEmail(t.services.db, email))!.id;
    };
    const status = async (id: string) => (await t.services.db.selectFrom('professional_profiles').select(['status', 'reason']).where('user_id', '=', id).executeTakeFirstOrThrow());
    await fc.assert(
      fc.asyncProperty(hostile({ reason: 'The licence number is not in the state register.' }), fc.constantFrom('reject', 'reject', 'reject', 'approve'), async (fields, decision) => {
        if (!applicant || (await status(applicant)).status !== 'pending') applicant = await apply();
        const res = await post(officer, `/admin/professionals/${applicant}/${decision}`, fields);
        refusedWithMessage(res);
        assert.ok([303, 422].includes(res.statusCode), `status ${res.statusCode}`);
        const after = await status(applicant);
        if (res.statusCode === 422) assert.deepEqual(after, { status: 'pending', reason: null }, 'no decision stored');
        else assert.equal(after.status, decision === 'approve' ? 'approved' : 'rejected');
      }),
      { numRuns: 25 },
    );
  });

  test('marking an account as a minor\'s (the lookup and the marking)', async () => {
    await fc.assert(
      fc.asyncProperty(hostile({ email: 'prop-officer@example.test' }), async (fields) => {
        const res = await post(officer, '/admin/minors/find', fields);
        refusedWithMessage(res);
        assert.ok([200, 404, 422].includes(res.statusCode), `status ${res.statusCode}`);
      }),
      { numRuns: 40 },
    );
    let target = '';
    await fc.assert(
      fc.asyncProperty(hostile({ user: 'x', reason: 'guardian_request' }), async (fields) => {
        if (!target) target = await member();
        const body = { ...fields, ...(fields.user === 'x' ? { user: target } : {}) };
        const res = await post(officer, '/admin/minors', body);
        refusedWithMessage(res);
        assert.ok([303, 404, 422].includes(res.statusCode), `status ${res.statusCode}`);
        const row = await t.services.db.selectFrom('users').select('disabled_at').where('id', '=', target).executeTakeFirstOrThrow();
        if (res.statusCode === 303 && body.user === target) {
          assert.ok(row.disabled_at, 'marked: disabled at once');
          target = '';
        } else {
          assert.equal(row.disabled_at, null, 'a refused marking leaves the account as it was');
        }
      }),
      { numRuns: 40 },
    );
  });
});
