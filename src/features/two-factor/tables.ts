import type { DbTime } from '../../core/db/types.js';

export interface UserTotpTable {
  user_id: string;
  /** The confirmed secret, sealed with the data keys (bound to the user id). */
  secret_sealed: string | null;
  confirmed_at: DbTime | null;
  /** The last time step a code was accepted for: codes never work twice. */
  last_step: number | string | null;
  /** A secret being set up, until its first code confirms it. */
  pending_secret_sealed: string | null;
  pending_created_at: DbTime | null;
  updated_at: DbTime;
}

export interface UserRecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: DbTime | null;
  created_at: DbTime;
}

declare module '../../core/db/types.js' {
  interface Database {
    user_totp: UserTotpTable;
    user_recovery_codes: UserRecoveryCodesTable;
  }
}
