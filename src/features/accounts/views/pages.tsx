import { escapeHtml } from '@kitajs/html';
import { ErrorSummary, Field, type FieldErrors } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/layout.js';
import { PasskeySignIn } from '../../passkeys/views/pages.js';

export function SignInPage({ ctx, values = {}, errors, next }: { ctx: ViewContext; values?: Record<string, string>; errors?: FieldErrors; next?: string | undefined }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('signIn.title'), noindex: true, scripts: ['js/passkeys.js'] }}>
      <h1>{escapeHtml(ctx.t('signIn.title'))}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action="/account/sign-in" novalidate class="narrow">
        {next ? <input type="hidden" name="next" value={next} /> : ''}
        <Field name="email" type="email" label={ctx.t('signIn.email')} value={values.email} error={errors?.email} autocomplete="username" required />
        <Field name="password" type="password" label={ctx.t('signIn.password')} error={errors?.password} autocomplete="current-password" required />
        <p class="form-actions">
          <button class="button" type="submit">
            {escapeHtml(ctx.t('signIn.submit'))}
          </button>
        </p>
      </form>
      <PasskeySignIn ctx={ctx} />
    </Layout>
  );
}

export function SetupPage({ ctx, token, email, values = {}, errors }: { ctx: ViewContext; token: string; email: string | null; values?: Record<string, string>; errors?: FieldErrors }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('setup.title'), noindex: true }}>
      <h1>{escapeHtml(ctx.t('setup.title'))}</h1>
      <p class="lead">{escapeHtml(ctx.t('setup.intro'))}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action="/account/setup" novalidate class="narrow">
        <input type="hidden" name="token" value={token} />
        <Field name="name" label={ctx.t('setup.name')} value={values.name} error={errors?.name} autocomplete="name" required />
        <Field name="email" type="email" label={ctx.t('setup.email')} value={values.email ?? email ?? ''} error={errors?.email} autocomplete="username" required />
        <Field name="password" type="password" label={ctx.t('setup.password')} hint={ctx.t('setup.passwordHint')} error={errors?.password} autocomplete="new-password" required />
        <Field name="confirm" type="password" label={ctx.t('setup.confirm')} error={errors?.confirm} autocomplete="new-password" required />
        <p class="form-actions">
          <button class="button" type="submit">
            {escapeHtml(ctx.t('setup.submit'))}
          </button>
        </p>
      </form>
    </Layout>
  );
}

export function InvalidLinkPage({ ctx }: { ctx: ViewContext }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('setup.invalidTitle'), noindex: true }}>
      <h1>{escapeHtml(ctx.t('setup.invalidTitle'))}</h1>
      <p>{escapeHtml(ctx.t('setup.invalid'))}</p>
    </Layout>
  );
}
