import type { DbJson, DbTime } from '../../core/db/types.js';

/**
 * A consultation request. `message_sealed` is FieldCipher ciphertext (context
 * `consultation_requests.message:<id>`); the photo's sealed bytes are in media storage under
 * `photo_key` (context `consultation_requests.photo:<id>`).
 */
export interface ConsultationRequestsTable {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  preferred_method: string;
  /** JSON array of 'mornings' | 'afternoons' | 'evenings'. */
  preferred_times: DbJson;
  /** JSON array of guide slugs. */
  procedures: DbJson;
  message_sealed: string;
  photo_key: string | null;
  photo_meta: DbJson | null;
  locale: string;
  /** The privacy-policy version in force when the request was sent (its consent box). */
  policy_version?: string | null;
  status: string;
  assigned_to: string | null;
  created_at: DbTime;
  updated_at: DbTime;
}

/** A staff note, internal only; sealed like the message (context `consultation_notes.body:<id>`). */
export interface ConsultationNotesTable {
  id: string;
  request_id: string;
  author_id: string | null;
  body_sealed: string;
  created_at: DbTime;
}

declare module '../../core/db/types.js' {
  interface Database {
    consultation_requests: ConsultationRequestsTable;
    consultation_notes: ConsultationNotesTable;
  }
}
