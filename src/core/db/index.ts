import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, type Migration, Migrator, PostgresAdapter, PostgresDialect, type SqliteDatabase, type SqliteStatement, sql, type Transaction } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { Config } from '../config/index.js';
import { migrations } from './migrations/index.js';
import { FifoSqliteDialect } from './sqlite-fifo.js';
import type { Database } from './types.js';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
export type Dialect = 'sqlite' | 'postgres';

/**
 * better-sqlite3 refuses JS booleans and Dates as parameters; stores write the same values on
 * both dialects, so they become 0/1 and ISO text here, at the last moment.
 */
function toSqliteValues(parameters: readonly unknown[]): unknown[] {
  return parameters.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v instanceof Date ? v.toISOString() : v));
}

/**
 * better-sqlite3 with prepared statements reused by SQL text. Kysely prepares a statement for
 * every query; preparing costs more than most of our queries take to run, and each statement
 * holds native memory that the garbage collector does not see until it finalises the object.
 * Queries run synchronously to completion, so reuse is safe; streaming gets its own statement.
 */
function statementCache(database: SQLite.Database, max: number): (text: string) => SQLite.Statement {
  const cache = new LRUCache<string, SQLite.Statement>({ max });
  return (text) => {
    let stmt = cache.get(text);
    if (!stmt) {
      stmt = database.prepare(text);
      cache.set(text, stmt);
    }
    return stmt;
  };
}

/** The write connection as Kysely's SQLite dialect wants it, with reused statements. */
function withStatementCache(database: SQLite.Database, onClose: () => void): SqliteDatabase {
  const prepared = statementCache(database, 1000);
  return {
    close: () => {
      onClose();
      database.close();
    },
    prepare(text: string): SqliteStatement {
      const cached = prepared(text);
      return {
        reader: cached.reader,
        all: (parameters) => cached.all(...toSqliteValues(parameters)),
        run: (parameters) => cached.run(...toSqliteValues(parameters)),
        iterate: (parameters) => database.prepare(text).iterate(...toSqliteValues(parameters)),
      };
    },
  };
}

type SyncReader = (text: string, parameters: readonly unknown[]) => unknown;
const readers = new WeakMap<object, SyncReader>();

/**
 * Runs a compiled read on SQLite's read-only connection, synchronously, returning the first
 * row; `undefined` means this database has no such connection (PostgreSQL) and the caller
 * runs the query through Kysely as usual. Only for committed, public data: it does not see
 * the caller's own open transaction.
 */
export function readFirstCommitted(db: Kysely<unknown> | Db, text: string, parameters: readonly unknown[]): { row: unknown } | undefined {
  const reader = readers.get(db);
  return reader ? { row: reader(text, parameters) } : undefined;
}

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
    // A second, read-only connection for the public pages' hot reads: in WAL mode it sees
    // only committed data and never waits for writers, and it answers synchronously.
    const reader = new SQLite(config.database.file, { readonly: true });
    reader.pragma('busy_timeout = 5000');
    const readerStatements = statementCache(reader, 200);
    const db = new Kysely<Database>({ dialect: new FifoSqliteDialect({ database: withStatementCache(sqlite, () => reader.close()) }) });
    readers.set(db, (text, parameters) => readerStatements(text).get(...toSqliteValues(parameters)));
    return db;
  }
  const { url, schema } = config.database;
  // Loaded only for PostgreSQL installations.
  const { default: pg } = await import('pg');
  // COUNT(*) and BIGINT come back from pg as strings; our counts fit comfortably in a double.
  pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
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
export async function migrate(db: Db, config: Config, all: Record<string, Migration> = migrations): Promise<string[]> {
  // Kysely looks for its bookkeeping tables in every schema; name ours so that several schemas
  // in one database (the PostgreSQL test run) do not see each other's.
  const schema = config.database.kind === 'postgres' ? config.database.schema : undefined;
  // Several branches add migrations at once: one merged after another that already ran on a
  // database is still applied, instead of stopping the start.
  const migrator = new Migrator({ db, provider: { getMigrations: async () => all }, allowUnorderedMigrations: true, ...(schema ? { migrationTableSchema: schema } : {}) });
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    if (!error) return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    // Kysely looks for its tables across every schema; a schema (or its table) dropped meanwhile by
    // another process (the PostgreSQL test run drops each app's schema when it closes) fails that
    // look-up. Nothing was applied: look again.
    if (attempt < 5 && droppedElsewhereMeanwhile(error, schema)) continue;
    throw error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * "schema ... does not exist" (3F000) or "relation ... does not exist" (42P01) naming another
 * schema than ours: only where schemas are shared out (a migration's own error is never retried).
 */
function droppedElsewhereMeanwhile(error: unknown, ours: string | undefined): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (ours === undefined || (e?.code !== '3F000' && e?.code !== '42P01') || typeof e.message !== 'string') return false;
  return !(e.message.includes(`"${ours}"`) || e.message.includes(`"${ours}.`));
}

/** Drops a test schema (PostgreSQL) after a test app closes. */
export async function dropSchema(db: Db, schema: string): Promise<void> {
  await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(db);
}

/** True when an error is a unique-constraint violation (SQLite or PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
