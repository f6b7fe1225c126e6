import { createHash } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { sql } from 'kysely';
import { dialectOf, type Db, type Trx } from '../db/index.js';
import { newId } from '../db/ids.js';
import { nowIso, readJson, readTime, writeJson } from '../db/portable.js';
import { currentContext } from '../http/context.js';
import './tables.js';
import './privacy.js';
import type { AuditEventsTable } from './tables.js';
import type { Selectable } from 'kysely';

/**
 * The audit vocabulary: one catalogue, so a privacy officer can filter by action and a typo
 * cannot invent a new one. Features add theirs here as they land.
 */
export const AUDIT_ACTIONS = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_out',
  'auth.staff_created',
  'auth.two_factor_enabled',
  'auth.two_factor_disabled',
  'auth.recovery_codes_regenerated',
  'auth.passkey_added',
  'auth.passkey_removed',
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
  'account.preferences_updated',
  'account.email_change_requested',
  'account.email_changed',
  'account.new_browser',
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
  'library.licence_accepted',
  'library.created',
  'library.updated',
  'library.flagged',
  'library.submitted',
  'library.published',
  'library.returned',
  'library.removed',
  'library.deleted',
  'library.restored',
  'library.suggested',
  'library.suggestion_accepted',
  'library.suggestion_rejected',
  'contact.received',
  'contact.updated',
  'contact.noted',
  'contact.replied',
  'privacy.request_received',
  'privacy.request_viewed',
  'privacy.request_noted',
  'privacy.request_messaged',
  'privacy.request_closed',
  'privacy.request_recorded',
  'privacy.export_requested',
  'privacy.export_ready',
  'privacy.export_failed',
  'privacy.export_downloaded',
  'privacy.exports_purged',
  'privacy.erased',
  'privacy.objection_recorded',
  'newsletter.issue_saved',
  'newsletter.test_sent',
  'newsletter.issue_scheduled',
  'newsletter.issue_cancelled',
  'consultation.received',
  'consultation.viewed',
  'consultation.photo_viewed',
  'consultation.updated',
  'consultation.noted',
  'people.roles_changed',
  'people.disabled',
  'people.enabled',
  'people.invited',
  'people.minor_marked',
  'people.minor_erased',
  'audit.exported',
  'policy.version_created',
  'policy.version_updated',
  'policy.version_published',
  'policy.accepted',
  'retention.run_requested',
  'shine.disclosure_added',
  'shine.disclosure_removed',
  'shine.request_answered',
  'breach.recorded',
  'breach.recipients_changed',
  'breach.notices_sent',
  'breach.notice_published',
  'breach.notice_withdrawn',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditTarget {
  readonly type: string;
  readonly id: string;
}

/**
 * Shortens an IP address to its network: IPv4 to /24, IPv6 to /48. Enough to tell a country
 * or a provider apart when investigating, not enough to single out a household; the audit log
 * is kept for years and cannot be edited later, so it must never hold more than it needs.
 */
export function truncateIp(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  const v4 = mapped ? mapped[1]! : ip;
  if (isIPv4(v4)) return `${v4.split('.').slice(0, 3).join('.')}.0/24`;
  const bare = ip.split('%')[0] ?? '';
  if (!isIPv6(bare)) return null;
  const [head = '', tail = ''] = bare.split('::');
  const left = head ? head.split(':') : [];
  const right = bare.includes('::') && tail ? tail.split(':') : [];
  // An embedded IPv4 tail (a:b::1.2.3.4) is beyond the first 48 bits: it is dropped anyway.
  const groups = bare.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  const network = groups.slice(0, 3).map((g) => (parseInt(g, 16) || 0).toString(16));
  // Trailing zero groups fold into the '::' (2001:db8:0:: is written 2001:db8::).
  while (network.length && network[network.length - 1] === '0') network.pop();
  return `${network.join(':')}::/48`;
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
    ip: truncateIp(ctx?.ip),
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
  const result = await checkAuditChain(db);
  return result.ok ? null : result.seq;
}

/** The outcome of walking the chain: how many events, or the first one that does not link. */
export type AuditChainResult =
  | { readonly ok: true; readonly count: number }
  | { readonly ok: false; readonly count: number; readonly seq: number; readonly id: string; readonly at: Date };

/**
 * Walks the whole chain in order and recomputes every hash. A row edited, deleted or inserted
 * out of turn breaks the link at that row (or the next one). Reads in pages so a long log
 * does not sit in memory at once.
 */
export async function checkAuditChain(db: Db, pageSize = 1000): Promise<AuditChainResult> {
  let prev = GENESIS;
  let count = 0;
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_events').selectAll().where('seq', '>', after).orderBy('seq').limit(pageSize).execute();
    if (!rows.length) return { ok: true, count };
    for (const r of rows) {
      const broken = brokenLink(prev, r);
      if (broken) return { ok: false, count, seq: r.seq, id: r.id, at: readTimeSafe(r.at) };
      prev = r.hash;
      count++;
      after = r.seq;
    }
  }
}

function readTimeSafe(value: unknown): Date {
  try {
    return readTime(value);
  } catch {
    return new Date(Number.NaN);
  }
}

function brokenLink(prev: string, r: AuditEventRow): boolean {
  try {
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
    return r.prev_hash !== prev || digest(prev, row) !== r.hash;
  } catch {
    // A row so damaged it does not even parse (a bad time, broken JSON) is a broken link too.
    return true;
  }
}

type AuditEventRow = Selectable<AuditEventsTable>;
