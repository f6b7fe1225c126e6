import { escapeHtml } from '@kitajs/html';
import { formatDateTime } from '../../../core/i18n/index.js';
import { DataTable, Notice } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/layout.js';
import { CONTACT_STATUSES, type ContactEntry, type ContactMessage, type ContactStatus } from '../model.js';
import { topicLabel } from './public.js';

const STATUS_KEY = { new: 'contact.status.new', open: 'contact.status.open', closed: 'contact.status.closed' } as const;

export function InboxPage({ ctx, messages, status, counts }: { ctx: ViewContext; messages: readonly ContactMessage[]; status: ContactStatus | 'all'; counts: Record<ContactStatus, number> }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('contact.inbox.title'), area: 'admin' }}>
      <h1>{escapeHtml(ctx.t('contact.inbox.title'))}</h1>
      <nav aria-label={ctx.t('contact.inbox.filter')} class="chips">
        <ul>
          {[...CONTACT_STATUSES, 'all' as const].map((s) => (
            <li>
              <a href={`/admin/contact?status=${s}`} aria-current={s === status ? 'page' : undefined}>
                {escapeHtml(s === 'all' ? ctx.t('contact.inbox.all') : `${ctx.t(STATUS_KEY[s])} (${counts[s]})`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {messages.length ? (
        <DataTable caption={ctx.t('contact.inbox.title')} columns={[ctx.t('contact.inbox.colFrom'), ctx.t('contact.topic'), ctx.t('contact.inbox.colReceived'), ctx.t('contact.inbox.colAssigned'), ctx.t('contact.inbox.colStatus')]}>
          {messages.map((m) => (
            <tr>
              <td>
                <a href={`/admin/contact/${m.id}`} safe>
                  {m.name}
                </a>
              </td>
              <td>{escapeHtml(topicLabel(ctx, m.topic))}</td>
              <td>{escapeHtml(formatDateTime(ctx.locale, m.createdAt))}</td>
              <td safe>{m.assignedName ?? '—'}</td>
              <td>{escapeHtml(ctx.t(STATUS_KEY[m.status]))}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p>{escapeHtml(ctx.t('contact.inbox.empty'))}</p>
      )}
    </Layout>
  );
}

export function MessagePage({ ctx, message, entries, staff, notice, error }: { ctx: ViewContext; message: ContactMessage; entries: readonly ContactEntry[]; staff: readonly { id: string; name: string }[]; notice?: string | undefined; error?: string | undefined }): JSX.Element {
  const base = `/admin/contact/${message.id}`;
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('contact.inbox.messageFrom', { name: message.name }), area: 'admin' }}>
      <p class="eyebrow">
        <a href="/admin/contact">{escapeHtml(ctx.t('contact.inbox.title'))}</a>
      </p>
      <h1>{escapeHtml(ctx.t('contact.inbox.messageFrom', { name: message.name }))}</h1>
      <Notice message={notice} />
      {error ? (
        <p class="notice notice-warning" role="alert" safe>
          {error}
        </p>
      ) : (
        ''
      )}
      <dl class="import-report">
        <dt>{escapeHtml(ctx.t('contact.email'))}</dt>
        <dd>
          <a href={`mailto:${message.email}`} safe>
            {message.email}
          </a>
        </dd>
        <dt>{escapeHtml(ctx.t('contact.topic'))}</dt>
        <dd>{escapeHtml(topicLabel(ctx, message.topic))}</dd>
        <dt>{escapeHtml(ctx.t('contact.inbox.colReceived'))}</dt>
        <dd>{escapeHtml(formatDateTime(ctx.locale, message.createdAt))}</dd>
        <dt>{escapeHtml(ctx.t('contact.inbox.language'))}</dt>
        <dd>{escapeHtml(ctx.t(message.locale === 'es' ? 'lang.es' : 'lang.en'))}</dd>
      </dl>
      <blockquote class="prose">
        <p class="pre-line" safe>
          {message.message}
        </p>
      </blockquote>
      <div class="toolbar">
        <form method="post" action={`${base}/status`}>
          <label for="status">{escapeHtml(ctx.t('contact.inbox.colStatus'))}</label>{' '}
          <select id="status" name="status">
            {CONTACT_STATUSES.map((s) => (
              <option value={s} selected={s === message.status}>
                {escapeHtml(ctx.t(STATUS_KEY[s]))}
              </option>
            ))}
          </select>{' '}
          <button class="button small secondary" type="submit">
            {escapeHtml(ctx.t('contact.inbox.setStatus'))}
          </button>
        </form>
        <form method="post" action={`${base}/assign`}>
          <label for="assignee">{escapeHtml(ctx.t('contact.inbox.colAssigned'))}</label>{' '}
          <select id="assignee" name="assignee">
            <option value="">{escapeHtml(ctx.t('contact.inbox.nobody'))}</option>
            {staff.map((s) => (
              <option value={s.id} selected={s.id === message.assignedTo} safe>
                {s.name}
              </option>
            ))}
          </select>{' '}
          <button class="button small secondary" type="submit">
            {escapeHtml(ctx.t('contact.inbox.assign'))}
          </button>
        </form>
      </div>
      <section aria-labelledby="thread-title">
        <h2 id="thread-title">{escapeHtml(ctx.t('contact.inbox.thread'))}</h2>
        {entries.length ? (
          <ol class="revisions">
            {entries.map((e) => (
              <li>
                <p class="meta">
                  {escapeHtml(
                    ctx.t(e.kind === 'reply' ? 'contact.inbox.replyBy' : 'contact.inbox.noteBy', { name: e.authorName ?? '—', date: formatDateTime(ctx.locale, e.createdAt) }),
                  )}
                </p>
                <p class="pre-line" safe>
                  {e.body}
                </p>
              </li>
            ))}
          </ol>
        ) : (
          <p class="hint">{escapeHtml(ctx.t('contact.inbox.noThread'))}</p>
        )}
      </section>
      <section aria-labelledby="reply-title" class="section-editor">
        <h2 id="reply-title">{escapeHtml(ctx.t('contact.inbox.reply'))}</h2>
        <form method="post" action={`${base}/reply`}>
          <div class="field">
            <label for="reply-body">{escapeHtml(ctx.t('contact.inbox.replyLabel', { email: message.email }))}</label>
            <textarea id="reply-body" name="body" rows="8" required maxlength="10000"></textarea>
          </div>
          <p class="form-actions">
            <button class="button" type="submit">
              {escapeHtml(ctx.t('contact.inbox.sendReply'))}
            </button>
          </p>
        </form>
      </section>
      <section aria-labelledby="note-title" class="section-editor">
        <h2 id="note-title">{escapeHtml(ctx.t('contact.inbox.note'))}</h2>
        <form method="post" action={`${base}/note`}>
          <div class="field">
            <label for="note-body">{escapeHtml(ctx.t('contact.inbox.noteLabel'))}</label>
            <textarea id="note-body" name="body" rows="4" required maxlength="10000"></textarea>
          </div>
          <p class="form-actions">
            <button class="button secondary" type="submit">
              {escapeHtml(ctx.t('contact.inbox.addNote'))}
            </button>
          </p>
        </form>
      </section>
    </Layout>
  );
}
