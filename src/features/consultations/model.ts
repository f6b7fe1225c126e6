import type { Locale } from '../../core/i18n/index.js';

export const CONTACT_METHODS = ['email', 'phone', 'either'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

export const CONTACT_TIMES = ['mornings', 'afternoons', 'evenings'] as const;
export type ContactTime = (typeof CONTACT_TIMES)[number];

export const CONSULTATION_STATUSES = ['new', 'contacted', 'scheduled', 'closed'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

/** What a sanitised photo was; the bytes themselves are sealed in storage. */
export interface PhotoMeta {
  readonly mime: 'image/jpeg';
  readonly width: number;
  readonly height: number;
  readonly bytes: number;
}

/**
 * A request as the back office lists it: contact details and choices, no medical text. The
 * sealed message stays in the store's row type and is opened only by the service.
 */
export interface ConsultationSummary {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly phone: string | null;
  readonly preferredMethod: ContactMethod;
  readonly preferredTimes: readonly ContactTime[];
  /** Guide slugs. */
  readonly procedures: readonly string[];
  readonly hasPhoto: boolean;
  readonly locale: Locale;
  readonly status: ConsultationStatus;
  readonly assignedTo: string | null;
  readonly assignedName: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A request opened for a staff member the policy allows: the message decrypted. */
export interface ConsultationDetail extends ConsultationSummary {
  readonly message: string;
  readonly photo: PhotoMeta | null;
}

export interface ConsultationNote {
  readonly id: string;
  readonly authorName: string | null;
  readonly body: string;
  readonly createdAt: Date;
}

/** What a visitor asks for, once the form is valid. */
export interface ConsultationInput {
  readonly name: string;
  readonly email: string;
  readonly phone: string | null;
  readonly preferredMethod: ContactMethod;
  readonly preferredTimes: readonly ContactTime[];
  readonly procedures: readonly string[];
  readonly message: string;
}
