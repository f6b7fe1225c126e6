import type { DbJson, DbTime } from '../db/types.js';

export interface JobsTable {
  id: string;
  name: string;
  payload: DbJson;
  status: string;
  attempts: number;
  max_attempts: number;
  run_at: DbTime;
  lease_until: DbTime | null;
  locked_by: string | null;
  last_error: string | null;
  request_id: string | null;
  created_at: DbTime;
  updated_at: DbTime;
  finished_at: DbTime | null;
}

export interface JobSchedulesTable {
  name: string;
  cron: string;
  next_run_at: DbTime;
  last_run_at: DbTime | null;
}

declare module '../db/types.js' {
  interface Database {
    jobs: JobsTable;
    job_schedules: JobSchedulesTable;
  }
}
