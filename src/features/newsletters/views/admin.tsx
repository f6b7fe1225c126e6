import { escapeHtml } from '@kitajs/html';
import { formatDateTime, type MessageKey } from '../../../core/i18n/index.js';
import { DataTable, ErrorSummary, Field, type FieldErrors, Notice, Select } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/layout.js';
import type * as store from '../store.js';
import { type Consent, type Issue, type IssueProgress, type NewsletterList, SUBSCRIBER_STATUSES, type Subscriber, type SubscriberStatus } from '../model.js';

function statusLabel(ctx: ViewContext, status: string): string {
  return ctx.t(`newsletter.status.${status}` as MessageKey);
}

function listName(ctx: ViewContext, lists: readonly NewsletterList[], id: string): string {
  return lists.find((l) => l.id === id)?.names[ctx.locale] ?? id;
}

export function NewslettersPage({ ctx, lists, active, suppressed, issues, notice }: { ctx: ViewContext; lists: readonly NewsletterList[]; active: ReadonlyMap<string, number>; suppressed: number; issues: readonly Issue[]; notice?: string | undefined }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('newsletter.admin.title'), area: 'admin' }}>
      <h1>{escapeHtml(ctx.t('newsletter.admin.title'))}</h1>
      <Notice message={notice} />
      <p class="form-actions">
        <a class="button" href="/admin/newsletters/new">
          {escapeHtml(ctx.t('newsletter.admin.new'))}
        </a>{' '}
        {ctx.can('newsletter.subscribers') ? (
          <a class="button secondary" href="/admin/newsletters/subscribers">
            {escapeHtml(ctx.t('newsletter.admin.subscribers'))}
          </a>
        ) : (
          ''
        )}
      </p>
      <h2>{escapeHtml(ctx.t('newsletter.lists'))}</h2>
      <DataTable caption={ctx.t('newsletter.lists')} columns={[ctx.t('newsletter.admin.colList'), ctx.t('newsletter.admin.colActive')]}>
        {lists.map((list) => (
          <tr>
            <td safe>{list.names[ctx.locale]}</td>
            <td safe>{String(active.get(list.id) ?? 0)}</td>
          </tr>
        ))}
      </DataTable>
      <p class="hint">{escapeHtml(ctx.t('newsletter.admin.suppressed', { count: suppressed }))}</p>
      <h2>{escapeHtml(ctx.t('newsletter.admin.issues'))}</h2>
      {issues.length ? (
        <DataTable
          caption={ctx.t('newsletter.admin.issues')}
          columns={[ctx.t('newsletter.admin.colSubject'), ctx.t('newsletter.admin.colList'), ctx.t('newsletter.admin.colStatus'), ctx.t('newsletter.admin.colWhen'), ctx.t('newsletter.admin.colRecipients')]}
        >
          {issues.map((issue) => (
            <tr>
              <td>
                <a href={`/admin/newsletters/${issue.id}`} safe>
                  {issue.editions.en.subject}
                </a>
              </td>
              <td safe>{listName(ctx, lists, issue.listId)}</td>
              <td>
                <span class={`status status-${issue.status}`}>{escapeHtml(statusLabel(ctx, issue.status))}</span>
              </td>
              <td>{escapeHtml(issue.finishedAt ?? issue.scheduledAt ? formatDateTime(ctx.locale, (issue.finishedAt ?? issue.scheduledAt)!) : '—')}</td>
              <td safe>{String(issue.recipients)}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p>{escapeHtml(ctx.t('newsletter.admin.noIssues'))}</p>
      )}
    </Layout>
  );
}

export interface IssueValues {
  readonly listId?: string;
  readonly subjectEn?: string;
  readonly bodyEn?: string;
  readonly subjectEs?: string;
  readonly bodyEs?: string;
}

function EditionFields({ ctx, lang, values, errors, previewUrl }: { ctx: ViewContext; lang: 'En' | 'Es'; values: IssueValues; errors?: FieldErrors | undefined; previewUrl: string }): JSX.Element {
  const subject = `subject${lang}` as const;
  const body = `body${lang}` as const;
  const previewId = `preview-${lang.toLowerCase()}`;
  return (
    <fieldset>
      <legend>{escapeHtml(ctx.t(lang === 'En' ? 'newsletter.admin.editionEn' : 'newsletter.admin.editionEs'))}</legend>
      <Field name={subject} label={ctx.t('newsletter.admin.subject')} value={values[subject]} error={errors?.[subject]} maxlength={200} required={lang === 'En'} />
      <div class="editor-pair">
        <div class={errors?.[body] ? 'field has-error' : 'field'}>
          <label for={`field-${body}`}>{escapeHtml(ctx.t('newsletter.admin.body'))}</label>
          <p class="hint" id={`field-${body}-hint`}>
            {escapeHtml(ctx.t('newsletter.admin.bodyHint'))}
          </p>
          {errors?.[body] ? (
            <p class="error" id={`field-${body}-error`} safe>
              {errors[body]}
            </p>
          ) : (
            ''
          )}
          <textarea
            id={`field-${body}`}
            name={body}
            rows="14"
            maxlength="100000"
            required={lang === 'En'}
            aria-invalid={errors?.[body] ? 'true' : undefined}
            aria-describedby={errors?.[body] ? `field-${body}-hint field-${body}-error` : `field-${body}-hint`}
            hx-post={previewUrl}
            hx-trigger="input changed delay:400ms, load"
            hx-vals={`{"field":"${body}"}`}
            hx-target={`#${previewId}`}
            hx-swap="innerHTML"
            safe
          >
            {values[body] ?? ''}
          </textarea>
        </div>
        <div class="preview" aria-live="polite">
          <h2>{escapeHtml(ctx.t('admin.section.preview'))}</h2>
          <div id={previewId} class="prose"></div>
        </div>
      </div>
    </fieldset>
  );
}

/** Writing an issue, and once written, testing, scheduling and following its sending. */
export function IssueEditor(p: {
  ctx: ViewContext;
  lists: readonly NewsletterList[];
  issue: Issue | null;
  progress?: IssueProgress;
  values: IssueValues;
  errors?: FieldErrors | undefined;
  notice?: string | undefined;
  error?: string | undefined;
}): JSX.Element {
  const { ctx, issue } = p;
  const editable = !issue || issue.status === 'draft';
  const action = issue ? `/admin/newsletters/${issue.id}` : '/admin/newsletters';
  const title = issue ? issue.editions.en.subject : ctx.t('newsletter.admin.new');
  return (
    <Layout ctx={ctx} meta={{ title, area: 'admin' }}>
      <p class="eyebrow">
        <a href="/admin/newsletters">{escapeHtml(ctx.t('newsletter.admin.title'))}</a>
      </p>
      <h1 safe>{title}</h1>
      <Notice message={p.notice} />
      {p.error ? (
        <p class="notice notice-warning" role="alert" safe>
          {p.error}
        </p>
      ) : (
        ''
      )}
      {issue ? (
        <dl class="import-report">
          <dt>{escapeHtml(ctx.t('newsletter.admin.colStatus'))}</dt>
          <dd>
            <span class={`status status-${issue.status}`}>{escapeHtml(statusLabel(ctx, issue.status))}</span>
          </dd>
          {issue.scheduledAt ? (
            <>
              <dt>{escapeHtml(ctx.t('newsletter.admin.scheduledFor'))}</dt>
              <dd>{escapeHtml(formatDateTime(ctx.locale, issue.scheduledAt))}</dd>
            </>
          ) : (
            ''
          )}
          {p.progress && issue.status !== 'draft' && issue.status !== 'scheduled' ? (
            <>
              <dt>{escapeHtml(ctx.t('newsletter.admin.colRecipients'))}</dt>
              <dd safe>{String(issue.recipients)}</dd>
              <dt>{escapeHtml(ctx.t('newsletter.admin.progress'))}</dt>
              <dd>
                {escapeHtml(ctx.t('newsletter.admin.progressCounts', { sent: p.progress.sent, queued: p.progress.queued, failed: p.progress.failed, skipped: p.progress.skipped, opened: p.progress.opened }))}
              </dd>
            </>
          ) : (
            ''
          )}
        </dl>
      ) : (
        ''
      )}
      {editable ? (
        <>
          <ErrorSummary ctx={ctx} errors={p.errors} />
          <form method="post" action={action} novalidate>
            <Select name="listId" label={ctx.t('newsletter.admin.colList')} options={p.lists.map((l) => ({ value: l.id, label: l.names[ctx.locale] }))} value={p.values.listId} error={p.errors?.listId} required />
            <EditionFields ctx={ctx} lang="En" values={p.values} errors={p.errors} previewUrl="/admin/newsletters/preview" />
            <EditionFields ctx={ctx} lang="Es" values={p.values} errors={p.errors} previewUrl="/admin/newsletters/preview" />
            <p class="form-actions">
              <button class="button" type="submit">
                {escapeHtml(ctx.t('newsletter.admin.save'))}
              </button>
            </p>
          </form>
        </>
      ) : (
        <>
          <h2>{escapeHtml(ctx.t('newsletter.admin.editionEn'))}</h2>
          <p class="pre-line" safe>
            {issue!.editions.en.body}
          </p>
        </>
      )}
      {issue ? (
        <section aria-labelledby="send-heading">
          <h2 id="send-heading">{escapeHtml(ctx.t('newsletter.admin.sending'))}</h2>
          <form method="post" action={`/admin/newsletters/${issue.id}/test`}>
            <p>{escapeHtml(ctx.t('newsletter.admin.testHint'))}</p>
            <button class="button secondary" type="submit">
              {escapeHtml(ctx.t('newsletter.admin.sendTest'))}
            </button>
          </form>
          {issue.status === 'draft' ? (
            <form method="post" action={`/admin/newsletters/${issue.id}/schedule`} novalidate class="narrow">
              <div class="field">
                <label for="field-at">{escapeHtml(ctx.t('newsletter.admin.scheduleAt'))}</label>
                <p class="hint" id="field-at-hint">
                  {escapeHtml(ctx.t('newsletter.admin.scheduleHint'))}
                </p>
                <input id="field-at" name="at" type="datetime-local" aria-describedby="field-at-hint" />
              </div>
              <p class="form-actions">
                <button class="button" type="submit">
                  {escapeHtml(ctx.t('newsletter.admin.schedule'))}
                </button>
              </p>
            </form>
          ) : issue.status === 'scheduled' ? (
            <form method="post" action={`/admin/newsletters/${issue.id}/cancel`}>
              <p class="form-actions">
                <button class="button secondary" type="submit">
                  {escapeHtml(ctx.t('newsletter.admin.cancel'))}
                </button>
              </p>
            </form>
          ) : (
            ''
          )}
          {issue.status === 'sent' ? (
            <p>
              <a href={`/newsletter/issues/${issue.id}`}>{escapeHtml(ctx.t('newsletter.admin.viewPublic'))}</a>
            </p>
          ) : (
            ''
          )}
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}

/** The live preview fragment (htmx). */
export function PreviewFragment({ html }: { html: string }): JSX.Element {
  return <>{html as 'safe'}</>;
}

export function SubscribersPage({ ctx, subscribers, lists, status, email }: { ctx: ViewContext; subscribers: readonly Subscriber[]; lists: readonly NewsletterList[]; status?: SubscriberStatus | undefined; email?: string | undefined }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('newsletter.admin.subscribers'), area: 'admin' }}>
      <p class="eyebrow">
        <a href="/admin/newsletters">{escapeHtml(ctx.t('newsletter.admin.title'))}</a>
      </p>
      <h1>{escapeHtml(ctx.t('newsletter.admin.subscribers'))}</h1>
      <form method="get" action="/admin/newsletters/subscribers" class="narrow" role="search">
        <Field name="email" type="search" label={ctx.t('newsletter.admin.searchEmail')} value={email} maxlength={254} />
        <Select
          name="status"
          label={ctx.t('newsletter.admin.colStatus')}
          options={[{ value: '', label: ctx.t('contact.inbox.all') }, ...SUBSCRIBER_STATUSES.map((s) => ({ value: s, label: statusLabel(ctx, s) }))]}
          value={status ?? ''}
        />
        <p class="form-actions">
          <button class="button secondary" type="submit">
            {escapeHtml(ctx.t('newsletter.admin.filter'))}
          </button>
        </p>
      </form>
      {subscribers.length ? (
        <DataTable
          caption={ctx.t('newsletter.admin.subscribers')}
          columns={[ctx.t('newsletter.email'), ctx.t('newsletter.admin.colStatus'), ctx.t('newsletter.lists'), ctx.t('newsletter.language'), ctx.t('newsletter.admin.colSince')]}
        >
          {subscribers.map((s) => (
            <tr>
              <td>
                <a href={`/admin/newsletters/subscribers/${s.id}`} safe>
                  {s.email}
                </a>
              </td>
              <td>{escapeHtml(statusLabel(ctx, s.status))}</td>
              <td safe>{s.listIds.map((id) => listName(ctx, lists, id)).join(', ') || '—'}</td>
              <td>{escapeHtml(ctx.t(`lang.${s.locale}`))}</td>
              <td>{escapeHtml(formatDateTime(ctx.locale, s.confirmedAt ?? s.createdAt))}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p>{escapeHtml(ctx.t('newsletter.admin.noSubscribers'))}</p>
      )}
    </Layout>
  );
}

/** One subscriber and the evidence of every choice they made. */
export function SubscriberPage({ ctx, subscriber, listIds, consents, lists }: { ctx: ViewContext; subscriber: store.SubscriberRow; listIds: readonly string[]; consents: readonly Consent[]; lists: readonly NewsletterList[] }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: subscriber.email, area: 'admin' }}>
      <p class="eyebrow">
        <a href="/admin/newsletters/subscribers">{escapeHtml(ctx.t('newsletter.admin.subscribers'))}</a>
      </p>
      <h1 safe>{subscriber.email}</h1>
      <dl class="import-report">
        <dt>{escapeHtml(ctx.t('newsletter.admin.colStatus'))}</dt>
        <dd>{escapeHtml(statusLabel(ctx, subscriber.status))}</dd>
        <dt>{escapeHtml(ctx.t('newsletter.lists'))}</dt>
        <dd safe>{listIds.map((id) => listName(ctx, lists, id)).join(', ') || '—'}</dd>
        <dt>{escapeHtml(ctx.t('newsletter.language'))}</dt>
        <dd>{escapeHtml(ctx.t(`lang.${subscriber.locale}`))}</dd>
        <dt>{escapeHtml(ctx.t('newsletter.admin.tracking'))}</dt>
        <dd>{escapeHtml(ctx.t(subscriber.tracking ? 'newsletter.admin.yes' : 'newsletter.admin.no'))}</dd>
      </dl>
      <h2>{escapeHtml(ctx.t('newsletter.admin.consents'))}</h2>
      <DataTable
        caption={ctx.t('newsletter.admin.consents')}
        columns={[ctx.t('newsletter.admin.colWhen'), ctx.t('newsletter.admin.colEvent'), ctx.t('newsletter.lists'), ctx.t('newsletter.admin.tracking'), ctx.t('newsletter.admin.colSource'), ctx.t('newsletter.admin.colPolicy')]}
      >
        {consents.map((c) => (
          <tr>
            <td>{escapeHtml(formatDateTime(ctx.locale, c.createdAt))}</td>
            <td>{escapeHtml(ctx.t(`newsletter.event.${c.event}` as MessageKey))}</td>
            <td safe>{c.lists.map((id) => listName(ctx, lists, id)).join(', ') || '—'}</td>
            <td>{escapeHtml(ctx.t(c.tracking ? 'newsletter.admin.yes' : 'newsletter.admin.no'))}</td>
            <td safe>{c.source ?? '—'}</td>
            <td safe>{c.policyVersion}</td>
          </tr>
        ))}
      </DataTable>
    </Layout>
  );
}
