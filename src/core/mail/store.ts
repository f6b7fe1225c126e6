import type { Db, Trx } from '../db/index.js';
import { newId } from '../db/ids.js';
import { nowIso, readJson, readTime, readTimeOrNull, writeJson } from '../db/portable.js';
import './tables.js';

/** queued: waiting for delivery; sent: accepted by SMTP; stored: kept in the outbox (no SMTP). */
export type MailStatus = 'queued' | 'sent' | 'stored';

export interface MailRecord {
  readonly id: string;
  readonly to: string;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly category: 'transactional' | 'marketing';
  readonly template: string;
  readonly locale: string;
  readonly status: MailStatus;
  readonly messageId: string | null;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly sentAt: Date | null;
}

type Row = {
  id: string; to_address: string; subject: string; html: string; text: string; headers: unknown; category: string; template: string; locale: string;
  status: string; message_id: string | null; last_error: string | null; created_at: unknown; sent_at: unknown;
};

function toRecord(r: Row): MailRecord {
  return {
    id: r.id,
    to: r.to_address,
    subject: r.subject,
    html: r.html,
    text: r.text,
    headers: readJson<Record<string, string>>(r.headers),
    category: r.category === 'marketing' ? 'marketing' : 'transactional',
    template: r.template,
    locale: r.locale,
    status: r.status as MailStatus,
    messageId: r.message_id,
    lastError: r.last_error,
    createdAt: readTime(r.created_at),
    sentAt: readTimeOrNull(r.sent_at),
  };
}

export async function insertMessage(
  trx: Db | Trx,
  m: { to: string; subject: string; html: string; text: string; headers: Record<string, string>; category: string; template: string; locale: string },
): Promise<string> {
  const id = newId();
  await trx
    .insertInto('mail_messages')
    .values({
      id,
      to_address: m.to,
      subject: m.subject,
      html: m.html,
      text: m.text,
      headers: writeJson(m.headers),
      category: m.category,
      template: m.template,
      locale: m.locale,
      status: 'queued',
      message_id: null,
      last_error: null,
      created_at: nowIso(),
      sent_at: null,
    })
    .execute();
  return id;
}

export async function findMessage(db: Db | Trx, id: string): Promise<MailRecord | null> {
  const row = await db.selectFrom('mail_messages').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : null;
}

export async function markSent(db: Db, id: string, status: 'sent' | 'stored', messageId: string | null): Promise<void> {
  await db.updateTable('mail_messages').set({ status, message_id: messageId, sent_at: nowIso(), last_error: null }).where('id', '=', id).execute();
}

export async function recordError(db: Db, id: string, error: string): Promise<void> {
  await db.updateTable('mail_messages').set({ last_error: error.slice(0, 1000) }).where('id', '=', id).execute();
}

export async function listMessages(db: Db, limit: number): Promise<MailRecord[]> {
  const rows = await db.selectFrom('mail_messages').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
  return rows.map(toRecord);
}

