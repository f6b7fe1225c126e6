import type { AppServices } from '../../app.js';
import { recordAudit } from '../../core/audit/index.js';
import * as auth from '../../core/auth/index.js';
import { type Db, isUniqueViolation } from '../../core/db/index.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../core/errors.js';
import { type Locale, localizePath } from '../../core/i18n/index.js';
import { storeImage } from '../../core/media/index.js';
import { TwoFactorService } from '../two-factor/service.js';
import { NewsletterService } from '../newsletters/service.js';
import { newSignInEmailRequired, recordSignInBrowser } from './devices.js';
import { accountExists, accountLocked, emailChangeConfirm, emailChanged, emailChangeTaken, passwordReset, professionalDecision, verifyEmail } from './emails.js';
import { type Board, describeUserAgent, type ProfessionalProfile, type ProfessionalStatus, type PublicProfile, type SessionView, type SignInBrowser, type Specialty } from './model.js';
import * as store from './store.js';

/** A verification link works for 48 hours; a reset link for 30 minutes (NIST: short-lived). */
const VERIFY_TTL_MS = 48 * 3_600_000;
const RESET_TTL_MS = 30 * 60_000;
/** An email-change link works for 24 hours. */
const EMAIL_CHANGE_TTL_MS = 24 * 3_600_000;
/** The newsletter list a member's registration opt-in subscribes to. */
const PATIENT_LIST = 'list-patients';
/** Where the consent trail says a choice made on the preferences page came from. */
const PREFERENCES_SOURCE = '/account/preferences';

/** What a signed-in person chooses for themselves. */
export interface Preferences {
  readonly locale: Locale;
  /** Receives the patients' newsletter at the account's address. */
  readonly newsletter: boolean;
  /** Sees images marked sensitive without the blur (off by default). */
  readonly revealSensitiveMedia: boolean;
  /** Is emailed when the account is signed in from a browser it has not seen (on by default). */
  readonly newSignInEmail: boolean;
}

/** The preferences as the page shows them: with whether the new sign-in email may be turned off. */
export interface PreferencesView extends Preferences {
  /** Staff and professionals always get the new sign-in email. */
  readonly newSignInEmailRequired: boolean;
}

type Services = Pick<AppServices, 'db' | 'mail' | 'config' | 'storage' | 'cipher' | 'policyVersions'>;

export interface RegistrationInput {
  readonly name: string;
  readonly email: string;
  readonly password: string;
  readonly country: string;
  readonly locale: Locale;
  readonly newsletter: boolean;
}

export interface ProfessionalInput {
  readonly licenceNumber: string;
  readonly licenceRegion: string;
  readonly specialty: Specialty;
  readonly board: Board;
  readonly practiceName: string;
  readonly bio: string;
}

export type SignInResult =
  | { readonly kind: 'ok'; readonly session: auth.NewSession; readonly staff: boolean }
  | { readonly kind: 'second_factor'; readonly userId: string; readonly remember: boolean }
  | { readonly kind: 'failed' }
  | { readonly kind: 'throttled'; readonly until: Date; readonly locked: boolean };

function isMemberOnly(roles: readonly auth.Role[]): boolean {
  return roles.every((r) => r === 'member');
}

/**
 * Accounts: registration with a verified email, sign-in with throttling, password reset, the
 * person's own sessions and profile, and staff set-up links.
 */
export class AccountService {
  private readonly db: Db;

  constructor(private readonly services: Services, private readonly policy: auth.SessionPolicy) {
    this.db = services.db;
  }

  #url(locale: Locale, path: string): string {
    return `${this.services.config.publicUrl}${localizePath(locale, path)}`;
  }

  // Signing in and out

  /**
   * Checks credentials under throttling (per email typed and per IP address, in the database)
   * and opens a fresh session. Unknown, unverified and wrong all give the same `failed`.
   */
  async signIn(input: { email: string; password: string; remember: boolean; ip: string; browser: SignInBrowser }): Promise<SignInResult> {
    const keys = { account: auth.throttle.accountKey(input.email), ip: auth.throttle.ipKey(input.ip) };
    const wait = await auth.throttle.currentWait(this.db, [keys.account, keys.ip]);
    if (wait) {
      await this.db.transaction().execute((trx) => recordAudit(trx, 'auth.sign_in_throttled', null, { locked: wait.locked }, null));
      return { kind: 'throttled', until: wait.until, locked: wait.locked };
    }
    const user = await auth.checkCredentials(this.db, input.email, input.password);
    if (user?.emailVerifiedAt) {
      const remember = input.remember && isMemberOnly(user.roles);
      if ((await new TwoFactorService(this.services).status(user.id)).enabled) {
        // The password was right: its failures are forgiven; the second step has its own count.
        await auth.throttle.clearFailures(this.db, keys.account);
        return { kind: 'second_factor', userId: user.id, remember };
      }
      return this.db.transaction().execute(async (trx) => {
        await auth.throttle.clearFailures(trx, keys.account);
        const session = await auth.createSession(trx, user.id, this.policy, input.browser.userAgent, remember);
        await recordAudit(trx, 'auth.sign_in', { type: 'user', id: user.id }, { remember }, user.id);
        await recordSignInBrowser(trx, this.services, user, input.browser);
        return { kind: 'ok', session, staff: user.roles.some((r) => auth.STAFF_ROLES.includes(r)) } as const;
      });
    }
    await this.db.transaction().execute(async (trx) => {
      const locked = await auth.throttle.recordFailure(trx, keys.account, auth.throttle.ACCOUNT_RULE);
      await auth.throttle.recordFailure(trx, keys.ip, auth.throttle.IP_RULE);
      // Neither the email typed nor the password: the attempt is audited without personal data.
      await recordAudit(trx, 'auth.sign_in_failed', null, undefined, null);
      if (!locked) return;
      const owner = await auth.findUserByEmail(trx, input.email);
      await recordAudit(trx, 'auth.locked', owner ? { type: 'user', id: owner.id } : null, { minutes: auth.throttle.ACCOUNT_RULE.lockMs / 60_000 }, null);
      if (owner && !owner.disabledAt) {
        const locale = owner.locale as Locale;
        const token = await auth.createAccountToken(trx, owner.id, 'reset', RESET_TTL_MS);
        await this.services.mail.send(trx, accountLocked, {
          to: owner.email,
          locale,
          data: { minutes: auth.throttle.ACCOUNT_RULE.lockMs / 60_000, resetUrl: this.#url(locale, `/account/reset?token=${token}`) },
        });
      }
    });
    return { kind: 'failed' };
  }

  async signOut(sessionId: string, userId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await auth.revokeSession(trx, sessionId);
      await recordAudit(trx, 'auth.sign_out', { type: 'user', id: userId }, undefined, userId);
    });
  }

  // Registration and verification

  /**
   * Creates an unverified member (and a pending professional application) and emails the
   * verification link in the person's language. An address that already has an account gets an
   * email saying so instead, and the caller shows the same page: nobody learns who has an account.
   */
  async register(input: RegistrationInput, professional: ProfessionalInput | null = null): Promise<void> {
    try {
      await this.#register(input, professional);
    } catch (error) {
      // Two registrations of one address at the same moment: the loser gets the same answer.
      if (!isUniqueViolation(error)) throw error;
    }
  }

  async #register(input: RegistrationInput, professional: ProfessionalInput | null): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const existing = await auth.findUserByEmail(trx, input.email);
      if (existing) {
        const locale = existing.locale as Locale;
        await this.services.mail.send(trx, accountExists, { to: existing.email, locale, data: { signInUrl: this.#url(locale, '/account/sign-in'), forgotUrl: this.#url(locale, '/account/forgot') } });
        return;
      }
      const userId = await auth.createUser(trx, {
        email: input.email,
        name: input.name,
        password: input.password,
        locale: input.locale,
        roles: ['member'],
        emailVerified: false,
        country: input.country,
        termsVersion: this.services.policyVersions.current('terms'),
        privacyVersion: this.services.policyVersions.current('privacy'),
        newsletterOptIn: input.newsletter,
      });
      await recordAudit(trx, 'account.registered', { type: 'user', id: userId }, { professional: professional !== null, newsletter: input.newsletter }, userId);
      if (professional) {
        await store.insertProfile(trx, { userId, slug: await this.#slugFor(trx, input.name), ...professional });
        await recordAudit(trx, 'professional.applied', { type: 'user', id: userId }, { specialty: professional.specialty, board: professional.board }, userId);
      }
      await this.#sendVerification(trx, userId, input.name, input.email, input.locale);
    });
  }

  async #slugFor(trx: Parameters<typeof store.slugTaken>[0], name: string): Promise<string> {
    const base =
      name
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 60)
        .replace(/-+$/, '') || 'professional';
    for (let n = 0; ; n++) {
      // A short random suffix after a clash: slugs never reveal how many namesakes exist.
      const slug = n === 0 ? base : `${base}-${Math.random().toString(36).slice(2, 7)}`;
      if (!(await store.slugTaken(trx, slug))) return slug;
    }
  }

  async #sendVerification(trx: Parameters<typeof auth.createAccountToken>[0], userId: string, name: string, email: string, locale: Locale): Promise<void> {
    const token = await auth.createAccountToken(trx, userId, 'verify', VERIFY_TTL_MS);
    await this.services.mail.send(trx, verifyEmail, { to: email, locale, data: { name, verifyUrl: this.#url(locale, `/account/verify?token=${token}`) } });
  }

  /** Sends a new verification link when the address has an unverified account; silent otherwise. */
  async resendVerification(email: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const user = await auth.findUserByEmail(trx, email);
      if (!user || user.emailVerifiedAt || user.disabledAt) return;
      await this.#sendVerification(trx, user.id, user.name, user.email, user.locale as Locale);
      await recordAudit(trx, 'account.verification_resent', { type: 'user', id: user.id }, undefined, null);
    });
  }

  async verificationPending(token: string): Promise<boolean> {
    return (await auth.findAccountToken(this.db, token, 'verify')) !== null;
  }

  /** Uses a verification link: the address is verified, and a ticked newsletter opt-in takes effect. */
  async verify(token: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const userId = await auth.consumeAccountToken(trx, token, 'verify');
      if (!userId) return false;
      const user = await auth.findUserById(trx, userId);
      if (!user) return false;
      const { newsletterOptIn } = await auth.markEmailVerified(trx, userId);
      if (newsletterOptIn) await NewsletterService.subscribeConfirmed(trx, user.email, user.locale as Locale, [PATIENT_LIST], '/account/register', this.services.policyVersions.current('privacy'));
      await recordAudit(trx, 'account.email_verified', { type: 'user', id: userId }, { newsletter: newsletterOptIn }, userId);
      return true;
    });
  }

  // Password reset

  /** Emails a reset link when the address has an account; the caller answers the same either way. */
  async forgot(email: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const user = await auth.findUserByEmail(trx, email);
      if (!user || user.disabledAt) return;
      const locale = user.locale as Locale;
      const token = await auth.createAccountToken(trx, user.id, 'reset', RESET_TTL_MS);
      await this.services.mail.send(trx, passwordReset, { to: user.email, locale, data: { resetUrl: this.#url(locale, `/account/reset?token=${token}`) } });
      await recordAudit(trx, 'account.password_reset_requested', { type: 'user', id: user.id }, undefined, null);
    });
  }

  /** The user a reset link belongs to (still usable), for the form's staff/member length rule. */
  async resetTarget(token: string): Promise<{ staff: boolean } | null> {
    const record = await auth.findAccountToken(this.db, token, 'reset');
    const user = record ? await auth.findUserById(this.db, record.userId) : null;
    return user ? { staff: user.roles.some((r) => auth.STAFF_ROLES.includes(r)) } : null;
  }

  /**
   * Sets a new password through a single-use link and ends every session of the account. The
   * link came by email, so it also proves the address; the account's failure count is cleared.
   */
  async reset(token: string, password: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const userId = await auth.consumeAccountToken(trx, token, 'reset');
      const user = userId ? await auth.findUserById(trx, userId) : null;
      if (!user) return false;
      await auth.setPassword(trx, user.id, password);
      const sessions = await auth.revokeUserSessions(trx, user.id);
      if (!user.emailVerifiedAt) await auth.markEmailVerified(trx, user.id);
      await auth.throttle.clearFailures(trx, auth.throttle.accountKey(user.email));
      await recordAudit(trx, 'account.password_reset', { type: 'user', id: user.id }, { sessionsEnded: sessions }, user.id);
      return true;
    });
  }

  // The person's own account

  async account(actor: auth.Actor): Promise<{ user: auth.UserRecord; professional: ProfessionalProfile | null }> {
    const user = await auth.findUserById(this.db, actor.id);
    if (!user) throw new NotFoundError();
    return { user, professional: await store.findProfile(this.db, actor.id) };
  }

  /** Changes the person's name (their language is a preference, on the preferences page). */
  async updateProfile(actor: auth.Actor, input: { name: string }): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await auth.updateProfile(trx, actor.id, input);
      await recordAudit(trx, 'account.profile_updated', { type: 'user', id: actor.id }, undefined, actor.id);
    });
  }

  /** The person's preferences as they stand. */
  async preferences(actor: auth.Actor): Promise<PreferencesView> {
    const user = await auth.findUserById(this.db, actor.id);
    if (!user) throw new NotFoundError();
    const required = newSignInEmailRequired(user.roles);
    return {
      locale: user.locale as Locale,
      newsletter: await NewsletterService.receives(this.db, user.email, PATIENT_LIST),
      revealSensitiveMedia: user.revealSensitiveMedia,
      newSignInEmail: required || user.newSignInEmail,
      newSignInEmailRequired: required,
    };
  }

  /**
   * Saves the person's preferences in one transaction, audited (the choices only). The patients'
   * newsletter is joined or left for the account's verified address, with a consent record.
   * Unblurred sensitive images are for adults: registered accounts are (the age is checked at
   * registration), and an account marked as a minor's is disabled and can never turn it on.
   * Staff and professionals cannot turn the new sign-in email off: an unticked box is ignored.
   */
  async savePreferences(actor: auth.Actor, input: Preferences): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const user = await auth.findUserById(trx, actor.id);
      if (!user) throw new NotFoundError();
      if (user.disabledAt) throw new ForbiddenError();
      const newSignInEmail = input.newSignInEmail || newSignInEmailRequired(user.roles);
      await auth.updatePreferences(trx, user.id, { locale: input.locale, revealSensitiveMedia: input.revealSensitiveMedia, newSignInEmail });
      const receives = await NewsletterService.receives(trx, user.email, PATIENT_LIST);
      if (input.newsletter && !receives && user.emailVerifiedAt) await NewsletterService.subscribeConfirmed(trx, user.email, input.locale, [PATIENT_LIST], PREFERENCES_SOURCE, this.services.policyVersions.current('privacy'));
      if (!input.newsletter && receives) await NewsletterService.leaveList(trx, user.email, PATIENT_LIST, PREFERENCES_SOURCE, this.services.policyVersions.current('privacy'));
      await recordAudit(trx, 'account.preferences_updated', { type: 'user', id: user.id }, { locale: input.locale, newsletter: input.newsletter, revealSensitiveMedia: input.revealSensitiveMedia, newSignInEmail }, user.id);
    });
  }

  /**
   * Starts an email change: the current password proves it is the owner at the keyboard, and a
   * link to the new address proves that address is theirs. An address that already has an
   * account gets a notice instead; the page says the same either way.
   */
  async requestEmailChange(actor: auth.Actor, newEmail: string, currentPassword: string): Promise<'sent' | 'wrong_password'> {
    const user = await auth.findUserById(this.db, actor.id);
    if (!user?.passwordHash || !(await auth.verifyPassword(user.passwordHash, currentPassword))) return 'wrong_password';
    const email = newEmail.trim().toLowerCase();
    if (email === user.email) return 'sent';
    await this.db.transaction().execute(async (trx) => {
      const locale = user.locale as Locale;
      if (await auth.findUserByEmail(trx, email)) {
        await this.services.mail.send(trx, emailChangeTaken, { to: email, locale, data: {} });
        return;
      }
      const token = await auth.createAccountToken(trx, user.id, 'email', EMAIL_CHANGE_TTL_MS, email);
      await this.services.mail.send(trx, emailChangeConfirm, { to: email, locale, data: { confirmUrl: this.#url(locale, `/account/email/confirm?token=${token}`) } });
      await recordAudit(trx, 'account.email_change_requested', { type: 'user', id: user.id }, undefined, user.id);
    });
    return 'sent';
  }

  async emailChangePending(token: string): Promise<boolean> {
    return (await auth.findAccountToken(this.db, token, 'email')) !== null;
  }

  /** Uses an email-change link: the account's address becomes the new one; the old one is told. */
  async confirmEmailChange(token: string): Promise<'changed' | 'taken' | 'invalid'> {
    return this.db.transaction().execute(async (trx) => {
      const record = await auth.consumeAccountTokenRecord(trx, token, 'email');
      const user = record ? await auth.findUserById(trx, record.userId) : null;
      if (!record?.newEmail || !user) return 'invalid';
      if (!(await auth.setEmail(trx, user.id, record.newEmail))) return 'taken';
      const locale = user.locale as Locale;
      await this.services.mail.send(trx, emailChanged, { to: user.email, locale, data: { newEmail: record.newEmail, contact: this.services.config.practice.email } });
      await auth.throttle.clearFailures(trx, auth.throttle.accountKey(user.email));
      await recordAudit(trx, 'account.email_changed', { type: 'user', id: user.id }, undefined, user.id);
      return 'changed';
    });
  }

  async sessions(actor: auth.Actor): Promise<SessionView[]> {
    const sessions = await auth.listSessionsOf(this.db, actor.id);
    return sessions.map((s) => ({ id: s.id, createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, ...describeUserAgent(s.userAgent), current: s.id === actor.sessionId }));
  }

  /** Ends one of the actor's own sessions; an id that is not theirs finds nothing (false). */
  async revokeSession(actor: auth.Actor, sessionId: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      if (!(await auth.revokeSessionOf(trx, actor.id, sessionId))) return false;
      await recordAudit(trx, 'auth.session_revoked', { type: 'user', id: actor.id }, { current: sessionId === actor.sessionId }, actor.id);
      return true;
    });
  }

  /** "Sign out everywhere": every session of the actor ends, this one included. */
  async revokeAllSessions(actor: auth.Actor): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const count = await auth.revokeUserSessions(trx, actor.id);
      await recordAudit(trx, 'auth.sessions_revoked', { type: 'user', id: actor.id }, { count }, actor.id);
      return count;
    });
  }

  // Staff set-up links

  findInvite(token: string): ReturnType<typeof auth.findUsableInvite> {
    return auth.findUsableInvite(this.db, token);
  }

  /** Creates the staff account an invite names, once; then signs the person in (their first sign-in). */
  async acceptInvite(token: string, input: { name: string; email: string; password: string; locale: string }, browser: SignInBrowser): Promise<auth.NewSession | null> {
    return this.db.transaction().execute(async (trx) => {
      const invite = await auth.findUsableInvite(trx, token);
      if (!invite || !(await auth.markInviteUsed(trx, invite.id))) return null;
      if (await auth.findUserByEmail(trx, input.email)) throw new ConflictError('email_taken');
      const userId = await auth.createUser(trx, { ...input, roles: invite.roles });
      await recordAudit(trx, 'auth.staff_created', { type: 'user', id: userId }, { roles: invite.roles }, userId);
      const session = await auth.createSession(trx, userId, this.policy, browser.userAgent);
      const user = await auth.findUserById(trx, userId);
      if (user) await recordSignInBrowser(trx, this.services, user, browser);
      return session;
    });
  }
}

/**
 * Professional verification: staff review applications; approval grants the professional role
 * (ending the person's sessions: a privilege change) and publishes the profile.
 */
export class ProfessionalService {
  constructor(private readonly services: Services) {}

  #url(locale: Locale, path: string): string {
    return `${this.services.config.publicUrl}${localizePath(locale, path)}`;
  }

  queue(status: ProfessionalStatus): Promise<ProfessionalProfile[]> {
    return store.listProfiles(this.services.db, status);
  }

  async application(userId: string): Promise<ProfessionalProfile> {
    const profile = await store.findProfile(this.services.db, userId);
    if (!profile) throw new NotFoundError();
    return profile;
  }

  async publicProfile(slug: string): Promise<PublicProfile> {
    const profile = await store.findPublicProfile(this.services.db, slug);
    if (!profile) throw new NotFoundError();
    return profile;
  }

  /**
   * Sets the photo of the actor's own professional profile: checked by its bytes, re-encoded
   * without metadata by the media pipeline. Throws NotFoundError without an application and
   * ValidationError('image_invalid' | 'image_too_large') for a file that is not a usable image.
   */
  async setPhoto(actor: auth.Actor, bytes: Buffer): Promise<void> {
    const profile = await store.findProfile(this.services.db, actor.id);
    if (!profile) throw new NotFoundError();
    await this.services.db.transaction().execute(async (trx) => {
      const image = await storeImage(trx, this.services.storage, bytes, { createdBy: actor.id });
      await store.setPhoto(trx, actor.id, image.id);
      await recordAudit(trx, 'professional.photo_updated', { type: 'user', id: actor.id }, { mediaId: image.id }, actor.id);
    });
  }

  publicSlugs(): ReturnType<typeof store.listPublicSlugs> {
    return store.listPublicSlugs(this.services.db);
  }

  /** Approves or rejects a pending application (a rejection needs its reason), audited and emailed. */
  async decide(actor: auth.Actor, userId: string, decision: { approve: true; reason?: string } | { approve: false; reason: string }): Promise<void> {
    const profile = await this.application(userId);
    await this.services.db.transaction().execute(async (trx) => {
      const reason = decision.reason?.trim() || null;
      if (!decision.approve && !reason) throw new ValidationError('invalid_input', 'a rejection needs a reason');
      if (!(await store.decide(trx, userId, { status: decision.approve ? 'approved' : 'rejected', reason, reviewedBy: actor.id }))) throw new ConflictError('already_decided');
      if (decision.approve) await auth.grantRole(trx, userId, 'professional', actor.id);
      // The reason is the staff's words to the applicant: kept on the application, not in the audit trail.
      await recordAudit(trx, decision.approve ? 'professional.approved' : 'professional.rejected', { type: 'user', id: userId }, { withReason: reason !== null }, actor.id);
      const user = await auth.findUserById(trx, userId);
      if (user) {
        const locale = user.locale as Locale;
        await this.services.mail.send(trx, professionalDecision, {
          to: user.email,
          locale,
          data: { approved: decision.approve, reason, profileUrl: this.#url(locale, `/professionals/${profile.slug}`), signInUrl: this.#url(locale, '/account/sign-in') },
        });
      }
    });
  }
}

/** Approved professionals' public profile slugs by user id, for other features that name them. */
export function professionalSlugs(db: Db, userIds: readonly string[]): Promise<Map<string, string>> {
  return store.publicSlugsOf(db, userIds);
}

/** The user id behind an approved professional's public slug, or null. */
export function professionalIdBySlug(db: Db, slug: string): Promise<string | null> {
  return store.userIdOfPublicSlug(db, slug);
}
