import { escapeHtml } from '@kitajs/html';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/layout.js';

export interface DashboardData {
  readonly guides: { readonly published: number; readonly drafts: number };
}

export function DashboardPage({ ctx, data }: { ctx: ViewContext; data: DashboardData }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('admin.dashboard.title'), area: 'admin' }}>
      <h1>{escapeHtml(ctx.t('admin.dashboard.title'))}</h1>
      <p class="lead">
        {escapeHtml(ctx.t('admin.dashboard.welcome', { name: ctx.actor?.name ?? '' }))}
      </p>
      <div class="cards dashboard-cards">
        <article class="card">
          <h2>
            <a href="/admin/guides">{escapeHtml(ctx.t('admin.nav.guides'))}</a>
          </h2>
          <p>{escapeHtml(ctx.t('admin.dashboard.guides', { published: data.guides.published, drafts: data.guides.drafts }))}</p>
        </article>
        <article class="card">
          <h2>
            <a href="/admin/guides/import">{escapeHtml(ctx.t('admin.nav.import'))}</a>
          </h2>
          <p>{escapeHtml(ctx.t('admin.dashboard.import'))}</p>
        </article>
      </div>
    </Layout>
  );
}
