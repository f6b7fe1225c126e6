import type { AppServices } from '../../app.js';
import { AUDIT_ACTIONS, recordAudit } from '../../core/audit/index.js';
import { type Actor, ROLES, type Role, createStaffInvite } from '../../core/auth/index.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../core/errors.js';
import { erasePerson } from '../../core/privacy/erasure.js';
import { resolveSubject } from '../../core/privacy/subject.js';
import { type AuditEntry, type AuditFilter, type MinorReason, type Person, AUDIT_PAGE_SIZE, PEOPLE_PAGE_SIZE } from './model.js';
import * as store from './store.js';

export const ERASE_MINOR_JOB = 'people.erase_minor';

type Services = Pick<AppServices, 'db' | 'jobs' | 'mail' | 'storage'>;

/** Rows of an audit export: enough for any real investigation, bounded so one click cannot exhaust memory. */
export const AUDIT_EXPORT_MAX = 50_000;

/**
 * People and roles, minors' accounts, and the audit log. Every change is audited in its own
 * transaction; a change to someone's roles or access signs them out everywhere, so the new
 * rights apply from their next request and not at their next sign-in.
 */
export class StaffService {
  constructor(private readonly services: Services) {}

  listPeople(q: string | undefined, page: number): Promise<{ people: Person[]; total: number }> {
    return store.listPeople(this.services.db, q, PEOPLE_PAGE_SIZE, (page - 1) * PEOPLE_PAGE_SIZE);
  }

  async person(id: string): Promise<Person> {
    const person = await store.findPerson(this.services.db, id);
    if (!person) throw new NotFoundError();
    return person;
  }

  findByEmail(email: string): Promise<Person | null> {
    return store.findPersonByEmail(this.services.db, email);
  }

  /**
   * Sets a person's roles. Refused on oneself (nobody raises or lowers their own rights) and
   * when it would leave the site without an enabled admin. Audited with the roles before and
   * after; the person's sessions end.
   */
  async setRoles(actor: Actor, userId: string, roles: readonly Role[]): Promise<{ changed: boolean }> {
    if (actor.id === userId) throw new ForbiddenError();
    const wanted = ROLES.filter((r) => roles.includes(r));
    return this.services.db.transaction().execute(async (trx) => {
      const person = await store.findPerson(trx, userId);
      if (!person) throw new NotFoundError();
      const before = ROLES.filter((r) => person.roles.includes(r));
      if (before.join() === wanted.join()) return { changed: false };
      if (before.includes('admin') && !wanted.includes('admin') && !person.disabledAt && (await store.countActiveAdmins(trx)) <= 1) {
        throw new ValidationError('last_admin', 'the last admin keeps the role');
      }
      await store.replaceRoles(trx, userId, wanted, actor.id);
      await store.deleteSessionsOf(trx, userId);
      await recordAudit(trx, 'people.roles_changed', { type: 'user', id: userId }, { before, after: wanted }, actor.id);
      return { changed: true };
    });
  }

  /** Disables or re-enables an account; disabling ends its sessions. Never oneself, never the last admin. */
  async setDisabled(actor: Actor, userId: string, disabled: boolean): Promise<void> {
    if (actor.id === userId) throw new ForbiddenError();
    await this.services.db.transaction().execute(async (trx) => {
      const person = await store.findPerson(trx, userId);
      if (!person) throw new NotFoundError();
      if (Boolean(person.disabledAt) === disabled) return;
      if (disabled && person.roles.includes('admin') && (await store.countActiveAdmins(trx)) <= 1) {
        throw new ValidationError('last_admin', 'the last admin stays enabled');
      }
      await store.setDisabled(trx, userId, disabled);
      if (disabled) await store.deleteSessionsOf(trx, userId);
      await recordAudit(trx, disabled ? 'people.disabled' : 'people.enabled', { type: 'user', id: userId }, undefined, actor.id);
    });
  }

  /** A one-time set-up link for new staff (the token is shown once and stored only hashed). */
  async invite(actor: Actor, roles: readonly Role[], email: string | null): Promise<string> {
    return this.services.db.transaction().execute(async (trx) => {
      const token = await createStaffInvite(trx, roles, email);
      await recordAudit(trx, 'people.invited', null, { roles: [...roles] }, actor.id);
      return token;
    });
  }

  /**
   * Marks an account as a minor's: it is disabled and signed out at once, and a job erases its
   * personal data. The audit event names the account and the reason code, nothing else.
   */
  async markMinor(actor: Actor, userId: string, reason: MinorReason): Promise<void> {
    if (actor.id === userId) throw new ForbiddenError();
    await this.services.db.transaction().execute(async (trx) => {
      const person = await store.findPerson(trx, userId);
      if (!person) throw new NotFoundError();
      if (person.roles.includes('admin') && !person.disabledAt && (await store.countActiveAdmins(trx)) <= 1) {
        throw new ValidationError('last_admin', 'the last admin cannot be erased');
      }
      if (!person.disabledAt) await store.setDisabled(trx, userId, true);
      await store.deleteSessionsOf(trx, userId);
      await recordAudit(trx, 'people.minor_marked', { type: 'user', id: userId }, { reason }, actor.id);
      await this.services.jobs.enqueue(trx, ERASE_MINOR_JOB, { userId, actorId: actor.id });
    });
  }

  /**
   * The erasure job: the same registry-driven erasure as a deletion request (core/privacy/
   * erasure.ts): the account and everything held under it or its address (contact messages,
   * consultation requests and their photos, the newsletter subscription, emails, set-up links,
   * sessions) goes; what the person wrote elsewhere stays with its author removed. The audit
   * event records the account id and how many records went, never what they held.
   * Running it again after success finds no account and does nothing.
   */
  async eraseMinor(userId: string, actorId: string | null): Promise<void> {
    const subject = await resolveSubject(this.services.db, { userId });
    if (!subject.userIds.length) return;
    await erasePerson(this.services.db, this.services.storage, subject, { action: 'people.minor_erased', target: { type: 'user', id: userId }, actorId });
  }

  // The audit log

  async auditPage(filter: AuditFilter, page: number): Promise<{ events: AuditEntry[]; total: number; actions: readonly string[] }> {
    const [events, total] = await Promise.all([
      store.listAuditEvents(this.services.db, filter, AUDIT_PAGE_SIZE, (page - 1) * AUDIT_PAGE_SIZE),
      store.countAuditEvents(this.services.db, filter),
    ]);
    return { events, total, actions: AUDIT_ACTIONS };
  }

  /**
   * The filtered events as CSV, newest first. The export is itself audited (with the filter and
   * the number of rows): a copy of the log leaving the building is an event worth knowing.
   */
  async exportAudit(actor: Actor, filter: AuditFilter): Promise<string> {
    const events: AuditEntry[] = [];
    for (let offset = 0; offset < AUDIT_EXPORT_MAX; offset += 1000) {
      const batch = await store.listAuditEvents(this.services.db, filter, Math.min(1000, AUDIT_EXPORT_MAX - offset), offset);
      events.push(...batch);
      if (batch.length < 1000) break;
    }
    await this.services.db.transaction().execute((trx) =>
      recordAudit(trx, 'audit.exported', null, { filter: Object.fromEntries(Object.entries(filter).filter(([, v]) => v)), rows: events.length }, actor.id),
    );
    return toCsv(
      ['time', 'actor_id', 'actor_name', 'action', 'target_type', 'target_id', 'request_id', 'ip', 'change'],
      events.map((e) => [e.at.toISOString(), e.actorId, e.actorName, e.action, e.targetType, e.targetId, e.requestId, e.ip, e.change === null ? null : JSON.stringify(e.change)]),
    );
  }
}

/**
 * One CSV cell (RFC 4180). A cell that a spreadsheet would run as a formula (it starts with
 * = + - @, a tab or a carriage return) gets a leading apostrophe, so opening an export in
 * Excel or LibreOffice cannot execute anything a person typed into the site.
 */
export function csvCell(value: string | null): string {
  if (value === null) return '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | null)[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
