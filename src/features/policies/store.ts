import type { Db, Trx } from '../../core/db/index.js';
import { newId } from '../../core/db/ids.js';
import { nowIso, readBool, readTime, readTimeOrNull } from '../../core/db/portable.js';
import type { PolicyDocument, PolicyVersion } from './model.js';
import './tables.js';

type Conn = Db | Trx;

function toVersion(r: {
  id: string; document: string; version: number; body_en: string; body_es: string; summary_en: string; summary_es: string; material: unknown; status: string;
  effective_at: unknown; published_at: unknown; created_at: unknown;
}): PolicyVersion {
  return {
    id: r.id,
    document: r.document as PolicyDocument,
    version: Number(r.version),
    body: { en: r.body_en, es: r.body_es },
    summary: { en: r.summary_en, es: r.summary_es },
    material: readBool(r.material),
    status: r.status === 'published' ? 'published' : 'draft',
    effectiveAt: readTimeOrNull(r.effective_at),
    publishedAt: readTimeOrNull(r.published_at),
    createdAt: readTime(r.created_at),
  };
}

export async function listVersions(db: Conn, document?: PolicyDocument): Promise<PolicyVersion[]> {
  let q = db.selectFrom('policy_versions').selectAll().orderBy('document').orderBy('version');
  if (document) q = q.where('document', '=', document);
  return (await q.execute()).map(toVersion);
}

export async function findVersion(db: Conn, id: string): Promise<PolicyVersion | null> {
  const r = await db.selectFrom('policy_versions').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toVersion(r) : null;
}

export async function maxVersion(db: Conn, document: PolicyDocument): Promise<number> {
  const r = await db.selectFrom('policy_versions').select((eb) => eb.fn.max('version').as('v')).where('document', '=', document).executeTakeFirst();
  return Number(r?.v ?? 0);
}

export interface VersionInput {
  readonly body: Readonly<Record<'en' | 'es', string>>;
  readonly summary: Readonly<Record<'en' | 'es', string>>;
  readonly material: boolean;
}

export async function insertVersion(
  db: Conn,
  v: VersionInput & { document: PolicyDocument; version: number; status: 'draft' | 'published'; effectiveAt?: Date; createdBy: string | null },
): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto('policy_versions')
    .values({
      id,
      document: v.document,
      version: v.version,
      body_en: v.body.en,
      body_es: v.body.es,
      summary_en: v.summary.en,
      summary_es: v.summary.es,
      material: v.material,
      status: v.status,
      effective_at: v.effectiveAt?.toISOString() ?? null,
      published_at: v.status === 'published' ? now : null,
      created_by: v.createdBy,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function updateDraft(db: Conn, id: string, v: VersionInput): Promise<boolean> {
  const r = await db
    .updateTable('policy_versions')
    .set({ body_en: v.body.en, body_es: v.body.es, summary_en: v.summary.en, summary_es: v.summary.es, material: v.material, updated_at: nowIso() })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function publishDraft(db: Conn, id: string, effectiveAt: Date): Promise<boolean> {
  const now = nowIso();
  const r = await db
    .updateTable('policy_versions')
    .set({ status: 'published', effective_at: effectiveAt.toISOString(), published_at: now, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The highest version of each document a person accepted after registration. */
export async function acceptedVersions(db: Conn, userId: string): Promise<Partial<Record<PolicyDocument, number>>> {
  const rows = await db
    .selectFrom('policy_acceptances')
    .select(['document', (eb) => eb.fn.max('version').as('v')])
    .where('user_id', '=', userId)
    .groupBy('document')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.document, Number(r.v)]));
}

export async function insertAcceptance(db: Conn, userId: string, document: PolicyDocument, version: number): Promise<void> {
  await db.insertInto('policy_acceptances').values({ id: newId(), user_id: userId, document, version, accepted_at: nowIso() }).execute();
}

/** The versions recorded at registration ("Version N · …" labels on the account). */
export async function registrationVersions(db: Conn, userId: string): Promise<{ terms: string | null; privacy: string | null }> {
  const r = await db.selectFrom('users').select(['terms_version', 'privacy_version']).where('id', '=', userId).executeTakeFirst();
  return { terms: r?.terms_version ?? null, privacy: r?.privacy_version ?? null };
}
