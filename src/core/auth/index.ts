import type { Config } from '../config/index.js';
import type { Db, Trx } from '../db/index.js';
import { newId } from '../db/ids.js';
import { decoyHash, hashPassword, verifyPassword } from './passwords.js';
import type { Actor, Role } from './roles.js';
import * as store from './store.js';
import { hashSecret, newSecret, sameHash } from './tokens.js';
import './privacy.js';

export { can, definePermissions, permissionTable, isKnownAction, type Grant } from './permissions.js';
export { ROLES, STAFF_ROLES, isRole, type Actor, type Role } from './roles.js';
export { hashPassword, MIN_STAFF_PASSWORD, MAX_PASSWORD } from './passwords.js';
export type { UserRecord } from './store.js';
export { findUserById } from './store.js';

export const SESSION_COOKIE = 'sutura_session';

/** Session lifetimes from configuration. */
export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

export function sessionPolicy(config: Config): SessionPolicy {
  return { idleMs: config.session.idleMinutes * 60_000, absoluteMs: config.session.absoluteHours * 3_600_000 };
}

/**
 * Creates a session and returns the cookie value `id.secret`. Only a hash of the secret is
 * stored; the id finds the row without a timing-sensitive lookup on the secret itself.
 */
export async function createSession(db: Db | Trx, userId: string, policy: SessionPolicy, userAgent: string | null): Promise<{ token: string; expiresAt: Date }> {
  const id = newId();
  const secret = newSecret();
  const expiresAt = new Date(Date.now() + policy.absoluteMs);
  await store.insertSession(db, { id, secretHash: hashSecret(secret), userId, expiresAt, userAgent: userAgent?.slice(0, 300) ?? null });
  return { token: `${id}.${secret}`, expiresAt };
}

// Writing last_seen on every request would turn every page view into a write.
const TOUCH_INTERVAL_MS = 60_000;

/** Resolves a session cookie to an actor, enforcing idle and absolute timeouts. */
export async function validateSession(db: Db, token: string | undefined, policy: SessionPolicy): Promise<Actor | null> {
  if (!token) return null;
  const [id, secret, extra] = token.split('.');
  if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 64) return null;
  const session = await store.findSession(db, id);
  if (!session || !sameHash(session.secretHash, hashSecret(secret))) return null;
  const now = Date.now();
  if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + policy.idleMs <= now) {
    await store.deleteSession(db, id);
    return null;
  }
  const user = await store.findUserById(db, session.userId);
  if (!user || user.disabledAt) return null;
  if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) await store.touchSession(db, id, new Date(now));
  return { id: user.id, name: user.name, email: user.email, roles: user.roles, sessionId: id };
}

export async function revokeSession(db: Db, sessionId: string): Promise<void> {
  await store.deleteSession(db, sessionId);
}

/**
 * Checks an email and password. Unknown emails cost a real hash verification too, so the
 * answer and its timing do not reveal whether an account exists.
 */
export async function checkCredentials(db: Db, email: string, password: string): Promise<store.UserRecord | null> {
  const user = await store.findUserByEmail(db, email);
  if (!user || !user.passwordHash || user.disabledAt) {
    await verifyPassword(await decoyHash(), password);
    return null;
  }
  return (await verifyPassword(user.passwordHash, password)) ? user : null;
}

export const findUserByEmail = store.findUserByEmail;
export const countUsersWithRole = store.countUsersWithRole;
export const listUsersWithRoles = store.listUsersWithRoles;

export async function createUser(trx: Trx, user: { email: string; name: string; password: string; locale: string; roles: readonly Role[] }): Promise<string> {
  return store.insertUser(trx, { ...user, passwordHash: await hashPassword(user.password) });
}

const INVITE_TTL_MS = 72 * 3_600_000;

/** Creates a one-time staff set-up link token (stored hashed, valid 72 hours). */
export async function createStaffInvite(db: Db | Trx, roles: readonly Role[], email: string | null = null): Promise<string> {
  const token = newSecret();
  await store.insertInvite(db, { tokenHash: hashSecret(token), email, roles, expiresAt: new Date(Date.now() + INVITE_TTL_MS) });
  return token;
}

/** Finds an invite that is still usable, or null. */
export async function findUsableInvite(db: Db | Trx, token: string): Promise<store.InviteRecord | null> {
  if (!token || token.length > 64) return null;
  const invite = await store.findInviteByHash(db, hashSecret(token));
  if (!invite || invite.usedAt || invite.expiresAt.getTime() <= Date.now()) return null;
  return invite;
}

export const markInviteUsed = store.markInviteUsed;
export const deleteExpiredSessions = store.deleteExpiredSessions;
export const deleteStaleInvites = store.deleteStaleInvites;
