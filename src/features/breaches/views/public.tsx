import { escapeHtml } from '@kitajs/html';
import { formatDate, type MessageKey } from '../../../core/i18n/index.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/layout.js';
import type { Incident } from '../model.js';

/** The public notice of the incidents whose site notice is up. */
export function SecurityNoticePage({ ctx, incidents }: { ctx: ViewContext; incidents: readonly Incident[] }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('breach.public.title'), noindex: true }}>
      <h1>{escapeHtml(ctx.t('breach.public.title'))}</h1>
      {incidents.length ? (
        incidents.map((i) => (
          <section aria-labelledby={`incident-${i.id}`}>
            <h2 id={`incident-${i.id}`}>{escapeHtml(ctx.t('breach.public.discovered', { date: formatDate(ctx.locale, i.discoveredAt) }))}</h2>
            <p safe>{i.description[ctx.locale]}</p>
            <p safe>{ctx.t('breach.notice.categories', { categories: i.categories.map((c) => ctx.t(`breach.category.${c}` as MessageKey)).join(', ') })}</p>
            <h3>{escapeHtml(ctx.t('breach.notice.actions'))}</h3>
            <p safe>{i.actions[ctx.locale]}</p>
            <h3>{escapeHtml(ctx.t('breach.notice.advice'))}</h3>
            <p safe>{i.advice[ctx.locale]}</p>
          </section>
        ))
      ) : (
        <p>{escapeHtml(ctx.t('breach.public.none'))}</p>
      )}
      <p>{escapeHtml(ctx.t('breach.notice.contact', { email: ctx.practice.email, phone: ctx.practice.phone, address: ctx.practice.address }))}</p>
    </Layout>
  );
}
