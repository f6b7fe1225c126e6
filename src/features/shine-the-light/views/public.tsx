import { escapeHtml } from '@kitajs/html';
import { formatDate, type MessageKey } from '../../../core/i18n/index.js';
import { ErrorSummary, Field, type FieldErrors, Honeypot, Notice } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout, href } from '../../../core/views/layout.js';
import type { ConfirmOutcome, ShineAnswer } from '../model.js';

/** "Your California privacy rights": what Shine the Light gives, and the request form. */
export function CaliforniaPage({ ctx, values = {}, errors, requested }: { ctx: ViewContext; values?: Record<string, string>; errors?: FieldErrors | undefined; requested?: boolean }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('shine.title'), description: ctx.t('shine.intro') }}>
      <h1>{escapeHtml(ctx.t('shine.title'))}</h1>
      <Notice message={requested ? ctx.t('shine.requested') : undefined} />
      <p class="lead">{escapeHtml(ctx.t('shine.intro'))}</p>
      <p>{escapeHtml(ctx.t('shine.once'))}</p>
      <p>
        {escapeHtml(ctx.t('shine.other'))} <a href={href(ctx, '/privacy/center#rights')}>{escapeHtml(ctx.t('shine.center'))}</a>
      </p>
      <h2 id="shine-form-title">{escapeHtml(ctx.t('shine.formTitle'))}</h2>
      <form method="post" action={href(ctx, '/privacy/california')} class="narrow" novalidate aria-labelledby="shine-form-title">
        <ErrorSummary ctx={ctx} errors={errors} />
        <Field name="name" label={ctx.t('shine.name')} value={values.name} error={errors?.name} autocomplete="name" required maxlength={120} />
        <Field name="email" type="email" label={ctx.t('shine.email')} hint={ctx.t('shine.emailHint')} value={values.email} error={errors?.email} autocomplete="email" required maxlength={254} />
        <div class="checkbox-list">
          {errors?.california ? (
            <p class="error" id="field-california-error" safe>
              {errors.california}
            </p>
          ) : (
            ''
          )}
          <div>
            <input
              type="checkbox"
              id="field-california"
              name="california"
              value="on"
              required
              checked={values.california === 'on'}
              aria-invalid={errors?.california ? 'true' : undefined}
              aria-describedby={errors?.california ? 'field-california-error' : undefined}
            />
            <label for="field-california">{escapeHtml(ctx.t('shine.california'))}</label>
          </div>
        </div>
        <Honeypot ctx={ctx} />
        <p class="hint">{escapeHtml(ctx.t('transfer.notice'))}</p>
        <p class="form-actions">
          <button class="button" type="submit">
            {escapeHtml(ctx.t('shine.submit'))}
          </button>
        </p>
      </form>
    </Layout>
  );
}

export function ConfirmPage({ ctx, token }: { ctx: ViewContext; token: string | null }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('shine.confirmTitle'), noindex: true }}>
      <h1>{escapeHtml(ctx.t('shine.confirmTitle'))}</h1>
      {token ? (
        <form method="post" action={href(ctx, '/privacy/california/confirm')}>
          <input type="hidden" name="token" value={token} />
          <p>{escapeHtml(ctx.t('shine.confirmIntro'))}</p>
          <p class="form-actions">
            <button class="button" type="submit">
              {escapeHtml(ctx.t('shine.confirmButton'))}
            </button>
          </p>
        </form>
      ) : (
        <p>{escapeHtml(ctx.t('shine.linkExpired'))}</p>
      )}
    </Layout>
  );
}

function Answer({ ctx, answer }: { ctx: ViewContext; answer: ShineAnswer }): JSX.Element {
  if (!answer.disclosures.length) return <p>{escapeHtml(ctx.t('shine.answer.none', { year: answer.year, practice: ctx.practice.name }))}</p>;
  return (
    <>
      <p>{escapeHtml(ctx.t('shine.answer.some', { year: answer.year }))}</p>
      <ul>
        {answer.disclosures.map((d) => (
          <li>
            <strong safe>{d.recipient}</strong>, <span safe>{d.address}</span>
            <br />
            {escapeHtml(ctx.t('shine.answer.categories'))} <span safe>{d.categories.map((c) => ctx.t(`shine.category.${c}` as MessageKey)).join(', ')}</span>
            {d.markets ? (
              <>
                <br />
                {escapeHtml(ctx.t('shine.answer.markets'))} <span safe>{d.markets}</span>
              </>
            ) : (
              ''
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

/** After confirming: the answer, or when a person who was already answered may ask again. */
export function OutcomePage({ ctx, outcome }: { ctx: ViewContext; outcome: Exclude<ConfirmOutcome, { kind: 'invalid' }> }): JSX.Element {
  const title = ctx.t(outcome.kind === 'answered' ? 'shine.answer.title' : 'shine.repeat.title');
  return (
    <Layout ctx={ctx} meta={{ title, noindex: true }}>
      <h1>{escapeHtml(title)}</h1>
      {outcome.kind === 'answered' ? (
        <>
          <Answer ctx={ctx} answer={outcome.answer} />
          <p>{escapeHtml(ctx.t('shine.answer.emailed'))}</p>
        </>
      ) : (
        <p role="status">{escapeHtml(ctx.t('shine.repeat.text', { date: formatDate(ctx.locale, outcome.nextDate) }))}</p>
      )}
    </Layout>
  );
}
