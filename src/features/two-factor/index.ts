import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../app.js';
import { revokeSession } from '../../core/auth/index.js';
import { localPath } from '../../core/http/forms.js';
import { requireActor, setSessionCookie } from '../../core/http/index.js';
import { localizePath } from '../../core/i18n/index.js';
import { rememberBrowser, signInBrowser } from '../accounts/device-cookie.js';
import './policy.js';
import './privacy.js';
import { secondFactorRequired, TwoFactorService } from './service.js';
import { RecoveryCodesPage, SetupPage, TwoFactorPage, VerifyPage } from './views/pages.js';
import { declareCookie } from '../../core/http/cookies.js';

export { secondFactorRequired, TwoFactorService } from './service.js';

/** Between a right password and the code: who, until when, and whether to remember the browser. */
const PENDING_COOKIE = declareCookie({ name: 'sutura_second_step', purpose: 'consent.cookie.secondStep', lasts: 'consent.cookie.minutesLasts' });
const PENDING_PURPOSE = 'auth.second-step';
const PENDING_TTL_MS = 5 * 60_000;

/**
 * Starts the second step of a sign-in: a signed, five-minute cookie naming the person (no
 * session yet). The sign-in route calls this when the password was right and two-step is on.
 */
export function beginSecondFactor(reply: FastifyReply, services: Pick<AppServices, 'cipher' | 'config'>, pending: { userId: string; remember: boolean }): void {
  const value = services.cipher.sign(`${pending.userId}~${Date.now() + PENDING_TTL_MS}~${pending.remember ? 1 : 0}`, PENDING_PURPOSE);
  reply.setCookie(PENDING_COOKIE, value, { path: '/', httpOnly: true, sameSite: 'lax', secure: services.config.secureCookies, maxAge: PENDING_TTL_MS / 1000 });
}

function pendingSignIn(request: FastifyRequest, services: Pick<AppServices, 'cipher'>): { userId: string; remember: boolean } | null {
  const value = services.cipher.verify(request.cookies[PENDING_COOKIE] ?? '', PENDING_PURPOSE);
  const [userId, until, remember] = value?.split('~') ?? [];
  if (!userId || !until || Number(until) < Date.now()) return null;
  return { userId, remember: remember === '1' };
}

const codeForm = z.object({ code: z.string().max(200).default('') }).loose();
const noticeQuery = z.object({ notice: z.enum(['disabled']).optional().catch(undefined) }).loose();
/** Six digits are guessable given enough tries: ten a minute from one address at most. */
const CODE_LIMIT = { max: 10, timeWindow: 60_000 };

/** The person's own second factor: set up, recovery codes, turning it off where allowed. */
export default async function twoFactor(app: FastifyInstance, services: AppServices): Promise<void> {
  const service = new TwoFactorService(services);
  const own = { config: { action: 'account.two_factor' } };
  const guarded = { config: { action: 'account.two_factor', rateLimit: CODE_LIMIT } };

  async function renderStatus(actorId: string, roles: Parameters<typeof secondFactorRequired>[0], extra: { notice?: string; error?: string; errorFor?: 'regenerate' | 'disable' } = {}) {
    const status = await service.status(actorId);
    return { ...status, required: secondFactorRequired(roles), ...extra };
  }

  // The second step of signing in: a code from the app, or a recovery code.
  const step = { config: { action: 'account.second_factor', rateLimit: CODE_LIMIT } };
  const verifyQuery = z.object({ next: localPath.catch(undefined) }).loose();

  app.get('/account/two-factor/verify', step, async (request, reply) => {
    const { next } = verifyQuery.parse(request.query ?? {});
    if (!pendingSignIn(request, services)) return reply.redirect(localizePath(request.locale, '/account/sign-in'), 303);
    return reply.html(VerifyPage({ ctx: request.view(), next }) as string);
  });

  app.post('/account/two-factor/verify', step, async (request, reply) => {
    const ctx = request.view();
    const pending = pendingSignIn(request, services);
    if (!pending) return reply.redirect(localizePath(request.locale, '/account/sign-in'), 303);
    const { code } = codeForm.parse(request.body ?? {});
    const { next } = verifyQuery.parse(request.body ?? {});
    const browser = signInBrowser(request);
    const outcome = await service.completeSignIn(pending, code, browser);
    if (outcome.kind === 'throttled') {
      reply.header('retry-after', String(Math.ceil((outcome.until.getTime() - Date.now()) / 1000)));
      return reply.code(429).html(VerifyPage({ ctx, next, error: ctx.t('twoFactor.tooMany') }) as string);
    }
    if (outcome.kind === 'failed') return reply.code(401).html(VerifyPage({ ctx, next, error: ctx.t('twoFactor.wrongCode') }) as string);
    if (request.actor) await revokeSession(services.db, request.actor.sessionId);
    reply.clearCookie(PENDING_COOKIE, { path: '/' });
    setSessionCookie(reply, outcome.session, services.config.secureCookies);
    rememberBrowser(reply, browser, services.config.secureCookies);
    return reply.redirect(next ?? (outcome.staff ? '/admin' : localizePath(request.locale, '/account')), 303);
  });

  app.get('/account/two-factor', own, async (request, reply) => {
    const actor = requireActor(request);
    const { notice } = noticeQuery.parse(request.query ?? {});
    const ctx = request.view();
    return reply.html(TwoFactorPage({ ctx, mustEnrol: request.mustEnrolSecondFactor, ...(await renderStatus(actor.id, actor.roles, notice ? { notice: ctx.t('twoFactor.disabled') } : {})) }) as string);
  });

  app.post('/account/two-factor/setup', own, async (request, reply) => {
    const setup = await service.beginSetup(requireActor(request));
    return reply.header('cache-control', 'no-store').html(SetupPage({ ctx: request.view(), setup }) as string);
  });

  app.post('/account/two-factor/confirm', guarded, async (request, reply) => {
    const actor = requireActor(request);
    const ctx = request.view();
    const { code } = codeForm.parse(request.body ?? {});
    const codes = await service.confirmSetup(actor, code);
    if (codes) return reply.header('cache-control', 'no-store').html(RecoveryCodesPage({ ctx, codes }) as string);
    const setup = await service.pendingSetup(actor);
    // The setup expired (or never began): start again from the status page.
    if (!setup) return reply.redirect(localizePath(request.locale, '/account/two-factor'), 303);
    return reply.code(422).header('cache-control', 'no-store').html(SetupPage({ ctx, setup, error: ctx.t('twoFactor.wrongCode') }) as string);
  });

  app.post('/account/two-factor/recovery-codes', guarded, async (request, reply) => {
    const actor = requireActor(request);
    const ctx = request.view();
    const { code } = codeForm.parse(request.body ?? {});
    const codes = await service.regenerateRecoveryCodes(actor, code);
    if (codes) return reply.header('cache-control', 'no-store').html(RecoveryCodesPage({ ctx, codes }) as string);
    return reply.code(422).html(TwoFactorPage({ ctx, ...(await renderStatus(actor.id, actor.roles, { error: ctx.t('twoFactor.wrongCode'), errorFor: 'regenerate' })) }) as string);
  });

  app.post('/account/two-factor/disable', guarded, async (request, reply) => {
    const actor = requireActor(request);
    const ctx = request.view();
    const { code } = codeForm.parse(request.body ?? {});
    const outcome = await service.disable(actor, code);
    if (outcome === 'disabled') return reply.redirect(`${localizePath(request.locale, '/account/two-factor')}?notice=disabled`, 303);
    const error = ctx.t(outcome === 'required' ? 'twoFactor.required' : 'twoFactor.wrongCode');
    return reply.code(422).html(TwoFactorPage({ ctx, ...(await renderStatus(actor.id, actor.roles, { error, errorFor: 'disable' })) }) as string);
  });
}
