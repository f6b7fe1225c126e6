import type { Kysely } from 'kysely';
import { dialectOf, type Db } from '../db/index.js';
import { newId } from '../db/ids.js';
import { nowIso, readJson, readTime } from '../db/portable.js';
import type { DbTime } from '../db/types.js';
import type { MediaStorage } from '../media/storage.js';
import { defineNonPersonalData, personalDataRegistry, type PersonalDataTable } from './registry.js';

/**
 * The retention job: every table whose registry entry says `{ rule: 'days', days, from }` loses
 * the rows whose `from` time is older than `days` days. Sealed files of those rows (consultation
 * photos ...) are removed from storage after the rows. Each run is recorded with how many rows
 * went from each table, for the privacy officer and the log.
 */

export interface RetentionRunsTable {
  id: string;
  trigger: string;
  started_at: DbTime;
  finished_at: DbTime;
  total: number;
  purged: string;
  errors: string;
}

declare module '../db/types.js' {
  interface Database {
    retention_runs: RetentionRunsTable;
  }
}

defineNonPersonalData({
  table: 'retention_runs',
  owner: 'core/privacy',
  columns: ['id', 'trigger', 'started_at', 'finished_at', 'total', 'purged', 'errors'],
});

export const RETENTION_TRIGGERS = ['schedule', 'command', 'staff'] as const;
export type RetentionTrigger = (typeof RETENTION_TRIGGERS)[number];

export interface RetentionRun {
  readonly id: string;
  readonly trigger: RetentionTrigger;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly total: number;
  /** Rows purged per table (tables with nothing to purge are left out). */
  readonly purged: Readonly<Record<string, number>>;
  /** Tables that could not be purged, with the database's reason (no values, only the error). */
  readonly errors: Readonly<Record<string, string>>;
}

/** A rule the job applies: the table, the limit in days and the column it counts from. */
export interface RetentionRule {
  readonly table: string;
  readonly days: number;
  readonly from: string;
}

/** The rules of the registry, children (rows tied to a parent row) before their parents. */
export function retentionRules(registry: readonly PersonalDataTable[] = personalDataRegistry()): RetentionRule[] {
  const rules = registry.flatMap((e) => (e.retention.rule === 'days' ? [{ table: e.table, days: e.retention.days, from: e.retention.from, child: Boolean(e.link.parent) }] : []));
  rules.sort((a, b) => Number(b.child) - Number(a.child) || a.table.localeCompare(b.table));
  return rules.map(({ table, days, from }) => ({ table, days, from }));
}

const DAY_MS = 86_400_000;
const BATCH = 500;

/**
 * Purges what the rules say is past its time (rows with sealed files in batches, so their files
 * go too), and records the run. A table that fails (a foreign key, a lock) is reported and
 * the others still run. Safe to run twice: the second run finds nothing.
 */
export async function runRetention(db: Db, storage: MediaStorage, trigger: RetentionTrigger, now: Date = new Date()): Promise<RetentionRun> {
  const loose = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const startedAt = new Date();
  const purged: Record<string, number> = {};
  const errors: Record<string, string> = {};
  const byTable = new Map(personalDataRegistry().map((e) => [e.table, e]));
  const postgres = dialectOf(db) === 'postgres';
  for (const rule of retentionRules()) {
    const entry = byTable.get(rule.table)!;
    const cutoff = new Date(now.getTime() - rule.days * DAY_MS);
    // SQLite keeps times as ISO text (which sorts like time); PostgreSQL compares timestamptz.
    const limit = postgres ? cutoff : cutoff.toISOString();
    const key = entry.sealed?.key ?? 'id';
    const fileColumns = Object.keys(entry.sealed?.files ?? {});
    let count = 0;
    try {
      if (!fileColumns.length) {
        // Nothing outside the database to clean up: one statement.
        const result = await loose.deleteFrom(rule.table).where(rule.from, '<', limit as never).executeTakeFirst();
        count = Number(result.numDeletedRows);
      } else {
        // Rows with sealed files: in batches by key, the files removed once their rows are gone.
        for (;;) {
          const rows = await loose.selectFrom(rule.table).select([key, ...fileColumns]).where(rule.from, '<', limit as never).limit(BATCH).execute();
          if (!rows.length) break;
          const result = await loose.deleteFrom(rule.table).where(key, 'in', rows.map((r) => r[key]) as never[]).executeTakeFirst();
          count += Number(result.numDeletedRows);
          for (const row of rows) {
            for (const column of fileColumns) {
              const file = row[column];
              if (typeof file === 'string' && file) await storage.remove(file).catch(() => undefined);
            }
          }
          if (rows.length < BATCH) break;
        }
      }
    } catch (error) {
      errors[rule.table] = error instanceof Error ? error.message.slice(0, 300) : 'failed';
    }
    if (count) purged[rule.table] = count;
  }
  const run: RetentionRun = {
    id: newId(),
    trigger,
    startedAt,
    finishedAt: new Date(),
    total: Object.values(purged).reduce((a, b) => a + b, 0),
    purged,
    errors,
  };
  await db
    .insertInto('retention_runs')
    .values({ id: run.id, trigger, started_at: startedAt.toISOString(), finished_at: nowIso(), total: run.total, purged: JSON.stringify(purged), errors: JSON.stringify(errors) })
    .execute();
  return run;
}

/** The latest runs, newest first, for the privacy officer's page. */
export async function recentRetentionRuns(db: Db, limit = 30): Promise<RetentionRun[]> {
  const rows = await db.selectFrom('retention_runs').selectAll().orderBy('started_at', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    trigger: (RETENTION_TRIGGERS as readonly string[]).includes(r.trigger) ? (r.trigger as RetentionTrigger) : 'schedule',
    startedAt: readTime(r.started_at),
    finishedAt: readTime(r.finished_at),
    total: Number(r.total),
    purged: readJson<Record<string, number>>(r.purged),
    errors: readJson<Record<string, string>>(r.errors),
  }));
}
