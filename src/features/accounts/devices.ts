import { createHash } from 'node:crypto';
import type { AppServices } from '../../app.js';
import { recordAudit } from '../../core/audit/index.js';
import { markFirstSignIn, type Role, secondFactorRequired, type UserRecord } from '../../core/auth/index.js';
import type { Trx } from '../../core/db/index.js';
import { type Locale, localizePath } from '../../core/i18n/index.js';
import { newSignIn } from './emails.js';
import { describeUserAgent, type SignInBrowser } from './model.js';
import * as store from './store.js';

/**
 * Staff and professionals always get the new sign-in email, whatever they chose as members: the
 * same people who must use a second factor, since their accounts reach the back office and
 * patients' information.
 */
export function newSignInEmailRequired(roles: readonly Role[]): boolean {
  return secondFactorRequired(roles);
}

/**
 * What is stored of a browser's id: a hash taken with the account's id, so the rows of one
 * browser in two accounts cannot be matched, and the table alone lets nobody present the id.
 */
function deviceHash(userId: string, deviceId: string): string {
  return createHash('sha256').update(`${userId}:${deviceId}`).digest('hex');
}

/**
 * Records the browser of a completed sign-in, in the transaction that opens its session (every
 * way of signing in calls it: password, password and code, passkey, a staff set-up link). A
 * browser the account has seen before is only marked as seen. A new one is remembered and the
 * holder is emailed (when they want it; staff and professionals always), except at the
 * account's very first sign-in: the person has just created the account or finished setting it
 * up, there is no earlier browser to compare with, and an email about their own first visit
 * would teach them to ignore these. That first sign-in is kept on the account, so an account
 * whose browsers were all forgotten (a year unseen) still gets the email.
 */
export async function recordSignInBrowser(trx: Trx, services: Pick<AppServices, 'mail' | 'config'>, user: UserRecord, browser: SignInBrowser): Promise<void> {
  const now = new Date();
  const hash = deviceHash(user.id, browser.deviceId);
  if (await store.touchKnownDevice(trx, user.id, hash, now)) return;
  const names = describeUserAgent(browser.userAgent);
  // Another sign-in from this browser got there first (two tabs at once): it did the rest.
  if (!(await store.insertKnownDevice(trx, { userId: user.id, deviceHash: hash, ...names, at: now }))) return;
  const first = await markFirstSignIn(trx, user.id, now);
  const required = newSignInEmailRequired(user.roles);
  const emailed = !first && (user.newSignInEmail || required);
  if (emailed) {
    const locale = user.locale as Locale;
    const url = (path: string): string => `${services.config.publicUrl}${localizePath(locale, path)}`;
    await services.mail.send(trx, newSignIn, {
      to: user.email,
      locale,
      data: { at: now, ...names, resetUrl: url('/account/forgot'), sessionsUrl: url('/account/sessions'), preferencesUrl: required ? null : url('/account/preferences') },
    });
  }
  await recordAudit(trx, 'account.new_browser', { type: 'user', id: user.id }, { first, emailed }, user.id);
}
