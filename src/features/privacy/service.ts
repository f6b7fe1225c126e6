import type { AppServices } from '../../app.js';
import { recordAudit } from '../../core/audit/index.js';
import { type Actor, listUsersWithRoles } from '../../core/auth/index.js';
import { hashSecret, newSecret } from '../../core/auth/tokens.js';
import { newId } from '../../core/db/ids.js';
import { NotFoundError, ValidationError } from '../../core/errors.js';
import { formatDate, isLocale, type Locale, localizePath, translate } from '../../core/i18n/index.js';
import { type MatchedTable, matchPerson } from '../../core/privacy/matching.js';
import { type Consent, type ConsentCategory, formatConsentCookie } from '../../core/http/consent.js';
import { requestConfirm, requestMessage, requestReceived, requestStaffNotice } from './emails.js';
import { dueDays, type Jurisdiction, type PrivacyRequest, type RequestEntry, type RequestKind } from './model.js';
import * as store from './store.js';
import { type ExportService, officerSubject, type SelfService } from './subject-rights.js';

export type { ConsentRecord } from './store.js';

/** The privacy center: cookie choices, recorded as evidence (more rights arrive here). */
export class PrivacyService {
  constructor(private readonly services: Pick<AppServices, 'db' | 'policyVersions'>) {}

  /**
   * Records a browser's choice and returns the cookie value that remembers it. An opt-out
   * signal (Global Privacy Control, Do Not Track) keeps advertising off whatever was ticked.
   */
  async recordChoice(current: Consent, choice: Readonly<Record<ConsentCategory, boolean>>): Promise<string> {
    const consentId = current.id ?? newId();
    const effective = { ...choice, advertising: choice.advertising && !current.optOutSignal };
    await store.insertConsent(this.services.db, { consentId, choice: effective, optOutSignal: current.optOutSignal, policyVersion: this.services.policyVersions.current('privacy') });
    return formatConsentCookie(consentId, effective);
  }

  /** The last recorded choice of this browser, for the privacy center to show. */
  async latest(current: Consent): Promise<store.ConsentRecord | null> {
    if (!current.id) return null;
    return (await store.consentsOf(this.services.db, current.id)).at(-1) ?? null;
  }
}

/** A confirmation link is valid for a week: the deadline runs from the confirmation. */
const CONFIRM_TTL_MS = 7 * 24 * 3_600_000;

export interface RequestInput {
  readonly kind: RequestKind;
  readonly name: string;
  readonly email: string;
  readonly jurisdiction: Jurisdiction;
  readonly details: string;
}

/**
 * Rights requests from anyone, with or without an account: confirmed by an emailed link (so
 * only the owner of an address can ask about it), then queued for the privacy officer with the
 * legal deadline, matched to the data the registry finds for that address. Everything audited.
 */
export class RightsService {
  constructor(private readonly services: Pick<AppServices, 'db' | 'mail' | 'config' | 'policyVersions'>) {}

  async submit(input: RequestInput, locale: Locale): Promise<void> {
    const secret = newSecret();
    await this.services.db.transaction().execute(async (trx) => {
      await store.insertRequest(trx, { ...input, locale, confirmHash: hashSecret(secret), confirmExpiresAt: new Date(Date.now() + CONFIRM_TTL_MS), policyVersion: this.services.policyVersions.current('privacy') });
      await this.services.mail.send(trx, requestConfirm, { to: input.email, locale, data: { kind: input.kind, confirmUrl: `${this.services.config.publicUrl}${localizePath(locale, `/privacy/requests/confirm?token=${secret}`)}` } });
    });
  }

  pending(token: string): Promise<PrivacyRequest | null> {
    return store.findByConfirmHash(this.services.db, hashSecret(token));
  }

  /** Confirms a request: the deadline starts, the person gets a receipt, officers a notice. */
  async confirm(token: string): Promise<PrivacyRequest | null> {
    const request = await this.pending(token);
    if (!request) return null;
    const due = new Date(Date.now() + dueDays(request.jurisdiction, this.services.config.privacyDueDays) * 86_400_000);
    const officers = await listUsersWithRoles(this.services.db, ['privacy_officer', 'admin']);
    const confirmed = await this.services.db.transaction().execute(async (trx) => {
      if (!(await store.markConfirmed(trx, request.id, due))) return false;
      await this.services.mail.send(trx, requestReceived, { to: request.email, locale: request.locale, data: { kind: request.kind, due: formatDate(request.locale, due) } });
      for (const officer of officers) {
        await this.services.mail.send(trx, requestStaffNotice, { to: officer.email, locale: isLocale(officer.locale) ? officer.locale : 'en', data: { requestId: request.id } });
      }
      await recordAudit(trx, 'privacy.request_received', { type: 'privacy_request', id: request.id }, { kind: request.kind, jurisdiction: request.jurisdiction });
      return true;
    });
    return confirmed ? { ...request, status: 'open', dueAt: due } : null;
  }

  queue(filter: 'active' | 'all'): Promise<PrivacyRequest[]> {
    return store.listRequests(this.services.db, filter);
  }

  async detail(actor: Actor, id: string): Promise<{ request: PrivacyRequest; entries: RequestEntry[]; matched: MatchedTable[]; exports: store.ExportRecord[] }> {
    const request = await store.findRequest(this.services.db, id);
    if (!request || request.status === 'unconfirmed') throw new NotFoundError();
    const [entries, matched, exports] = await Promise.all([store.listEntries(this.services.db, id), matchPerson(this.services.db, request.email), store.exportsOfRequest(this.services.db, id)]);
    await this.services.db.transaction().execute((trx) => recordAudit(trx, 'privacy.request_viewed', { type: 'privacy_request', id }, undefined, actor.id));
    return { request, entries, matched, exports };
  }

  async addNote(actor: Actor, id: string, body: string): Promise<void> {
    await this.#require(id);
    await this.services.db.transaction().execute(async (trx) => {
      await store.insertEntry(trx, { requestId: id, kind: 'note', authorId: actor.id, body });
      await recordAudit(trx, 'privacy.request_noted', { type: 'privacy_request', id }, undefined, actor.id);
    });
  }

  /**
   * Writes to the person: a question (the request waits for their answer) or the answer that
   * completes or refuses it. The message is kept on the request as sent.
   */
  async write(actor: Actor, id: string, body: string, outcome: 'waiting' | 'completed' | 'refused'): Promise<void> {
    const request = await this.#require(id);
    if (request.status === 'completed' || request.status === 'refused') throw new ValidationError('invalid_state', 'request is closed');
    await this.services.db.transaction().execute(async (trx) => {
      await store.insertEntry(trx, { requestId: id, kind: outcome === 'waiting' ? 'message' : 'answer', authorId: actor.id, body });
      await this.services.mail.send(trx, requestMessage, { to: request.email, locale: request.locale, data: { body, closing: outcome !== 'waiting' } });
      await store.setStatus(trx, id, outcome);
      await recordAudit(trx, outcome === 'waiting' ? 'privacy.request_messaged' : 'privacy.request_closed', { type: 'privacy_request', id }, { status: outcome }, actor.id);
    });
  }

  /** Runs an export for the person a request is about; the link goes to the request's address. Notes are written in the officer's language. */
  async runExport(actor: Actor, id: string, exports: ExportService, locale: Locale): Promise<void> {
    const request = await this.#require(id);
    if (request.status === 'completed' || request.status === 'refused') throw new ValidationError('invalid_state', 'request is closed');
    await this.services.db.transaction().execute(async (trx) => {
      const exportId = await exports.request(trx, { userId: null, email: request.email, requestId: id, locale: request.locale });
      await store.insertEntry(trx, { requestId: id, kind: 'note', authorId: actor.id, body: translate(locale, 'rights.admin.entryExport') });
      await recordAudit(trx, 'privacy.export_requested', { type: 'privacy_export', id: exportId }, { request: id }, actor.id);
    });
  }

  /**
   * Runs a failed export of this request again, whatever the request's state: the person still
   * has nothing (a member's own request is recorded as completed when asked). False when there
   * was nothing to retry (already run again, or not failed).
   */
  async retryExport(actor: Actor, id: string, exportId: string, exports: ExportService, locale: Locale): Promise<boolean> {
    await this.#require(id);
    const record = await store.findExport(this.services.db, exportId);
    if (!record || record.requestId !== id) throw new NotFoundError();
    return this.services.db.transaction().execute(async (trx) => {
      const newExportId = await exports.retry(trx, record);
      if (!newExportId) return false;
      await store.insertEntry(trx, { requestId: id, kind: 'note', authorId: actor.id, body: translate(locale, 'rights.admin.entryExportAgain') });
      await recordAudit(trx, 'privacy.export_requested', { type: 'privacy_export', id: newExportId }, { request: id, retryOf: exportId }, actor.id);
      return true;
    });
  }

  /**
   * Erases the person a request is about (found by its address, with any account using it).
   * The request itself and its history are spared: it still has to be answered. Staff accounts
   * are refused here: an administrator closes them first.
   */
  async runErasure(actor: Actor, id: string, self: SelfService, locale: Locale): Promise<'erased' | 'staff'> {
    const request = await this.#require(id);
    if (request.status === 'completed' || request.status === 'refused') throw new ValidationError('invalid_state', 'request is closed');
    const { subject, staff } = await officerSubject(this.services, request.email);
    if (staff) return 'staff';
    const report = await self.erase(subject, { type: 'privacy_request', id }, actor.id, { privacy_requests: [id] });
    const count = (r: Readonly<Record<string, number>>) => String(Object.values(r).reduce((a, b) => a + b, 0));
    await this.services.db.transaction().execute((trx) =>
      store.insertEntry(trx, {
        requestId: id,
        kind: 'note',
        authorId: actor.id,
        body: translate(locale, 'rights.admin.entryErased', { deleted: count(report.deleted), minimised: count(report.minimised), files: String(report.files) }),
      }),
    );
    return 'erased';
  }

  async #require(id: string): Promise<PrivacyRequest> {
    const request = await store.findRequest(this.services.db, id);
    if (!request || request.status === 'unconfirmed') throw new NotFoundError();
    return request;
  }
}
