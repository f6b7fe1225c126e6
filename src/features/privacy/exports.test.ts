import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { startTestS3, type TestS3 } from '../../../test/support/s3-server.js';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { dialectOf } from '../../core/db/index.js';
import { Worker } from '../../core/jobs/index.js';
import { ExportService } from './subject-rights.js';

/**
 * An export whose job fails every attempt. The failure is real: the app stores files in an
 * S3-compatible store that refuses its credentials, so every ZIP upload is answered 403.
 */
describe('a data export that fails on every attempt', () => {
  let s3: TestS3;
  let t: TestApp;
  let worker: Worker;
  let member: string;
  let officer: string;
  const memberEmail = 'mara.member@example.test';
  const officerEmail = 'olga.officer@example.test';
  const memberIp = { remoteAddress: '203.0.113.40' };

  before(async () => {
    s3 = await startTestS3('the-store-key');
    t = await buildTestApp({ S3_BUCKET: 'sutura-test', S3_ENDPOINT: s3.endpoint, S3_ACCESS_KEY_ID: 'a-key-the-store-refuses', S3_SECRET_ACCESS_KEY: 'test-secret', S3_FORCE_PATH_STYLE: 'true' });
    worker = new Worker({ db: t.services.db, queue: t.services.jobs, log: pino({ level: 'silent' }) });
    member = await t.signIn(['member'], memberEmail);
    officer = await t.signIn(['privacy_officer'], officerEmail);
  });
  after(async () => {
    await t.close();
    await s3.close();
  });

  /** Runs every job, bringing each retry forward instead of waiting for its backoff, until none is queued. */
  async function runAllJobs(): Promise<void> {
    for (let round = 0; round < 10; round++) {
      await worker.drain();
      const waiting = await t.services.db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000).toISOString() }).where('status', '=', 'queued').executeTakeFirst();
      if (Number(waiting.numUpdatedRows) === 0) return;
    }
    throw new Error('jobs still queued after 10 rounds');
  }

  const exportsOf = (requestId: string) => t.services.db.selectFrom('privacy_exports').select(['id', 'status']).where('request_id', '=', requestId).orderBy('created_at').execute();
  const mailsTo = (address: string) => t.services.db.selectFrom('mail_messages').select(['template', 'text']).where('to_address', '=', address).execute();

  let requestId = '';
  let firstExportId = '';

  test('the export ends failed, the page says so with Try again, and the officer is emailed', async () => {
    assert.equal((await t.request({ method: 'POST', url: '/account/privacy/export', as: member, ...memberIp })).statusCode, 303);
    assert.match((await t.request({ url: '/account/privacy', as: member })).body, /Being prepared/);
    await runAllJobs();

    const exported = await t.services.db.selectFrom('privacy_exports').select(['id', 'status', 'request_id', 'file_key']).executeTakeFirstOrThrow();
    assert.equal(exported.status, 'failed');
    assert.equal(exported.file_key, null);
    requestId = exported.request_id!;
    firstExportId = exported.id;
    const job = await t.services.db.selectFrom('jobs').select(['status', 'attempts']).where('name', '=', 'privacy.export').executeTakeFirstOrThrow();
    assert.deepEqual(job, { status: 'dead', attempts: 3 });
    assert.ok(s3.log.filter((l) => l.startsWith('PUT ')).length >= 3, 'every attempt reached the store');
    assert.equal(s3.objects.size, 0);

    const page = await t.request({ url: '/account/privacy', as: member });
    assert.match(page.body, /We could not prepare the copy of your data you asked for on/);
    assert.match(page.body, /Failed: nothing was sent/);
    assert.ok(!page.body.includes('Being prepared'));
    assert.ok(page.body.includes(`action="/account/privacy/exports/${firstExportId}/retry"`), 'a Try again button for this export');
    assert.match(page.body, />\s*Try again\s*</);
    assert.match((await t.request({ url: '/es/account/privacy', as: member })).body, /No pudimos preparar la copia de sus datos/);

    // The officer gets a link to the request, and nothing about the person.
    const notices = (await mailsTo(officerEmail)).filter((m) => m.template === 'privacy.export_failed_notice');
    assert.equal(notices.length, 1);
    assert.ok(notices[0]!.text.includes(`/admin/privacy/${requestId}`));
    assert.ok(!notices[0]!.text.includes(memberEmail));
    // The member is not emailed about it: their page says it, and the officer can write.
    assert.deepEqual(await mailsTo(memberEmail), []);
    const audit = await t.services.db.selectFrom('audit_events').select('target_id').where('action', '=', 'privacy.export_failed').execute();
    assert.deepEqual(audit, [{ target_id: firstExportId }]);

    const request = await t.request({ url: `/admin/privacy/${requestId}`, as: officer });
    assert.match(request.body, /The last export for this request failed on every attempt/);
    assert.match(request.body, /Failed; nothing sent/);
    assert.ok(request.body.includes(`action="/admin/privacy/${requestId}/exports/${firstExportId}/retry"`));
  });

  test('Try again asks for a new export for the same request, once per failure', async () => {
    const res = await t.request({ method: 'POST', url: `/account/privacy/exports/${firstExportId}/retry`, as: member, ...memberIp });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/account/privacy?notice=exported#download');
    assert.deepEqual(
      (await exportsOf(requestId)).map((e) => e.status),
      ['failed', 'pending'],
    );
    const page = await t.request({ url: '/account/privacy', as: member });
    assert.match(page.body, /Being prepared/);
    assert.ok(!page.body.includes('We could not prepare'));

    const again = await t.request({ method: 'POST', url: `/account/privacy/exports/${firstExportId}/retry`, as: member, ...memberIp });
    assert.equal(again.headers.location, '/account/privacy#download');
    assert.equal((await exportsOf(requestId)).length, 2, 'a second press asks for nothing more');
    // Someone else's export is not theirs to retry.
    const stranger = await t.signIn(['member']);
    assert.equal((await t.request({ method: 'POST', url: `/account/privacy/exports/${firstExportId}/retry`, as: stranger, headers: { accept: 'application/json' } })).statusCode, 404);
  });

  test('the officer runs it again from the request, though the member\'s request is already completed', async () => {
    await runAllJobs();
    const [, second] = await exportsOf(requestId);
    assert.equal(second?.status, 'failed');
    assert.equal((await mailsTo(officerEmail)).filter((m) => m.template === 'privacy.export_failed_notice').length, 2);
    const state = await t.services.db.selectFrom('privacy_requests').select('status').where('id', '=', requestId).executeTakeFirstOrThrow();
    assert.equal(state.status, 'completed');

    const stale = await t.request({ method: 'POST', url: `/admin/privacy/${requestId}/exports/${firstExportId}/retry`, as: officer });
    assert.equal(stale.headers.location, `/admin/privacy/${requestId}`, 'an export already run again is not run a third time');
    const res = await t.request({ method: 'POST', url: `/admin/privacy/${requestId}/exports/${second!.id}/retry`, as: officer });
    assert.equal(res.headers.location, `/admin/privacy/${requestId}?notice=exported`);
    assert.deepEqual(
      (await exportsOf(requestId)).map((e) => e.status),
      ['failed', 'failed', 'pending'],
    );
    const page = await t.request({ url: `/admin/privacy/${requestId}`, as: officer });
    assert.match(page.body, /The failed export was run again/);
    assert.ok(!page.body.includes('failed on every attempt'), 'the newest export is being prepared');
    // Another request's export cannot be run from this one.
    assert.equal((await t.request({ method: 'POST', url: `/admin/privacy/does-not-exist/exports/${second!.id}/retry`, as: officer, headers: { accept: 'application/json' } })).statusCode, 404);
  });

  test('Try again is not held back by the limit on asking for copies', async () => {
    const other = await t.signIn(['member'], 'nils.member@example.test');
    const from = { remoteAddress: '203.0.113.41' };
    for (let i = 0; i < 5; i++) assert.equal((await t.request({ method: 'POST', url: '/account/privacy/export', as: other, ...from })).statusCode, 303);
    assert.equal((await t.request({ method: 'POST', url: '/account/privacy/export', as: other, ...from, headers: { accept: 'application/json' } })).statusCode, 429);
    await runAllJobs();
    const newest = await t.services.db.selectFrom('privacy_exports').innerJoin('users', 'users.id', 'privacy_exports.user_id').select(['privacy_exports.id', 'privacy_exports.status']).where('users.email', '=', 'nils.member@example.test').orderBy('privacy_exports.created_at', 'desc').executeTakeFirstOrThrow();
    assert.equal(newest.status, 'failed');
    const res = await t.request({ method: 'POST', url: `/account/privacy/exports/${newest.id}/retry`, as: other, ...from });
    assert.equal(res.headers.location, '/account/privacy?notice=exported#download');
  });
});

/**
 * The ZIP is stored before the row that points at it is written: when that write fails (here a
 * real database trigger refuses it), the ZIP is removed, since no purge would ever find it.
 */
describe('an export whose ZIP is stored but whose row cannot be marked ready', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  async function zipsInStorage(): Promise<string[]> {
    const dir = join(t.services.config.dataDir, 'media');
    const names = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
    return names.filter((n) => String(n).endsWith('.pzip')).map(String);
  }

  test('leaves no ZIP behind', async () => {
    const member = await t.signIn(['member'], 'rita.member@example.test');
    assert.equal((await t.request({ method: 'POST', url: '/account/privacy/export', as: member, remoteAddress: '203.0.113.50' })).statusCode, 303);
    const pending = await t.services.db.selectFrom('privacy_exports').select('id').where('status', '=', 'pending').executeTakeFirstOrThrow();
    if (dialectOf(t.services.db) === 'postgres') {
      await sql`CREATE FUNCTION refuse_export_ready() RETURNS trigger AS $$ BEGIN IF NEW.status = 'ready' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`.execute(t.services.db);
      await sql`CREATE TRIGGER refuse_export_ready BEFORE UPDATE ON privacy_exports FOR EACH ROW EXECUTE FUNCTION refuse_export_ready()`.execute(t.services.db);
    } else {
      await sql`CREATE TRIGGER refuse_export_ready BEFORE UPDATE ON privacy_exports WHEN NEW.status = 'ready' BEGIN SELECT RAISE(ABORT, 'refused'); END`.execute(t.services.db);
    }
    const before = await zipsInStorage();
    await assert.rejects(new ExportService(t.services).run(pending.id), /refused/);
    assert.deepEqual(await zipsInStorage(), before);
    const row = await t.services.db.selectFrom('privacy_exports').select(['status', 'file_key']).where('id', '=', pending.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'pending', file_key: null });
  });
});
