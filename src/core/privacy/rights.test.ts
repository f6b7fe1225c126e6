import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { unzipSync } from 'fflate';
import type { ParsedMail } from 'mailparser';
import pino from 'pino';
import { buildTestApp, form, type TestApp } from '../../../test/support/app.js';
import { photoWithGps } from '../../../test/support/media-fixtures.js';
import { type SmtpSink, startSmtpSink } from '../../../test/support/smtp.js';
import { recordAudit } from '../audit/index.js';
import { createAccountToken, findUserByEmail } from '../auth/index.js';
import { dialectOf } from '../db/index.js';
import { translate } from '../i18n/index.js';
import { newId } from '../db/ids.js';
import { nowIso, writeJson } from '../db/portable.js';
import { Worker } from '../jobs/index.js';
import { storeImage } from '../media/index.js';
import { mediaKey } from '../media/storage.js';
import { sealedAt } from '../../features/consultations/service.js';
import { NewsletterService } from '../../features/newsletters/service.js';
import * as privacyStore from '../../features/privacy/store.js';
import { ExportService } from '../../features/privacy/subject-rights.js';
import { matchPerson } from './matching.js';
import { keptKey, nonPersonalTables, personalDataRegistry, purposeKey } from './registry.js';
import { resolveSubject } from './subject.js';

interface Person {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly phone: string;
  readonly session: string;
  readonly message: string;
  readonly photo: Buffer;
  readonly photoKey: string;
  readonly mediaKeys: string[];
}

/**
 * A person with something in every kind of place the registry knows about: the account and
 * its roles, sessions, links, two-step and passkey, a professional profile with a photo, a
 * contact message with a staff reply, a sealed consultation request with a sealed photo and a
 * sealed note, a newsletter subscription with its consent trail, a privacy request with a
 * note, emails in the outbox and audit events.
 */
async function seedPerson(t: TestApp, tag: string, staffId: string): Promise<Person> {
  const { db, storage, cipher } = t.services;
  const email = `${tag}.person@example.test`;
  const name = `${tag[0]!.toUpperCase()}${tag.slice(1)} Quixote-Marlowe`;
  const phone = `+1 555 01${tag.length}${tag.charCodeAt(0)}`;
  const session = await t.signIn(['member'], email);
  const user = (await findUserByEmail(db, email))!;
  await db.updateTable('users').set({ name }).where('id', '=', user.id).execute();
  const message = `${tag}: my consultation message, private`;
  const photo = await photoWithGps(320, 240);
  const consultationId = newId();
  const photoKey = mediaKey(newId(), 'enc', true);
  await storage.put(photoKey, Buffer.from(cipher.encrypt(photo, sealedAt.photo(consultationId)), 'utf8'));
  const image = await storeImage(db, storage, await photoWithGps(200, 150), { createdBy: user.id, originalName: `${tag}-portrait.jpg` });
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('consultation_requests')
      .values({
        id: consultationId,
        name,
        email,
        phone,
        preferred_method: 'phone',
        preferred_times: writeJson(['mornings']),
        procedures: writeJson(['rhinoplasty']),
        message_sealed: cipher.encrypt(message, sealedAt.message(consultationId)),
        photo_key: photoKey,
        photo_meta: writeJson({ width: 320, height: 240 }),
        locale: 'en',
        status: 'new',
        assigned_to: staffId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const noteId = newId();
    await trx.insertInto('consultation_notes').values({ id: noteId, request_id: consultationId, author_id: staffId, body_sealed: cipher.encrypt(`Called ${name}`, sealedAt.note(noteId)), created_at: now }).execute();
    const messageId = newId();
    await trx
      .insertInto('contact_messages')
      .values({ id: messageId, name, email: email.replace(/^./, (c) => c.toUpperCase()), topic: 'general', message: `Hello, this is ${name}, phone ${phone}`, locale: 'en', status: 'new', assigned_to: staffId, created_at: now, updated_at: now })
      .execute();
    await trx.insertInto('contact_entries').values({ id: newId(), message_id: messageId, kind: 'reply', author_id: staffId, body: `Dear ${name}, thank you.`, created_at: now }).execute();
    const lists = await trx.selectFrom('newsletter_lists').select('id').execute();
    await NewsletterService.subscribeConfirmed(trx, email, 'en', [lists[0]!.id], '/newsletter', t.services.policyVersions.current('privacy'));
    const requestId = await privacyStore.insertRecordedRequest(trx, { kind: 'correction', name, email, jurisdiction: 'eu', details: `My phone is ${phone}`, locale: 'en', status: 'open', dueAt: new Date(Date.now() + 86_400_000), policyVersion: t.services.policyVersions.current('privacy') });
    await privacyStore.insertEntry(trx, { requestId, kind: 'message', authorId: staffId, body: `Dear ${name}, which phone?` });
    await createAccountToken(trx, user.id, 'email', 3_600_000, `${tag}.new@example.test`);
    await trx.insertInto('user_totp').values({ user_id: user.id, secret_sealed: cipher.encrypt('JBSWY3DPEHPK3PXP', `user_totp.secret:${user.id}`), confirmed_at: now, last_step: null, pending_secret_sealed: null, pending_created_at: null, updated_at: now }).execute();
    await trx.insertInto('webauthn_credentials').values({ id: `cred-${tag}`, user_id: user.id, public_key: 'pQECAyYgASFYIA', counter: 0, transports: writeJson(['internal']), backed_up: false, name: `${tag}'s laptop`, created_at: now, last_used_at: null }).execute();
    await trx
      .insertInto('professional_profiles')
      .values({
        user_id: user.id,
        slug: `${tag}-quixote`,
        licence_number: `LIC-${tag}`,
        licence_region: 'CA',
        specialty: 'plastic-surgery',
        board: 'ABPS',
        practice_name: `${name} Aesthetics`,
        bio: `${name} has practised for ten years.`,
        photo_media_id: image.id,
        status: 'pending',
        reason: null,
        reviewed_by: null,
        reviewed_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await recordAudit(trx, 'account.profile_updated', { type: 'user', id: user.id }, undefined, user.id);
  });
  // An email in the outbox, to the person.
  await t.request({ method: 'POST', url: '/account/forgot', remoteAddress: `198.51.100.${tag.length}`, ...form({ email }) });
  return { userId: user.id, email, name, phone, session, message, photo, photoKey, mediaKeys: image.variants.map((v) => v.key) };
}

async function mailWhere(sink: SmtpSink, match: (m: ParsedMail) => boolean): Promise<ParsedMail> {
  for (let i = 0; i < 200; i++) {
    const found = sink.messages.find(match);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no such email arrived');
}

/** Every row of every table (the registry's and the others': the registry test proves that is every table), as text. */
async function databaseText(t: TestApp): Promise<Map<string, string>> {
  const db = t.services.db as unknown as import('kysely').Kysely<any>;
  const out = new Map<string, string>();
  const dialect = dialectOf(db);
  const tables = nonPersonalTables().filter((e) => !e.dialect || e.dialect === dialect);
  for (const table of [...personalDataRegistry().map((e) => e.table), ...tables.map((e) => e.table)]) {
    const rows = await db.selectFrom(table).selectAll().execute();
    out.set(table, JSON.stringify(rows).toLowerCase());
  }
  return out;
}

async function storedFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])) {
    if (entry.isFile()) found.push(join(entry.parentPath, entry.name));
  }
  return found;
}

describe('data export and erasure, driven by the registry', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let worker: Worker;
  let rich: Person;
  let other: Person;

  before(async () => {
    sink = await startSmtpSink();
    t = await buildTestApp({ SMTP_URL: sink.url });
    worker = new Worker({ db: t.services.db, queue: t.services.jobs, log: pino({ level: 'silent' }) });
    await t.signIn(['moderator'], 'staff.person@example.test');
    const staffId = (await findUserByEmail(t.services.db, 'staff.person@example.test'))!.id;
    rich = await seedPerson(t, 'rosalind', staffId);
    other = await seedPerson(t, 'oscar', staffId);
    await worker.drain();
  });
  after(async () => {
    t.services.mail.close();
    await t.close();
    await sink.close();
  });

  test('the export holds every registry entry with rows for the person, decrypted, and nothing of anyone else', async () => {
    const exports = new ExportService(t.services);
    let zipBytes: Buffer | null = null;
    const subject = await resolveSubject(t.services.db, { userId: rich.userId });
    const matched = await matchPerson(t.services.db, rich.email);
    const built = await exports.build(subject, 'en', async (path) => {
      zipBytes = await readFile(path);
    });
    await t.services.storage.remove(built.key);
    const files = unzipSync(new Uint8Array(zipBytes!));
    const text = (name: string) => Buffer.from(files[name]!).toString('utf8');

    // Every table the registry finds rows in, with as many rows; and no other table.
    const tables = Object.keys(files).filter((f) => f.startsWith('tables/')).map((f) => f.slice('tables/'.length, -'.json'.length)).sort();
    assert.deepEqual(tables, matched.map((m) => m.table).sort());
    for (const m of matched) assert.equal(JSON.parse(text(`tables/${m.table}.json`)).length, m.rows, m.table);
    // The seeded person reaches (at least) every kind of place.
    for (const table of ['users', 'user_roles', 'sessions', 'account_tokens', 'user_totp', 'webauthn_credentials', 'professional_profiles', 'media', 'contact_messages', 'contact_entries', 'consultation_requests', 'consultation_notes', 'newsletter_subscribers', 'newsletter_subscriptions', 'newsletter_consents', 'privacy_requests', 'privacy_request_entries', 'mail_messages', 'audit_events']) {
      assert.ok(tables.includes(table), `export has ${table}`);
    }

    // Sealed values and files opened; secrets withheld.
    const consultation = JSON.parse(text('tables/consultation_requests.json'))[0];
    assert.equal(consultation.message_sealed, rich.message);
    assert.equal(consultation.phone, rich.phone);
    assert.deepEqual(Buffer.from(files[consultation.photo_key]!), rich.photo);
    assert.match(JSON.parse(text('tables/consultation_notes.json'))[0].body_sealed, /^Called Rosalind/);
    const user = JSON.parse(text('tables/users.json'))[0];
    assert.equal(user.email, rich.email);
    assert.equal(user.password_hash, undefined);
    assert.equal(JSON.parse(text('tables/user_totp.json'))[0].secret_sealed, undefined);
    assert.ok(!text('tables/user_totp.json').includes('JBSWY3DPEHPK3PXP'));
    // Staff who handled the person's data are not named (their ids are removed).
    assert.equal(JSON.parse(text('tables/contact_entries.json'))[0].author_id, null);
    // Their files: the profile photo as a JPEG.
    const mediaFiles = Object.keys(files).filter((f) => f.startsWith('files/media/'));
    assert.equal(mediaFiles.length, 1);
    assert.deepEqual([...files[mediaFiles[0]!]!.subarray(0, 2)], [0xff, 0xd8]);

    // The manifest: what each file is, why, on what basis, for how long.
    const index = JSON.parse(text('index.json'));
    for (const entry of index.tables) {
      const declared = personalDataRegistry().find((e) => e.table === entry.table)!;
      assert.equal(entry.purpose, translate('en', purposeKey(declared)));
      assert.equal(entry.lawfulBasis, declared.lawfulBasis);
      assert.ok(entry.retention.length > 5);
      const kept = keptKey(declared);
      // A kept table says its own reason (the law, published content), not one reason for all.
      if (kept) assert.ok(entry.retention.endsWith(translate('en', kept)), `${entry.table}: ${entry.retention}`);
    }
    assert.ok(index.tables.some((entry: { table: string }) => keptKey(personalDataRegistry().find((e) => e.table === entry.table)!)), 'the export holds at least one kept table');
    assert.match(text('README.txt'), /tables\/consultation_requests\.json \(1\)/);

    // Nothing of the other person anywhere in the ZIP.
    const all = Object.values(files).map((bytes) => Buffer.from(bytes).toString('latin1').toLowerCase()).join('\n');
    for (const needle of [other.email, other.name, other.phone, other.userId, other.message]) assert.ok(!all.includes(needle.toLowerCase()), `export leaks ${needle}`);
    assert.ok(!all.includes('staff.person@example.test'));
  });

  test("a Spanish member's export says in Spanish what each file is for", async () => {
    const exports = new ExportService(t.services);
    let zipBytes: Buffer | null = null;
    const built = await exports.build(await resolveSubject(t.services.db, { userId: rich.userId }), 'es', async (path) => {
      zipBytes = await readFile(path);
    });
    await t.services.storage.remove(built.key);
    const files = unzipSync(new Uint8Array(zipBytes!));
    const readme = Buffer.from(files['README.txt']!).toString('utf8');
    const manifest: { table: string; purpose: string }[] = JSON.parse(Buffer.from(files['index.json']!).toString('utf8')).tables;
    assert.equal(manifest.find((m) => m.table === 'users')?.purpose, 'La cuenta: quién es la persona, cómo contactarla y cómo inicia sesión.');
    for (const m of manifest) assert.equal(m.purpose, translate('es', purposeKey(m)), m.table);
    assert.match(readme, /tables\/users\.json \(1\)\n {2}La cuenta: quién es la persona, cómo contactarla y cómo inicia sesión\./);
    assert.ok(!readme.includes(translate('en', 'registry.users.purpose')), 'no English purpose in a Spanish README');
  });

  test('signed in: request a copy, get an email, download the ZIP (a week, then it is gone)', async () => {
    const res = await t.request({ method: 'POST', url: '/account/privacy/export', as: rich.session });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/account/privacy?notice=exported#download');
    const request = await t.services.db.selectFrom('privacy_requests').selectAll().where('email', '=', rich.email).where('kind', '=', 'access').executeTakeFirstOrThrow();
    assert.equal(request.status, 'completed');
    await worker.drain();
    const mail = await mailWhere(sink, (m) => /ready to download/.test(m.subject ?? '') && JSON.stringify(m.to).includes(rich.email));
    const url = new URL(mail.text!.match(/http:\/\/localhost:3000\/privacy\/exports\/download\?token=[\w-]+/)![0]);
    assert.equal((await t.request({ url: `${url.pathname}${url.search}x` })).statusCode, 410);
    const download = await t.request({ url: `${url.pathname}${url.search}` });
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'application/zip');
    assert.match(String(download.headers['content-disposition']), /attachment/);
    const users = JSON.parse(Buffer.from(unzipSync(new Uint8Array(download.rawPayload))['tables/users.json']!).toString());
    assert.equal(users[0].name, rich.name);
    // From the privacy page too, only by its owner.
    const record = await t.services.db.selectFrom('privacy_exports').select(['id', 'file_key']).where('user_id', '=', rich.userId).executeTakeFirstOrThrow();
    assert.equal((await t.request({ url: `/account/privacy/exports/${record.id}`, as: rich.session })).statusCode, 200);
    assert.equal((await t.request({ url: `/account/privacy/exports/${record.id}`, as: other.session })).statusCode, 410);
    assert.equal((await t.request({ url: `/account/privacy/exports/${record.id}`, headers: { accept: 'application/json' } })).statusCode, 401);
    // Expired: purged, file and row.
    const exports = new ExportService(t.services);
    assert.equal(await exports.purge(new Date(Date.now() + 8 * 86_400_000)), 1);
    assert.equal(await t.services.storage.size(record.file_key!), null);
    assert.equal((await t.request({ url: `${url.pathname}${url.search}` })).statusCode, 410);
  });

  test('objecting to marketing stops the newsletter; unsubscribe from everything suppresses the address', async () => {
    const res = await t.request({ method: 'POST', url: '/account/privacy/choices', as: other.session, ...form({ marketing: 'on' }) });
    assert.equal(res.statusCode, 303);
    const user = await t.services.db.selectFrom('users').select(['objected_marketing_at', 'restricted_at']).where('id', '=', other.userId).executeTakeFirstOrThrow();
    assert.ok(user.objected_marketing_at);
    assert.equal(user.restricted_at, null);
    const subscriber = await t.services.db.selectFrom('newsletter_subscribers').select('status').where('email', '=', other.email).executeTakeFirstOrThrow();
    assert.equal(subscriber.status, 'unsubscribed');
    const recorded = await t.services.db.selectFrom('privacy_requests').select(['kind', 'status']).where('email', '=', other.email).where('kind', '=', 'objection').execute();
    assert.deepEqual(recorded, [{ kind: 'objection', status: 'completed' }]);
    const page = await t.request({ url: '/account/privacy', as: other.session });
    assert.match(page.body, /id="field-marketing" name="marketing" value="on" checked/);
    assert.equal((await t.request({ method: 'POST', url: '/account/privacy/unsubscribe', as: other.session })).statusCode, 303);
    assert.equal((await t.request({ method: 'POST', url: '/account/privacy/unsubscribe' })).statusCode, 401);
  });

  test('deleting the account: wrong password refused; then a full scan finds none of the person, the other person intact', async () => {
    const wrong = await t.request({ method: 'POST', url: '/account/privacy/delete', as: rich.session, ...form({ password: 'not my password', confirm: 'on' }) });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /That password is not right/);
    assert.ok(!wrong.body.includes('not my password'));
    const unconfirmed = await t.request({ method: 'POST', url: '/account/privacy/delete', as: rich.session, ...form({ password: 'correct horse battery staple' }) });
    assert.equal(unconfirmed.statusCode, 422);
    assert.ok(await findUserByEmail(t.services.db, rich.email));

    const res = await t.request({ method: 'POST', url: '/account/privacy/delete', as: rich.session, ...form({ password: 'correct horse battery staple', confirm: 'on' }) });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/privacy/center?deleted=1');
    await worker.drain();

    // Signed out everywhere, and the account cannot sign in again.
    assert.equal((await t.request({ url: '/account', as: rich.session, headers: { accept: 'application/json' } })).statusCode, 401);
    const signIn = await t.request({ method: 'POST', url: '/account/sign-in', remoteAddress: '198.51.100.77', ...form({ email: rich.email, password: 'correct horse battery staple' }) });
    assert.notEqual(signIn.statusCode, 303);

    // Every text of every table: nothing of the person.
    const db = await databaseText(t);
    for (const [table, text] of db) {
      for (const needle of [rich.email, rich.name, rich.phone, rich.message, 'rosalind']) assert.ok(!text.includes(needle.toLowerCase()), `${table} still holds ${needle}`);
    }
    // Files: the sealed photo and the profile picture are gone; no stored file names the person.
    assert.equal(await t.services.storage.size(rich.photoKey), null);
    for (const key of rich.mediaKeys) assert.equal(await t.services.storage.size(key), null, key);
    for (const path of await storedFiles(join(t.services.config.dataDir, 'media'))) {
      const bytes = (await readFile(path)).toString('latin1').toLowerCase();
      for (const needle of [rich.email, rich.name, rich.phone]) assert.ok(!bytes.includes(needle.toLowerCase()), `${path} holds ${needle}`);
    }

    // What is kept: the evidence, minimised. The request is on record, completed, without who asked.
    const deletion = await t.services.db.selectFrom('privacy_requests').selectAll().where('kind', '=', 'deletion').executeTakeFirstOrThrow();
    assert.equal(deletion.status, 'completed');
    assert.equal(deletion.email, '');
    const audit = await t.services.db.selectFrom('audit_events').select(['action', 'change']).where('action', '=', 'privacy.erased').executeTakeFirstOrThrow();
    assert.match(String(typeof audit.change === 'string' ? audit.change : JSON.stringify(audit.change)), /"users":1/);

    // The other person's data is all there.
    assert.ok(await findUserByEmail(t.services.db, other.email));
    assert.equal(await t.services.storage.size(other.photoKey) !== null, true);
    const others = await matchPerson(t.services.db, other.email);
    for (const table of ['consultation_requests', 'consultation_notes', 'contact_messages', 'contact_entries', 'professional_profiles', 'newsletter_subscribers']) assert.ok(others.some((m) => m.table === table), table);
    assert.ok((db.get('users') ?? '').includes(other.email));
  });

  test('the officer runs an export and an erasure for a request from someone without an account', async () => {
    const officer = await t.signIn(['privacy_officer'], 'olga.officer@example.test');
    const { db } = t.services;
    const now = nowIso();
    await db.insertInto('contact_messages').values({ id: newId(), name: 'Nadia Writer', email: 'nadia@example.test', topic: 'general', message: 'Call me on +1 555 0199', locale: 'en', status: 'new', assigned_to: null, created_at: now, updated_at: now }).execute();
    const id = await privacyStore.insertRecordedRequest(db, { kind: 'deletion', name: 'Nadia Writer', email: 'nadia@example.test', jurisdiction: 'us-ca', details: '', locale: 'en', status: 'open', dueAt: new Date(Date.now() + 86_400_000), policyVersion: t.services.policyVersions.current('privacy') });
    const page = await t.request({ url: `/admin/privacy/${id}`, as: officer });
    assert.match(page.body, /Run export/);
    assert.match(page.body, /Run erasure/);

    assert.equal((await t.request({ method: 'POST', url: `/admin/privacy/${id}/export`, as: officer })).statusCode, 303);
    await worker.drain();
    const mail = await mailWhere(sink, (m) => /ready to download/.test(m.subject ?? '') && JSON.stringify(m.to).includes('nadia@example.test'));
    const url = new URL(mail.text!.match(/http:\/\/localhost:3000\/privacy\/exports\/download\?token=[\w-]+/)![0]);
    const zip = unzipSync(new Uint8Array((await t.request({ url: `${url.pathname}${url.search}` })).rawPayload));
    assert.match(Buffer.from(zip['tables/contact_messages.json']!).toString(), /\+1 555 0199/);

    const unticked = await t.request({ method: 'POST', url: `/admin/privacy/${id}/erase`, as: officer, ...form({}) });
    assert.equal(unticked.statusCode, 422);
    assert.match(unticked.body, /Tick the box/);
    assert.equal((await t.request({ method: 'POST', url: `/admin/privacy/${id}/erase`, as: officer, ...form({ confirm: 'on' }) })).statusCode, 303);
    assert.equal((await db.selectFrom('contact_messages').select('id').where('email', '=', 'nadia@example.test').execute()).length, 0);
    // The request itself is spared (it still has to be answered), with a note of what was done.
    const after = await t.request({ url: `/admin/privacy/${id}`, as: officer });
    assert.match(after.body, /Erasure run: \d+ records deleted/);
    assert.match(after.body, /nadia@example\.test/);
  });
});
