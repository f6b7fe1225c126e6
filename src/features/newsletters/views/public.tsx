import { escapeHtml } from '@kitajs/html';
import { LOCALES, type Locale } from '../../../core/i18n/index.js';
import { ErrorSummary, Field, type FieldErrors, Honeypot, Notice } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout, href } from '../../../core/views/layout.js';
import { type Edition, editionFor, type Issue, type NewsletterList } from '../model.js';

function formatDate(ctx: ViewContext, date: Date): string {
  return date.toLocaleDateString(ctx.locale === 'es' ? 'es-US' : 'en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
}

function ListChoices({ ctx, lists, chosen, error }: { ctx: ViewContext; lists: readonly NewsletterList[]; chosen: readonly string[]; error?: string | undefined }): JSX.Element {
  return (
    <fieldset id="field-lists" aria-describedby={error ? 'field-lists-error' : undefined}>
      <legend>{escapeHtml(ctx.t('newsletter.lists'))}</legend>
      {error ? (
        <p class="error" id="field-lists-error" safe>
          {error}
        </p>
      ) : (
        ''
      )}
      <ul class="checkbox-list">
        {lists.map((list) => (
          <li>
            <input type="checkbox" id={`list-${list.slug}`} name="lists" value={list.id} checked={chosen.includes(list.id)} aria-describedby={`list-${list.slug}-about`} />
            <label for={`list-${list.slug}`}>
              <span safe>{list.names[ctx.locale]}</span>
              <span class="hint" id={`list-${list.slug}-about`} safe>
                {list.descriptions[ctx.locale]}
              </span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

function TrackingChoice({ ctx, checked }: { ctx: ViewContext; checked: boolean }): JSX.Element {
  return (
    <div class="checkbox-list">
      <div>
        <input type="checkbox" id="field-tracking" name="tracking" checked={checked} aria-describedby="field-tracking-hint" />
        <label for="field-tracking">{escapeHtml(ctx.t('newsletter.tracking'))}</label>
      </div>
      <p class="hint" id="field-tracking-hint">
        {escapeHtml(ctx.t('newsletter.trackingHint'))}
      </p>
    </div>
  );
}

/** The newsletter's home: subscribe, and the archive of past issues. */
export function NewsletterPage(p: {
  ctx: ViewContext;
  lists: readonly NewsletterList[];
  issues: readonly Issue[];
  sent?: boolean;
  values?: { email?: string; lists?: readonly string[]; tracking?: boolean };
  errors?: FieldErrors;
}): JSX.Element {
  const { ctx } = p;
  const chosen = p.values?.lists ?? (p.lists[0] ? [p.lists[0].id] : []);
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('newsletter.title'), description: ctx.t('newsletter.intro') }}>
      <h1>{escapeHtml(ctx.t('newsletter.title'))}</h1>
      {p.sent ? (
        <div class="notice notice-success" role="status" tabindex="-1" data-autofocus>
          <p>{escapeHtml(ctx.t('newsletter.checkInbox'))}</p>
        </div>
      ) : (
        <>
          <p class="lead">{escapeHtml(ctx.t('newsletter.intro'))}</p>
          <ErrorSummary ctx={ctx} errors={p.errors} />
          <form method="post" action={href(ctx, '/newsletter/subscribe')} novalidate class="narrow">
            <input type="hidden" name="source" value="/newsletter" />
            <input type="hidden" name="choose" value="1" />
            <Field name="email" type="email" label={ctx.t('newsletter.email')} value={p.values?.email} error={p.errors?.email} autocomplete="email" required maxlength={254} />
            <ListChoices ctx={ctx} lists={p.lists} chosen={chosen} error={p.errors?.lists} />
            <TrackingChoice ctx={ctx} checked={p.values?.tracking ?? false} />
            <Honeypot ctx={ctx} />
            <p class="hint">{escapeHtml(ctx.t('transfer.notice'))}</p>
            <p class="hint">
              {escapeHtml(ctx.t('newsletter.privacy'))} <a href={href(ctx, '/privacy')}>{escapeHtml(ctx.t('nav.privacy'))}</a>
            </p>
            <p class="form-actions">
              <button class="button" type="submit">
                {escapeHtml(ctx.t('newsletter.subscribe'))}
              </button>
            </p>
          </form>
        </>
      )}
      <section aria-labelledby="archive-heading">
        <h2 id="archive-heading">{escapeHtml(ctx.t('newsletter.archive'))}</h2>
        {p.issues.length ? (
          <ul class="plain-list">
            {p.issues.map((issue) => (
              <li>
                <a href={href(ctx, `/newsletter/issues/${issue.id}`)} safe>
                  {editionFor(issue.editions, ctx.locale).subject}
                </a>{' '}
                <span class="hint">
                  {escapeHtml(formatDate(ctx, issue.finishedAt ?? issue.updatedAt))}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{escapeHtml(ctx.t('newsletter.archiveEmpty'))}</p>
        )}
      </section>
    </Layout>
  );
}

/** A past issue on the web, in the reader's language when it was written in it. */
export function ArchivedIssuePage({ ctx, issue, edition, html }: { ctx: ViewContext; issue: Issue; edition: Edition; html: string }): JSX.Element {
  const written = LOCALES.filter((l) => issue.editions[l as 'es']);
  return (
    <Layout ctx={ctx} meta={{ title: edition.subject, locales: written, ogType: 'article' }}>
      <p class="hint">
        <a href={href(ctx, '/newsletter')}>{escapeHtml(ctx.t('newsletter.archive'))}</a> · {escapeHtml(formatDate(ctx, issue.finishedAt ?? issue.updatedAt))}
      </p>
      <article class="prose" lang={issue.editions[ctx.locale as 'es'] ? ctx.locale : 'en'}>
        <h1 safe>{edition.subject}</h1>
        {html as 'safe'}
      </article>
      <p>
        <a class="button secondary" href={href(ctx, '/newsletter')}>
          {escapeHtml(ctx.t('newsletter.subscribe'))}
        </a>
      </p>
    </Layout>
  );
}

/** A link from an email: one button, so a mail scanner following links confirms nothing. */
export function ConfirmPage({ ctx, token }: { ctx: ViewContext; token: string | null }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('newsletter.confirmTitle'), noindex: true }}>
      <h1>{escapeHtml(ctx.t('newsletter.confirmTitle'))}</h1>
      {token ? (
        <form method="post" action={href(ctx, '/newsletter/confirm')}>
          <input type="hidden" name="token" value={token} />
          <p>{escapeHtml(ctx.t('newsletter.confirmIntro'))}</p>
          <p class="form-actions">
            <button class="button" type="submit">
              {escapeHtml(ctx.t('newsletter.confirmButton'))}
            </button>
          </p>
        </form>
      ) : (
        <>
          <p>{escapeHtml(ctx.t('newsletter.linkExpired'))}</p>
          <p>
            <a href={href(ctx, '/newsletter')}>{escapeHtml(ctx.t('newsletter.startAgain'))}</a>
          </p>
        </>
      )}
    </Layout>
  );
}

/**
 * Unsubscribing: the page behind the email's link has one button; mailbox providers POST to
 * the same address (RFC 8058) and people who click the button do the same.
 */
export function UnsubscribePage({ ctx, token, state }: { ctx: ViewContext; token: string | null; state: 'ask' | 'done' | 'invalid' }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('newsletter.unsubscribeTitle'), noindex: true }}>
      <h1>{escapeHtml(ctx.t('newsletter.unsubscribeTitle'))}</h1>
      {state === 'ask' && token ? (
        <form method="post" action={`${href(ctx, '/newsletter/unsubscribe')}?token=${encodeURIComponent(token)}`}>
          <p>{escapeHtml(ctx.t('newsletter.unsubscribeIntro'))}</p>
          <p class="form-actions">
            <button class="button" type="submit">
              {escapeHtml(ctx.t('newsletter.unsubscribeButton'))}
            </button>
          </p>
        </form>
      ) : state === 'done' ? (
        <div class="notice notice-success" role="status" tabindex="-1" data-autofocus>
          <p>{escapeHtml(ctx.t('newsletter.unsubscribed'))}</p>
        </div>
      ) : (
        <p>{escapeHtml(ctx.t('newsletter.linkInvalid'))}</p>
      )}
    </Layout>
  );
}

export function PreferencesPage(p: {
  ctx: ViewContext;
  token: string | null;
  email?: string;
  lists: readonly NewsletterList[];
  listIds: readonly string[];
  locale: Locale;
  tracking: boolean;
  notice?: string | undefined;
  errors?: FieldErrors;
}): JSX.Element {
  const { ctx } = p;
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('newsletter.preferencesTitle'), noindex: true }}>
      <h1>{escapeHtml(ctx.t('newsletter.preferencesTitle'))}</h1>
      <Notice message={p.notice} />
      {p.token && p.email ? (
        <>
          <p>{escapeHtml(ctx.t('newsletter.preferencesFor', { email: p.email }))}</p>
          <ErrorSummary ctx={ctx} errors={p.errors} />
          <form method="post" action={href(ctx, '/newsletter/preferences')} class="narrow" novalidate>
            <input type="hidden" name="token" value={p.token} />
            <ListChoices ctx={ctx} lists={p.lists} chosen={p.listIds} />
            <fieldset>
              <legend>{escapeHtml(ctx.t('newsletter.language'))}</legend>
              <ul class="checkbox-list">
                {LOCALES.map((locale) => (
                  <li>
                    <input type="radio" id={`locale-${locale}`} name="locale" value={locale} checked={p.locale === locale} />
                    <label for={`locale-${locale}`} lang={locale}>
                      {escapeHtml(ctx.t(`lang.${locale}`))}
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
            <TrackingChoice ctx={ctx} checked={p.tracking} />
            <p class="hint">{escapeHtml(ctx.t('newsletter.noneIsUnsubscribe'))}</p>
            <p class="form-actions">
              <button class="button" type="submit">
                {escapeHtml(ctx.t('newsletter.savePreferences'))}
              </button>
            </p>
          </form>
        </>
      ) : (
        <>
          <p>{escapeHtml(ctx.t('newsletter.preferencesHowTo'))}</p>
          <p>
            <a href={href(ctx, '/newsletter')}>{escapeHtml(ctx.t('newsletter.title'))}</a>
          </p>
        </>
      )}
    </Layout>
  );
}
