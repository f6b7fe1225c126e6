/** Every role a person can hold; one person may hold several. */
export const ROLES = ['member', 'professional', 'editor', 'moderator', 'privacy_officer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Roles that make someone staff (they use the back office). */
export const STAFF_ROLES: readonly Role[] = ['editor', 'moderator', 'privacy_officer', 'admin'];

/** Who is making a request: a signed-in person, or nobody. */
export interface Actor {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly roles: readonly Role[];
  readonly sessionId: string;
  /** Their preference to see sensitive images unblurred (registered accounts are adults). */
  readonly revealSensitiveMedia: boolean;
}
