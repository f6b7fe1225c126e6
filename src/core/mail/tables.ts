import type { DbJson, DbTime } from '../db/types.js';

export interface MailMessagesTable {
  id: string;
  to_address: string;
  subject: string;
  html: string;
  text: string;
  headers: DbJson;
  category: string;
  template: string;
  locale: string;
  status: string;
  message_id: string | null;
  last_error: string | null;
  created_at: DbTime;
  sent_at: DbTime | null;
}

declare module '../db/types.js' {
  interface Database {
    mail_messages: MailMessagesTable;
  }
}
