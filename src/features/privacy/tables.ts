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

declare module '../../core/db/types.js' {
  interface Database {
    cookie_consents: CookieConsentsTable;
  }
}
