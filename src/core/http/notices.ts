import type { FastifyRequest } from 'fastify';

/**
 * A notice shown at the top of every public page (a new policy version, a security incident):
 * already translated, with an optional link and an optional "dismiss" form.
 */
export interface SiteNotice {
  /** Identifies the notice's state for the page cache (pages with and without it are kept apart). */
  readonly key: string;
  readonly tone: 'info' | 'warning';
  readonly title: string;
  readonly text: string;
  readonly link?: { readonly href: string; readonly label: string };
  /** A POST form that hides the notice (a strictly necessary cookie). */
  readonly dismiss?: { readonly action: string; readonly label: string; readonly returnTo: string };
}

/**
 * A feature that shows site notices. `refresh` runs before the page cache is consulted and must
 * be cheap (an in-memory copy refreshed now and then); `notices` is synchronous.
 */
export interface SiteNoticeSource {
  refresh(): Promise<void>;
  notices(request: FastifyRequest): readonly SiteNotice[];
}
