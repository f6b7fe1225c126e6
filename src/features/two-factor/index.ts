import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../app.js';
import { requireActor } from '../../core/http/index.js';
import { localizePath } from '../../core/i18n/index.js';
import './policy.js';
import './privacy.js';
import { secondFactorRequired, TwoFactorService } from './service.js';
import { RecoveryCodesPage, SetupPage, TwoFactorPage } from './views/pages.js';

export { secondFactorRequired, TwoFactorService } from './service.js';

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

  app.get('/account/two-factor', own, async (request, reply) => {
    const actor = requireActor(request);
    const { notice } = noticeQuery.parse(request.query ?? {});
    const ctx = request.view();
    return reply.html(TwoFactorPage({ ctx, ...(await renderStatus(actor.id, actor.roles, notice ? { notice: ctx.t('twoFactor.disabled') } : {})) }) as string);
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
