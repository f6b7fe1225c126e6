import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../app.js';
import { type NewSession, passwordProblem, SESSION_COOKIE, sessionPolicy } from '../../core/auth/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.js';
import { requireActor, setSessionCookie } from '../../core/http/index.js';
import { formValues, localPath, parseForm } from '../../core/http/forms.js';
import { LOCALES, localizePath, type MessageKey } from '../../core/i18n/index.js';
import type { FieldErrors } from '../../core/views/components.js';
import { rememberBrowser, signInBrowser } from './device-cookie.js';
import { defineAccountJobs } from './jobs.js';
import { PROFESSIONAL_STATUSES } from './model.js';
import './policy.js';
import './privacy.js';
import { ageOn, birthDate, emailChangeForm, emailForm, idParams, preferencesForm, professionalForm, profileForm, registerForm, rejectForm, resetForm, setupForm, signInForm, slugParams, tokenForm, tokenQuery } from './schemas.js';
import { AccountService, type ProfessionalInput, ProfessionalService } from './service.js';
import { AccountPage, SessionsPage } from './views/account.js';
import { PreferencesPage } from './views/preferences.js';
import { EmailChangePage, EmailFormPage, InvalidLinkPage, MessagePage, ResetPage, SetupPage, SignInPage, VerifyPage } from './views/pages.js';
import { ApplicationPage, ProfessionalsQueuePage, PublicProfilePage } from './views/professionals.js';
import { ProfessionalRegisterPage, RegisterPage } from './views/register.js';
import { beginSecondFactor } from '../two-factor/index.js';
import { declareCookie } from '../../core/http/cookies.js';

// Schemas live at module level: zod compiles each one on first use.
/**
 * A blunt per-IP backstop on forms anyone can post (in process). Sign-in has its own
 * throttling per account and per address in the database (core/auth/throttle.ts).
 */
const FORM_LIMIT = { max: 10, timeWindow: 60_000 };
const signInQuery = z.object({ next: localPath.catch(undefined), notice: z.enum(['reset', 'everywhere', 'verified', 'emailChanged']).optional().catch(undefined) }).loose();
const setupQuery = z.object({ token: z.string().max(64).default('') }).loose();
const sentQuery = z.object({ sent: z.literal('1').optional().catch(undefined) }).loose();
const noticeQuery = z.object({ notice: z.enum(['saved', 'revoked', 'emailSent', 'emailChanged', 'photo']).optional().catch(undefined) }).loose();
const queueQuery = z.object({ status: z.enum(PROFESSIONAL_STATUSES).catch('pending').default('pending'), notice: z.enum(['decided', 'already']).optional().catch(undefined) }).loose();

/**
 * Remembers, in the browser only, that someone under the minimum age was refused, so the form
 * does not invite another date. Strictly necessary (it enforces the age limit); holds no data.
 */
const AGE_COOKIE = declareCookie({ name: 'sutura_age_refused', purpose: 'consent.cookie.ageRefused', lasts: 'consent.cookie.monthLasts' });
const AGE_COOKIE_DAYS = 30;

/** Form values to show again: never a password. */
function keptValues(body: unknown): Record<string, string> {
  const { password: _password, confirm: _confirm, ...rest } = formValues(body);
  return rest;
}

/** Accounts: registration, verification, sign-in and out, reset, sessions, professionals, staff set-up links. */
export default async function accounts(app: FastifyInstance, services: AppServices): Promise<void> {
  const { config } = services;
  const policy = sessionPolicy(config);
  const service = new AccountService(services, policy);
  const professionals = new ProfessionalService(services);
  defineAccountJobs(services);
  services.sitemap.push(async () => (await professionals.publicSlugs()).flatMap((p) => LOCALES.map((locale) => ({ path: `/professionals/${p.slug}`, locale, updatedAt: p.updatedAt }))));

  function startSession(reply: FastifyReply, session: NewSession): void {
    setSessionCookie(reply, session, config.secureCookies);
  }

  function endSessionCookie(reply: FastifyReply): void {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  const to = (request: FastifyRequest, path: string): string => localizePath(request.locale, path);

  // Signing in and out

  function signInPage(request: FastifyRequest, extra: { values?: Record<string, string>; errors?: FieldErrors; next?: string | undefined; notice?: string | undefined } = {}): string {
    return SignInPage({ ctx: request.view(), rememberDays: config.session.rememberDays, ...extra }) as string;
  }

  app.get('/account/sign-in', { config: { action: 'account.sign_in' } }, async (request, reply) => {
    const { next, notice } = signInQuery.parse(request.query ?? {});
    const ctx = request.view();
    const notices = { reset: 'signIn.notice.reset', everywhere: 'signIn.notice.everywhere', verified: 'signIn.notice.verified', emailChanged: 'emailChange.changed' } as const;
    const message = notice ? ctx.t(notices[notice]) : undefined;
    return reply.html(signInPage(request, { next, notice: message }));
  });

  app.post('/account/sign-in', { config: { action: 'account.sign_in', rateLimit: FORM_LIMIT } }, async (request, reply) => {
    const ctx = request.view();
    const form = parseForm(signInForm, request.body, ctx.t);
    if (!form.ok) {
      const next = localPath.catch(undefined).parse(form.values.next);
      return reply.code(422).html(signInPage(request, { values: { email: (form.values.email ?? '').slice(0, 254) }, errors: form.errors, next }));
    }
    const values = { email: form.data.email, remember: form.data.remember ? 'on' : '' };
    const browser = signInBrowser(request);
    const result = await service.signIn({ email: form.data.email, password: form.data.password, remember: form.data.remember, ip: request.ip, browser });
    if (result.kind === 'throttled') {
      const ms = Math.max(1000, result.until.getTime() - Date.now());
      const message = result.locked ? ctx.t('signIn.locked', { minutes: Math.ceil(ms / 60_000) }) : ctx.t('signIn.throttled', { seconds: Math.ceil(ms / 1000) });
      reply.header('retry-after', String(Math.ceil(ms / 1000)));
      return reply.code(429).html(signInPage(request, { values, errors: { email: message }, next: form.data.next }));
    }
    if (result.kind === 'failed') {
      // One message whether the email exists, is unconfirmed, or the password is wrong.
      return reply.code(401).html(signInPage(request, { values, errors: { email: ctx.t('signIn.failed') }, next: form.data.next }));
    }
    if (result.kind === 'second_factor') {
      // The password was right; no session until the code from the app (or a recovery code) is too.
      beginSecondFactor(reply, services, { userId: result.userId, remember: result.remember });
      const next = form.data.next ? `?next=${encodeURIComponent(form.data.next)}` : '';
      return reply.redirect(`${to(request, '/account/two-factor/verify')}${next}`, 303);
    }
    // A new session id at every sign-in: any session the browser already had ends here.
    if (request.actor) await service.signOut(request.actor.sessionId, request.actor.id);
    startSession(reply, result.session);
    rememberBrowser(reply, browser, config.secureCookies);
    return reply.redirect(form.data.next ?? (result.staff ? '/admin' : to(request, '/account')), 303);
  });

  app.post('/account/sign-out', { config: { action: 'account.sign_out' } }, async (request, reply) => {
    if (request.actor) await service.signOut(request.actor.sessionId, request.actor.id);
    endSessionCookie(reply);
    return reply.redirect(to(request, '/'), 303);
  });

  // Registration

  function refusal(request: FastifyRequest): string {
    const ctx = request.view();
    return MessagePage({
      ctx,
      title: ctx.t('register.refusedTitle'),
      paragraphs: [ctx.t('register.refused', { minAge: config.minAge })],
      links: [{ href: to(request, '/guides'), label: ctx.t('register.refusedGuides') }],
    }) as string;
  }

  for (const kind of ['member', 'professional'] as const) {
    const path = kind === 'member' ? '/account/register' : '/account/register/professional';
    const Page = kind === 'member' ? RegisterPage : ProfessionalRegisterPage;

    app.get(path, { config: { action: 'account.register' } }, async (request, reply) => {
      if (request.cookies[AGE_COOKIE]) return reply.html(refusal(request));
      return reply.html(Page({ ctx: request.view() }) as string);
    });

    app.post(path, { config: { action: 'account.register', rateLimit: FORM_LIMIT } }, async (request, reply) => {
      const ctx = request.view();
      if (request.cookies[AGE_COOKIE]) return reply.html(refusal(request));
      // The age comes first: under the minimum age nothing typed is kept, checked or logged.
      const raw = formValues(request.body);
      const born = birthDate(raw.birthDay ?? '', raw.birthMonth ?? '', raw.birthYear ?? '');
      if (born && ageOn(born) < config.minAge) {
        reply.setCookie(AGE_COOKIE, '1', { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, path: '/', maxAge: AGE_COOKIE_DAYS * 86_400 });
        return reply.html(refusal(request));
      }
      const values = keptValues(request.body);
      // zod checks the whole date only when every other field is valid: say it at once anyway.
      // The three date fields are one question: one message, pointing at the first field.
      const invalid = (errors: FieldErrors): string => {
        const { birthDay, birthMonth, birthYear, ...rest } = errors;
        const birth = birthDay ?? birthMonth ?? birthYear ?? (born ? undefined : ctx.t('form.birthDate'));
        return Page({ ctx, values, errors: birth ? { ...rest, birthDay: birth } : rest }) as string;
      };
      let data: z.output<typeof registerForm>;
      let professional: ProfessionalInput | null = null;
      if (kind === 'member') {
        const form = parseForm(registerForm, request.body, ctx.t);
        if (!form.ok) return reply.code(422).html(invalid(form.errors));
        data = form.data;
      } else {
        const form = parseForm(professionalForm, request.body, ctx.t);
        if (!form.ok) return reply.code(422).html(invalid(form.errors));
        const { licenceNumber, licenceRegion, specialty, board, practiceName, bio, ...member } = form.data;
        data = member;
        professional = { licenceNumber, licenceRegion, specialty, board, practiceName, bio };
      }
      const problem = await passwordProblem(data.password, { staff: false });
      if (problem) return reply.code(422).html(Page({ ctx, values, errors: { password: ctx.t(problem) } }) as string);
      await service.register({ name: data.name, email: data.email, password: data.password, country: data.country, locale: data.language, newsletter: data.newsletter }, professional);
      return reply.redirect(to(request, '/account/register/sent'), 303);
    });
  }

  app.get('/account/register/sent', { config: { action: 'account.register' } }, async (request, reply) => {
    const ctx = request.view();
    return reply.html(
      MessagePage({ ctx, title: ctx.t('register.sentTitle'), paragraphs: [ctx.t('register.sent'), ctx.t('register.sentMore')], links: [{ href: to(request, '/account/verify/resend'), label: ctx.t('resend.title') }] }) as string,
    );
  });

  // Email verification: GET shows a button, POST verifies (link scanners only GET).

  app.get('/account/verify', { config: { action: 'account.verify' } }, async (request, reply) => {
    const { token } = tokenQuery.parse(request.query ?? {});
    reply.header('referrer-policy', 'no-referrer');
    const valid = token.length <= 64 && (await service.verificationPending(token));
    return reply.code(valid ? 200 : 410).html(VerifyPage({ ctx: request.view(), token: valid ? token : null }) as string);
  });

  app.post('/account/verify', { config: { action: 'account.verify', rateLimit: FORM_LIMIT } }, async (request, reply) => {
    const form = parseForm(tokenForm, request.body, request.view().t);
    if (form.ok && (await service.verify(form.data.token))) return reply.redirect(`${to(request, '/account/sign-in')}?notice=verified`, 303);
    return reply.code(410).html(VerifyPage({ ctx: request.view(), token: null }) as string);
  });

  function emailPage(request: FastifyRequest, which: 'resend' | 'forgot', extra: { values?: Record<string, string>; errors?: FieldErrors; sent?: boolean } = {}): string {
    const ctx = request.view();
    const page =
      which === 'resend'
        ? { title: ctx.t('resend.title'), intro: ctx.t('resend.intro'), action: '/account/verify/resend', submit: ctx.t('resend.submit'), sent: ctx.t('resend.sent') }
        : { title: ctx.t('forgot.title'), intro: ctx.t('forgot.intro'), action: '/account/forgot', submit: ctx.t('forgot.submit'), sent: ctx.t('forgot.sent') };
    return EmailFormPage({ ctx, ...page, values: extra.values ?? {}, errors: extra.errors, sent: extra.sent ? page.sent : undefined }) as string;
  }

  for (const which of ['resend', 'forgot'] as const) {
    const path = which === 'resend' ? '/account/verify/resend' : '/account/forgot';
    app.get(path, { config: { action: 'account.recover' } }, async (request, reply) => {
      const { sent } = sentQuery.parse(request.query ?? {});
      return reply.html(emailPage(request, which, { sent: sent === '1' }));
    });
    app.post(path, { config: { action: 'account.recover', rateLimit: FORM_LIMIT } }, async (request, reply) => {
      const form = parseForm(emailForm, request.body, request.view().t);
      if (!form.ok) return reply.code(422).html(emailPage(request, which, { values: { email: (form.values.email ?? '').slice(0, 254) }, errors: form.errors }));
      // The same answer for every address: only the mailbox learns whether there is an account.
      if (which === 'resend') await service.resendVerification(form.data.email);
      else await service.forgot(form.data.email);
      return reply.redirect(`${to(request, path)}?sent=1`, 303);
    });
  }

  // Password reset

  app.get('/account/reset', { config: { action: 'account.recover' } }, async (request, reply) => {
    const { token } = tokenQuery.parse(request.query ?? {});
    reply.header('referrer-policy', 'no-referrer');
    const target = token.length <= 64 ? await service.resetTarget(token) : null;
    return reply.code(target ? 200 : 410).html(ResetPage({ ctx: request.view(), token: target ? token : null, staff: target?.staff ?? false }) as string);
  });

  app.post('/account/reset', { config: { action: 'account.recover', rateLimit: FORM_LIMIT } }, async (request, reply) => {
    const ctx = request.view();
    reply.header('referrer-policy', 'no-referrer');
    const form = parseForm(resetForm, request.body, ctx.t);
    const token = form.ok ? form.data.token : (form.values.token ?? '').slice(0, 64);
    const target = token ? await service.resetTarget(token) : null;
    if (!target) return reply.code(410).html(ResetPage({ ctx, token: null, staff: false }) as string);
    if (!form.ok) return reply.code(422).html(ResetPage({ ctx, token, staff: target.staff, errors: form.errors }) as string);
    const problem = await passwordProblem(form.data.password, { staff: target.staff });
    if (problem) return reply.code(422).html(ResetPage({ ctx, token, staff: target.staff, errors: { password: ctx.t(problem) } }) as string);
    if (!(await service.reset(token, form.data.password))) return reply.code(410).html(ResetPage({ ctx, token: null, staff: false }) as string);
    endSessionCookie(reply);
    return reply.redirect(`${to(request, '/account/sign-in')}?notice=reset`, 303);
  });

  // The person's own account

  async function accountPage(request: FastifyRequest, extra: { values?: Record<string, string>; errors?: FieldErrors; notice?: string } = {}): Promise<string> {
    const { user, professional } = await service.account(requireActor(request));
    return AccountPage({
      ctx: request.view(),
      data: { email: user.email, name: user.name, professional: professional ? { status: professional.status, slug: professional.slug, hasPhoto: professional.photoId !== null } : null },
      ...extra,
    }) as string;
  }

  app.get('/account', { config: { action: 'account.home' } }, async (request, reply) => {
    const { notice } = noticeQuery.parse(request.query ?? {});
    const notices = { saved: 'account.saved', emailSent: 'emailChange.sent', emailChanged: 'emailChange.changed', photo: 'professional.photoSaved' } as const;
    const key = notice && notice !== 'revoked' ? notices[notice] : undefined;
    return reply.html(await accountPage(request, key ? { notice: request.view().t(key) } : {}));
  });

  // A professional's photo for the public profile (multipart; one file, checked by its bytes).

  app.post('/account/photo', { config: { action: 'account.home', rateLimit: FORM_LIMIT } }, async (request, reply) => {
    const actor = requireActor(request);
    const ctx = request.view();
    const again = async (code: string): Promise<FastifyReply> => reply.code(422).html(await accountPage(request, { errors: { photo: ctx.t(`error.field.${code}` as MessageKey) } }));
    let photo: Buffer | null = null;
    if (request.isMultipart()) {
      try {
        for await (const part of request.parts({ limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 5, parts: 6 } })) {
          if (part.type === 'file') {
            const bytes = await part.toBuffer();
            if (part.fieldname === 'photo' && bytes.length) photo = bytes;
          }
        }
      } catch (e) {
        const code = (e as { code?: string }).code ?? '';
        if (code === 'FST_REQ_FILE_TOO_LARGE') return again('image_too_big');
        if (/^FST_(FILES|FIELDS|PARTS)_LIMIT$|^FST_INVALID_MULTIPART/.test(code)) return again('image_invalid');
        throw e;
      }
    }
    if (!photo) return again('image_invalid');
    try {
      await professionals.setPhoto(actor, photo);
    } catch (e) {
      if (e instanceof ValidationError) return again(e.code === 'image_too_large' ? 'image_too_large' : 'image_invalid');
      throw e;
    }
    return reply.redirect(`${to(request, '/account')}?notice=photo`, 303);
  });

  // Email change: the current password, then a link to the new address.

  app.post('/account/email', { config: { action: 'account.home', rateLimit: FORM_LIMIT } }, async (request, reply) => {
    const actor = requireActor(request);
    const ctx = request.view();
    const form = parseForm(emailChangeForm, request.body, ctx.t);
    const values = { newEmail: (form.ok ? form.data.newEmail : (form.values.newEmail ?? '')).slice(0, 254) };
    if (!form.ok) return reply.code(422).html(await accountPage(request, { values, errors: form.errors }));
    const result = await service.requestEmailChange(actor, form.data.newEmail, form.data.currentPassword);
    if (result === 'wrong_password') return reply.code(422).html(await accountPage(request, { values, errors: { currentPassword: ctx.t('emailChange.wrongPassword') } }));
    return reply.redirect(`${to(request, '/account')}?notice=emailSent`, 303);
  });

  app.get('/account/email/confirm', { config: { action: 'account.verify' } }, async (request, reply) => {
    const { token } = tokenQuery.parse(request.query ?? {});
    reply.header('referrer-policy', 'no-referrer');
    const valid = token.length <= 64 && (await service.emailChangePending(token));
    return reply.code(valid ? 200 : 410).html(EmailChangePage({ ctx: request.view(), token: valid ? token : null }) as string);
  });

  app.post('/account/email/confirm', { config: { action: 'account.verify', rateLimit: FORM_LIMIT } }, async (request, reply) => {
    const ctx = request.view();
    const form = parseForm(tokenForm, request.body, ctx.t);
    const result = form.ok ? await service.confirmEmailChange(form.data.token) : 'invalid';
    if (result === 'changed') return reply.redirect(request.actor ? `${to(request, '/account')}?notice=emailChanged` : `${to(request, '/account/sign-in')}?notice=emailChanged`, 303);
    return reply.code(410).html(EmailChangePage({ ctx, token: null, ...(result === 'taken' ? { invalid: ctx.t('emailChange.taken') } : {}) }) as string);
  });

  app.post('/account/profile', { config: { action: 'account.home' } }, async (request, reply) => {
    const actor = requireActor(request);
    const form = parseForm(profileForm, request.body, request.view().t);
    if (!form.ok) return reply.code(422).html(await accountPage(request, { values: form.values, errors: form.errors }));
    await service.updateProfile(actor, { name: form.data.name });
    return reply.redirect(`${to(request, '/account')}?notice=saved`, 303);
  });

  // Preferences: language, the patients' newsletter, unblurred sensitive images, new sign-in emails.

  app.get('/account/preferences', { config: { action: 'account.preferences' } }, async (request, reply) => {
    const { notice } = noticeQuery.parse(request.query ?? {});
    const ctx = request.view();
    return reply.html(PreferencesPage({ ctx, preferences: await service.preferences(requireActor(request)), notice: notice === 'saved' ? ctx.t('preferences.saved') : undefined }) as string);
  });

  app.post('/account/preferences', { config: { action: 'account.preferences', rateLimit: FORM_LIMIT } }, async (request, reply) => {
    const actor = requireActor(request);
    const ctx = request.view();
    const form = parseForm(preferencesForm, request.body, ctx.t);
    if (!form.ok) {
      const ticked = (name: string): string => (form.values[name] === 'on' ? 'on' : '');
      const values = { language: (form.values.language ?? '').slice(0, 10), newsletter: ticked('newsletter'), revealSensitiveMedia: ticked('revealSensitiveMedia'), newSignInEmail: ticked('newSignInEmail') };
      return reply.code(422).html(PreferencesPage({ ctx, preferences: await service.preferences(actor), values, errors: form.errors }) as string);
    }
    await service.savePreferences(actor, { locale: form.data.language, newsletter: form.data.newsletter, revealSensitiveMedia: form.data.revealSensitiveMedia, newSignInEmail: form.data.newSignInEmail });
    return reply.redirect(`${localizePath(form.data.language, '/account/preferences')}?notice=saved`, 303);
  });

  app.get('/account/sessions', { config: { action: 'account.sessions' } }, async (request, reply) => {
    const actor = requireActor(request);
    const { notice } = noticeQuery.parse(request.query ?? {});
    return reply.html(SessionsPage({ ctx: request.view(), sessions: await service.sessions(actor), notice: notice === 'revoked' ? request.view().t('sessions.revoked') : undefined }) as string);
  });

  app.post('/account/sessions/:id/revoke', { config: { action: 'account.sessions' } }, async (request, reply) => {
    const actor = requireActor(request);
    const { id } = idParams.parse(request.params);
    // Another person's session id matches nothing: the same 404 as an id that never existed.
    if (!(await service.revokeSession(actor, id))) throw new NotFoundError();
    if (id === actor.sessionId) {
      endSessionCookie(reply);
      return reply.redirect(to(request, '/account/sign-in'), 303);
    }
    return reply.redirect(`${to(request, '/account/sessions')}?notice=revoked`, 303);
  });

  app.post('/account/sessions/revoke-all', { config: { action: 'account.sessions' } }, async (request, reply) => {
    await service.revokeAllSessions(requireActor(request));
    endSessionCookie(reply);
    return reply.redirect(`${to(request, '/account/sign-in')}?notice=everywhere`, 303);
  });

  // Professionals: the staff's queue and the public profile

  app.get('/admin/professionals', { config: { action: 'professionals.verify' } }, async (request, reply) => {
    const { status, notice } = queueQuery.parse(request.query ?? {});
    const ctx = request.view();
    const message = notice === 'decided' ? ctx.t('professional.admin.decided') : notice === 'already' ? ctx.t('professional.admin.already') : undefined;
    return reply.html(ProfessionalsQueuePage({ ctx, status, profiles: await professionals.queue(status), notice: message }) as string);
  });

  app.get('/admin/professionals/:id', { config: { action: 'professionals.verify' } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    return reply.html(ApplicationPage({ ctx: request.view(), profile: await professionals.application(id) }) as string);
  });

  app.post('/admin/professionals/:id/approve', { config: { action: 'professionals.verify' } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    try {
      await professionals.decide(requireActor(request), id, { approve: true });
    } catch (e) {
      if (e instanceof ConflictError) return reply.redirect('/admin/professionals?notice=already', 303);
      throw e;
    }
    return reply.redirect('/admin/professionals?notice=decided', 303);
  });

  app.post('/admin/professionals/:id/reject', { config: { action: 'professionals.verify' } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const ctx = request.view();
    const form = parseForm(rejectForm, request.body, ctx.t);
    if (!form.ok) return reply.code(422).html(ApplicationPage({ ctx, profile: await professionals.application(id), errors: form.errors, values: form.values }) as string);
    try {
      await professionals.decide(requireActor(request), id, { approve: false, reason: form.data.reason });
    } catch (e) {
      if (e instanceof ConflictError) return reply.redirect('/admin/professionals?notice=already', 303);
      throw e;
    }
    return reply.redirect('/admin/professionals?notice=decided', 303);
  });

  app.get('/professionals/:slug', { config: { action: 'professionals.read' } }, async (request, reply) => {
    const { slug } = slugParams.parse(request.params);
    return reply.html(PublicProfilePage({ ctx: request.view(), profile: await professionals.publicProfile(slug) }) as string);
  });

  // Staff set-up links

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
    const values = { name: form.ok ? form.data.name : (form.values.name ?? ''), email: form.ok ? form.data.email : (form.values.email ?? '') };
    if (!form.ok) return reply.code(422).html(SetupPage({ ctx, token, email: null, values, errors: form.errors }) as string);
    const problem = await passwordProblem(form.data.password, { staff: true });
    if (problem) return reply.code(422).html(SetupPage({ ctx, token, email: null, values, errors: { password: ctx.t(problem) } }) as string);
    try {
      const browser = signInBrowser(request);
      const session = await service.acceptInvite(form.data.token, { name: form.data.name, email: form.data.email, password: form.data.password, locale: request.locale }, browser);
      if (!session) return reply.code(410).html(InvalidLinkPage({ ctx }) as string);
      startSession(reply, session);
      rememberBrowser(reply, browser, config.secureCookies);
      return reply.redirect('/admin', 303);
    } catch (e) {
      if (e instanceof ConflictError) return reply.code(422).html(SetupPage({ ctx, token, email: null, values, errors: { email: ctx.t('setup.emailTaken') } }) as string);
      throw e;
    }
  });
}
