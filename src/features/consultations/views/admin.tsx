import { escapeHtml } from '@kitajs/html';
import { formatDateTime } from '../../../core/i18n/index.js';
import { DataTable, Notice } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/layout.js';
import { CONSULTATION_STATUSES, type ConsultationDetail, type ConsultationNote, type ConsultationStatus, type ConsultationSummary } from '../model.js';
import { methodLabel, timeLabel } from './public.js';

const STATUS_KEY = {
  new: 'consultation.status.new',
  contacted: 'consultation.status.contacted',
  scheduled: 'consultation.status.scheduled',
  closed: 'consultation.status.closed',
} as const;

function procedureList(titles: ReadonlyMap<string, string>, slugs: readonly string[]): string {
  return slugs.map((s) => titles.get(s) ?? s).join(', ') || '—';
}

/** The inbox: who, what about, how to reach them, status. Never the message itself. */
export function ConsultationListPage({
  ctx,
  requests,
  titles,
  status,
  counts,
}: {
  ctx: ViewContext;
  requests: readonly ConsultationSummary[];
  titles: ReadonlyMap<string, string>;
  status: ConsultationStatus | 'all';
  counts: Record<ConsultationStatus, number>;
}): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('consultation.inbox.title'), area: 'admin' }}>
      <h1>{escapeHtml(ctx.t('consultation.inbox.title'))}</h1>
      <nav aria-label={ctx.t('consultation.inbox.filter')} class="chips">
        <ul>
          {[...CONSULTATION_STATUSES, 'all' as const].map((s) => (
            <li>
              <a href={`/admin/consultations?status=${s}`} aria-current={s === status ? 'page' : undefined}>
                {escapeHtml(s === 'all' ? ctx.t('consultation.inbox.all') : `${ctx.t(STATUS_KEY[s])} (${counts[s]})`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {requests.length ? (
        <DataTable
          caption={ctx.t('consultation.inbox.title')}
          columns={[
            ctx.t('consultation.inbox.colFrom'),
            ctx.t('consultation.inbox.colProcedures'),
            ctx.t('consultation.inbox.colMethod'),
            ctx.t('consultation.inbox.colStatus'),
            ctx.t('consultation.inbox.colReceived'),
          ]}
        >
          {requests.map((r) => (
            <tr>
              <td>
                <a href={`/admin/consultations/${r.id}`} safe>
                  {r.name}
                </a>
              </td>
              <td safe>{procedureList(titles, r.procedures)}</td>
              <td>{escapeHtml(methodLabel(ctx, r.preferredMethod))}</td>
              <td>{escapeHtml(ctx.t(STATUS_KEY[r.status]))}</td>
              <td>{escapeHtml(formatDateTime(ctx.locale, r.createdAt))}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p>{escapeHtml(ctx.t('consultation.inbox.empty'))}</p>
      )}
    </Layout>
  );
}

export function RequestPage({
  ctx,
  request,
  notes,
  staff,
  titles,
  notice,
  error,
}: {
  ctx: ViewContext;
  request: ConsultationDetail;
  notes: readonly ConsultationNote[];
  staff: readonly { id: string; name: string }[];
  titles: ReadonlyMap<string, string>;
  notice?: string | undefined;
  error?: string | undefined;
}): JSX.Element {
  const base = `/admin/consultations/${request.id}`;
  const heading = ctx.t('consultation.inbox.requestFrom', { name: request.name });
  return (
    <Layout ctx={ctx} meta={{ title: heading, area: 'admin' }}>
      <p class="eyebrow">
        <a href="/admin/consultations">{escapeHtml(ctx.t('consultation.inbox.title'))}</a>
      </p>
      <h1>{escapeHtml(heading)}</h1>
      <Notice message={notice} />
      {error ? (
        <p class="notice notice-warning" role="alert" safe>
          {error}
        </p>
      ) : (
        ''
      )}
      <p class="hint">{escapeHtml(ctx.t('consultation.inbox.audited'))}</p>
      <dl class="import-report">
        <dt>{escapeHtml(ctx.t('consultation.email'))}</dt>
        <dd>
          <a href={`mailto:${request.email}`} safe>
            {request.email}
          </a>
        </dd>
        <dt>{escapeHtml(ctx.t('consultation.phone'))}</dt>
        <dd>
          {request.phone ? (
            <a href={`tel:${request.phone.replace(/[^+\d]/g, '')}`} safe>
              {request.phone}
            </a>
          ) : (
            '—'
          )}
        </dd>
        <dt>{escapeHtml(ctx.t('consultation.inbox.colMethod'))}</dt>
        <dd>{escapeHtml(methodLabel(ctx, request.preferredMethod))}</dd>
        <dt>{escapeHtml(ctx.t('consultation.inbox.times'))}</dt>
        <dd>{escapeHtml(request.preferredTimes.map((time) => timeLabel(ctx, time)).join(', ') || ctx.t('consultation.inbox.anyTime'))}</dd>
        <dt>{escapeHtml(ctx.t('consultation.inbox.colProcedures'))}</dt>
        <dd safe>{procedureList(titles, request.procedures)}</dd>
        <dt>{escapeHtml(ctx.t('consultation.inbox.language'))}</dt>
        <dd>{escapeHtml(ctx.t(request.locale === 'es' ? 'lang.es' : 'lang.en'))}</dd>
        <dt>{escapeHtml(ctx.t('consultation.inbox.colReceived'))}</dt>
        <dd>{escapeHtml(formatDateTime(ctx.locale, request.createdAt))}</dd>
      </dl>
      <section aria-labelledby="message-title">
        <h2 id="message-title">{escapeHtml(ctx.t('consultation.inbox.message'))}</h2>
        <blockquote class="prose">
          <p class="pre-line" safe>
            {request.message}
          </p>
        </blockquote>
      </section>
      {request.photo ? (
        <section aria-labelledby="photo-title">
          <h2 id="photo-title">{escapeHtml(ctx.t('consultation.inbox.photo'))}</h2>
          <p>
            <a href={`${base}/photo`}>
              <img src={`${base}/photo`} alt={ctx.t('consultation.inbox.photoAlt', { name: request.name })} width={String(request.photo.width)} height={String(request.photo.height)} />
            </a>
          </p>
        </section>
      ) : (
        ''
      )}
      <div class="toolbar">
        <form method="post" action={`${base}/status`}>
          <label for="status">{escapeHtml(ctx.t('consultation.inbox.colStatus'))}</label>{' '}
          <select id="status" name="status">
            {CONSULTATION_STATUSES.map((s) => (
              <option value={s} selected={s === request.status}>
                {escapeHtml(ctx.t(STATUS_KEY[s]))}
              </option>
            ))}
          </select>{' '}
          <button class="button small secondary" type="submit">
            {escapeHtml(ctx.t('consultation.inbox.setStatus'))}
          </button>
        </form>
        <form method="post" action={`${base}/assign`}>
          <label for="assignee">{escapeHtml(ctx.t('consultation.inbox.colAssigned'))}</label>{' '}
          <select id="assignee" name="assignee">
            <option value="">{escapeHtml(ctx.t('consultation.inbox.nobody'))}</option>
            {staff.map((s) => (
              <option value={s.id} selected={s.id === request.assignedTo} safe>
                {s.name}
              </option>
            ))}
          </select>{' '}
          <button class="button small secondary" type="submit">
            {escapeHtml(ctx.t('consultation.inbox.assign'))}
          </button>
        </form>
      </div>
      <section aria-labelledby="notes-title">
        <h2 id="notes-title">{escapeHtml(ctx.t('consultation.inbox.notes'))}</h2>
        {notes.length ? (
          <ol class="revisions">
            {notes.map((n) => (
              <li>
                <p class="meta">{escapeHtml(ctx.t('consultation.inbox.noteBy', { name: n.authorName ?? '—', date: formatDateTime(ctx.locale, n.createdAt) }))}</p>
                <p class="pre-line" safe>
                  {n.body}
                </p>
              </li>
            ))}
          </ol>
        ) : (
          <p class="hint">{escapeHtml(ctx.t('consultation.inbox.noNotes'))}</p>
        )}
        <form method="post" action={`${base}/note`}>
          <div class="field">
            <label for="note-body">{escapeHtml(ctx.t('consultation.inbox.noteLabel'))}</label>
            <textarea id="note-body" name="body" rows="4" required maxlength="10000"></textarea>
          </div>
          <p class="form-actions">
            <button class="button secondary" type="submit">
              {escapeHtml(ctx.t('consultation.inbox.addNote'))}
            </button>
          </p>
        </form>
      </section>
    </Layout>
  );
}
