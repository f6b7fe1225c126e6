import { escapeHtml } from '@kitajs/html';
import { formatDateTime } from '../../../core/i18n/index.js';
import { DataTable, ErrorSummary, Field, Notice, type FieldErrors } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { href, Layout } from '../../../core/views/layout.js';
import { browserLabel, type ProfessionalStatus, type SessionView } from '../model.js';

export interface AccountHomeData {
  readonly email: string;
  readonly name: string;
  readonly professional: { readonly status: ProfessionalStatus; readonly slug: string; readonly hasPhoto: boolean } | null;
}

/** The member's home: links to their sessions, their details, a professional application's state. */
export function AccountPage({ ctx, data, values, errors, notice }: { ctx: ViewContext; data: AccountHomeData; values?: Record<string, string>; errors?: FieldErrors | undefined; notice?: string | undefined }): JSX.Element {
  const pro = data.professional;
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('account.title'), noindex: true }}>
      <h1>{escapeHtml(ctx.t('account.title'))}</h1>
      <Notice message={notice} />
      <p>{escapeHtml(ctx.t('account.signedInAs', { email: data.email }))}</p>
      {pro?.status === 'approved' ? (
        <p>
          <span class="badge badge-verified">{escapeHtml(ctx.t('professional.verified'))}</span> {escapeHtml(ctx.t('account.professionalApproved'))}{' '}
          <a href={href(ctx, `/professionals/${pro.slug}`)}>{escapeHtml(ctx.t('account.professionalProfile'))}</a>
        </p>
      ) : pro?.status === 'pending' ? (
        <p class="notice notice-info">{escapeHtml(ctx.t('account.professionalPending'))}</p>
      ) : pro?.status === 'rejected' ? (
        <p class="notice notice-warning">{escapeHtml(ctx.t('account.professionalRejected'))}</p>
      ) : (
        ''
      )}
      {pro ? (
        <form method="post" action={href(ctx, '/account/photo')} enctype="multipart/form-data" class="narrow" novalidate>
          <div class={errors?.photo ? 'field has-error' : 'field'}>
            <label for="field-photo">{escapeHtml(ctx.t(pro.hasPhoto ? 'professional.photoReplace' : 'professional.photo'))}</label>
            <p class="hint" id="field-photo-hint">
              {escapeHtml(ctx.t('professional.photoHint'))}
            </p>
            {errors?.photo ? (
              <p class="error" id="field-photo-error" safe>
                {errors.photo}
              </p>
            ) : (
              ''
            )}
            <input type="file" id="field-photo" name="photo" accept="image/jpeg,image/png,image/webp" aria-describedby={errors?.photo ? 'field-photo-hint field-photo-error' : 'field-photo-hint'} required />
          </div>
          <p class="form-actions">
            <button class="button secondary" type="submit">
              {escapeHtml(ctx.t('professional.photoSubmit'))}
            </button>
          </p>
        </form>
      ) : (
        ''
      )}
      <ul class="plain-list">
        <li>
          <a href={href(ctx, '/account/sessions')}>{escapeHtml(ctx.t('account.sessionsLink'))}</a>
        </li>
        <li>
          <a href={href(ctx, '/account/preferences')}>{escapeHtml(ctx.t('account.preferencesLink'))}</a>
        </li>
        <li>
          <a href={href(ctx, '/account/two-factor')}>{escapeHtml(ctx.t('account.twoFactorLink'))}</a>
        </li>
        <li>
          <a href={href(ctx, '/account/passkeys')}>{escapeHtml(ctx.t('account.passkeysLink'))}</a>
        </li>
        <li>
          <a href={href(ctx, '/account/privacy')}>{escapeHtml(ctx.t('myPrivacy.link'))}</a>
        </li>
        <li>
          <a href={href(ctx, '/account/forgot')}>{escapeHtml(ctx.t('account.password'))}</a>
        </li>
      </ul>
      <h2>{escapeHtml(ctx.t('account.details'))}</h2>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={href(ctx, '/account/profile')} novalidate class="narrow">
        <Field name="name" label={ctx.t('account.name')} value={values?.name ?? data.name} error={errors?.name} autocomplete="name" required maxlength={120} />
        <p class="form-actions">
          <button class="button" type="submit">
            {escapeHtml(ctx.t('account.save'))}
          </button>
        </p>
      </form>
      <p>
        {escapeHtml(ctx.t('account.languageElsewhere'))} <a href={href(ctx, '/account/preferences')}>{escapeHtml(ctx.t('account.languageLink'))}</a>
      </p>
      <h2>{escapeHtml(ctx.t('emailChange.title'))}</h2>
      <p>{escapeHtml(ctx.t('emailChange.intro'))}</p>
      <form method="post" action={href(ctx, '/account/email')} novalidate class="narrow">
        <Field name="newEmail" type="email" label={ctx.t('emailChange.newEmail')} value={values?.newEmail} error={errors?.newEmail} autocomplete="email" required maxlength={254} />
        <Field name="currentPassword" type="password" label={ctx.t('emailChange.password')} error={errors?.currentPassword} autocomplete="current-password" required />
        <p class="form-actions">
          <button class="button secondary" type="submit">
            {escapeHtml(ctx.t('emailChange.submit'))}
          </button>
        </p>
      </form>
    </Layout>
  );
}

/** The signed-in person's sessions, each with its own sign-out button; "this device" marked. */
export function SessionsPage({ ctx, sessions, notice }: { ctx: ViewContext; sessions: readonly SessionView[]; notice?: string | undefined }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('sessions.title'), noindex: true }}>
      <h1>{escapeHtml(ctx.t('sessions.title'))}</h1>
      <Notice message={notice} />
      <p>{escapeHtml(ctx.t('sessions.intro'))}</p>
      <DataTable caption={ctx.t('sessions.caption')} columns={[ctx.t('sessions.device'), ctx.t('sessions.created'), ctx.t('sessions.lastSeen'), ctx.t('sessions.actions')]}>
        {sessions.map((s) => (
          <tr>
            <td>
              <span safe>{browserLabel(ctx.t, s)}</span>
              {s.current ? (
                <>
                  {' '}
                  <strong class="badge">{escapeHtml(ctx.t('sessions.current'))}</strong>
                </>
              ) : (
                ''
              )}
            </td>
            <td safe>{formatDateTime(ctx.locale, s.createdAt)}</td>
            <td safe>{formatDateTime(ctx.locale, s.lastSeenAt)}</td>
            <td>
              <form method="post" action={href(ctx, `/account/sessions/${s.id}/revoke`)}>
                <button type="submit" class="button small secondary" aria-label={`${ctx.t('sessions.signOut')}: ${browserLabel(ctx.t, s)}, ${formatDateTime(ctx.locale, s.createdAt)}`}>
                  {escapeHtml(ctx.t('sessions.signOut'))}
                </button>
              </form>
            </td>
          </tr>
        ))}
      </DataTable>
      <form method="post" action={href(ctx, '/account/sessions/revoke-all')} class="form-actions">
        <button type="submit" class="button danger">
          {escapeHtml(ctx.t('sessions.signOutEverywhere'))}
        </button>
      </form>
    </Layout>
  );
}
