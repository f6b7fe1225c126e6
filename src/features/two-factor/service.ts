import { renderSVG } from 'uqr';
import type { AppServices } from '../../app.js';
import { recordAudit } from '../../core/audit/index.js';
import { type Actor, createSession, defineSecondFactorMethod, findUserById, markSessionSecondFactor, type NewSession, secondFactorRequired, STAFF_ROLES, sessionPolicy, throttle } from '../../core/auth/index.js';
import { hashSecret } from '../../core/auth/tokens.js';
import { newRecoveryCodes, newTotpSecret, normalizeRecoveryCode, otpauthUri, verifyTotp } from '../../core/auth/totp.js';
import { recordSignInBrowser } from '../accounts/devices.js';
import type { SignInBrowser } from '../accounts/model.js';
import * as store from './store.js';

export type SecondFactorMethod = 'totp' | 'recovery_code';

export interface SetupDetails {
  /** The secret for typing by hand, in groups of four. */
  readonly secret: string;
  readonly qrSvg: string;
}

/** Where a sealed secret belongs: copied to another user's row, it does not open. */
export const sealedAt = {
  secret: (userId: string) => `user_totp.secret:${userId}`,
  pending: (userId: string) => `user_totp.pending:${userId}`,
};

/** A setup left half-way expires: a secret shown on a screen long ago is not one to trust. */
const PENDING_TTL_MS = 30 * 60_000;

export { secondFactorRequired };

// A confirmed authenticator app is a second factor (core/auth's rule asks every method).
defineSecondFactorMethod('totp', async (db, userId) => {
  const totp = await store.findTotp(db, userId);
  return Boolean(totp?.confirmedAt && totp.secretSealed);
});

/**
 * Two-factor authentication with an authenticator app (TOTP) and single-use recovery codes.
 * Secrets are sealed with the data keys; recovery codes are kept only as hashes.
 */
export class TwoFactorService {
  constructor(private readonly services: Pick<AppServices, 'db' | 'cipher' | 'config' | 'mail'>) {}

  async status(userId: string): Promise<{ enabled: boolean; recoveryLeft: number }> {
    const totp = await store.findTotp(this.services.db, userId);
    const enabled = Boolean(totp?.confirmedAt && totp.secretSealed);
    return { enabled, recoveryLeft: enabled ? await store.countUnusedRecoveryCodes(this.services.db, userId) : 0 };
  }

  /** Creates a new secret to set up, kept pending until a code from the app confirms it. */
  async beginSetup(actor: Actor): Promise<SetupDetails> {
    const secret = newTotpSecret();
    await store.savePending(this.services.db, actor.id, this.services.cipher.encrypt(secret, sealedAt.pending(actor.id)));
    return this.#details(actor, secret);
  }

  /** The setup in progress (to show again after a mistyped code), or null when there is none. */
  async pendingSetup(actor: Actor): Promise<SetupDetails | null> {
    const secret = await this.#pendingSecret(actor.id);
    return secret ? this.#details(actor, secret) : null;
  }

  /** Confirms the pending secret with a code from the app; returns the new recovery codes, shown once. */
  async confirmSetup(actor: Actor, code: string): Promise<string[] | null> {
    const secret = await this.#pendingSecret(actor.id);
    const step = secret ? verifyTotp(secret, code, null) : null;
    if (!secret || step === null) return null;
    const codes = newRecoveryCodes();
    await this.services.db.transaction().execute(async (trx) => {
      await store.confirm(trx, actor.id, this.services.cipher.encrypt(secret, sealedAt.secret(actor.id)), step);
      await store.replaceRecoveryCodes(trx, actor.id, codes.map(hashSecret));
      // The person just proved the app in this session: it counts as opened with a second factor.
      await markSessionSecondFactor(trx, actor.sessionId);
      await recordAudit(trx, 'auth.two_factor_enabled', { type: 'user', id: actor.id }, { required: secondFactorRequired(actor.roles) }, actor.id);
    });
    return codes;
  }

  /** New recovery codes (the old ones stop working), after a code from the app. */
  async regenerateRecoveryCodes(actor: Actor, code: string): Promise<string[] | null> {
    if ((await this.verify(actor.id, code, { recoveryCodes: false })) === null) return null;
    const codes = newRecoveryCodes();
    await this.services.db.transaction().execute(async (trx) => {
      await store.replaceRecoveryCodes(trx, actor.id, codes.map(hashSecret));
      await recordAudit(trx, 'auth.recovery_codes_regenerated', { type: 'user', id: actor.id }, undefined, actor.id);
    });
    return codes;
  }

  /** Turns two-factor off for a member who asks, with a current code; never for those who must use it. */
  async disable(actor: Actor, code: string): Promise<'disabled' | 'required' | 'invalid'> {
    if (secondFactorRequired(actor.roles)) return 'required';
    if ((await this.verify(actor.id, code)) === null) return 'invalid';
    await this.services.db.transaction().execute(async (trx) => {
      await store.remove(trx, actor.id);
      await recordAudit(trx, 'auth.two_factor_disabled', { type: 'user', id: actor.id }, undefined, actor.id);
    });
    return 'disabled';
  }

  /**
   * Checks a second factor: a code from the app (each works once) or, unless excluded, one of
   * the recovery codes (each works once). Returns how the person proved it, or null.
   */
  async verify(userId: string, typed: string, options: { recoveryCodes?: boolean } = {}): Promise<SecondFactorMethod | null> {
    const { db, cipher } = this.services;
    const totp = await store.findTotp(db, userId);
    if (!totp?.confirmedAt || !totp.secretSealed) return null;
    const input = typed.slice(0, 40);
    const step = verifyTotp(cipher.decryptText(totp.secretSealed, sealedAt.secret(userId)), input, totp.lastStep);
    if (step !== null) return (await store.useStep(db, userId, step)) ? 'totp' : null;
    if (options.recoveryCodes === false) return null;
    return (await store.useRecoveryCode(db, userId, hashSecret(normalizeRecoveryCode(input)))) ? 'recovery_code' : null;
  }

  /**
   * The second step of a sign-in whose password was right: a code from the app or a recovery
   * code opens the session. Wrong codes are counted per person with the sign-in throttle's
   * rule (growing waits, then a lock), and every failure is audited. The browser is recorded
   * (and a new one emailed about) with the session.
   */
  async completeSignIn(
    pending: { userId: string; remember: boolean },
    code: string,
    browser: SignInBrowser,
  ): Promise<{ kind: 'ok'; session: NewSession; staff: boolean } | { kind: 'failed' } | { kind: 'throttled'; until: Date }> {
    const { db } = this.services;
    const key = `second-step:${pending.userId}`;
    const wait = await throttle.currentWait(db, [key]);
    if (wait) return { kind: 'throttled', until: wait.until };
    const user = await findUserById(db, pending.userId);
    const method = user && !user.disabledAt ? await this.verify(pending.userId, code) : null;
    if (!user || !method) {
      await db.transaction().execute(async (trx) => {
        await throttle.recordFailure(trx, key, throttle.ACCOUNT_RULE);
        await recordAudit(trx, 'auth.sign_in_failed', { type: 'user', id: pending.userId }, { step: 'second_factor' }, null);
      });
      return { kind: 'failed' };
    }
    const remember = pending.remember && !secondFactorRequired(user.roles);
    const session = await db.transaction().execute(async (trx) => {
      await throttle.clearFailures(trx, key);
      const created = await createSession(trx, user.id, sessionPolicy(this.services.config), browser.userAgent, remember, true);
      await recordAudit(trx, 'auth.sign_in', { type: 'user', id: user.id }, { method, remember }, user.id);
      await recordSignInBrowser(trx, this.services, user, browser);
      return created;
    });
    return { kind: 'ok', session, staff: user.roles.some((r) => STAFF_ROLES.includes(r)) };
  }

  async #pendingSecret(userId: string): Promise<string | null> {
    const totp = await store.findTotp(this.services.db, userId);
    if (!totp?.pendingSecretSealed || !totp.pendingCreatedAt || totp.pendingCreatedAt.getTime() + PENDING_TTL_MS < Date.now()) return null;
    return this.services.cipher.decryptText(totp.pendingSecretSealed, sealedAt.pending(userId));
  }

  #details(actor: Actor, secret: string): SetupDetails {
    const uri = otpauthUri(this.services.config.practice.name, actor.email, secret);
    return { secret: secret.match(/.{1,4}/g)!.join(' '), qrSvg: renderSVG(uri, { ecc: 'M', border: 2 }) };
  }
}
