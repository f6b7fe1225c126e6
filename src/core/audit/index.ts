import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { dialectOf, type Db, type Trx } from '../db/index.js';
import { newId } from '../db/ids.js';
import { nowIso, readJson, readTime, writeJson } from '../db/portable.js';
import { currentContext } from '../http/context.js';
import './tables.js';

/**
 * The audit vocabulary: one catalogue, so a privacy officer can filter by action and a typo
 * cannot invent a new one. Features add theirs here as they land.
 */
export const AUDIT_ACTIONS = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_out',
  'auth.staff_created',
  'auth.sign_in_throttled',
  'auth.locked',
  'auth.session_revoked',
  'auth.sessions_revoked',
  'account.registered',
  'account.email_verified',
  'account.verification_resent',
  'account.password_reset_requested',
  'account.password_reset',
  'account.profile_updated',
  'account.email_change_requested',
  'account.email_changed',
  'professional.applied',
  'professional.approved',
  'professional.rejected',
  'professional.photo_updated',
  'guide.created',
  'guide.updated',
  'guide.published',
  'guide.unpublished',
  'guide.restored',
  'guide.deleted',
  'media.uploaded',
  'contact.received',
  'contact.updated',
  'contact.noted',
  'contact.replied',
  'newsletter.issue_saved',
  'newsletter.test_sent',
  'newsletter.issue_scheduled',
  'newsletter.issue_cancelled',
  'consultation.received',
  'consultation.viewed',
  'consultation.photo_viewed',
  'consultation.updated',
  'consultation.noted',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditTarget {
  readonly type: string;
  readonly id: string;
}

const GENESIS = '0'.repeat(64);
// Any constant works: it only has to be the same for every writer of the chain.
const CHAIN_LOCK = 74_205_311;

/** JSON with keys sorted at every level: jsonb reorders keys, the hash must not care. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function digest(prevHash: string, row: Record<string, unknown>): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(row)).digest('hex');
}

/**
 * Records an audit event inside the caller's transaction, so the event exists if and only if
 * the change does. The actor, request id and IP come from the request context when there is
 * one. `change` must already be free of personal data (callers redact).
 */
export async function recordAudit(
  trx: Trx,
  action: AuditAction,
  target: AuditTarget | null,
  change?: Record<string, unknown>,
  actorId?: string | null,
): Promise<void> {
  const ctx = currentContext();
  if (dialectOf(trx) === 'postgres') {
    // Serialise writers so the hash chain has exactly one successor per event.
    await sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);
  }
  const last = await trx.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const row = {
    seq: (last?.seq ?? 0) + 1,
    id: newId(),
    at: nowIso(),
    actor_id: actorId !== undefined ? actorId : (ctx?.actor?.id ?? null),
    action,
    target_type: target?.type ?? null,
    target_id: target?.id ?? null,
    request_id: ctx?.requestId ?? null,
    ip: ctx?.ip ?? null,
    change: change ?? null,
  };
  const prevHash = last?.hash ?? GENESIS;
  await trx
    .insertInto('audit_events')
    .values({ ...row, change: change ? writeJson(change) : null, prev_hash: prevHash, hash: digest(prevHash, row) })
    .execute();
}

/** Recomputes the chain; returns the seq of the first broken link, or null when intact. */
export async function verifyAuditChain(db: Db): Promise<number | null> {
  const rows = await db.selectFrom('audit_events').selectAll().orderBy('seq').execute();
  let prev = GENESIS;
  for (const r of rows) {
    const row = {
      seq: r.seq,
      id: r.id,
      at: readTime(r.at).toISOString(),
      actor_id: r.actor_id,
      action: r.action,
      target_type: r.target_type,
      target_id: r.target_id,
      request_id: r.request_id,
      ip: r.ip,
      change: r.change === null ? null : readJson(r.change),
    };
    if (r.prev_hash !== prev || digest(prev, row) !== r.hash) return r.seq;
    prev = r.hash;
  }
  return null;
}
