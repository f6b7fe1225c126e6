import type { DbBool, DbTime } from '../../core/db/types.js';

export interface CookieConsentsTable {
  id: string;
  /** The random id in the browser's consent cookie: ties one browser's choices together. */
  consent_id: string;
  preferences: DbBool;
  analytics: DbBool;
  advertising: DbBool;
  /** The browser sent Global Privacy Control or Do Not Track with this choice. */
  opt_out_signal: DbBool;
  policy_version: string;
  created_at: DbTime;
}

export interface PrivacyRequestsTable {
  id: string;
  kind: string;
  name: string;
  email: string;
  jurisdiction: string;
  details: string;
  locale: string;
  status: string;
  confirm_hash: string | null;
  confirm_expires_at: DbTime | null;
  confirmed_at: DbTime | null;
  /** The legal deadline, from the confirmation: 30 days (GDPR) or 45 (CCPA), configurable. */
  due_at: DbTime | null;
  closed_at: DbTime | null;
  /** The privacy policy in force when the request was made. */
  policy_version?: string | null;
  created_at: DbTime;
  updated_at: DbTime;
}

/** The officer's notes, messages sent to the requester, and closing answers. */
export interface PrivacyRequestEntriesTable {
  id: string;
  request_id: string;
  kind: string;
  author_id: string | null;
  body: string;
  created_at: DbTime;
}

declare module '../../core/db/types.js' {
  interface Database {
    cookie_consents: CookieConsentsTable;
    privacy_requests: PrivacyRequestsTable;
    privacy_request_entries: PrivacyRequestEntriesTable;
  }
}

/** A data export: pending -> ready (the ZIP in private storage until expires_at) | failed. */
export interface PrivacyExportsTable {
  id: string;
  user_id: string | null;
  email: string | null;
  request_id: string | null;
  locale: string;
  status: string;
  /** SHA-256 of the download link's secret, set when the ZIP is ready. */
  token_hash: string | null;
  file_key: string | null;
  bytes: number | null;
  created_at: DbTime;
  ready_at: DbTime | null;
  expires_at: DbTime;
}

declare module '../../core/db/types.js' {
  interface Database {
    privacy_exports: PrivacyExportsTable;
  }
}
