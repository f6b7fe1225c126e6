import { sql } from 'kysely';
import { dialectOf, type Db } from '../../src/core/db/index.js';

/**
 * What an attacker with database access would do before editing the audit log: drop the
 * triggers that make it append-only. Tests of the hash chain start here.
 */
export async function dropAuditTriggers(db: Db): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`DROP TRIGGER IF EXISTS audit_events_no_change ON audit_events`.execute(db);
    return;
  }
  await sql`DROP TRIGGER IF EXISTS audit_events_no_update`.execute(db);
  await sql`DROP TRIGGER IF EXISTS audit_events_no_delete`.execute(db);
}
