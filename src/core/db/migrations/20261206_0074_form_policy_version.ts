import type { Kysely } from 'kysely';

/** The privacy-policy version in force when Contact Us and consultation requests collected their data. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('contact_messages').addColumn('policy_version', 'text').execute();
  await db.schema.alterTable('consultation_requests').addColumn('policy_version', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('consultation_requests').dropColumn('policy_version').execute();
  await db.schema.alterTable('contact_messages').dropColumn('policy_version').execute();
}
