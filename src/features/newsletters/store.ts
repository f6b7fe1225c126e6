import { sql } from 'kysely';
import type { Db, Trx } from '../../core/db/index.js';
import { newId } from '../../core/db/ids.js';
import { nowIso, readBool, readJson, readTime, readTimeOrNull, writeJson } from '../../core/db/portable.js';
import { isLocale, type Locale } from '../../core/i18n/index.js';
import type { Consent, ConsentEvent, DeliveryStatus, Editions, Issue, IssueProgress, IssueStatus, NewsletterList, Subscriber, SubscriberStatus } from './model.js';
import './tables.js';

type Conn = Db | Trx;

// Lists

export async function listLists(db: Conn): Promise<NewsletterList[]> {
  const rows = await db.selectFrom('newsletter_lists').selectAll().orderBy('position').execute();
  return rows.map((r) => ({ id: r.id, slug: r.slug, names: readJson(r.names), descriptions: readJson(r.descriptions) }));
}

export async function countActiveByList(db: Conn): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('newsletter_subscriptions')
    .innerJoin('newsletter_subscribers', 'newsletter_subscribers.id', 'newsletter_subscriptions.subscriber_id')
    .where('newsletter_subscribers.status', '=', 'active')
    .select(['newsletter_subscriptions.list_id', (eb) => eb.fn.countAll<string | number>().as('n')])
    .groupBy('newsletter_subscriptions.list_id')
    .execute();
  return new Map(rows.map((r) => [r.list_id, Number(r.n)]));
}

// Subscribers

export interface SubscriberRow {
  readonly id: string;
  readonly email: string;
  readonly locale: Locale;
  readonly status: SubscriberStatus;
  readonly tracking: boolean;
  readonly confirmExpiresAt: Date | null;
  readonly pending: PendingConsent | null;
}

/** What a confirmation will grant, kept with the pending request until then. */
export interface PendingConsent {
  readonly lists: readonly string[];
  readonly source: string | null;
  readonly policyVersion: string;
  readonly tracking: boolean;
}

type SubscriberDbRow = {
  id: string; email: string; locale: string; status: string; tracking: unknown; confirm_expires_at: unknown; pending: unknown;
};

function toSubscriberRow(r: SubscriberDbRow): SubscriberRow {
  return {
    id: r.id,
    email: r.email,
    locale: isLocale(r.locale) ? r.locale : 'en',
    status: r.status as SubscriberStatus,
    tracking: readBool(r.tracking),
    confirmExpiresAt: readTimeOrNull(r.confirm_expires_at),
    pending: r.pending === null || r.pending === undefined ? null : readJson<PendingConsent>(r.pending),
  };
}

const subscriberColumns = ['id', 'email', 'locale', 'status', 'tracking', 'confirm_expires_at', 'pending'] as const;

export async function findSubscriberByEmail(db: Conn, email: string): Promise<SubscriberRow | null> {
  const row = await db.selectFrom('newsletter_subscribers').select(subscriberColumns).where('email', '=', email).executeTakeFirst();
  return row ? toSubscriberRow(row) : null;
}

export async function findSubscriber(db: Conn, id: string): Promise<SubscriberRow | null> {
  const row = await db.selectFrom('newsletter_subscribers').select(subscriberColumns).where('id', '=', id).executeTakeFirst();
  return row ? toSubscriberRow(row) : null;
}

export async function findSubscriberByConfirmHash(db: Conn, hash: string): Promise<SubscriberRow | null> {
  const row = await db.selectFrom('newsletter_subscribers').select(subscriberColumns).where('confirm_hash', '=', hash).executeTakeFirst();
  return row ? toSubscriberRow(row) : null;
}

export async function insertSubscriber(trx: Conn, s: { email: string; emailHash: string; locale: Locale }): Promise<string> {
  const id = newId();
  const now = nowIso();
  await trx
    .insertInto('newsletter_subscribers')
    .values({ id, email: s.email, email_hash: s.emailHash, locale: s.locale, status: 'pending', confirm_hash: null, confirm_expires_at: null, pending: null, tracking: false, confirmed_at: null, unsubscribed_at: null, created_at: now, updated_at: now })
    .execute();
  return id;
}

export async function requestConfirmation(trx: Conn, id: string, c: { locale: Locale; confirmHash: string; expiresAt: Date; pending: PendingConsent; status: SubscriberStatus }): Promise<void> {
  await trx
    .updateTable('newsletter_subscribers')
    .set({ locale: c.locale, status: c.status, confirm_hash: c.confirmHash, confirm_expires_at: c.expiresAt.toISOString(), pending: writeJson(c.pending), updated_at: nowIso() })
    .where('id', '=', id)
    .execute();
}

export async function activate(trx: Conn, id: string, tracking: boolean): Promise<void> {
  const now = nowIso();
  await trx
    .updateTable('newsletter_subscribers')
    .set({ status: 'active', confirm_hash: null, confirm_expires_at: null, pending: null, tracking, confirmed_at: now, unsubscribed_at: null, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function updatePreferences(trx: Conn, id: string, p: { locale: Locale; tracking: boolean }): Promise<void> {
  await trx.updateTable('newsletter_subscribers').set({ locale: p.locale, tracking: p.tracking, updated_at: nowIso() }).where('id', '=', id).execute();
}

export async function markUnsubscribed(trx: Conn, id: string): Promise<void> {
  const now = nowIso();
  await trx
    .updateTable('newsletter_subscribers')
    .set({ status: 'unsubscribed', tracking: false, confirm_hash: null, confirm_expires_at: null, pending: null, unsubscribed_at: now, updated_at: now })
    .where('id', '=', id)
    .execute();
  await trx.deleteFrom('newsletter_subscriptions').where('subscriber_id', '=', id).execute();
}

export async function subscriptionsOf(db: Conn, id: string): Promise<string[]> {
  const rows = await db.selectFrom('newsletter_subscriptions').select('list_id').where('subscriber_id', '=', id).execute();
  return rows.map((r) => r.list_id);
}

export async function setSubscriptions(trx: Conn, id: string, listIds: readonly string[]): Promise<void> {
  await trx.deleteFrom('newsletter_subscriptions').where('subscriber_id', '=', id).execute();
  if (listIds.length) {
    const now = nowIso();
    await trx.insertInto('newsletter_subscriptions').values(listIds.map((listId) => ({ subscriber_id: id, list_id: listId, created_at: now }))).execute();
  }
}

export async function insertConsent(trx: Conn, subscriberId: string, c: { event: ConsentEvent; lists: readonly string[]; tracking: boolean; source: string | null; policyVersion: string }): Promise<void> {
  await trx
    .insertInto('newsletter_consents')
    .values({ id: newId(), subscriber_id: subscriberId, event: c.event, lists: writeJson(c.lists), tracking: c.tracking, source: c.source, policy_version: c.policyVersion, created_at: nowIso() })
    .execute();
}

export async function consentsOf(db: Conn, subscriberId: string): Promise<Consent[]> {
  const rows = await db.selectFrom('newsletter_consents').selectAll().where('subscriber_id', '=', subscriberId).orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({
    event: r.event as ConsentEvent,
    lists: readJson<string[]>(r.lists),
    tracking: readBool(r.tracking),
    source: r.source,
    policyVersion: r.policy_version,
    createdAt: readTime(r.created_at),
  }));
}

/** Subscribers for the staff list, newest first, with the lists they receive. */
export async function listSubscribers(db: Conn, filter: { status?: SubscriberStatus; email?: string }, limit: number): Promise<Subscriber[]> {
  let query = db.selectFrom('newsletter_subscribers').select(['id', 'email', 'locale', 'status', 'tracking', 'confirmed_at', 'created_at']);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.email) query = query.where('email', 'like', `%${filter.email.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const rows = await query.orderBy('created_at', 'desc').limit(limit).execute();
  const ids = rows.map((r) => r.id);
  const subscriptions = ids.length ? await db.selectFrom('newsletter_subscriptions').select(['subscriber_id', 'list_id']).where('subscriber_id', 'in', ids).execute() : [];
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    locale: isLocale(r.locale) ? r.locale : 'en',
    status: r.status as SubscriberStatus,
    tracking: readBool(r.tracking),
    listIds: subscriptions.filter((s) => s.subscriber_id === r.id).map((s) => s.list_id),
    confirmedAt: readTimeOrNull(r.confirmed_at),
    createdAt: readTime(r.created_at),
  }));
}

// Suppression list

export async function suppress(trx: Conn, emailHash: string, reason: string): Promise<void> {
  await trx
    .insertInto('newsletter_suppressions')
    .values({ email_hash: emailHash, reason, created_at: nowIso() })
    .onConflict((oc) => oc.column('email_hash').doUpdateSet({ reason, created_at: nowIso() }))
    .execute();
}

export async function unsuppress(trx: Conn, emailHash: string): Promise<void> {
  await trx.deleteFrom('newsletter_suppressions').where('email_hash', '=', emailHash).execute();
}

export async function countSuppressed(db: Conn): Promise<number> {
  const row = await db.selectFrom('newsletter_suppressions').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

// Issues

type IssueRow = {
  id: string; list_id: string; editions: unknown; status: string; scheduled_at: unknown; started_at: unknown; finished_at: unknown; recipients: number; created_at: unknown; updated_at: unknown;
};

function toIssue(r: IssueRow): Issue {
  return {
    id: r.id,
    listId: r.list_id,
    editions: readJson<Editions>(r.editions),
    status: r.status as IssueStatus,
    scheduledAt: readTimeOrNull(r.scheduled_at),
    startedAt: readTimeOrNull(r.started_at),
    finishedAt: readTimeOrNull(r.finished_at),
    recipients: Number(r.recipients),
    createdAt: readTime(r.created_at),
    updatedAt: readTime(r.updated_at),
  };
}

const issueColumns = ['id', 'list_id', 'editions', 'status', 'scheduled_at', 'started_at', 'finished_at', 'recipients', 'created_at', 'updated_at'] as const;

export async function insertIssue(trx: Conn, i: { listId: string; editions: Editions; createdBy: string }): Promise<string> {
  const id = newId();
  const now = nowIso();
  await trx
    .insertInto('newsletter_issues')
    .values({ id, list_id: i.listId, editions: writeJson(i.editions), status: 'draft', scheduled_at: null, started_at: null, finished_at: null, recipients: 0, created_by: i.createdBy, created_at: now, updated_at: now })
    .execute();
  return id;
}

export async function findIssue(db: Conn, id: string): Promise<Issue | null> {
  const row = await db.selectFrom('newsletter_issues').select(issueColumns).where('id', '=', id).executeTakeFirst();
  return row ? toIssue(row) : null;
}

export async function listIssues(db: Conn, limit = 200): Promise<Issue[]> {
  const rows = await db.selectFrom('newsletter_issues').select(issueColumns).orderBy('created_at', 'desc').limit(limit).execute();
  return rows.map(toIssue);
}

/** The public archive: sent issues, newest first. */
export async function listSentIssues(db: Conn, limit = 100): Promise<Issue[]> {
  const rows = await db.selectFrom('newsletter_issues').select(issueColumns).where('status', '=', 'sent').orderBy('finished_at', 'desc').limit(limit).execute();
  return rows.map(toIssue);
}

export async function updateIssueContent(trx: Conn, id: string, i: { listId: string; editions: Editions }): Promise<void> {
  await trx.updateTable('newsletter_issues').set({ list_id: i.listId, editions: writeJson(i.editions), updated_at: nowIso() }).where('id', '=', id).execute();
}

/** Moves an issue from one status to another; false when it was no longer in `from` (a race lost). */
export async function transitionIssue(trx: Conn, id: string, from: IssueStatus, to: IssueStatus, times: { scheduledAt?: Date | null; startedAt?: Date; finishedAt?: Date; recipients?: number } = {}): Promise<boolean> {
  const result = await trx
    .updateTable('newsletter_issues')
    .set({
      status: to,
      updated_at: nowIso(),
      ...(times.scheduledAt !== undefined ? { scheduled_at: times.scheduledAt?.toISOString() ?? null } : {}),
      ...(times.startedAt ? { started_at: times.startedAt.toISOString() } : {}),
      ...(times.finishedAt ? { finished_at: times.finishedAt.toISOString() } : {}),
      ...(times.recipients !== undefined ? { recipients: times.recipients } : {}),
    })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// Deliveries

/**
 * Takes the recipient snapshot of an issue in one statement: every active subscriber of the
 * list whose address is not suppressed and whose account (if any) has not objected to marketing, numbered in a stable order so batches are ranges.
 */
export async function snapshotRecipients(trx: Conn, issueId: string, listId: string): Promise<number> {
  await trx
    .insertInto('newsletter_deliveries')
    .columns(['issue_id', 'subscriber_id', 'seq', 'status'])
    .expression(
      trx
        .selectFrom('newsletter_subscriptions as ns')
        .innerJoin('newsletter_subscribers as s', 's.id', 'ns.subscriber_id')
        .where('ns.list_id', '=', listId)
        .where('s.status', '=', 'active')
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('newsletter_suppressions as x').select('x.email_hash').whereRef('x.email_hash', '=', 's.email_hash'))))
        // A member who objected to marketing, or restricted processing, gets none (privacy center).
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('users as u').select('u.id').whereRef('u.email', '=', 's.email').where((u) => u.or([u('u.objected_marketing_at', 'is not', null), u('u.restricted_at', 'is not', null)])))),
        )
        .select([sql.lit(issueId).as('issue_id'), 's.id', sql<number>`row_number() over (order by s.id)`.as('seq'), sql.lit('queued').as('status')]),
    )
    .execute();
  const row = await trx.selectFrom('newsletter_deliveries').select((eb) => eb.fn.countAll<string | number>().as('n')).where('issue_id', '=', issueId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface Recipient {
  readonly subscriberId: string;
  readonly email: string;
  readonly locale: Locale;
  readonly active: boolean;
  readonly tracking: boolean;
}

/** The still-queued recipients of one batch (seq in [from, to]). */
export async function batchRecipients(db: Conn, issueId: string, from: number, to: number): Promise<Recipient[]> {
  const rows = await db
    .selectFrom('newsletter_deliveries as d')
    .innerJoin('newsletter_subscribers as s', 's.id', 'd.subscriber_id')
    .select(['s.id', 's.email', 's.locale', 's.status', 's.tracking'])
    .where('d.issue_id', '=', issueId)
    .where('d.seq', '>=', from)
    .where('d.seq', '<=', to)
    .where('d.status', '=', 'queued')
    .orderBy('d.seq')
    .execute();
  return rows.map((r) => ({ subscriberId: r.id, email: r.email, locale: isLocale(r.locale) ? r.locale : 'en', active: r.status === 'active', tracking: readBool(r.tracking) }));
}

export async function markDeliveries(db: Conn, issueId: string, subscriberIds: readonly string[], status: DeliveryStatus, error: string | null = null): Promise<void> {
  if (!subscriberIds.length) return;
  await db
    .updateTable('newsletter_deliveries')
    .set({ status, error, sent_at: status === 'sent' ? nowIso() : null })
    .where('issue_id', '=', issueId)
    .where('subscriber_id', 'in', subscriberIds)
    .where('status', '=', 'queued')
    .execute();
}

export async function countQueued(db: Conn, issueId: string): Promise<number> {
  const row = await db
    .selectFrom('newsletter_deliveries')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('issue_id', '=', issueId)
    .where('status', '=', 'queued')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function progressOf(db: Conn, issueId: string): Promise<IssueProgress> {
  const rows = await db
    .selectFrom('newsletter_deliveries')
    .select(['status', (eb) => eb.fn.countAll<string | number>().as('n'), (eb) => eb.fn.count<string | number>('opened_at').as('opened')])
    .where('issue_id', '=', issueId)
    .groupBy('status')
    .execute();
  const count = (status: DeliveryStatus) => Number(rows.find((r) => r.status === status)?.n ?? 0);
  return { queued: count('queued'), sent: count('sent'), failed: count('failed'), skipped: count('skipped'), opened: rows.reduce((sum, r) => sum + Number(r.opened), 0) };
}

/** Records the first open of an issue by a subscriber who agreed to open tracking. */
export async function recordOpen(db: Conn, issueId: string, subscriberId: string): Promise<void> {
  await db
    .updateTable('newsletter_deliveries')
    .set({ opened_at: nowIso() })
    .where('issue_id', '=', issueId)
    .where('subscriber_id', '=', subscriberId)
    .where('status', '=', 'sent')
    .where('opened_at', 'is', null)
    .where((eb) => eb.exists(eb.selectFrom('newsletter_subscribers as s').select('s.id').whereRef('s.id', '=', 'newsletter_deliveries.subscriber_id').where('s.tracking', '=', true)))
    .execute();
}

