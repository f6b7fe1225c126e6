import type { Actor } from '../auth/roles.js';
import type { Locale } from '../i18n/index.js';
import type { ViewContext } from '../views/context.js';
import type { Consent } from './consent.js';
import type { SiteNotice } from './notices.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission this route needs (see core/auth/permissions). Required on every route. */
    action?: string;
    /** Anonymous GETs of this route may be served from the page cache. */
    pageCache?: boolean;
    /** Skips the Origin check: only for endpoints called by other sites by design. */
    crossSite?: boolean;
  }

  interface FastifyRequest {
    locale: Locale;
    actor: Actor | null;
    /**
     * The signed-in person must enrol a second factor before anything beyond enrolment,
     * signing out and public pages (staff and professionals without one; core/auth/second-factor.ts).
     */
    mustEnrolSecondFactor: boolean;
    cspNonce: string;
    /** The visitor's cookie choices (and whether their browser signals an opt-out). */
    consent: Consent;
    /** The site notices this request shows; null until core/http first asks the sources (once per request). */
    siteNotices: readonly SiteNotice[] | null;
    /** The data every view needs about this request. */
    view(): ViewContext;
  }

  interface FastifyInstance {
    /** Every route with its declared action, for the route x role test and audits of access. */
    routeTable: { method: string; url: string; action: string }[];
  }

  interface FastifyReply {
    /** Sends a rendered page (HTML) with the right type. */
    html(body: string | Promise<string>): FastifyReply;
  }
}
