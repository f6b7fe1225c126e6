import { escapeHtml } from '@kitajs/html';
import { ROLES, type Role } from '../../../core/auth/index.js';
import type { MessageKey } from '../../../core/i18n/index.js';
import type { ViewContext } from '../../../core/views/context.js';

export function roleLabel(ctx: ViewContext, role: Role): string {
  return ctx.t(`staff.role.${role}` as MessageKey);
}

/** Role checkboxes in a fieldset; the first box carries the field's id for the error summary. */
export function RoleChoices({ ctx, idPrefix, legend, checked, error }: { ctx: ViewContext; idPrefix: string; legend: string; checked: readonly string[]; error?: string | undefined }): JSX.Element {
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <fieldset aria-describedby={error ? `${idPrefix}-error` : undefined}>
        <legend safe>{legend}</legend>
        {error ? (
          <p class="error" id={`${idPrefix}-error`} safe>
            {error}
          </p>
        ) : (
          ''
        )}
        <ul class="checkbox-list">
          {ROLES.map((role, i) => {
            const id = i === 0 ? idPrefix : `${idPrefix}-${role}`;
            return (
              <li>
                <input type="checkbox" id={id} name="roles" value={role} checked={checked.includes(role)} />
                <label for={id}>{escapeHtml(roleLabel(ctx, role))}</label>
              </li>
            );
          })}
        </ul>
      </fieldset>
    </div>
  );
}

/** Previous / next links that keep the current query. */
export function Pager({ ctx, base, query, page, total, pageSize }: { ctx: ViewContext; base: string; query: Record<string, string | undefined>; page: number; total: number; pageSize: number }): JSX.Element {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return <></>;
  const link = (p: number): string => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
    params.set('page', String(p));
    return `${base}?${params.toString()}`;
  };
  return (
    <nav class="pagination" aria-label={ctx.t('staff.pager.label')}>
      <ul>
        {page > 1 ? (
          <li>
            <a href={link(page - 1)} rel="prev">
              {escapeHtml(ctx.t('staff.pager.previous'))}
            </a>
          </li>
        ) : (
          ''
        )}
        <li aria-current="page">{escapeHtml(ctx.t('staff.pager.page', { page, pages }))}</li>
        {page < pages ? (
          <li>
            <a href={link(page + 1)} rel="next">
              {escapeHtml(ctx.t('staff.pager.next'))}
            </a>
          </li>
        ) : (
          ''
        )}
      </ul>
    </nav>
  );
}
