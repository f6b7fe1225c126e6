import type { Db, Trx } from '../../core/db/index.js';
import { nowIso, readBool, readJson, readTime, readTimeOrNull, writeJson } from '../../core/db/portable.js';
import './tables.js';

type Conn = Db | Trx;

export interface Passkey {
  readonly id: string;
  readonly userId: string;
  readonly publicKey: string;
  readonly counter: number;
  readonly transports: string[];
  readonly backedUp: boolean;
  readonly name: string;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
}

type Row = { id: string; user_id: string; public_key: string; counter: number | string; transports: unknown; backed_up: unknown; name: string; created_at: unknown; last_used_at: unknown };

function toPasskey(r: Row): Passkey {
  return {
    id: r.id,
    userId: r.user_id,
    publicKey: r.public_key,
    counter: Number(r.counter),
    transports: readJson<string[]>(r.transports),
    backedUp: readBool(r.backed_up),
    name: r.name,
    createdAt: readTime(r.created_at),
    lastUsedAt: readTimeOrNull(r.last_used_at),
  };
}

export async function listFor(db: Conn, userId: string): Promise<Passkey[]> {
  return (await db.selectFrom('webauthn_credentials').selectAll().where('user_id', '=', userId).orderBy('created_at').execute()).map(toPasskey);
}

export async function find(db: Conn, id: string): Promise<Passkey | null> {
  const row = await db.selectFrom('webauthn_credentials').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toPasskey(row) : null;
}

export async function insert(trx: Conn, p: Omit<Passkey, 'createdAt' | 'lastUsedAt'>): Promise<void> {
  await trx
    .insertInto('webauthn_credentials')
    .values({ id: p.id, user_id: p.userId, public_key: p.publicKey, counter: p.counter, transports: writeJson(p.transports), backed_up: p.backedUp, name: p.name, created_at: nowIso(), last_used_at: null })
    .execute();
}

export async function recordUse(trx: Conn, id: string, counter: number): Promise<void> {
  await trx.updateTable('webauthn_credentials').set({ counter, last_used_at: nowIso() }).where('id', '=', id).execute();
}

/** Removes one of the person's own passkeys; another person's id matches nothing. */
export async function remove(trx: Conn, id: string, userId: string): Promise<boolean> {
  const result = await trx.deleteFrom('webauthn_credentials').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function saveChallenge(db: Conn, challenge: string, purpose: string, userId: string | null, expiresAt: Date): Promise<void> {
  await db.deleteFrom('webauthn_challenges').where('expires_at', '<', nowIso()).execute();
  await db.insertInto('webauthn_challenges').values({ challenge, purpose, user_id: userId, expires_at: expiresAt.toISOString() }).execute();
}

/** Uses a challenge once: true only if it was issued for this purpose (and person) and is unexpired. */
export async function consumeChallenge(db: Conn, challenge: string, purpose: string, userId: string | null): Promise<boolean> {
  let query = db.deleteFrom('webauthn_challenges').where('challenge', '=', challenge).where('purpose', '=', purpose).where('expires_at', '>', nowIso());
  query = userId === null ? query.where('user_id', 'is', null) : query.where('user_id', '=', userId);
  return Number((await query.executeTakeFirst()).numDeletedRows) === 1;
}
