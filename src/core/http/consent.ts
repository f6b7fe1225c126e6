import type { FastifyRequest } from 'fastify';
import { declareCookie } from './cookies.js';

/** The cookie that remembers a visitor's cookie choices. Strictly necessary: it holds only the choice. */
export const CONSENT_COOKIE = declareCookie({ name: 'sutura_consent', purpose: 'consent.cookie.consent', lasts: 'consent.cookie.yearLasts' });

export const CONSENT_CATEGORIES = ['preferences', 'analytics', 'advertising'] as const;
export type ConsentCategory = (typeof CONSENT_CATEGORIES)[number];

/** What a visitor allowed. Strictly necessary cookies need no consent and are not listed. */
export interface Consent {
  /** The visitor has made a choice (the banner is no longer shown). */
  readonly decided: boolean;
  /** The browser sends Global Privacy Control or Do Not Track: advertising and sharing stay off. */
  readonly optOutSignal: boolean;
  /** A random id tying this browser's choices together in the consent records. */
  readonly id: string | null;
  readonly preferences: boolean;
  readonly analytics: boolean;
  readonly advertising: boolean;
}

/**
 * The cookie's value: `v1.<id>.<p><a><d>`, one digit per category. Anything else counts as no
 * choice made, so a damaged cookie brings the banner back instead of assuming consent.
 */
export function formatConsentCookie(id: string, choice: Readonly<Record<ConsentCategory, boolean>>): string {
  return `v1.${id}.${CONSENT_CATEGORIES.map((c) => (choice[c] ? '1' : '0')).join('')}`;
}

export function readConsent(request: Pick<FastifyRequest, 'cookies' | 'headers'>): Consent {
  const optOutSignal = request.headers['sec-gpc'] === '1' || request.headers.dnt === '1';
  const match = /^v1\.([A-Za-z0-9_-]{8,40})\.([01]{3})$/.exec(request.cookies[CONSENT_COOKIE] ?? '');
  if (!match) return { decided: false, optOutSignal, id: null, preferences: false, analytics: false, advertising: false };
  const [p, a, d] = match[2]!.split('').map((x) => x === '1');
  return { decided: true, optOutSignal, id: match[1]!, preferences: p!, analytics: a!, advertising: d! && !optOutSignal };
}
