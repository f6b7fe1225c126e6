import { escapeHtml } from '@kitajs/html';
import { formatDate, formatDateTime, type MessageKey } from '../../../core/i18n/index.js';
import type { MatchedTable } from '../../../core/privacy/matching.js';
import { DataTable, ErrorSummary, Field, type FieldErrors, Notice, Select } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/layout.js';
import { isOverdue, type PrivacyRequest, type RequestEntry } from '../model.js';
import type { ExportRecord } from '../store.js';

const label = (ctx: ViewContext, key: string) => ctx.t(key as MessageKey);

function Due({ ctx, request }: { ctx: ViewContext; request: PrivacyRequest }): JSX.Element {
  if (!request.dueAt) return <>—</>;
  const overdue = isOverdue(request);
  return (
    <span class={overdue ? 'status status-overdue' : undefined}>
      {escapeHtml(formatDate(ctx.locale, request.dueAt))}
      {overdue ? ` · ${escapeHtml(ctx.t('rights.admin.overdue'))}` : ''}
    </span>
  );
}

/** The privacy officer's queue: nearest deadline first, overdue requests marked. */
export function RequestsPage({ ctx, requests, filter }: { ctx: ViewContext; requests: readonly PrivacyRequest[]; filter: 'active' | 'all' }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('rights.admin.title'), area: 'admin' }}>
      <h1>{escapeHtml(ctx.t('rights.admin.title'))}</h1>
      <nav aria-label={ctx.t('rights.admin.filter')} class="chips">
        <ul>
          {(['active', 'all'] as const).map((f) => (
            <li>
              <a href={`/admin/privacy?filter=${f}`} aria-current={f === filter ? 'page' : undefined}>
                {escapeHtml(ctx.t(f === 'active' ? 'rights.admin.active' : 'rights.admin.all'))}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {requests.length ? (
        <DataTable
          caption={ctx.t('rights.admin.title')}
          columns={[ctx.t('rights.kind'), ctx.t('rights.admin.from'), ctx.t('rights.jurisdiction'), ctx.t('rights.admin.received'), ctx.t('rights.admin.due'), ctx.t('rights.admin.status')]}
        >
          {requests.map((r) => (
            <tr>
              <td>
                <a href={`/admin/privacy/${r.id}`}>{escapeHtml(label(ctx, `rights.kind.${r.kind}`))}</a>
              </td>
              <td safe>{r.name || ctx.t('rights.formerMember')}</td>
              <td>{escapeHtml(label(ctx, `rights.jurisdiction.${r.jurisdiction}`))}</td>
              <td>{escapeHtml(formatDate(ctx.locale, r.confirmedAt ?? r.createdAt))}</td>
              <td>
                <Due ctx={ctx} request={r} />
              </td>
              <td>{escapeHtml(label(ctx, `rights.status.${r.status}`))}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p>{escapeHtml(ctx.t('rights.admin.empty'))}</p>
      )}
    </Layout>
  );
}

export function RequestPage(p: {
  ctx: ViewContext;
  request: PrivacyRequest;
  entries: readonly RequestEntry[];
  matched: readonly MatchedTable[];
  /** The exports run for this request, newest first. */
  exports: readonly ExportRecord[];
  notice?: string | undefined;
  errors?: FieldErrors | undefined;
  values?: Record<string, string>;
}): JSX.Element {
  const { ctx, request } = p;
  const base = `/admin/privacy/${request.id}`;
  const open = request.status === 'open' || request.status === 'waiting';
  const title = ctx.t('rights.admin.requestTitle', { kind: label(ctx, `rights.kind.${request.kind}`), name: request.name || ctx.t('rights.formerMember') });
  // Offered again whatever the request's state: a member's own request is completed when asked, yet they have nothing.
  const failedExport = p.exports[0]?.status === 'failed' ? p.exports[0] : undefined;
  return (
    <Layout ctx={ctx} meta={{ title, area: 'admin' }}>
      <p class="eyebrow">
        <a href="/admin/privacy">{escapeHtml(ctx.t('rights.admin.title'))}</a>
      </p>
      <h1>{escapeHtml(title)}</h1>
      <Notice message={p.notice} />
      <dl class="import-report">
        <dt>{escapeHtml(ctx.t('rights.email'))}</dt>
        <dd safe>{request.email}</dd>
        <dt>{escapeHtml(ctx.t('rights.jurisdiction'))}</dt>
        <dd>{escapeHtml(label(ctx, `rights.jurisdiction.${request.jurisdiction}`))}</dd>
        <dt>{escapeHtml(ctx.t('rights.admin.due'))}</dt>
        <dd>
          <Due ctx={ctx} request={request} />
        </dd>
        <dt>{escapeHtml(ctx.t('rights.admin.status'))}</dt>
        <dd>{escapeHtml(label(ctx, `rights.status.${request.status}`))}</dd>
      </dl>
      {request.details ? (
        <blockquote class="prose">
          <p class="pre-line" safe>
            {request.details}
          </p>
        </blockquote>
      ) : (
        ''
      )}
      <h2>{escapeHtml(ctx.t('rights.admin.matched'))}</h2>
      {p.matched.length ? (
        <DataTable caption={ctx.t('rights.admin.matched')} columns={[ctx.t('rights.admin.table'), ctx.t('rights.admin.owner'), ctx.t('rights.admin.rows')]}>
          {p.matched.map((m) => (
            <tr>
              <td>
                <code safe>{m.table}</code>
              </td>
              <td safe>{m.owner}</td>
              <td safe>{String(m.rows)}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p>{escapeHtml(ctx.t('rights.admin.nothingMatched'))}</p>
      )}
      {p.exports.length ? (
        <section aria-labelledby="exports-heading">
          <h2 id="exports-heading">{escapeHtml(ctx.t('rights.admin.exports'))}</h2>
          {failedExport ? (
            <>
              <Notice kind="warning" message={ctx.t('rights.admin.exportFailed')} />
              <form method="post" action={`${base}/exports/${failedExport.id}/retry`} class="form-actions">
                <button class="button" type="submit">
                  {escapeHtml(ctx.t('rights.admin.runExportAgain'))}
                </button>
              </form>
            </>
          ) : (
            ''
          )}
          <DataTable caption={ctx.t('rights.admin.exports')} columns={[ctx.t('rights.admin.exportAsked'), ctx.t('rights.admin.status'), ctx.t('rights.admin.exportUntil')]}>
            {p.exports.map((e) => (
              <tr>
                <td>{escapeHtml(formatDateTime(ctx.locale, e.createdAt))}</td>
                <td>{escapeHtml(label(ctx, `rights.admin.exportStatus.${e.status}`))}</td>
                <td>{escapeHtml(e.status === 'ready' ? formatDate(ctx.locale, e.expiresAt) : '—')}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      ) : (
        ''
      )}
      {open && p.matched.length ? (
        <section aria-labelledby="actions-heading">
          <h2 id="actions-heading">{escapeHtml(ctx.t('rights.admin.actions'))}</h2>
          <form method="post" action={`${base}/export`} class="narrow">
            <p class="hint">{escapeHtml(ctx.t('rights.admin.runExportHint'))}</p>
            <p class="form-actions">
              <button class="button secondary" type="submit">
                {escapeHtml(ctx.t('rights.admin.runExport'))}
              </button>
            </p>
          </form>
          <form method="post" action={`${base}/erase`} class="narrow" novalidate>
            <p class="hint">{escapeHtml(ctx.t('rights.admin.runErasureHint'))}</p>
            {p.errors?.erase ? (
              <p class="error" id="field-erase-error" safe>
                {p.errors.erase}
              </p>
            ) : (
              ''
            )}
            <div class="checkbox-list">
              <div>
                <input type="checkbox" id="field-erase" name="confirm" value="on" aria-describedby={p.errors?.erase ? 'field-erase-error' : undefined} />
                <label for="field-erase">{escapeHtml(ctx.t('rights.admin.eraseConfirm'))}</label>
              </div>
            </div>
            <p class="form-actions">
              <button class="button danger" type="submit">
                {escapeHtml(ctx.t('rights.admin.runErasure'))}
              </button>
            </p>
          </form>
        </section>
      ) : (
        ''
      )}
      <h2>{escapeHtml(ctx.t('rights.admin.history'))}</h2>
      {p.entries.length ? (
        <ol class="thread">
          {p.entries.map((e) => (
            <li class={`entry entry-${e.kind}`}>
              <p class="hint">
                {escapeHtml(`${label(ctx, `rights.entry.${e.kind}`)} · ${e.authorName ?? ctx.t('rights.admin.formerStaff')} · ${formatDateTime(ctx.locale, e.createdAt)}`)}
              </p>
              <p class="pre-line" safe>
                {e.body}
              </p>
            </li>
          ))}
        </ol>
      ) : (
        <p>{escapeHtml(ctx.t('rights.admin.noHistory'))}</p>
      )}
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <form method="post" action={`${base}/note`} class="narrow" novalidate>
        <Field name="body" id="field-note" label={ctx.t('rights.admin.note')} hint={ctx.t('rights.admin.noteHint')} multiline rows={3} maxlength={10000} error={p.errors?.note} />
        <p class="form-actions">
          <button class="button secondary" type="submit">
            {escapeHtml(ctx.t('rights.admin.addNote'))}
          </button>
        </p>
      </form>
      {open ? (
        <form method="post" action={`${base}/write`} class="narrow" novalidate>
          <Select
            name="outcome"
            label={ctx.t('rights.admin.outcome')}
            options={(['waiting', 'completed', 'refused'] as const).map((o) => ({ value: o, label: label(ctx, `rights.admin.outcome.${o}`) }))}
            value={p.values?.outcome}
          />
          <Field name="body" id="field-message" label={ctx.t('rights.admin.message')} hint={ctx.t('rights.admin.messageHint')} multiline rows={6} maxlength={10000} value={p.values?.body} error={p.errors?.message} />
          <p class="form-actions">
            <button class="button" type="submit">
              {escapeHtml(ctx.t('rights.admin.send'))}
            </button>
          </p>
        </form>
      ) : (
        ''
      )}
    </Layout>
  );
}
