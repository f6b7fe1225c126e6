import type { Locale } from '../../core/i18n/locales.js';
import type { StoredFile, StoredImage } from '../../core/media/index.js';
import type { DiffSegment } from '../../core/text/diff.js';

export const ITEM_KINDS = ['study', 'white_paper', 'video', 'article', 'photo_set'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const ITEM_STATUSES = ['draft', 'submitted', 'returned', 'published', 'removed'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Why a moderator removed a published item (shown on its tombstone). */
export const REMOVAL_REASONS = ['copyright', 'consent', 'misinformation', 'legal', 'other'] as const;
export type RemovalReason = (typeof REMOVAL_REASONS)[number];

export const FILE_ROLES = ['document', 'video', 'image', 'cover'] as const;
export type FileRole = (typeof FILE_ROLES)[number];

/** Which files each kind takes, besides an optional cover image. */
export const KIND_FILES: Readonly<Record<ItemKind, FileRole | null>> = {
  study: 'document',
  white_paper: 'document',
  video: 'video',
  article: null,
  photo_set: 'image',
};

/** The content licence in force: a new version asks every uploader again. */
export const LICENCE_VERSION = '2026-12-06';

export interface Reference {
  readonly label: string;
  readonly doi?: string;
  readonly pmid?: string;
}

export interface ItemAuthor {
  readonly userId: string | null;
  readonly name: string;
  /** The public profile slug of a Sutura professional. */
  readonly slug?: string | null;
}

export interface ItemFile {
  readonly id: string;
  readonly mediaId: string;
  readonly role: FileRole;
  readonly alt: string;
  readonly kind: 'image' | 'video' | 'pdf';
  /** An image's variants, or a video's poster / a PDF's first page. */
  readonly image: StoredImage;
  /** The video or PDF itself. */
  readonly file: StoredFile | null;
}

export interface LibraryItem {
  readonly id: string;
  readonly slug: string;
  readonly locale: Locale;
  readonly kind: ItemKind;
  readonly title: string;
  readonly summary: string;
  readonly bodyMd: string;
  readonly bodyHtml: string;
  readonly references: readonly Reference[];
  readonly nudity: boolean;
  readonly status: ItemStatus;
  readonly ownerId: string | null;
  readonly revision: number;
  readonly returnReason: string | null;
  readonly removalReason: RemovalReason | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly publishedAt: Date | null;
  readonly removedAt: Date | null;
  readonly authors: readonly ItemAuthor[];
  readonly procedures: readonly string[];
}

export interface FullItem extends LibraryItem {
  readonly files: readonly ItemFile[];
}

/** An item's text: what a suggested edit proposes. */
export interface TextSnapshot {
  readonly title: string;
  readonly summary: string;
  readonly body: string;
}

/**
 * An author as a revision keeps them: a Sutura professional by account id only (the name is
 * read from the account when shown, so an erased person's name is not left in the history),
 * or an external author by name.
 */
export type SnapshotAuthor = { readonly userId: string } | { readonly name: string };

export interface SnapshotFile {
  readonly mediaId: string;
  readonly role: FileRole;
  readonly alt: string;
}

/** Everything a revision keeps of a published item: its text, authors, references, procedures and files. */
export interface Snapshot extends TextSnapshot {
  readonly authors: readonly SnapshotAuthor[];
  readonly references: readonly Reference[];
  readonly procedures: readonly string[];
  readonly files: readonly SnapshotFile[];
}

/** What made a revision: its first publication, an edit, a file added or removed, a restore, an accepted suggestion. */
export const REVISION_CHANGES = ['published', 'edited', 'file_added', 'file_removed', 'restored', 'suggestion'] as const;
export type RevisionChange = (typeof REVISION_CHANGES)[number];

export interface Revision {
  readonly number: number;
  readonly authorName: string | null;
  readonly change: RevisionChange;
  /** The revision a restore brought back. */
  readonly restoredFrom: number | null;
  /** The editor's own words (empty when they gave none). */
  readonly summary: string;
  readonly snapshot: Snapshot;
  readonly createdAt: Date;
}

/** Entries added and removed between two revisions, as labels; a null author label is a former member. */
export interface ListChange {
  readonly added: readonly (string | null)[];
  readonly removed: readonly (string | null)[];
}

/** What changed between two revisions: the text word by word, and the lists entry by entry. */
export interface RevisionChanges {
  readonly text: readonly DiffSegment[];
  readonly authors: ListChange;
  readonly references: ListChange;
  readonly procedures: ListChange;
  readonly files: ListChange;
}

export interface Suggestion {
  readonly id: string;
  readonly itemId: string;
  readonly authorId: string | null;
  readonly authorName: string | null;
  readonly baseRevision: number;
  readonly snapshot: TextSnapshot;
  readonly note: string;
  readonly status: 'pending' | 'accepted' | 'rejected';
  readonly createdAt: Date;
}

