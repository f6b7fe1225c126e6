import { escapeHtml } from '@kitajs/html';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/layout.js';
import type { DashboardCard } from '../dashboard.js';

export function DashboardPage({ ctx, cards }: { ctx: ViewContext; cards: readonly DashboardCard[] }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('admin.dashboard.title'), area: 'admin' }}>
      <h1>{escapeHtml(ctx.t('admin.dashboard.title'))}</h1>
      <p class="lead">
        {escapeHtml(ctx.t('admin.dashboard.welcome', { name: ctx.actor?.name ?? '' }))}
      </p>
      <div class="cards dashboard-cards">
        {cards.map((card) => (
          <article class={card.attention ? 'card card-attention' : 'card'}>
            <h2>
              <a href={card.href} safe>
                {card.title}
              </a>
            </h2>
            <p safe>{card.summary}</p>
          </article>
        ))}
      </div>
    </Layout>
  );
}
