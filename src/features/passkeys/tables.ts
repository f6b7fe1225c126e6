import type { DbBool, DbJson, DbTime } from '../../core/db/types.js';

export interface WebauthnCredentialsTable {
  /** The credential id the authenticator chose, base64url. */
  id: string;
  user_id: string;
  /** COSE public key, base64url: not a secret. */
  public_key: string;
  counter: number | string;
  transports: DbJson;
  backed_up: DbBool;
  /** The person's own label, e.g. "Work laptop". */
  name: string;
  created_at: DbTime;
  last_used_at: DbTime | null;
}

export interface WebauthnChallengesTable {
  challenge: string;
  purpose: string;
  user_id: string | null;
  expires_at: DbTime;
}

declare module '../../core/db/types.js' {
  interface Database {
    webauthn_credentials: WebauthnCredentialsTable;
    webauthn_challenges: WebauthnChallengesTable;
  }
}
