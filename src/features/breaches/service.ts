import type { AppServices } from '../../app.js';
import { recordAudit } from '../../core/audit/index.js';
import type { Actor } from '../../core/auth/index.js';
import { NotFoundError, ValidationError } from '../../core/errors.js';
import { isLocale } from '../../core/i18n/index.js';
import * as people from '../staff/store.js';
import { breachNotice } from './emails.js';
import type { Incident, Recipient } from './model.js';
import * as store from './store.js';

export const NOTIFY_JOB = 'breaches.notify';
const BATCH = 100;
const BANNER_CACHE_MS = 30_000;

/**
 * Breach notification: the incident record, the people affected (chosen one by one or
 * everyone), the notices (queued emails in each person's language, sent by a job in batches),
 * and the site notice. Every step is audited; the record is kept.
 */
export class BreachService {
  #banners: Incident[] = [];
  #loadedAt = 0;

  constructor(private readonly services: Pick<AppServices, 'db' | 'mail' | 'jobs' | 'pageCache'>) {}

  list(): Promise<Incident[]> {
    return store.listIncidents(this.services.db);
  }

  async get(id: string): Promise<{ incident: Incident; recipients: Recipient[] }> {
    const incident = await store.findIncident(this.services.db, id);
    if (!incident) throw new NotFoundError();
    return { incident, recipients: await store.listRecipients(this.services.db, id) };
  }

  async record(actor: Actor, input: store.IncidentInput): Promise<string> {
    return this.services.db.transaction().execute(async (trx) => {
      const id = await store.insertIncident(trx, input, actor.id);
      await recordAudit(trx, 'breach.recorded', { type: 'breach_incident', id }, { categories: input.categories, scope: input.scope, discoveredAt: input.discoveredAt.toISOString() }, actor.id);
      return id;
    });
  }

  search(q: string) {
    return people.listPeople(this.services.db, q, 20, 0);
  }

  async changeRecipient(actor: Actor, id: string, userId: string, add: boolean): Promise<void> {
    await this.#require(id);
    await this.services.db.transaction().execute(async (trx) => {
      if (add && !(await people.findPerson(trx, userId))) throw new ValidationError('unknown_person', 'no such account');
      const changed = add ? await store.addRecipient(trx, id, userId) : await store.removeRecipient(trx, id, userId);
      if (changed) await recordAudit(trx, 'breach.recipients_changed', { type: 'breach_incident', id }, { added: add ? 1 : 0, removed: add ? 0 : 1 }, actor.id);
    });
  }

  /** Queues the notices: everyone (for an incident about all accounts) or the people chosen. */
  async notify(actor: Actor, id: string): Promise<number> {
    const incident = await this.#require(id);
    return this.services.db.transaction().execute(async (trx) => {
      if (incident.scope === 'all') await store.addEveryone(trx, id);
      const count = await store.countRecipients(trx, id);
      if (!count) throw new ValidationError('no_recipients', 'nobody to notify');
      await store.markNoticesSent(trx, id);
      await this.services.jobs.enqueue(trx, NOTIFY_JOB, { incidentId: id });
      await recordAudit(trx, 'breach.notices_sent', { type: 'breach_incident', id }, { recipients: count }, actor.id);
      return count;
    });
  }

  /** The job: one batch of notices per run, then the next batch as a new job (safe to run twice). */
  async sendBatch(incidentId: string): Promise<number> {
    const incident = await store.findIncident(this.services.db, incidentId);
    if (!incident) return 0;
    return this.services.db.transaction().execute(async (trx) => {
      const batch = await store.pendingRecipients(trx, incidentId, BATCH);
      for (const r of batch) {
        if (!(await store.markNotified(trx, r.id))) continue;
        await this.services.mail.send(trx, breachNotice, {
          to: r.email,
          locale: isLocale(r.locale) ? r.locale : 'en',
          data: {
            description: incident.description,
            actions: incident.actions,
            advice: incident.advice,
            categories: incident.categories,
            occurredAt: incident.occurredAt?.toISOString() ?? null,
            discoveredAt: incident.discoveredAt.toISOString(),
          },
        });
      }
      if (batch.length === BATCH) await this.services.jobs.enqueue(trx, NOTIFY_JOB, { incidentId });
      return batch.length;
    });
  }

  async banner(actor: Actor, id: string, shown: boolean): Promise<void> {
    await this.#require(id);
    await this.services.db.transaction().execute(async (trx) => {
      await store.setBanner(trx, id, shown);
      await recordAudit(trx, shown ? 'breach.notice_published' : 'breach.notice_withdrawn', { type: 'breach_incident', id }, undefined, actor.id);
    });
    await this.reloadBanners();
    this.services.pageCache.clear();
  }

  async reloadBanners(): Promise<void> {
    this.#banners = await store.listBanners(this.services.db);
    this.#loadedAt = Date.now();
  }

  async refreshBanners(): Promise<void> {
    if (Date.now() - this.#loadedAt >= BANNER_CACHE_MS) await this.reloadBanners();
  }

  /** The incidents whose site notice is up (from memory, refreshed every 30 seconds). */
  banners(): readonly Incident[] {
    return this.#banners;
  }

  async #require(id: string): Promise<Incident> {
    const incident = await store.findIncident(this.services.db, id);
    if (!incident) throw new NotFoundError();
    return incident;
  }
}
