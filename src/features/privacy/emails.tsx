import { type EmailTemplate, renderSimpleMessage } from '../../core/mail/index.js';
import type { MessageKey } from '../../core/i18n/index.js';
import type { RequestKind } from './model.js';

const kindKey = (kind: RequestKind) => `rights.kind.${kind}` as MessageKey;

/** Confirms that the person asking controls the address the request is about. */
export const requestConfirm: EmailTemplate<{ kind: RequestKind; confirmUrl: string }> = {
  name: 'privacy.request_confirm',
  category: 'transactional',
  render: (t, data, site) =>
    renderSimpleMessage(site, {
      subject: t('rights.mail.confirmSubject', { practice: site.practice.name }),
      paragraphs: [t('rights.mail.confirmIntro', { kind: t(kindKey(data.kind)), practice: site.practice.name })],
      action: { label: t('rights.mail.confirmAction'), url: data.confirmUrl },
      after: [t('rights.mail.confirmIgnore')],
    }),
};

/** The receipt: what we will do and by when. */
export const requestReceived: EmailTemplate<{ kind: RequestKind; due: string }> = {
  name: 'privacy.request_received',
  category: 'transactional',
  render: (t, data, site) =>
    renderSimpleMessage(site, {
      subject: t('rights.mail.receivedSubject', { practice: site.practice.name }),
      paragraphs: [t('rights.mail.receivedIntro', { kind: t(kindKey(data.kind)), due: data.due })],
    }),
};

/** To privacy officers: a link to the queue, nothing of the request itself. */
export const requestStaffNotice: EmailTemplate<{ requestId: string }> = {
  name: 'privacy.request_staff_notice',
  category: 'transactional',
  render: (t, data, site) =>
    renderSimpleMessage(site, {
      subject: t('rights.mail.staffSubject', { practice: site.practice.name }),
      paragraphs: [t('rights.mail.staffIntro')],
      action: { label: t('rights.mail.staffOpen'), url: `${site.publicUrl}/admin/privacy/${encodeURIComponent(data.requestId)}` },
    }),
};

/** The officer writes to the person (a question, or the answer that closes the request). */
export const requestMessage: EmailTemplate<{ body: string; closing: boolean }> = {
  name: 'privacy.request_message',
  category: 'transactional',
  render: (t, data, site) =>
    renderSimpleMessage(site, {
      subject: t(data.closing ? 'rights.mail.answerSubject' : 'rights.mail.messageSubject', { practice: site.practice.name }),
      paragraphs: data.body.split(/\n{2,}/),
      after: [t('rights.mail.signature', { practice: site.practice.name })],
    }),
};

/** The copy of their data is ready: a download link valid until it expires (no attachment: it may be large). */
export const exportReady: EmailTemplate<{ url: string; expires: string }> = {
  name: 'privacy.export_ready',
  category: 'transactional',
  render: (t, data, site) =>
    renderSimpleMessage(site, {
      subject: t('rights.mail.exportSubject', { practice: site.practice.name }),
      paragraphs: [t('rights.mail.exportIntro', { expires: data.expires })],
      action: { label: t('rights.mail.exportAction'), url: data.url },
      after: [t('rights.mail.exportWarning')],
    }),
};

/**
 * To privacy officers: an export failed on every attempt, so the person got nothing. A link to
 * the request it was made for (the queue when it has none), nothing about the person.
 */
export const exportFailedNotice: EmailTemplate<{ requestId: string | null }> = {
  name: 'privacy.export_failed_notice',
  category: 'transactional',
  render: (t, data, site) =>
    renderSimpleMessage(site, {
      subject: t('rights.mail.exportFailedSubject', { practice: site.practice.name }),
      paragraphs: [t('rights.mail.exportFailedIntro')],
      action: data.requestId
        ? { label: t('rights.mail.staffOpen'), url: `${site.publicUrl}/admin/privacy/${encodeURIComponent(data.requestId)}` }
        : { label: t('rights.mail.exportFailedQueue'), url: `${site.publicUrl}/admin/privacy` },
    }),
};
