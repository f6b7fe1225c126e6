import type { Db, Trx } from '../../core/db/index.js';
import { nowIso, readTime, readTimeOrNull } from '../../core/db/portable.js';
import { findImages } from '../../core/media/index.js';
import type { Board, ProfessionalProfile, ProfessionalStatus, PublicProfile, Specialty } from './model.js';
import './tables.js';

type Conn = Db | Trx;

function profileQuery(db: Conn) {
  return db
    .selectFrom('professional_profiles')
    .innerJoin('users', 'users.id', 'professional_profiles.user_id')
    .select([
      'professional_profiles.user_id',
      'professional_profiles.slug',
      'professional_profiles.licence_number',
      'professional_profiles.licence_region',
      'professional_profiles.specialty',
      'professional_profiles.board',
      'professional_profiles.practice_name',
      'professional_profiles.bio',
      'professional_profiles.photo_media_id',
      'professional_profiles.status',
      'professional_profiles.reason',
      'professional_profiles.reviewed_at',
      'professional_profiles.created_at',
      'users.name',
      'users.email',
      'users.email_verified_at',
    ]);
}

type ProfileRow = Awaited<ReturnType<ReturnType<typeof profileQuery>['executeTakeFirstOrThrow']>>;

function toProfile(r: ProfileRow): ProfessionalProfile {
  return {
    userId: r.user_id,
    slug: r.slug,
    name: r.name,
    email: r.email,
    emailVerified: r.email_verified_at !== null,
    licenceNumber: r.licence_number,
    licenceRegion: r.licence_region,
    specialty: r.specialty as Specialty,
    board: r.board as Board,
    practiceName: r.practice_name,
    bio: r.bio,
    photoId: r.photo_media_id,
    status: r.status as ProfessionalStatus,
    reason: r.reason,
    reviewedAt: readTimeOrNull(r.reviewed_at),
    createdAt: readTime(r.created_at),
  };
}

export async function insertProfile(
  trx: Trx,
  p: { userId: string; slug: string; licenceNumber: string; licenceRegion: string; specialty: Specialty; board: Board; practiceName: string; bio: string },
): Promise<void> {
  const now = nowIso();
  await trx
    .insertInto('professional_profiles')
    .values({
      user_id: p.userId,
      slug: p.slug,
      licence_number: p.licenceNumber,
      licence_region: p.licenceRegion,
      specialty: p.specialty,
      board: p.board,
      practice_name: p.practiceName,
      bio: p.bio,
      photo_media_id: null,
      status: 'pending',
      reason: null,
      reviewed_by: null,
      reviewed_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

export async function findProfile(db: Conn, userId: string): Promise<ProfessionalProfile | null> {
  const row = await profileQuery(db).where('professional_profiles.user_id', '=', userId).executeTakeFirst();
  return row ? toProfile(row) : null;
}

export async function slugTaken(db: Conn, slug: string): Promise<boolean> {
  return (await db.selectFrom('professional_profiles').select('slug').where('slug', '=', slug).executeTakeFirst()) !== undefined;
}

/** The queue: pending applications first (oldest first), then recent decisions. */
export async function listProfiles(db: Conn, status: ProfessionalStatus, limit = 200): Promise<ProfessionalProfile[]> {
  const rows = await profileQuery(db)
    .where('professional_profiles.status', '=', status)
    .orderBy('professional_profiles.created_at', status === 'pending' ? 'asc' : 'desc')
    .limit(limit)
    .execute();
  return rows.map(toProfile);
}

/** Records a decision on a pending application; false when it was already decided. */
export async function decide(trx: Trx, userId: string, d: { status: 'approved' | 'rejected'; reason: string | null; reviewedBy: string }): Promise<boolean> {
  const now = nowIso();
  const r = await trx
    .updateTable('professional_profiles')
    .set({ status: d.status, reason: d.reason, reviewed_by: d.reviewedBy, reviewed_at: now, updated_at: now })
    .where('user_id', '=', userId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findPublicProfile(db: Conn, slug: string): Promise<PublicProfile | null> {
  const row = await profileQuery(db).where('professional_profiles.slug', '=', slug).where('professional_profiles.status', '=', 'approved').executeTakeFirst();
  if (!row || !row.reviewed_at) return null;
  const photo = row.photo_media_id ? ((await findImages(db, [row.photo_media_id])).get(row.photo_media_id) ?? null) : null;
  return {
    photo,
    slug: row.slug,
    name: row.name,
    specialty: row.specialty as Specialty,
    board: row.board as Board,
    practiceName: row.practice_name,
    bio: row.bio,
    verifiedAt: readTime(row.reviewed_at),
  };
}

export async function listPublicSlugs(db: Conn): Promise<{ slug: string; updatedAt: Date }[]> {
  const rows = await db.selectFrom('professional_profiles').select(['slug', 'updated_at']).where('status', '=', 'approved').execute();
  return rows.map((r) => ({ slug: r.slug, updatedAt: readTime(r.updated_at) }));
}

export async function setPhoto(trx: Trx, userId: string, mediaId: string): Promise<void> {
  await trx.updateTable('professional_profiles').set({ photo_media_id: mediaId, updated_at: nowIso() }).where('user_id', '=', userId).execute();
}

/** Approved professionals' public slugs by user id (the library names its authors with them). */
export async function publicSlugsOf(db: Conn, userIds: readonly string[]): Promise<Map<string, string>> {
  if (!userIds.length) return new Map();
  const rows = await db.selectFrom('professional_profiles').select(['user_id', 'slug']).where('status', '=', 'approved').where('user_id', 'in', [...userIds]).execute();
  return new Map(rows.map((r) => [r.user_id, r.slug]));
}

/** The user id of an approved professional's public slug. */
export async function userIdOfPublicSlug(db: Conn, slug: string): Promise<string | null> {
  const row = await db.selectFrom('professional_profiles').select('user_id').where('status', '=', 'approved').where('slug', '=', slug).executeTakeFirst();
  return row?.user_id ?? null;
}

// Browsers known to an account

/** Marks a browser as seen again; false when the account does not know it. */
export async function touchKnownDevice(trx: Trx, userId: string, deviceHash: string, at: Date): Promise<boolean> {
  const r = await trx.updateTable('known_devices').set({ last_seen_at: at.toISOString() }).where('user_id', '=', userId).where('device_hash', '=', deviceHash).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Remembers a browser for an account; false when a concurrent sign-in from it got there first. */
export async function insertKnownDevice(trx: Trx, d: { userId: string; deviceHash: string; browser: string | null; os: string | null; at: Date }): Promise<boolean> {
  const at = d.at.toISOString();
  const r = await trx
    .insertInto('known_devices')
    .values({ user_id: d.userId, device_hash: d.deviceHash, browser: d.browser, os: d.os, first_seen_at: at, last_seen_at: at })
    .onConflict((oc) => oc.columns(['user_id', 'device_hash']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}
