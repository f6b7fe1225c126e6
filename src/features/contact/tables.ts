import type { DbTime } from '../../core/db/types.js';

export interface ContactMessagesTable {
  id: string;
  name: string;
  email: string;
  topic: string;
  message: string;
  locale: string;
  status: string;
  assigned_to: string | null;
  /** The privacy-policy version in force when the message was sent. */
  policy_version?: string | null;
  created_at: DbTime;
  updated_at: DbTime;
}

/** A staff note (internal) or a reply (emailed to the sender). */
export interface ContactEntriesTable {
  id: string;
  message_id: string;
  kind: string;
  author_id: string | null;
  body: string;
  created_at: DbTime;
}

declare module '../../core/db/types.js' {
  interface Database {
    contact_messages: ContactMessagesTable;
    contact_entries: ContactEntriesTable;
  }
}
