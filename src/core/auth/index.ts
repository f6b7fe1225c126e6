import type { Config } from '../config/index.js';
import type { Db, Trx } from '../db/index.js';
import { newId } from '../db/ids.js';
import { decoyHash, hashPassword, verifyPassword } from './passwords.js';
import type { Actor, Role } from './roles.js';
import { hasSecondFactor, secondFactorRequired, secondFactorStanding } from './second-factor.js';
import * as store from './store.js';
import { hashSecret, newSecret, sameHash } from './tokens.js';
import './privacy.js';
import { declareCookie } from '../http/cookies.js';

export { allowedBeforeSecondFactor, can, definePermissions, permissionTable, isKnownAction, rolesGranted, type Grant } from './permissions.js';
export { defineSecondFactorMethod, hasSecondFactor, secondFactorRequired, secondFactorStanding, type SecondFactorCheck, type SecondFactorStanding } from './second-factor.js';
export { ROLES, STAFF_ROLES, isRole, type Actor, type Role } from './roles.js';
export { hashPassword, isCommonPassword, normalizePassword, passwordProblem, MIN_PASSWORD, MIN_STAFF_PASSWORD, MAX_PASSWORD, MAX_PASSWORD_INPUT, type PasswordProblem } from './passwords.js';
export type { NewUserExtras, SessionRecord, UserRecord } from './store.js';
export * as throttle from './throttle.js';

export const SESSION_COOKIE = declareCookie({ name: 'sutura_session', purpose: 'consent.cookie.session', lasts: 'consent.cookie.sessionLasts' });

/** Session lifetimes from configuration. */
export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
  /** "Remember me" (members only): idle and absolute limits of such a session. */
  rememberIdleMs: number;
  rememberAbsoluteMs: number;
}

export function sessionPolicy(config: Config): SessionPolicy {
  return {
    idleMs: config.session.idleMinutes * 60_000,
    absoluteMs: config.session.absoluteHours * 3_600_000,
    rememberIdleMs: config.session.rememberDays * 86_400_000,
    rememberAbsoluteMs: config.session.rememberAbsoluteDays * 86_400_000,
  };
}

/** A new session: the cookie value, its absolute expiry, and whether the cookie outlives the browser. */
export interface NewSession {
  token: string;
  expiresAt: Date;
  remember: boolean;
}

/**
 * Creates a session and returns the cookie value `id.secret`. Only a hash of the secret is
 * stored; the id finds the row without a timing-sensitive lookup on the secret itself.
 * `remember` gives the longer idle limit; callers allow it to members only. `secondFactor` says
 * the person proved a second factor to open it (a code after the password, or a passkey).
 */
export async function createSession(db: Db | Trx, userId: string, policy: SessionPolicy, userAgent: string | null, remember = false, secondFactor = false): Promise<NewSession> {
  const id = newId();
  const secret = newSecret();
  const expiresAt = new Date(Date.now() + (remember ? policy.rememberAbsoluteMs : policy.absoluteMs));
  await store.insertSession(db, { id, secretHash: hashSecret(secret), userId, expiresAt, userAgent: userAgent?.slice(0, 300) ?? null, remember, secondFactor });
  return { token: `${id}.${secret}`, expiresAt, remember };
}

// Writing last_seen on every request would turn every page view into a write.
const TOUCH_INTERVAL_MS = 60_000;

/** A valid session: who, and whether they must still enrol a second factor before anything else. */
export interface ResolvedSession {
  readonly actor: Actor;
  readonly secondFactor: 'ok' | 'enrol';
}

/** Resolves a session cookie to an actor, enforcing idle and absolute timeouts. */
export async function validateSession(db: Db, token: string | undefined, policy: SessionPolicy): Promise<Actor | null> {
  return (await resolveSession(db, token, policy))?.actor ?? null;
}

/**
 * Resolves a session cookie, enforcing the timeouts and the second-factor rule: a session of
 * staff or a professional who has a second factor but did not use it to open this session is
 * ended (they sign in again through the challenge); one who has none yet must enrol first.
 */
export async function resolveSession(db: Db, token: string | undefined, policy: SessionPolicy): Promise<ResolvedSession | null> {
  if (!token) return null;
  const [id, secret, extra] = token.split('.');
  if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 64) return null;
  const session = await store.findSession(db, id);
  if (!session || !sameHash(session.secretHash, hashSecret(secret))) return null;
  const now = Date.now();
  const idleMs = session.remember ? policy.rememberIdleMs : policy.idleMs;
  if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + idleMs <= now) {
    await store.deleteSession(db, id);
    return null;
  }
  const user = await store.findUserById(db, session.userId);
  if (!user || user.disabledAt) return null;
  const required = secondFactorRequired(user.roles);
  const standing = secondFactorStanding({ required, enrolled: required && (await hasSecondFactor(db, user.id)), sessionSecondFactor: session.secondFactor });
  if (standing === 'reauthenticate') {
    await store.deleteSession(db, id);
    return null;
  }
  if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) await store.touchSession(db, id, new Date(now));
  const actor = { id: user.id, name: user.name, email: user.email, roles: user.roles, sessionId: id, revealSensitiveMedia: user.revealSensitiveMedia };
  return { actor, secondFactor: standing };
}

/** Records that a second factor was proved in this session (an enrolment made in it). */
export const markSessionSecondFactor = store.markSessionSecondFactor;

export async function revokeSession(db: Db | Trx, sessionId: string): Promise<void> {
  await store.deleteSession(db, sessionId);
}

/**
 * Ends every session of a user. Call it on any privilege change (a role granted or taken away),
 * a password reset, or "sign out everywhere": a session must never carry powers it was not
 * opened with, nor survive a credential change.
 */
export function revokeUserSessions(db: Db | Trx, userId: string): Promise<number> {
  return store.deleteSessionsOf(db, userId);
}

/** Grants a role and ends the user's sessions (a privilege change); false when already held. */
export async function grantRole(trx: Trx, userId: string, role: Role, grantedBy: string | null): Promise<boolean> {
  const granted = await store.insertRole(trx, userId, role, grantedBy);
  if (granted) await store.deleteSessionsOf(trx, userId);
  return granted;
}

/** Takes a role away and ends the user's sessions; false when the user did not hold it. */
export async function revokeRole(trx: Trx, userId: string, role: Role): Promise<boolean> {
  const revoked = await store.deleteRole(trx, userId, role);
  if (revoked) await store.deleteSessionsOf(trx, userId);
  return revoked;
}

export const listSessionsOf = store.listSessionsOf;
/** Ends one of a user's sessions; another user's session id matches nothing. */
export const revokeSessionOf = store.deleteSessionOf;

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

export async function createUser(trx: Trx, user: { email: string; name: string; password: string; locale: string; roles: readonly Role[] } & store.NewUserExtras): Promise<string> {
  return store.insertUser(trx, { ...user, passwordHash: await hashPassword(user.password) });
}

export const findUserById = store.findUserById;
export const markEmailVerified = store.markEmailVerified;
export const updateProfile = store.updateProfile;
export const updatePreferences = store.updatePreferences;
export const markFirstSignIn = store.markFirstSignIn;

export async function setPassword(trx: Trx, userId: string, password: string): Promise<void> {
  await store.setPasswordHash(trx, userId, await hashPassword(password));
}

export type TokenPurpose = store.TokenPurpose;

/**
 * Creates a single-use emailed link token (stored hashed); older links of the same purpose stop
 * working. An email-change link carries the new address (`newEmail`).
 */
export async function createAccountToken(trx: Trx, userId: string, purpose: TokenPurpose, ttlMs: number, newEmail: string | null = null): Promise<string> {
  const token = newSecret();
  await store.deleteTokensOf(trx, userId, purpose);
  await store.insertToken(trx, { userId, purpose, tokenHash: hashSecret(token), expiresAt: new Date(Date.now() + ttlMs), newEmail });
  return token;
}

/** The user id of a token still unused and unexpired, or null. */
export async function findAccountToken(db: Db | Trx, token: string, purpose: TokenPurpose): Promise<store.TokenRecord | null> {
  if (!token || token.length > 64) return null;
  const record = await store.findToken(db, hashSecret(token), purpose);
  if (!record || record.usedAt || record.expiresAt.getTime() <= Date.now()) return null;
  return record;
}

/** Uses a token once, in the caller's transaction; null when it is unknown, expired or already used. */
export async function consumeAccountToken(trx: Trx, token: string, purpose: TokenPurpose): Promise<string | null> {
  return (await consumeAccountTokenRecord(trx, token, purpose))?.userId ?? null;
}

export async function consumeAccountTokenRecord(trx: Trx, token: string, purpose: TokenPurpose): Promise<store.TokenRecord | null> {
  const record = await findAccountToken(trx, token, purpose);
  if (!record || !(await store.useToken(trx, record.id))) return null;
  return record;
}

export const setEmail = store.setEmail;
export { verifyPassword } from './passwords.js';

export const deleteStaleTokens = store.deleteStaleTokens;

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
