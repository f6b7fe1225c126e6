import { z } from 'zod';
import type { AppServices } from '../../app.js';
import { recordAudit } from '../../core/audit/index.js';
import type { Actor } from '../../core/auth/index.js';
import { emailFingerprint, hashSecret, newSecret } from '../../core/auth/tokens.js';
import type { Db, Trx } from '../../core/db/index.js';
import { NotFoundError, ValidationError } from '../../core/errors.js';
import { type Locale, localizePath } from '../../core/i18n/index.js';
import { isPermanentFailure } from '../../core/mail/index.js';
import { renderMarkdown } from '../../core/markdown/index.js';
import { newsletterConfirm, newsletterIssue, newsletterManage } from './emails.js';
import { type Consent, type Editions, editionFor, type Issue, type IssueProgress, type NewsletterList, type Subscriber, type SubscriberStatus } from './model.js';
import * as store from './store.js';

/** A confirmation link works for a week; a new request sends a new one. */
const CONFIRM_TTL_MS = 7 * 24 * 3_600_000;
const PURPOSE = { unsubscribe: 'newsletter.unsubscribe', preferences: 'newsletter.preferences', open: 'newsletter.open' } as const;

const startPayload = z.object({ issueId: z.string().min(1).max(40), scheduledAt: z.string().max(40) });
const batchPayload = z.object({ issueId: z.string().min(1).max(40), from: z.number().int().min(1), to: z.number().int().min(1) });

export interface SubscribeInput {
  readonly email: string;
  readonly listIds: readonly string[];
  readonly source: string | null;
  readonly tracking: boolean;
}

export interface PreferencesInput {
  readonly listIds: readonly string[];
  readonly locale: Locale;
  readonly tracking: boolean;
}

/**
 * Newsletters: double opt-in subscriptions with a consent trail, one-click unsubscribe, a
 * suppression list, issues written by staff and sent in rate-limited batches by the job queue.
 */
export class NewsletterService {
  readonly #bodies = new Map<string, Promise<string>>();

  constructor(private readonly services: Pick<AppServices, 'db' | 'mail' | 'jobs' | 'cipher' | 'config' | 'policyVersions'>) {
    services.jobs.define({ name: 'newsletter.start', schema: startPayload, handler: (p) => this.#start(p.issueId, p.scheduledAt) });
    // Many attempts: an SMTP outage may last hours, and every retry sends only what is still queued.
    services.jobs.define({ name: 'newsletter.batch', schema: batchPayload, maxAttempts: 12, handler: (p) => this.#sendBatch(p.issueId, p.from, p.to) });
  }

  lists(): Promise<NewsletterList[]> {
    return store.listLists(this.services.db);
  }

  // Subscribers

  /**
   * Asks the owner of an address to confirm. Whatever the address's state, the visitor sees the
   * same answer; a subscribed address gets a link to its preferences instead of a new request.
   */
  async subscribe(input: SubscribeInput, locale: Locale): Promise<void> {
    const lists = await this.lists();
    const listIds = input.listIds.filter((id) => lists.some((l) => l.id === id));
    if (!listIds.length) throw new ValidationError('invalid_input', 'no such list');
    await this.services.db.transaction().execute(async (trx) => {
      const existing = await store.findSubscriberByEmail(trx, input.email);
      if (existing?.status === 'active') {
        await this.services.mail.send(trx, newsletterManage, { to: existing.email, locale: existing.locale, data: { preferencesUrl: this.#preferencesUrl(existing.id, existing.locale) } });
        return;
      }
      const id = existing?.id ?? (await store.insertSubscriber(trx, { email: input.email, emailHash: emailFingerprint(input.email), locale }));
      const secret = newSecret();
      const pending = { lists: listIds, source: input.source, policyVersion: this.#privacyVersion(), tracking: input.tracking };
      await store.requestConfirmation(trx, id, { locale, confirmHash: hashSecret(secret), expiresAt: new Date(Date.now() + CONFIRM_TTL_MS), pending, status: existing?.status ?? 'pending' });
      await store.insertConsent(trx, id, { event: 'requested', ...pending });
      const names = listIds.map((listId) => lists.find((l) => l.id === listId)!.names[locale]);
      await this.services.mail.send(trx, newsletterConfirm, { to: input.email, locale, data: { confirmUrl: this.#url(locale, `/newsletter/confirm?token=${secret}`), lists: names } });
    });
  }

  /**
   * Subscribes an address whose owner has already proved it is theirs (an account's verified
   * email, with the opt-in ticked at registration), in the caller's transaction: no second
   * confirmation email, and the same consent trail as a double opt-in (requested + confirmed,
   * with the source and the privacy-policy version in force, `policyVersion`). Unknown list ids are ignored.
   */
  static async subscribeConfirmed(trx: Trx, email: string, locale: Locale, listIds: readonly string[], source: string, policyVersion: string): Promise<void> {
    const lists = await store.listLists(trx);
    const wanted = listIds.filter((id) => lists.some((l) => l.id === id));
    if (!wanted.length) return;
    const existing = await store.findSubscriberByEmail(trx, email);
    const id = existing?.id ?? (await store.insertSubscriber(trx, { email, emailHash: emailFingerprint(email), locale }));
    const current = new Set(existing?.status === 'active' ? await store.subscriptionsOf(trx, id) : []);
    for (const listId of wanted) current.add(listId);
    const tracking = existing?.status === 'active' ? existing.tracking : false;
    const consent = { lists: [...current], tracking, source, policyVersion };
    await store.insertConsent(trx, id, { event: 'requested', ...consent });
    await store.activate(trx, id, tracking);
    await store.setSubscriptions(trx, id, [...current]);
    await store.unsuppress(trx, emailFingerprint(email));
    await store.insertConsent(trx, id, { event: 'confirmed', ...consent });
  }

  /** Whether an address receives a list now (an account's preferences page shows it). */
  static async receives(db: Db | Trx, email: string, listId: string): Promise<boolean> {
    const subscriber = await store.findSubscriberByEmail(db, email);
    return subscriber?.status === 'active' && (await store.subscriptionsOf(db, subscriber.id)).includes(listId);
  }

  /**
   * Takes an address its owner has proved off one list, in the caller's transaction (an account's
   * preferences page), with a consent record naming the privacy-policy version in force; no list
   * left is unsubscribing, suppression included.
   */
  static async leaveList(trx: Trx, email: string, listId: string, source: string, policyVersion: string): Promise<void> {
    const subscriber = await store.findSubscriberByEmail(trx, email);
    if (!subscriber || subscriber.status !== 'active') return;
    const lists = (await store.subscriptionsOf(trx, subscriber.id)).filter((id) => id !== listId);
    if (!lists.length) {
      await store.markUnsubscribed(trx, subscriber.id);
      await store.suppress(trx, emailFingerprint(subscriber.email), 'unsubscribed');
      await store.insertConsent(trx, subscriber.id, { event: 'unsubscribed', lists: [], tracking: false, source, policyVersion });
      return;
    }
    await store.setSubscriptions(trx, subscriber.id, lists);
    await store.insertConsent(trx, subscriber.id, { event: 'preferences', lists, tracking: subscriber.tracking, source, policyVersion });
  }

  /**
   * Stops every newsletter to an address at once (a member's objection to marketing, or
   * "unsubscribe from everything"): the subscription ends with a consent record and the address
   * goes on the suppression list even when it was never subscribed; the consent record names the
   * privacy-policy version in force. Returns whether a subscription ended.
   */
  static async stopAll(trx: Trx, email: string, source: string, policyVersion: string): Promise<boolean> {
    const subscriber = await store.findSubscriberByEmail(trx, email);
    await store.suppress(trx, emailFingerprint(email), 'unsubscribed');
    if (!subscriber || subscriber.status === 'unsubscribed') return false;
    await store.markUnsubscribed(trx, subscriber.id);
    await store.insertConsent(trx, subscriber.id, { event: 'unsubscribed', lists: [], tracking: false, source, policyVersion });
    return true;
  }

  /** The pending request a confirmation link belongs to, or null when it is unknown or expired. */
  async pendingConfirmation(token: string): Promise<store.SubscriberRow | null> {
    const subscriber = await store.findSubscriberByConfirmHash(this.services.db, hashSecret(token));
    if (!subscriber?.pending || !subscriber.confirmExpiresAt || subscriber.confirmExpiresAt.getTime() < Date.now()) return null;
    return subscriber;
  }

  /** Confirms a subscription: the lists asked for, the consent recorded, the address no longer suppressed. */
  async confirm(token: string): Promise<{ subscriberId: string; locale: Locale } | null> {
    const subscriber = await this.pendingConfirmation(token);
    if (!subscriber?.pending) return null;
    const pending = subscriber.pending;
    await this.services.db.transaction().execute(async (trx) => {
      const current = new Set(await store.subscriptionsOf(trx, subscriber.id));
      for (const listId of pending.lists) current.add(listId);
      await store.activate(trx, subscriber.id, pending.tracking);
      await store.setSubscriptions(trx, subscriber.id, [...current]);
      await store.unsuppress(trx, emailFingerprint(subscriber.email));
      await store.insertConsent(trx, subscriber.id, { event: 'confirmed', lists: [...current], tracking: pending.tracking, source: pending.source, policyVersion: pending.policyVersion });
    });
    return { subscriberId: subscriber.id, locale: subscriber.locale };
  }

  /** Who a signed link belongs to (unsubscribe or preferences), or null when the link was altered. */
  async subscriberFor(token: string, purpose: 'unsubscribe' | 'preferences'): Promise<store.SubscriberRow | null> {
    const id = this.services.cipher.verify(token, PURPOSE[purpose]);
    return id ? store.findSubscriber(this.services.db, id) : null;
  }

  preferencesToken(subscriberId: string): string {
    return this.services.cipher.sign(subscriberId, PURPOSE.preferences);
  }

  /** Unsubscribes from every list at once and puts the address on the suppression list. */
  async unsubscribe(token: string): Promise<boolean> {
    const subscriber = await this.subscriberFor(token, 'unsubscribe');
    if (!subscriber) return false;
    await this.#unsubscribe(subscriber);
    return true;
  }

  async #unsubscribe(subscriber: store.SubscriberRow): Promise<void> {
    if (subscriber.status === 'unsubscribed') return;
    await this.services.db.transaction().execute(async (trx) => {
      await store.markUnsubscribed(trx, subscriber.id);
      await store.suppress(trx, emailFingerprint(subscriber.email), 'unsubscribed');
      await store.insertConsent(trx, subscriber.id, { event: 'unsubscribed', lists: [], tracking: false, source: null, policyVersion: this.#privacyVersion() });
    });
  }

  async preferences(token: string): Promise<{ subscriber: store.SubscriberRow; listIds: string[] } | null> {
    const subscriber = await this.subscriberFor(token, 'preferences');
    if (!subscriber) return null;
    return { subscriber, listIds: await store.subscriptionsOf(this.services.db, subscriber.id) };
  }

  /** Saves a subscriber's choices; choosing no list at all is unsubscribing. */
  async savePreferences(token: string, input: PreferencesInput): Promise<'saved' | 'unsubscribed' | null> {
    const subscriber = await this.subscriberFor(token, 'preferences');
    if (!subscriber || subscriber.status === 'pending') return null;
    const lists = await this.lists();
    const listIds = input.listIds.filter((id) => lists.some((l) => l.id === id));
    if (!listIds.length) {
      await this.#unsubscribe(subscriber);
      return 'unsubscribed';
    }
    await this.services.db.transaction().execute(async (trx) => {
      await store.updatePreferences(trx, subscriber.id, { locale: input.locale, tracking: input.tracking });
      if (subscriber.status === 'unsubscribed') {
        // Choosing lists again from one's own preferences page is a fresh, recorded opt-in.
        await store.activate(trx, subscriber.id, input.tracking);
        await store.unsuppress(trx, emailFingerprint(subscriber.email));
      }
      await store.setSubscriptions(trx, subscriber.id, listIds);
      await store.insertConsent(trx, subscriber.id, { event: 'preferences', lists: listIds, tracking: input.tracking, source: '/newsletter/preferences', policyVersion: this.#privacyVersion() });
    });
    return 'saved';
  }

  /** A tracking pixel was loaded: counted only when the link is genuine and the reader agreed. */
  async recordOpen(token: string): Promise<void> {
    const value = this.services.cipher.verify(token, PURPOSE.open);
    const [issueId, subscriberId] = value?.split('~') ?? [];
    if (issueId && subscriberId) await store.recordOpen(this.services.db, issueId, subscriberId);
  }

  subscribers(filter: { status?: SubscriberStatus; email?: string }): Promise<Subscriber[]> {
    return store.listSubscribers(this.services.db, filter, 200);
  }

  async subscriberDetail(id: string): Promise<{ subscriber: store.SubscriberRow; listIds: string[]; consents: Consent[] }> {
    const subscriber = await store.findSubscriber(this.services.db, id);
    if (!subscriber) throw new NotFoundError();
    const [listIds, consents] = await Promise.all([store.subscriptionsOf(this.services.db, id), store.consentsOf(this.services.db, id)]);
    return { subscriber, listIds, consents };
  }

  async overview(): Promise<{ lists: NewsletterList[]; active: Map<string, number>; suppressed: number; issues: Issue[] }> {
    const db = this.services.db;
    const [lists, active, suppressed, issues] = await Promise.all([this.lists(), store.countActiveByList(db), store.countSuppressed(db), store.listIssues(db)]);
    return { lists, active, suppressed, issues };
  }

  // Issues

  async issue(id: string): Promise<{ issue: Issue; progress: IssueProgress }> {
    const issue = await store.findIssue(this.services.db, id);
    if (!issue) throw new NotFoundError();
    return { issue, progress: await store.progressOf(this.services.db, id) };
  }

  /** A sent issue for the public archive; drafts and scheduled issues are not public. */
  async archived(id: string): Promise<Issue> {
    const issue = await store.findIssue(this.services.db, id);
    if (!issue || issue.status !== 'sent') throw new NotFoundError();
    return issue;
  }

  archive(): Promise<Issue[]> {
    return store.listSentIssues(this.services.db);
  }

  async createIssue(actor: Actor, input: { listId: string; editions: Editions }): Promise<string> {
    await this.#requireList(input.listId);
    return this.services.db.transaction().execute(async (trx) => {
      const id = await store.insertIssue(trx, { ...input, createdBy: actor.id });
      await recordAudit(trx, 'newsletter.issue_saved', { type: 'newsletter_issue', id }, { created: true }, actor.id);
      return id;
    });
  }

  async updateIssue(actor: Actor, id: string, input: { listId: string; editions: Editions }): Promise<void> {
    const issue = await this.#requireIssue(id);
    if (issue.status !== 'draft') throw new ValidationError('invalid_state', 'only drafts can be edited');
    await this.#requireList(input.listId);
    await this.services.db.transaction().execute(async (trx) => {
      await store.updateIssueContent(trx, id, input);
      await recordAudit(trx, 'newsletter.issue_saved', { type: 'newsletter_issue', id }, undefined, actor.id);
    });
  }

  /** Sends the issue, in every written language, to one address (the staff member's own). */
  async sendTest(actor: Actor, id: string): Promise<void> {
    const issue = await this.#requireIssue(id);
    const list = await this.#requireList(issue.listId);
    const locales = (Object.keys(issue.editions) as Locale[]).filter((l) => issue.editions[l as 'es']);
    await this.services.db.transaction().execute(async (trx) => {
      for (const locale of locales) {
        const edition = editionFor(issue.editions, locale);
        const preferencesUrl = this.#url(locale, '/newsletter/preferences');
        await this.services.mail.send(trx, newsletterIssue, {
          to: actor.email,
          locale,
          data: { subject: `[TEST] ${edition.subject}`, html: await this.renderBody(issue, locale), text: edition.body, listName: list.names[locale], webUrl: this.#url(locale, '/newsletter'), preferencesUrl },
          unsubscribeUrl: preferencesUrl,
        });
      }
      await recordAudit(trx, 'newsletter.test_sent', { type: 'newsletter_issue', id }, { locales }, actor.id);
    });
  }

  /** Schedules a draft for `at` (now when in the past); the start job takes the recipient snapshot then. */
  async schedule(actor: Actor, id: string, at: Date): Promise<void> {
    await this.#requireIssue(id);
    const when = at.getTime() < Date.now() ? new Date() : at;
    await this.services.db.transaction().execute(async (trx) => {
      if (!(await store.transitionIssue(trx, id, 'draft', 'scheduled', { scheduledAt: when }))) throw new ValidationError('invalid_state', 'only drafts can be scheduled');
      await this.services.jobs.enqueue(trx, 'newsletter.start', { issueId: id, scheduledAt: when.toISOString() }, { runAt: when });
      await recordAudit(trx, 'newsletter.issue_scheduled', { type: 'newsletter_issue', id }, { at: when.toISOString() }, actor.id);
    });
  }

  /** Takes a scheduled issue back to draft; its start job then finds nothing to do. */
  async cancel(actor: Actor, id: string): Promise<void> {
    await this.#requireIssue(id);
    await this.services.db.transaction().execute(async (trx) => {
      if (!(await store.transitionIssue(trx, id, 'scheduled', 'draft', { scheduledAt: null }))) throw new ValidationError('invalid_state', 'only scheduled issues can be cancelled');
      await recordAudit(trx, 'newsletter.issue_cancelled', { type: 'newsletter_issue', id }, undefined, actor.id);
    });
  }

  /** The issue's body in one language as HTML, rendered once per version of the issue. */
  renderBody(issue: Issue, locale: Locale): Promise<string> {
    const key = `${issue.id}:${issue.updatedAt.getTime()}:${locale}`;
    let html = this.#bodies.get(key);
    if (!html) {
      if (this.#bodies.size > 50) this.#bodies.clear();
      html = renderMarkdown(editionFor(issue.editions, locale).body, { siteOrigin: this.services.config.publicUrl });
      this.#bodies.set(key, html);
    }
    return html;
  }

  previewHtml(markdown: string): Promise<string> {
    return renderMarkdown(markdown, { siteOrigin: this.services.config.publicUrl });
  }

  /**
   * The start job: takes the recipient snapshot and queues one batch job per range of it,
   * spaced so the whole send stays under the configured rate. A job left over from an earlier
   * schedule (the issue was cancelled and scheduled again) finds another time and stops.
   */
  async #start(issueId: string, scheduledAt: string): Promise<void> {
    const { batchSize, ratePerMinute } = this.services.config.newsletter;
    await this.services.db.transaction().execute(async (trx) => {
      const issue = await store.findIssue(trx, issueId);
      if (!issue || issue.status !== 'scheduled' || issue.scheduledAt?.toISOString() !== scheduledAt) return;
      const startedAt = new Date();
      const recipients = await store.snapshotRecipients(trx, issueId, issue.listId);
      if (!(await store.transitionIssue(trx, issueId, 'scheduled', recipients ? 'sending' : 'sent', { startedAt, recipients, ...(recipients ? {} : { finishedAt: startedAt }) }))) return;
      const spacingMs = (batchSize / ratePerMinute) * 60_000;
      for (let from = 1, n = 0; from <= recipients; from += batchSize, n += 1) {
        await this.services.jobs.enqueue(trx, 'newsletter.batch', { issueId, from, to: from + batchSize - 1 }, { runAt: new Date(startedAt.getTime() + n * spacingMs) });
      }
    });
  }

  /**
   * One batch: renders each recipient's copy (their language, their own unsubscribe link, a
   * pixel only if they agreed to open tracking) and hands it to SMTP. Refused addresses are
   * marked failed; an outage leaves the rest queued and the job retries them later.
   */
  async #sendBatch(issueId: string, from: number, to: number): Promise<void> {
    const db = this.services.db;
    const issue = await store.findIssue(db, issueId);
    if (!issue || issue.status !== 'sending') return;
    const list = await this.#requireList(issue.listId);
    const recipients = await store.batchRecipients(db, issueId, from, to);
    // Unsubscribed since the snapshot: skipped, never sent.
    await store.markDeliveries(db, issueId, recipients.filter((r) => !r.active).map((r) => r.subscriberId), 'skipped');
    const sent: string[] = [];
    const refused: { id: string; error: string }[] = [];
    let outage: unknown = null;
    await Promise.all(
      recipients
        .filter((r) => r.active)
        .map(async (r) => {
          const edition = editionFor(issue.editions, r.locale);
          const message = this.services.mail.render(newsletterIssue, {
            to: r.email,
            locale: r.locale,
            data: {
              subject: edition.subject,
              html: await this.renderBody(issue, r.locale),
              text: edition.body,
              listName: list.names[r.locale],
              webUrl: this.#url(r.locale, `/newsletter/issues/${issue.id}`),
              preferencesUrl: this.#preferencesUrl(r.subscriberId, r.locale),
              ...(r.tracking ? { pixelUrl: `${this.services.config.publicUrl}/newsletter/open/${this.services.cipher.sign(`${issue.id}~${r.subscriberId}`, PURPOSE.open)}.gif` } : {}),
            },
            unsubscribeUrl: this.#url(r.locale, `/newsletter/unsubscribe?token=${this.services.cipher.sign(r.subscriberId, PURPOSE.unsubscribe)}`),
          });
          try {
            await this.services.mail.deliverNow(message);
            sent.push(r.subscriberId);
          } catch (error) {
            if (isPermanentFailure(error)) refused.push({ id: r.subscriberId, error: error instanceof Error ? error.message.slice(0, 500) : String(error) });
            else outage ??= error;
          }
        }),
    );
    await store.markDeliveries(db, issueId, sent, 'sent');
    for (const { id, error } of refused) await store.markDeliveries(db, issueId, [id], 'failed', error);
    if (outage) throw outage;
    if ((await store.countQueued(db, issueId)) === 0) await store.transitionIssue(db, issueId, 'sending', 'sent', { finishedAt: new Date() });
  }

  /** The privacy policy in force, which every consent record keeps. */
  #privacyVersion(): string {
    return this.services.policyVersions.current('privacy');
  }

  #url(locale: Locale, path: string): string {
    return `${this.services.config.publicUrl}${localizePath(locale, path)}`;
  }

  #preferencesUrl(subscriberId: string, locale: Locale): string {
    return this.#url(locale, `/newsletter/preferences?token=${this.preferencesToken(subscriberId)}`);
  }

  async #requireIssue(id: string): Promise<Issue> {
    const issue = await store.findIssue(this.services.db, id);
    if (!issue) throw new NotFoundError();
    return issue;
  }

  async #requireList(id: string): Promise<NewsletterList> {
    const list = (await this.lists()).find((l) => l.id === id);
    if (!list) throw new ValidationError('invalid_input', 'no such list');
    return list;
  }
}

