import { escapeHtml } from '@kitajs/html';
import type { Children } from '@kitajs/html';
import { LOCALES, localizePath, type Locale } from '../i18n/index.js';
import { assetUrl } from './assets.js';
import { Honeypot } from './components.js';
import type { PageMeta, ViewContext } from './context.js';

/** A localized link target for the current language. */
export function href(ctx: ViewContext, path: string): string {
  return localizePath(ctx.locale, path);
}

/** An absolute URL of a language-neutral path in a given language. */
export function absoluteUrl(ctx: ViewContext, path: string, locale: Locale = ctx.locale): string {
  return `${ctx.publicUrl}${localizePath(locale, path)}`;
}

/** Structured data as the text of a <script type="application/ld+json">: `<` escaped so it cannot close the tag. */
export function toJsonLd(value: unknown): string {
  return JSON.stringify(value).replace(/[<\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', es: 'Español' };

function LanguageSwitcher({ ctx, locales }: { ctx: ViewContext; locales: readonly Locale[] }): JSX.Element {
  return (
    <nav class="languages" aria-label={ctx.t('layout.languages')}>
      <ul>
        {LOCALES.map((locale) =>
          locale === ctx.locale ? (
            <li>
              <span aria-current="true" lang={locale}>
                {escapeHtml(LANGUAGE_NAMES[locale])}
              </span>
            </li>
          ) : (
            <li>
              <a href={localizePath(locale, locales.includes(locale) ? ctx.path : '/')} hreflang={locale} lang={locale}>
                {escapeHtml(LANGUAGE_NAMES[locale])}
              </a>
            </li>
          ),
        )}
      </ul>
    </nav>
  );
}

function SiteNav({ ctx }: { ctx: ViewContext }): JSX.Element {
  const items: [string, string][] = [
    ['/guides', ctx.t('nav.guides')],
    ['/consultation', ctx.t('nav.consultation')],
    ['/contact', ctx.t('nav.contact')],
    ['/search', ctx.t('nav.search')],
  ];
  return (
    <nav class="site-nav" aria-label={ctx.t('layout.mainNav')}>
      <ul>
        {items.map(([path, label]) => (
          <li>
            <a href={href(ctx, path)} aria-current={ctx.path === path || ctx.path.startsWith(`${path}/`) ? 'page' : undefined}>
              {escapeHtml(label)}
            </a>
          </li>
        ))}
        {ctx.actor?.isStaff ? (
          <li>
            <a href="/admin">{escapeHtml(ctx.t('nav.admin'))}</a>
          </li>
        ) : (
          ''
        )}
        <li>
          {ctx.actor ? (
            <a href={href(ctx, '/account')} aria-current={ctx.path === '/account' || ctx.path.startsWith('/account/') ? 'page' : undefined}>
              {escapeHtml(ctx.t('nav.account'))}
            </a>
          ) : (
            <a href={href(ctx, '/account/sign-in')} aria-current={ctx.path === '/account/sign-in' ? 'page' : undefined}>
              {escapeHtml(ctx.t('nav.signIn'))}
            </a>
          )}
        </li>
      </ul>
    </nav>
  );
}

function AdminNav({ ctx }: { ctx: ViewContext }): JSX.Element {
  const items = (
    [
      ['/admin', ctx.t('admin.nav.dashboard'), 'admin.dashboard'],
      ['/admin/guides', ctx.t('admin.nav.guides'), 'guides.manage'],
      ['/admin/guides/import', ctx.t('admin.nav.import'), 'guides.import'],
      ['/admin/contact', ctx.t('admin.nav.contact'), 'contact.manage'],
      ['/admin/consultations', ctx.t('admin.nav.consultations'), 'consultation.manage'],
      ['/admin/newsletters', ctx.t('admin.nav.newsletters'), 'newsletter.manage'],
      ['/admin/privacy', ctx.t('admin.nav.privacy'), 'privacy.requests'],
      ['/admin/newsletters/subscribers', ctx.t('admin.nav.subscribers'), 'newsletter.subscribers'],
      ['/admin/professionals', ctx.t('admin.nav.professionals'), 'professionals.verify'],
      ['/admin/people', ctx.t('admin.nav.people'), 'people.manage'],
      ['/admin/minors', ctx.t('admin.nav.minors'), 'people.mark_minor'],
      ['/admin/audit', ctx.t('admin.nav.audit'), 'audit.read'],
      ['/admin/jobs', ctx.t('admin.nav.jobs'), 'jobs.manage'],
      ['/admin/outbox', ctx.t('admin.nav.outbox'), 'mail.outbox'],
    ] as const
  ).filter(([, , action]) => ctx.can(action));
  return (
    <nav class="site-nav" aria-label={ctx.t('admin.nav.label')}>
      <ul>
        {items.map(([path, label]) => (
          <li>
            <a href={path} aria-current={ctx.path === path ? 'page' : undefined}>
              {escapeHtml(label)}
            </a>
          </li>
        ))}
        <li>
          <a href="/">{escapeHtml(ctx.t('admin.nav.site'))}</a>
        </li>
      </ul>
    </nav>
  );
}

/** The newsletter's short form, on every public page (the first list; the newsletter page offers a choice). */
function FooterSubscribe({ ctx }: { ctx: ViewContext }): JSX.Element {
  return (
    <form method="post" action={href(ctx, '/newsletter/subscribe')} class="footer-subscribe" aria-labelledby="footer-subscribe-title">
      <h2 id="footer-subscribe-title">{escapeHtml(ctx.t('newsletter.footerTitle'))}</h2>
      <p class="hint" id="footer-subscribe-hint">
        {escapeHtml(ctx.t('newsletter.footerHint'))} <a href={href(ctx, '/newsletter')}>{escapeHtml(ctx.t('newsletter.footerMore'))}</a>
      </p>
      <input type="hidden" name="source" value={ctx.path} />
      <Honeypot ctx={ctx} id="footer-website" />
      <div class="inline-field">
        <label for="footer-email">{escapeHtml(ctx.t('newsletter.footerEmail'))}</label>
        <input id="footer-email" name="email" type="email" autocomplete="email" required maxlength="254" aria-describedby="footer-subscribe-hint" />
        <button type="submit" class="button secondary">
          {escapeHtml(ctx.t('newsletter.subscribe'))}
        </button>
      </div>
    </form>
  );
}

/**
 * The age question (AGE_GATE): a dialog over the page, sent open so it works without
 * JavaScript (the stylesheet makes it cover the page); site.js turns it into a modal dialog,
 * which makes the page behind inert and starts focus on the answer. The page itself is still
 * rendered underneath, so it stays the same page for search engines and links.
 */
function AgeGate({ ctx, gate }: { ctx: ViewContext; gate: { minAge: number; returnTo: string } }): JSX.Element {
  return (
    <dialog open class="age-gate" aria-modal="true" aria-labelledby="age-gate-title" aria-describedby="age-gate-text" data-age-gate>
      <div class="age-gate-box">
        <h2 id="age-gate-title">{escapeHtml(ctx.t('ageGate.title'))}</h2>
        <p id="age-gate-text">{escapeHtml(ctx.t('ageGate.statement', { age: gate.minAge, practice: ctx.practice.name }))}</p>
        <div class="form-actions">
          <form method="post" action={href(ctx, '/age-gate')}>
            <input type="hidden" name="return" value={gate.returnTo} />
            <button type="submit" class="button" autofocus>
              {escapeHtml(ctx.t('ageGate.accept', { age: gate.minAge }))}
            </button>
          </form>
          <a class="button secondary" href={href(ctx, '/age-gate/leave')}>
            {escapeHtml(ctx.t('ageGate.leave'))}
          </a>
        </div>
      </div>
    </dialog>
  );
}

/**
 * The cookie banner, until the visitor chooses. It sits in the page (not over it), and "Reject
 * all" is exactly as large and as near as "Accept all". Plain forms: it works without JavaScript.
 */
function ConsentBanner({ ctx, banner }: { ctx: ViewContext; banner: { returnTo: string; optOutSignal: boolean } }): JSX.Element {
  return (
    <section class="consent-banner" aria-labelledby="consent-title">
      <div class="wrap">
        <h2 id="consent-title">{escapeHtml(ctx.t('consent.title'))}</h2>
        <p>{escapeHtml(ctx.t('consent.text'))}</p>
        {banner.optOutSignal ? <p>{escapeHtml(ctx.t('consent.signal'))}</p> : ''}
        <form method="post" action={href(ctx, '/privacy/consent')} class="consent-actions">
          <input type="hidden" name="returnTo" value={banner.returnTo} />
          <button type="submit" class="button" name="choice" value="accept">
            {escapeHtml(ctx.t('consent.acceptAll'))}
          </button>
          <button type="submit" class="button" name="choice" value="reject">
            {escapeHtml(ctx.t('consent.rejectAll'))}
          </button>
          <a href={href(ctx, '/privacy/center#cookies')}>{escapeHtml(ctx.t('consent.choose'))}</a>
        </form>
      </div>
    </section>
  );
}

/** The page frame: head, skip link, header, navigation, main, footer. */
export function Layout({ ctx, meta, children }: { ctx: ViewContext; meta: PageMeta; children?: Children }): JSX.Element {
  const locales = meta.locales ?? LOCALES;
  const canonical = absoluteUrl(ctx, meta.canonicalPath ?? ctx.path);
  const title = meta.title === ctx.practice.name ? meta.title : `${meta.title} · ${ctx.practice.name}`;
  const admin = meta.area === 'admin';
  return (
    <>
      {'<!doctype html>'}
      <html lang={ctx.locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{escapeHtml(title)}</title>
          {meta.description ? <meta name="description" content={meta.description} /> : ''}
          {meta.noindex || admin ? <meta name="robots" content="noindex" /> : ''}
          <link rel="canonical" href={canonical} />
          {locales.length > 1
            ? [
                ...locales.map((l) => <link rel="alternate" hreflang={l} href={absoluteUrl(ctx, meta.canonicalPath ?? ctx.path, l)} />),
                <link rel="alternate" hreflang="x-default" href={absoluteUrl(ctx, meta.canonicalPath ?? ctx.path, 'en')} />,
              ]
            : ''}
          <meta property="og:site_name" content={ctx.practice.name} />
          <meta property="og:title" content={meta.title} />
          <meta property="og:type" content={meta.ogType ?? 'website'} />
          <meta property="og:url" content={canonical} />
          <meta property="og:locale" content={ctx.locale === 'es' ? 'es_US' : 'en_US'} />
          {meta.description ? <meta property="og:description" content={meta.description} /> : ''}
          {meta.ogImage ? <meta property="og:image" content={meta.ogImage} /> : ''}
          <meta name="color-scheme" content="light dark" />
          {admin || meta.htmx ? <meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowEval":false,"allowScriptTags":false}' /> : ''}
          <link rel="stylesheet" href={assetUrl('css/site.css')} />
          <link rel="icon" href={assetUrl('icons/favicon.svg')} type="image/svg+xml" />
          {/* htmx only where pages use it (the back office): readers on slow phones skip 16 KB. */}
          {admin || meta.htmx ? <script src={assetUrl('js/htmx.min.js')} defer></script> : ''}
          <script src={assetUrl('js/site.js')} type="module"></script>
          {(meta.scripts ?? []).map((name) => (
            <script src={assetUrl(name)} type="module"></script>
          ))}
          {(meta.jsonLd ?? []).map((safeJson) => {
            return (
              <script type="application/ld+json" nonce={ctx.nonce}>
                {safeJson}
              </script>
            );
          })}
        </head>
        <body class={admin ? 'admin' : 'site'}>
          {!admin && ctx.ageGate ? <AgeGate ctx={ctx} gate={ctx.ageGate} /> : ''}
          <a class="skip-link" href="#main">
            {escapeHtml(ctx.t('layout.skip'))}
          </a>
          {!admin && ctx.consentBanner ? <ConsentBanner ctx={ctx} banner={ctx.consentBanner} /> : ''}
          <header class="site-header">
            <div class="wrap header-row">
              <a class="brand" href={admin ? '/admin' : href(ctx, '/')}>
                <span safe>{ctx.practice.name}</span>
                {admin ? <span class="brand-area">{escapeHtml(ctx.t('admin.area'))}</span> : ''}
              </a>
              {admin ? <AdminNav ctx={ctx} /> : <SiteNav ctx={ctx} />}
              {admin ? '' : <LanguageSwitcher ctx={ctx} locales={locales} />}
              {ctx.actor ? (
                <form method="post" action="/account/sign-out" class="sign-out">
                  <span class="visually-hidden">
                    {escapeHtml(ctx.t('layout.signedInAs', { name: ctx.actor.name }))}
                  </span>
                  <button type="submit" class="link-button">
                    {escapeHtml(ctx.t('layout.signOut'))}
                  </button>
                </form>
              ) : (
                ''
              )}
            </div>
          </header>
          <main id="main" tabindex="-1" class="wrap">
            {children}
          </main>
          <footer class="site-footer">
            <div class="wrap">
              {admin ? '' : <FooterSubscribe ctx={ctx} />}
              <p class="disclaimer">{escapeHtml(ctx.t('layout.disclaimer'))}</p>
              <nav aria-label={ctx.t('layout.legalNav')}>
                <ul>
                  <li>
                    <a href={href(ctx, '/terms')}>{escapeHtml(ctx.t('nav.terms'))}</a>
                  </li>
                  <li>
                    <a href={href(ctx, '/privacy')}>{escapeHtml(ctx.t('nav.privacy'))}</a>
                  </li>
                  <li>
                    <a href={href(ctx, '/disclaimer')}>{escapeHtml(ctx.t('nav.disclaimer'))}</a>
                  </li>
                  <li>
                    <a href={href(ctx, '/privacy/center')}>{escapeHtml(ctx.t('nav.privacyChoices'))}</a>
                  </li>
                </ul>
              </nav>
              <p class="practice">
                <span safe>{ctx.practice.legalEntity}</span> · <span safe>{ctx.practice.address}</span> ·{' '}
                <a href={`tel:${ctx.practice.phone.replace(/[^+\d]/g, '')}`} safe>
                  {ctx.practice.phone}
                </a>
              </p>
            </div>
          </footer>
        </body>
      </html>
    </>
  );
}
