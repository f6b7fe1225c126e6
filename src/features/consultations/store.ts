import type { Db, Trx } from '../../core/db/index.js';
import { nowIso, readJson, readTime, writeJson } from '../../core/db/portable.js';
import type { Locale } from '../../core/i18n/index.js';
import type { ConsultationStatus, ConsultationSummary, ContactMethod, ContactTime, PhotoMeta } from './model.js';
import './tables.js';

type Conn = Db | Trx;

/** A row as stored: the summary plus the sealed values only the service may open. */
export interface SealedRequest extends ConsultationSummary {
  readonly messageSealed: string;
  readonly photoKey: string | null;
  readonly photoMeta: PhotoMeta | null;
}

/**
 * Inserts a request whose medical fields the service has already sealed. The id comes from
 * the caller because the ciphertexts are bound to it.
 */
export async function insertRequest(
  trx: Conn,
  r: {
    id: string;
    name: string;
    email: string;
    phone: string | null;
    preferredMethod: ContactMethod;
    preferredTimes: readonly ContactTime[];
    procedures: readonly string[];
    messageSealed: string;
    photoKey: string | null;
    photoMeta: PhotoMeta | null;
    locale: Locale;
    /** The privacy policy in force when the request was made. */
    policyVersion: string;
  },
): Promise<void> {
  const now = nowIso();
  await trx
    .insertInto('consultation_requests')
    .values({
      id: r.id,
      name: r.name,
      email: r.email,
      phone: r.phone,
      preferred_method: r.preferredMethod,
      preferred_times: writeJson(r.preferredTimes),
      procedures: writeJson(r.procedures),
      message_sealed: r.messageSealed,
      photo_key: r.photoKey,
      photo_meta: r.photoMeta ? writeJson(r.photoMeta) : null,
      locale: r.locale,
      status: 'new',
      assigned_to: null,
      policy_version: r.policyVersion,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

function base(db: Conn) {
  return db
    .selectFrom('consultation_requests')
    .leftJoin('users', 'users.id', 'consultation_requests.assigned_to')
    .select([
      'consultation_requests.id',
      'consultation_requests.name',
      'consultation_requests.email',
      'consultation_requests.phone',
      'consultation_requests.preferred_method',
      'consultation_requests.preferred_times',
      'consultation_requests.procedures',
      'consultation_requests.photo_key',
      'consultation_requests.locale',
      'consultation_requests.status',
      'consultation_requests.assigned_to',
      'users.name as assigned_name',
      'consultation_requests.created_at',
      'consultation_requests.updated_at',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

function toSummary(r: Row): ConsultationSummary {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    preferredMethod: r.preferred_method as ContactMethod,
    preferredTimes: readJson<ContactTime[]>(r.preferred_times),
    procedures: readJson<string[]>(r.procedures),
    hasPhoto: r.photo_key !== null,
    locale: r.locale as Locale,
    status: r.status as ConsultationStatus,
    assignedTo: r.assigned_to,
    assignedName: r.assigned_name,
    createdAt: readTime(r.created_at),
    updatedAt: readTime(r.updated_at),
  };
}

/** The list never selects the sealed message: a list page has no business with it. */
export async function listRequests(db: Conn, status: ConsultationStatus | 'all', limit = 200): Promise<ConsultationSummary[]> {
  let q = base(db);
  if (status !== 'all') q = q.where('consultation_requests.status', '=', status);
  return (await q.orderBy('consultation_requests.created_at', 'desc').limit(limit).execute()).map(toSummary);
}

export async function findSummary(db: Conn, id: string): Promise<ConsultationSummary | null> {
  const row = await base(db).where('consultation_requests.id', '=', id).executeTakeFirst();
  return row ? toSummary(row) : null;
}

export async function findSealed(db: Conn, id: string): Promise<SealedRequest | null> {
  const row = await base(db)
    .select(['consultation_requests.message_sealed', 'consultation_requests.photo_meta'])
    .where('consultation_requests.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  return {
    ...toSummary(row),
    messageSealed: row.message_sealed,
    photoKey: row.photo_key,
    photoMeta: row.photo_meta === null ? null : readJson<PhotoMeta>(row.photo_meta),
  };
}

export async function updateRequest(trx: Conn, id: string, patch: { status?: ConsultationStatus; assignedTo?: string | null }): Promise<void> {
  await trx
    .updateTable('consultation_requests')
    .set({
      ...(patch.status ? { status: patch.status } : {}),
      ...(patch.assignedTo !== undefined ? { assigned_to: patch.assignedTo } : {}),
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .execute();
}

export async function countByStatus(db: Conn): Promise<Record<ConsultationStatus, number>> {
  const rows = await db.selectFrom('consultation_requests').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  const out: Record<ConsultationStatus, number> = { new: 0, contacted: 0, scheduled: 0, closed: 0 };
  for (const r of rows) if (r.status in out) out[r.status as ConsultationStatus] = Number(r.n);
  return out;
}

/** Notes: the id comes from the caller, who sealed the body with it. */
export async function insertNote(trx: Conn, n: { id: string; requestId: string; authorId: string; bodySealed: string }): Promise<void> {
  await trx.insertInto('consultation_notes').values({ id: n.id, request_id: n.requestId, author_id: n.authorId, body_sealed: n.bodySealed, created_at: nowIso() }).execute();
}

export async function listSealedNotes(db: Conn, requestId: string): Promise<{ id: string; authorName: string | null; bodySealed: string; createdAt: Date }[]> {
  const rows = await db
    .selectFrom('consultation_notes')
    .leftJoin('users', 'users.id', 'consultation_notes.author_id')
    .select(['consultation_notes.id', 'users.name', 'consultation_notes.body_sealed', 'consultation_notes.created_at'])
    .where('consultation_notes.request_id', '=', requestId)
    .orderBy('consultation_notes.created_at')
    .execute();
  return rows.map((r) => ({ id: r.id, authorName: r.name, bodySealed: r.body_sealed, createdAt: readTime(r.created_at) }));
}

