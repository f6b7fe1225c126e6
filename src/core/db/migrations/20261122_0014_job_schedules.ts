import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

/** When each scheduled job runs next; workers claim a due run by moving next_run_at. */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('job_schedules')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('cron', 'text', (c) => c.notNull())
    .addColumn('next_run_at', t.time, (c) => c.notNull())
    .addColumn('last_run_at', t.time)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('job_schedules').execute();
}
