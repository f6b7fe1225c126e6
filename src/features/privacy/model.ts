export const REQUEST_KINDS = ['access', 'deletion', 'correction', 'restriction', 'objection'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** Where the person lives, which decides the law and the deadline. */
export const JURISDICTIONS = ['us-ca', 'us-other', 'eu', 'uk', 'other'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

/** unconfirmed -> open -> (waiting for the person) -> completed | refused */
export const REQUEST_STATUSES = ['unconfirmed', 'open', 'waiting', 'completed', 'refused'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export type EntryKind = 'note' | 'message' | 'answer';

export interface PrivacyRequest {
  readonly id: string;
  readonly kind: RequestKind;
  readonly name: string;
  readonly email: string;
  readonly jurisdiction: Jurisdiction;
  readonly details: string;
  readonly locale: 'en' | 'es';
  readonly status: RequestStatus;
  readonly confirmedAt: Date | null;
  readonly dueAt: Date | null;
  readonly closedAt: Date | null;
  readonly createdAt: Date;
}

export interface RequestEntry {
  readonly id: string;
  readonly kind: EntryKind;
  readonly authorName: string | null;
  readonly body: string;
  readonly createdAt: Date;
}

/** California's deadline under the CCPA; everyone else gets the GDPR's (the stricter default). */
export function dueDays(jurisdiction: Jurisdiction, days: { gdpr: number; ccpa: number }): number {
  return jurisdiction === 'us-ca' ? days.ccpa : days.gdpr;
}

export function isOverdue(request: Pick<PrivacyRequest, 'status' | 'dueAt'>, now = Date.now()): boolean {
  return (request.status === 'open' || request.status === 'waiting') && request.dueAt !== null && request.dueAt.getTime() < now;
}
