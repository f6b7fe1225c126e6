import { EmailLayout, type EmailTemplate, renderSimpleMessage } from '../../core/mail/index.js';

const link = 'color:#0f4c5c';

/** Double opt-in: nothing is sent to a list until the owner of the address clicks this. */
export const newsletterConfirm: EmailTemplate<{ confirmUrl: string; lists: readonly string[] }> = {
  name: 'newsletter.confirm',
  category: 'transactional',
  render: (t, data, site) =>
    renderSimpleMessage(site, {
      subject: t('newsletter.mail.confirmSubject', { practice: site.practice.name }),
      paragraphs: [t('newsletter.mail.confirmIntro', { practice: site.practice.name, lists: data.lists.join(', ') })],
      action: { label: t('newsletter.mail.confirmAction'), url: data.confirmUrl },
      after: [t('newsletter.mail.confirmIgnore')],
    }),
};

/**
 * To an address that is already subscribed and asked again: a link to its preferences. The
 * web page said the same thing for every address, so only the mailbox owner learns the state.
 */
export const newsletterManage: EmailTemplate<{ preferencesUrl: string }> = {
  name: 'newsletter.manage',
  category: 'transactional',
  render: (t, data, site) =>
    renderSimpleMessage(site, {
      subject: t('newsletter.mail.manageSubject', { practice: site.practice.name }),
      paragraphs: [t('newsletter.mail.manageIntro', { practice: site.practice.name })],
      action: { label: t('newsletter.mail.manageAction'), url: data.preferencesUrl },
    }),
};

export interface IssueMailData {
  readonly subject: string;
  /** The issue's body rendered from Markdown (sanitised at render). */
  readonly html: string;
  /** The Markdown source: already a good plain-text alternative. */
  readonly text: string;
  readonly listName: string;
  readonly webUrl: string;
  readonly preferencesUrl: string;
  /** Only for recipients who agreed to open tracking. */
  readonly pixelUrl?: string;
}

/** A newsletter issue, with the unsubscribe and preference links every marketing email owes. */
export const newsletterIssue: EmailTemplate<IssueMailData> = {
  name: 'newsletter.issue',
  category: 'marketing',
  render(t, data, site) {
    const why = t('newsletter.mail.why', { list: data.listName, practice: site.practice.name });
    const unsubscribe = t('newsletter.mail.unsubscribe');
    const preferences = t('newsletter.mail.preferences');
    const web = t('newsletter.mail.webVersion');
    return {
      subject: data.subject,
      html: EmailLayout({
        locale: site.locale,
        practice: site.practice,
        preheader: data.subject,
        footer: [
          <p style="margin:0" safe>
            {why}
          </p>,
          <p style="margin:8px 0 0">
            <a href={site.unsubscribeUrl ?? data.preferencesUrl} style={link} safe>
              {unsubscribe}
            </a>
            {' · '}
            <a href={data.preferencesUrl} style={link} safe>
              {preferences}
            </a>
            {' · '}
            <a href={data.webUrl} style={link} safe>
              {web}
            </a>
          </p>,
          data.pixelUrl ? <img src={data.pixelUrl} width="1" height="1" alt="" style="display:block;border:0" /> : '',
        ],
        children: [<h1 style="font-family:Georgia,serif;font-size:22px;margin:0 0 16px" safe>{data.subject}</h1>, data.html as 'safe'],
      }) as string,
      text: `${data.subject}\n\n${data.text}\n\n--\n${why}\n${unsubscribe}: ${site.unsubscribeUrl ?? data.preferencesUrl}\n${preferences}: ${data.preferencesUrl}\n${web}: ${data.webUrl}\n${site.practice.legalEntity}, ${site.practice.address}\n`,
    };
  },
};
