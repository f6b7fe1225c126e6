import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../app.js';
import { CONSENT_COOKIE } from '../../core/http/consent.js';
import { localizePath } from '../../core/i18n/index.js';
import './policy.js';
import './privacy.js';
import { centerQuery, consentForm } from './schemas.js';
import { PrivacyService } from './service.js';
import { PrivacyCenterPage } from './views/center.js';

/** A choice is remembered for a year, then asked again (the usual guidance for consent). */
const CONSENT_MAX_AGE_S = 365 * 24 * 3600;

/** The privacy center: the cookie banner's answers and the page where choices are made and changed. */
export default async function privacy(app: FastifyInstance, services: AppServices): Promise<void> {
  const service = new PrivacyService(services);

  app.get('/privacy/center', { config: { action: 'privacy.center' } }, async (request, reply) => {
    const { saved } = centerQuery.parse(request.query ?? {});
    const ctx = request.view();
    return reply.html(
      PrivacyCenterPage({ ctx, consent: request.consent, latest: await service.latest(request.consent), ageGate: services.config.ageGate, notice: saved ? ctx.t('consent.saved') : undefined }) as string,
    );
  });

  app.post('/privacy/consent', { config: { action: 'privacy.center' } }, async (request, reply) => {
    const form = consentForm.safeParse(request.body ?? {});
    // A form we cannot read changes nothing: back to the center, where the choice can be made.
    if (!form.success) return reply.redirect(localizePath(request.locale, '/privacy/center'), 303);
    const { choice, returnTo } = form.data;
    const all = choice === 'accept';
    const chosen = choice === 'save' ? form.data : { preferences: all, analytics: all, advertising: all };
    const cookie = await service.recordChoice(request.consent, { preferences: chosen.preferences, analytics: chosen.analytics, advertising: chosen.advertising });
    reply.setCookie(CONSENT_COOKIE, cookie, { path: '/', maxAge: CONSENT_MAX_AGE_S, sameSite: 'lax', httpOnly: true, secure: services.config.secureCookies });
    return reply.redirect(choice === 'save' || !returnTo ? `${localizePath(request.locale, '/privacy/center')}?saved=1` : returnTo, 303);
  });
}
