import { formatDate, type Locale, type MessageKey } from '../../core/i18n/index.js';
import { type EmailTemplate, renderSimpleMessage } from '../../core/mail/index.js';
import type { BreachCategory } from './model.js';

export interface BreachNoticeData {
  readonly description: Readonly<Record<Locale, string>>;
  readonly actions: Readonly<Record<Locale, string>>;
  readonly advice: Readonly<Record<Locale, string>>;
  readonly categories: readonly BreachCategory[];
  readonly occurredAt: string | null;
  readonly discoveredAt: string;
}

/**
 * The notice to a person (the contents HIPAA 164.404(c) and Florida 501.171(4)(e) ask for): what
 * happened with its dates, the kinds of information involved, what we are doing, what they can
 * do, and how to reach us.
 */
export const breachNotice: EmailTemplate<BreachNoticeData> = {
  name: 'breach.notice',
  category: 'transactional',
  render: (t, data, site) => {
    const l = site.locale;
    const when = data.occurredAt
      ? t('breach.notice.dates', { occurred: formatDate(l, new Date(data.occurredAt)), discovered: formatDate(l, new Date(data.discoveredAt)) })
      : t('breach.notice.discovered', { discovered: formatDate(l, new Date(data.discoveredAt)) });
    return renderSimpleMessage(site, {
      subject: t('breach.notice.subject', { practice: site.practice.name }),
      paragraphs: [
        t('breach.notice.intro', { practice: site.practice.name }),
        data.description[l],
        when,
        t('breach.notice.categories', { categories: data.categories.map((c) => t(`breach.category.${c}` as MessageKey)).join(', ') }),
        `${t('breach.notice.actions')} ${data.actions[l]}`,
        `${t('breach.notice.advice')} ${data.advice[l]}`,
        t('breach.notice.contact', { email: site.practice.email, phone: site.practice.phone, address: site.practice.address }),
      ],
      after: [t('rights.mail.signature', { practice: site.practice.name })],
    });
  },
};
