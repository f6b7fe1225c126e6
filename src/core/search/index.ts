/**
 * Site search: one interface, two implementations chosen by dialect (SQLite FTS5, PostgreSQL
 * tsvector + GIN). Features hand their public documents to the index inside the transaction
 * that publishes, edits or unpublishes them, and register a source so `sutura search reindex`
 * can rebuild everything.
 *
 * Ranking is staged so a query costs the same whatever its terms: the index gives at most
 * CANDIDATES matching documents in a cheap order (newest first, which both engines read
 * straight from their index and stop early), only those are scored (bm25 / ts_rank with
 * title > summary > body), and only the page shown gets snippets. "About N results" is exact
 * below CANDIDATES and otherwise estimated from how far back in the id order the candidates
 * reached.
 */
import type { Kysely } from 'kysely';
import type { Db, Trx } from '../db/index.js';
import { dialectOf } from '../db/index.js';
import { readTimeOrNull } from '../db/portable.js';
import { PostgresSearchIndex } from './postgres.js';
import { SqliteSearchIndex } from './sqlite.js';
import type { SearchLocale } from './text.js';
import { containsMatch, facetToken, highlight, parseQuery, snippet, wordMatcher } from './text.js';
import './tables.js';
import './privacy.js';

export type { SearchLocale } from './text.js';
export { facetToken, markdownToText, parseQuery } from './text.js';

/** What can be found. The library adds 'library' when it registers its source. */
export const SEARCH_TYPES = ['guide', 'library'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export interface SearchFacets {
  /** The kind of item (library: study, white paper, video …). */
  readonly kind?: string;
  /** Procedure slugs it concerns (the guides' taxonomy). */
  readonly procedure?: readonly string[];
  /** Authors by their public profile slug. */
  readonly author?: readonly string[];
}

/** One published document in one language, as a feature hands it to the index. */
export interface SearchDocument {
  readonly type: SearchType;
  readonly id: string;
  readonly locale: SearchLocale;
  readonly title: string;
  readonly summary: string;
  /** Plain text (Markdown is fine: see markdownToText). */
  readonly body: string;
  /** The public path, with the language prefix (`/es/guides/…`). */
  readonly url: string;
  readonly facets: SearchFacets;
  readonly publishedAt: Date | null;
}

export interface SearchQuery {
  /** Whatever the person typed; never an error. */
  readonly text: string;
  readonly locale: SearchLocale;
  readonly type?: SearchType;
  readonly kind?: string;
  readonly procedure?: string;
  /** 1-based. */
  readonly page?: number;
  readonly perPage?: number;
  /** Treat the last word as a prefix (search as you type). */
  readonly prefix?: boolean;
}

export interface SearchHit {
  readonly type: SearchType;
  readonly id: string;
  readonly url: string;
  /** Escaped HTML with the query's words in <mark>. */
  readonly titleHtml: string;
  /** Escaped HTML: a passage around the query's words, in <mark>. */
  readonly snippetHtml: string;
  readonly kind: string | null;
  readonly publishedAt: Date | null;
}

export interface SearchResults {
  readonly terms: readonly string[];
  readonly hits: readonly SearchHit[];
  /** Matching documents: exact when `estimated` is false. */
  readonly total: number;
  readonly estimated: boolean;
  readonly page: number;
  readonly perPage: number;
  /** Pages a person can open (the candidates cap bounds it). */
  readonly pages: number;
}

export interface SearchIndex {
  /** Adds or replaces a document (same type, id and locale), in the caller's transaction. */
  upsert(trx: Trx, doc: SearchDocument): Promise<void>;
  /** Adds or replaces many documents (reindex), fewer round trips than one by one. */
  upsertMany(trx: Trx, docs: readonly SearchDocument[]): Promise<void>;
  /** Removes a document in every language. */
  remove(trx: Trx, type: SearchType, id: string): Promise<void>;
  search(query: SearchQuery): Promise<SearchResults>;
  /** Removes every document (reindex). */
  clear(trx: Trx): Promise<void>;
}

/** How many matching documents are scored per query, at most. */
export const CANDIDATES = 400;
export const MAX_PER_PAGE = 50;

/** One candidate from the index: its row id and score (higher is better). */
export interface Candidate {
  readonly rowId: number;
  readonly score: number;
}

/** A parsed query as the engines receive it. */
export interface EngineQuery {
  readonly terms: readonly string[];
  readonly locale: SearchLocale;
  readonly type?: SearchType;
  readonly kind?: string;
  readonly procedure?: string;
  readonly prefix: boolean;
  readonly limit: number;
}

export interface StoredRow {
  readonly id: number;
  readonly type: string;
  readonly doc_id: string;
  readonly title: string;
  readonly summary: string;
  readonly body: string;
  readonly url: string;
  readonly kind: string | null;
  readonly published_at: unknown;
}

/** What each engine implements; ranking, paging and snippets are shared (SearchEngineIndex). */
export interface SearchEngine {
  upsert(trx: Trx, doc: SearchDocument): Promise<void>;
  upsertMany(trx: Trx, docs: readonly SearchDocument[]): Promise<void>;
  remove(trx: Trx, type: SearchType, id: string): Promise<void>;
  clear(trx: Trx): Promise<void>;
  /** Up to `limit` matching rows, newest first, each with its score. */
  candidates(query: EngineQuery): Promise<Candidate[]>;
  /** The lowest and highest row ids in the index (for estimating large totals). */
  idRange(): Promise<{ min: number; max: number } | null>;
  rows(ids: readonly number[]): Promise<StoredRow[]>;
}


class SearchEngineIndex implements SearchIndex {
  constructor(private readonly engine: SearchEngine) {}

  upsert(trx: Trx, doc: SearchDocument): Promise<void> {
    return this.engine.upsert(trx, doc);
  }

  upsertMany(trx: Trx, docs: readonly SearchDocument[]): Promise<void> {
    return this.engine.upsertMany(trx, docs);
  }

  remove(trx: Trx, type: SearchType, id: string): Promise<void> {
    return this.engine.remove(trx, type, id);
  }

  clear(trx: Trx): Promise<void> {
    return this.engine.clear(trx);
  }

  async search(query: SearchQuery): Promise<SearchResults> {
    const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(query.perPage ?? 10)));
    const maxPage = Math.max(1, Math.ceil(CANDIDATES / perPage));
    const page = Math.min(maxPage, Math.max(1, Math.floor(Number.isFinite(query.page) ? (query.page as number) : 1)));
    const terms = parseQuery(query.text);
    const empty: SearchResults = { terms, hits: [], total: 0, estimated: false, page: 1, perPage, pages: 0 };
    if (!terms.length) return empty;
    const engineQuery: EngineQuery = {
      terms,
      locale: query.locale,
      prefix: query.prefix ?? false,
      limit: CANDIDATES,
      ...(query.type ? { type: query.type } : {}),
      ...(query.kind ? { kind: facetToken(query.kind) } : {}),
      ...(query.procedure ? { procedure: facetToken(query.procedure) } : {}),
    };
    if ((query.kind !== undefined && !engineQuery.kind) || (query.procedure !== undefined && !engineQuery.procedure)) return empty;
    const candidates = await this.engine.candidates(engineQuery);
    if (!candidates.length) return empty;
    let total = candidates.length;
    let estimated = false;
    if (candidates.length >= CANDIDATES) {
      // Candidates come newest first: the share of the id range they span estimates the rest.
      const range = await this.engine.idRange();
      const reached = candidates[candidates.length - 1]?.rowId ?? 0;
      if (range) {
        const spanned = Math.max(1, range.max - reached + 1);
        total = Math.max(CANDIDATES, Math.round((CANDIDATES * (range.max - range.min + 1)) / spanned));
        estimated = total > CANDIDATES;
        total = roughly(total);
      }
    }
    const ranked = [...candidates].sort((a, b) => b.score - a.score || b.rowId - a.rowId);
    const shown = ranked.slice((page - 1) * perPage, page * perPage);
    const rows = new Map((await this.engine.rows(shown.map((c) => c.rowId))).map((r) => [Number(r.id), r]));
    const hits: SearchHit[] = [];
    const hit = wordMatcher(query.locale, terms, engineQuery.prefix);
    for (const c of shown) {
      const row = rows.get(c.rowId);
      if (!row) continue;
      // The passage comes from the body when the words are there, else from the summary.
      const source = !row.summary || containsMatch(row.body, hit) ? row.body : row.summary;
      hits.push({
        type: row.type as SearchType,
        id: row.doc_id,
        url: row.url,
        titleHtml: highlight(row.title, hit),
        snippetHtml: snippet(source, hit),
        kind: row.kind,
        publishedAt: readTimeOrNull(row.published_at),
      });
    }
    const pages = Math.min(maxPage, Math.ceil(Math.min(total, candidates.length) / perPage));
    return { terms, hits, total, estimated, page, perPage, pages };
  }
}

/** Two significant digits: 41,234 -> 41,000. */
function roughly(n: number): number {
  if (n < 100) return n;
  const magnitude = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / magnitude) * magnitude;
}

const indexes = new WeakMap<object, SearchIndex>();

/** The search index of this database (one per database handle). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function searchIndex(db: Db | Kysely<any>): SearchIndex {
  let index = indexes.get(db);
  if (!index) {
    index = new SearchEngineIndex(dialectOf(db) === 'postgres' ? new PostgresSearchIndex(db as Db) : new SqliteSearchIndex(db as Db));
    indexes.set(db, index);
  }
  return index;
}

/** A feature's published documents, for rebuilding the index. */
export interface SearchSource {
  readonly type: SearchType;
  documents(db: Db | Trx): AsyncIterable<SearchDocument>;
}

const sources = new Map<SearchType, SearchSource>();

/** Registers where a type's documents come from (each feature, at import). */
export function registerSearchSource(source: SearchSource): void {
  sources.set(source.type, source);
}

export function searchSources(): readonly SearchSource[] {
  return [...sources.values()];
}

/**
 * The format of the index this code writes. Raise it whenever the same text would be indexed
 * differently (a stemmer or folding change): each database then rebuilds its index on its next
 * start (reindexIfStale). 2: accents folded before stemming, on both engines.
 */
export const INDEX_FORMAT = 2;

/** Empties the index and fills it again from every registered source, in one transaction. */
export async function reindex(db: Db): Promise<Record<string, number>> {
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('search_index_format').set({ version: INDEX_FORMAT }).execute();
    return rebuild(searchIndex(db), trx);
  });
}

/**
 * Rebuilds the index when it was written in an older format (after an upgrade) and returns the
 * counts, or null when it is current. Several processes may start at once: the first takes the
 * format row and rebuilds; the others wait on that row, then find the work done. An index
 * written by newer code is left alone, so an older process (a rolling deploy) does not undo it.
 */
export async function reindexIfStale(db: Db): Promise<Record<string, number> | null> {
  const row = await db.selectFrom('search_index_format').select('version').executeTakeFirst();
  if (!row || row.version >= INDEX_FORMAT) return null;
  return db.transaction().execute(async (trx) => {
    const taken = await trx.updateTable('search_index_format').set({ version: INDEX_FORMAT }).where('version', '<', INDEX_FORMAT).executeTakeFirst();
    return taken.numUpdatedRows > 0n ? rebuild(searchIndex(db), trx) : null;
  });
}

/** Empties the index and fills it from every registered source, in the caller's transaction. */
async function rebuild(index: SearchIndex, trx: Trx): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await index.clear(trx);
  for (const source of searchSources()) {
    let count = 0;
    let batch: SearchDocument[] = [];
    for await (const doc of source.documents(trx)) {
      batch.push(doc);
      count += 1;
      if (batch.length >= 200) {
        await index.upsertMany(trx, batch);
        batch = [];
      }
    }
    await index.upsertMany(trx, batch);
    counts[source.type] = count;
  }
  return counts;
}
