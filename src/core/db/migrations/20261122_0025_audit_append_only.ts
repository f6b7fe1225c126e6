import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * The audit log is append-only in the database itself, not only in our code: an UPDATE,
 * DELETE (or, on PostgreSQL, TRUNCATE) of audit_events is refused by a trigger. Someone with
 * full database access can still drop the trigger; the hash chain (`sutura audit verify`)
 * is what catches that.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit log is append-only';
END
$$`.execute(db);
    await sql`CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`.execute(db);
    await sql`CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`.execute(db);
    return;
  }
  await sql`CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`.execute(db);
  await sql`CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`DROP TRIGGER IF EXISTS audit_events_no_change ON audit_events`.execute(db);
    await sql`DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events`.execute(db);
    await sql`DROP FUNCTION IF EXISTS audit_events_append_only()`.execute(db);
    return;
  }
  await sql`DROP TRIGGER IF EXISTS audit_events_no_update`.execute(db);
  await sql`DROP TRIGGER IF EXISTS audit_events_no_delete`.execute(db);
}
