import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

/**
 * Failed sign-ins per account and per IP address, keyed by a hash (never the address or the
 * email typed), so throttling holds across processes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('sign_in_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', t.time, (c) => c.notNull())
    .addColumn('blocked_until', t.time)
    .addColumn('locked_until', t.time)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sign_in_throttle').execute();
}
