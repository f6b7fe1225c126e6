import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Kysely } from 'kysely';
import { loadTestConfig } from '../../config/index.js';
import { type Db, dropSchema, migrate, openDatabase } from '../index.js';
import { migrations } from './index.js';

// Runs on SQLite by default and on PostgreSQL under `npm run test:pg`.
const config = loadTestConfig();
let db: Db;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const loose = (): Kysely<any> => db as unknown as Kysely<any>;
const now = new Date().toISOString();

before(async () => {
  db = await openDatabase(config);
  const { '20261206_0091_library_full_revisions': _later, ...before0091 } = migrations;
  await migrate(db, config, before0091);
});
after(async () => {
  if (config.database.kind === 'postgres' && config.database.schema) await dropSchema(db, config.database.schema);
  await db.destroy();
});

test('0091 gives revisions written before it the whole item and moves restore and suggestion markers to their columns', async () => {
  await loose().insertInto('users').values({ id: 'u1', email: 'u1@example.test', name: 'Dana Reyes', password_hash: 'x', locale: 'en', created_at: now, updated_at: now }).execute();
  await loose().insertInto('media').values({ id: 'm1', kind: 'pdf', mime: 'application/pdf', bytes: 10, variants: '[]', is_private: config.database.kind === 'postgres' ? true : 1, created_at: now }).execute();
  await loose()
    .insertInto('library_items')
    .values({ id: 'i1', slug: 'i1', locale: 'en', kind: 'study', title: 'T', summary: 'S', body_md: 'B', body_html: '<p>B</p>', refs: JSON.stringify([{ label: 'Ref', doi: '10.1/x' }]), nudity: config.database.kind === 'postgres' ? false : 0, status: 'published', owner_id: 'u1', revision: 3, created_at: now, updated_at: now })
    .execute();
  await loose().insertInto('library_item_authors').values([{ item_id: 'i1', position: 0, user_id: 'u1', name: 'Dana Reyes' }, { item_id: 'i1', position: 1, user_id: null, name: 'Ana Ruiz' }]).execute();
  await loose().insertInto('library_item_procedures').values({ item_id: 'i1', procedure: 'rhinoplasty' }).execute();
  await loose().insertInto('library_files').values({ id: 'f1', item_id: 'i1', media_id: 'm1', role: 'document', position: 1, alt: 'The study', created_at: now }).execute();
  const text = JSON.stringify({ title: 'T', summary: 'S', body: 'B' });
  await loose()
    .insertInto('library_revisions')
    .values([
      { id: 'r1', item_id: 'i1', number: 1, author_id: 'u1', summary: '', snapshot: text, created_at: now },
      { id: 'r2', item_id: 'i1', number: 2, author_id: 'u1', summary: 'Fixed a typo', snapshot: text, created_at: now },
      { id: 'r3', item_id: 'i1', number: 3, author_id: 'u1', summary: 'restore:1', snapshot: text, created_at: now },
    ])
    .execute();

  assert.deepEqual(await migrate(db, config), ['20261206_0091_library_full_revisions']);

  const rows = await loose().selectFrom('library_revisions').select(['number', 'change', 'restored_from', 'summary', 'snapshot']).orderBy('number').execute();
  assert.deepEqual(
    rows.map((r: { number: number; change: string; restored_from: number | null; summary: string }) => [r.number, r.change, r.restored_from, r.summary]),
    [[1, 'published', null, ''], [2, 'edited', null, 'Fixed a typo'], [3, 'restored', 1, '']],
  );
  const first = rows[0]!;
  const snapshot = typeof first.snapshot === 'string' ? JSON.parse(first.snapshot) : first.snapshot;
  assert.deepEqual(snapshot, {
    title: 'T',
    summary: 'S',
    body: 'B',
    authors: [{ userId: 'u1' }, { name: 'Ana Ruiz' }],
    references: [{ label: 'Ref', doi: '10.1/x' }],
    procedures: ['rhinoplasty'],
    files: [{ mediaId: 'm1', role: 'document', alt: 'The study' }],
  });
});
