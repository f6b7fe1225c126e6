import { escapeHtml } from '@kitajs/html';
import { Notice } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout, href } from '../../../core/views/layout.js';
import type { SetupDetails } from '../service.js';

function CodeField({ ctx, error, id = 'field-code' }: { ctx: ViewContext; error?: string | undefined; id?: string }): JSX.Element {
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{escapeHtml(ctx.t('twoFactor.code'))}</label>
      <p class="hint" id={`${id}-hint`}>
        {escapeHtml(ctx.t('twoFactor.codeHint'))}
      </p>
      {error ? (
        <p class="error" id={`${id}-error`} role="alert" safe>
          {error}
        </p>
      ) : (
        ''
      )}
      <input
        id={id}
        name="code"
        inputmode="numeric"
        autocomplete="one-time-code"
        maxlength="40"
        required
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
      />
    </div>
  );
}

/** The person's second factor: on or off, recovery codes left, and what they may do. */
export function TwoFactorPage(p: { ctx: ViewContext; enabled: boolean; required: boolean; mustEnrol?: boolean; recoveryLeft: number; notice?: string | undefined; error?: string | undefined; errorFor?: 'regenerate' | 'disable' }): JSX.Element {
  const { ctx } = p;
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('twoFactor.title'), noindex: true }}>
      <h1>{escapeHtml(ctx.t('twoFactor.title'))}</h1>
      <Notice message={p.notice} />
      <p class="lead">{escapeHtml(ctx.t('twoFactor.intro'))}</p>
      {p.mustEnrol ? (
        <div class="notice notice-warning" role="status">
          <p>{escapeHtml(ctx.t('twoFactor.enrolFirst'))}</p>
          <p>
            <a href={href(ctx, '/account/passkeys')}>{escapeHtml(ctx.t('twoFactor.enrolPasskey'))}</a>
          </p>
        </div>
      ) : p.required ? (
        <p class="notice notice-info">{escapeHtml(ctx.t('twoFactor.required'))}</p>
      ) : (
        ''
      )}
      {p.enabled ? (
        <>
          <p>
            <strong>{escapeHtml(ctx.t('twoFactor.on'))}</strong> {escapeHtml(ctx.t('twoFactor.recoveryLeft', { count: p.recoveryLeft }))}
          </p>
          <section aria-labelledby="regenerate-heading">
            <h2 id="regenerate-heading">{escapeHtml(ctx.t('twoFactor.regenerateTitle'))}</h2>
            <form method="post" action={href(ctx, '/account/two-factor/recovery-codes')} class="narrow" novalidate>
              <CodeField ctx={ctx} id="field-regenerate-code" error={p.errorFor === 'regenerate' ? p.error : undefined} />
              <p class="form-actions">
                <button class="button secondary" type="submit">
                  {escapeHtml(ctx.t('twoFactor.regenerate'))}
                </button>
              </p>
            </form>
          </section>
          {p.required ? (
            ''
          ) : (
            <section aria-labelledby="disable-heading">
              <h2 id="disable-heading">{escapeHtml(ctx.t('twoFactor.disableTitle'))}</h2>
              <form method="post" action={href(ctx, '/account/two-factor/disable')} class="narrow" novalidate>
                <CodeField ctx={ctx} id="field-disable-code" error={p.errorFor === 'disable' ? p.error : undefined} />
                <p class="form-actions">
                  <button class="button secondary" type="submit">
                    {escapeHtml(ctx.t('twoFactor.disable'))}
                  </button>
                </p>
              </form>
            </section>
          )}
        </>
      ) : (
        <form method="post" action={href(ctx, '/account/two-factor/setup')}>
          <p>{escapeHtml(ctx.t('twoFactor.off'))}</p>
          <p class="form-actions">
            <button class="button" type="submit">
              {escapeHtml(ctx.t('twoFactor.start'))}
            </button>
          </p>
        </form>
      )}
    </Layout>
  );
}

/** Scan the QR code (or type the secret), then prove it with a first code. */
export function SetupPage({ ctx, setup, error }: { ctx: ViewContext; setup: SetupDetails; error?: string | undefined }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('twoFactor.setupTitle'), noindex: true }}>
      <h1>{escapeHtml(ctx.t('twoFactor.setupTitle'))}</h1>
      <ol class="steps">
        <li>{escapeHtml(ctx.t('twoFactor.stepApp'))}</li>
        <li>
          {escapeHtml(ctx.t('twoFactor.stepScan'))}
          <div class="qr" role="img" aria-label={ctx.t('twoFactor.qrLabel')}>
            {setup.qrSvg as 'safe'}
          </div>
          <p>
            {escapeHtml(ctx.t('twoFactor.stepType'))} <code class="secret" safe>{setup.secret}</code>
          </p>
        </li>
        <li>{escapeHtml(ctx.t('twoFactor.stepCode'))}</li>
      </ol>
      <form method="post" action={href(ctx, '/account/two-factor/confirm')} class="narrow" novalidate>
        <CodeField ctx={ctx} error={error} />
        <p class="form-actions">
          <button class="button" type="submit">
            {escapeHtml(ctx.t('twoFactor.confirm'))}
          </button>
        </p>
      </form>
    </Layout>
  );
}

/** Recovery codes, shown once: the person writes them down or stores them in a password manager. */
export function RecoveryCodesPage({ ctx, codes }: { ctx: ViewContext; codes: readonly string[] }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('twoFactor.codesTitle'), noindex: true }}>
      <h1>{escapeHtml(ctx.t('twoFactor.codesTitle'))}</h1>
      <p class="notice notice-warning" role="status">
        {escapeHtml(ctx.t('twoFactor.codesOnce'))}
      </p>
      <ul class="recovery-codes">
        {codes.map((code) => (
          <li>
            <code safe>{code}</code>
          </li>
        ))}
      </ul>
      <p>{escapeHtml(ctx.t('twoFactor.codesHow'))}</p>
      <p>
        <a class="button" href={href(ctx, '/account/two-factor')}>
          {escapeHtml(ctx.t('twoFactor.codesDone'))}
        </a>
      </p>
    </Layout>
  );
}

/** The second step of signing in. */
export function VerifyPage({ ctx, next, error }: { ctx: ViewContext; next?: string | undefined; error?: string | undefined }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('twoFactor.verifyTitle'), noindex: true }}>
      <h1>{escapeHtml(ctx.t('twoFactor.verifyTitle'))}</h1>
      <p>{escapeHtml(ctx.t('twoFactor.verifyIntro'))}</p>
      <form method="post" action={href(ctx, '/account/two-factor/verify')} class="narrow" novalidate>
        {next ? <input type="hidden" name="next" value={next} /> : ''}
        <CodeField ctx={ctx} error={error} />
        <p class="hint">{escapeHtml(ctx.t('twoFactor.verifyRecovery'))}</p>
        <p class="form-actions">
          <button class="button" type="submit">
            {escapeHtml(ctx.t('twoFactor.verifySubmit'))}
          </button>
        </p>
      </form>
    </Layout>
  );
}
