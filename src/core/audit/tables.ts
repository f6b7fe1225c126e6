import type { DbJson, DbTime } from '../db/types.js';

export interface AuditEventsTable {
  seq: number;
  id: string;
  at: DbTime;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  request_id: string | null;
  ip: string | null;
  change: DbJson | null;
  prev_hash: string;
  hash: string;
}

declare module '../db/types.js' {
  interface Database {
    audit_events: AuditEventsTable;
  }
}
