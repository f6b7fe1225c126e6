import type { DbBool, DbJson, DbTime } from '../../core/db/types.js';

export interface NewsletterListsTable {
  id: string;
  slug: string;
  /** `{ en, es }` */
  names: DbJson;
  descriptions: DbJson;
  position: number;
  created_at: DbTime;
}

export interface NewsletterSubscribersTable {
  id: string;
  email: string;
  /** sha256 of the address, matched against the suppression list. */
  email_hash: string;
  locale: string;
  status: string;
  confirm_hash: string | null;
  confirm_expires_at: DbTime | null;
  /** What a pending confirmation will grant: `{ lists, source, policyVersion }`. */
  pending: DbJson | null;
  tracking: DbBool;
  confirmed_at: DbTime | null;
  unsubscribed_at: DbTime | null;
  created_at: DbTime;
  updated_at: DbTime;
}

export interface NewsletterSubscriptionsTable {
  subscriber_id: string;
  list_id: string;
  created_at: DbTime;
}

/** The evidence of each choice a subscriber made: what, when, from which page, under which policy. */
export interface NewsletterConsentsTable {
  id: string;
  subscriber_id: string;
  event: string;
  lists: DbJson;
  tracking: DbBool;
  source: string | null;
  policy_version: string;
  created_at: DbTime;
}

export interface NewsletterSuppressionsTable {
  email_hash: string;
  reason: string;
  created_at: DbTime;
}

export interface NewsletterIssuesTable {
  id: string;
  list_id: string;
  /** `{ en: { subject, body }, es?: { subject, body } }`, bodies in Markdown. */
  editions: DbJson;
  status: string;
  scheduled_at: DbTime | null;
  started_at: DbTime | null;
  finished_at: DbTime | null;
  recipients: number;
  created_by: string | null;
  created_at: DbTime;
  updated_at: DbTime;
}

export interface NewsletterDeliveriesTable {
  issue_id: string;
  subscriber_id: string;
  /** Position in the send order: batches are ranges of it. */
  seq: number;
  status: string;
  sent_at: DbTime | null;
  opened_at: DbTime | null;
  error: string | null;
}

declare module '../../core/db/types.js' {
  interface Database {
    newsletter_lists: NewsletterListsTable;
    newsletter_subscribers: NewsletterSubscribersTable;
    newsletter_subscriptions: NewsletterSubscriptionsTable;
    newsletter_consents: NewsletterConsentsTable;
    newsletter_suppressions: NewsletterSuppressionsTable;
    newsletter_issues: NewsletterIssuesTable;
    newsletter_deliveries: NewsletterDeliveriesTable;
  }
}
