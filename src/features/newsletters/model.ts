import type { Locale } from '../../core/i18n/index.js';

export const SUBSCRIBER_STATUSES = ['pending', 'active', 'unsubscribed'] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

/** draft -> scheduled -> sending -> sent; a scheduled issue can go back to draft (cancelled). */
export const ISSUE_STATUSES = ['draft', 'scheduled', 'sending', 'sent'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

export type DeliveryStatus = 'queued' | 'sent' | 'failed' | 'skipped';

export type ConsentEvent = 'requested' | 'confirmed' | 'preferences' | 'unsubscribed';

export interface NewsletterList {
  readonly id: string;
  readonly slug: string;
  readonly names: Readonly<Record<Locale, string>>;
  readonly descriptions: Readonly<Record<Locale, string>>;
}

export interface Edition {
  readonly subject: string;
  readonly body: string;
}

/** One issue, in the practice's default language (English) and optionally Spanish. */
export type Editions = { readonly en: Edition } & { readonly [L in Exclude<Locale, 'en'>]?: Edition };

export interface Issue {
  readonly id: string;
  readonly listId: string;
  readonly editions: Editions;
  readonly status: IssueStatus;
  readonly scheduledAt: Date | null;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
  readonly recipients: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface IssueProgress {
  readonly queued: number;
  readonly sent: number;
  readonly failed: number;
  readonly skipped: number;
  readonly opened: number;
}

export interface Subscriber {
  readonly id: string;
  readonly email: string;
  readonly locale: Locale;
  readonly status: SubscriberStatus;
  readonly tracking: boolean;
  readonly listIds: readonly string[];
  readonly confirmedAt: Date | null;
  readonly createdAt: Date;
}

export interface Consent {
  readonly event: ConsentEvent;
  readonly lists: readonly string[];
  readonly tracking: boolean;
  readonly source: string | null;
  readonly policyVersion: string;
  readonly createdAt: Date;
}

/** The edition a reader gets: their language when written, else the default. */
export function editionFor(editions: Editions, locale: Locale): Edition {
  return editions[locale as 'es'] ?? editions.en;
}
