import type { DbBool, DbTime } from '../../core/db/types.js';

export interface PolicyVersionsTable {
  id: string;
  document: string;
  version: number;
  body_en: string;
  body_es: string;
  summary_en: string;
  summary_es: string;
  material: DbBool;
  /** draft | published */
  status: string;
  effective_at: DbTime | null;
  published_at: DbTime | null;
  created_by: string | null;
  created_at: DbTime;
  updated_at: DbTime;
}

export interface PolicyAcceptancesTable {
  id: string;
  user_id: string;
  document: string;
  version: number;
  accepted_at: DbTime;
}

declare module '../../core/db/types.js' {
  interface Database {
    policy_versions: PolicyVersionsTable;
    policy_acceptances: PolicyAcceptancesTable;
  }
}
