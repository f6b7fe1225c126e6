export type { Locale } from '../../core/i18n/locales.js';

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

