import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import sharp from 'sharp';
import { sql } from 'kysely';
import { checkCredentials, findUserByEmail, sessionPolicy, validateSession, type Actor, type Role } from '../../core/auth/index.js';
import { dialectOf } from '../../core/db/index.js';
import { readJson } from '../../core/db/portable.js';
import { ValidationError } from '../../core/errors.js';
import { Worker } from '../../core/jobs/index.js';
import { buildTestApp, form, type TestApp } from '../../../test/support/app.js';
import { guideService } from '../procedures/index.js';
import { StaffService } from './service.js';

let ipCounter = 0;
/** Each public form post from its own address, so the rate limits stay out of the way. */
const remoteAddress = (): string => `198.51.100.${(ipCounter++ % 250) + 1}`;

describe('people and roles', () => {
  let t: TestApp;
  let admin: string;
  let adminId: string;

  const userId = async (email: string): Promise<string> => (await findUserByEmail(t.services.db, email))!.id;
  const rolesOf = async (id: string): Promise<string[]> =>
    (await t.services.db.selectFrom('user_roles').select('role').where('user_id', '=', id).execute()).map((r) => r.role).sort();
  const sessionsOf = async (id: string): Promise<number> => (await t.services.db.selectFrom('sessions').select('id').where('user_id', '=', id).execute()).length;
  const audits = (action: string) => t.services.db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('seq').execute();

  before(async () => {
    t = await buildTestApp();
    admin = await t.signIn(['admin'], 'ada.admin@example.test');
    adminId = await userId('ada.admin@example.test');
  });
  after(() => t.close());

  test('only admins see people; the list searches names and emails, wildcards taken literally', async () => {
    await t.signIn(['editor'], 'erin.editor@example.test');
    await t.signIn(['member'], 'percent%user@example.test');
    for (const role of ['editor', 'moderator', 'privacy_officer', 'member'] as const) {
      const res = await t.request({ url: '/admin/people', as: await t.signIn([role]) });
      assert.equal(res.statusCode, 403, role);
    }
    const all = await t.request({ url: '/admin/people', as: admin });
    assert.equal(all.statusCode, 200);
    assert.match(all.body, /erin\.editor@example\.test/);
    assert.match(all.body, /href="\/admin\/people"[^>]*aria-current="page"/);
    const found = await t.request({ url: '/admin/people?q=ERIN', as: admin });
    assert.match(found.body, /erin\.editor@example\.test/);
    assert.doesNotMatch(found.body, /ada\.admin@example\.test/);
    const literal = await t.request({ url: '/admin/people?q=%25', as: admin });
    assert.match(literal.body, /percent%user@example\.test/);
    assert.doesNotMatch(literal.body, /erin\.editor/);
    // Malformed query values never give an error page.
    assert.equal((await t.request({ url: '/admin/people?page=-3&q=', as: admin })).statusCode, 200);
  });

  test('granting and revoking roles: audited with before and after, and the person is signed out', async () => {
    const bob = await t.signIn(['editor'], 'bob@example.test');
    const bobId = await userId('bob@example.test');
    assert.equal(await sessionsOf(bobId), 1);
    const page = await t.request({ url: `/admin/people/${bobId}`, as: admin });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<legend>Roles of Test User/);

    const res = await t.request({ method: 'POST', url: `/admin/people/${bobId}/roles`, as: admin, ...form({ roles: ['moderator', 'member'] }) });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/admin/people/${bobId}?notice=roles`);
    assert.deepEqual(await rolesOf(bobId), ['member', 'moderator']);
    assert.equal(await sessionsOf(bobId), 0);
    // Bob's old cookie no longer works: he signs in again to get his new rights.
    assert.equal((await t.request({ url: '/admin', as: bob, headers: { accept: 'application/json' } })).statusCode, 401);

    const [event] = await audits('people.roles_changed');
    assert.ok(event);
    assert.equal(event.actor_id, adminId);
    assert.equal(event.target_type, 'user');
    assert.equal(event.target_id, bobId);
    assert.deepEqual(readJson(event.change), { before: ['editor'], after: ['member', 'moderator'] });

    // Saving the same roles again changes nothing and records nothing.
    await t.request({ method: 'POST', url: `/admin/people/${bobId}/roles`, as: admin, ...form({ roles: ['member', 'moderator'] }) });
    assert.equal((await audits('people.roles_changed')).length, 1);
    // Revoking everything is allowed (no box ticked sends no field).
    const none = await t.request({ method: 'POST', url: `/admin/people/${bobId}/roles`, as: admin, ...form({}) });
    assert.equal(none.statusCode, 303);
    assert.deepEqual(await rolesOf(bobId), []);
    // A role that does not exist is refused with the page, not a 500.
    const bad = await t.request({ method: 'POST', url: `/admin/people/${bobId}/roles`, as: admin, ...form({ roles: 'superuser' }) });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(await rolesOf(bobId), []);
  });

  test('nobody changes their own roles or access: no form offered, and the service refuses', async () => {
    const own = await t.request({ url: `/admin/people/${adminId}`, as: admin });
    assert.equal(own.statusCode, 200);
    assert.doesNotMatch(own.body, /\/roles"/);
    assert.doesNotMatch(own.body, /\/disable"/);
    assert.match(own.body, /This is your own account/);
    for (const [path, body] of [['roles', { roles: 'member' }], ['disable', {}]] as const) {
      const res = await t.request({ method: 'POST', url: `/admin/people/${adminId}/${path}`, as: admin, ...form(body) });
      assert.equal(res.statusCode, 403, path);
    }
    assert.deepEqual(await rolesOf(adminId), ['admin']);
  });

  test('the last enabled admin keeps the role, even when two admins demote each other at once', async () => {
    const service = new StaffService(t.services);
    await t.signIn(['admin'], 'second.admin@example.test');
    const secondId = await userId('second.admin@example.test');
    const actorA: Actor = { id: adminId, name: 'A', email: 'a', roles: ['admin'], sessionId: 'x', revealSensitiveMedia: false };
    const actorB: Actor = { id: secondId, name: 'B', email: 'b', roles: ['admin'], sessionId: 'y', revealSensitiveMedia: false };
    // A demotes B; B, acting on a page loaded before that, then tries to demote A.
    await service.setRoles(actorA, secondId, ['editor']);
    await assert.rejects(service.setRoles(actorB, adminId, ['editor']), (e) => e instanceof ValidationError && e.code === 'last_admin');
    await assert.rejects(service.setDisabled(actorB, adminId, true), (e) => e instanceof ValidationError && e.code === 'last_admin');
    assert.deepEqual(await rolesOf(adminId), ['admin']);
    assert.equal((await findUserByEmail(t.services.db, 'ada.admin@example.test'))!.disabledAt, null);
  });

  test('disabling ends every session and refuses sign-in; enabling lets the person back', async () => {
    const carol = await t.signIn(['moderator'], 'carol@example.test');
    const carolId = await userId('carol@example.test');
    const res = await t.request({ method: 'POST', url: `/admin/people/${carolId}/disable`, as: admin });
    assert.equal(res.statusCode, 303);
    assert.equal(await sessionsOf(carolId), 0);
    assert.equal(await validateSession(t.services.db, carol, sessionPolicy(t.services.config)), null);
    assert.equal(await checkCredentials(t.services.db, 'carol@example.test', 'correct horse battery staple'), null);
    const listed = await t.request({ url: '/admin/people?q=carol', as: admin });
    assert.match(listed.body, /Disabled/);

    assert.equal((await t.request({ method: 'POST', url: `/admin/people/${carolId}/enable`, as: admin })).statusCode, 303);
    assert.ok(await checkCredentials(t.services.db, 'carol@example.test', 'correct horse battery staple'));
    assert.deepEqual(
      (await t.services.db.selectFrom('audit_events').select('action').where('target_id', '=', carolId).orderBy('seq').execute()).map((r) => r.action),
      ['people.disabled', 'people.enabled'],
    );
  });

  test('IDOR: staff without people.manage cannot change anyone by posting their id', async () => {
    await t.signIn(['member'], 'victim@example.test');
    const victimId = await userId('victim@example.test');
    for (const role of ['editor', 'moderator', 'privacy_officer', 'professional', 'member'] as const) {
      const as = await t.signIn([role]);
      for (const [path, body] of [['roles', { roles: 'admin' }], ['disable', {}], ['enable', {}]] as const) {
        const res = await t.request({ method: 'POST', url: `/admin/people/${victimId}/${path}`, as, ...form(body) });
        assert.equal(res.statusCode, 403, `${role} ${path}`);
      }
      const invite = await t.request({ method: 'POST', url: '/admin/people/invite', as, ...form({ roles: 'admin' }) });
      assert.equal(invite.statusCode, 403);
    }
    assert.deepEqual(await rolesOf(victimId), ['member']);
    assert.equal((await findUserByEmail(t.services.db, 'victim@example.test'))!.disabledAt, null);
    // An admin posting an id that does not exist gets a 404, not a 500.
    assert.equal((await t.request({ method: 'POST', url: '/admin/people/nobody/roles', as: admin, ...form({ roles: 'member' }) })).statusCode, 404);
  });

  test('invite staff by link: shown once, audited without the address; bad input comes back with messages', async () => {
    const bad = await t.request({ method: 'POST', url: '/admin/people/invite', as: admin, ...form({ email: 'not-an-address' }) });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /class="error-summary"/);
    assert.match(bad.body, /Enter an email address/);
    assert.match(bad.body, /Choose one of the options/);
    const ok = await t.request({ method: 'POST', url: '/admin/people/invite', as: admin, ...form({ email: 'New.Hire@example.test', roles: ['editor', 'moderator'] }) });
    assert.equal(ok.statusCode, 200);
    const link = /http:\/\/localhost:3000\/account\/setup\?token=([\w-]+)/.exec(ok.body);
    assert.ok(link, 'the link is on the page');
    const invite = await t.services.db.selectFrom('staff_invites').selectAll().where('email', '=', 'new.hire@example.test').executeTakeFirstOrThrow();
    assert.deepEqual(readJson(invite.roles), ['editor', 'moderator']);
    const [event] = await audits('people.invited');
    assert.deepEqual(readJson(event!.change), { roles: ['editor', 'moderator'] });
    assert.doesNotMatch(JSON.stringify(event), /new\.hire/i);
    // The set-up page accepts the link.
    assert.equal((await t.request({ url: `/account/setup?token=${link[1]}` })).statusCode, 200);
  });
});

describe('accounts of minors', () => {
  let t: TestApp;
  let officer: string;
  let worker: Worker;
  const NAME = 'Zelda Quxworthy';
  const EMAIL = 'zelda.quxworthy@example.test';

  before(async () => {
    t = await buildTestApp();
    officer = await t.signIn(['privacy_officer'], 'pat.officer@example.test');
    worker = new Worker({ db: t.services.db, queue: t.services.jobs, log: pino({ level: 'silent' }) });
  });
  after(() => t.close());

  /** Every text a table holds, row by row, for a trace search across the whole database. */
  async function everyRow(): Promise<{ table: string; text: string }[]> {
    const db = t.services.db;
    const tables =
      dialectOf(db) === 'postgres'
        ? (await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(db)).rows
        : (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(db)).rows;
    const out: { table: string; text: string }[] = [];
    for (const { name } of tables) {
      const rows = (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(name)}`.execute(db)).rows;
      for (const row of rows) out.push({ table: name, text: JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('latin1') : v)).toLowerCase() });
    }
    return out;
  }

  test('only privacy officers and admins mark minors', async () => {
    for (const role of ['editor', 'moderator', 'member'] as const) {
      const as = await t.signIn([role]);
      assert.equal((await t.request({ url: '/admin/minors', as })).statusCode, 403);
      assert.equal((await t.request({ method: 'POST', url: '/admin/minors', as, ...form({ user: 'x', reason: 'other' }) })).statusCode, 403);
    }
    const page = await t.request({ url: '/admin/minors', as: officer });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /href="\/admin\/minors"/);
    assert.match(page.body, /href="\/admin\/audit"/);
    assert.doesNotMatch(page.body, /href="\/admin\/people"/);
  });

  test('marking needs a reason; the erasure job leaves no trace of the name or email in any table', async () => {
    // The minor has an account, a session, a contact message, a consultation request with a
    // photo, a newsletter subscription, a set-up link, and wrote a guide revision.
    const minorSession = await t.signIn(['member', 'editor'], EMAIL);
    const minor = (await findUserByEmail(t.services.db, EMAIL))!;
    await t.services.db.updateTable('users').set({ name: NAME }).where('id', '=', minor.id).execute();
    const guides = guideService(t.services);
    const actor: Actor = { id: minor.id, name: NAME, email: EMAIL, roles: ['editor'] as Role[], sessionId: 's', revealSensitiveMedia: false };
    const guideId = await guides.create(actor, { slug: 'minor-test-guide', locale: 'en', category: 'face', title: 'Cheek test', summary: 'A test guide.' });

    const contact = await t.request({ method: 'POST', url: '/contact', remoteAddress: remoteAddress(), ...form({ name: NAME, email: EMAIL, topic: 'general', message: `Hello, I am ${NAME}.`, website: '' }) });
    assert.equal(contact.statusCode, 303, contact.body);
    const news = await t.request({ method: 'POST', url: '/newsletter/subscribe', remoteAddress: remoteAddress(), ...form({ email: EMAIL, source: '/' }) });
    assert.equal(news.statusCode, 303, news.body);
    const photo = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#a07060' } }).jpeg().toBuffer();
    const boundary = '----sutura-minor';
    const fields: Record<string, string> = { name: NAME, email: EMAIL, phone: '+1 555 010 0199', method: 'email', message: 'About my nose.', consent: 'yes', website: '' };
    const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="me.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`), photo, Buffer.from(`\r\n--${boundary}--\r\n`));
    const consult = await t.request({ method: 'POST', url: '/consultation', remoteAddress: remoteAddress(), payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    assert.equal(consult.statusCode, 303, consult.body);
    const request = await t.services.db.selectFrom('consultation_requests').select(['id', 'photo_key']).executeTakeFirstOrThrow();
    assert.ok(request.photo_key);
    assert.ok(await t.services.storage.open(request.photo_key));
    await t.request({ method: 'POST', url: '/admin/people/invite', as: await t.signIn(['admin']), ...form({ email: EMAIL, roles: 'member' }) });
    await worker.drain();
    assert.ok((await everyRow()).some((r) => r.text.includes(EMAIL)), 'the data is there before');

    // Looking the account up by email, then marking it without a reason: the form comes back.
    const found = await t.request({ method: 'POST', url: '/admin/minors/find', as: officer, ...form({ email: EMAIL.toUpperCase() }) });
    assert.equal(found.statusCode, 200);
    assert.match(found.body, new RegExp(NAME));
    const noReason = await t.request({ method: 'POST', url: '/admin/minors', as: officer, ...form({ user: minor.id }) });
    assert.equal(noReason.statusCode, 422);
    assert.match(noReason.body, /class="error-summary"/);
    const badEmail = await t.request({ method: 'POST', url: '/admin/minors/find', as: officer, ...form({ email: 'nope' }) });
    assert.equal(badEmail.statusCode, 422);

    const marked = await t.request({ method: 'POST', url: '/admin/minors', as: officer, ...form({ user: minor.id, reason: 'guardian_request' }) });
    assert.equal(marked.statusCode, 303);
    // At once: disabled and signed out, before the job has run.
    assert.ok((await findUserByEmail(t.services.db, EMAIL))!.disabledAt);
    assert.equal((await t.request({ url: '/admin', as: minorSession, headers: { accept: 'application/json' } })).statusCode, 401);

    await worker.drain();
    const traces = (await everyRow()).filter((r) => r.text.includes(EMAIL) || r.text.includes(NAME.toLowerCase()) || r.text.includes('quxworthy'));
    assert.deepEqual(traces.map((r) => r.table), [], 'no trace of the name or email');
    assert.equal(await t.services.storage.open(request.photo_key), null, 'the sealed photo is gone');
    // What they wrote stays, without its author.
    const revisions = await t.services.db.selectFrom('guide_revisions').select('author_id').where('guide_id', '=', guideId).execute();
    assert.ok(revisions.length > 0);
    assert.ok(revisions.every((r) => r.author_id === null));

    const events = await t.services.db.selectFrom('audit_events').selectAll().where('target_id', '=', minor.id).orderBy('seq').execute();
    assert.deepEqual(events.map((e) => e.action), ['people.minor_marked', 'people.minor_erased']);
    assert.deepEqual(readJson(events[0]!.change), { reason: 'guardian_request' });
    // The registry-driven erasure (core/privacy/erasure.ts) records how many rows of each table went.
    const erased = readJson<{ deleted: Record<string, number>; minimised: Record<string, number>; files: number }>(events[1]!.change);
    assert.equal(erased.deleted.contact_messages, 1);
    assert.equal(erased.deleted.consultation_requests, 1);
    assert.equal(erased.deleted.newsletter_subscribers, 1);
    assert.equal(erased.deleted.staff_invites, 1);
    assert.equal(erased.deleted.users, 1);
    assert.ok(erased.deleted.mail_messages! >= 2);
    assert.ok(erased.minimised.guide_revisions! >= 1, 'what they wrote is kept without its author');
    assert.equal(erased.files, 1);
    const officerId = (await findUserByEmail(t.services.db, 'pat.officer@example.test'))!.id;
    assert.ok(events.every((e) => e.actor_id === officerId));
  });
});
