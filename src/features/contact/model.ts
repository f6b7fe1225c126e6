import type { Locale } from '../../core/i18n/index.js';

export const CONTACT_TOPICS = ['general', 'procedures', 'appointments', 'billing', 'website', 'privacy'] as const;
export type ContactTopic = (typeof CONTACT_TOPICS)[number];

export const CONTACT_STATUSES = ['new', 'open', 'closed'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

export interface ContactMessage {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly topic: ContactTopic;
  readonly message: string;
  readonly locale: Locale;
  readonly status: ContactStatus;
  readonly assignedTo: string | null;
  readonly assignedName: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface ContactEntry {
  readonly id: string;
  readonly kind: 'note' | 'reply';
  readonly authorName: string | null;
  readonly body: string;
  readonly createdAt: Date;
}
