import { defineNonPersonalData } from '../privacy/registry.js';

const WHY = 'A copy of published public content (guides, library items), rebuilt from its owner by `sutura search reindex`; authors only by their public profile slug.';
const FTS_WHY = 'SQLite full-text index of search_documents (FTS5 and its shadow tables): words of published public content.';

defineNonPersonalData(
  {
    table: 'search_documents',
    owner: 'search',
    why: WHY,
    columns: ['id', 'type', 'doc_id', 'locale', 'title', 'summary', 'body', 'url', 'kind', 'procedures', 'authors', 'published_at', 'updated_at'],
  },
  { table: 'search_index_format', owner: 'search', why: 'The format version the search index was written in (a number), to rebuild it after an upgrade.', columns: ['version'] },
  { table: 'search_vectors', owner: 'search', why: 'PostgreSQL full-text vectors of search_documents: words of published public content.', columns: ['id', 'locale', 'tsv'], dialect: 'postgres' },
  ...(['en', 'es'] as const).flatMap((locale) => [
    { table: `search_fts_${locale}`, owner: 'search', why: FTS_WHY, columns: ['title', 'summary', 'body', 'tags'], dialect: 'sqlite' as const },
    { table: `search_fts_${locale}_config`, owner: 'search', why: FTS_WHY, columns: ['k', 'v'], dialect: 'sqlite' as const },
    { table: `search_fts_${locale}_data`, owner: 'search', why: FTS_WHY, columns: ['id', 'block'], dialect: 'sqlite' as const },
    { table: `search_fts_${locale}_docsize`, owner: 'search', why: FTS_WHY, columns: ['id', 'sz', 'origin'], dialect: 'sqlite' as const },
    { table: `search_fts_${locale}_idx`, owner: 'search', why: FTS_WHY, columns: ['segid', 'term', 'pgno'], dialect: 'sqlite' as const },
  ]),
);
