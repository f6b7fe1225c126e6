import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { escapeHtml } from '@kitajs/html';
import fp from 'fastify-plugin';
import { ZodError } from 'zod';
import { type Actor, SESSION_COOKIE, STAFF_ROLES, allowedBeforeSecondFactor, can, isKnownAction, resolveSession, sessionPolicy } from '../auth/index.js';
import type { Config } from '../config/index.js';
import type { Db } from '../db/index.js';
import { AppError, ForbiddenError, UnauthenticatedError } from '../errors.js';
import { type MessageKey, localizePath, translator } from '../i18n/index.js';
import { assetByUrl } from '../views/assets.js';
import type { ViewContext } from '../views/context.js';
import { ErrorPage } from '../views/error-page.js';
import { type Consent, readConsent } from './consent.js';
import { enterContext } from './context.js';
import type { SiteNotice, SiteNoticeSource } from './notices.js';
import type { PageCache } from './page-cache.js';
import { checkSameOrigin, newNonce, setSecurityHeaders } from './security.js';
import { declareCookie, isDeclaredCookie, setCookieNames } from './cookies.js';
import './types.js';

/** The strictly necessary cookie that remembers a visitor's answer to the age question. */
export const AGE_COOKIE = declareCookie({ name: 'sutura_age', purpose: 'consent.cookie.age', lasts: 'consent.cookie.yearLasts', inUse: (config) => config.ageGate });

export interface HttpCoreOptions {
  config: Config;
  db: Db;
  pageCache: PageCache;
  /** Features add the notices of public pages (new policy versions, security incidents). */
  notices?: readonly SiteNoticeSource[];
}

/** The signed-in person behind a request whose route already required a session. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new UnauthenticatedError();
  return request.actor;
}

/**
 * Hands the browser a new session: HttpOnly, SameSite=Lax, Secure when the site is served over
 * https. Without "remember me" the cookie ends with the browser; the server's idle limit applies anyway.
 */
export function setSessionCookie(reply: FastifyReply, session: { token: string; expiresAt: Date; remember?: boolean }, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, session.token, { httpOnly: true, sameSite: 'lax', secure, path: '/', ...(session.remember ? { expires: session.expiresAt } : {}) });
}

/** Where someone who must enrol a second factor is sent. */
export const SECOND_FACTOR_ENROL_PATH = '/account/two-factor';

const KNOWN_ERROR_CODES = new Set(['second_factor_required', 'not_found', 'forbidden', 'unauthenticated', 'cross_site_request', 'invalid_input', 'payload_too_large', 'too_many_requests']);

/** Maps framework errors (body too large, bad JSON ...) to our codes, never their messages. */
function toAppError(error: FastifyError | Error): AppError {
  if (error instanceof AppError) return error;
  // A route's zod parse of params or query failed: the request itself is malformed.
  if (error instanceof ZodError) return new AppError('invalid_input', 400);
  const e = error as FastifyError;
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || e.code === 'FST_REQ_FILE_TOO_LARGE' || e.statusCode === 413) return new AppError('payload_too_large', 413);
  if (e.statusCode === 429) return new AppError('too_many_requests', 429);
  if (e.validation || (e.statusCode && e.statusCode >= 400 && e.statusCode < 500)) return new AppError('invalid_input', 400);
  return new AppError('internal', 500);
}

function wantsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return !accept || accept.includes('text/html') || accept.includes('*/*');
}

/**
 * The core HTTP layer: request context, language, session, security headers, CSRF check,
 * per-route permissions, the page cache, static assets, and error pages.
 */
async function httpCore(app: FastifyInstance, { config, db, pageCache, notices = [] }: HttpCoreOptions): Promise<void> {
  const https = config.publicUrl.startsWith('https://');
  const publicOrigin = new URL(config.publicUrl).origin;
  const policy = sessionPolicy(config);

  app.decorateRequest('locale', 'en');
  app.decorateRequest('actor', null);
  app.decorateRequest('mustEnrolSecondFactor', false);
  app.decorateRequest('cspNonce', '');
  app.decorateRequest('consent', null as unknown as Consent);
  app.decorateRequest('siteNotices', null);
  /**
   * Whether this request's public pages carry the age question: the gate is on, the visitor
   * has not answered, and nobody is signed in (accounts confirmed their age when they were made).
   */
  function ageGated(request: FastifyRequest): boolean {
    return config.ageGate && !request.actor && request.cookies[AGE_COOKIE] !== '1';
  }

  /**
   * The notices this request shows, asked of the sources once per request (after their refresh in
   * onRequest): the page-cache key, looked up before the handler and stored after it, and the page
   * itself then agree on them.
   */
  function siteNotices(request: FastifyRequest): readonly SiteNotice[] {
    request.siteNotices ??= notices.flatMap((source) => source.notices(request));
    return request.siteNotices;
  }

  app.decorateRequest('view', function view(this: FastifyRequest): ViewContext {
    const actor = this.actor;
    const path = this.url.split('?')[0] ?? '/';
    return {
      locale: this.locale,
      t: translator(this.locale),
      path,
      publicUrl: config.publicUrl,
      practice: config.practice,
      // Before enrolling a required second factor the back office is not offered (it would not open).
      actor: actor ? { name: actor.name, isStaff: actor.roles.some((r) => STAFF_ROLES.includes(r)) && !this.mustEnrolSecondFactor } : null,
      nonce: this.cspNonce,
      // Links a person cannot follow yet (before enrolling a second factor) are not offered.
      can: (action: string) => can(actor, action) && (!this.mustEnrolSecondFactor || allowedBeforeSecondFactor(action)),
      partial: this.headers['hx-request'] === 'true' && this.headers['hx-boosted'] !== 'true',
      ageGate: ageGated(this) && !path.startsWith('/age-gate') ? { minAge: config.minAge, returnTo: localizePath(this.locale, this.url) } : null,
      // The privacy center is where the choice is made in detail: no banner over it.
      siteNotices: path.startsWith('/admin') ? [] : siteNotices(this),
      consentBanner: !this.consent.decided && !path.startsWith('/admin') && !path.startsWith('/privacy/center') ? { returnTo: localizePath(this.locale, this.url), optOutSignal: this.consent.optOutSignal } : null,
    };
  });
  app.decorateReply('html', function html(this: FastifyReply, body: string | Promise<string>): FastifyReply {
    return this.type('text/html; charset=utf-8').send(body);
  });

  // Every route must say which permission it needs: a route without one fails at boot.
  app.decorate('routeTable', []);
  app.addHook('onRoute', (route) => {
    const action = route.config?.action;
    if (!action) throw new Error(`route ${String(route.method)} ${route.url} declares no action`);
    if (!isKnownAction(action)) throw new Error(`route ${String(route.method)} ${route.url} declares unknown action ${action}`);
    for (const method of [route.method].flat()) app.routeTable.push({ method, url: route.url, action });
  });

  /** Whether this request may use the page cache; bench/ measures uncached renders with a header. */
  function usesPageCache(request: FastifyRequest): boolean {
    if (!request.routeOptions.config.pageCache || !pageCache.enabled) return false;
    return !(config.benchRoutes && request.headers['x-bench-no-cache'] === '1');
  }

  /**
   * Language and URL, plus what differs by visitor: the age question and the cookie banner (a
   * visitor who answered must never get the asking copy, nor a first visitor the other one).
   */
  function pageCacheKey(request: FastifyRequest): string {
    const shown = siteNotices(request).map((n) => n.key).join(',');
    return `${request.locale}:${ageGated(request) ? 'age-gate:' : ''}${request.consent.decided ? '' : 'consent:'}${shown ? `notices=${shown}:` : ''}${request.url}`;
  }

  app.addHook('onRequest', async (request, reply) => {
    request.cspNonce = newNonce();
    request.locale = (request.raw as { suturaLocale?: 'en' | 'es' }).suturaLocale ?? 'en';
    request.consent = readConsent(request);
    const context = { requestId: request.id, ip: request.ip, locale: request.locale, actor: null as Actor | null };
    enterContext(context);
    setSecurityHeaders(reply, request.cspNonce, https);
    reply.header('x-request-id', request.id);

    if (request.url.startsWith('/assets/')) return;
    for (const source of notices) await source.refresh();

    const cookie = request.cookies[SESSION_COOKIE];
    // The page cache serves anonymous readers only; anyone with a session gets fresh pages.
    if (usesPageCache(request) && !cookie && request.method === 'GET') {
      const hit = pageCache.get(pageCacheKey(request), request.cspNonce);
      if (hit) {
        reply.header('etag', hit.etag).header('cache-control', 'public, max-age=0, must-revalidate').header('x-page-cache', 'hit');
        reply.header('vary', 'cookie');
        if (request.headers['if-none-match'] === hit.etag) return reply.code(304).send();
        return reply.type(hit.type).send(hit.body);
      }
    }
    if (cookie) {
      const session = await resolveSession(db, cookie, policy);
      request.actor = session?.actor ?? null;
      request.mustEnrolSecondFactor = session?.secondFactor === 'enrol';
      if (!request.actor) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      // The context already entered follows the rest of the request; it learns who it is.
      context.actor = request.actor;
    }
  });

  app.addHook('preHandler', async (request) => {
    checkSameOrigin(request, publicOrigin);
    if (request.is404) return;
    const action = request.routeOptions.config.action;
    if (!action || !can(request.actor, action)) {
      throw request.actor ? new ForbiddenError() : new UnauthenticatedError();
    }
    // Staff and professionals without a second factor set it up before anything else.
    if (request.mustEnrolSecondFactor && !allowedBeforeSecondFactor(action)) throw new AppError('second_factor_required', 403);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    // The privacy center lists every cookie from its declaration: one set without it fails the tests.
    for (const name of setCookieNames(reply.getHeader('set-cookie'))) {
      if (isDeclaredCookie(name)) continue;
      if (config.env === 'test') throw new Error(`cookie ${name} is set but not declared (core/http/cookies.ts)`);
      request.log.warn({ cookie: name }, 'cookie set but not declared');
    }
    if (reply.getHeader('cache-control') === undefined) {
      reply.header('cache-control', request.actor ? 'private, no-store' : 'no-cache');
    }
    const cacheable =
      usesPageCache(request) &&
      !request.actor &&
      !request.cookies[SESSION_COOKIE] &&
      request.method === 'GET' &&
      reply.statusCode === 200 &&
      typeof payload === 'string' &&
      reply.getHeader('x-page-cache') === undefined;
    if (cacheable) {
      const type = String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8');
      const etag = pageCache.set(pageCacheKey(request), payload, request.cspNonce, type);
      // The age question and the cookie banner depend on cookies: so does the page.
      reply.header('etag', etag).header('cache-control', 'public, max-age=0, must-revalidate').header('x-page-cache', 'miss').header('vary', 'cookie');
    }
    return payload;
  });

  app.get('/assets/*', { config: { action: 'site.read' } }, async (request, reply) => {
    const asset = assetByUrl(request.url.split('?')[0] ?? '');
    if (!asset) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    const accept = String(request.headers['accept-encoding'] ?? '');
    const encoding = accept.includes('br') && asset.br ? 'br' : accept.includes('gzip') && asset.gzip ? 'gzip' : null;
    reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('etag', asset.etag)
      .header('vary', 'accept-encoding')
      .header('cross-origin-resource-policy', 'same-origin')
      .type(asset.type);
    if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
    const compressed = encoding ? asset[encoding] : null;
    if (encoding && compressed) return reply.header('content-encoding', encoding).send(compressed);
    return reply.send(asset.body);
  });

  function renderError(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
    const ctx = request.view();
    const code = KNOWN_ERROR_CODES.has(error.code) ? error.code : error.status >= 500 ? 'internal' : 'invalid_input';
    if (error.status === 401 && request.method === 'GET' && wantsHtml(request) && !ctx.partial) {
      return reply.redirect(`/account/sign-in?next=${encodeURIComponent(localizePath(request.locale, request.url))}`, 303);
    }
    if (error.code === 'second_factor_required' && request.method === 'GET' && wantsHtml(request) && !ctx.partial) {
      return reply.redirect(localizePath(request.locale, SECOND_FACTOR_ENROL_PATH), 303);
    }
    reply.code(error.status);
    if (!wantsHtml(request)) return reply.send({ error: { code: error.code, requestId: request.id } });
    const title = ctx.t(`error.${code}.title` as MessageKey);
    const message = ctx.t(`error.${code}.message` as MessageKey);
    if (ctx.partial) {
      return reply.html(`<p class="notice notice-warning" role="alert">${escapeHtml(message)}</p>`);
    }
    return reply.html(ErrorPage({ ctx, status: error.status, title, message, requestId: request.id }) as string);
  }

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: appError.code }, 'request refused');
    return renderError(request, reply, appError);
  });

  app.setNotFoundHandler((request, reply) => renderError(request, reply, new AppError('not_found', 404)));
}

export default fp(httpCore, { name: 'sutura-http-core', fastify: '5.x' });
