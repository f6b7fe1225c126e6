import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../app.js';
import { sessionPolicy } from '../../core/auth/index.js';
import { requireActor, setSessionCookie } from '../../core/http/index.js';
import { localizePath } from '../../core/i18n/index.js';
import { rememberBrowser, signInBrowser } from '../accounts/device-cookie.js';
import './policy.js';
import './privacy.js';
import { PasskeyService } from './service.js';
import { PasskeysPage } from './views/pages.js';

/** What the browser's credential JSON must look like before the library inspects it. */
const credentialJson = z
  .object({
    id: z.string().min(1).max(1024),
    rawId: z.string().min(1).max(1024),
    type: z.literal('public-key'),
    response: z.object({ clientDataJSON: z.string().max(10_000) }).loose(),
    clientExtensionResults: z.object({}).loose().default({}),
  })
  .loose();
const registerBody = z.object({ name: z.string().trim().max(80).default(''), credential: credentialJson });
const signInBody = z.object({ credential: credentialJson });
const idParams = z.object({ id: z.string().min(1).max(1024) });
const noticeQuery = z.object({ notice: z.enum(['added', 'removed']).optional().catch(undefined) }).loose();
const SIGN_IN_LIMIT = { max: 20, timeWindow: 60_000 };

/** Passkeys: the person's list, adding and removing them, and signing in with one. */
export default async function passkeys(app: FastifyInstance, services: AppServices): Promise<void> {
  const service = new PasskeyService(services);
  const own = { config: { action: 'account.passkeys' } };
  const signIn = { config: { action: 'account.passkey_sign_in', rateLimit: SIGN_IN_LIMIT } };

  app.get('/account/passkeys', own, async (request, reply) => {
    const actor = requireActor(request);
    const ctx = request.view();
    const { notice } = noticeQuery.parse(request.query ?? {});
    const list = await service.list(actor.id);
    return reply.html(PasskeysPage({ ctx, passkeys: list, notice: notice ? ctx.t(notice === 'added' ? 'passkeys.noticeAdded' : 'passkeys.noticeRemoved') : undefined }) as string);
  });

  app.post('/account/passkeys/options', own, async (request, reply) => {
    return reply.header('cache-control', 'no-store').send(await service.registrationOptions(requireActor(request)));
  });

  app.post('/account/passkeys', own, async (request, reply) => {
    const actor = requireActor(request);
    const body = registerBody.safeParse(request.body ?? {});
    const ctx = request.view();
    const name = body.success && body.data.name ? body.data.name : ctx.t('passkeys.defaultName');
    const ok = body.success && (await service.register(actor, name, body.data.credential as never));
    if (!ok) return reply.code(400).send({ error: ctx.t('passkeys.failed') });
    return reply.send({ redirect: `${localizePath(request.locale, '/account/passkeys')}?notice=added` });
  });

  app.post('/account/passkeys/:id/delete', own, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    await service.remove(requireActor(request), id);
    return reply.redirect(`${localizePath(request.locale, '/account/passkeys')}?notice=removed`, 303);
  });

  app.post('/account/passkey/options', signIn, async (_request, reply) => {
    return reply.header('cache-control', 'no-store').send(await service.authenticationOptions());
  });

  app.post('/account/passkey/sign-in', signIn, async (request, reply) => {
    const body = signInBody.safeParse(request.body ?? {});
    // Not a credential at all is a bad request; a credential that does not verify is a failed sign-in.
    if (!body.success) return reply.code(400).send({ error: request.view().t('passkeys.signInFailed') });
    const browser = signInBrowser(request);
    const session = await service.signIn(body.data.credential as never, sessionPolicy(services.config), browser, request.actor?.sessionId ?? null);
    if (!session) return reply.code(401).send({ error: request.view().t('passkeys.signInFailed') });
    setSessionCookie(reply, session, services.config.secureCookies);
    rememberBrowser(reply, browser, services.config.secureCookies);
    return reply.send({ redirect: session.staff ? '/admin' : localizePath(request.locale, '/') });
  });
}
