import type { DbTime } from '../../core/db/types.js';

export interface ProfessionalProfilesTable {
  user_id: string;
  slug: string;
  licence_number: string;
  licence_region: string;
  specialty: string;
  board: string;
  practice_name: string;
  bio: string;
  photo_media_id: string | null;
  status: string;
  reason: string | null;
  reviewed_by: string | null;
  reviewed_at: DbTime | null;
  created_at: DbTime;
  updated_at: DbTime;
}

declare module '../../core/db/types.js' {
  interface Database {
    professional_profiles: ProfessionalProfilesTable;
  }
}
