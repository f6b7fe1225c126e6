import { escapeHtml } from '@kitajs/html';
import { formatDateTime, type MessageKey } from '../../../core/i18n/index.js';
import { CONSENT_CATEGORIES, type Consent } from '../../../core/http/consent.js';
import { DataTable, Notice } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout, href } from '../../../core/views/layout.js';
import type { ConsentRecord } from '../service.js';

/** The cookies this site sets, all strictly necessary: the list the center shows. */
function necessaryCookies(ageGate: boolean): { name: string; purpose: MessageKey; lasts: MessageKey }[] {
  return [
    { name: 'sutura_session', purpose: 'consent.cookie.session', lasts: 'consent.cookie.sessionLasts' },
    { name: 'sutura_consent', purpose: 'consent.cookie.consent', lasts: 'consent.cookie.yearLasts' },
    ...(ageGate ? [{ name: 'sutura_age', purpose: 'consent.cookie.age' as MessageKey, lasts: 'consent.cookie.yearLasts' as MessageKey }] : []),
  ];
}

export function PrivacyCenterPage({ ctx, consent, latest, ageGate, notice }: { ctx: ViewContext; consent: Consent; latest: ConsentRecord | null; ageGate: boolean; notice?: string | undefined }): JSX.Element {
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
          {necessaryCookies(ageGate).map((cookie) => (
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
        <p>
          {escapeHtml(ctx.t('center.rightsHow'))}{' '}
          <a href={`mailto:${ctx.practice.email}`} safe>
            {ctx.practice.email}
          </a>
        </p>
        <p>
          <a href={href(ctx, '/privacy')}>{escapeHtml(ctx.t('nav.privacy'))}</a>
        </p>
      </section>
    </Layout>
  );
}
