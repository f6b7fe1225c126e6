import { type EmailTemplate, renderSimpleMessage } from '../../core/mail/index.js';

/*
 * Medical details never travel by email: email crosses servers we do not control and sits in
 * mailboxes we cannot protect. Neither message below may name a procedure, quote the message,
 * or carry the photo; the requester's confirmation says only that we have the request, and
 * the staff notification only links to the back office, where access is checked and audited.
 */

/** To the requester, at once, in their language: we have your request, here is what happens next. */
export const consultationConfirmation: EmailTemplate<{ name: string }> = {
  name: 'consultation.confirmation',
  category: 'transactional',
  render: (t, data, site) =>
    renderSimpleMessage(site, {
      subject: t('consultation.mail.confirmSubject', { practice: site.practice.name }),
      preheader: t('consultation.mail.confirmBody', { practice: site.practice.name }),
      paragraphs: [
        t('consultation.mail.greeting', { name: data.name }),
        t('consultation.mail.confirmBody', { practice: site.practice.name }),
        t('consultation.mail.confirmPrivacy'),
        t('consultation.mail.notForEmergencies'),
      ],
    }),
};

/** To each staff member who handles consultations: a link to the request, nothing else. */
export const consultationStaffNotice: EmailTemplate<{ requestId: string }> = {
  name: 'consultation.staff_notice',
  category: 'transactional',
  render: (t, data, site) =>
    renderSimpleMessage(site, {
      subject: t('consultation.mail.staffSubject', { practice: site.practice.name }),
      paragraphs: [t('consultation.mail.staffBody')],
      action: { label: t('consultation.mail.staffOpen'), url: `${site.publicUrl}/admin/consultations/${encodeURIComponent(data.requestId)}` },
      after: [t('consultation.mail.staffWhy')],
    }),
};
