import { readFile } from 'node:fs/promises';
import { projectPath } from '../paths.js';

/**
 * argon2id with OWASP's recommended minimum (19 MiB, 2 iterations, 1 lane). The native
 * binding hashes on libuv's thread pool, off the event loop.
 */
// algorithm 2 is Argon2id (the package's const enum cannot be imported under isolatedModules).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** NIST SP 800-63B: at least 8 characters for everyone; staff hold more power and need 12. */
export const MIN_PASSWORD = 8;
export const MIN_STAFF_PASSWORD = 12;
/** At least 64 must be allowed (SP 800-63B); 256 leaves room for passphrases and stays cheap to hash. */
export const MAX_PASSWORD = 256;
/** What a form field accepts before the policy counts characters (emoji take two UTF-16 units, NFKC may expand). */
export const MAX_PASSWORD_INPUT = 1024;

// The native binding loads on first use (~12 MB): a reading-only process never needs it.
const argon2 = (): Promise<typeof import('@node-rs/argon2')> => import('@node-rs/argon2');

/**
 * The same password typed on another keyboard or pasted from another program must match:
 * NFKC folds compatibility forms (full-width letters, ligatures) into one spelling.
 */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

export async function hashPassword(password: string): Promise<string> {
  return (await argon2()).hash(normalizePassword(password), OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await (await argon2()).verify(passwordHash, normalizePassword(password));
  } catch {
    return false;
  }
}

// A real hash of a random password: verifying against it costs what a real check costs, so a
// sign-in for an unknown email takes as long as one for a known email.
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(`decoy-${Math.random()}`);
  return decoy;
}

// Loaded on the first password check (about 18,000 entries): most processes never need it.
let common: Promise<Set<string>> | undefined;
function commonPasswords(): Promise<Set<string>> {
  common ??= readFile(projectPath('src', 'core', 'auth', 'common-passwords.txt'), 'utf8').then(
    (text) => new Set(text.split('\n').filter((line) => line && !line.startsWith('#'))),
  );
  return common;
}

/** Whether a password is on the shipped list of common and breached passwords (case-insensitive). */
export async function isCommonPassword(password: string): Promise<boolean> {
  return (await commonPasswords()).has(normalizePassword(password).toLowerCase());
}

/** The i18n key of what is wrong with a new password, or null when it is acceptable. */
export type PasswordProblem = 'form.passwordShort' | 'form.passwordShortMember' | 'form.passwordLong' | 'form.passwordCommon';

/**
 * NIST SP 800-63B for a new password: a length range counted in characters (code points after
 * NFKC, so an emoji counts once), any characters including spaces, no composition rules, and
 * not on the list of common or breached passwords.
 */
export async function passwordProblem(password: string, options: { staff: boolean }): Promise<PasswordProblem | null> {
  const length = [...normalizePassword(password)].length;
  if (length < (options.staff ? MIN_STAFF_PASSWORD : MIN_PASSWORD)) return options.staff ? 'form.passwordShort' : 'form.passwordShortMember';
  if (length > MAX_PASSWORD) return 'form.passwordLong';
  if (await isCommonPassword(password)) return 'form.passwordCommon';
  return null;
}
