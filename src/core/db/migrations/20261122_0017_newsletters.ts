import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

/**
 * Newsletters: lists, subscribers with their consent history, a suppression list, issues and
 * one delivery row per recipient of an issue (the snapshot taken when sending starts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('newsletter_lists')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('names', t.json, (c) => c.notNull())
    .addColumn('descriptions', t.json, (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.time, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('newsletter_subscribers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('email_hash', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('confirm_hash', 'text')
    .addColumn('confirm_expires_at', t.time)
    .addColumn('pending', t.json)
    .addColumn('tracking', t.bool, (c) => c.notNull())
    .addColumn('confirmed_at', t.time)
    .addColumn('unsubscribed_at', t.time)
    .addColumn('created_at', t.time, (c) => c.notNull())
    .addColumn('updated_at', t.time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('newsletter_subscribers_confirm_idx').on('newsletter_subscribers').column('confirm_hash').execute();
  await db.schema
    .createTable('newsletter_subscriptions')
    .addColumn('subscriber_id', 'text', (c) => c.notNull().references('newsletter_subscribers.id').onDelete('cascade'))
    .addColumn('list_id', 'text', (c) => c.notNull().references('newsletter_lists.id').onDelete('cascade'))
    .addColumn('created_at', t.time, (c) => c.notNull())
    .addPrimaryKeyConstraint('newsletter_subscriptions_pk', ['subscriber_id', 'list_id'])
    .execute();
  await db.schema.createIndex('newsletter_subscriptions_list_idx').on('newsletter_subscriptions').column('list_id').execute();
  await db.schema
    .createTable('newsletter_consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subscriber_id', 'text', (c) => c.notNull().references('newsletter_subscribers.id').onDelete('cascade'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('lists', t.json, (c) => c.notNull())
    .addColumn('tracking', t.bool, (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('policy_version', 'text', (c) => c.notNull())
    .addColumn('created_at', t.time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('newsletter_consents_subscriber_idx').on('newsletter_consents').column('subscriber_id').execute();
  await db.schema
    .createTable('newsletter_suppressions')
    .addColumn('email_hash', 'text', (c) => c.primaryKey())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', t.time, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('newsletter_issues')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('list_id', 'text', (c) => c.notNull().references('newsletter_lists.id'))
    .addColumn('editions', t.json, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('scheduled_at', t.time)
    .addColumn('started_at', t.time)
    .addColumn('finished_at', t.time)
    .addColumn('recipients', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', t.time, (c) => c.notNull())
    .addColumn('updated_at', t.time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('newsletter_issues_status_idx').on('newsletter_issues').columns(['status', 'finished_at']).execute();
  await db.schema
    .createTable('newsletter_deliveries')
    .addColumn('issue_id', 'text', (c) => c.notNull().references('newsletter_issues.id').onDelete('cascade'))
    .addColumn('subscriber_id', 'text', (c) => c.notNull().references('newsletter_subscribers.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sent_at', t.time)
    .addColumn('opened_at', t.time)
    .addColumn('error', 'text')
    .addPrimaryKeyConstraint('newsletter_deliveries_pk', ['issue_id', 'subscriber_id'])
    .execute();
  await db.schema.createIndex('newsletter_deliveries_seq_idx').on('newsletter_deliveries').columns(['issue_id', 'seq']).execute();
  await db.schema.createIndex('newsletter_deliveries_status_idx').on('newsletter_deliveries').columns(['issue_id', 'status']).execute();
  await db.schema.createIndex('newsletter_deliveries_subscriber_idx').on('newsletter_deliveries').column('subscriber_id').execute();

  // The two lists every practice starts with; staff rename them in the back office.
  const now = new Date().toISOString();
  await db
    .insertInto('newsletter_lists')
    .values([
      {
        id: 'list-patients',
        slug: 'patients',
        names: JSON.stringify({ en: 'News for patients', es: 'Novedades para pacientes' }),
        descriptions: JSON.stringify({ en: 'New guides, answers to common questions and practice news, about once a month.', es: 'Nuevas guías, respuestas a preguntas frecuentes y noticias de la consulta, más o menos una vez al mes.' }),
        position: 1,
        created_at: now,
      },
      {
        id: 'list-professionals',
        slug: 'professionals',
        names: JSON.stringify({ en: 'News for professionals', es: 'Novedades para profesionales' }),
        descriptions: JSON.stringify({ en: 'New studies and papers in the library, meetings and calls for cases.', es: 'Nuevos estudios y artículos en la biblioteca, reuniones y convocatorias de casos.' }),
        position: 2,
        created_at: now,
      },
    ])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['newsletter_deliveries', 'newsletter_issues', 'newsletter_suppressions', 'newsletter_consents', 'newsletter_subscriptions', 'newsletter_subscribers', 'newsletter_lists']) {
    await db.schema.dropTable(table).execute();
  }
}
