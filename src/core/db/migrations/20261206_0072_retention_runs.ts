import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

/** Each run of the retention job: when, why, and how many rows it purged from each table. */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('retention_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('started_at', t.time, (c) => c.notNull())
    .addColumn('finished_at', t.time, (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('purged', t.json, (c) => c.notNull())
    .addColumn('errors', t.json, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('retention_runs_started_idx').on('retention_runs').column('started_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('retention_runs').execute();
}
