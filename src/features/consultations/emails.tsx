import { escapeHtml } from '@kitajs/html';
import { EmailLayout, type EmailTemplate } from '../../core/mail/index.js';

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
  render(t, data, site) {
    const greeting = t('consultation.mail.greeting', { name: data.name });
    const body = t('consultation.mail.confirmBody', { practice: site.practice.name });
    const privacy = t('consultation.mail.confirmPrivacy');
    const advice = t('consultation.mail.notForEmergencies');
    return {
      subject: t('consultation.mail.confirmSubject', { practice: site.practice.name }),
      html: EmailLayout({
        locale: site.locale,
        practice: site.practice,
        preheader: body,
        children: [<p>{escapeHtml(greeting)}</p>, <p>{escapeHtml(body)}</p>, <p>{escapeHtml(privacy)}</p>, <p>{escapeHtml(advice)}</p>],
      }) as string,
      text: `${greeting}\n\n${body}\n\n${privacy}\n\n${advice}\n\n--\n${site.practice.legalEntity}, ${site.practice.address}\n`,
    };
  },
};

/** To each staff member who handles consultations: a link to the request, nothing else. */
export const consultationStaffNotice: EmailTemplate<{ requestId: string }> = {
  name: 'consultation.staff_notice',
  category: 'transactional',
  render(t, data, site) {
    const url = `${site.publicUrl}/admin/consultations/${encodeURIComponent(data.requestId)}`;
    const body = t('consultation.mail.staffBody');
    const open = t('consultation.mail.staffOpen');
    const why = t('consultation.mail.staffWhy');
    return {
      subject: t('consultation.mail.staffSubject', { practice: site.practice.name }),
      html: EmailLayout({
        locale: site.locale,
        practice: site.practice,
        preheader: body,
        children: [
          <p>{escapeHtml(body)}</p>,
          <p>
            <a href={url}>{escapeHtml(open)}</a>
          </p>,
          <p>{escapeHtml(why)}</p>,
        ],
      }) as string,
      text: `${body}\n\n${open}: ${url}\n\n${why}\n`,
    };
  },
};
