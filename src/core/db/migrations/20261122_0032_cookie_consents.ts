import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

/** Every cookie choice a browser made: which categories, under which policy, with or without an opt-out signal. */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('cookie_consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('consent_id', 'text', (c) => c.notNull())
    .addColumn('preferences', t.bool, (c) => c.notNull())
    .addColumn('analytics', t.bool, (c) => c.notNull())
    .addColumn('advertising', t.bool, (c) => c.notNull())
    .addColumn('opt_out_signal', t.bool, (c) => c.notNull())
    .addColumn('policy_version', 'text', (c) => c.notNull())
    .addColumn('created_at', t.time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cookie_consents_consent_idx').on('cookie_consents').columns(['consent_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('cookie_consents').execute();
}
