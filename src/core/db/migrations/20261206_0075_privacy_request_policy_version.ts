import type { Kysely } from 'kysely';

/** The privacy-policy version in force when a rights request collected its data. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('privacy_requests').addColumn('policy_version', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('privacy_requests').dropColumn('policy_version').execute();
}
