import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppServices } from '../../app.js';
import { recordAudit } from '../../core/audit/index.js';
import { type Actor, findUserById, listUsersWithRoles, verifyPassword } from '../../core/auth/index.js';
import { hashSecret, newSecret } from '../../core/auth/tokens.js';
import type { Trx } from '../../core/db/index.js';
import { newId } from '../../core/db/ids.js';
import { nowIso } from '../../core/db/portable.js';
import { NotFoundError } from '../../core/errors.js';
import { formatDate, isLocale, type Locale, type MessageKey, translator } from '../../core/i18n/index.js';
import { mediaKey } from '../../core/media/storage.js';
import { type ErasureReport, erasePerson } from '../../core/privacy/erasure.js';
import { type ExportSummary, writeExport } from '../../core/privacy/export.js';
import { keptKey, type PersonalDataTable, purposeKey } from '../../core/privacy/registry.js';
import { type DataSubject, resolveSubject } from '../../core/privacy/subject.js';
import { NewsletterService } from '../newsletters/service.js';
import { exportFailedNotice, exportReady, requestStaffNotice } from './emails.js';
import { dueDays, type Jurisdiction, type RequestKind } from './model.js';
import * as store from './store.js';

export const EXPORT_JOB = 'privacy.export';
export const PURGE_EXPORTS_JOB = 'privacy.exports_purge';
/** A ready export can be downloaded for a week, then it is deleted. */
export const EXPORT_TTL_MS = 7 * 24 * 3_600_000;

type Services = Pick<AppServices, 'db' | 'cipher' | 'storage' | 'jobs' | 'mail' | 'config' | 'policyVersions'>;

/** Staff accounts are closed by an administrator (People), never from the account itself. */
const STAFF_ROLES = new Set(['admin', 'editor', 'moderator', 'privacy_officer']);

const EU = new Set('AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO'.split(' '));

/** The law a member's requests fall under, from the country they gave (California cannot be told apart: the stricter deadline applies). */
export function jurisdictionOf(country: string | null): Jurisdiction {
  if (!country) return 'other';
  const c = country.toUpperCase();
  if (c === 'US') return 'us-other';
  if (c === 'GB') return 'uk';
  return EU.has(c) ? 'eu' : 'other';
}

/**
 * Data exports (the right of access): a job writes the ZIP (core/privacy/export.ts) to a
 * temporary file and then to private storage; the person gets an email with a link that works
 * for a week without signing in (the secret is stored hashed), and the signed-in owner can also
 * download it from their privacy page. Expired exports are deleted by an hourly job.
 */
export class ExportService {
  constructor(private readonly services: Services) {}

  /** Queues an export in the caller's transaction. */
  async request(trx: Trx, e: { userId: string | null; email: string | null; requestId: string | null; locale: Locale }): Promise<string> {
    const id = await store.insertExport(trx, { ...e, expiresAt: new Date(Date.now() + EXPORT_TTL_MS) });
    await this.services.jobs.enqueue(trx, EXPORT_JOB, { exportId: id });
    return id;
  }

  /** Writes one export to a temporary file first: object stores need the length up front. */
  async build(subject: DataSubject, locale: Locale, write: (path: string) => Promise<void> = async () => undefined): Promise<{ key: string; summary: ExportSummary }> {
    const dir = await mkdtemp(join(tmpdir(), 'sutura-export-'));
    const path = join(dir, 'export.zip');
    try {
      const summary = await writeExport(this.services, subject, exportTexts(locale), createWriteStream(path, { mode: 0o600 }));
      await write(path);
      const key = mediaKey(newId(), 'zip', true);
      const { size } = await stat(path);
      await this.services.storage.put(key, { stream: createReadStream(path), length: size }, { contentType: 'application/zip' });
      return { key, summary };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** The job: builds the ZIP, marks the export ready and emails the link. */
  async run(exportId: string): Promise<void> {
    const record = await store.findExport(this.services.db, exportId);
    if (!record || record.status !== 'pending') return;
    const subject = await resolveSubject(this.services.db, { userId: record.userId, email: record.email });
    const { key, summary } = await this.build(subject, record.locale);
    const secret = newSecret();
    const expiresAt = new Date(Date.now() + EXPORT_TTL_MS);
    const to = subject.emails[0];
    let ok = false;
    try {
      ok = await this.services.db.transaction().execute(async (trx) => {
        if (!(await store.markExportReady(trx, exportId, { fileKey: key, bytes: summary.bytes, tokenHash: hashSecret(secret), expiresAt }))) return false;
        if (to) {
          const url = `${this.services.config.publicUrl}/privacy/exports/download?token=${secret}`;
          await this.services.mail.send(trx, exportReady, { to, locale: record.locale, data: { url, expires: formatDate(record.locale, expiresAt) } });
        }
        await recordAudit(trx, 'privacy.export_ready', { type: 'privacy_export', id: exportId }, { tables: summary.tables, rows: summary.rows, files: summary.files, bytes: summary.bytes });
        return true;
      });
    } finally {
      // A ZIP no row points at (the export was decided meanwhile, or the transaction failed) would never be purged.
      if (!ok) await this.services.storage.remove(key).catch(() => undefined);
    }
  }

  /**
   * The job's last attempt failed (its dead-letter hook, in that transaction): the export is
   * marked failed, so the person's page says so instead of "being prepared", and the privacy
   * officers are emailed a link to the request. Nothing goes to the person: their page shows
   * the failure with a way to try again, and the officer, who answers the request, can write.
   */
  async fail(trx: Trx, exportId: string): Promise<void> {
    if (!(await store.markExportFailed(trx, exportId))) return;
    const record = await store.findExport(trx, exportId);
    for (const officer of await listUsersWithRoles(trx, ['privacy_officer', 'admin'])) {
      await this.services.mail.send(trx, exportFailedNotice, { to: officer.email, locale: isLocale(officer.locale) ? officer.locale : 'en', data: { requestId: record?.requestId ?? null } });
    }
    await recordAudit(trx, 'privacy.export_failed', { type: 'privacy_export', id: exportId }, { request: record?.requestId ?? null });
  }

  /**
   * Asks again for a failed export, as a new one for the same person, request and language;
   * null (nothing done) unless it failed and is still the newest export of its request, so each
   * failure allows one retry however often the button is pressed.
   */
  async retry(trx: Trx, record: store.ExportRecord): Promise<string | null> {
    if (!record.requestId || !(await store.lockFailedExport(trx, record.id))) return null;
    const [newest] = await store.exportsOfRequest(trx, record.requestId);
    if (newest?.id !== record.id) return null;
    return this.request(trx, { userId: record.userId, email: record.email, requestId: record.requestId, locale: record.locale });
  }

  /** An export by its emailed link, audited; null when the link is unknown or expired. */
  async byToken(token: string): Promise<store.ExportRecord | null> {
    const record = await store.findReadyExportByToken(this.services.db, hashSecret(token));
    if (record) await this.#downloaded(record, null);
    return record;
  }

  /** The signed-in owner's own export, audited; null when it is not theirs, not ready or expired. */
  async own(actor: Actor, id: string): Promise<store.ExportRecord | null> {
    const record = await store.findExport(this.services.db, id);
    if (!record || record.userId !== actor.id || record.status !== 'ready' || record.expiresAt.getTime() <= Date.now()) return null;
    await this.#downloaded(record, actor.id);
    return record;
  }

  async #downloaded(record: store.ExportRecord, actorId: string | null): Promise<void> {
    await this.services.db.transaction().execute((trx) => recordAudit(trx, 'privacy.export_downloaded', { type: 'privacy_export', id: record.id }, undefined, actorId));
  }

  open(record: store.ExportRecord) {
    return record.fileKey ? this.services.storage.open(record.fileKey) : Promise.resolve(null);
  }

  list(userId: string): Promise<store.ExportRecord[]> {
    return store.exportsOf(this.services.db, userId);
  }

  /** Deletes expired exports, file first; returns how many went. */
  async purge(now = new Date()): Promise<number> {
    const expired = await store.expiredExports(this.services.db, now);
    for (const record of expired) {
      if (record.fileKey) await this.services.storage.remove(record.fileKey);
      await store.deleteExport(this.services.db, record.id);
    }
    if (expired.length) await this.services.db.transaction().execute((trx) => recordAudit(trx, 'privacy.exports_purged', null, { count: expired.length }));
    return expired.length;
  }
}

/** The README's texts in the person's language. */
export function exportTexts(locale: Locale) {
  const t = translator(locale);
  return {
    title: t('export.title'),
    intro: t('export.intro'),
    tablesHeading: t('export.tables'),
    filesHeading: t('export.files'),
    notExported: t('export.withheld'),
    purpose: (e: { table: string }) => t(purposeKey(e)),
    lawfulBasis: (e: { lawfulBasis: string }) => t('export.basis', { basis: t(`export.basis.${e.lawfulBasis}` as MessageKey) }),
    retention: (e: PersonalDataTable) => {
      // The registry's own reason for keeping a table (the law, published content...), not one reason for all.
      const kept = keptKey(e);
      if (kept) return t('export.retention.kept', { why: t(kept) });
      return e.retention.rule === 'days' ? t('export.retention.days', { days: String(e.retention.days) }) : t('export.retention.account');
    },
  };
}

export type Choice = 'marketing' | 'analytics' | 'restrict';

/**
 * The signed-in person's own rights, from their privacy page. Each use is recorded as a rights
 * request in the officer's queue (completed when done at once, open when someone must act),
 * so the officer's evidence covers self-service too. Everything audited.
 */
export class SelfService {
  constructor(
    private readonly services: Services,
    private readonly exports: ExportService,
  ) {}

  async #record(trx: Trx, actor: Actor, kind: RequestKind, status: 'open' | 'completed', details = ''): Promise<string> {
    const user = await findUserById(trx, actor.id);
    if (!user) throw new NotFoundError();
    const jurisdiction = jurisdictionOf(user.country);
    const dueAt = new Date(Date.now() + dueDays(jurisdiction, this.services.config.privacyDueDays) * 86_400_000);
    const id = await store.insertRecordedRequest(trx, { kind, name: user.name, email: user.email, jurisdiction, details, locale: user.locale, status, dueAt, policyVersion: this.services.policyVersions.current('privacy') });
    await recordAudit(trx, 'privacy.request_recorded', { type: 'privacy_request', id }, { kind, status }, actor.id);
    return id;
  }

  async state(actor: Actor): Promise<{ exports: store.ExportRecord[]; marketing: boolean; analytics: boolean; restricted: boolean }> {
    const row = await this.services.db.selectFrom('users').select(['objected_marketing_at', 'objected_analytics_at', 'restricted_at']).where('id', '=', actor.id).executeTakeFirst();
    return { exports: await this.exports.list(actor.id), marketing: Boolean(row?.objected_marketing_at), analytics: Boolean(row?.objected_analytics_at), restricted: Boolean(row?.restricted_at) };
  }

  async requestExport(actor: Actor, locale: Locale): Promise<void> {
    await this.services.db.transaction().execute(async (trx) => {
      const requestId = await this.#record(trx, actor, 'access', 'completed');
      const id = await this.exports.request(trx, { userId: actor.id, email: null, requestId, locale });
      await recordAudit(trx, 'privacy.export_requested', { type: 'privacy_export', id }, undefined, actor.id);
    });
  }

  /**
   * "Try again" on the person's own failed export: a new export for the same request. Not
   * rate-limited like asking afresh, since it needs a failure each time. False when there was
   * nothing to retry (already retried, or not failed).
   */
  async retryExport(actor: Actor, exportId: string): Promise<boolean> {
    const record = await store.findExport(this.services.db, exportId);
    if (!record || record.userId !== actor.id) throw new NotFoundError();
    return this.services.db.transaction().execute(async (trx) => {
      const id = await this.exports.retry(trx, record);
      if (id) await recordAudit(trx, 'privacy.export_requested', { type: 'privacy_export', id }, { retryOf: exportId }, actor.id);
      return id !== null;
    });
  }

  /** A correction the person cannot make on their profile pages: queued for the officer. */
  async requestCorrection(actor: Actor, details: string): Promise<void> {
    const officers = await listUsersWithRoles(this.services.db, ['privacy_officer', 'admin']);
    await this.services.db.transaction().execute(async (trx) => {
      const id = await this.#record(trx, actor, 'correction', 'open', details);
      for (const officer of officers) {
        await this.services.mail.send(trx, requestStaffNotice, { to: officer.email, locale: isLocale(officer.locale) ? officer.locale : 'en', data: { requestId: id } });
      }
    });
  }

  /**
   * Objections and restriction, each on or off. Objecting to marketing (or restricting) stops
   * every newsletter at once; the newsletter snapshot also skips the account while it stands.
   */
  async setChoices(actor: Actor, wanted: Readonly<Record<Choice, boolean>>): Promise<void> {
    const current = await this.state(actor);
    const now = nowIso();
    const was = { marketing: current.marketing, analytics: current.analytics, restrict: current.restricted };
    const changed = (Object.keys(wanted) as Choice[]).filter((c) => wanted[c] !== was[c]);
    if (!changed.length) return;
    await this.services.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({
          objected_marketing_at: wanted.marketing ? (current.marketing ? undefined : now) : null,
          objected_analytics_at: wanted.analytics ? (current.analytics ? undefined : now) : null,
          restricted_at: wanted.restrict ? (current.restricted ? undefined : now) : null,
          updated_at: now,
        })
        .where('id', '=', actor.id)
        .execute();
      if ((wanted.marketing && !was.marketing) || (wanted.restrict && !was.restrict)) await NewsletterService.stopAll(trx, actor.email, '/account/privacy', this.services.policyVersions.current('privacy'));
      for (const c of changed.filter((c) => wanted[c])) await this.#record(trx, actor, c === 'restrict' ? 'restriction' : 'objection', 'completed', `self-service: ${c}`);
      await recordAudit(trx, 'privacy.objection_recorded', { type: 'user', id: actor.id }, Object.fromEntries(changed.map((c) => [c, wanted[c]])), actor.id);
    });
  }

  /** Unsubscribes from every newsletter and marketing message at once. */
  async unsubscribeAll(actor: Actor): Promise<void> {
    await this.services.db.transaction().execute(async (trx) => {
      await NewsletterService.stopAll(trx, actor.email, '/account/privacy', this.services.policyVersions.current('privacy'));
      await this.#record(trx, actor, 'objection', 'completed', 'self-service: unsubscribe from everything');
    });
  }

  /**
   * Deletes the account: the password proves it is the owner at the keyboard; staff accounts
   * are closed by an administrator instead. The request is recorded (and then minimised with
   * everything else), the erasure runs in one transaction, sessions end with the account.
   */
  async deleteAccount(actor: Actor, password: string): Promise<'deleted' | 'wrong_password' | 'staff'> {
    const user = await findUserById(this.services.db, actor.id);
    if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, password))) return 'wrong_password';
    if (actor.roles.some((r) => STAFF_ROLES.has(r))) return 'staff';
    const requestId = await this.services.db.transaction().execute((trx) => this.#record(trx, actor, 'deletion', 'completed'));
    // The account's sessions are among the rows erased: the person is signed out everywhere.
    await this.erase(await resolveSubject(this.services.db, { userId: actor.id }), { type: 'privacy_request', id: requestId }, actor.id);
    return 'deleted';
  }

  erase(subject: DataSubject, target: { type: string; id: string }, actorId: string | null, spared: Readonly<Record<string, readonly string[]>> = {}): Promise<ErasureReport> {
    return erasePerson(this.services.db, this.services.storage, subject, { action: 'privacy.erased', target, actorId }, spared);
  }
}

/** The officer's actions on a request: run an export or an erasure for the person it is about. */
export async function officerSubject(services: Pick<AppServices, 'db'>, email: string): Promise<{ subject: DataSubject; staff: boolean }> {
  const subject = await resolveSubject(services.db, { email });
  const roles = subject.userIds.length ? await services.db.selectFrom('user_roles').select('role').where('user_id', 'in', [...subject.userIds]).execute() : [];
  return { subject, staff: roles.some((r) => STAFF_ROLES.has(r.role)) };
}

