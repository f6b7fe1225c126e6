import { sql } from 'kysely';
import type { Db, Trx } from '../db/index.js';
import { nowIso } from '../db/portable.js';
import type { Candidate, EngineQuery, SearchDocument, SearchEngine, SearchType, StoredRow } from './index.js';
import { facetToken, indexTerms, indexText, type SearchLocale } from './text.js';

/** bm25 column weights: title, summary, body, tags (filters only, never scored). */
const WEIGHTS = '10.0, 4.0, 1.0, 0.0';

const fts = (locale: SearchLocale): string => (locale === 'es' ? 'search_fts_es' : 'search_fts_en');

/** The filter tokens of a document, in the FTS table's `tags` column. */
function tags(doc: SearchDocument): string {
  const out = [`xtype${doc.type}`];
  if (doc.facets.kind) out.push(`xkind${facetToken(doc.facets.kind)}`);
  for (const p of doc.facets.procedure ?? []) out.push(`xproc${facetToken(p)}`);
  for (const a of doc.facets.author ?? []) out.push(`xauth${facetToken(a)}`);
  return out.join(' ');
}

/**
 * A safe FTS5 query: every term is a double-quoted string of letters and digits (parseQuery
 * allows nothing else), so no operator, column filter or syntax error can come from input.
 * The terms are folded and, in Spanish, stemmed like the indexed text (indexTerms); a prefix
 * is then the stem of the unfinished word, as PostgreSQL's `:*` does.
 */
export function ftsQuery(query: EngineQuery): string {
  const words = indexTerms(query.locale, query.terms);
  const parts = words.map((word, i) => (query.prefix && i === words.length - 1 ? `"${word}"*` : `"${word}"`));
  const filters: string[] = [];
  if (query.type) filters.push(`"xtype${query.type}"`);
  if (query.kind) filters.push(`"xkind${query.kind}"`);
  if (query.procedure) filters.push(`"xproc${query.procedure}"`);
  const text = `{title summary body} : (${parts.join(' AND ')})`;
  return filters.length ? `${text} AND tags : (${filters.join(' AND ')})` : text;
}

/** SQLite: contentless FTS5 tables per language; the rowid is search_documents.id. */
export class SqliteSearchIndex implements SearchEngine {
  constructor(private readonly db: Db) {}

  async upsert(trx: Trx, doc: SearchDocument): Promise<void> {
    const values = {
      title: doc.title,
      summary: doc.summary,
      body: doc.body,
      url: doc.url,
      kind: doc.facets.kind ?? null,
      procedures: list(doc.facets.procedure),
      authors: list(doc.facets.author),
      published_at: doc.publishedAt?.toISOString() ?? null,
      updated_at: nowIso(),
    };
    const existing = await trx.selectFrom('search_documents').select('id').where('type', '=', doc.type).where('doc_id', '=', doc.id).where('locale', '=', doc.locale).executeTakeFirst();
    let id: number;
    if (existing) {
      id = Number(existing.id);
      await trx.updateTable('search_documents').set(values).where('id', '=', id).execute();
      await sql`DELETE FROM ${sql.table(fts(doc.locale))} WHERE rowid = ${id}`.execute(trx);
    } else {
      const row = await trx.insertInto('search_documents').values({ type: doc.type, doc_id: doc.id, locale: doc.locale, ...values } as never).returning('id').executeTakeFirstOrThrow();
      id = Number(row.id);
    }
    const text = (s: string): string => indexText(doc.locale, s);
    await sql`INSERT INTO ${sql.table(fts(doc.locale))} (rowid, title, summary, body, tags) VALUES (${id}, ${text(doc.title)}, ${text(doc.summary)}, ${text(doc.body)}, ${tags(doc)})`.execute(trx);
  }

  async upsertMany(trx: Trx, docs: readonly SearchDocument[]): Promise<void> {
    for (const doc of docs) await this.upsert(trx, doc);
  }

  async remove(trx: Trx, type: SearchType, docId: string): Promise<void> {
    const rows = await trx.selectFrom('search_documents').select(['id', 'locale']).where('type', '=', type).where('doc_id', '=', docId).execute();
    for (const row of rows) {
      await sql`DELETE FROM ${sql.table(fts(row.locale === 'es' ? 'es' : 'en'))} WHERE rowid = ${row.id}`.execute(trx);
      await trx.deleteFrom('search_documents').where('id', '=', row.id).execute();
    }
  }

  async clear(trx: Trx): Promise<void> {
    for (const locale of ['en', 'es'] as const) await sql`DELETE FROM ${sql.table(fts(locale))}`.execute(trx);
    await trx.deleteFrom('search_documents').execute();
  }

  async candidates(query: EngineQuery): Promise<Candidate[]> {
    const table = sql.table(fts(query.locale));
    // FTS5 walks the matches in rowid order and stops at the limit; bm25 runs on those only.
    const result = await sql<{ id: number; score: number }>`
      SELECT rowid AS id, bm25(${table}, ${sql.raw(WEIGHTS)}) AS score FROM ${table}
      WHERE ${table} MATCH ${ftsQuery(query)} ORDER BY rowid DESC LIMIT ${query.limit}`.execute(this.db);
    return result.rows.map((r) => ({ rowId: Number(r.id), score: -Number(r.score) }));
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

/** ' a b ' so a filter can match a whole value with LIKE '% a %'. */
export function list(values: readonly string[] | undefined): string {
  return values?.length ? ` ${values.map(facetToken).join(' ')} ` : '';
}
