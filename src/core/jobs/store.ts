import { sql } from 'kysely';
import { dialectOf, type Db, type Trx } from '../db/index.js';
import { newId } from '../db/ids.js';
import { readJson, readTime, readTimeOrNull, writeJson } from '../db/portable.js';
import './tables.js';

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'dead'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** A job as workers and the back office see it. */
export interface JobRecord {
  readonly id: string;
  readonly name: string;
  readonly payload: unknown;
  readonly status: JobStatus;
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly runAt: Date;
  readonly leaseUntil: Date | null;
  readonly lockedBy: string | null;
  readonly lastError: string | null;
  readonly requestId: string | null;
  readonly createdAt: Date;
  readonly finishedAt: Date | null;
}

type Row = {
  id: string; name: string; payload: unknown; status: string; attempts: number; max_attempts: number; run_at: unknown; lease_until: unknown;
  locked_by: string | null; last_error: string | null; request_id: string | null; created_at: unknown; finished_at: unknown;
};

function toRecord(r: Row): JobRecord {
  return {
    id: r.id,
    name: r.name,
    payload: readJson(r.payload),
    status: r.status as JobStatus,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    runAt: readTime(r.run_at),
    leaseUntil: readTimeOrNull(r.lease_until),
    lockedBy: r.locked_by,
    lastError: r.last_error,
    requestId: r.request_id,
    createdAt: readTime(r.created_at),
    finishedAt: readTimeOrNull(r.finished_at),
  };
}

export async function insertJob(db: Db | Trx, job: { name: string; payload: unknown; runAt: Date; maxAttempts: number; requestId: string | null }): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  await db
    .insertInto('jobs')
    .values({
      id,
      name: job.name,
      payload: writeJson(job.payload),
      status: 'queued',
      attempts: 0,
      max_attempts: job.maxAttempts,
      run_at: job.runAt.toISOString(),
      lease_until: null,
      locked_by: null,
      last_error: null,
      request_id: job.requestId,
      created_at: now,
      updated_at: now,
      finished_at: null,
    })
    .execute();
  return id;
}

/**
 * Claims the next due job for a worker: a queued job whose time has come, or a running job
 * whose lease ran out (its worker died). One statement, so two workers never claim the same
 * row: PostgreSQL skips rows another transaction has locked; SQLite has a single writer.
 */
export async function claimNext(db: Db, workerId: string, now: Date, leaseMs: number): Promise<JobRecord | null> {
  const at = now.toISOString();
  let next = db
    .selectFrom('jobs')
    .select('id')
    .where((eb) => eb.or([eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', at)]), eb.and([eb('status', '=', 'running'), eb('lease_until', '<', at)])]))
    .orderBy('run_at')
    .limit(1);
  if (dialectOf(db) === 'postgres') next = next.forUpdate().skipLocked();
  const row = await db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      attempts: eb('attempts', '+', 1),
      lease_until: new Date(now.getTime() + leaseMs).toISOString(),
      locked_by: workerId,
      updated_at: at,
    }))
    .where('id', '=', (eb) => eb.selectFrom(next.as('next')).select('next.id'))
    .returningAll()
    .executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** Extends a running job's lease, if this worker still holds it. */
export async function renewLease(db: Db, id: string, workerId: string, until: Date): Promise<boolean> {
  const r = await db.updateTable('jobs').set({ lease_until: until.toISOString() }).where('id', '=', id).where('locked_by', '=', workerId).where('status', '=', 'running').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function markSucceeded(db: Db, id: string, workerId: string): Promise<void> {
  const now = new Date().toISOString();
  await db
    .updateTable('jobs')
    .set({ status: 'succeeded', lease_until: null, locked_by: null, finished_at: now, updated_at: now, last_error: null })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .execute();
}

/**
 * Records a failure: back to the queue at `retryAt`, or dead when retryAt is null. False when
 * this worker no longer holds the job.
 */
export async function markFailed(db: Db | Trx, id: string, workerId: string, error: string, retryAt: Date | null): Promise<boolean> {
  const now = new Date().toISOString();
  const r = await db
    .updateTable('jobs')
    .set({
      status: retryAt ? 'queued' : 'dead',
      run_at: retryAt ? retryAt.toISOString() : sql`run_at`,
      lease_until: null,
      locked_by: null,
      last_error: error.slice(0, 2000),
      updated_at: now,
      finished_at: retryAt ? null : now,
    })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Puts a dead job back in the queue with a fresh set of attempts. */
export async function requeueDead(db: Db | Trx, id: string): Promise<boolean> {
  const now = new Date().toISOString();
  const r = await db
    .updateTable('jobs')
    .set({ status: 'queued', attempts: 0, run_at: now, updated_at: now, finished_at: null })
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findJob(db: Db | Trx, id: string): Promise<JobRecord | null> {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : null;
}

export async function listJobs(db: Db, status: JobStatus, limit = 100): Promise<JobRecord[]> {
  const rows = await db.selectFrom('jobs').selectAll().where('status', '=', status).orderBy('updated_at', 'desc').limit(limit).execute();
  return rows.map(toRecord);
}

export async function countByStatus(db: Db): Promise<Record<JobStatus, number>> {
  const rows = await db.selectFrom('jobs').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  const out: Record<JobStatus, number> = { queued: 0, running: 0, succeeded: 0, dead: 0 };
  for (const r of rows) if ((JOB_STATUSES as readonly string[]).includes(r.status)) out[r.status as JobStatus] = Number(r.n);
  return out;
}

export async function upsertSchedule(db: Db, name: string, cron: string, nextRunAt: Date): Promise<void> {
  const existing = await db.selectFrom('job_schedules').select(['cron']).where('name', '=', name).executeTakeFirst();
  if (!existing) {
    await db.insertInto('job_schedules').values({ name, cron, next_run_at: nextRunAt.toISOString(), last_run_at: null }).onConflict((oc) => oc.column('name').doNothing()).execute();
  } else if (existing.cron !== cron) {
    await db.updateTable('job_schedules').set({ cron, next_run_at: nextRunAt.toISOString() }).where('name', '=', name).execute();
  }
}

export async function dueSchedules(db: Db, now: Date): Promise<{ name: string; nextRunAt: Date }[]> {
  const rows = await db.selectFrom('job_schedules').select(['name', 'next_run_at']).where('next_run_at', '<=', now.toISOString()).execute();
  return rows.map((r) => ({ name: r.name, nextRunAt: readTime(r.next_run_at) }));
}

/**
 * Moves a schedule from the run it was due for to the next one; true for exactly one caller,
 * so a scheduled job is enqueued once however many workers see it due.
 */
export async function advanceSchedule(trx: Trx, name: string, dueAt: Date, next: Date, now: Date): Promise<boolean> {
  const r = await trx
    .updateTable('job_schedules')
    .set({ next_run_at: next.toISOString(), last_run_at: now.toISOString() })
    .where('name', '=', name)
    .where('next_run_at', '=', dueAt.toISOString())
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
