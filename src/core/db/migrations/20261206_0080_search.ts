import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { columnTypes } from './column-types.js';

/**
 * The search index (core/search): one row per published document and language, a copy of
 * public content that `sutura search reindex` can rebuild at any time. PostgreSQL keeps a
 * weighted tsvector per document (title A, summary B, body C) under a GIN index; SQLite keeps one
 * contentless FTS5 table per language whose rowid is the document's id (English: the porter
 * tokenizer; Spanish: text already stemmed by core/search's Snowball Spanish stemmer).
 * (PostgreSQL's vectors are in search_vectors, a narrow table beside the documents.)
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('search_documents')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('doc_id', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('kind', 'text')
    .addColumn('procedures', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('authors', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('published_at', t.time)
    .addColumn('updated_at', t.time, (c) => c.notNull())
    .addUniqueConstraint('search_documents_type_doc_locale', ['type', 'doc_id', 'locale'])
    .execute();
  if (pg) {
    // The vectors live in a narrow table of their own, pushed out of line (TOAST): a bitmap scan
    // of a common word's matches then reads a few pages of ids instead of every document's text.
    await sql`CREATE TABLE search_vectors (id bigint PRIMARY KEY REFERENCES search_documents (id) ON DELETE CASCADE, locale text NOT NULL, tsv tsvector NOT NULL) WITH (toast_tuple_target = 128)`.execute(db);
    await sql`CREATE INDEX search_vectors_tsv ON search_vectors USING gin (tsv)`.execute(db);
    await sql`CREATE INDEX search_vectors_locale_id ON search_vectors (locale, id)`.execute(db);
  } else {
    for (const locale of ['en', 'es']) {
      const tokenize = locale === 'en' ? 'porter unicode61 remove_diacritics 2' : 'unicode61 remove_diacritics 2';
      await sql
        .raw(`CREATE VIRTUAL TABLE search_fts_${locale} USING fts5(title, summary, body, tags, content='', contentless_delete=1, tokenize='${tokenize}', detail=full)`)
        .execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  if (!pg) for (const locale of ['en', 'es']) await sql.raw(`DROP TABLE IF EXISTS search_fts_${locale}`).execute(db);
  if (pg) await sql`DROP TABLE IF EXISTS search_vectors`.execute(db);
  await db.schema.dropTable('search_documents').execute();
}
