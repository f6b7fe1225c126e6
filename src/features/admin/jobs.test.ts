import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { Worker } from '../../core/jobs/index.js';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';

describe('background jobs in the back office, and the nightly purge', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  test('only admins see jobs; a dead job can be retried from the page', async () => {
    const editor = await t.signIn(['editor']);
    const admin = await t.signIn(['admin']);
    assert.equal((await t.request({ url: '/admin/jobs', headers: { accept: 'application/json' } })).statusCode, 401);
    assert.equal((await t.request({ url: '/admin/jobs', as: editor })).statusCode, 403);

    const id = await t.services.jobs.enqueue(t.services.db, 'accounts.purge_expired', {});
    await t.services.db.updateTable('jobs').set({ status: 'dead', attempts: 3, last_error: 'database <locked>' }).where('id', '=', id).execute();
    const page = await t.request({ url: '/admin/jobs', as: admin });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /accounts\.purge_expired/);
    assert.match(page.body, /database &lt;locked>/);
    assert.match(page.body, /1 failed for good/);

    const retry = await t.request({ method: 'POST', url: `/admin/jobs/${id}/retry`, as: admin });
    assert.equal(retry.statusCode, 303);
    assert.equal(retry.headers.location, '/admin/jobs?notice=retried');
    assert.equal((await t.services.jobs.find(id))?.status, 'queued');
    const again = await t.request({ method: 'POST', url: `/admin/jobs/${id}/retry`, as: admin });
    assert.equal(again.headers.location, '/admin/jobs?notice=notDead');
  });

  test('the purge job deletes expired and idle sessions and keeps live ones', async () => {
    const live = await t.signIn(['editor']);
    const expired = await t.signIn(['editor']);
    const idle = await t.signIn(['editor']);
    const idOf = (token: string): string => token.split('.')[0] ?? '';
    await t.services.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', idOf(expired)).execute();
    await t.services.db.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - 86_400_000).toISOString() }).where('id', '=', idOf(idle)).execute();
    await t.services.db.deleteFrom('jobs').execute();
    await t.services.jobs.enqueue(t.services.db, 'accounts.purge_expired', {});
    await new Worker({ db: t.services.db, queue: t.services.jobs, log: pino({ level: 'silent' }) }).drain();
    const left = (await t.services.db.selectFrom('sessions').select('id').execute()).map((r) => r.id);
    assert.ok(left.includes(idOf(live)));
    assert.ok(!left.includes(idOf(expired)));
    assert.ok(!left.includes(idOf(idle)));
    assert.ok(t.services.jobs.schedules.some((s) => s.job === 'accounts.purge_expired'));
  });
});
