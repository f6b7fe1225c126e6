import type { DbJson, DbTime } from '../db/types.js';

export interface MediaTable {
  id: string;
  kind: string;
  mime: string;
  width: number | null;
  height: number | null;
  bytes: number;
  variants: DbJson;
  original_name: string | null;
  created_by: string | null;
  created_at: DbTime;
}

declare module '../db/types.js' {
  interface Database {
    media: MediaTable;
  }
}
