import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../app.js';
import { SESSION_COOKIE, sessionPolicy } from '../../core/auth/index.js';
import { ConflictError } from '../../core/errors.js';
import { parseForm } from '../../core/http/forms.js';
import { defineAccountJobs } from './jobs.js';
import './policy.js';
import { nextPath, setupForm, signInForm } from './schemas.js';
import { AccountService } from './service.js';
import { InvalidLinkPage, SetupPage, SignInPage } from './views/pages.js';

// Schemas live at module level: zod compiles each one on first use.
/** Attempts per IP address and minute; per-account throttling with growing delays comes with issue 3. */
const FORM_LIMIT = { max: 10, timeWindow: 60_000 };
const signInQuery = z.object({ next: nextPath }).loose();
const setupQuery = z.object({ token: z.string().max(64).default('') }).loose();

/** Sign-in, sign-out and staff set-up links. */
export default async function accounts(app: FastifyInstance, services: AppServices): Promise<void> {
  const { config } = services;
  const service = new AccountService(services.db, sessionPolicy(config));
  defineAccountJobs(services);

  function startSession(reply: FastifyReply, session: { token: string; expiresAt: Date }): void {
    reply.setCookie(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
      path: '/',
      expires: session.expiresAt,
    });
  }

  app.get('/account/sign-in', { config: { action: 'account.sign_in' } }, async (request, reply) => {
    const { next } = signInQuery.parse(request.query ?? {});
    return reply.html(SignInPage({ ctx: request.view(), next }) as string);
  });

  app.post('/account/sign-in', { config: { action: 'account.sign_in', rateLimit: FORM_LIMIT } }, async (request, reply) => {
    const ctx = request.view();
    const form = parseForm(signInForm, request.body, ctx.t);
    if (!form.ok) return reply.code(422).html(SignInPage({ ctx, values: { email: form.values.email ?? '' }, errors: form.errors, next: form.values.next }) as string);
    const session = await service.signIn(form.data.email, form.data.password, request.headers['user-agent'] ?? null);
    if (!session) {
      // One message whether the email exists or not.
      return reply.code(401).html(SignInPage({ ctx, values: { email: form.data.email }, errors: { email: ctx.t('signIn.failed') }, next: form.data.next }) as string);
    }
    // A new session id at every sign-in: any session the browser already had ends here.
    if (request.actor) await service.signOut(request.actor.sessionId, request.actor.id);
    startSession(reply, session);
    return reply.redirect(form.data.next ?? '/admin', 303);
  });

  app.post('/account/sign-out', { config: { action: 'account.sign_out' } }, async (request, reply) => {
    if (request.actor) await service.signOut(request.actor.sessionId, request.actor.id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/', 303);
  });

  app.get('/account/setup', { config: { action: 'account.setup' } }, async (request, reply) => {
    const { token } = setupQuery.parse(request.query ?? {});
    const invite = token ? await service.findInvite(token) : null;
    reply.header('referrer-policy', 'no-referrer');
    if (!invite) return reply.code(410).html(InvalidLinkPage({ ctx: request.view() }) as string);
    return reply.html(SetupPage({ ctx: request.view(), token, email: invite.email }) as string);
  });

  app.post('/account/setup', { config: { action: 'account.setup', rateLimit: FORM_LIMIT } }, async (request, reply) => {
    const ctx = request.view();
    const form = parseForm(setupForm, request.body, ctx.t);
    const token = form.ok ? form.data.token : (form.values.token ?? '').slice(0, 64);
    if (!form.ok) return reply.code(422).html(SetupPage({ ctx, token, email: null, values: { name: form.values.name ?? '', email: form.values.email ?? '' }, errors: form.errors }) as string);
    try {
      const session = await service.acceptInvite(form.data.token, { name: form.data.name, email: form.data.email, password: form.data.password, locale: request.locale }, request.headers['user-agent'] ?? null);
      if (!session) return reply.code(410).html(InvalidLinkPage({ ctx }) as string);
      startSession(reply, session);
      return reply.redirect('/admin', 303);
    } catch (e) {
      if (e instanceof ConflictError) return reply.code(422).html(SetupPage({ ctx, token, email: null, values: { name: form.data.name, email: form.data.email }, errors: { email: ctx.t('setup.emailTaken') } }) as string);
      throw e;
    }
  });
}
