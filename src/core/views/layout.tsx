import { contentsToString, escapeHtml } from '@kitajs/html';
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

/**
 * Everything the page frame shows, worked out from the request and the page before any markup:
 * the markup below reads only this (and the catalogue), so the frame of public pages can be
 * rendered once per shape and reused (see `Layout`).
 */
interface Frame {
  readonly admin: boolean;
  /** The page uses htmx (the back office always does). */
  readonly htmx: boolean;
  readonly title: string;
  readonly ogTitle: string;
  readonly description: string | undefined;
  readonly noindex: boolean;
  readonly canonical: string;
  readonly alternates: readonly { readonly hreflang: string; readonly href: string }[];
  readonly ogType: string;
  readonly ogImage: string | undefined;
  readonly scripts: readonly string[];
  readonly jsonLd: readonly string[];
  readonly nonce: string;
  /** The main navigation's item for this page, if any. */
  readonly navCurrent: string | null;
  /** Other languages and where the switcher sends them (this language has no link). */
  readonly switcher: readonly { readonly locale: Locale; readonly href: string | null }[];
  readonly actor: { readonly name: string; readonly isStaff: boolean } | null;
  readonly ageGate: { readonly minAge: number; readonly returnTo: string } | null;
  readonly consent: { readonly returnTo: string; readonly optOutSignal: boolean } | null;
  /** The site notices (a new policy version, a security incident), already rendered: rare, and each different. */
  readonly notices: JSX.Element;
  /** The page a footer subscription came from. */
  readonly source: string;
}

const NAV_ITEMS = [
  ['/guides', 'nav.guides'],
  ['/library', 'nav.library'],
  ['/consultation', 'nav.consultation'],
  ['/contact', 'nav.contact'],
  ['/search', 'nav.search'],
  ['/account', 'nav.account'],
  ['/account/sign-in', 'nav.signIn'],
] as const;

function currentNavItem(path: string, signedIn: boolean): string | null {
  if (!signedIn && path === '/account/sign-in') return path;
  for (const [item] of NAV_ITEMS.slice(0, 5)) if (path === item || path.startsWith(`${item}/`)) return item;
  if (signedIn && (path === '/account' || path.startsWith('/account/'))) return '/account';
  return null;
}

function LanguageSwitcher({ ctx, frame }: { ctx: ViewContext; frame: Frame }): JSX.Element {
  return (
    <nav class="languages" aria-label={ctx.t('layout.languages')}>
      <ul>
        {frame.switcher.map(({ locale, href: target }) =>
          target === null ? (
            <li>
              <span aria-current="true" lang={locale}>
                {escapeHtml(LANGUAGE_NAMES[locale])}
              </span>
            </li>
          ) : (
            <li>
              <a href={target} hreflang={locale} lang={locale}>
                {escapeHtml(LANGUAGE_NAMES[locale])}
              </a>
            </li>
          ),
        )}
      </ul>
    </nav>
  );
}

function SiteNav({ ctx, frame }: { ctx: ViewContext; frame: Frame }): JSX.Element {
  const current = (path: string) => (frame.navCurrent === path ? 'page' : undefined);
  return (
    <nav class="site-nav" aria-label={ctx.t('layout.mainNav')}>
      <ul>
        {NAV_ITEMS.slice(0, 5).map(([path, label]) => (
          <li>
            <a href={href(ctx, path)} aria-current={current(path)}>
              {escapeHtml(ctx.t(label))}
            </a>
          </li>
        ))}
        {frame.actor?.isStaff ? (
          <li>
            <a href="/admin">{escapeHtml(ctx.t('nav.admin'))}</a>
          </li>
        ) : (
          ''
        )}
        <li>
          {frame.actor ? (
            <a href={href(ctx, '/account')} aria-current={current('/account')}>
              {escapeHtml(ctx.t('nav.account'))}
            </a>
          ) : (
            <a href={href(ctx, '/account/sign-in')} aria-current={current('/account/sign-in')}>
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
      ['/admin/library', ctx.t('library.queue.title'), 'library.review'],
      ['/admin/contact', ctx.t('admin.nav.contact'), 'contact.manage'],
      ['/admin/consultations', ctx.t('admin.nav.consultations'), 'consultation.manage'],
      ['/admin/newsletters', ctx.t('admin.nav.newsletters'), 'newsletter.manage'],
      ['/admin/privacy', ctx.t('admin.nav.privacy'), 'privacy.requests'],
      ['/admin/data-inventory', ctx.t('admin.nav.inventory'), 'privacy.requests'],
      ['/admin/policies', ctx.t('admin.nav.policies'), 'policies.manage'],
      ['/admin/retention', ctx.t('admin.nav.retention'), 'retention.manage'],
      ['/admin/shine-the-light', ctx.t('admin.nav.shine'), 'shine.register'],
      ['/admin/breaches', ctx.t('admin.nav.breaches'), 'breaches.manage'],
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
function FooterSubscribe({ ctx, source }: { ctx: ViewContext; source: string }): JSX.Element {
  return (
    <form method="post" action={href(ctx, '/newsletter/subscribe')} class="footer-subscribe" aria-labelledby="footer-subscribe-title">
      <h2 id="footer-subscribe-title">{escapeHtml(ctx.t('newsletter.footerTitle'))}</h2>
      <p class="hint" id="footer-subscribe-hint">
        {escapeHtml(ctx.t('newsletter.footerHint'))} {escapeHtml(ctx.t('transfer.short'))} <a href={href(ctx, '/newsletter')}>{escapeHtml(ctx.t('newsletter.footerMore'))}</a>
      </p>
      <input type="hidden" name="source" value={source} />
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

/** Notices of public pages: a new version of a policy, a security incident. */
function SiteNotices({ ctx }: { ctx: ViewContext }): JSX.Element {
  const notices = ctx.siteNotices ?? [];
  if (!notices.length) return <></>;
  return (
    <div class="site-notices">
      {notices.map((n, i) => (
        <section class={`site-notice site-notice-${n.tone}`} aria-labelledby={`site-notice-${i}`}>
          <div class="wrap">
            <h2 id={`site-notice-${i}`} safe>
              {n.title}
            </h2>
            <p>
              <span safe>{n.text}</span>{' '}
              {n.link ? (
                <a href={n.link.href} safe>
                  {n.link.label}
                </a>
              ) : (
                ''
              )}
            </p>
            {n.dismiss ? (
              <form method="post" action={n.dismiss.action}>
                <input type="hidden" name="returnTo" value={n.dismiss.returnTo} />
                <button type="submit" class="button secondary" safe>
                  {n.dismiss.label}
                </button>
              </form>
            ) : (
              ''
            )}
          </div>
        </section>
      ))}
    </div>
  );
}

/** The page frame: head, skip link, header, navigation, main, footer. */
function FrameMarkup({ ctx, frame, children }: { ctx: ViewContext; frame: Frame; children: JSX.Element }): JSX.Element {
  const admin = frame.admin;
  const notices: JSX.Element = frame.notices;
  return (
    <>
      {'<!doctype html>'}
      <html lang={ctx.locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{escapeHtml(frame.title)}</title>
          {frame.description ? <meta name="description" content={frame.description} /> : ''}
          {frame.noindex ? <meta name="robots" content="noindex" /> : ''}
          <link rel="canonical" href={frame.canonical} />
          {frame.alternates.map((a) => (
            <link rel="alternate" hreflang={a.hreflang} href={a.href} />
          ))}
          <meta property="og:site_name" content={ctx.practice.name} />
          <meta property="og:title" content={frame.ogTitle} />
          <meta property="og:type" content={frame.ogType} />
          <meta property="og:url" content={frame.canonical} />
          <meta property="og:locale" content={ctx.locale === 'es' ? 'es_US' : 'en_US'} />
          {frame.description ? <meta property="og:description" content={frame.description} /> : ''}
          {frame.ogImage ? <meta property="og:image" content={frame.ogImage} /> : ''}
          <meta name="color-scheme" content="light dark" />
          {frame.htmx ? <meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowEval":false,"allowScriptTags":false}' /> : ''}
          <link rel="stylesheet" href={assetUrl('css/site.css')} />
          <link rel="icon" href={assetUrl('icons/favicon.svg')} type="image/svg+xml" />
          {/* htmx only where pages use it (the back office): readers on slow phones skip 16 KB. */}
          {frame.htmx ? <script src={assetUrl('js/htmx.min.js')} defer></script> : ''}
          <script src={assetUrl('js/site.js')} type="module"></script>
          {frame.scripts.map((name) => (
            <script src={assetUrl(name)} type="module"></script>
          ))}
          {frame.jsonLd.map((safeJson) => (
            <script type="application/ld+json" nonce={frame.nonce}>
              {safeJson}
            </script>
          ))}
        </head>
        <body class={admin ? 'admin' : 'site'}>
          {!admin && frame.ageGate ? <AgeGate ctx={ctx} gate={frame.ageGate} /> : ''}
          <a class="skip-link" href="#main">
            {escapeHtml(ctx.t('layout.skip'))}
          </a>
          {!admin && frame.consent ? <ConsentBanner ctx={ctx} banner={frame.consent} /> : ''}
          {notices}
          <header class="site-header">
            <div class="wrap header-row">
              <a class="brand" href={admin ? '/admin' : href(ctx, '/')}>
                <span safe>{ctx.practice.name}</span>
                {admin ? <span class="brand-area">{escapeHtml(ctx.t('admin.area'))}</span> : ''}
              </a>
              {admin ? <AdminNav ctx={ctx} /> : <SiteNav ctx={ctx} frame={frame} />}
              {admin ? '' : <LanguageSwitcher ctx={ctx} frame={frame} />}
              {frame.actor ? (
                <form method="post" action="/account/sign-out" class="sign-out">
                  <span class="visually-hidden">
                    {escapeHtml(ctx.t('layout.signedInAs', { name: frame.actor.name }))}
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
              {admin ? '' : <FooterSubscribe ctx={ctx} source={frame.source} />}
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
                  <li>
                    <a href={href(ctx, '/privacy/california')}>{escapeHtml(ctx.t('nav.californiaRights'))}</a>
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

function frameOf(ctx: ViewContext, meta: PageMeta): Frame {
  const locales = meta.locales ?? LOCALES;
  const admin = meta.area === 'admin';
  const canonicalPath = meta.canonicalPath ?? ctx.path;
  return {
    admin,
    htmx: admin || Boolean(meta.htmx),
    title: meta.title === ctx.practice.name ? meta.title : `${meta.title} · ${ctx.practice.name}`,
    ogTitle: meta.title,
    description: meta.description || undefined,
    noindex: Boolean(meta.noindex) || admin,
    canonical: absoluteUrl(ctx, canonicalPath),
    alternates:
      locales.length > 1
        ? [...locales.map((l) => ({ hreflang: l, href: absoluteUrl(ctx, canonicalPath, l) })), { hreflang: 'x-default', href: absoluteUrl(ctx, canonicalPath, 'en') }]
        : [],
    ogType: meta.ogType ?? 'website',
    ogImage: meta.ogImage || undefined,
    scripts: meta.scripts ?? [],
    jsonLd: meta.jsonLd ?? [],
    nonce: ctx.nonce,
    navCurrent: currentNavItem(ctx.path, ctx.actor !== null),
    switcher: LOCALES.map((locale) => ({ locale, href: locale === ctx.locale ? null : localizePath(locale, locales.includes(locale) ? ctx.path : '/') })),
    actor: ctx.actor,
    ageGate: ctx.ageGate ?? null,
    consent: ctx.consentBanner ?? null,
    notices: admin ? '' : SiteNotices({ ctx }),
    source: ctx.path,
  };
}

/**
 * The frame of public pages, rendered once per shape and reused: the markup with a marker in
 * place of every value that varies by request (title, URLs, nonce...), split at the markers.
 * The shape (which elements appear) is the key; the values are escaped as the markup would.
 * Rendering the frame was most of an uncached guide page's time.
 */
interface FrameTemplate {
  readonly parts: readonly string[];
  /** For each gap between parts: the index of the value that fills it. */
  readonly slots: readonly number[];
}

const MARK = '\u0001';
const templates = new WeakMap<object, Map<string, FrameTemplate>>();

function frameShape(ctx: ViewContext, frame: Frame): string {
  return [
    ctx.locale,
    frame.description === undefined ? 0 : 1,
    frame.noindex ? 1 : 0,
    frame.htmx ? 1 : 0,
    frame.alternates.map((a) => a.hreflang).join(','),
    frame.ogType,
    frame.ogImage === undefined ? 0 : 1,
    frame.scripts.join(','),
    frame.jsonLd.length,
    frame.navCurrent ?? '',
    frame.switcher.map((s) => (s.href === null ? `${s.locale}*` : s.locale)).join(','),
    frame.actor ? (frame.actor.isStaff ? 'staff' : 'person') : 'anonymous',
    frame.ageGate ? frame.ageGate.minAge : '',
    frame.consent ? (frame.consent.optOutSignal ? 'signal' : 'banner') : '',
  ].join('|');
}

/** How the markup writes a value: as text (escaped), inside an attribute (quotes escaped), or as is. */
type Written = 'text' | 'attribute' | 'raw';

const writeAs: Record<Written, (value: string) => string> = {
  text: (value) => escapeHtml(value),
  attribute: (value) => value.replaceAll('"', '&#34;'),
  raw: (value) => value,
};

/** The frame with markers, and the values, written as the markup would, that replace them. */
function markedFrame(frame: Frame, children: string): { marked: Frame; values: string[] } {
  const values: string[] = [];
  const mark = (value: string, written: Written) => {
    values.push(writeAs[written](value));
    return `${MARK}${values.length - 1}${MARK}`;
  };
  const attr = (value: string) => mark(value, 'attribute');
  const marked: Frame = {
    ...frame,
    title: mark(frame.title, 'text'),
    ogTitle: attr(frame.ogTitle),
    description: frame.description === undefined ? undefined : attr(frame.description),
    canonical: attr(frame.canonical),
    alternates: frame.alternates.map((a) => ({ hreflang: a.hreflang, href: attr(a.href) })),
    ogImage: frame.ogImage === undefined ? undefined : attr(frame.ogImage),
    jsonLd: frame.jsonLd.map((json) => mark(json, 'raw')),
    nonce: attr(frame.nonce),
    switcher: frame.switcher.map((s) => ({ locale: s.locale, href: s.href === null ? null : attr(s.href) })),
    actor: frame.actor ? { name: mark(frame.actor.name, 'text'), isStaff: frame.actor.isStaff } : null,
    ageGate: frame.ageGate ? { minAge: frame.ageGate.minAge, returnTo: attr(frame.ageGate.returnTo) } : null,
    consent: frame.consent ? { optOutSignal: frame.consent.optOutSignal, returnTo: attr(frame.consent.returnTo) } : null,
    notices: mark(frame.notices as string, 'raw'),
    source: attr(frame.source),
  };
  mark(children, 'raw');
  return { marked, values };
}

function reusedFrame(ctx: ViewContext, frame: Frame, children: string): string {
  let byShape = templates.get(ctx.practice);
  if (!byShape) templates.set(ctx.practice, (byShape = new Map()));
  const shape = frameShape(ctx, frame);
  const { marked, values } = markedFrame(frame, children);
  let template = byShape.get(shape);
  if (!template) {
    const html = FrameMarkup({ ctx, frame: marked, children: `${MARK}${values.length - 1}${MARK}` }) as string;
    const pieces = html.split(/\u0001(\d+)\u0001/);
    template = { parts: pieces.filter((_, i) => i % 2 === 0), slots: pieces.filter((_, i) => i % 2 === 1).map(Number) };
    byShape.set(shape, template);
  }
  let html = template.parts[0]!;
  for (let i = 0; i < template.slots.length; i++) html += values[template.slots[i]!]! + template.parts[i + 1]!;
  // Tests check every reused frame against a fresh render, so a value missing from the shape or
  // the markers cannot go unnoticed.
  if (process.env.NODE_ENV === 'test') {
    const fresh = FrameMarkup({ ctx, frame, children }) as string;
    if (fresh !== html) throw new Error(`reused page frame differs from a fresh render (shape ${shape})`);
  }
  return html;
}

/**
 * The page frame around a page's content. Public pages reuse a frame rendered once per shape;
 * back-office pages (their navigation depends on the person's permissions) are rendered whole.
 */
export function Layout({ ctx, meta, children }: { ctx: ViewContext; meta: PageMeta; children?: Children }): JSX.Element {
  const frame = frameOf(ctx, meta);
  const content = contentsToString([children]);
  const render = (html: string) => (frame.admin ? (FrameMarkup({ ctx, frame, children: html }) as string | Promise<string>) : reusedFrame(ctx, frame, html));
  return typeof content === 'string' ? render(content) : content.then(render);
}
