import { escapeHtml } from '@kitajs/html';
import type { ViewContext } from './context.js';
import { Layout, href } from './layout.js';

/** The error page in the site's layout: what happened, and where to go next. Never a stack. */
export function ErrorPage({ ctx, status, title, message, requestId }: { ctx: ViewContext; status: number; title: string; message: string; requestId: string }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title, noindex: true }}>
      <section class="error-page" aria-labelledby="error-title">
        <p class="eyebrow">{escapeHtml(String(status))}</p>
        <h1 id="error-title" safe>
          {title}
        </h1>
        <p safe>{message}</p>
        <p>
          <a href={href(ctx, '/')}>{escapeHtml(ctx.t('error.home'))}</a> · <a href={href(ctx, '/guides')}>{escapeHtml(ctx.t('nav.guides'))}</a>
        </p>
        {status >= 500 ? (
          <p class="hint">
            {escapeHtml(ctx.t('error.reference', { id: requestId }))}
          </p>
        ) : (
          ''
        )}
      </section>
    </Layout>
  );
}
