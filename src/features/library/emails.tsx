import { type EmailTemplate, renderSimpleMessage } from '../../core/mail/index.js';

/** To the uploader: an editor returned the item, with the reason, and where to change it. */
export const itemReturned: EmailTemplate<{ name: string; title: string; reason: string; url: string }> = {
  name: 'library.returned',
  category: 'transactional',
  render: (t, data, site) =>
    renderSimpleMessage(site, {
      subject: t('library.mail.returnedSubject', { title: data.title }),
      paragraphs: [t('library.mail.greeting', { name: data.name }), t('library.mail.returnedBody', { title: data.title }), data.reason],
      action: { label: t('library.mail.open'), url: data.url },
    }),
};

/** To each reviewer: an item waits in the review queue. */
export const itemSubmitted: EmailTemplate<{ name: string; title: string; author: string; url: string }> = {
  name: 'library.submitted',
  category: 'transactional',
  render: (t, data, site) =>
    renderSimpleMessage(site, {
      subject: t('library.mail.submittedSubject', { title: data.title }),
      paragraphs: [t('library.mail.greeting', { name: data.name }), t('library.mail.submittedBody', { title: data.title, author: data.author })],
      action: { label: t('library.mail.openQueue'), url: data.url },
    }),
};

/** To the author (or, with no author left, each reviewer): another professional suggests an edit. */
export const suggestionReceived: EmailTemplate<{ name: string; title: string; by: string; url: string }> = {
  name: 'library.suggestion_received',
  category: 'transactional',
  render: (t, data, site) =>
    renderSimpleMessage(site, {
      subject: t('library.mail.suggestionSubject', { title: data.title }),
      paragraphs: [t('library.mail.greeting', { name: data.name }), t('library.mail.suggestionBody', { title: data.title, by: data.by })],
      action: { label: t('library.mail.openSuggestions'), url: data.url },
    }),
};

/** To the professional who suggested an edit: it was accepted or rejected. */
export const suggestionDecided: EmailTemplate<{ name: string; title: string; accepted: boolean; url: string }> = {
  name: 'library.suggestion_decided',
  category: 'transactional',
  render: (t, data, site) =>
    renderSimpleMessage(site, {
      subject: t(data.accepted ? 'library.mail.acceptedSubject' : 'library.mail.rejectedSubject', { title: data.title }),
      paragraphs: [t('library.mail.greeting', { name: data.name }), t(data.accepted ? 'library.mail.acceptedBody' : 'library.mail.rejectedBody', { title: data.title })],
      action: { label: t('library.mail.open'), url: data.url },
    }),
};

/** To the uploader: the item is published. */
export const itemPublished: EmailTemplate<{ name: string; title: string; url: string }> = {
  name: 'library.published',
  category: 'transactional',
  render: (t, data, site) =>
    renderSimpleMessage(site, {
      subject: t('library.mail.publishedSubject', { title: data.title }),
      paragraphs: [t('library.mail.greeting', { name: data.name }), t('library.mail.publishedBody', { title: data.title })],
      action: { label: t('library.mail.open'), url: data.url },
    }),
};
