import type { ViewContext } from './context.js';
import { Layout, href } from './layout.js';

/** The error page in the site's layout: what happened, and where to go next. Never a stack. */
export function ErrorPage({ ctx, status, title, message, requestId }: { ctx: ViewContext; status: number; title: string; message: string; requestId: string }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title, noindex: true }}>
      <section class="error-page" aria-labelledby="error-title">
        <p class="eyebrow">{String(status)}</p>
        <h1 id="error-title" safe>
          {title}
        </h1>
        <p safe>{message}</p>
        <p>
          <a href={href(ctx, '/')}>{ctx.t('error.home')}</a> · <a href={href(ctx, '/guides')}>{ctx.t('nav.guides')}</a>
        </p>
        {status >= 500 ? (
          <p class="hint" safe>
            {ctx.t('error.reference', { id: requestId })}
          </p>
        ) : (
          ''
        )}
      </section>
    </Layout>
  );
}
