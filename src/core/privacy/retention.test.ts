import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { newId } from '../db/ids.js';
import { Worker } from '../jobs/index.js';
import { recentRetentionRuns, retentionRules, runRetention } from './retention.js';

const DAY = 86_400_000;

describe('retention job', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  async function message(ageDays: number): Promise<string> {
    const id = newId();
    const at = new Date(Date.now() - ageDays * DAY).toISOString();
    await t.services.db
      .insertInto('contact_messages')
      .values({ id, name: `Person ${ageDays}`, email: `p${ageDays}@example.test`, topic: 'general', message: 'Hello', locale: 'en', status: 'new', assigned_to: null, created_at: at, updated_at: at })
      .execute();
    await t.services.db.insertInto('contact_entries').values({ id: newId(), message_id: id, kind: 'note', author_id: null, body: 'A note', created_at: at }).execute();
    return id;
  }

  test('the rules come from the registry, children before their parents', () => {
    const rules = retentionRules();
    const contact = rules.find((r) => r.table === 'contact_messages');
    assert.deepEqual(contact, { table: 'contact_messages', days: 730, from: 'updated_at' });
    assert.ok(rules.findIndex((r) => r.table === 'contact_entries') < rules.findIndex((r) => r.table === 'contact_messages'));
    assert.ok(!rules.some((r) => r.table === 'users'), 'accounts are kept while they exist');
  });

  test('rows past their limit go, newer rows stay; the run is recorded with counts per table', async () => {
    const old = await message(800);
    const fresh = await message(10);
    const run = await runRetention(t.services.db, t.services.storage, 'command');
    assert.equal(run.purged.contact_messages, 1);
    assert.equal(run.purged.contact_entries, 1);
    assert.deepEqual(run.errors, {});
    const left = await t.services.db.selectFrom('contact_messages').select('id').execute();
    assert.deepEqual(left.map((r) => r.id), [fresh]);
    assert.ok(!left.some((r) => r.id === old));
    const again = await runRetention(t.services.db, t.services.storage, 'command');
    assert.equal(again.purged.contact_messages, undefined, 'a second run finds nothing');
    const runs = await recentRetentionRuns(t.services.db);
    assert.equal(runs.length, 2);
    assert.ok(runs.some((r) => r.purged.contact_messages === 1 && r.trigger === 'command'));
  });

  test('the scheduled job and the officer\'s page: run now, see what went', async () => {
    await message(900);
    const officer = await t.signIn(['privacy_officer']);
    assert.equal((await t.request({ url: '/admin/retention', headers: { accept: 'application/json' } })).statusCode, 401);
    assert.equal((await t.request({ url: '/admin/retention', as: await t.signIn(['editor']), headers: { accept: 'application/json' } })).statusCode, 403);
    assert.ok(t.services.jobs.schedules.some((s) => s.job === 'privacy.retention'));
    const ran = await t.request({ method: 'POST', url: '/admin/retention/run', as: officer });
    assert.equal(ran.statusCode, 303);
    await new Worker({ db: t.services.db, queue: t.services.jobs, log: pino({ level: 'silent' }) }).drain();
    const page = await t.request({ url: '/admin/retention', as: officer });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /contact_messages: 1/);
    assert.match(page.body, /Staff/);
    const audit = await t.services.db.selectFrom('audit_events').select('action').where('action', '=', 'retention.run_requested').execute();
    assert.equal(audit.length, 1);
  });
});
