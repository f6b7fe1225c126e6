import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ROLES, allowedBeforeSecondFactor, can, createSession, createUser, permissionTable, sessionPolicy, type Role } from '../auth/index.js';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';

/**
 * Walks every registered route as every role and as nobody, and checks the answer against the
 * permission table: a route the table does not allow must refuse before its handler runs.
 */
describe('every route x every role', () => {
  let t: TestApp;
  const sessions = new Map<string, string>();

  before(async () => {
    t = await buildTestApp();
    for (const role of ROLES) sessions.set(role, await t.signIn([role]));
  });
  after(() => t.close());

  test('every route declares a known action', () => {
    assert.ok(t.app.routeTable.length > 20);
    const known = permissionTable();
    for (const r of t.app.routeTable) assert.ok(known.has(r.action), `${r.method} ${r.url} -> ${r.action}`);
  });

  test('refusals match the permission table', async () => {
    // Signing out (here or everywhere) would end the walk's own sessions; checked on their own below.
    const signOuts = new Set(['/account/sign-out', '/account/sessions/revoke-all']);
    const routes = t.app.routeTable.filter((r) => r.method !== 'HEAD' && !signOuts.has(r.url));
    let checked = 0;
    for (const route of routes) {
      const url = route.url.replace(/:(\w+)/g, 'does-not-exist').replace('*', 'x');
      for (const role of [null, ...ROLES]) {
        const actor = role ? { id: 'x', name: 'x', email: 'x', roles: [role], sessionId: 'x', revealSensitiveMedia: false } : null;
        const allowed = can(actor, route.action);
        const res = await t.request({ method: route.method as 'GET', url, headers: { accept: 'application/json' }, ...(role ? { as: sessions.get(role) } : {}) });
        const refused = res.statusCode === 401 || res.statusCode === 403;
        assert.equal(refused, !allowed, `${route.method} ${url} as ${role ?? 'anonymous'}: ${res.statusCode}`);
        assert.ok(res.statusCode < 500, `${route.method} ${url} as ${role ?? 'anonymous'} gave ${res.statusCode}`);
        checked++;
      }
    }
    assert.ok(checked > 100);
  });

  test('staff and professionals without a second factor reach only public pages, enrolment and sign-out', async () => {
    const signOuts = new Set(['/account/sign-out', '/account/sessions/revoke-all']);
    const routes = t.app.routeTable.filter((r) => r.method !== 'HEAD' && !signOuts.has(r.url));
    let n = 0;
    for (const role of ROLES.filter((r): r is Exclude<Role, 'member'> => r !== 'member')) {
      // A person with the role and no factor at all, signed in by the password alone.
      const userId = await t.services.db.transaction().execute(async (trx) => createUser(trx, { email: `no-factor-${role}@example.test`, name: role, password: 'correct horse battery staple', locale: 'en', roles: [role] }));
      const { token } = await createSession(t.services.db, userId, sessionPolicy(t.services.config), 'test');
      for (const route of routes) {
        const url = route.url.replace(/:(\w+)/g, 'does-not-exist').replace('*', 'x');
        const actor = { id: userId, name: role, email: 'x', roles: [role], sessionId: 'x', revealSensitiveMedia: false };
        const allowed = can(actor, route.action) && allowedBeforeSecondFactor(route.action);
        // Each request from its own address: the per-IP form limits would otherwise answer first.
        const res = await t.request({ method: route.method as 'GET', url, headers: { accept: 'application/json' }, as: token, remoteAddress: `10.${role.length}.${Math.floor(++n / 250)}.${n % 250}` });
        const refused = res.statusCode === 401 || res.statusCode === 403;
        assert.equal(refused, !allowed, `${route.method} ${url} as ${role} without a second factor: ${res.statusCode}`);
        if (refused && can(actor, route.action)) assert.equal(JSON.parse(res.body).error.code, 'second_factor_required', `${route.method} ${url}`);
        assert.ok(res.statusCode < 500, `${route.method} ${url} as ${role} gave ${res.statusCode}`);
      }
    }
  });

  test('signing out needs a session', async () => {
    for (const url of ['/account/sign-out', '/account/sessions/revoke-all']) {
      const res = await t.request({ method: 'POST', url, headers: { accept: 'application/json' } });
      assert.equal(res.statusCode, 401, url);
    }
  });

  test('an editor-only route is refused to anonymous visitors', async () => {
    const res = await t.request({ url: '/admin/guides/new', headers: { accept: 'application/json' } });
    assert.equal(res.statusCode, 401);
    assert.deepEqual(JSON.parse(res.body).error.code, 'unauthenticated');
  });
});
