import type { Db, Trx } from '../../core/db/index.js';
import { newId } from '../../core/db/ids.js';
import { nowIso, readBool, readTime } from '../../core/db/portable.js';
import type { ConsentCategory } from '../../core/http/consent.js';
import './tables.js';

export interface ConsentRecord {
  readonly consentId: string;
  readonly choice: Readonly<Record<ConsentCategory, boolean>>;
  readonly optOutSignal: boolean;
  readonly policyVersion: string;
  readonly createdAt: Date;
}

export async function insertConsent(db: Db | Trx, r: Omit<ConsentRecord, 'createdAt'>): Promise<void> {
  await db
    .insertInto('cookie_consents')
    .values({ id: newId(), consent_id: r.consentId, ...r.choice, opt_out_signal: r.optOutSignal, policy_version: r.policyVersion, created_at: nowIso() })
    .execute();
}

export async function consentsOf(db: Db | Trx, consentId: string): Promise<ConsentRecord[]> {
  const rows = await db.selectFrom('cookie_consents').selectAll().where('consent_id', '=', consentId).orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({
    consentId: r.consent_id,
    choice: { preferences: readBool(r.preferences), analytics: readBool(r.analytics), advertising: readBool(r.advertising) },
    optOutSignal: readBool(r.opt_out_signal),
    policyVersion: r.policy_version,
    createdAt: readTime(r.created_at),
  }));
}
