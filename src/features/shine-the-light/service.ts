import type { AppServices } from '../../app.js';
import { recordAudit } from '../../core/audit/index.js';
import type { Actor } from '../../core/auth/index.js';
import { hashSecret, newSecret } from '../../core/auth/tokens.js';
import { NotFoundError } from '../../core/errors.js';
import { type Locale, localizePath } from '../../core/i18n/index.js';
import { shineAnswer, shineConfirm } from './emails.js';
import { type ConfirmOutcome, type Disclosure, nextRequestDate, type ShineAnswer } from './model.js';
import * as store from './store.js';

/** A confirmation link works for a week. */
const CONFIRM_TTL_MS = 7 * 24 * 3_600_000;

/**
 * California "Shine the Light": requests confirmed by an emailed link (so the answer goes only
 * to the owner of the address), answered at once from the register, once per address per
 * calendar year; the register itself, kept by the privacy officer.
 */
export class ShineService {
  constructor(private readonly services: Pick<AppServices, 'db' | 'mail' | 'config' | 'policyVersions'>) {}

  async submit(input: { name: string; email: string }, locale: Locale): Promise<void> {
    const secret = newSecret();
    await this.services.db.transaction().execute(async (trx) => {
      await store.insertRequest(trx, { ...input, locale, confirmHash: hashSecret(secret), confirmExpiresAt: new Date(Date.now() + CONFIRM_TTL_MS), policyVersion: this.services.policyVersions.current('privacy') });
      await this.services.mail.send(trx, shineConfirm, { to: input.email, locale, data: { confirmUrl: `${this.services.config.publicUrl}${localizePath(locale, `/privacy/california/confirm?token=${secret}`)}` } });
    });
  }

  async pending(token: string): Promise<store.PendingRequest | null> {
    return store.findPending(this.services.db, hashSecret(token), new Date());
  }

  /**
   * Confirms a request: a second one in the same calendar year is told when it may ask again;
   * otherwise the answer (the previous calendar year's disclosures) is stored, emailed and shown.
   */
  async confirm(token: string, now: Date = new Date()): Promise<ConfirmOutcome> {
    const request = await this.pending(token);
    if (!request) return { kind: 'invalid' };
    const year = now.getUTCFullYear();
    return this.services.db.transaction().execute(async (trx): Promise<ConfirmOutcome> => {
      if (await store.answeredIn(trx, request.email, year)) {
        if (!(await store.close(trx, request.id, 'repeat', year, null))) return { kind: 'invalid' };
        return { kind: 'repeat', nextDate: nextRequestDate(now) };
      }
      const disclosures = await store.listDisclosures(trx, year - 1);
      const answer: ShineAnswer = { year: year - 1, disclosures: disclosures.map(({ recipient, address, categories, markets }) => ({ recipient, address, categories, markets })) };
      if (!(await store.close(trx, request.id, 'answered', year, answer))) return { kind: 'invalid' };
      await this.services.mail.send(trx, shineAnswer, { to: request.email, locale: request.locale, data: { answer } });
      await recordAudit(trx, 'shine.request_answered', { type: 'shine_request', id: request.id }, { year: answer.year, disclosures: disclosures.length }, null);
      return { kind: 'answered', answer };
    });
  }

  register(): Promise<Disclosure[]> {
    return store.listDisclosures(this.services.db);
  }

  counts(year: number): Promise<{ answered: number; repeats: number }> {
    return store.countAnswered(this.services.db, year);
  }

  async addDisclosure(actor: Actor, d: Omit<Disclosure, 'id'>): Promise<void> {
    await this.services.db.transaction().execute(async (trx) => {
      const id = await store.insertDisclosure(trx, d);
      await recordAudit(trx, 'shine.disclosure_added', { type: 'marketing_disclosure', id }, { year: d.year, categories: d.categories }, actor.id);
    });
  }

  async removeDisclosure(actor: Actor, id: string): Promise<void> {
    await this.services.db.transaction().execute(async (trx) => {
      if (!(await store.deleteDisclosure(trx, id))) throw new NotFoundError();
      await recordAudit(trx, 'shine.disclosure_removed', { type: 'marketing_disclosure', id }, undefined, actor.id);
    });
  }
}
