import type { DbJson, DbTime } from '../db/types.js';

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  locale: string;
  created_at: DbTime;
  updated_at: DbTime;
  disabled_at: DbTime | null;
}

export interface UserRolesTable {
  user_id: string;
  role: string;
  granted_at: DbTime;
  granted_by: string | null;
}

export interface SessionsTable {
  id: string;
  secret_hash: string;
  user_id: string;
  created_at: DbTime;
  last_seen_at: DbTime;
  expires_at: DbTime;
  user_agent: string | null;
}

export interface StaffInvitesTable {
  id: string;
  token_hash: string;
  email: string | null;
  roles: DbJson;
  created_at: DbTime;
  expires_at: DbTime;
  used_at: DbTime | null;
}

declare module '../db/types.js' {
  interface Database {
    users: UsersTable;
    user_roles: UserRolesTable;
    sessions: SessionsTable;
    staff_invites: StaffInvitesTable;
  }
}
