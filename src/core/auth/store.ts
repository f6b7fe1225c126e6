import type { Db, Trx } from '../db/index.js';
import { newId } from '../db/ids.js';
import { nowIso, readJson, readTime, readTimeOrNull } from '../db/portable.js';
import { isRole, type Role } from './roles.js';
import './tables.js';

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  passwordHash: string | null;
  locale: string;
  roles: Role[];
  createdAt: Date;
  disabledAt: Date | null;
}

export interface SessionRecord {
  id: string;
  secretHash: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface InviteRecord {
  id: string;
  email: string | null;
  roles: Role[];
  expiresAt: Date;
  usedAt: Date | null;
}

async function rolesFor(db: Db | Trx, userId: string): Promise<Role[]> {
  const rows = await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute();
  return rows.map((r) => r.role).filter(isRole);
}

async function toUser(db: Db | Trx, row: {
  id: string; email: string; name: string; password_hash: string | null; locale: string; created_at: unknown; disabled_at: unknown;
}): Promise<UserRecord> {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    passwordHash: row.password_hash,
    locale: row.locale,
    roles: await rolesFor(db, row.id),
    createdAt: readTime(row.created_at),
    disabledAt: readTimeOrNull(row.disabled_at),
  };
}

export async function findUserByEmail(db: Db | Trx, email: string): Promise<UserRecord | null> {
  const row = await db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  return row ? toUser(db, row) : null;
}

export async function findUserById(db: Db | Trx, id: string): Promise<UserRecord | null> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toUser(db, row) : null;
}

/** People holding any of these roles, by name (for assignment menus and staff notifications). */
export async function listUsersWithRoles(db: Db | Trx, roles: readonly Role[]): Promise<{ id: string; name: string; email: string; locale: string }[]> {
  return db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.name', 'users.email', 'users.locale'])
    .distinct()
    .where('user_roles.role', 'in', [...roles])
    .where('users.disabled_at', 'is', null)
    .orderBy('users.name')
    .execute();
}

export async function countUsersWithRole(db: Db | Trx, role: Role): Promise<number> {
  const row = await db
    .selectFrom('user_roles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', role)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertUser(
  trx: Trx,
  user: { email: string; name: string; passwordHash: string; locale: string; roles: readonly Role[] },
): Promise<string> {
  const id = newId();
  const now = nowIso();
  await trx
    .insertInto('users')
    .values({
      id,
      email: user.email.trim().toLowerCase(),
      name: user.name,
      password_hash: user.passwordHash,
      locale: user.locale,
      created_at: now,
      updated_at: now,
      disabled_at: null,
    })
    .execute();
  for (const role of user.roles) {
    await trx.insertInto('user_roles').values({ user_id: id, role, granted_at: now, granted_by: null }).execute();
  }
  return id;
}

export async function insertSession(db: Db | Trx, s: { id: string; secretHash: string; userId: string; expiresAt: Date; userAgent: string | null }): Promise<void> {
  const now = nowIso();
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      secret_hash: s.secretHash,
      user_id: s.userId,
      created_at: now,
      last_seen_at: now,
      expires_at: s.expiresAt.toISOString(),
      user_agent: s.userAgent,
    })
    .execute();
}

export async function findSession(db: Db, id: string): Promise<SessionRecord | null> {
  const row = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    secretHash: row.secret_hash,
    userId: row.user_id,
    createdAt: readTime(row.created_at),
    lastSeenAt: readTime(row.last_seen_at),
    expiresAt: readTime(row.expires_at),
  };
}

export async function touchSession(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at.toISOString() }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db | Trx, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Deletes sessions past their absolute expiry or idle longer than allowed; returns how many. */
export async function deleteExpiredSessions(db: Db | Trx, now: Date, idleMs: number): Promise<number> {
  const r = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now.toISOString()), eb('last_seen_at', '<=', new Date(now.getTime() - idleMs).toISOString())]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Deletes set-up links that were used or expired more than a week ago. */
export async function deleteStaleInvites(db: Db | Trx, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - 7 * 86_400_000).toISOString();
  const r = await db
    .deleteFrom('staff_invites')
    .where((eb) => eb.or([eb('used_at', '<=', cutoff), eb('expires_at', '<=', cutoff)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function insertInvite(db: Db | Trx, i: { tokenHash: string; email: string | null; roles: readonly Role[]; expiresAt: Date }): Promise<string> {
  const id = newId();
  await db
    .insertInto('staff_invites')
    .values({
      id,
      token_hash: i.tokenHash,
      email: i.email,
      roles: JSON.stringify(i.roles),
      created_at: nowIso(),
      expires_at: i.expiresAt.toISOString(),
      used_at: null,
    })
    .execute();
  return id;
}

export async function findInviteByHash(db: Db | Trx, tokenHash: string): Promise<InviteRecord | null> {
  const row = await db.selectFrom('staff_invites').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    email: row.email,
    roles: readJson<unknown[]>(row.roles).filter(isRole),
    expiresAt: readTime(row.expires_at),
    usedAt: readTimeOrNull(row.used_at),
  };
}

/** Marks an invite used; returns false when someone else used it first. */
export async function markInviteUsed(trx: Trx, id: string): Promise<boolean> {
  const result = await trx.updateTable('staff_invites').set({ used_at: nowIso() }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
