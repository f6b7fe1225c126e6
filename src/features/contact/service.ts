import type { AppServices } from '../../app.js';
import { recordAudit } from '../../core/audit/index.js';
import { type Actor, STAFF_ROLES, listUsersWithRoles } from '../../core/auth/index.js';
import { NotFoundError, ValidationError } from '../../core/errors.js';
import type { Locale } from '../../core/i18n/index.js';
import { contactAcknowledgement, contactReply } from './emails.js';
import type { ContactEntry, ContactMessage, ContactStatus, ContactTopic } from './model.js';
import * as store from './store.js';

/** Contact Us: messages from anyone, an inbox for staff, replies by email. */
export class ContactService {
  constructor(private readonly services: Pick<AppServices, 'db' | 'mail' | 'policyVersions'>) {}

  /**
   * Stores a message, queues the acknowledgement to its sender and records the receipt, all
   * in one transaction. The audit record names the message, never its content.
   */
  async submit(input: { name: string; email: string; topic: ContactTopic; message: string }, locale: Locale): Promise<string> {
    return this.services.db.transaction().execute(async (trx) => {
      const id = await store.insertMessage(trx, { ...input, locale, policyVersion: this.services.policyVersions.current('privacy') });
      await this.services.mail.send(trx, contactAcknowledgement, { to: input.email, locale, data: { name: input.name } });
      await recordAudit(trx, 'contact.received', { type: 'contact_message', id }, { topic: input.topic });
      return id;
    });
  }

  list(status: ContactStatus | 'all'): Promise<ContactMessage[]> {
    return store.listMessages(this.services.db, status);
  }

  counts(): Promise<Record<ContactStatus, number>> {
    return store.countByStatus(this.services.db);
  }

  async get(id: string): Promise<{ message: ContactMessage; entries: ContactEntry[]; staff: { id: string; name: string }[] }> {
    const message = await store.findMessage(this.services.db, id);
    if (!message) throw new NotFoundError();
    const [entries, staff] = await Promise.all([store.listEntries(this.services.db, id), listUsersWithRoles(this.services.db, STAFF_ROLES)]);
    return { message, entries, staff };
  }

  async setStatus(actor: Actor, id: string, status: ContactStatus): Promise<void> {
    await this.require(id);
    await this.services.db.transaction().execute(async (trx) => {
      await store.updateMessage(trx, id, { status });
      await recordAudit(trx, 'contact.updated', { type: 'contact_message', id }, { status }, actor.id);
    });
  }

  async assign(actor: Actor, id: string, assignee: string | null): Promise<void> {
    await this.require(id);
    if (assignee) {
      const staff = await listUsersWithRoles(this.services.db, STAFF_ROLES);
      if (!staff.some((s) => s.id === assignee)) throw new ValidationError('invalid_input', 'not a staff member');
    }
    await this.services.db.transaction().execute(async (trx) => {
      await store.updateMessage(trx, id, { assignedTo: assignee, ...(assignee ? { status: 'open' as const } : {}) });
      await recordAudit(trx, 'contact.updated', { type: 'contact_message', id }, { assignedTo: assignee }, actor.id);
    });
  }

  async addNote(actor: Actor, id: string, body: string): Promise<void> {
    await this.require(id);
    await this.services.db.transaction().execute(async (trx) => {
      await store.insertEntry(trx, { messageId: id, kind: 'note', authorId: actor.id, body });
      await recordAudit(trx, 'contact.noted', { type: 'contact_message', id }, undefined, actor.id);
    });
  }

  /** Emails a reply to the sender (in the language they wrote in) and keeps it on the thread. */
  async reply(actor: Actor, id: string, body: string): Promise<void> {
    const message = await this.require(id);
    await this.services.db.transaction().execute(async (trx) => {
      await store.insertEntry(trx, { messageId: id, kind: 'reply', authorId: actor.id, body });
      await this.services.mail.send(trx, contactReply, { to: message.email, locale: message.locale, data: { name: message.name, body, staffName: actor.name } });
      await store.updateMessage(trx, id, { status: message.status === 'new' ? 'open' : message.status });
      await recordAudit(trx, 'contact.replied', { type: 'contact_message', id }, undefined, actor.id);
    });
  }

  private async require(id: string): Promise<ContactMessage> {
    const message = await store.findMessage(this.services.db, id);
    if (!message) throw new NotFoundError();
    return message;
  }
}

