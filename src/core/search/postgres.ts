import { type RawBuilder, sql } from 'kysely';
import type { Db, Trx } from '../db/index.js';
import { nowIso } from '../db/portable.js';
import type { Candidate, EngineQuery, SearchDocument, SearchEngine, SearchType, StoredRow } from './index.js';
import { list } from './sqlite.js';
import { indexTerms, indexText, type SearchLocale } from './text.js';

/**
 * The text-search configuration of a language (a fixed list: never built from input). Text and
 * queries arrive prepared by indexText / indexTerms: English folded, for the 'english' stemmer;
 * Spanish already stemmed, so 'simple' only splits and lower-cases it ('spanish' would stem the
 * stems again and keeps accents apart).
 */
const CONFIGS = { en: 'english', es: 'simple' } as const satisfies Record<SearchLocale, string>;
const config = (locale: SearchLocale): RawBuilder<unknown> => sql.raw(`'${CONFIGS[locale]}'::regconfig`);

/**
 * The query as a tsquery: plainto_tsquery never fails on any text, and the optional prefix
 * term is letters and digits only (parseQuery), so `to_tsquery(term || ':*')` cannot either.
 */
function tsquery(query: EngineQuery): RawBuilder<unknown> {
  const cfg = config(query.locale);
  const words = indexTerms(query.locale, query.terms);
  if (query.prefix && words.length) {
    const rest = words.slice(0, -1).join(' ');
    const prefixed = sql`to_tsquery(${cfg}, ${`${words[words.length - 1]}:*`})`;
    return rest ? sql`(plainto_tsquery(${cfg}, ${rest}) && ${prefixed})` : prefixed;
  }
  return sql`plainto_tsquery(${cfg}, ${words.join(' ')})`;
}

/**
 * A text as indexText prepares it, or null when that is the text itself (most English text):
 * the statement then reads it from the row instead of receiving it twice.
 */
function prepared(locale: SearchLocale, text: string): string | null {
  const out = indexText(locale, text);
  return out === text ? null : out;
}

/** PostgreSQL: a weighted tsvector per row (title A, summary B, body C) under a GIN index. */
export class PostgresSearchIndex implements SearchEngine {
  constructor(private readonly db: Db) {}

  upsert(trx: Trx, doc: SearchDocument): Promise<void> {
    return this.upsertMany(trx, [doc]);
  }

  /** Many documents in one statement each for rows and vectors (reindex, benchmarks): one round trip per 200. */
  async upsertMany(trx: Trx, docs: readonly SearchDocument[]): Promise<void> {
    const cfg = sql.raw(`CASE d.locale WHEN 'es' THEN '${CONFIGS.es}'::regconfig ELSE '${CONFIGS.en}'::regconfig END`);
    for (let i = 0; i < docs.length; i += 200) {
      const batch = docs.slice(i, i + 200);
      const rows = batch.map(
        (doc) => sql`(${doc.type}, ${doc.id}, ${doc.locale}, ${doc.title}, ${doc.summary}, ${doc.body}, ${doc.url}, ${doc.facets.kind ?? null}, ${list(doc.facets.procedure)}, ${list(doc.facets.author)},
          ${doc.publishedAt?.toISOString() ?? null}::timestamptz, ${nowIso()}::timestamptz)`,
      );
      await sql`
        INSERT INTO search_documents (type, doc_id, locale, title, summary, body, url, kind, procedures, authors, published_at, updated_at)
        VALUES ${sql.join(rows)}
        ON CONFLICT (type, doc_id, locale) DO UPDATE SET
          title = excluded.title, summary = excluded.summary, body = excluded.body, url = excluded.url, kind = excluded.kind,
          procedures = excluded.procedures, authors = excluded.authors, published_at = excluded.published_at, updated_at = excluded.updated_at`.execute(trx);
      // The vectors are made from the text as indexText prepares it (null: the row's own text).
      const texts = batch.map(
        (doc) => sql`(${doc.type}::text, ${doc.id}::text, ${doc.locale}::text, ${prepared(doc.locale, doc.title)}::text, ${prepared(doc.locale, doc.summary)}::text, ${prepared(doc.locale, doc.body)}::text)`,
      );
      await sql`
        INSERT INTO search_vectors (id, locale, tsv)
        SELECT d.id, d.locale,
          setweight(to_tsvector(${cfg}, coalesce(p.title, d.title)), 'A') || setweight(to_tsvector(${cfg}, coalesce(p.summary, d.summary)), 'B') || setweight(to_tsvector(${cfg}, coalesce(p.body, d.body)), 'C')
        FROM (VALUES ${sql.join(texts)}) AS p (type, doc_id, locale, title, summary, body)
        JOIN search_documents d ON d.type = p.type AND d.doc_id = p.doc_id AND d.locale = p.locale
        ON CONFLICT (id) DO UPDATE SET locale = excluded.locale, tsv = excluded.tsv`.execute(trx);
    }
  }

  async remove(trx: Trx, type: SearchType, docId: string): Promise<void> {
    await trx.deleteFrom('search_documents').where('type', '=', type).where('doc_id', '=', docId).execute();
  }

  async clear(trx: Trx): Promise<void> {
    await trx.deleteFrom('search_documents').execute();
  }

  async candidates(query: EngineQuery): Promise<Candidate[]> {
    const q = tsquery(query);
    const filters = [sql`v.locale = ${query.locale}`, sql`v.tsv @@ ${q}`];
    if (query.type) filters.push(sql`d.type = ${query.type}`);
    if (query.kind) filters.push(sql`regexp_replace(lower(d.kind), '[^a-z0-9]+', '', 'g') = ${query.kind}`);
    if (query.procedure) filters.push(sql`d.procedures LIKE ${`% ${query.procedure} %`}`);
    const join = query.type || query.kind || query.procedure ? sql`JOIN search_documents d ON d.id = v.id` : sql``;
    // The newest matches first; ts_rank runs on those rows only. The tsquery is written into the
    // statement (not a CTE), so the planner sees how common its words are: for a rare word it
    // takes the GIN index, for a common one it walks the id index backwards and stops at the
    // limit (a CTE hid that and made every common word sort tens of thousands of matches).
    const result = await sql<{ id: string | number; score: number }>`
      SELECT c.id, ts_rank(c.tsv, ${q}) AS score
      FROM (SELECT v.id, v.tsv FROM search_vectors v ${join} WHERE ${sql.join(filters, sql` AND `)} ORDER BY v.id DESC LIMIT ${query.limit}) c`.execute(this.db);
    return result.rows.map((r) => ({ rowId: Number(r.id), score: Number(r.score) }));
  }

  async idRange(): Promise<{ min: number; max: number } | null> {
    // Two subqueries: each reads one end of the primary key (min and max together would scan).
    const { rows } = await sql<{ min: number | string | null; max: number | string | null }>`SELECT (SELECT min(id) FROM search_documents) AS min, (SELECT max(id) FROM search_documents) AS max`.execute(this.db);
    const row = rows[0];
    return row && row.min !== null && row.max !== null ? { min: Number(row.min), max: Number(row.max) } : null;
  }

  rows(ids: readonly number[]): Promise<StoredRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.db.selectFrom('search_documents').select(['id', 'type', 'doc_id', 'title', 'summary', 'body', 'url', 'kind', 'published_at']).where('id', 'in', ids).execute() as Promise<StoredRow[]>;
  }
}
