import type { Db, Trx } from '../../core/db/index.js';
import { newId } from '../../core/db/ids.js';
import { nowIso, readTime } from '../../core/db/portable.js';
import type { Locale } from '../../core/i18n/index.js';
import type { ContactEntry, ContactMessage, ContactStatus, ContactTopic } from './model.js';
import './tables.js';

type Conn = Db | Trx;

/** Stores a message with the privacy policy in force when it was sent. */
export async function insertMessage(trx: Conn, m: { name: string; email: string; topic: ContactTopic; message: string; locale: Locale; policyVersion: string }): Promise<string> {
  const id = newId();
  const now = nowIso();
  await trx
    .insertInto('contact_messages')
    .values({ id, name: m.name, email: m.email, topic: m.topic, message: m.message, locale: m.locale, status: 'new', assigned_to: null, policy_version: m.policyVersion, created_at: now, updated_at: now })
    .execute();
  return id;
}

function base(db: Conn) {
  return db
    .selectFrom('contact_messages')
    .leftJoin('users', 'users.id', 'contact_messages.assigned_to')
    .select([
      'contact_messages.id',
      'contact_messages.name',
      'contact_messages.email',
      'contact_messages.topic',
      'contact_messages.message',
      'contact_messages.locale',
      'contact_messages.status',
      'contact_messages.assigned_to',
      'users.name as assigned_name',
      'contact_messages.created_at',
      'contact_messages.updated_at',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

function toMessage(r: Row): ContactMessage {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    topic: r.topic as ContactTopic,
    message: r.message,
    locale: r.locale as Locale,
    status: r.status as ContactStatus,
    assignedTo: r.assigned_to,
    assignedName: r.assigned_name,
    createdAt: readTime(r.created_at),
    updatedAt: readTime(r.updated_at),
  };
}

export async function listMessages(db: Conn, status: ContactStatus | 'all', limit = 200): Promise<ContactMessage[]> {
  let q = base(db);
  if (status !== 'all') q = q.where('contact_messages.status', '=', status);
  return (await q.orderBy('contact_messages.created_at', 'desc').limit(limit).execute()).map(toMessage);
}

export async function findMessage(db: Conn, id: string): Promise<ContactMessage | null> {
  const row = await base(db).where('contact_messages.id', '=', id).executeTakeFirst();
  return row ? toMessage(row) : null;
}

export async function updateMessage(trx: Conn, id: string, patch: { status?: ContactStatus; assignedTo?: string | null }): Promise<void> {
  await trx
    .updateTable('contact_messages')
    .set({
      ...(patch.status ? { status: patch.status } : {}),
      ...(patch.assignedTo !== undefined ? { assigned_to: patch.assignedTo } : {}),
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .execute();
}

export async function insertEntry(trx: Conn, e: { messageId: string; kind: 'note' | 'reply'; authorId: string; body: string }): Promise<void> {
  await trx.insertInto('contact_entries').values({ id: newId(), message_id: e.messageId, kind: e.kind, author_id: e.authorId, body: e.body, created_at: nowIso() }).execute();
}

export async function listEntries(db: Conn, messageId: string): Promise<ContactEntry[]> {
  const rows = await db
    .selectFrom('contact_entries')
    .leftJoin('users', 'users.id', 'contact_entries.author_id')
    .select(['contact_entries.id', 'contact_entries.kind', 'users.name', 'contact_entries.body', 'contact_entries.created_at'])
    .where('contact_entries.message_id', '=', messageId)
    .orderBy('contact_entries.created_at')
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind === 'reply' ? 'reply' : 'note', authorName: r.name, body: r.body, createdAt: readTime(r.created_at) }));
}

export async function countByStatus(db: Conn): Promise<Record<ContactStatus, number>> {
  const rows = await db.selectFrom('contact_messages').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  const out: Record<ContactStatus, number> = { new: 0, open: 0, closed: 0 };
  for (const r of rows) if (r.status in out) out[r.status as ContactStatus] = Number(r.n);
  return out;
}
