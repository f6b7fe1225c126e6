import type { Locale } from '../../core/i18n/locales.js';
import type { StoredFile, StoredImage } from '../../core/media/index.js';

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

/** The text a revision keeps. */
export interface Snapshot {
  readonly title: string;
  readonly summary: string;
  readonly body: string;
}

export interface Revision {
  readonly number: number;
  readonly authorName: string | null;
  readonly summary: string;
  readonly snapshot: Snapshot;
  readonly createdAt: Date;
}

export interface Suggestion {
  readonly id: string;
  readonly itemId: string;
  readonly authorId: string | null;
  readonly authorName: string | null;
  readonly baseRevision: number;
  readonly snapshot: Snapshot;
  readonly note: string;
  readonly status: 'pending' | 'accepted' | 'rejected';
  readonly createdAt: Date;
}

