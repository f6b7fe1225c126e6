// A worker process for the kill test in src/core/jobs/jobs.test.ts: it claims jobs with a
// short lease and hangs in the handler until the test kills it.
import pino from 'pino';
import { z } from 'zod';
import { loadConfig } from '../../src/core/config/index.js';
import { migrate, openDatabase } from '../../src/core/db/index.js';
import { JobQueue, Worker } from '../../src/core/jobs/index.js';

const config = loadConfig({
  DATA_DIR: process.env.JOB_TEST_DATA_DIR ?? '',
  ...(process.env.JOB_TEST_DATABASE_URL ? { DATABASE_URL: process.env.JOB_TEST_DATABASE_URL, DATABASE_SCHEMA: process.env.JOB_TEST_DATABASE_SCHEMA ?? '' } : {}),
});
const db = await openDatabase(config);
await migrate(db, config);
const queue = new JobQueue(db);
queue.define({ name: 'test.count', schema: z.object({ n: z.number() }), handler: () => new Promise<void>(() => undefined) });
await new Worker({ db, queue, log: pino({ level: 'silent' }), leaseMs: 1_000, pollMs: 50 }).start();
