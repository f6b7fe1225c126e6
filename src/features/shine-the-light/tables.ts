import type { DbJson, DbTime } from '../../core/db/types.js';

/** One third party that received personal information for its own direct marketing in a year. */
export interface MarketingDisclosuresTable {
  id: string;
  year: number;
  recipient: string;
  address: string;
  categories: DbJson;
  markets: string;
  created_at: DbTime;
}

export interface ShineRequestsTable {
  id: string;
  name: string;
  email: string;
  locale: string;
  /** unconfirmed | answered | repeat (refused: already answered this calendar year) */
  status: string;
  /** The privacy-policy version in force when the request was made. */
  policy_version: string;
  confirm_hash: string | null;
  confirm_expires_at: DbTime | null;
  answer_year: number | null;
  answer: DbJson | null;
  answered_at: DbTime | null;
  created_at: DbTime;
}

declare module '../../core/db/types.js' {
  interface Database {
    marketing_disclosures: MarketingDisclosuresTable;
    shine_requests: ShineRequestsTable;
  }
}
