import type { Locale } from '../../core/i18n/index.js';

/** The kinds of data an incident may involve (the notice names them). */
export const BREACH_CATEGORIES = ['contact', 'account', 'credentials', 'medical', 'photos', 'financial', 'identity'] as const;
export type BreachCategory = (typeof BREACH_CATEGORIES)[number];

export interface Incident {
  readonly id: string;
  readonly title: string;
  readonly description: Readonly<Record<Locale, string>>;
  readonly actions: Readonly<Record<Locale, string>>;
  readonly advice: Readonly<Record<Locale, string>>;
  readonly categories: readonly BreachCategory[];
  readonly scope: 'all' | 'selected';
  readonly occurredAt: Date | null;
  readonly discoveredAt: Date;
  readonly noticesSentAt: Date | null;
  readonly bannerPublishedAt: Date | null;
  readonly bannerWithdrawnAt: Date | null;
  readonly createdAt: Date;
}

export interface Recipient {
  readonly userId: string | null;
  readonly name: string | null;
  readonly email: string | null;
  readonly notifiedAt: Date | null;
}

export function bannerShown(i: Incident): boolean {
  return i.bannerPublishedAt !== null && i.bannerWithdrawnAt === null;
}

/** A clock from LEGAL.md: who must be told, by when, and whether it applies to this incident. */
export interface Deadline {
  readonly key: 'individualsFl' | 'individualsHipaa' | 'hhs' | 'floridaAg' | 'media' | 'creditAgencies';
  readonly due: Date | null;
  readonly applies: boolean | 'check';
}

const DAY = 86_400_000;

/**
 * The notification clocks (LEGAL.md, "Breach notification"): individuals within 30 days of the
 * determination under Florida FIPA 501.171 and 60 days of discovery under HIPAA 164.404; HHS at
 * the same time and the Florida Department of Legal Affairs when 500 or more are affected; credit
 * agencies above 1,000; the media when more than 500 residents of one state (to be checked).
 */
export function deadlines(i: Pick<Incident, 'discoveredAt' | 'categories'>, affected: number): Deadline[] {
  const d = i.discoveredAt.getTime();
  return [
    { key: 'individualsFl', due: new Date(d + 30 * DAY), applies: true },
    { key: 'individualsHipaa', due: new Date(d + 60 * DAY), applies: i.categories.includes('medical') ? true : 'check' },
    { key: 'hhs', due: affected >= 500 ? new Date(d + 60 * DAY) : null, applies: i.categories.includes('medical') ? (affected >= 500 ? true : 'check') : false },
    { key: 'floridaAg', due: new Date(d + 30 * DAY), applies: affected >= 500 },
    { key: 'media', due: new Date(d + 60 * DAY), applies: affected > 500 ? 'check' : false },
    { key: 'creditAgencies', due: null, applies: affected > 1000 },
  ];
}
