import { escapeHtml } from '@kitajs/html';
import { ErrorSummary, Field, Notice, type FieldErrors } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { href, Layout } from '../../../core/views/layout.js';
import { PasskeySignIn } from '../../passkeys/views/pages.js';

export function SignInPage({
  ctx,
  values = {},
  errors,
  next,
  notice,
  rememberDays,
}: {
  ctx: ViewContext;
  values?: Record<string, string>;
  errors?: FieldErrors;
  next?: string | undefined;
  notice?: string | undefined;
  rememberDays: number;
}): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('signIn.title'), noindex: true, scripts: ['js/passkeys.js'] }}>
      <h1>{escapeHtml(ctx.t('signIn.title'))}</h1>
      <Notice message={notice} />
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={href(ctx, '/account/sign-in')} novalidate class="narrow">
        {next ? <input type="hidden" name="next" value={next} /> : ''}
        <Field name="email" type="email" label={ctx.t('signIn.email')} value={values.email} error={errors?.email} autocomplete="username" required maxlength={254} />
        <Field name="password" type="password" label={ctx.t('signIn.password')} error={errors?.password} autocomplete="current-password" required />
        <div class="checkbox-list">
          <div>
            <input type="checkbox" id="field-remember" name="remember" value="on" checked={values.remember === 'on'} aria-describedby="field-remember-hint" />
            <label for="field-remember">{escapeHtml(ctx.t('signIn.remember', { days: rememberDays }))}</label>
          </div>
          <p class="hint" id="field-remember-hint">
            {escapeHtml(ctx.t('signIn.rememberHint'))}
          </p>
        </div>
        <p class="form-actions">
          <button class="button" type="submit">
            {escapeHtml(ctx.t('signIn.submit'))}
          </button>
        </p>
      </form>
      <ul class="plain-list">
        <li>
          <a href={href(ctx, '/account/forgot')}>{escapeHtml(ctx.t('signIn.forgot'))}</a>
        </li>
        <li>
          <a href={href(ctx, '/account/verify/resend')}>{escapeHtml(ctx.t('signIn.resend'))}</a>
        </li>
        <li>
          <a href={href(ctx, '/account/register')}>{escapeHtml(ctx.t('signIn.register'))}</a>
        </li>
      </ul>
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

/** A page that says one thing: a title, paragraphs and links onward. */
export function MessagePage({ ctx, title, paragraphs, links = [] }: { ctx: ViewContext; title: string; paragraphs: readonly string[]; links?: readonly { href: string; label: string }[] }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title, noindex: true }}>
      <h1 safe>{title}</h1>
      {paragraphs.map((p) => (
        <p safe>{p}</p>
      ))}
      {links.length ? (
        <ul class="plain-list">
          {links.map((l) => (
            <li>
              <a href={l.href} safe>
                {l.label}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        ''
      )}
    </Layout>
  );
}

/** A form with one email field (forgot password, resend the confirmation email). */
export function EmailFormPage({ ctx, title, intro, action, submit, values = {}, errors, sent }: { ctx: ViewContext; title: string; intro: string; action: string; submit: string; values?: Record<string, string>; errors?: FieldErrors | undefined; sent?: string | undefined }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title, noindex: true }}>
      <h1 safe>{title}</h1>
      <Notice message={sent} />
      <p safe>{intro}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={href(ctx, action)} novalidate class="narrow">
        <Field name="email" type="email" label={ctx.t('register.email')} value={values.email} error={errors?.email} autocomplete="email" required maxlength={254} />
        <p class="form-actions">
          <button class="button" type="submit" safe>
            {submit}
          </button>
        </p>
      </form>
    </Layout>
  );
}

/**
 * A link from an email opens a page with one button, so a mail scanner that follows links
 * changes nothing. Without a usable token, the page says so and where to go next.
 */
export function ConfirmLinkPage({ ctx, title, intro, button, action, token, invalid, again }: { ctx: ViewContext; title: string; intro: string; button: string; action: string; token: string | null; invalid: string; again: { href: string; label: string } }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title, noindex: true }}>
      <h1 safe>{title}</h1>
      {token ? (
        <form method="post" action={href(ctx, action)}>
          <input type="hidden" name="token" value={token} />
          <p safe>{intro}</p>
          <p class="form-actions">
            <button class="button" type="submit" safe>
              {button}
            </button>
          </p>
        </form>
      ) : (
        <>
          <p safe>{invalid}</p>
          <p>
            <a href={again.href} safe>
              {again.label}
            </a>
          </p>
        </>
      )}
    </Layout>
  );
}

/** Confirming an email address after registration. */
export function VerifyPage({ ctx, token }: { ctx: ViewContext; token: string | null }): JSX.Element {
  return ConfirmLinkPage({
    ctx,
    title: ctx.t('verify.title'),
    intro: ctx.t('verify.intro'),
    button: ctx.t('verify.button'),
    action: '/account/verify',
    token,
    invalid: ctx.t('verify.invalid'),
    again: { href: href(ctx, '/account/verify/resend'), label: ctx.t('resend.title') },
  });
}

/** Confirming a new address for an existing account. */
export function EmailChangePage({ ctx, token, invalid }: { ctx: ViewContext; token: string | null; invalid?: string }): JSX.Element {
  return ConfirmLinkPage({
    ctx,
    title: ctx.t('emailChange.confirmTitle'),
    intro: ctx.t('emailChange.confirmIntro'),
    button: ctx.t('emailChange.confirmButton'),
    action: '/account/email/confirm',
    token,
    invalid: invalid ?? ctx.t('emailChange.invalid'),
    again: { href: href(ctx, '/account'), label: ctx.t('account.title') },
  });
}

export function ResetPage({ ctx, token, staff, errors }: { ctx: ViewContext; token: string | null; staff: boolean; errors?: FieldErrors | undefined }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('reset.title'), noindex: true }}>
      <h1>{escapeHtml(ctx.t('reset.title'))}</h1>
      {token ? (
        <>
          <ErrorSummary ctx={ctx} errors={errors} />
          <form method="post" action={href(ctx, '/account/reset')} novalidate class="narrow">
            <input type="hidden" name="token" value={token} />
            <Field
              name="password"
              type="password"
              label={ctx.t('reset.password')}
              hint={staff ? ctx.t('reset.hintStaff') : ctx.t('register.passwordHint')}
              error={errors?.password ?? errors?.token}
              autocomplete="new-password"
              required
            />
            <p class="form-actions">
              <button class="button" type="submit">
                {escapeHtml(ctx.t('reset.submit'))}
              </button>
            </p>
          </form>
        </>
      ) : (
        <>
          <p>{escapeHtml(ctx.t('reset.invalid'))}</p>
          <p>
            <a href={href(ctx, '/account/forgot')}>{escapeHtml(ctx.t('reset.again'))}</a>
          </p>
        </>
      )}
    </Layout>
  );
}
