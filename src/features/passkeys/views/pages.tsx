import { escapeHtml } from '@kitajs/html';
import { formatDateTime } from '../../../core/i18n/index.js';
import { Notice } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout, href } from '../../../core/views/layout.js';
import type { Passkey } from '../service.js';

/** The person's passkeys, with adding (scripted: the browser's WebAuthn API) and removing. */
export function PasskeysPage({ ctx, passkeys, notice }: { ctx: ViewContext; passkeys: readonly Passkey[]; notice?: string | undefined }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('passkeys.title'), noindex: true, scripts: ['js/passkeys.js'] }}>
      <h1>{escapeHtml(ctx.t('passkeys.title'))}</h1>
      <Notice message={notice} />
      <p class="lead">{escapeHtml(ctx.t('passkeys.intro'))}</p>
      {passkeys.length ? (
        <ul class="plain-list">
          {passkeys.map((p) => (
            <li>
              <strong safe>{p.name}</strong>{' '}
              <span class="hint">
                {escapeHtml(ctx.t('passkeys.addedOn', { date: formatDateTime(ctx.locale, p.createdAt) }))}
                {p.lastUsedAt ? ` · ${escapeHtml(ctx.t('passkeys.lastUsed', { date: formatDateTime(ctx.locale, p.lastUsedAt) }))}` : ''}
              </span>
              <form method="post" action={href(ctx, `/account/passkeys/${encodeURIComponent(p.id)}/delete`)} class="inline-form" data-confirm={ctx.t('passkeys.removeConfirm')}>
                <button class="link-button" type="submit">
                  {escapeHtml(ctx.t('passkeys.remove', { name: p.name }))}
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p>{escapeHtml(ctx.t('passkeys.none'))}</p>
      )}
      <form class="narrow" data-passkey-register={href(ctx, '/account/passkeys')} hidden>
        <div class="field">
          <label for="field-passkey-name">{escapeHtml(ctx.t('passkeys.name'))}</label>
          <p class="hint" id="field-passkey-name-hint">
            {escapeHtml(ctx.t('passkeys.nameHint'))}
          </p>
          <input id="field-passkey-name" name="name" maxlength="80" autocomplete="off" aria-describedby="field-passkey-name-hint" />
        </div>
        <p class="error" role="alert" data-passkey-error></p>
        <p class="form-actions">
          <button class="button" type="submit">
            {escapeHtml(ctx.t('passkeys.add'))}
          </button>
        </p>
      </form>
      <p class="hint" data-passkey-unsupported>
        {escapeHtml(ctx.t('passkeys.unsupported'))}
      </p>
    </Layout>
  );
}

/** "Sign in with a passkey": shown by script where the browser supports passkeys. */
export function PasskeySignIn({ ctx }: { ctx: ViewContext }): JSX.Element {
  return (
    <div class="passkey-sign-in" data-passkey-sign-in={href(ctx, '/account/passkey')} hidden>
      <p>{escapeHtml(ctx.t('passkeys.or'))}</p>
      <button class="button secondary" type="button">
        {escapeHtml(ctx.t('passkeys.signIn'))}
      </button>
      <p class="error" role="alert" data-passkey-error></p>
    </div>
  );
}
