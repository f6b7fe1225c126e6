import { escapeHtml } from '@kitajs/html';
import { EmailLayout, type EmailTemplate, renderSimpleMessage } from '../../core/mail/index.js';

/** To the sender, at once: we have your message, here is what happens next. */
export const contactAcknowledgement: EmailTemplate<{ name: string }> = {
  name: 'contact.acknowledgement',
  category: 'transactional',
  render: (t, data, site) =>
    renderSimpleMessage(site, {
      subject: t('contact.mail.ackSubject', { practice: site.practice.name }),
      preheader: t('contact.mail.ackBody', { practice: site.practice.name }),
      paragraphs: [t('contact.mail.greeting', { name: data.name }), t('contact.mail.ackBody', { practice: site.practice.name }), t('contact.mail.notForEmergencies')],
    }),
};

/** A staff member's answer, sent to the person who wrote in. */
export const contactReply: EmailTemplate<{ name: string; body: string; staffName: string }> = {
  name: 'contact.reply',
  category: 'transactional',
  render(t, data, site) {
    const greeting = t('contact.mail.greeting', { name: data.name });
    const signature = t('contact.mail.signature', { name: data.staffName, practice: site.practice.name });
    return {
      subject: t('contact.mail.replySubject', { practice: site.practice.name }),
      html: EmailLayout({
        locale: site.locale,
        practice: site.practice,
        preheader: data.body.slice(0, 120),
        children: [
          <p>{escapeHtml(greeting)}</p>,
          ...data.body.split(/\n{2,}/).map((paragraph) => <p style="white-space:pre-line" safe>{paragraph}</p>),
          <p>{escapeHtml(signature)}</p>,
        ],
      }) as string,
      text: `${greeting}\n\n${data.body}\n\n${signature}\n\n--\n${site.practice.legalEntity}, ${site.practice.address}\n`,
    };
  },
};
