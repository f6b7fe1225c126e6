import type { Db, Trx } from '../db/index.js';
import { STAFF_ROLES, type Role } from './roles.js';

/**
 * The second-factor rule (ASVS 2.2 / HIPAA person authentication): staff and professionals must
 * hold a second factor (an authenticator app or a passkey) and use it to open their sessions.
 *
 * - someone without the requirement (a member) is never stopped, whatever they set up;
 * - someone with the requirement and no second factor yet may sign in, but is sent to enrol
 *   before anything beyond enrolment, sign-out and public pages (`enrol`);
 * - someone with the requirement and a second factor must use it: a session opened by the
 *   password alone is ended (`reauthenticate`), so they pass the challenge at the next sign-in.
 *
 * Roles are read afresh on every request, so a role granted later applies at the next request.
 */
export type SecondFactorStanding = 'ok' | 'enrol' | 'reauthenticate';

/** Staff and professionals must use a second factor; members may. */
export function secondFactorRequired(roles: readonly Role[]): boolean {
  return roles.some((r) => r === 'professional' || STAFF_ROLES.includes(r));
}

/** Where a person stands against the rule, from their roles, their factors and this session. */
export function secondFactorStanding(p: { required: boolean; enrolled: boolean; sessionSecondFactor: boolean }): SecondFactorStanding {
  if (!p.required) return 'ok';
  if (!p.enrolled) return 'enrol';
  return p.sessionSecondFactor ? 'ok' : 'reauthenticate';
}

/** A way to prove a second factor (features register theirs: the authenticator app, passkeys). */
export type SecondFactorCheck = (db: Db | Trx, userId: string) => Promise<boolean>;

const methods = new Map<string, SecondFactorCheck>();

/** Registers a second-factor method; registering a name twice is a programming error. */
export function defineSecondFactorMethod(name: string, check: SecondFactorCheck): void {
  if (methods.has(name)) throw new Error(`second-factor method ${name} registered twice`);
  methods.set(name, check);
}

/** Whether the person has at least one second factor set up (any registered method). */
export async function hasSecondFactor(db: Db | Trx, userId: string): Promise<boolean> {
  for (const check of methods.values()) if (await check(db, userId)) return true;
  return false;
}
