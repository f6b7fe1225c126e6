import type { PracticeIdentity } from '../config/index.js';
import type { SiteNotice } from '../http/notices.js';
import type { Locale, Translate } from '../i18n/index.js';

/** What every view may know about the request: never a database handle, only data. */
export interface ViewContext {
  readonly locale: Locale;
  readonly t: Translate;
  /** The language-neutral path of this page, e.g. '/guides/necklift'. */
  readonly path: string;
  readonly publicUrl: string;
  readonly practice: PracticeIdentity;
  readonly actor: { readonly name: string; readonly isStaff: boolean } | null;
  /** The CSP nonce for the rare element that needs one (JSON-LD). */
  readonly nonce: string;
  /** Whether the person may do an action (to show only the links and buttons that work for them). */
  readonly can: (action: string) => boolean;
  /** True when the request came from htmx and wants a fragment. */
  readonly partial: boolean;
  /**
   * Set when a public page must first ask the visitor's age (AGE_GATE on, no answer yet):
   * the minimum age and the localized address to come back to after answering.
   */
  readonly ageGate?: { readonly minAge: number; readonly returnTo: string } | null;
  /** Notices at the top of public pages (a new policy version, a security incident). */
  readonly siteNotices?: readonly SiteNotice[];
  /** The cookie banner, while the visitor has made no choice (never in the back office). */
  readonly consentBanner?: { readonly returnTo: string; readonly optOutSignal: boolean } | null;
}

/** Head and social metadata of a page. */
export interface PageMeta {
  readonly title: string;
  readonly description?: string;
  /** Language-neutral canonical path; defaults to the page's own path. */
  readonly canonicalPath?: string;
  /** Languages this page exists in (for hreflang and the switcher); default: all. */
  readonly locales?: readonly Locale[];
  readonly ogType?: 'website' | 'article';
  readonly ogImage?: string;
  /** Structured data blocks, each made by `toJsonLd` (already escaped for a script element). */
  readonly jsonLd?: readonly string[];
  readonly noindex?: boolean;
  /** Extra scripts (asset names under public/) that only this page needs. */
  readonly scripts?: readonly string[];
  /** Back-office pages get the staff navigation. */
  readonly area?: 'site' | 'admin';
  /** A public page that uses htmx (the back office always loads it). */
  readonly htmx?: boolean;
}
