import type { DbTime } from '../db/types.js';

export interface SearchDocumentsTable {
  id: number;
  type: string;
  doc_id: string;
  locale: string;
  title: string;
  summary: string;
  body: string;
  url: string;
  kind: string | null;
  /** Procedure slugs, space-separated with a space at each end (' a b '). */
  procedures: string;
  /** Author profile slugs, the same way. */
  authors: string;
  published_at: DbTime | null;
  updated_at: DbTime;
}

/** One row: the format the index was written in (see INDEX_FORMAT). */
export interface SearchIndexFormatTable {
  version: number;
}

declare module '../db/types.js' {
  interface Database {
    search_documents: SearchDocumentsTable;
    search_index_format: SearchIndexFormatTable;
  }
}
