import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { Cron } from 'croner';
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import type { Db, Trx } from '../db/index.js';
import { newId } from '../db/ids.js';
import { currentContext, runWithContext } from '../http/context.js';
import * as store from './store.js';
import './privacy.js';

export { JOB_STATUSES, type JobRecord, type JobStatus } from './store.js';

/** What a job handler gets besides its payload. */
export interface JobContext {
  readonly jobId: string;
  /** 1 on the first run, 2 on the first retry ... */
  readonly attempt: number;
  readonly log: FastifyBaseLogger;
}

/** What a dead-letter hook gets: the job's context and the transaction that dead-letters it. */
export interface DeadJobContext extends JobContext {
  readonly trx: Trx;
}

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  /** Validates the payload when enqueued and again when run (rows outlive code). */
  readonly schema: S;
  readonly handler: (payload: z.output<S>, ctx: JobContext) => Promise<void>;
  /** Runs before the job is dead-lettered; default 5. */
  readonly maxAttempts?: number;
  /**
   * Called once when the last attempt fails, in the transaction that dead-letters the job, so
   * what it records (a row marked failed, a notice queued) exists if and only if the job is
   * dead. It must use `ctx.trx` only. If it throws, the job is dead-lettered without it and the
   * error logged; retrying the dead job runs the handler, and on failure the hook, again.
   */
  readonly onDead?: (payload: z.output<S>, error: unknown, ctx: DeadJobContext) => Promise<void>;
}

interface Schedule {
  readonly name: string;
  readonly cron: string;
  readonly job: string;
  readonly payload: unknown;
}

/** Exponential backoff with full jitter: 2^attempt seconds, capped at an hour, times [0.5, 1). */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(3_600_000, 1000 * 2 ** attempt);
  return Math.round(base * (0.5 + random() / 2));
}

/**
 * The job types and schedules of the application. Features define their jobs at boot; the
 * queue itself is the `jobs` table, so any process with the same code can run them.
 */
export class JobQueue {
  readonly #definitions = new Map<string, JobDefinition>();
  readonly #schedules = new Map<string, Schedule>();
  /** Wakes this process's workers as soon as something is enqueued here. */
  readonly #events = new EventEmitter();

  constructor(private readonly db: Db) {}

  define<S extends z.ZodType>(definition: JobDefinition<S>): void {
    if (this.#definitions.has(definition.name)) throw new Error(`job ${definition.name} defined twice`);
    this.#definitions.set(definition.name, definition as unknown as JobDefinition);
  }

  /** Runs `job` with `payload` on a cron schedule (UTC). */
  schedule(name: string, cron: string, job: string, payload: unknown = {}): void {
    new Cron(cron, { paused: true, timezone: 'UTC' }); // throws on a bad expression, at boot
    this.#schedules.set(name, { name, cron, job, payload });
  }

  definition(name: string): JobDefinition | undefined {
    return this.#definitions.get(name);
  }

  get schedules(): readonly Schedule[] {
    return [...this.#schedules.values()];
  }

  /**
   * Enqueues a job, in the caller's transaction when given one: the job exists if and only if
   * the change that asked for it does. The request id travels with it for the logs.
   */
  async enqueue(trx: Db | Trx, name: string, payload: unknown, options: { runAt?: Date } = {}): Promise<string> {
    const definition = this.#definitions.get(name);
    if (!definition) throw new Error(`unknown job ${name}`);
    const parsed = definition.schema.parse(payload);
    const id = await store.insertJob(trx, {
      name,
      payload: parsed,
      runAt: options.runAt ?? new Date(),
      maxAttempts: definition.maxAttempts ?? 5,
      requestId: currentContext()?.requestId ?? null,
    });
    // A transaction may still roll back: the worker finds nothing and sleeps again.
    setImmediate(() => this.#events.emit('enqueued'));
    return id;
  }

  onEnqueued(listener: () => void): () => void {
    this.#events.on('enqueued', listener);
    return () => this.#events.off('enqueued', listener);
  }

  retryDead(id: string): Promise<boolean> {
    return store.requeueDead(this.db, id);
  }

  list(status: store.JobStatus, limit?: number): Promise<store.JobRecord[]> {
    return store.listJobs(this.db, status, limit);
  }

  find(id: string): Promise<store.JobRecord | null> {
    return store.findJob(this.db, id);
  }

  counts(): Promise<Record<store.JobStatus, number>> {
    return store.countByStatus(this.db);
  }
}

export interface WorkerOptions {
  readonly db: Db;
  readonly queue: JobQueue;
  readonly log: FastifyBaseLogger;
  /** How long a claimed job is ours before another worker may take it over. */
  readonly leaseMs?: number;
  /** How often an idle worker looks for due jobs and schedules. */
  readonly pollMs?: number;
  /** Jobs run at once by this worker. */
  readonly concurrency?: number;
}

/**
 * Runs due jobs: claims one at a time with a lease, renews the lease while the handler runs,
 * records success, or schedules a retry with backoff until the job is dead-lettered (with its
 * definition's onDead, in the same transaction). A worker that dies mid-job leaves the lease
 * to expire; the next claim takes the job over.
 */
export class Worker {
  readonly id = `${hostname()}:${process.pid}:${newId().slice(0, 6)}`;
  readonly #db: Db;
  readonly #queue: JobQueue;
  readonly #log: FastifyBaseLogger;
  readonly #leaseMs: number;
  readonly #pollMs: number;
  readonly #concurrency: number;
  #running = 0;
  #stopped = true;
  #filling = false;
  #fillAgain = false;
  #timer: NodeJS.Timeout | undefined;
  #unsubscribe: (() => void) | undefined;
  readonly #inFlight = new Set<Promise<void>>();

  constructor(options: WorkerOptions) {
    this.#db = options.db;
    this.#queue = options.queue;
    this.#log = options.log;
    this.#leaseMs = options.leaseMs ?? 60_000;
    this.#pollMs = options.pollMs ?? 1_000;
    this.#concurrency = options.concurrency ?? 2;
  }

  async start(): Promise<void> {
    const now = new Date();
    for (const s of this.#queue.schedules) {
      await store.upsertSchedule(this.#db, s.name, s.cron, nextRun(s.cron, now));
    }
    this.#stopped = false;
    this.#unsubscribe = this.#queue.onEnqueued(() => this.#tick());
    this.#tick();
  }

  /** Stops claiming; waits for jobs already running to finish. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#unsubscribe?.();
    if (this.#timer) clearTimeout(this.#timer);
    await Promise.allSettled([...this.#inFlight]);
  }

  #tick(): void {
    if (this.#stopped) return;
    if (this.#timer) clearTimeout(this.#timer);
    // Referenced on purpose: a started worker keeps its process alive until stop().
    this.#timer = setTimeout(() => this.#tick(), this.#pollMs);
    if (this.#filling) {
      this.#fillAgain = true;
      return;
    }
    this.#filling = true;
    void this.#fill()
      .catch((error: unknown) => this.#log.error({ err: error }, 'job worker poll failed'))
      .finally(() => {
        this.#filling = false;
        if (this.#fillAgain) {
          this.#fillAgain = false;
          this.#tick();
        }
      });
  }

  /** Claims jobs until the worker is full or nothing is due. */
  async #fill(): Promise<void> {
    await this.#enqueueDueSchedules();
    while (!this.#stopped && this.#running < this.#concurrency) {
      const job = await store.claimNext(this.#db, this.id, new Date(), this.#leaseMs);
      if (!job) return;
      this.#running++;
      const run = this.#run(job).finally(() => {
        this.#running--;
        this.#inFlight.delete(run);
        this.#tick();
      });
      this.#inFlight.add(run);
    }
  }

  /** Runs exactly the due jobs found: one pass, for tests and the CLI. */
  async drain(): Promise<number> {
    let count = 0;
    await this.#enqueueDueSchedules();
    for (;;) {
      const job = await store.claimNext(this.#db, this.id, new Date(), this.#leaseMs);
      if (!job) return count;
      await this.#run(job);
      count++;
    }
  }

  async #enqueueDueSchedules(): Promise<void> {
    const now = new Date();
    for (const due of await store.dueSchedules(this.#db, now)) {
      const schedule = this.#queue.schedules.find((s) => s.name === due.name);
      if (!schedule) continue;
      await this.#db.transaction().execute(async (trx) => {
        if (await store.advanceSchedule(trx, due.name, due.nextRunAt, nextRun(schedule.cron, now), now)) {
          await this.#queue.enqueue(trx, schedule.job, schedule.payload);
        }
      });
    }
  }

  async #run(job: store.JobRecord): Promise<void> {
    const log = this.#log.child({ jobId: job.id, job: job.name, attempt: job.attempts });
    const definition = this.#queue.definition(job.name);
    const parsed = definition?.schema.safeParse(job.payload);
    if (!definition || !parsed?.success) {
      // Nothing a retry can fix: the code no longer knows this job or its payload.
      await store.markFailed(this.#db, job.id, this.id, definition ? 'invalid payload' : `unknown job ${job.name}`, null);
      log.error('job dead: not runnable');
      return;
    }
    const renew = setInterval(() => {
      void store.renewLease(this.#db, job.id, this.id, new Date(Date.now() + this.#leaseMs)).catch(() => undefined);
    }, Math.max(50, Math.floor(this.#leaseMs / 3)));
    renew.unref();
    const context = { requestId: job.requestId ?? job.id, ip: 'worker', locale: 'en' as const, actor: null };
    try {
      await runWithContext(context, () => definition.handler(parsed.data, { jobId: job.id, attempt: job.attempts, log }));
      clearInterval(renew);
      await store.markSucceeded(this.#db, job.id, this.id);
    } catch (error) {
      clearInterval(renew);
      const message = error instanceof Error ? error.message : String(error);
      if (job.attempts < job.maxAttempts) {
        const retryAt = new Date(Date.now() + retryDelayMs(job.attempts));
        await store.markFailed(this.#db, job.id, this.id, message, retryAt);
        log.warn({ err: error, retryAt }, 'job failed; will retry');
        return;
      }
      const { onDead } = definition;
      if (onDead) {
        try {
          await runWithContext(context, () =>
            this.#db.transaction().execute(async (trx) => {
              // Only the worker still holding the job buries it: a lost lease means another worker took it over.
              if (await store.markFailed(trx, job.id, this.id, message, null)) await onDead(parsed.data, error, { jobId: job.id, attempt: job.attempts, log, trx });
            }),
          );
          log.error({ err: error }, 'job failed; dead-lettered');
          return;
        } catch (hookError) {
          log.error({ err: hookError }, 'dead-letter hook failed; the job is dead-lettered without it');
        }
      }
      await store.markFailed(this.#db, job.id, this.id, message, null);
      log.error({ err: error }, 'job failed; dead-lettered');
    }
  }
}

function nextRun(cron: string, from: Date): Date {
  const next = new Cron(cron, { paused: true, timezone: 'UTC' }).nextRun(from);
  if (!next) throw new Error(`cron ${cron} never runs`);
  return next;
}
