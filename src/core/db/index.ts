import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresAdapter, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Config } from '../config/index.js';
import { migrations } from './migrations/index.js';
import { SqlitePortableValuesPlugin } from './portable.js';
import type { Database } from './types.js';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
export type Dialect = 'sqlite' | 'postgres';

// COUNT(*) and BIGINT come back from pg as strings; our counts fit comfortably in a double.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

/** Opens the configured database: SQLite (WAL, FULL sync, foreign keys) or PostgreSQL. */
export async function openDatabase(config: Config): Promise<Db> {
  if (config.database.kind === 'sqlite') {
    mkdirSync(dirname(config.database.file), { recursive: true });
    const sqlite = new SQLite(config.database.file);
    sqlite.pragma('journal_mode = WAL');
    // FULL: a committed write that holds medical information survives a power cut.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    return new Kysely<Database>({
      dialect: new SqliteDialect({ database: sqlite }),
      plugins: [new SqlitePortableValuesPlugin()],
    });
  }
  const { url, schema } = config.database;
  if (schema) {
    // Tests (and anyone who asks) get a schema of their own inside the database.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Brings the schema up to date. Returns the names of the migrations it applied. */
export async function migrate(db: Db, config: Config): Promise<string[]> {
  // Kysely looks for its bookkeeping tables in every schema; name ours so that several schemas
  // in one database (the PostgreSQL test run) do not see each other's.
  const schema = config.database.kind === 'postgres' ? config.database.schema : undefined;
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Drops a test schema (PostgreSQL) after a test app closes. */
export async function dropSchema(db: Db, schema: string): Promise<void> {
  await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(db);
}
