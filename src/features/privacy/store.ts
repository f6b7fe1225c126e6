import type { Db, Trx } from '../../core/db/index.js';
import { newId } from '../../core/db/ids.js';
import { nowIso, readBool, readTime, readTimeOrNull } from '../../core/db/portable.js';
import type { ConsentCategory } from '../../core/http/consent.js';
import type { EntryKind, Jurisdiction, PrivacyRequest, RequestEntry, RequestKind, RequestStatus } from './model.js';
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

// Rights requests

type RequestRow = {
  id: string; kind: string; name: string; email: string; jurisdiction: string; details: string; locale: string; status: string;
  confirmed_at: unknown; due_at: unknown; closed_at: unknown; created_at: unknown;
};

function toRequest(r: RequestRow): PrivacyRequest {
  return {
    id: r.id,
    kind: r.kind as RequestKind,
    name: r.name,
    email: r.email,
    jurisdiction: r.jurisdiction as Jurisdiction,
    details: r.details,
    locale: r.locale === 'es' ? 'es' : 'en',
    status: r.status as RequestStatus,
    confirmedAt: readTimeOrNull(r.confirmed_at),
    dueAt: readTimeOrNull(r.due_at),
    closedAt: readTimeOrNull(r.closed_at),
    createdAt: readTime(r.created_at),
  };
}

const requestColumns = ['id', 'kind', 'name', 'email', 'jurisdiction', 'details', 'locale', 'status', 'confirmed_at', 'due_at', 'closed_at', 'created_at'] as const;

/** A new request, with the privacy policy in force when it was made. */
type NewRequest = { kind: RequestKind; name: string; email: string; jurisdiction: Jurisdiction; details: string; locale: string; policyVersion: string };

/** Writes a request; `state` is where its life starts. */
async function writeRequest(
  db: Db | Trx,
  r: NewRequest,
  state: { status: RequestStatus; confirmHash: string | null; confirmExpiresAt: string | null; confirmedAt: string | null; dueAt: string | null; closedAt: string | null },
): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto('privacy_requests')
    .values({
      id,
      kind: r.kind,
      name: r.name,
      email: r.email,
      jurisdiction: r.jurisdiction,
      details: r.details,
      locale: r.locale,
      status: state.status,
      confirm_hash: state.confirmHash,
      confirm_expires_at: state.confirmExpiresAt,
      confirmed_at: state.confirmedAt,
      due_at: state.dueAt,
      closed_at: state.closedAt,
      policy_version: r.policyVersion,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** A request from the public form: it waits for the emailed confirmation. */
export function insertRequest(db: Db | Trx, r: NewRequest & { confirmHash: string; confirmExpiresAt: Date }): Promise<string> {
  return writeRequest(db, r, { status: 'unconfirmed', confirmHash: r.confirmHash, confirmExpiresAt: r.confirmExpiresAt.toISOString(), confirmedAt: null, dueAt: null, closedAt: null });
}

export async function findRequest(db: Db | Trx, id: string): Promise<PrivacyRequest | null> {
  const row = await db.selectFrom('privacy_requests').select(requestColumns).where('id', '=', id).executeTakeFirst();
  return row ? toRequest(row) : null;
}

/** An unconfirmed request whose link is still valid. */
export async function findByConfirmHash(db: Db | Trx, hash: string): Promise<PrivacyRequest | null> {
  const row = await db
    .selectFrom('privacy_requests')
    .select(requestColumns)
    .where('confirm_hash', '=', hash)
    .where('status', '=', 'unconfirmed')
    .where('confirm_expires_at', '>', nowIso())
    .executeTakeFirst();
  return row ? toRequest(row) : null;
}

/** Confirms once: false when another request (a double click) confirmed it first. */
export async function markConfirmed(trx: Db | Trx, id: string, dueAt: Date): Promise<boolean> {
  const now = nowIso();
  const result = await trx
    .updateTable('privacy_requests')
    .set({ status: 'open', confirm_hash: null, confirm_expires_at: null, confirmed_at: now, due_at: dueAt.toISOString(), updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'unconfirmed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setStatus(trx: Db | Trx, id: string, status: RequestStatus): Promise<void> {
  const now = nowIso();
  const closed = status === 'completed' || status === 'refused';
  await trx.updateTable('privacy_requests').set({ status, updated_at: now, closed_at: closed ? now : null }).where('id', '=', id).execute();
}

/** Confirmed requests for the officer's queue: the nearest deadline first. */
export async function listRequests(db: Db | Trx, filter: 'active' | 'all'): Promise<PrivacyRequest[]> {
  let query = db.selectFrom('privacy_requests').select(requestColumns).where('status', '!=', 'unconfirmed');
  if (filter === 'active') query = query.where('status', 'in', ['open', 'waiting']);
  const rows = await query.orderBy('due_at').orderBy('created_at').limit(500).execute();
  return rows.map(toRequest);
}

export async function insertEntry(trx: Db | Trx, e: { requestId: string; kind: EntryKind; authorId: string | null; body: string }): Promise<void> {
  await trx.insertInto('privacy_request_entries').values({ id: newId(), request_id: e.requestId, kind: e.kind, author_id: e.authorId, body: e.body, created_at: nowIso() }).execute();
}

export async function listEntries(db: Db | Trx, requestId: string): Promise<RequestEntry[]> {
  const rows = await db
    .selectFrom('privacy_request_entries')
    .leftJoin('users', 'users.id', 'privacy_request_entries.author_id')
    .select(['privacy_request_entries.id', 'privacy_request_entries.kind', 'users.name as author_name', 'privacy_request_entries.body', 'privacy_request_entries.created_at'])
    .where('privacy_request_entries.request_id', '=', requestId)
    .orderBy('privacy_request_entries.created_at')
    .orderBy('privacy_request_entries.id')
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind as EntryKind, authorName: r.author_name, body: r.body, createdAt: readTime(r.created_at) }));
}

/** A request made by a signed-in person from their own page: no emailed confirmation needed. */
export function insertRecordedRequest(db: Db | Trx, r: NewRequest & { status: RequestStatus; dueAt: Date }): Promise<string> {
  const now = nowIso();
  const closed = r.status === 'completed' || r.status === 'refused';
  return writeRequest(db, r, { status: r.status, confirmHash: null, confirmExpiresAt: null, confirmedAt: now, dueAt: r.dueAt.toISOString(), closedAt: closed ? now : null });
}

// Data exports

export interface ExportRecord {
  readonly id: string;
  readonly userId: string | null;
  readonly email: string | null;
  readonly requestId: string | null;
  readonly locale: 'en' | 'es';
  readonly status: 'pending' | 'ready' | 'failed';
  readonly fileKey: string | null;
  readonly bytes: number | null;
  readonly createdAt: Date;
  readonly readyAt: Date | null;
  readonly expiresAt: Date;
}

type ExportRow = {
  id: string; user_id: string | null; email: string | null; request_id: string | null; locale: string; status: string;
  file_key: string | null; bytes: number | null; created_at: unknown; ready_at: unknown; expires_at: unknown;
};

const exportColumns = ['id', 'user_id', 'email', 'request_id', 'locale', 'status', 'file_key', 'bytes', 'created_at', 'ready_at', 'expires_at'] as const;

function toExport(r: ExportRow): ExportRecord {
  return {
    id: r.id,
    userId: r.user_id,
    email: r.email,
    requestId: r.request_id,
    locale: r.locale === 'es' ? 'es' : 'en',
    status: r.status as ExportRecord['status'],
    fileKey: r.file_key,
    bytes: r.bytes === null ? null : Number(r.bytes),
    createdAt: readTime(r.created_at),
    readyAt: readTimeOrNull(r.ready_at),
    expiresAt: readTime(r.expires_at),
  };
}

export async function insertExport(db: Db | Trx, e: { userId: string | null; email: string | null; requestId: string | null; locale: string; expiresAt: Date }): Promise<string> {
  const id = newId();
  await db
    .insertInto('privacy_exports')
    .values({ id, user_id: e.userId, email: e.email, request_id: e.requestId, locale: e.locale, status: 'pending', token_hash: null, file_key: null, bytes: null, created_at: nowIso(), ready_at: null, expires_at: e.expiresAt.toISOString() })
    .execute();
  return id;
}

export async function findExport(db: Db | Trx, id: string): Promise<ExportRecord | null> {
  const row = await db.selectFrom('privacy_exports').select(exportColumns).where('id', '=', id).executeTakeFirst();
  return row ? toExport(row) : null;
}

/** A ready export whose link is still valid. */
export async function findReadyExportByToken(db: Db | Trx, tokenHash: string): Promise<ExportRecord | null> {
  const row = await db
    .selectFrom('privacy_exports')
    .select(exportColumns)
    .where('token_hash', '=', tokenHash)
    .where('status', '=', 'ready')
    .where('expires_at', '>', nowIso())
    .executeTakeFirst();
  return row ? toExport(row) : null;
}

export async function markExportReady(trx: Db | Trx, id: string, r: { fileKey: string; bytes: number; tokenHash: string; expiresAt: Date }): Promise<boolean> {
  const result = await trx
    .updateTable('privacy_exports')
    .set({ status: 'ready', file_key: r.fileKey, bytes: r.bytes, token_hash: r.tokenHash, ready_at: nowIso(), expires_at: r.expiresAt.toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The job gave up: a pending export becomes failed (false when it was no longer pending). */
export async function markExportFailed(trx: Db | Trx, id: string): Promise<boolean> {
  const result = await trx.updateTable('privacy_exports').set({ status: 'failed' }).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Holds a failed export's row until the transaction ends (a write that changes nothing: a row
 * lock on PostgreSQL, the single writer on SQLite), so two retries of it run one after the
 * other and the second sees the first's new export. False when the export is not failed.
 */
export async function lockFailedExport(trx: Trx, id: string): Promise<boolean> {
  const result = await trx.updateTable('privacy_exports').set({ status: 'failed' }).where('id', '=', id).where('status', '=', 'failed').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The exports made for one rights request, newest first. */
export async function exportsOfRequest(db: Db | Trx, requestId: string): Promise<ExportRecord[]> {
  const rows = await db.selectFrom('privacy_exports').select(exportColumns).where('request_id', '=', requestId).orderBy('created_at', 'desc').limit(20).execute();
  return rows.map(toExport);
}

export async function exportsOf(db: Db | Trx, userId: string): Promise<ExportRecord[]> {
  const rows = await db.selectFrom('privacy_exports').select(exportColumns).where('user_id', '=', userId).orderBy('created_at', 'desc').limit(20).execute();
  return rows.map(toExport);
}

export async function expiredExports(db: Db | Trx, now: Date): Promise<ExportRecord[]> {
  const rows = await db.selectFrom('privacy_exports').select(exportColumns).where('expires_at', '<=', now.toISOString()).limit(500).execute();
  return rows.map(toExport);
}

export async function deleteExport(db: Db | Trx, id: string): Promise<void> {
  await db.deleteFrom('privacy_exports').where('id', '=', id).execute();
}
