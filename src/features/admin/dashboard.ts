import type { Actor } from '../../core/auth/index.js';
import type { Translate } from '../../core/i18n/index.js';

/** One card of the back-office dashboard: where to go, and what waits there. */
export interface DashboardCard {
  readonly href: string;
  readonly title: string;
  readonly summary: string;
  /** Something waits for this person (new messages, failed jobs): the card stands out. */
  readonly attention?: boolean;
}

/**
 * Features add a source for their card; it returns null when the person may not use the
 * feature, so each member of staff sees only what is theirs to do.
 */
export type DashboardSource = (actor: Actor, t: Translate) => Promise<DashboardCard | null>;
