import { escapeHtml } from '@kitajs/html';
import { LOCALES } from '../../../core/i18n/index.js';
import { ErrorSummary, Notice, Select, type FieldErrors } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { href, Layout } from '../../../core/views/layout.js';
import type { PreferencesView } from '../service.js';

/**
 * A tick box with its label and a hint; unticked boxes are simply not sent. A `locked` box is
 * shown ticked and cannot be changed (its hint says why).
 */
function Choice({ name, checked, label, hint, locked = false }: { name: string; checked: boolean; label: string; hint: string; locked?: boolean }): JSX.Element {
  return (
    <div class="checkbox-list">
      <div>
        <input type="checkbox" id={`field-${name}`} name={name} value="on" checked={checked || locked} disabled={locked} aria-describedby={`field-${name}-hint`} />
        <label for={`field-${name}`}>{escapeHtml(label)}</label>
        <p class="hint" id={`field-${name}-hint`}>
          {escapeHtml(hint)}
        </p>
      </div>
    </div>
  );
}

/** The person's own choices: language, email, and unblurred sensitive images. */
export function PreferencesPage({ ctx, preferences, values, errors, notice }: { ctx: ViewContext; preferences: PreferencesView; values?: Record<string, string>; errors?: FieldErrors | undefined; notice?: string | undefined }): JSX.Element {
  const ticked = (name: 'newsletter' | 'revealSensitiveMedia' | 'newSignInEmail'): boolean => (values ? values[name] === 'on' : preferences[name]);
  const locked = preferences.newSignInEmailRequired;
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('preferences.title'), noindex: true }}>
      <h1>{escapeHtml(ctx.t('preferences.title'))}</h1>
      <Notice message={notice} />
      <p>
        {escapeHtml(ctx.t('preferences.nameEmail'))} <a href={href(ctx, '/account')}>{escapeHtml(ctx.t('preferences.nameEmailLink'))}</a>
      </p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={href(ctx, '/account/preferences')} novalidate class="narrow">
        <Select name="language" label={ctx.t('preferences.language')} options={LOCALES.map((l) => ({ value: l, label: ctx.t(`lang.${l}`) }))} value={values?.language ?? preferences.locale} error={errors?.language} required />
        <fieldset>
          <legend>{escapeHtml(ctx.t('preferences.email'))}</legend>
          <Choice name="newsletter" checked={ticked('newsletter')} label={ctx.t('preferences.newsletter')} hint={ctx.t('preferences.newsletterHint')} />
          <Choice name="newSignInEmail" checked={ticked('newSignInEmail')} locked={locked} label={ctx.t('preferences.newSignIn')} hint={ctx.t(locked ? 'preferences.newSignInRequired' : 'preferences.newSignInHint')} />
          <p class="hint">{escapeHtml(ctx.t('preferences.emailAlways'))}</p>
        </fieldset>
        <fieldset>
          <legend>{escapeHtml(ctx.t('preferences.images'))}</legend>
          <Choice name="revealSensitiveMedia" checked={ticked('revealSensitiveMedia')} label={ctx.t('preferences.reveal')} hint={ctx.t('preferences.revealHint')} />
        </fieldset>
        <p class="form-actions">
          <button class="button" type="submit">
            {escapeHtml(ctx.t('preferences.save'))}
          </button>
        </p>
      </form>
    </Layout>
  );
}
