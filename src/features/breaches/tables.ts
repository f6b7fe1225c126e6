import type { DbJson, DbTime } from '../../core/db/types.js';

export interface BreachIncidentsTable {
  id: string;
  title: string;
  description_en: string;
  description_es: string;
  actions_en: string;
  actions_es: string;
  advice_en: string;
  advice_es: string;
  categories: DbJson;
  /** all | selected */
  scope: string;
  occurred_at: DbTime | null;
  discovered_at: DbTime;
  notices_sent_at: DbTime | null;
  banner_published_at: DbTime | null;
  banner_withdrawn_at: DbTime | null;
  created_by: string | null;
  created_at: DbTime;
  updated_at: DbTime;
}

export interface BreachRecipientsTable {
  id: string;
  incident_id: string;
  user_id: string | null;
  notified_at: DbTime | null;
  created_at: DbTime;
}

declare module '../../core/db/types.js' {
  interface Database {
    breach_incidents: BreachIncidentsTable;
    breach_recipients: BreachRecipientsTable;
  }
}
