import { escapeHtml } from '@kitajs/html';
import { formatDateTime } from '../../../core/i18n/index.js';
import type { MailRecord } from '../../../core/mail/index.js';
import { DataTable } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/layout.js';

const STATUS_KEYS = { queued: 'admin.outbox.queued', sent: 'admin.outbox.sent', stored: 'admin.outbox.stored' } as const;

/** Every email the site sent or holds: the outbox when no SMTP server is configured. */
export function OutboxPage({ ctx, messages, smtp }: { ctx: ViewContext; messages: readonly MailRecord[]; smtp: boolean }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('admin.outbox.title'), area: 'admin' }}>
      <h1>{escapeHtml(ctx.t('admin.outbox.title'))}</h1>
      <p class="lead">{escapeHtml(ctx.t(smtp ? 'admin.outbox.smtp' : 'admin.outbox.noSmtp'))}</p>
      {messages.length ? (
        <DataTable caption={ctx.t('admin.outbox.title')} columns={[ctx.t('admin.outbox.colWhen'), ctx.t('admin.outbox.colTo'), ctx.t('admin.outbox.colSubject'), ctx.t('admin.outbox.colStatus')]}>
          {messages.map((m) => (
            <tr>
              <td>{escapeHtml(formatDateTime(ctx.locale, m.createdAt))}</td>
              <td safe>{m.to}</td>
              <td>
                <a href={`/admin/outbox/${m.id}`} safe>
                  {m.subject}
                </a>
              </td>
              <td>{escapeHtml(ctx.t(STATUS_KEYS[m.status]))}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p>{escapeHtml(ctx.t('admin.outbox.empty'))}</p>
      )}
    </Layout>
  );
}

export function OutboxMessagePage({ ctx, message }: { ctx: ViewContext; message: MailRecord }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: message.subject, area: 'admin' }}>
      <p class="eyebrow">
        <a href="/admin/outbox">{escapeHtml(ctx.t('admin.outbox.title'))}</a>
      </p>
      <h1 safe>{message.subject}</h1>
      <dl class="import-report">
        <dt>{escapeHtml(ctx.t('admin.outbox.colTo'))}</dt>
        <dd safe>{message.to}</dd>
        <dt>{escapeHtml(ctx.t('admin.outbox.colStatus'))}</dt>
        <dd>{escapeHtml(ctx.t(STATUS_KEYS[message.status]))}</dd>
        <dt>{escapeHtml(ctx.t('admin.outbox.template'))}</dt>
        <dd>
          <code safe>{message.template}</code>
        </dd>
        {Object.entries(message.headers).map(([name, value]) => (
          <>
            <dt safe>{name}</dt>
            <dd safe>{value}</dd>
          </>
        ))}
        {message.lastError ? (
          <>
            <dt>{escapeHtml(ctx.t('admin.outbox.lastError'))}</dt>
            <dd safe>{message.lastError}</dd>
          </>
        ) : (
          ''
        )}
      </dl>
      <p>
        <a class="button secondary" href={`/admin/outbox/${message.id}/html`}>
          {escapeHtml(ctx.t('admin.outbox.viewHtml'))}
        </a>
      </p>
      <h2>{escapeHtml(ctx.t('admin.outbox.text'))}</h2>
      <pre class="diff" safe>
        {message.text}
      </pre>
    </Layout>
  );
}
