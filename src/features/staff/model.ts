import type { Role } from '../../core/auth/index.js';

/** A person with an account, as the back office lists them. */
export interface Person {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly roles: readonly Role[];
  readonly createdAt: Date;
  readonly disabledAt: Date | null;
}

/** Why staff marked an account as a minor's: a fixed list, so no free text can carry personal data. */
export const MINOR_REASONS = ['self_declared', 'guardian_request', 'staff_review', 'other'] as const;
export type MinorReason = (typeof MINOR_REASONS)[number];

/** One audit event as the back office shows it (the actor's name when the account still exists). */
export interface AuditEntry {
  readonly seq: number;
  readonly id: string;
  readonly at: Date;
  readonly actorId: string | null;
  readonly actorName: string | null;
  readonly action: string;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly requestId: string | null;
  readonly ip: string | null;
  readonly change: unknown;
}

/** The audit log's filters; every one optional. Dates are whole UTC days, `to` inclusive. */
export interface AuditFilter {
  readonly action?: string | undefined;
  readonly actor?: string | undefined;
  readonly targetType?: string | undefined;
  readonly targetId?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

export const PEOPLE_PAGE_SIZE = 50;
export const AUDIT_PAGE_SIZE = 50;
