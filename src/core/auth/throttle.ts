import type { Db, Trx } from '../db/index.js';
import * as store from './store.js';
import { emailFingerprint, hashSecret } from './tokens.js';

/**
 * Sign-in throttling, kept in the database so every process sees the same counts. Two keys per
 * attempt: the email typed (whether or not an account has it, so the answer never tells) and
 * the client's IP address. Both are stored as SHA-256 fingerprints, never in clear.
 */
export interface ThrottleRule {
  /** Failures before each further attempt must wait; the wait doubles with every failure. */
  readonly delayAfter: number;
  /** Failures that lock the key for `lockMs`. */
  readonly lockAfter: number;
  readonly lockMs: number;
}

/** An account: from the 5th failure 1 s, 2 s, 4 s ... ; locked for 15 minutes at the 10th. */
export const ACCOUNT_RULE: ThrottleRule = { delayAfter: 5, lockAfter: 10, lockMs: 15 * 60_000 };
/** An address may be a whole office behind one NAT: more room before it slows down. */
export const IP_RULE: ThrottleRule = { delayAfter: 20, lockAfter: 50, lockMs: 15 * 60_000 };
/** Failures older than this are forgotten (unless a lock is still running). */
const FORGET_AFTER_MS = 60 * 60_000;
const MAX_DELAY_MS = 5 * 60_000;

export function accountKey(email: string): string {
  return `account:${emailFingerprint(email)}`;
}

export function ipKey(ip: string): string {
  return `ip:${hashSecret(ip)}`;
}

/** When a key may try again, or null when it may try now. `locked` is a lock, not a short delay. */
export interface Wait {
  readonly until: Date;
  readonly locked: boolean;
}

/** The longest wait any of these keys is under right now. */
export async function currentWait(db: Db | Trx, keys: readonly string[], now = new Date()): Promise<Wait | null> {
  let wait: Wait | null = null;
  for (const t of await store.findThrottles(db, keys)) {
    for (const [until, locked] of [[t.lockedUntil, true], [t.blockedUntil, false]] as const) {
      if (until && until.getTime() > now.getTime() && (!wait || until.getTime() > wait.until.getTime())) wait = { until, locked };
    }
  }
  return wait;
}

/**
 * Counts a failure against a key; returns true when this failure locked it (the moment to tell
 * the account's owner). The count is incremented atomically in the database.
 */
export async function recordFailure(trx: Trx, key: string, rule: ThrottleRule, now = new Date()): Promise<boolean> {
  const [previous] = await store.findThrottles(trx, [key]);
  const stillLocked = previous?.lockedUntil !== null && previous?.lockedUntil !== undefined && previous.lockedUntil.getTime() > now.getTime();
  const failures = await store.incrementThrottle(trx, key, now, new Date(now.getTime() - FORGET_AFTER_MS));
  if (stillLocked) return false;
  if (failures >= rule.lockAfter) {
    await store.setThrottleWait(trx, key, { blockedUntil: null, lockedUntil: new Date(now.getTime() + rule.lockMs) });
    return failures === rule.lockAfter;
  }
  if (failures >= rule.delayAfter) {
    await store.setThrottleWait(trx, key, { blockedUntil: new Date(now.getTime() + Math.min(MAX_DELAY_MS, 1000 * 2 ** (failures - rule.delayAfter))), lockedUntil: null });
  }
  return false;
}

/** A successful sign-in clears the account's count (the address's count stays). */
export async function clearFailures(db: Db | Trx, key: string): Promise<void> {
  await store.deleteThrottle(db, key);
}

export function deleteStaleThrottles(db: Db | Trx, now = new Date()): Promise<number> {
  return store.deleteStaleThrottles(db, new Date(now.getTime() - FORGET_AFTER_MS));
}
