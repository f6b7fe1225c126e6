import { type ExpressionBuilder, sql } from 'kysely';
import { isRole, type Role } from '../../core/auth/index.js';
import '../../core/auth/tables.js';
import '../../core/audit/tables.js';
import type { Db, Trx } from '../../core/db/index.js';
import { nowIso, readJson, readTime, readTimeOrNull } from '../../core/db/portable.js';
import type { Database } from '../../core/db/types.js';
import type { AuditEntry, AuditFilter, Person } from './model.js';

type Conn = Db | Trx;

/** `%`, `_` and `\` match literally in a LIKE pattern. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function peopleWhere(q: string | undefined) {
  return (eb: ExpressionBuilder<Database, 'users'>) => {
    if (!q) return eb.and([]);
    const pattern = likePattern(q);
    // ESCAPE spelled out: PostgreSQL defaults to backslash, SQLite has no default.
    return eb.or([sql<boolean>`lower(users.name) like ${pattern} escape '\\'`, sql<boolean>`lower(users.email) like ${pattern} escape '\\'`]);
  };
}

async function rolesOf(db: Conn, ids: readonly string[]): Promise<Map<string, Role[]>> {
  const out = new Map<string, Role[]>();
  if (!ids.length) return out;
  const rows = await db.selectFrom('user_roles').select(['user_id', 'role']).where('user_id', 'in', [...ids]).execute();
  for (const r of rows) if (isRole(r.role)) out.set(r.user_id, [...(out.get(r.user_id) ?? []), r.role]);
  return out;
}

type UserRow = { id: string; name: string; email: string; created_at: unknown; disabled_at: unknown };

function toPerson(r: UserRow, roles: Role[] | undefined): Person {
  return { id: r.id, name: r.name, email: r.email, roles: roles ?? [], createdAt: readTime(r.created_at), disabledAt: readTimeOrNull(r.disabled_at) };
}

/** People by name, filtered by a search on name or email (LIKE escapes the search's own wildcards). */
export async function listPeople(db: Conn, q: string | undefined, limit: number, offset: number): Promise<{ people: Person[]; total: number }> {
  const where = peopleWhere(q);
  const [rows, count] = await Promise.all([
    db.selectFrom('users').select(['id', 'name', 'email', 'created_at', 'disabled_at']).where(where).orderBy('name').orderBy('id').limit(limit).offset(offset).execute(),
    db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where(where).executeTakeFirstOrThrow(),
  ]);
  const roles = await rolesOf(db, rows.map((r) => r.id));
  return { people: rows.map((r) => toPerson(r, roles.get(r.id))), total: Number(count.n) };
}

export async function findPerson(db: Conn, id: string): Promise<Person | null> {
  const row = await db.selectFrom('users').select(['id', 'name', 'email', 'created_at', 'disabled_at']).where('id', '=', id).executeTakeFirst();
  return row ? toPerson(row, (await rolesOf(db, [row.id])).get(row.id)) : null;
}

export async function findPersonByEmail(db: Conn, email: string): Promise<Person | null> {
  const row = await db.selectFrom('users').select(['id']).where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  return row ? findPerson(db, row.id) : null;
}

/** Replaces a person's roles: removes those not wanted, adds the new ones. */
export async function replaceRoles(trx: Trx, userId: string, roles: readonly Role[], grantedBy: string): Promise<void> {
  const current = (await rolesOf(trx, [userId])).get(userId) ?? [];
  const removed = current.filter((r) => !roles.includes(r));
  if (removed.length) await trx.deleteFrom('user_roles').where('user_id', '=', userId).where('role', 'in', removed).execute();
  const now = nowIso();
  for (const role of roles.filter((r) => !current.includes(r))) {
    await trx.insertInto('user_roles').values({ user_id: userId, role, granted_at: now, granted_by: grantedBy }).execute();
  }
  await trx.updateTable('users').set({ updated_at: now }).where('id', '=', userId).execute();
}

/** Admins whose accounts are enabled: the ones who can still run the site. */
export async function countActiveAdmins(db: Conn): Promise<number> {
  const row = await db
    .selectFrom('user_roles')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_roles.role', '=', 'admin')
    .where('users.disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function setDisabled(trx: Trx, userId: string, disabled: boolean): Promise<void> {
  const now = nowIso();
  await trx.updateTable('users').set({ disabled_at: disabled ? now : null, updated_at: now }).where('id', '=', userId).execute();
}

/** Signs a person out everywhere: their session rows go, so every cookie they hold stops working. */
export async function deleteSessionsOf(trx: Conn, userId: string): Promise<number> {
  const r = await trx.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

// The audit log (read only: nothing here or anywhere else updates or deletes an event).

function auditWhere(filter: AuditFilter) {
  return (eb: ExpressionBuilder<Database, 'audit_events'>) => {
    const parts = [];
    if (filter.action) parts.push(eb('audit_events.action', '=', filter.action));
    if (filter.actor) parts.push(eb('audit_events.actor_id', '=', filter.actor));
    if (filter.targetType) parts.push(eb('audit_events.target_type', '=', filter.targetType));
    if (filter.targetId) parts.push(eb('audit_events.target_id', '=', filter.targetId));
    if (filter.from) parts.push(eb('audit_events.at', '>=', `${filter.from}T00:00:00.000Z`));
    if (filter.to) parts.push(eb('audit_events.at', '<', new Date(Date.parse(`${filter.to}T00:00:00.000Z`) + 86_400_000).toISOString()));
    return eb.and(parts);
  };
}

function toAuditEntry(r: {
  seq: number; id: string; at: unknown; actor_id: string | null; actor_name: string | null; action: string; target_type: string | null; target_id: string | null; request_id: string | null; ip: string | null; change: unknown;
}): AuditEntry {
  return {
    seq: Number(r.seq),
    id: r.id,
    at: readTime(r.at),
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    requestId: r.request_id,
    ip: r.ip,
    change: r.change === null ? null : readJson(r.change),
  };
}

/** Audit events matching the filter, newest first. `beforeSeq` pages by position, not offset. */
export async function listAuditEvents(db: Conn, filter: AuditFilter, limit: number, offset: number): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom('audit_events')
    .leftJoin('users', 'users.id', 'audit_events.actor_id')
    .select([
      'audit_events.seq',
      'audit_events.id',
      'audit_events.at',
      'audit_events.actor_id',
      'users.name as actor_name',
      'audit_events.action',
      'audit_events.target_type',
      'audit_events.target_id',
      'audit_events.request_id',
      'audit_events.ip',
      'audit_events.change',
    ])
    .where(auditWhere(filter))
    .orderBy('audit_events.seq', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map(toAuditEntry);
}

export async function countAuditEvents(db: Conn, filter: AuditFilter): Promise<number> {
  const row = await db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where(auditWhere(filter)).executeTakeFirstOrThrow();
  return Number(row.n);
}
