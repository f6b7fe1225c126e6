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

/** A browser that has signed in to an account: only a hash of its device id, tied to the account. */
export interface KnownDevicesTable {
  user_id: string;
  device_hash: string;
  /** Coarse names from the user agent ("Firefox", "Linux"), no versions; null when unrecognised. */
  browser: string | null;
  os: string | null;
  first_seen_at: DbTime;
  last_seen_at: DbTime;
}

declare module '../../core/db/types.js' {
  interface Database {
    professional_profiles: ProfessionalProfilesTable;
    known_devices: KnownDevicesTable;
  }
}
