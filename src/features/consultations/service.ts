import type { AppServices } from '../../app.js';
import { recordAudit } from '../../core/audit/index.js';
import { type Actor, type Role, can, listUsersWithRoles, permissionTable } from '../../core/auth/index.js';
import { newId } from '../../core/db/ids.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../core/errors.js';
import { type Locale, isLocale } from '../../core/i18n/index.js';
import { sanitizePhoto } from '../../core/media/images.js';
import { readObject } from '../../core/media/storage.js';
import type { GuideSummary } from '../procedures/model.js';
import { guideService } from '../procedures/index.js';
import type { GuideService } from '../procedures/service.js';
import { consultationConfirmation, consultationStaffNotice } from './emails.js';
import type { ConsultationDetail, ConsultationInput, ConsultationNote, ConsultationStatus, ConsultationSummary, PhotoMeta } from './model.js';
import * as store from './store.js';

const MANAGE = 'consultation.manage';
const TARGET = 'consultation_request';

/**
 * Where each sealed value belongs. The cipher binds a ciphertext to this text, so a value
 * copied into another row, column or file fails to open instead of being shown as another's.
 */
export const sealedAt = {
  message: (id: string) => `consultation_requests.message:${id}`,
  photo: (id: string) => `consultation_requests.photo:${id}`,
  note: (id: string) => `consultation_notes.body:${id}`,
};

/** Sealed photos carry a private extension: the public /media route serves only web images. */
export const photoKeyOf = (id: string): string => `${id}-photo.enc`;

type Services = Pick<AppServices, 'db' | 'mail' | 'cipher' | 'storage' | 'config' | 'pageCache' | 'policyVersions'>;

/**
 * Consultation requests: a public form, an inbox for the staff the policy allows. The message,
 * the photo and staff notes are medical information: sealed here before they reach the store
 * or storage, opened here only for an allowed actor, and every opening is audited.
 */
export class ConsultationService {
  readonly #guides: GuideService;

  constructor(private readonly services: Services) {
    this.#guides = guideService(services);
  }

  /** The guides a visitor can ask about, in their language. */
  procedures(locale: Locale): Promise<GuideSummary[]> {
    return this.#guides.listPublished(locale);
  }

  /** Guide titles by slug for the back office, in `locale` where a translation exists. */
  async procedureTitles(locale: Locale): Promise<Map<string, string>> {
    const titles = new Map<string, string>();
    for (const g of await this.#guides.listAllPublished()) if (g.locale === locale || !titles.has(g.slug)) titles.set(g.slug, g.title);
    return titles;
  }

  /** The roles that may handle requests, read from the permission table (admin holds all). */
  #handlerRoles(): Role[] {
    const grant = permissionTable().get(MANAGE);
    return ['admin', ...(Array.isArray(grant) ? (grant as readonly Role[]) : [])];
  }

  /**
   * Stores a request: validates the procedures and the photo, seals the message and photo
   * with the row's id, writes the photo's ciphertext to storage, then in one transaction
   * inserts the row, queues the confirmation and the staff notifications, and audits the
   * receipt (without any of its content). Throws ValidationError with `details.fields`.
   */
  async submit(input: ConsultationInput, photo: Buffer | undefined, locale: Locale): Promise<string> {
    const published = new Set((await this.#guides.listAllPublished()).map((g) => g.slug));
    if (input.procedures.some((slug) => !published.has(slug))) {
      throw new ValidationError('invalid_input', 'unknown procedure', { fields: { procedures: 'procedure_unknown' } });
    }
    let clean: Awaited<ReturnType<typeof sanitizePhoto>> | undefined;
    if (photo) {
      try {
        clean = await sanitizePhoto(photo);
      } catch (e) {
        if (e instanceof ValidationError) throw new ValidationError(e.code, e.message, { fields: { photo: e.code === 'image_too_large' ? 'photo_too_large' : 'photo_invalid' } });
        throw e;
      }
    }

    const { cipher, storage, db, mail } = this.services;
    const id = newId();
    const messageSealed = cipher.encrypt(input.message, sealedAt.message(id));
    let photoKey: string | null = null;
    let photoMeta: PhotoMeta | null = null;
    if (clean) {
      photoKey = photoKeyOf(id);
      photoMeta = { mime: clean.mime, width: clean.width, height: clean.height, bytes: clean.body.length };
      // Bytes before the row, so a row never points at a missing file.
      await storage.put(photoKey, Buffer.from(cipher.encrypt(clean.body, sealedAt.photo(id)), 'utf8'));
    }
    try {
      const staff = await listUsersWithRoles(db, this.#handlerRoles());
      await db.transaction().execute(async (trx) => {
        await store.insertRequest(trx, { id, ...input, messageSealed, photoKey, photoMeta, locale, policyVersion: this.services.policyVersions.current('privacy') });
        await mail.send(trx, consultationConfirmation, { to: input.email, locale, data: { name: input.name } });
        for (const s of staff) {
          await mail.send(trx, consultationStaffNotice, { to: s.email, locale: isLocale(s.locale) ? s.locale : 'en', data: { requestId: id } });
        }
        await recordAudit(trx, 'consultation.received', { type: TARGET, id }, { photo: photoKey !== null });
      });
    } catch (e) {
      if (photoKey) await storage.remove(photoKey).catch(() => undefined);
      throw e;
    }
    return id;
  }

  list(actor: Actor, status: ConsultationStatus | 'all'): Promise<ConsultationSummary[]> {
    this.#authorize(actor);
    return store.listRequests(this.services.db, status);
  }

  counts(actor: Actor): Promise<Record<ConsultationStatus, number>> {
    this.#authorize(actor);
    return store.countByStatus(this.services.db);
  }

  /** Opens a request for an allowed staff member; the view is audited in its own transaction. */
  async open(actor: Actor, id: string): Promise<{ request: ConsultationDetail; notes: ConsultationNote[]; staff: { id: string; name: string }[] }> {
    this.#authorize(actor);
    const { db, cipher } = this.services;
    const sealed = await store.findSealed(db, id);
    if (!sealed) throw new NotFoundError();
    const [sealedNotes, staff] = await Promise.all([store.listSealedNotes(db, id), this.handlers()]);
    const { messageSealed, photoKey: _key, photoMeta, ...summary } = sealed;
    const request: ConsultationDetail = { ...summary, message: cipher.decryptText(messageSealed, sealedAt.message(id)), photo: photoMeta };
    const notes = sealedNotes.map((n) => ({ id: n.id, authorName: n.authorName, createdAt: n.createdAt, body: cipher.decryptText(n.bodySealed, sealedAt.note(n.id)) }));
    await db.transaction().execute((trx) => recordAudit(trx, 'consultation.viewed', { type: TARGET, id }, undefined, actor.id));
    return { request, notes, staff };
  }

  /** The request's photo, decrypted for an allowed staff member; audited. */
  async photo(actor: Actor, id: string): Promise<{ body: Buffer; mime: string }> {
    this.#authorize(actor);
    const { db, cipher, storage } = this.services;
    const sealed = await store.findSealed(db, id);
    if (!sealed?.photoKey || !sealed.photoMeta) throw new NotFoundError();
    const file = await readObject(storage, sealed.photoKey);
    if (!file) throw new NotFoundError();
    const body = cipher.decrypt(file.toString('utf8'), sealedAt.photo(id));
    await db.transaction().execute((trx) => recordAudit(trx, 'consultation.photo_viewed', { type: TARGET, id }, undefined, actor.id));
    return { body, mime: sealed.photoMeta.mime };
  }

  /** Staff who may be assigned a request: the same people the policy lets handle them. */
  handlers(): Promise<{ id: string; name: string }[]> {
    return listUsersWithRoles(this.services.db, this.#handlerRoles()).then((rows) => rows.map((r) => ({ id: r.id, name: r.name })));
  }

  async setStatus(actor: Actor, id: string, status: ConsultationStatus): Promise<void> {
    await this.#require(actor, id);
    await this.services.db.transaction().execute(async (trx) => {
      await store.updateRequest(trx, id, { status });
      await recordAudit(trx, 'consultation.updated', { type: TARGET, id }, { status }, actor.id);
    });
  }

  async assign(actor: Actor, id: string, assignee: string | null): Promise<void> {
    await this.#require(actor, id);
    if (assignee && !(await this.handlers()).some((s) => s.id === assignee)) throw new ValidationError('invalid_input', 'not someone who handles consultations');
    await this.services.db.transaction().execute(async (trx) => {
      await store.updateRequest(trx, id, { assignedTo: assignee });
      await recordAudit(trx, 'consultation.updated', { type: TARGET, id }, { assignedTo: assignee }, actor.id);
    });
  }

  /** An internal note, sealed like the message: staff write about the person's health too. */
  async addNote(actor: Actor, id: string, body: string): Promise<void> {
    await this.#require(actor, id);
    const noteId = newId();
    const bodySealed = this.services.cipher.encrypt(body, sealedAt.note(noteId));
    await this.services.db.transaction().execute(async (trx) => {
      await store.insertNote(trx, { id: noteId, requestId: id, authorId: actor.id, bodySealed });
      await recordAudit(trx, 'consultation.noted', { type: TARGET, id }, undefined, actor.id);
    });
  }

  // The routes check the policy too; the service checks again so no other caller can skip it.
  #authorize(actor: Actor): void {
    if (!can(actor, MANAGE)) throw new ForbiddenError();
  }

  async #require(actor: Actor, id: string): Promise<ConsultationSummary> {
    this.#authorize(actor);
    const found = await store.findSummary(this.services.db, id);
    if (!found) throw new NotFoundError();
    return found;
  }
}

