import type { FastifyReply, FastifyRequest } from 'fastify';
import { newSecret } from '../../core/auth/tokens.js';
import type { SignInBrowser } from './model.js';
import { declareCookie } from '../../core/http/cookies.js';

/**
 * A random id that lets a later sign-in tell this browser from one the account has not seen.
 * Strictly necessary (it protects the account) and holds nothing else; the server keeps only a
 * hash of it per account (see devices.ts).
 */
export const DEVICE_COOKIE = declareCookie({ name: 'sutura_device', purpose: 'consent.cookie.device', lasts: 'consent.cookie.deviceLasts' });
/** Browsers keep a cookie 400 days at most; every sign-in renews it. */
const DEVICE_COOKIE_DAYS = 400;
/** Our own ids are 27 URL-safe characters: anything else was not set by us and is replaced. */
const DEVICE_ID = /^[\w-]{20,64}$/;

/** The browser a sign-in comes from: the id in its cookie, or a new one when it has none. */
export function signInBrowser(request: FastifyRequest): SignInBrowser {
  const cookie = request.cookies[DEVICE_COOKIE];
  return { deviceId: cookie && DEVICE_ID.test(cookie) ? cookie : newSecret(), userAgent: request.headers['user-agent'] ?? null };
}

/** Gives the browser its id (or renews it) once a sign-in has opened a session. */
export function rememberBrowser(reply: FastifyReply, browser: SignInBrowser, secure: boolean): void {
  reply.setCookie(DEVICE_COOKIE, browser.deviceId, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: DEVICE_COOKIE_DAYS * 86_400 });
}
