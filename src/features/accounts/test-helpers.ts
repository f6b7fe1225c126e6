import assert from 'node:assert/strict';
import { form, type TestApp } from '../../../test/support/app.js';
import { totpCode, totpStep } from '../../core/auth/totp.js';

/** Helpers shared by the accounts tests (not a test file itself). */

let ip = 0;
/** A fresh client address per call, so per-IP limits never interfere between steps. */
export const remoteAddress = (): string => `198.51.100.${(++ip % 250) + 1}`;

export const PASSWORD = 'plum orchard by the sea';

/** A date of birth `years` years ago (minus `days` days), as the form's three fields. */
export function bornYearsAgo(years: number, days = 0): { birthDay: string; birthMonth: string; birthYear: string } {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear() - years, now.getUTCMonth(), now.getUTCDate() - days));
  return { birthDay: String(d.getUTCDate()), birthMonth: String(d.getUTCMonth() + 1), birthYear: String(d.getUTCFullYear()) };
}

export function registration(email: string, extra: Record<string, string> = {}): Record<string, string> {
  return { name: 'Rosa Member', email, password: PASSWORD, ...bornYearsAgo(30), country: 'US', language: 'en', terms: 'on', ...extra };
}

export function professionalRegistration(email: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...registration(email, { name: 'Dr. Inés Álvarez' }),
    licenceNumber: 'ME 123456',
    licenceRegion: 'Florida, US',
    specialty: 'plastic_surgery',
    board: 'abps',
    practiceName: 'Bayview Aesthetics',
    bio: 'Board-certified plastic surgeon.\nTwenty years in Miami.',
    ...extra,
  };
}

/** The newest outbox message to an address (rendered and stored at send time). */
export async function lastMail(t: TestApp, to: string): Promise<{ subject: string; text: string; template: string } | undefined> {
  return t.services.db
    .selectFrom('mail_messages')
    .select(['subject', 'text', 'template'])
    .where('to_address', '=', to)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** The token of the first link to `path` in a text. */
export function tokenIn(text: string, path: string): string {
  const match = new RegExp(`${path.replace(/[/?]/g, (c) => `\\${c}`)}\\?token=([\\w-]+)`).exec(text);
  assert.ok(match?.[1], `no ${path} link in:\n${text}`);
  return match[1];
}

export async function register(t: TestApp, email: string, extra: Record<string, string> = {}, path = '/account/register'): Promise<void> {
  const res = await t.request({ method: 'POST', url: path, remoteAddress: remoteAddress(), ...form(path.includes('professional') ? professionalRegistration(email, extra) : registration(email, extra)) });
  assert.equal(res.statusCode, 303, res.body);
}

/** Registers and verifies through the outbox's link. */
export async function registerVerified(t: TestApp, email: string, extra: Record<string, string> = {}, path = '/account/register'): Promise<void> {
  await register(t, email, extra, path);
  const mail = await lastMail(t, email);
  const token = tokenIn(mail?.text ?? '', '/account/verify');
  const res = await t.request({ method: 'POST', url: '/account/verify', remoteAddress: remoteAddress(), ...form({ token }) });
  assert.equal(res.statusCode, 303, res.body);
}

export function sessionToken(setCookie: string | string[] | undefined): string {
  const header = [setCookie ?? []].flat().find((c) => c.startsWith('sutura_session=') && !c.startsWith('sutura_session=;'));
  assert.ok(header, 'a session cookie is set');
  return /sutura_session=([^;]+)/.exec(header)?.[1] ?? '';
}

export async function signIn(t: TestApp, email: string, password = PASSWORD, extra: Record<string, string> = {}): Promise<{ status: number; token: string | null; body: string; location: string | undefined; cookie: string | undefined }> {
  const body = form({ email, password, ...extra });
  const res = await t.request({ method: 'POST', url: '/account/sign-in', remoteAddress: remoteAddress(), payload: body.payload, headers: { ...body.headers, 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0' } });
  const cookie = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('sutura_session=') && !c.startsWith('sutura_session=;'));
  return { status: res.statusCode, token: cookie ? sessionToken(cookie) : null, body: res.body, location: res.headers.location as string | undefined, cookie };
}

/** The first form error message on a page. */
export function errorMessage(body: string): string | undefined {
  return /<p class="error"[^>]*>([^<]+)</.exec(body)?.[1];
}

export async function count(t: TestApp, table: 'users' | 'user_roles' | 'sessions' | 'account_tokens' | 'sign_in_throttle' | 'professional_profiles' | 'mail_messages' | 'audit_events' | 'newsletter_subscribers' | 'jobs'): Promise<number> {
  const row = await t.services.db.selectFrom(table).select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Sets up an authenticator app for the session's owner through the pages, as a person would;
 * returns the secret (codes for later steps come from `totpCode(secret, step)`) and the step used.
 */
export async function enrolTotp(t: TestApp, as: string): Promise<{ secret: string; step: number }> {
  const page = await t.request({ method: 'POST', url: '/account/two-factor/setup', as, remoteAddress: remoteAddress() });
  assert.equal(page.statusCode, 200, page.body);
  const secret = page.body.match(/<code class="secret">([A-Z2-7 ]+)<\/code>/)![1]!.replace(/ /g, '');
  const step = totpStep();
  const done = await t.request({ method: 'POST', url: '/account/two-factor/confirm', as, remoteAddress: remoteAddress(), ...form({ code: totpCode(secret, step) }) });
  assert.equal(done.statusCode, 200, done.body);
  return { secret, step };
}
