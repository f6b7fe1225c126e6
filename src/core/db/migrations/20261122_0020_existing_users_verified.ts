import { type Kysely, sql } from 'kysely';

/**
 * Data change: accounts made before email verification existed (staff set-up links, whose
 * address the administrator chose) count as verified from their creation.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.updateTable('users').set({ email_verified_at: sql.ref('created_at') }).where('email_verified_at', 'is', null).execute();
}

export async function down(): Promise<void> {
  // Nothing to undo: the column goes with 0019's down.
}
