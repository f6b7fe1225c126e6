import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { spawn } from 'node:child_process';
import pino from 'pino';
import { z } from 'zod';
import { loadTestConfig } from '../config/index.js';
import { type Db, dropSchema, migrate, openDatabase } from '../db/index.js';
import { JobQueue, Worker, retryDelayMs } from './index.js';
import * as store from './store.js';

const log = pino({ level: 'silent' });
const config = loadTestConfig();
let db: Db;

before(async () => {
  db = await openDatabase(config);
  await migrate(db, config);
});
after(async () => {
  if (config.database.kind === 'postgres' && config.database.schema) await dropSchema(db, config.database.schema);
  await db.destroy();
});

function queueWith(handler: (payload: { n: number }) => Promise<void>, maxAttempts = 3): JobQueue {
  const queue = new JobQueue(db);
  queue.define({ name: 'test.count', schema: z.object({ n: z.number().int() }), handler, maxAttempts });
  return queue;
}

async function clear(): Promise<void> {
  await db.deleteFrom('jobs').execute();
  await db.deleteFrom('job_schedules').execute();
}

describe('job queue', () => {
  test('payloads are validated when enqueued', async () => {
    await clear();
    const queue = queueWith(async () => undefined);
    await assert.rejects(queue.enqueue(db, 'test.count', { n: 'one' }));
    await assert.rejects(queue.enqueue(db, 'no.such.job', {}));
    assert.equal((await db.selectFrom('jobs').select('id').execute()).length, 0);
  });

  test('a job runs once and is marked succeeded', async () => {
    await clear();
    const seen: number[] = [];
    const queue = queueWith(async ({ n }) => {
      seen.push(n);
    });
    const id = await queue.enqueue(db, 'test.count', { n: 7 });
    const worker = new Worker({ db, queue, log });
    assert.equal(await worker.drain(), 1);
    assert.deepEqual(seen, [7]);
    const job = await queue.find(id);
    assert.equal(job?.status, 'succeeded');
    assert.equal(job?.attempts, 1);
    assert.equal(await worker.drain(), 0);
  });

  test('a job enqueued in a rolled-back transaction never exists', async () => {
    await clear();
    const queue = queueWith(async () => undefined);
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await queue.enqueue(trx, 'test.count', { n: 1 });
        throw new Error('the change failed');
      }),
    );
    assert.equal((await db.selectFrom('jobs').select('id').execute()).length, 0);
  });

  test('failures retry later with backoff, then land in the dead-letter state, and can be retried', async () => {
    await clear();
    let calls = 0;
    const queue = queueWith(async () => {
      calls++;
      throw new Error(`smtp refused (${calls})`);
    }, 2);
    const id = await queue.enqueue(db, 'test.count', { n: 1 });
    const worker = new Worker({ db, queue, log });
    await worker.drain();
    let job = await queue.find(id);
    assert.equal(job?.status, 'queued');
    assert.equal(job?.attempts, 1);
    assert.match(job?.lastError ?? '', /smtp refused \(1\)/);
    assert.ok((job?.runAt.getTime() ?? 0) > Date.now(), 'the retry waits');
    assert.equal(await worker.drain(), 0, 'not due yet');

    await db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', id).execute();
    await worker.drain();
    job = await queue.find(id);
    assert.equal(job?.status, 'dead');
    assert.equal(job?.attempts, 2);
    assert.equal((await queue.counts()).dead, 1);

    assert.equal(await queue.retryDead(id), true);
    assert.equal((await queue.find(id))?.status, 'queued');
    assert.equal(await queue.retryDead(id), false, 'only dead jobs are retried');
  });

  test('onDead runs once, after the last attempt, in the transaction that dead-letters the job', async () => {
    await clear();
    const deaths: { n: number; error: string; attempt: number }[] = [];
    const queue = new JobQueue(db);
    queue.define({ name: 'test.notice', schema: z.object({ about: z.number().int() }), handler: async () => undefined });
    queue.define({
      name: 'test.count',
      schema: z.object({ n: z.number().int() }),
      maxAttempts: 2,
      handler: async () => {
        throw new Error('storage refused the write');
      },
      onDead: async ({ n }, error, ctx) => {
        deaths.push({ n, error: error instanceof Error ? error.message : String(error), attempt: ctx.attempt });
        await queue.enqueue(ctx.trx, 'test.notice', { about: n });
      },
    });
    const id = await queue.enqueue(db, 'test.count', { n: 5 });
    const worker = new Worker({ db, queue, log });
    await worker.drain();
    assert.deepEqual(deaths, [], 'a failure with attempts left is not a death');
    await db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', id).execute();
    await worker.drain();
    assert.deepEqual(deaths, [{ n: 5, error: 'storage refused the write', attempt: 2 }]);
    assert.equal((await queue.find(id))?.status, 'dead');
    const notices = await db.selectFrom('jobs').select(['status']).where('name', '=', 'test.notice').execute();
    assert.equal(notices.length, 1, 'what the hook queued was committed with the death');
    assert.equal(notices[0]?.status, 'succeeded', 'and ran in the same drain');
  });

  test('a failing onDead still leaves the job dead, and nothing it wrote is kept', async () => {
    await clear();
    const queue = new JobQueue(db);
    queue.define({ name: 'test.notice', schema: z.object({ about: z.number().int() }), handler: async () => undefined });
    queue.define({
      name: 'test.count',
      schema: z.object({ n: z.number().int() }),
      maxAttempts: 1,
      handler: async () => {
        throw new Error('first failure');
      },
      onDead: async ({ n }, _error, ctx) => {
        await queue.enqueue(ctx.trx, 'test.notice', { about: n });
        throw new Error('the hook failed too');
      },
    });
    const id = await queue.enqueue(db, 'test.count', { n: 6 });
    await new Worker({ db, queue, log }).drain();
    const job = await queue.find(id);
    assert.equal(job?.status, 'dead');
    assert.equal(job?.lastError, 'first failure');
    assert.equal((await db.selectFrom('jobs').select('id').where('name', '=', 'test.notice').execute()).length, 0);
  });

  test('backoff grows exponentially with jitter and is capped', () => {
    assert.equal(retryDelayMs(1, () => 0), 1000);
    assert.equal(retryDelayMs(3, () => 0.999_999), 8000);
    assert.ok(retryDelayMs(30, () => 0.5) <= 3_600_000);
  });

  test('a job whose payload no longer validates is dead-lettered without running', async () => {
    await clear();
    let ran = false;
    const queue = queueWith(async () => {
      ran = true;
    });
    const id = await queue.enqueue(db, 'test.count', { n: 1 });
    await db.updateTable('jobs').set({ payload: JSON.stringify({ n: 'x' }) }).where('id', '=', id).execute();
    await new Worker({ db, queue, log }).drain();
    assert.equal(ran, false);
    assert.equal((await queue.find(id))?.status, 'dead');
  });

  test('a claimed job whose lease ran out is taken over by another worker', async () => {
    await clear();
    const queue = queueWith(async () => undefined);
    const id = await queue.enqueue(db, 'test.count', { n: 1 });
    const claimed = await store.claimNext(db, 'worker-that-dies', new Date(), 50);
    assert.equal(claimed?.id, id);
    assert.equal(await store.claimNext(db, 'other', new Date(), 50), null, 'leased: nobody else may take it');
    await new Promise((r) => setTimeout(r, 80));
    const worker = new Worker({ db, queue, log });
    assert.equal(await worker.drain(), 1);
    const job = await queue.find(id);
    assert.equal(job?.status, 'succeeded');
    assert.equal(job?.attempts, 2);
  });

  test('two workers on one database never run a job twice', async () => {
    await clear();
    const runs = new Map<number, number>();
    const queue = queueWith(async ({ n }) => {
      runs.set(n, (runs.get(n) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 1));
    });
    for (let n = 0; n < 60; n++) await queue.enqueue(db, 'test.count', { n });
    const [a, b] = [new Worker({ db, queue, log }), new Worker({ db, queue, log })];
    const [ra, rb] = await Promise.all([a.drain(), b.drain()]);
    assert.equal(ra + rb, 60);
    assert.equal(runs.size, 60);
    assert.ok([...runs.values()].every((count) => count === 1));
  });

  test('a due schedule enqueues its job once, however many workers see it', async () => {
    await clear();
    let runs = 0;
    const queue = queueWith(async () => {
      runs++;
    });
    queue.schedule('test.every-minute', '* * * * *', 'test.count', { n: 1 });
    assert.throws(() => queue.schedule('bad', 'not a cron', 'test.count'));
    const [a, b] = [new Worker({ db, queue, log }), new Worker({ db, queue, log })];
    await a.start();
    await a.stop();
    await db.updateTable('job_schedules').set({ next_run_at: new Date(Date.now() - 1000).toISOString() }).execute();
    await Promise.all([a.drain(), b.drain()]);
    assert.equal(runs, 1);
    const schedule = await db.selectFrom('job_schedules').selectAll().executeTakeFirstOrThrow();
    assert.ok(new Date(String(schedule.next_run_at)).getTime() > Date.now());
  });

  test('a running worker picks up new jobs without waiting for its poll', async () => {
    await clear();
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => {
      done = resolve;
    });
    const queue = queueWith(async () => done());
    const worker = new Worker({ db, queue, log, pollMs: 60_000 });
    await worker.start();
    const started = Date.now();
    await queue.enqueue(db, 'test.count', { n: 1 });
    await finished;
    assert.ok(Date.now() - started < 5_000);
    await worker.stop();
  });

  test('a worker process killed mid-job: the job is retried after its lease ends', async () => {
    await clear();
    const env: NodeJS.ProcessEnv = { ...process.env, JOB_TEST_DATA_DIR: config.dataDir };
    if (config.database.kind === 'postgres') {
      env.JOB_TEST_DATABASE_URL = config.database.url;
      env.JOB_TEST_DATABASE_SCHEMA = config.database.schema ?? '';
    }
    delete env.NODE_TEST_CONTEXT;
    const queue = queueWith(async () => undefined);
    const id = await queue.enqueue(db, 'test.count', { n: 42 });
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/job-worker-child.ts'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // The child claims the job with a 1 s lease and never finishes it.
    for (let i = 0; i < 200 && (await queue.find(id))?.status !== 'running'; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal((await queue.find(id))?.status, 'running');
    assert.equal(child.exitCode, null, 'the worker is still alive, mid-job');
    child.kill('SIGKILL');
    await exited;

    const worker = new Worker({ db, queue, log });
    assert.equal(await worker.drain(), 0, 'the lease still holds');
    await new Promise((r) => setTimeout(r, 1_100));
    assert.equal(await worker.drain(), 1);
    const job = await queue.find(id);
    assert.equal(job?.status, 'succeeded');
    assert.equal(job?.attempts, 2);
  });
});
