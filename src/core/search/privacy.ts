import { defineNonPersonalData, type NonPersonalDeclaration } from '../privacy/registry.js';

defineNonPersonalData(
  {
    table: 'search_documents',
    owner: 'search',
    columns: ['id', 'type', 'doc_id', 'locale', 'title', 'summary', 'body', 'url', 'kind', 'procedures', 'authors', 'published_at', 'updated_at'],
  },
  { table: 'search_index_format', owner: 'search', columns: ['version'] },
  { table: 'search_vectors', owner: 'search', columns: ['id', 'locale', 'tsv'], dialect: 'postgres' },
  // SQLite's FTS5 index of each language and its shadow tables: one reason for all of them.
  ...(['en', 'es'] as const).flatMap((locale): NonPersonalDeclaration[] => [
    { table: `search_fts_${locale}`, owner: 'search', sharedWhy: 'search_fts', columns: ['title', 'summary', 'body', 'tags'], dialect: 'sqlite' },
    { table: `search_fts_${locale}_config`, owner: 'search', sharedWhy: 'search_fts', columns: ['k', 'v'], dialect: 'sqlite' },
    { table: `search_fts_${locale}_data`, owner: 'search', sharedWhy: 'search_fts', columns: ['id', 'block'], dialect: 'sqlite' },
    { table: `search_fts_${locale}_docsize`, owner: 'search', sharedWhy: 'search_fts', columns: ['id', 'sz', 'origin'], dialect: 'sqlite' },
    { table: `search_fts_${locale}_idx`, owner: 'search', sharedWhy: 'search_fts', columns: ['segid', 'term', 'pgno'], dialect: 'sqlite' },
  ]),
);
