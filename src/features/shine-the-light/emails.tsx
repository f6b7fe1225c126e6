import type { MessageKey } from '../../core/i18n/index.js';
import { type EmailTemplate, renderSimpleMessage } from '../../core/mail/index.js';
import type { ShineAnswer } from './model.js';

export const shineConfirm: EmailTemplate<{ confirmUrl: string }> = {
  name: 'shine.confirm',
  category: 'transactional',
  render: (t, data, site) =>
    renderSimpleMessage(site, {
      subject: t('shine.mail.confirmSubject', { practice: site.practice.name }),
      paragraphs: [t('shine.mail.confirmIntro', { practice: site.practice.name })],
      action: { label: t('shine.mail.confirmAction'), url: data.confirmUrl },
      after: [t('shine.mail.confirmIgnore')],
    }),
};

/** The answer: the disclosures of the previous calendar year, or that there were none. */
export const shineAnswer: EmailTemplate<{ answer: ShineAnswer }> = {
  name: 'shine.answer',
  category: 'transactional',
  render: (t, data, site) => {
    const { year, disclosures } = data.answer;
    const lines = disclosures.map((d) =>
      t('shine.mail.disclosure', {
        recipient: d.recipient,
        address: d.address,
        categories: d.categories.map((c) => t(`shine.category.${c}` as MessageKey)).join(', '),
        markets: d.markets || '—',
      }),
    );
    return renderSimpleMessage(site, {
      subject: t('shine.mail.answerSubject', { practice: site.practice.name }),
      paragraphs: disclosures.length ? [t('shine.answer.some', { year }), ...lines] : [t('shine.answer.none', { year, practice: site.practice.name })],
      after: [t('shine.answer.again', { year: year + 2 }), t('rights.mail.signature', { practice: site.practice.name })],
    });
  },
};
