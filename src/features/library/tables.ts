import type { DbBool, DbJson, DbTime } from '../../core/db/types.js';

export interface LibraryItemsTable {
  id: string;
  slug: string;
  locale: string;
  /** study | white_paper | video | article | photo_set */
  kind: string;
  title: string;
  summary: string;
  body_md: string;
  /** Rendered at save time (raw HTML off, unsafe links dropped). */
  body_html: string;
  /** References: [{ label, doi?, pmid? }] */
  refs: DbJson;
  nudity: DbBool;
  /** draft | submitted | returned | published | removed */
  status: string;
  owner_id: string | null;
  /** The number of the latest revision (0 until first published). */
  revision: number;
  return_reason: string | null;
  /** A removal's reason category (copyright, consent, medical_misinformation, legal, other). */
  removal_reason: string | null;
  created_at: DbTime;
  updated_at: DbTime;
  submitted_at: DbTime | null;
  published_at: DbTime | null;
  removed_at: DbTime | null;
}

export interface LibraryItemAuthorsTable {
  item_id: string;
  position: number;
  /** A Sutura professional, or null for an external author known by name only. */
  user_id: string | null;
  name: string;
}

export interface LibraryItemProceduresTable {
  item_id: string;
  /** A guide's slug: the same procedure taxonomy as the guides. */
  procedure: string;
}

export interface LibraryFilesTable {
  id: string;
  item_id: string;
  media_id: string;
  /** document (PDF) | video | image (photo set) | cover */
  role: string;
  position: number;
  alt: string;
  created_at: DbTime;
}

export interface LibraryRevisionsTable {
  id: string;
  item_id: string;
  number: number;
  author_id: string | null;
  /** The editor's own words. */
  summary: string;
  /** published | edited | file_added | file_removed | restored | suggestion */
  change: string;
  /** The revision a restore brought back. */
  restored_from: number | null;
  /** { title, summary, body, authors: [{ userId } | { name }], references, procedures, files: [{ mediaId, role, alt }] } */
  snapshot: DbJson;
  created_at: DbTime;
}

export interface LibrarySuggestionsTable {
  id: string;
  item_id: string;
  author_id: string | null;
  base_revision: number;
  /** { title, summary, body } */
  snapshot: DbJson;
  note: string;
  /** pending | accepted | rejected */
  status: string;
  decided_by: string | null;
  decided_at: DbTime | null;
  created_at: DbTime;
}

export interface LibraryLicenceAcceptancesTable {
  id: string;
  user_id: string;
  version: string;
  accepted_at: DbTime;
}

declare module '../../core/db/types.js' {
  interface Database {
    library_items: LibraryItemsTable;
    library_item_authors: LibraryItemAuthorsTable;
    library_item_procedures: LibraryItemProceduresTable;
    library_files: LibraryFilesTable;
    library_revisions: LibraryRevisionsTable;
    library_suggestions: LibrarySuggestionsTable;
    library_licence_acceptances: LibraryLicenceAcceptancesTable;
  }
}
