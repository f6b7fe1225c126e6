import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { AppServices } from '../../app.js';
import { recordAudit } from '../../core/audit/index.js';
import { type Actor, type SessionPolicy, STAFF_ROLES, createSession, defineSecondFactorMethod, findUserById, markSessionSecondFactor, revokeSession, secondFactorRequired } from '../../core/auth/index.js';
import { recordSignInBrowser } from '../accounts/devices.js';
import type { SignInBrowser } from '../accounts/model.js';
import * as store from './store.js';

export type { Passkey } from './store.js';

// A passkey with user verification is a second factor (core/auth's rule asks every method).
defineSecondFactorMethod('passkey', async (db, userId) => (await store.listFor(db, userId)).length > 0);

/** A ceremony must finish within five minutes of its options. */
const CHALLENGE_TTL_MS = 5 * 60_000;

/**
 * Passkeys (WebAuthn): a second way to sign in, with no password. The authenticator must
 * verify the person (PIN, fingerprint, face), so a passkey is two factors in one and meets
 * the two-step requirement of staff and professionals.
 */
export class PasskeyService {
  readonly #rpID: string;
  readonly #origin: string;

  constructor(private readonly services: Pick<AppServices, 'db' | 'config' | 'mail'>) {
    const url = new URL(services.config.publicUrl);
    this.#rpID = url.hostname;
    this.#origin = url.origin;
  }

  list(userId: string): Promise<store.Passkey[]> {
    return store.listFor(this.services.db, userId);
  }

  async registrationOptions(actor: Actor): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const existing = await this.list(actor.id);
    const options = await generateRegistrationOptions({
      rpName: this.services.config.practice.name,
      rpID: this.#rpID,
      userName: actor.email,
      userDisplayName: actor.name,
      userID: new Uint8Array(Buffer.from(actor.id)),
      attestationType: 'none',
      excludeCredentials: existing.map((p) => ({ id: p.id, transports: p.transports })),
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
    await store.saveChallenge(this.services.db, options.challenge, 'register', actor.id, new Date(Date.now() + CHALLENGE_TTL_MS));
    return options;
  }

  /** Verifies a new passkey against the challenge issued to this person, and keeps it. */
  async register(actor: Actor, name: string, response: RegistrationResponseJSON): Promise<boolean> {
    const { db } = this.services;
    let verification;
    try {
      verification = await verifyRegistrationResponse({
        response,
        expectedChallenge: (challenge) => store.consumeChallenge(db, challenge, 'register', actor.id),
        expectedOrigin: this.#origin,
        expectedRPID: this.#rpID,
        requireUserVerification: true,
      });
    } catch {
      // Malformed or foreign responses are refused like failed ones.
      return false;
    }
    if (!verification.verified) return false;
    const { credential, credentialBackedUp } = verification.registrationInfo;
    await db.transaction().execute(async (trx) => {
      await store.insert(trx, {
        id: credential.id,
        userId: actor.id,
        publicKey: Buffer.from(credential.publicKey).toString('base64url'),
        counter: credential.counter,
        transports: credential.transports ?? [],
        backedUp: credentialBackedUp,
        name,
      });
      // The person just verified themselves on the new passkey in this session.
      await markSessionSecondFactor(trx, actor.sessionId);
      await recordAudit(trx, 'auth.passkey_added', { type: 'user', id: actor.id }, { required: secondFactorRequired(actor.roles) }, actor.id);
    });
    return true;
  }

  async authenticationOptions(): Promise<PublicKeyCredentialRequestOptionsJSON> {
    // No allow-list: the browser offers the person's passkeys for this site (discoverable credentials).
    const options = await generateAuthenticationOptions({ rpID: this.#rpID, userVerification: 'required' });
    await store.saveChallenge(this.services.db, options.challenge, 'authenticate', null, new Date(Date.now() + CHALLENGE_TTL_MS));
    return options;
  }

  /**
   * Signs in with a passkey: verifies the response against a challenge this site issued, then
   * opens a new session (ending the one the browser had) and records the browser (a new one is
   * emailed about). Failures are audited without details.
   */
  async signIn(response: AuthenticationResponseJSON, policy: SessionPolicy, browser: SignInBrowser, previousSessionId: string | null): Promise<{ token: string; expiresAt: Date; staff: boolean } | null> {
    const { db } = this.services;
    const user = await this.#verify(response);
    if (!user) {
      await db.transaction().execute((trx) => recordAudit(trx, 'auth.sign_in_failed', null, { method: 'passkey' }, null));
      return null;
    }
    if (previousSessionId) await revokeSession(db, previousSessionId);
    const session = await db.transaction().execute(async (trx) => {
      // User verification is required: a passkey is two factors in one.
      const created = await createSession(trx, user.id, policy, browser.userAgent, false, true);
      await recordAudit(trx, 'auth.sign_in', { type: 'user', id: user.id }, { method: 'passkey' }, user.id);
      await recordSignInBrowser(trx, this.services, user, browser);
      return created;
    });
    return { ...session, staff: user.roles.some((r) => STAFF_ROLES.includes(r)) };
  }

  /** The person a passkey response proves, or null; the sign-counter and last use are updated. */
  async #verify(response: AuthenticationResponseJSON) {
    const { db } = this.services;
    const passkey = await store.find(db, response.id);
    if (!passkey) return null;
    const user = await findUserById(db, passkey.userId);
    if (!user || user.disabledAt) return null;
    let verification;
    try {
      verification = await verifyAuthenticationResponse({
        response,
        expectedChallenge: (challenge) => store.consumeChallenge(db, challenge, 'authenticate', null),
        expectedOrigin: this.#origin,
        expectedRPID: this.#rpID,
        credential: { id: passkey.id, publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')), counter: passkey.counter, transports: passkey.transports as never },
        requireUserVerification: true,
      });
    } catch {
      return null;
    }
    if (!verification.verified) return null;
    await store.recordUse(db, passkey.id, verification.authenticationInfo.newCounter);
    return user;
  }

  async remove(actor: Actor, id: string): Promise<boolean> {
    return this.services.db.transaction().execute(async (trx) => {
      if (!(await store.remove(trx, id, actor.id))) return false;
      await recordAudit(trx, 'auth.passkey_removed', { type: 'user', id: actor.id }, undefined, actor.id);
      return true;
    });
  }
}
