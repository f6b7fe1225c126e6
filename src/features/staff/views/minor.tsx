import { escapeHtml } from '@kitajs/html';
import type { MessageKey } from '../../../core/i18n/index.js';
import { ErrorSummary, Field, Notice, type FieldErrors } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/layout.js';
import { MINOR_REASONS, type Person } from '../model.js';

/**
 * Marking an account as a minor's: find the account by email (or arrive from a person's page),
 * check it is the right one, choose why, confirm. The erasure runs in the background.
 */
export function MinorPage({
  ctx,
  person,
  self = false,
  marked = false,
  notFound = false,
  lookup,
  errors,
}: {
  ctx: ViewContext;
  person: Person | null;
  self?: boolean;
  marked?: boolean;
  notFound?: boolean;
  lookup?: { values?: Record<string, string>; errors?: FieldErrors };
  errors?: FieldErrors;
}): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('staff.minor.title'), area: 'admin' }}>
      <h1>{escapeHtml(ctx.t('staff.minor.title'))}</h1>
      <Notice message={marked ? ctx.t('staff.minor.marked') : undefined} />
      <p>{escapeHtml(ctx.t('staff.minor.intro'))}</p>
      <section aria-labelledby="find-title" class="section-editor">
        <h2 id="find-title">{escapeHtml(ctx.t('staff.minor.findTitle'))}</h2>
        <form method="post" action="/admin/minors/find" novalidate>
          <ErrorSummary ctx={ctx} errors={lookup?.errors} />
          <Field name="email" type="email" label={ctx.t('staff.minor.email')} value={lookup?.values?.email} error={lookup?.errors?.email} required maxlength={254} autocomplete="off" />
          <p class="form-actions">
            <button class="button secondary" type="submit">
              {escapeHtml(ctx.t('staff.minor.find'))}
            </button>
          </p>
        </form>
        {notFound ? <p class="notice notice-warning">{escapeHtml(ctx.t('staff.minor.notFound'))}</p> : ''}
      </section>
      {person ? (
        <section aria-labelledby="mark-title" class="section-editor">
          <h2 id="mark-title">{escapeHtml(ctx.t('staff.minor.markTitle'))}</h2>
          <dl class="import-report">
            <dt>{escapeHtml(ctx.t('staff.people.colName'))}</dt>
            <dd safe>{person.name}</dd>
            <dt>{escapeHtml(ctx.t('staff.people.colEmail'))}</dt>
            <dd safe>{person.email}</dd>
          </dl>
          {self ? (
            <p class="notice notice-info">{escapeHtml(ctx.t('staff.people.selfNote'))}</p>
          ) : (
            <form method="post" action="/admin/minors" data-confirm={ctx.t('staff.minor.confirm', { name: person.name })} novalidate>
              <ErrorSummary ctx={ctx} errors={errors} />
              <input type="hidden" name="user" value={person.id} />
              <div class={errors?.reason ? 'field has-error' : 'field'}>
                <fieldset aria-describedby={errors?.reason ? 'field-reason-error' : 'field-reason-hint'}>
                  <legend>{escapeHtml(ctx.t('staff.minor.reason'))}</legend>
                  <p class="hint" id="field-reason-hint">
                    {escapeHtml(ctx.t('staff.minor.reasonHint'))}
                  </p>
                  {errors?.reason ? (
                    <p class="error" id="field-reason-error" safe>
                      {errors.reason}
                    </p>
                  ) : (
                    ''
                  )}
                  <ul class="checkbox-list">
                    {MINOR_REASONS.map((reason, i) => {
                      const id = i === 0 ? 'field-reason' : `field-reason-${reason}`;
                      return (
                        <li>
                          <input type="radio" id={id} name="reason" value={reason} required />
                          <label for={id}>{escapeHtml(ctx.t(`staff.minor.reason.${reason}` as MessageKey))}</label>
                        </li>
                      );
                    })}
                  </ul>
                </fieldset>
              </div>
              <p class="notice notice-warning">{escapeHtml(ctx.t('staff.minor.warning'))}</p>
              <p class="form-actions">
                <button class="button danger" type="submit">
                  {escapeHtml(ctx.t('staff.minor.submit'))}
                </button>
              </p>
            </form>
          )}
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}
