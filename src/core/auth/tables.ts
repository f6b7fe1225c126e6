import type { DbBool, DbJson, DbTime } from '../db/types.js';

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  locale: string;
  created_at: DbTime;
  updated_at: DbTime;
  disabled_at: DbTime | null;
  email_verified_at: DbTime | null;
  country: string | null;
  terms_version: string | null;
  privacy_version: string | null;
  terms_accepted_at: DbTime | null;
  newsletter_opt_in: DbBool;
  reveal_sensitive_media: DbBool;
  /** Email the person when their account is signed in from a browser it has not seen (on by default). */
  new_sign_in_email: DbBool;
  /** The account's first sign-in: until then no browser is known, and the first one is learned without an email. */
  first_signed_in_at: DbTime | null;
  /** The person objected to marketing (no newsletter or other marketing mail) / to analytics; null when not. */
  objected_marketing_at: DbTime | null;
  objected_analytics_at: DbTime | null;
  /** The person restricted processing: the account is kept, used only to store it and answer them. */
  restricted_at: DbTime | null;
}

export interface UserRolesTable {
  user_id: string;
  role: string;
  granted_at: DbTime;
  granted_by: string | null;
}

export interface SessionsTable {
  id: string;
  secret_hash: string;
  user_id: string;
  created_at: DbTime;
  last_seen_at: DbTime;
  expires_at: DbTime;
  user_agent: string | null;
  remember: DbBool;
  /** Opened (or upgraded) with a second factor: a code, a passkey, or an enrolment in this session. */
  second_factor: DbBool;
}

/** Single-use emailed links (verify an address, reset a password); only a hash is stored. */
export interface AccountTokensTable {
  id: string;
  user_id: string;
  purpose: string;
  token_hash: string;
  created_at: DbTime;
  expires_at: DbTime;
  used_at: DbTime | null;
  /** For an email change: the new address, until its owner confirms it. */
  new_email: string | null;
}

/** Failed sign-ins per key: `account:<sha256 of the email typed>` or `ip:<sha256 of the address>`. */
export interface SignInThrottleTable {
  key: string;
  failures: number;
  last_failure_at: DbTime;
  blocked_until: DbTime | null;
  locked_until: DbTime | null;
}

export interface StaffInvitesTable {
  id: string;
  token_hash: string;
  email: string | null;
  roles: DbJson;
  created_at: DbTime;
  expires_at: DbTime;
  used_at: DbTime | null;
}

declare module '../db/types.js' {
  interface Database {
    users: UsersTable;
    user_roles: UserRolesTable;
    sessions: SessionsTable;
    staff_invites: StaffInvitesTable;
    account_tokens: AccountTokensTable;
    sign_in_throttle: SignInThrottleTable;
  }
}
