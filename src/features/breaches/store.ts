import '../../core/auth/tables.js';
import type { Db, Trx } from '../../core/db/index.js';
import { newId } from '../../core/db/ids.js';
import { nowIso, readJson, readTime, readTimeOrNull } from '../../core/db/portable.js';
import { BREACH_CATEGORIES, type BreachCategory, type Incident, type Recipient } from './model.js';
import './tables.js';

type Conn = Db | Trx;

type Row = {
  id: string; title: string; description_en: string; description_es: string; actions_en: string; actions_es: string; advice_en: string; advice_es: string;
  categories: unknown; scope: string; occurred_at: unknown; discovered_at: unknown; notices_sent_at: unknown; banner_published_at: unknown; banner_withdrawn_at: unknown; created_at: unknown;
};

function toIncident(r: Row): Incident {
  return {
    id: r.id,
    title: r.title,
    description: { en: r.description_en, es: r.description_es },
    actions: { en: r.actions_en, es: r.actions_es },
    advice: { en: r.advice_en, es: r.advice_es },
    categories: readJson<string[]>(r.categories).filter((c): c is BreachCategory => (BREACH_CATEGORIES as readonly string[]).includes(c)),
    scope: r.scope === 'all' ? 'all' : 'selected',
    occurredAt: readTimeOrNull(r.occurred_at),
    discoveredAt: readTime(r.discovered_at),
    noticesSentAt: readTimeOrNull(r.notices_sent_at),
    bannerPublishedAt: readTimeOrNull(r.banner_published_at),
    bannerWithdrawnAt: readTimeOrNull(r.banner_withdrawn_at),
    createdAt: readTime(r.created_at),
  };
}

export interface IncidentInput {
  readonly title: string;
  readonly description: Readonly<Record<'en' | 'es', string>>;
  readonly actions: Readonly<Record<'en' | 'es', string>>;
  readonly advice: Readonly<Record<'en' | 'es', string>>;
  readonly categories: readonly BreachCategory[];
  readonly scope: 'all' | 'selected';
  readonly occurredAt: Date | null;
  readonly discoveredAt: Date;
}

export async function insertIncident(db: Conn, i: IncidentInput, createdBy: string): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto('breach_incidents')
    .values({
      id,
      title: i.title,
      description_en: i.description.en,
      description_es: i.description.es,
      actions_en: i.actions.en,
      actions_es: i.actions.es,
      advice_en: i.advice.en,
      advice_es: i.advice.es,
      categories: JSON.stringify(i.categories),
      scope: i.scope,
      occurred_at: i.occurredAt?.toISOString() ?? null,
      discovered_at: i.discoveredAt.toISOString(),
      notices_sent_at: null,
      banner_published_at: null,
      banner_withdrawn_at: null,
      created_by: createdBy,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function listIncidents(db: Conn): Promise<Incident[]> {
  return (await db.selectFrom('breach_incidents').selectAll().orderBy('discovered_at', 'desc').execute()).map(toIncident);
}

export async function findIncident(db: Conn, id: string): Promise<Incident | null> {
  const r = await db.selectFrom('breach_incidents').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toIncident(r) : null;
}

export async function listBanners(db: Conn): Promise<Incident[]> {
  return (await db.selectFrom('breach_incidents').selectAll().where('banner_published_at', 'is not', null).where('banner_withdrawn_at', 'is', null).orderBy('discovered_at', 'desc').execute()).map(toIncident);
}

export async function setBanner(db: Conn, id: string, shown: boolean): Promise<void> {
  const now = nowIso();
  await db
    .updateTable('breach_incidents')
    .set(shown ? { banner_published_at: now, banner_withdrawn_at: null, updated_at: now } : { banner_withdrawn_at: now, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function markNoticesSent(db: Conn, id: string): Promise<void> {
  const now = nowIso();
  await db.updateTable('breach_incidents').set({ notices_sent_at: now, updated_at: now }).where('id', '=', id).where('notices_sent_at', 'is', null).execute();
}

export async function listRecipients(db: Conn, incidentId: string): Promise<Recipient[]> {
  const rows = await db
    .selectFrom('breach_recipients')
    .leftJoin('users', 'users.id', 'breach_recipients.user_id')
    .select(['breach_recipients.user_id', 'users.name', 'users.email', 'breach_recipients.notified_at'])
    .where('breach_recipients.incident_id', '=', incidentId)
    .orderBy('users.name')
    .execute();
  return rows.map((r) => ({ userId: r.user_id, name: r.name ?? null, email: r.email ?? null, notifiedAt: readTimeOrNull(r.notified_at) }));
}

export async function countRecipients(db: Conn, incidentId: string): Promise<number> {
  const r = await db.selectFrom('breach_recipients').select((eb) => eb.fn.countAll<number>().as('n')).where('incident_id', '=', incidentId).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function addRecipient(db: Conn, incidentId: string, userId: string): Promise<boolean> {
  const exists = await db.selectFrom('breach_recipients').select('id').where('incident_id', '=', incidentId).where('user_id', '=', userId).executeTakeFirst();
  if (exists) return false;
  await db.insertInto('breach_recipients').values({ id: newId(), incident_id: incidentId, user_id: userId, notified_at: null, created_at: nowIso() }).execute();
  return true;
}

/** Removes a person not yet notified (a sent notice stays on the record). */
export async function removeRecipient(db: Conn, incidentId: string, userId: string): Promise<boolean> {
  const r = await db.deleteFrom('breach_recipients').where('incident_id', '=', incidentId).where('user_id', '=', userId).where('notified_at', 'is', null).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** "Everyone": every enabled account not already on the list. */
export async function addEveryone(db: Conn, incidentId: string): Promise<number> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('disabled_at', 'is', null)
    .where('id', 'not in', (eb) => eb.selectFrom('breach_recipients').select('user_id').where('incident_id', '=', incidentId).where('user_id', 'is not', null).$narrowType<{ user_id: string }>())
    .execute();
  const now = nowIso();
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('breach_recipients')
      .values(rows.slice(i, i + 200).map((r) => ({ id: newId(), incident_id: incidentId, user_id: r.id, notified_at: null, created_at: now })))
      .execute();
  }
  return rows.length;
}

/** The next people to notify, with the address and language of their account. */
export async function pendingRecipients(db: Conn, incidentId: string, limit: number): Promise<{ id: string; email: string; locale: string }[]> {
  return db
    .selectFrom('breach_recipients')
    .innerJoin('users', 'users.id', 'breach_recipients.user_id')
    .select(['breach_recipients.id', 'users.email', 'users.locale'])
    .where('breach_recipients.incident_id', '=', incidentId)
    .where('breach_recipients.notified_at', 'is', null)
    .orderBy('breach_recipients.id')
    .limit(limit)
    .execute();
}

export async function markNotified(db: Conn, recipientId: string): Promise<boolean> {
  const r = await db.updateTable('breach_recipients').set({ notified_at: nowIso() }).where('id', '=', recipientId).where('notified_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
