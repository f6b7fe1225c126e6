import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { loadTestConfig } from '../config/index.js';
import { type Db, dialectOf, dropSchema, migrate, openDatabase } from './index.js';
import { migrations } from './migrations/index.js';
import { readBool, readJson, readTime, writeJson } from './portable.js';

// Runs on SQLite by default and on PostgreSQL under `npm run test:pg`.
const config = loadTestConfig();
let db: Db;
interface Probe {
  portable_probe: { id: string; at: string | Date; flag: boolean | number; data: unknown };
}
const probe = (): Kysely<Probe> => db as unknown as Kysely<Probe>;

before(async () => {
  db = await openDatabase(config);
  await migrate(db, config);
  await probe().schema.createTable('portable_probe').addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', dialectOf(db) === 'postgres' ? 'timestamptz' : 'text')
    .addColumn('flag', dialectOf(db) === 'postgres' ? 'boolean' : 'integer')
    .addColumn('data', dialectOf(db) === 'postgres' ? 'jsonb' : 'text')
    .execute();
});
after(async () => {
  if (config.database.kind === 'postgres' && config.database.schema) await dropSchema(db, config.database.schema);
  await db.destroy();
});

test('times, booleans and JSON read back the same on both dialects', async () => {
  const at = new Date('2026-11-22T10:15:30.123Z');
  const probeDb = probe();
  await probeDb.insertInto('portable_probe').values({ id: 'a', at: at.toISOString(), flag: true, data: writeJson({ b: [1, 'two'], a: null }) }).execute();
  await probeDb.insertInto('portable_probe').values({ id: 'b', at, flag: false, data: writeJson([]) }).execute();
  const rows = await probeDb.selectFrom('portable_probe').selectAll().orderBy('id').execute();
  assert.equal(readTime(rows[0]?.at).toISOString(), at.toISOString());
  assert.equal(readTime(rows[1]?.at).toISOString(), at.toISOString());
  assert.equal(readBool(rows[0]?.flag), true);
  assert.equal(readBool(rows[1]?.flag), false);
  assert.deepEqual(readJson(rows[0]?.data), { b: [1, 'two'], a: null });
  assert.deepEqual(readJson(rows[1]?.data), []);
  const filtered = await probeDb.selectFrom('portable_probe').select('id').where('flag', '=', true).execute();
  assert.deepEqual(filtered.map((r) => r.id), ['a']);
});

test('migrations are idempotent and SQLite runs with WAL and foreign keys', async () => {
  assert.deepEqual(await migrate(db, config), []);
  if (dialectOf(db) === 'sqlite') {
    const wal = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(db);
    assert.equal(wal.rows[0]?.journal_mode, 'wal');
    const fk = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db);
    assert.equal(fk.rows[0]?.foreign_keys, 1);
  }
});

test('a migration that lands after later ones already ran is still applied', async () => {
  const late = '20261122_0017_newsletters';
  const other = loadTestConfig();
  const fresh = await openDatabase(other);
  try {
    const { [late]: skipped, ...earlier } = migrations;
    assert.ok(skipped);
    await migrate(fresh, other, earlier);
    assert.deepEqual(await migrate(fresh, other), [late]);
    assert.equal((await fresh.selectFrom('newsletter_lists').select('id').execute()).length, 2);
  } finally {
    if (other.database.kind === 'postgres' && other.database.schema) await dropSchema(fresh, other.database.schema);
    await fresh.destroy();
  }
});
