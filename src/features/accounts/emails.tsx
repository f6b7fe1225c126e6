import { type EmailTemplate, type MailSite, renderSimpleMessage } from '../../core/mail/index.js';
import { formatDateTimeUtc, type Locale } from '../../core/i18n/index.js';
import { browserLabel } from './model.js';

/** One paragraph, an optional button, more paragraphs: every account email has this shape. */
function simpleMail(site: MailSite & { locale: Locale }, subject: string, intro: string, action: { label: string; url: string } | null, after: readonly string[]): { subject: string; html: string; text: string } {
  return renderSimpleMessage(site, { subject, paragraphs: [intro], ...(action ? { action } : {}), after });
}

/** Registration: the single-use link that proves the address belongs to the person (48 hours). */
export const verifyEmail: EmailTemplate<{ name: string; verifyUrl: string }> = {
  name: 'account.verify',
  category: 'transactional',
  render(t, data, site) {
    return simpleMail(
      site,
      t('account.mail.verifySubject', { practice: site.practice.name }),
      t('account.mail.verifyIntro', { name: data.name, practice: site.practice.name }),
      { label: t('account.mail.verifyAction'), url: data.verifyUrl },
      [t('account.mail.verifyExpiry'), t('account.mail.ignore')],
    );
  },
};

/**
 * Someone registered with an address that already has an account. The web page said the same as
 * for a new address; only the owner of the mailbox learns that the account exists.
 */
export const accountExists: EmailTemplate<{ signInUrl: string; forgotUrl: string }> = {
  name: 'account.exists',
  category: 'transactional',
  render(t, data, site) {
    return simpleMail(
      site,
      t('account.mail.existsSubject', { practice: site.practice.name }),
      t('account.mail.existsIntro', { practice: site.practice.name }),
      { label: t('account.mail.existsAction'), url: data.signInUrl },
      [t('account.mail.existsForgot', { url: data.forgotUrl }), t('account.mail.ignore')],
    );
  },
};

/** A password reset link: single-use, 30 minutes. */
export const passwordReset: EmailTemplate<{ resetUrl: string }> = {
  name: 'account.reset',
  category: 'transactional',
  render(t, data, site) {
    return simpleMail(
      site,
      t('account.mail.resetSubject', { practice: site.practice.name }),
      t('account.mail.resetIntro', { practice: site.practice.name }),
      { label: t('account.mail.resetAction'), url: data.resetUrl },
      [t('account.mail.resetExpiry'), t('account.mail.ignore')],
    );
  },
};

/** Too many failed sign-ins locked the account for a while: tell the owner, with a reset link. */
export const accountLocked: EmailTemplate<{ minutes: number; resetUrl: string }> = {
  name: 'account.locked',
  category: 'transactional',
  render(t, data, site) {
    return simpleMail(
      site,
      t('account.mail.lockedSubject', { practice: site.practice.name }),
      t('account.mail.lockedIntro', { minutes: data.minutes }),
      { label: t('account.mail.lockedAction'), url: data.resetUrl },
      [t('account.mail.lockedIgnore')],
    );
  },
};

/** The staff's decision on a professional application; a rejection carries its reason. */
export const professionalDecision: EmailTemplate<{ approved: boolean; reason: string | null; profileUrl: string; signInUrl: string }> = {
  name: 'account.professional_decision',
  category: 'transactional',
  render(t, data, site) {
    if (data.approved) {
      return simpleMail(
        site,
        t('professional.mail.approvedSubject', { practice: site.practice.name }),
        t('professional.mail.approvedIntro', { practice: site.practice.name }),
        { label: t('professional.mail.approvedAction'), url: data.profileUrl },
        [t('professional.mail.signInAgain', { url: data.signInUrl })],
      );
    }
    return simpleMail(
      site,
      t('professional.mail.rejectedSubject', { practice: site.practice.name }),
      t('professional.mail.rejectedIntro', { practice: site.practice.name }),
      null,
      [t('professional.mail.reason', { reason: data.reason ?? '' }), t('professional.mail.rejectedNext', { email: site.practice.email })],
    );
  },
};

/** To the new address of an email change: the link that proves it belongs to the person. */
export const emailChangeConfirm: EmailTemplate<{ confirmUrl: string }> = {
  name: 'account.email_change',
  category: 'transactional',
  render(t, data, site) {
    return simpleMail(
      site,
      t('emailChange.mail.confirmSubject', { practice: site.practice.name }),
      t('emailChange.mail.confirmIntro', { practice: site.practice.name }),
      { label: t('emailChange.mail.confirmAction'), url: data.confirmUrl },
      [t('emailChange.mail.confirmExpiry'), t('account.mail.ignore')],
    );
  },
};

/** To an address someone tried to move their account to, which already has an account. */
export const emailChangeTaken: EmailTemplate<Record<string, never>> = {
  name: 'account.email_change_taken',
  category: 'transactional',
  render(t, _data, site) {
    return simpleMail(site, t('emailChange.mail.takenSubject', { practice: site.practice.name }), t('emailChange.mail.takenIntro', { practice: site.practice.name }), null, [t('account.mail.ignore')]);
  },
};

/** To the old address once the change is done: a warning if it was not the owner. */
export const emailChanged: EmailTemplate<{ newEmail: string; contact: string }> = {
  name: 'account.email_changed',
  category: 'transactional',
  render(t, data, site) {
    return simpleMail(
      site,
      t('emailChange.mail.changedSubject', { practice: site.practice.name }),
      t('emailChange.mail.changedIntro', { email: data.newEmail, practice: site.practice.name }),
      null,
      [t('emailChange.mail.changedWarning', { email: data.contact })],
    );
  },
};

/**
 * The account was signed in to from a browser it had not seen: when, which browser and system,
 * and what to do if it was not the holder. `preferencesUrl` is null for staff and professionals,
 * who cannot turn these emails off.
 */
export const newSignIn: EmailTemplate<{ at: Date; browser: string | null; os: string | null; resetUrl: string; sessionsUrl: string; preferencesUrl: string | null }> = {
  name: 'account.new_sign_in',
  category: 'transactional',
  render(t, data, site) {
    return renderSimpleMessage(site, {
      subject: t('account.mail.newSignInSubject', { practice: site.practice.name }),
      paragraphs: [
        t('account.mail.newSignInIntro', { practice: site.practice.name }),
        t('account.mail.newSignInWhen', { when: formatDateTimeUtc(site.locale, data.at) }),
        t('account.mail.newSignInBrowser', { browser: browserLabel(t, data) }),
        t('account.mail.newSignInYou'),
        t('account.mail.newSignInNotYou'),
      ],
      action: { label: t('account.mail.newSignInAction'), url: data.resetUrl },
      after: [
        t('account.mail.newSignInSessions', { url: data.sessionsUrl }),
        data.preferencesUrl ? t('account.mail.newSignInStop', { url: data.preferencesUrl }) : t('account.mail.newSignInAlways'),
      ],
    });
  },
};
