
/**
 * argon2id with OWASP's recommended minimum (19 MiB, 2 iterations, 1 lane). The native
 * binding hashes on libuv's thread pool, off the event loop.
 */
// algorithm 2 is Argon2id (the package's const enum cannot be imported under isolatedModules).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_STAFF_PASSWORD = 12;
export const MAX_PASSWORD = 128;

// The native binding loads on first use (~12 MB): a reading-only process never needs it.
const argon2 = (): Promise<typeof import('@node-rs/argon2')> => import('@node-rs/argon2');

export async function hashPassword(password: string): Promise<string> {
  return (await argon2()).hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await (await argon2()).verify(passwordHash, password);
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
