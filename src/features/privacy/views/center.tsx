import { escapeHtml } from '@kitajs/html';
import { formatDateTime, type MessageKey } from '../../../core/i18n/index.js';
import { CONSENT_CATEGORIES, type Consent } from '../../../core/http/consent.js';
import { ChoiceGroup, DataTable, ErrorSummary, Field, type FieldErrors, Honeypot, Notice, Select } from '../../../core/views/components.js';
import { JURISDICTIONS, REQUEST_KINDS } from '../model.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout, href } from '../../../core/views/layout.js';
import type { ConsentRecord } from '../service.js';
import type { DeclaredCookie } from '../../../core/http/cookies.js';

/** The cookies this site sets, all strictly necessary: the list the center shows. */
/** A rights request, for anyone: confirmed by an emailed link before it reaches the officer. */
function RequestForm({ ctx, values = {}, errors }: { ctx: ViewContext; values?: Record<string, string>; errors?: FieldErrors | undefined }): JSX.Element {
  return (
    <form method="post" action={href(ctx, '/privacy/requests')} class="narrow" novalidate>
      <ErrorSummary ctx={ctx} errors={errors} />
      <ChoiceGroup type="radio" name="kind" label={ctx.t('rights.kind')} options={REQUEST_KINDS.map((kind) => ({ value: kind, label: ctx.t(`rights.kind.${kind}` as MessageKey) }))} checked={values.kind ? [values.kind] : []} error={errors?.kind} />
      <Field name="name" label={ctx.t('rights.name')} value={values.name} error={errors?.name} autocomplete="name" required maxlength={120} />
      <Field name="email" type="email" label={ctx.t('rights.email')} hint={ctx.t('rights.emailHint')} value={values.email} error={errors?.email} autocomplete="email" required maxlength={254} />
      <Select
        name="jurisdiction"
        label={ctx.t('rights.jurisdiction')}
        options={JURISDICTIONS.map((j) => ({ value: j, label: ctx.t(`rights.jurisdiction.${j}` as MessageKey) }))}
        value={values.jurisdiction}
        error={errors?.jurisdiction}
      />
      <Field name="details" label={ctx.t('rights.details')} hint={ctx.t('rights.detailsHint')} value={values.details} error={errors?.details} multiline rows={5} maxlength={5000} />
      <Honeypot ctx={ctx} />
      <p class="hint">{escapeHtml(ctx.t('rights.transfer'))}</p>
      <p class="form-actions">
        <button class="button" type="submit">
          {escapeHtml(ctx.t('rights.submit'))}
        </button>
      </p>
    </form>
  );
}

export function PrivacyCenterPage(p: {
  ctx: ViewContext;
  consent: Consent;
  latest: ConsentRecord | null;
  /** The cookies the site sets (core/http/cookies.ts). */
  cookies: readonly DeclaredCookie[];
  notice?: string | undefined;
  request?: { values?: Record<string, string>; errors?: FieldErrors };
}): JSX.Element {
  const { ctx, consent, latest, cookies, notice } = p;
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('center.title'), description: ctx.t('center.intro') }}>
      <h1>{escapeHtml(ctx.t('center.title'))}</h1>
      <Notice message={notice} />
      <p class="lead">{escapeHtml(ctx.t('center.intro'))}</p>

      <section id="cookies" aria-labelledby="cookies-heading">
        <h2 id="cookies-heading">{escapeHtml(ctx.t('consent.heading'))}</h2>
        <p>
          {escapeHtml(
            latest
              ? ctx.t('consent.current', { date: formatDateTime(ctx.locale, latest.createdAt) })
              : ctx.t(consent.decided ? 'consent.currentUnknown' : 'consent.none'),
          )}
        </p>
        {consent.optOutSignal ? <p class="notice notice-info">{escapeHtml(ctx.t('consent.signal'))}</p> : ''}
        <form method="post" action={href(ctx, '/privacy/consent')} class="narrow">
          <fieldset>
            <legend>{escapeHtml(ctx.t('consent.categories'))}</legend>
            <ul class="checkbox-list consent-categories">
              <li>
                <input type="checkbox" id="consent-necessary" checked disabled aria-describedby="consent-necessary-about" />
                <label for="consent-necessary">
                  <span>{escapeHtml(ctx.t('consent.necessary'))}</span>
                  <span class="hint" id="consent-necessary-about">
                    {escapeHtml(ctx.t('consent.necessaryAbout'))}
                  </span>
                </label>
              </li>
              {CONSENT_CATEGORIES.map((category) => (
                <li>
                  <input
                    type="checkbox"
                    id={`consent-${category}`}
                    name={category}
                    checked={consent[category]}
                    disabled={category === 'advertising' && consent.optOutSignal}
                    aria-describedby={`consent-${category}-about`}
                  />
                  <label for={`consent-${category}`}>
                    <span>{escapeHtml(ctx.t(`consent.${category}` as MessageKey))}</span>
                    <span class="hint" id={`consent-${category}-about`}>
                      {escapeHtml(`${ctx.t(`consent.${category}About` as MessageKey)} ${ctx.t('consent.notUsedYet')}`)}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <p class="form-actions consent-actions">
            <button type="submit" class="button" name="choice" value="save">
              {escapeHtml(ctx.t('consent.save'))}
            </button>
            <button type="submit" class="button secondary" name="choice" value="accept">
              {escapeHtml(ctx.t('consent.acceptAll'))}
            </button>
            <button type="submit" class="button secondary" name="choice" value="reject">
              {escapeHtml(ctx.t('consent.rejectAll'))}
            </button>
          </p>
        </form>
        <h3>{escapeHtml(ctx.t('consent.inUse'))}</h3>
        <DataTable caption={ctx.t('consent.inUse')} columns={[ctx.t('consent.colName'), ctx.t('consent.colPurpose'), ctx.t('consent.colLasts')]}>
          {cookies.map((cookie) => (
            <tr>
              <td>
                <code safe>{cookie.name}</code>
              </td>
              <td>{escapeHtml(ctx.t(cookie.purpose))}</td>
              <td>{escapeHtml(ctx.t(cookie.lasts))}</td>
            </tr>
          ))}
        </DataTable>
      </section>

      <section id="rights" aria-labelledby="rights-heading">
        <h2 id="rights-heading">{escapeHtml(ctx.t('center.rights'))}</h2>
        <p>{escapeHtml(ctx.t('center.rightsText'))}</p>
        {ctx.actor ? (
          <p class="notice notice-info">
            {escapeHtml(ctx.t('center.signedIn'))} <a href={href(ctx, '/account/privacy')}>{escapeHtml(ctx.t('myPrivacy.title'))}</a>
          </p>
        ) : (
          ''
        )}
        <RequestForm ctx={ctx} values={p.request?.values} errors={p.request?.errors} />
        <p>
          {escapeHtml(ctx.t('center.rightsHow'))}{' '}
          <a href={`mailto:${ctx.practice.email}`} safe>
            {ctx.practice.email}
          </a>
        </p>
        <p>
          <a href={href(ctx, '/privacy')}>{escapeHtml(ctx.t('nav.privacy'))}</a>
        </p>
        <p>
          <a href={href(ctx, '/privacy/california')}>{escapeHtml(ctx.t('nav.californiaRights'))}</a>
        </p>
      </section>
    </Layout>
  );
}

/** The link in the confirmation email: one button, so a mail scanner confirms nothing. */
export function ConfirmRequestPage({ ctx, token, kind }: { ctx: ViewContext; token: string | null; kind?: string }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('rights.confirmTitle'), noindex: true }}>
      <h1>{escapeHtml(ctx.t('rights.confirmTitle'))}</h1>
      {token && kind ? (
        <form method="post" action={href(ctx, '/privacy/requests/confirm')}>
          <input type="hidden" name="token" value={token} />
          <p>{escapeHtml(ctx.t('rights.confirmIntro', { kind: ctx.t(`rights.kind.${kind}` as MessageKey) }))}</p>
          <p class="form-actions">
            <button class="button" type="submit">
              {escapeHtml(ctx.t('rights.confirmButton'))}
            </button>
          </p>
        </form>
      ) : (
        <p>{escapeHtml(ctx.t('rights.linkExpired'))}</p>
      )}
    </Layout>
  );
}
