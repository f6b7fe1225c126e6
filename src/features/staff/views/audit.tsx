import { escapeHtml } from '@kitajs/html';
import { formatDateTime } from '../../../core/i18n/index.js';
import { DataTable } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/layout.js';
import { AUDIT_PAGE_SIZE, type AuditEntry, type AuditFilter } from '../model.js';
import { Pager } from './shared.js';

function FilterField({ name, label, value, type = 'text', maxlength }: { name: string; label: string; value: string | undefined; type?: 'text' | 'date'; maxlength?: number }): JSX.Element {
  return (
    <div class="field">
      <label for={`filter-${name}`} safe>
        {label}
      </label>
      <input id={`filter-${name}`} name={name} type={type} value={value ?? ''} maxlength={maxlength === undefined ? undefined : String(maxlength)} />
    </div>
  );
}

/** The audit log: filters, one page of events (newest first), and a CSV of the filtered events. */
export function AuditPage({ ctx, events, total, actions, filter, page }: { ctx: ViewContext; events: readonly AuditEntry[]; total: number; actions: readonly string[]; filter: AuditFilter; page: number }): JSX.Element {
  const query: Record<string, string | undefined> = { ...filter };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  const exportHref = `/admin/audit/export.csv${params.size ? `?${params.toString()}` : ''}`;
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('staff.audit.title'), area: 'admin' }}>
      <h1>{escapeHtml(ctx.t('staff.audit.title'))}</h1>
      <p>{escapeHtml(ctx.t('staff.audit.intro'))}</p>
      <form method="get" action="/admin/audit" class="filters" aria-label={ctx.t('staff.audit.filters')}>
        <div class="field">
          <label for="filter-action">{escapeHtml(ctx.t('staff.audit.action'))}</label>
          <select id="filter-action" name="action">
            <option value="">{escapeHtml(ctx.t('staff.audit.allActions'))}</option>
            {actions.map((a) => (
              <option value={a} selected={a === filter.action} safe>
                {a}
              </option>
            ))}
          </select>
        </div>
        <FilterField name="actor" label={ctx.t('staff.audit.actor')} value={filter.actor} maxlength={40} />
        <FilterField name="targetType" label={ctx.t('staff.audit.targetType')} value={filter.targetType} maxlength={40} />
        <FilterField name="targetId" label={ctx.t('staff.audit.targetId')} value={filter.targetId} maxlength={80} />
        <FilterField name="from" type="date" label={ctx.t('staff.audit.from')} value={filter.from} />
        <FilterField name="to" type="date" label={ctx.t('staff.audit.to')} value={filter.to} />
        <button class="button secondary" type="submit">
          {escapeHtml(ctx.t('staff.audit.apply'))}
        </button>
      </form>
      <p class="toolbar">
        <span>{escapeHtml(ctx.t('staff.audit.count', { count: total }))}</span>
        <a class="button small secondary" href={exportHref}>
          {escapeHtml(ctx.t('staff.audit.export'))}
        </a>
      </p>
      {events.length ? (
        <DataTable
          caption={ctx.t('staff.audit.title')}
          columns={[ctx.t('staff.audit.colTime'), ctx.t('staff.audit.actor'), ctx.t('staff.audit.action'), ctx.t('staff.audit.colTarget'), ctx.t('staff.audit.colRequest'), ctx.t('staff.audit.colIp'), ctx.t('staff.audit.colChange')]}
        >
          {events.map((e) => (
            <tr>
              <td>
                <time datetime={e.at.toISOString()}>{escapeHtml(formatDateTime(ctx.locale, e.at))}</time>
              </td>
              <td>
                {e.actorId ? (
                  <a href={`/admin/audit?actor=${encodeURIComponent(e.actorId)}`} safe>
                    {e.actorName ?? e.actorId}
                  </a>
                ) : (
                  escapeHtml(ctx.t('staff.audit.system'))
                )}
              </td>
              <td>
                <code safe>{e.action}</code>
              </td>
              <td>
                {e.targetType && e.targetId ? (
                  <a href={`/admin/audit?targetType=${encodeURIComponent(e.targetType)}&targetId=${encodeURIComponent(e.targetId)}`} safe>
                    {`${e.targetType} ${e.targetId}`}
                  </a>
                ) : (
                  '—'
                )}
              </td>
              <td>
                <code safe>{e.requestId ?? '—'}</code>
              </td>
              <td safe>{e.ip ?? '—'}</td>
              <td>
                <code safe>{e.change === null ? '—' : JSON.stringify(e.change)}</code>
              </td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p>{escapeHtml(ctx.t('staff.audit.none'))}</p>
      )}
      <Pager ctx={ctx} base="/admin/audit" query={query} page={page} total={total} pageSize={AUDIT_PAGE_SIZE} />
    </Layout>
  );
}
