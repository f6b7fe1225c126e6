import type { Actor, Role } from './roles.js';

/**
 * Who may do what: the single source of truth. Each feature's policy.ts registers its actions
 * with the roles granted; every route declares one action, and `can()` decides.
 *
 * `public` actions are open to everyone (anonymous included); `signed-in` needs any account.
 */
export type Grant = 'public' | 'signed-in' | readonly Role[];

/** An optional ownership rule checked after the role grant, e.g. "authors may edit their own drafts". */
export type OwnershipRule = (actor: Actor, resource: unknown) => boolean;

interface Rule {
  readonly grant: Grant;
  readonly owner?: OwnershipRule;
  /**
   * Open to a signed-in person who must still enrol a second factor: setting one up, and
   * signing out. Public actions are always open; everything else waits for the enrolment.
   */
  readonly beforeSecondFactor?: boolean;
}

const rules = new Map<string, Rule>();

/** Registers a feature's actions. Registering an action twice is a programming error. */
export function definePermissions(actions: Record<string, Grant | Rule>): void {
  for (const [action, value] of Object.entries(actions)) {
    if (rules.has(action)) throw new Error(`permission ${action} registered twice`);
    rules.set(action, typeof value === 'string' || Array.isArray(value) ? { grant: value as Grant } : (value as Rule));
  }
}

/** Whether an action is open to someone who must enrol a second factor first (see second-factor.ts). */
export function allowedBeforeSecondFactor(action: string): boolean {
  const rule = rules.get(action);
  return rule !== undefined && (rule.grant === 'public' || rule.beforeSecondFactor === true);
}

export function isKnownAction(action: string): boolean {
  return rules.has(action);
}

/** Every registered action and its grant (for the route x role test and the admin's view). */
export function permissionTable(): ReadonlyMap<string, Grant> {
  return new Map([...rules].map(([action, rule]) => [action, rule.grant]));
}

/** The roles an action is granted to by name (the admin, who holds every staff permission, aside). */
export function rolesGranted(action: string): readonly Role[] {
  const grant = rules.get(action)?.grant;
  return Array.isArray(grant) ? grant : [];
}

/** The admin holds every staff permission; other roles hold only what the table grants. */
export function can(actor: Actor | null, action: string, resource?: unknown): boolean {
  const rule = rules.get(action);
  if (!rule) return false;
  if (rule.grant === 'public') return true;
  if (!actor) return false;
  if (rule.grant === 'signed-in') return rule.owner ? rule.owner(actor, resource) : true;
  const granted = actor.roles.includes('admin') || actor.roles.some((r) => (rule.grant as readonly Role[]).includes(r));
  if (!granted) return false;
  return rule.owner && resource !== undefined ? rule.owner(actor, resource) : true;
}
