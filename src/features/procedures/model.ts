import type { Locale } from '../../core/i18n/locales.js';

export type { Locale };

/** The domain vocabulary of procedure guides, shared by store, service, views and importer. */

/** The fixed section structure of a procedure guide; `custom` carries its own heading. */
export const SECTION_KINDS = [
  'overview',
  'candidates',
  'risks',
  'planning',
  'preparing',
  'facility',
  'anesthesia',
  'procedure',
  'recovery',
  'back-to-normal',
  'results',
  'custom',
] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

/** Body areas that group the guide index. */
export const GUIDE_CATEGORIES = ['face', 'eyes', 'neck', 'skin', 'breast', 'body'] as const;
export type GuideCategory = (typeof GUIDE_CATEGORIES)[number];

export const GUIDE_STATUSES = ['draft', 'published'] as const;
export type GuideStatus = (typeof GUIDE_STATUSES)[number];


/** One line of a guide's index or admin list. */
export interface GuideSummary {
  readonly id: string;
  readonly slug: string;
  readonly locale: Locale;
  readonly category: GuideCategory;
  readonly title: string;
  readonly summary: string;
  readonly status: GuideStatus;
  readonly revision: number;
  readonly publishedAt: Date | null;
  readonly updatedAt: Date;
}

export interface GuideSection {
  readonly id: string;
  readonly position: number;
  readonly kind: SectionKind;
  readonly heading: string | null;
  readonly bodyMd: string;
  readonly bodyHtml: string;
}

export interface GuideFigure {
  readonly id: string;
  readonly sectionId: string | null;
  readonly position: number;
  readonly mediaId: string | null;
  readonly alt: string;
  readonly caption: string;
}

export interface Guide extends GuideSummary {
  readonly sections: readonly GuideSection[];
  readonly figures: readonly GuideFigure[];
  readonly relatedIds: readonly string[];
}

/** A section as readers see it: rendered HTML only. */
export interface PublicSection {
  readonly id: string;
  readonly kind: SectionKind;
  readonly heading: string | null;
  readonly bodyHtml: string;
}

/** A published guide as its public page shows it. */
export interface PublicGuide extends GuideSummary {
  readonly sections: readonly PublicSection[];
  readonly figures: readonly GuideFigure[];
}

/** Everything a revision keeps: enough to show, diff and restore a guide as it was. */
export interface GuideSnapshot {
  readonly slug: string;
  readonly category: GuideCategory;
  readonly title: string;
  readonly summary: string;
  readonly status: GuideStatus;
  readonly sections: readonly { readonly kind: SectionKind; readonly heading: string | null; readonly bodyMd: string }[];
  readonly figures: readonly { readonly section: number | null; readonly mediaId: string | null; readonly alt: string; readonly caption: string }[];
  readonly relatedIds: readonly string[];
}

export interface GuideRevision {
  readonly id: string;
  readonly number: number;
  readonly authorId: string | null;
  readonly authorName: string | null;
  readonly createdAt: Date;
  readonly note: string;
}

/** Languages a guide can be written in (all the site's languages). */
export { LOCALES as LOCALES_FOR_GUIDES } from '../../core/i18n/locales.js';
