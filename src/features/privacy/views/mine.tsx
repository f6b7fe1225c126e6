import { escapeHtml } from '@kitajs/html';
import { formatDate, formatDateTime, type MessageKey } from '../../../core/i18n/index.js';
import { DataTable, ErrorSummary, Field, type FieldErrors, Notice } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout, href } from '../../../core/views/layout.js';
import type { ExportRecord } from '../store.js';

export interface MyPrivacyState {
  readonly exports: readonly ExportRecord[];
  readonly marketing: boolean;
  readonly analytics: boolean;
  readonly restricted: boolean;
}

function Tick({ ctx, name, checked, label, hint }: { ctx: ViewContext; name: string; checked: boolean; label: MessageKey; hint: MessageKey }): JSX.Element {
  return (
    <div>
      <input type="checkbox" id={`field-${name}`} name={name} value="on" checked={checked} aria-describedby={`field-${name}-hint`} />
      <label for={`field-${name}`}>
        <span>{escapeHtml(ctx.t(label))}</span>
        <span class="hint" id={`field-${name}-hint`}>
          {escapeHtml(ctx.t(hint))}
        </span>
      </label>
    </div>
  );
}

/**
 * A signed-in person's rights, each one click (or one form) away: a copy of their data, a
 * correction, objections and restriction, unsubscribing from everything, deleting the account.
 */
export function MyPrivacyPage(p: { ctx: ViewContext; state: MyPrivacyState; notice?: string | undefined; errors?: FieldErrors | undefined; values?: Record<string, string> }): JSX.Element {
  const { ctx, state, errors } = p;
  // Only the newest copy is offered again: an older failure was followed by another request.
  const failed = state.exports[0]?.status === 'failed' ? state.exports[0] : undefined;
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('myPrivacy.title'), noindex: true }}>
      <h1>{escapeHtml(ctx.t('myPrivacy.title'))}</h1>
      <Notice message={p.notice} />
      <p class="lead">{escapeHtml(ctx.t('myPrivacy.intro'))}</p>
      <ErrorSummary ctx={ctx} errors={errors} />

      <section id="download" aria-labelledby="download-heading">
        <h2 id="download-heading">{escapeHtml(ctx.t('myPrivacy.download'))}</h2>
        <p>{escapeHtml(ctx.t('myPrivacy.downloadText'))}</p>
        {failed ? (
          <>
            <Notice kind="warning" message={ctx.t('myPrivacy.exportFailed', { date: formatDateTime(ctx.locale, failed.createdAt) })} />
            <form method="post" action={href(ctx, `/account/privacy/exports/${failed.id}/retry`)} class="form-actions">
              <button class="button" type="submit">
                {escapeHtml(ctx.t('myPrivacy.tryAgain'))}
              </button>
            </form>
          </>
        ) : (
          <form method="post" action={href(ctx, '/account/privacy/export')} class="form-actions">
            <button class="button" type="submit">
              {escapeHtml(ctx.t('myPrivacy.downloadButton'))}
            </button>
          </form>
        )}
        {state.exports.length ? (
          <DataTable caption={ctx.t('myPrivacy.exports')} columns={[ctx.t('myPrivacy.requested'), ctx.t('myPrivacy.status'), ctx.t('myPrivacy.expires')]}>
            {state.exports.map((e) => (
              <tr>
                <td>{escapeHtml(formatDateTime(ctx.locale, e.createdAt))}</td>
                <td>
                  {e.status === 'ready' ? (
                    <a href={href(ctx, `/account/privacy/exports/${e.id}`)}>
                      {escapeHtml(ctx.t('myPrivacy.downloadZip'))}
                    </a>
                  ) : (
                    escapeHtml(ctx.t(`myPrivacy.export.${e.status}` as MessageKey))
                  )}
                </td>
                <td>{escapeHtml(e.status === 'ready' ? formatDate(ctx.locale, e.expiresAt) : '—')}</td>
              </tr>
            ))}
          </DataTable>
        ) : (
          ''
        )}
      </section>

      <section id="correct" aria-labelledby="correct-heading">
        <h2 id="correct-heading">{escapeHtml(ctx.t('myPrivacy.correct'))}</h2>
        <p>
          {escapeHtml(ctx.t('myPrivacy.correctText'))} <a href={href(ctx, '/account')}>{escapeHtml(ctx.t('myPrivacy.profileLink'))}</a>
        </p>
        <form method="post" action={href(ctx, '/account/privacy/correction')} class="narrow" novalidate>
          <Field name="details" label={ctx.t('myPrivacy.correctDetails')} hint={ctx.t('rights.detailsHint')} value={p.values?.details} error={errors?.details} multiline rows={4} maxlength={5000} required />
          <p class="form-actions">
            <button class="button secondary" type="submit">
              {escapeHtml(ctx.t('myPrivacy.correctButton'))}
            </button>
          </p>
        </form>
      </section>

      <section id="choices" aria-labelledby="choices-heading">
        <h2 id="choices-heading">{escapeHtml(ctx.t('myPrivacy.choices'))}</h2>
        <form method="post" action={href(ctx, '/account/privacy/choices')} class="narrow">
          <fieldset>
            <legend>{escapeHtml(ctx.t('myPrivacy.choicesLegend'))}</legend>
            <div class="checkbox-list">
              <Tick ctx={ctx} name="marketing" checked={state.marketing} label="myPrivacy.objectMarketing" hint="myPrivacy.objectMarketingHint" />
              <Tick ctx={ctx} name="analytics" checked={state.analytics} label="myPrivacy.objectAnalytics" hint="myPrivacy.objectAnalyticsHint" />
              <Tick ctx={ctx} name="restrict" checked={state.restricted} label="myPrivacy.restrict" hint="myPrivacy.restrictHint" />
            </div>
          </fieldset>
          <p class="form-actions">
            <button class="button secondary" type="submit">
              {escapeHtml(ctx.t('myPrivacy.saveChoices'))}
            </button>
          </p>
        </form>
      </section>

      <section id="unsubscribe" aria-labelledby="unsubscribe-heading">
        <h2 id="unsubscribe-heading">{escapeHtml(ctx.t('myPrivacy.unsubscribe'))}</h2>
        <p>{escapeHtml(ctx.t('myPrivacy.unsubscribeText'))}</p>
        <form method="post" action={href(ctx, '/account/privacy/unsubscribe')} class="form-actions">
          <button class="button secondary" type="submit">
            {escapeHtml(ctx.t('myPrivacy.unsubscribeButton'))}
          </button>
        </form>
      </section>

      <section id="delete" aria-labelledby="delete-heading">
        <h2 id="delete-heading">{escapeHtml(ctx.t('myPrivacy.delete'))}</h2>
        <p>{escapeHtml(ctx.t('myPrivacy.deleteText'))}</p>
        <form method="post" action={href(ctx, '/account/privacy/delete')} class="narrow" novalidate>
          <Field name="password" type="password" label={ctx.t('myPrivacy.password')} error={errors?.password} autocomplete="current-password" required maxlength={1024} />
          {errors?.confirm ? (
            <p class="error" id="field-confirm-error" safe>
              {errors.confirm}
            </p>
          ) : (
            ''
          )}
          <div class="checkbox-list">
            <div>
              <input type="checkbox" id="field-confirm" name="confirm" value="on" required aria-invalid={errors?.confirm ? 'true' : undefined} aria-describedby={errors?.confirm ? 'field-confirm-error' : undefined} />
              <label for="field-confirm">{escapeHtml(ctx.t('myPrivacy.deleteConfirm'))}</label>
            </div>
          </div>
          <p class="form-actions">
            <button class="button danger" type="submit">
              {escapeHtml(ctx.t('myPrivacy.deleteButton'))}
            </button>
          </p>
        </form>
      </section>
    </Layout>
  );
}

/** An export link that expired, was never valid or whose file is gone. */
export function ExportGonePage({ ctx }: { ctx: ViewContext }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('myPrivacy.exportGoneTitle'), noindex: true }}>
      <h1>{escapeHtml(ctx.t('myPrivacy.exportGoneTitle'))}</h1>
      <p>{escapeHtml(ctx.t('myPrivacy.exportGone'))}</p>
      <p>
        <a href={href(ctx, '/privacy/center')}>{escapeHtml(ctx.t('center.title'))}</a>
      </p>
    </Layout>
  );
}
