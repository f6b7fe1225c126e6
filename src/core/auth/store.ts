import type { Db, Trx } from '../db/index.js';
import { newId } from '../db/ids.js';
import { nowIso, readBool, readJson, readTime, readTimeOrNull } from '../db/portable.js';
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
  emailVerifiedAt: Date | null;
  country: string | null;
  /** Sees images marked sensitive without the blur. */
  revealSensitiveMedia: boolean;
  /** Wants an email when the account is signed in from a browser it has not seen. */
  newSignInEmail: boolean;
}

export interface SessionRecord {
  id: string;
  secretHash: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  remember: boolean;
  userAgent: string | null;
  /** Opened with a second factor (or upgraded by an enrolment made in it). */
  secondFactor: boolean;
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
  id: string; email: string; name: string; password_hash: string | null; locale: string; created_at: unknown; disabled_at: unknown; email_verified_at: unknown; country: string | null; reveal_sensitive_media: unknown; new_sign_in_email: unknown;
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
    emailVerifiedAt: readTimeOrNull(row.email_verified_at),
    country: row.country,
    revealSensitiveMedia: readBool(row.reveal_sensitive_media),
    newSignInEmail: readBool(row.new_sign_in_email),
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

/** What registration records besides the essentials (staff set-up links leave them out). */
export interface NewUserExtras {
  /** Staff addresses were chosen by an administrator; members must verify theirs. */
  emailVerified?: boolean;
  country?: string | null;
  termsVersion?: string | null;
  privacyVersion?: string | null;
  newsletterOptIn?: boolean;
}

export async function insertUser(
  trx: Trx,
  user: { email: string; name: string; passwordHash: string; locale: string; roles: readonly Role[] } & NewUserExtras,
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
      email_verified_at: user.emailVerified === false ? null : now,
      country: user.country ?? null,
      terms_version: user.termsVersion ?? null,
      privacy_version: user.privacyVersion ?? null,
      terms_accepted_at: user.termsVersion ? now : null,
      newsletter_opt_in: user.newsletterOptIn ?? false,
      reveal_sensitive_media: false,
      new_sign_in_email: true,
      first_signed_in_at: null,
    })
    .execute();
  for (const role of user.roles) {
    await trx.insertInto('user_roles').values({ user_id: id, role, granted_at: now, granted_by: null }).execute();
  }
  return id;
}

export async function insertSession(db: Db | Trx, s: { id: string; secretHash: string; userId: string; expiresAt: Date; userAgent: string | null; remember: boolean; secondFactor: boolean }): Promise<void> {
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
      remember: s.remember,
      second_factor: s.secondFactor,
    })
    .execute();
}

type SessionRow = { id: string; secret_hash: string; user_id: string; created_at: unknown; last_seen_at: unknown; expires_at: unknown; remember: unknown; user_agent: string | null; second_factor: unknown };

function toSession(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    secretHash: row.secret_hash,
    userId: row.user_id,
    createdAt: readTime(row.created_at),
    lastSeenAt: readTime(row.last_seen_at),
    expiresAt: readTime(row.expires_at),
    remember: readBool(row.remember),
    userAgent: row.user_agent,
    secondFactor: readBool(row.second_factor),
  };
}

export async function findSession(db: Db, id: string): Promise<SessionRecord | null> {
  const row = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toSession(row) : null;
}

/** A person's sessions, most recently used first. */
export async function listSessionsOf(db: Db | Trx, userId: string): Promise<SessionRecord[]> {
  const rows = await db.selectFrom('sessions').selectAll().where('user_id', '=', userId).orderBy('last_seen_at', 'desc').execute();
  return rows.map(toSession);
}

/** Deletes one session only when it belongs to this user (another person's id finds nothing). */
export async function deleteSessionOf(db: Db | Trx, userId: string, sessionId: string): Promise<boolean> {
  const r = await db.deleteFrom('sessions').where('id', '=', sessionId).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Deletes every session of a user (privilege change, password reset, "sign out everywhere"). */
export async function deleteSessionsOf(db: Db | Trx, userId: string): Promise<number> {
  const r = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function touchSession(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at.toISOString() }).where('id', '=', id).execute();
}

/** Records that the person proved a second factor in this session (an enrolment made in it). */
export async function markSessionSecondFactor(db: Db | Trx, id: string): Promise<void> {
  await db.updateTable('sessions').set({ second_factor: true }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db | Trx, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Deletes sessions past their absolute expiry or idle longer than allowed; returns how many. */
export async function deleteExpiredSessions(db: Db | Trx, now: Date, idleMs: number, rememberIdleMs: number): Promise<number> {
  const idle = new Date(now.getTime() - idleMs).toISOString();
  const rememberIdle = new Date(now.getTime() - rememberIdleMs).toISOString();
  const r = await db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<=', now.toISOString()),
        eb.and([eb('remember', '=', false), eb('last_seen_at', '<=', idle)]),
        eb('last_seen_at', '<=', rememberIdle),
      ]),
    )
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function markEmailVerified(trx: Trx, userId: string): Promise<{ newsletterOptIn: boolean }> {
  const row = await trx.selectFrom('users').select('newsletter_opt_in').where('id', '=', userId).executeTakeFirst();
  await trx.updateTable('users').set({ email_verified_at: nowIso(), newsletter_opt_in: false, updated_at: nowIso() }).where('id', '=', userId).execute();
  return { newsletterOptIn: readBool(row?.newsletter_opt_in) };
}

/** Changes the sign-in address (already proved by its owner); false when another account took it meanwhile. */
export async function setEmail(trx: Trx, userId: string, email: string): Promise<boolean> {
  const normalized = email.trim().toLowerCase();
  const taken = await trx.selectFrom('users').select('id').where('email', '=', normalized).where('id', '!=', userId).executeTakeFirst();
  if (taken) return false;
  await trx.updateTable('users').set({ email: normalized, email_verified_at: nowIso(), updated_at: nowIso() }).where('id', '=', userId).execute();
  return true;
}

export async function setPasswordHash(trx: Trx, userId: string, passwordHash: string): Promise<void> {
  await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: nowIso() }).where('id', '=', userId).execute();
}

export async function updateProfile(trx: Trx, userId: string, p: { name: string }): Promise<void> {
  await trx.updateTable('users').set({ name: p.name, updated_at: nowIso() }).where('id', '=', userId).execute();
}

/** The person's own choices: the language of pages and emails, unblurred sensitive images, new sign-in emails. */
export async function updatePreferences(trx: Trx, userId: string, p: { locale: string; revealSensitiveMedia: boolean; newSignInEmail: boolean }): Promise<void> {
  await trx
    .updateTable('users')
    .set({ locale: p.locale, reveal_sensitive_media: p.revealSensitiveMedia, new_sign_in_email: p.newSignInEmail, updated_at: nowIso() })
    .where('id', '=', userId)
    .execute();
}

/** Records the account's first sign-in; false when it had signed in before. */
export async function markFirstSignIn(trx: Trx, userId: string, at: Date): Promise<boolean> {
  const result = await trx.updateTable('users').set({ first_signed_in_at: at.toISOString() }).where('id', '=', userId).where('first_signed_in_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Adds a role; returns false when the user already held it. */
export async function insertRole(trx: Trx, userId: string, role: Role, grantedBy: string | null): Promise<boolean> {
  const held = await trx.selectFrom('user_roles').select('role').where('user_id', '=', userId).where('role', '=', role).executeTakeFirst();
  if (held) return false;
  await trx.insertInto('user_roles').values({ user_id: userId, role, granted_at: nowIso(), granted_by: grantedBy }).execute();
  return true;
}

export async function deleteRole(trx: Trx, userId: string, role: Role): Promise<boolean> {
  const r = await trx.deleteFrom('user_roles').where('user_id', '=', userId).where('role', '=', role).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

// Emailed single-use links

export type TokenPurpose = 'verify' | 'reset' | 'email';

export interface TokenRecord {
  id: string;
  userId: string;
  purpose: TokenPurpose;
  expiresAt: Date;
  usedAt: Date | null;
  newEmail: string | null;
}

export async function insertToken(db: Db | Trx, t: { userId: string; purpose: TokenPurpose; tokenHash: string; expiresAt: Date; newEmail?: string | null }): Promise<void> {
  await db
    .insertInto('account_tokens')
    .values({ id: newId(), user_id: t.userId, purpose: t.purpose, token_hash: t.tokenHash, created_at: nowIso(), expires_at: t.expiresAt.toISOString(), used_at: null, new_email: t.newEmail ?? null })
    .execute();
}

export async function findToken(db: Db | Trx, tokenHash: string, purpose: TokenPurpose): Promise<TokenRecord | null> {
  const row = await db.selectFrom('account_tokens').selectAll().where('token_hash', '=', tokenHash).where('purpose', '=', purpose).executeTakeFirst();
  if (!row) return null;
  return { id: row.id, userId: row.user_id, purpose, expiresAt: readTime(row.expires_at), usedAt: readTimeOrNull(row.used_at), newEmail: row.new_email };
}

/** Marks a token used; false when another request used it first. */
export async function useToken(trx: Trx, id: string): Promise<boolean> {
  const r = await trx.updateTable('account_tokens').set({ used_at: nowIso() }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A new link replaces the older ones of the same purpose: only the latest email works. */
export async function deleteTokensOf(db: Db | Trx, userId: string, purpose: TokenPurpose): Promise<void> {
  await db.deleteFrom('account_tokens').where('user_id', '=', userId).where('purpose', '=', purpose).execute();
}

export async function deleteStaleTokens(db: Db | Trx, now: Date): Promise<number> {
  const r = await db.deleteFrom('account_tokens').where('expires_at', '<=', now.toISOString()).executeTakeFirst();
  return Number(r.numDeletedRows);
}

// Sign-in throttling

export interface ThrottleRecord {
  key: string;
  failures: number;
  lastFailureAt: Date;
  blockedUntil: Date | null;
  lockedUntil: Date | null;
}

export async function findThrottles(db: Db | Trx, keys: readonly string[]): Promise<ThrottleRecord[]> {
  const rows = await db.selectFrom('sign_in_throttle').selectAll().where('key', 'in', [...keys]).execute();
  return rows.map((r) => ({
    key: r.key,
    failures: r.failures,
    lastFailureAt: readTime(r.last_failure_at),
    blockedUntil: readTimeOrNull(r.blocked_until),
    lockedUntil: readTimeOrNull(r.locked_until),
  }));
}

/**
 * Counts one failure atomically (concurrent failures in other processes are never lost) and
 * returns the new count. A row whose failures are forgotten (`forgetBefore`) or whose lock has
 * run out starts again from one.
 */
export async function incrementThrottle(trx: Trx, key: string, now: Date, forgetBefore: Date): Promise<number> {
  await trx
    .deleteFrom('sign_in_throttle')
    .where('key', '=', key)
    .where((eb) =>
      eb.or([
        eb.and([eb('last_failure_at', '<=', forgetBefore.toISOString()), eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now.toISOString())])]),
        eb('locked_until', '<=', now.toISOString()),
      ]),
    )
    .execute();
  const row = await trx
    .insertInto('sign_in_throttle')
    .values({ key, failures: 1, last_failure_at: now.toISOString(), blocked_until: null, locked_until: null })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ failures: eb('sign_in_throttle.failures', '+', 1), last_failure_at: now.toISOString() })))
    .returning('failures')
    .executeTakeFirstOrThrow();
  return Number(row.failures);
}

/** Sets how long a key must wait (a short delay or a lock); never shortens a running lock. */
export async function setThrottleWait(trx: Trx, key: string, wait: { blockedUntil: Date | null; lockedUntil: Date | null }): Promise<void> {
  await trx
    .updateTable('sign_in_throttle')
    .set({ blocked_until: wait.blockedUntil?.toISOString() ?? null, ...(wait.lockedUntil ? { locked_until: wait.lockedUntil.toISOString() } : {}) })
    .where('key', '=', key)
    .execute();
}

export async function deleteThrottle(db: Db | Trx, key: string): Promise<void> {
  await db.deleteFrom('sign_in_throttle').where('key', '=', key).execute();
}

export async function deleteStaleThrottles(db: Db | Trx, before: Date): Promise<number> {
  const r = await db
    .deleteFrom('sign_in_throttle')
    .where('last_failure_at', '<=', before.toISOString())
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', before.toISOString())]))
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
