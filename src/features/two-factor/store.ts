import type { Db, Trx } from '../../core/db/index.js';
import { newId } from '../../core/db/ids.js';
import { nowIso, readTimeOrNull } from '../../core/db/portable.js';
import './tables.js';

type Conn = Db | Trx;

export interface TotpRow {
  readonly secretSealed: string | null;
  readonly confirmedAt: Date | null;
  readonly lastStep: number | null;
  readonly pendingSecretSealed: string | null;
  readonly pendingCreatedAt: Date | null;
}

export async function findTotp(db: Conn, userId: string): Promise<TotpRow | null> {
  const r = await db.selectFrom('user_totp').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (!r) return null;
  return {
    secretSealed: r.secret_sealed,
    confirmedAt: readTimeOrNull(r.confirmed_at),
    lastStep: r.last_step === null ? null : Number(r.last_step),
    pendingSecretSealed: r.pending_secret_sealed,
    pendingCreatedAt: readTimeOrNull(r.pending_created_at),
  };
}

/** Starts (or restarts) a setup; a confirmed secret stays in force until the new one is confirmed. */
export async function savePending(db: Conn, userId: string, sealed: string): Promise<void> {
  const now = nowIso();
  await db
    .insertInto('user_totp')
    .values({ user_id: userId, secret_sealed: null, confirmed_at: null, last_step: null, pending_secret_sealed: sealed, pending_created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ pending_secret_sealed: sealed, pending_created_at: now, updated_at: now }))
    .execute();
}

export async function confirm(trx: Conn, userId: string, sealed: string, step: number): Promise<void> {
  const now = nowIso();
  await trx
    .updateTable('user_totp')
    .set({ secret_sealed: sealed, confirmed_at: now, last_step: step, pending_secret_sealed: null, pending_created_at: null, updated_at: now })
    .where('user_id', '=', userId)
    .execute();
}

/** Records the step a code was used for, unless a concurrent request used this or a later one. */
export async function useStep(db: Conn, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('user_totp')
    .set({ last_step: step, updated_at: nowIso() })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function remove(trx: Conn, userId: string): Promise<void> {
  await trx.deleteFrom('user_recovery_codes').where('user_id', '=', userId).execute();
  await trx.deleteFrom('user_totp').where('user_id', '=', userId).execute();
}

export async function replaceRecoveryCodes(trx: Conn, userId: string, hashes: readonly string[]): Promise<void> {
  await trx.deleteFrom('user_recovery_codes').where('user_id', '=', userId).execute();
  const now = nowIso();
  await trx.insertInto('user_recovery_codes').values(hashes.map((code_hash) => ({ id: newId(), user_id: userId, code_hash, used_at: null, created_at: now }))).execute();
}

/** Uses a recovery code once: true only for the request that marked it used. */
export async function useRecoveryCode(db: Conn, userId: string, hash: string): Promise<boolean> {
  const result = await db
    .updateTable('user_recovery_codes')
    .set({ used_at: nowIso() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: Conn, userId: string): Promise<number> {
  const row = await db
    .selectFrom('user_recovery_codes')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
