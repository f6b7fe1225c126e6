import type { Db, Trx } from '../../core/db/index.js';
import { newId } from '../../core/db/ids.js';
import { nowIso, readJson } from '../../core/db/portable.js';
import { DISCLOSURE_CATEGORIES, type Disclosure, type DisclosureCategory, type ShineAnswer } from './model.js';
import './tables.js';

type Conn = Db | Trx;

export async function listDisclosures(db: Conn, year?: number): Promise<Disclosure[]> {
  let q = db.selectFrom('marketing_disclosures').selectAll().orderBy('year', 'desc').orderBy('recipient');
  if (year !== undefined) q = q.where('year', '=', year);
  return (await q.execute()).map((r) => ({
    id: r.id,
    year: Number(r.year),
    recipient: r.recipient,
    address: r.address,
    categories: readJson<string[]>(r.categories).filter((c): c is DisclosureCategory => (DISCLOSURE_CATEGORIES as readonly string[]).includes(c)),
    markets: r.markets,
  }));
}

export async function insertDisclosure(db: Conn, d: Omit<Disclosure, 'id'>): Promise<string> {
  const id = newId();
  await db
    .insertInto('marketing_disclosures')
    .values({ id, year: d.year, recipient: d.recipient, address: d.address, categories: JSON.stringify(d.categories), markets: d.markets, created_at: nowIso() })
    .execute();
  return id;
}

export async function deleteDisclosure(db: Conn, id: string): Promise<boolean> {
  const r = await db.deleteFrom('marketing_disclosures').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Stores a request awaiting confirmation, with the privacy policy in force when it was made. */
export async function insertRequest(db: Conn, r: { name: string; email: string; locale: string; confirmHash: string; confirmExpiresAt: Date; policyVersion: string }): Promise<string> {
  const id = newId();
  await db
    .insertInto('shine_requests')
    .values({ id, name: r.name, email: r.email, locale: r.locale, status: 'unconfirmed', policy_version: r.policyVersion, confirm_hash: r.confirmHash, confirm_expires_at: r.confirmExpiresAt.toISOString(), answer_year: null, answer: null, answered_at: null, created_at: nowIso() })
    .execute();
  return id;
}

export interface PendingRequest {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly locale: 'en' | 'es';
}

export async function findPending(db: Conn, confirmHash: string, now: Date): Promise<PendingRequest | null> {
  const r = await db
    .selectFrom('shine_requests')
    .select(['id', 'name', 'email', 'locale'])
    .where('confirm_hash', '=', confirmHash)
    .where('status', '=', 'unconfirmed')
    .where('confirm_expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return r ? { ...r, locale: r.locale === 'es' ? 'es' : 'en' } : null;
}

/** Whether this address already got an answer in this calendar year. */
export async function answeredIn(db: Conn, email: string, year: number): Promise<boolean> {
  const r = await db.selectFrom('shine_requests').select('id').where('email', '=', email).where('answer_year', '=', year).where('status', '=', 'answered').executeTakeFirst();
  return r !== undefined;
}

/** Closes a pending request (answered, or refused as a repeat); false when another confirmation got there first. */
export async function close(db: Conn, id: string, status: 'answered' | 'repeat', year: number, answer: ShineAnswer | null): Promise<boolean> {
  const r = await db
    .updateTable('shine_requests')
    .set({ status, confirm_hash: null, confirm_expires_at: null, answer_year: year, answer: answer ? JSON.stringify(answer) : null, answered_at: nowIso() })
    .where('id', '=', id)
    .where('status', '=', 'unconfirmed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function countAnswered(db: Conn, year: number): Promise<{ answered: number; repeats: number }> {
  const rows = await db.selectFrom('shine_requests').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('answer_year', '=', year).groupBy('status').execute();
  const get = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { answered: get('answered'), repeats: get('repeat') };
}
