import { escapeHtml } from '@kitajs/html';
import { formatDate } from '../../../core/i18n/index.js';
import { ErrorSummary, type FieldErrors } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout, href } from '../../../core/views/layout.js';
import type { PolicyDocument, PolicyVersion } from '../model.js';
import type { RenderedPolicy } from '../service.js';

/** A policy as published: the version in force (or an earlier one), its summary of changes, and every other version. */
export function PolicyPage({
  ctx,
  document,
  doc,
  current,
  versions,
  upcoming,
}: {
  ctx: ViewContext;
  document: PolicyDocument;
  doc: RenderedPolicy;
  current: PolicyVersion;
  versions: readonly PolicyVersion[];
  upcoming: PolicyVersion | null;
}): JSX.Element {
  const earlier = doc.version.id !== current.id;
  const others = versions.filter((v) => v.id !== doc.version.id && v.effectiveAt && v.effectiveAt <= new Date());
  return (
    <Layout ctx={ctx} meta={{ title: doc.title, ...(earlier ? { canonicalPath: `/${document}`, noindex: true } : {}) }}>
      <article class="legal" aria-labelledby="legal-title">
        <h1 id="legal-title" safe>
          {doc.title}
        </h1>
        <p class="meta">
          {escapeHtml(ctx.t('policies.versionLine', { version: doc.version.version, date: formatDate(ctx.locale, doc.version.effectiveAt ?? doc.version.createdAt) }))}
        </p>
        {earlier ? (
          <p class="notice notice-warning" role="status">
            {escapeHtml(ctx.t('policies.earlier'))} <a href={href(ctx, `/${document}`)}>{escapeHtml(ctx.t('policies.readCurrent'))}</a>
          </p>
        ) : (
          ''
        )}
        {!earlier && upcoming ? (
          <p class="notice notice-info" role="status">
            {escapeHtml(ctx.t('policies.upcoming', { version: upcoming.version, date: formatDate(ctx.locale, upcoming.effectiveAt!) }))}{' '}
            <span safe>{upcoming.summary[ctx.locale]}</span>
          </p>
        ) : (
          ''
        )}
        {doc.version.version > 1 ? (
          <section class="policy-summary" aria-labelledby="changes-title">
            <h2 id="changes-title">{escapeHtml(ctx.t('policies.changes'))}</h2>
            <p safe>{doc.version.summary[ctx.locale]}</p>
          </section>
        ) : (
          ''
        )}
        <div class="prose">{doc.html as 'safe'}</div>
        {others.length ? (
          <section aria-labelledby="versions-title">
            <h2 id="versions-title">{escapeHtml(ctx.t('policies.otherVersions'))}</h2>
            <ul>
              {others
                .slice()
                .reverse()
                .map((v) => (
                  <li>
                    <a href={href(ctx, v.id === current.id ? `/${document}` : `/${document}/versions/${v.version}`)}>
                      {escapeHtml(ctx.t('policies.versionLine', { version: v.version, date: formatDate(ctx.locale, v.effectiveAt!) }))}
                    </a>
                    {' · '}
                    <span safe>{v.summary[ctx.locale]}</span>
                  </li>
                ))}
            </ul>
          </section>
        ) : (
          ''
        )}
      </article>
    </Layout>
  );
}

/** The interstitial: a material change must be accepted before the person goes on. */
export function AcceptPage({ ctx, versions, next, errors }: { ctx: ViewContext; versions: readonly PolicyVersion[]; next?: string | undefined; errors?: FieldErrors | undefined }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('policies.accept.title'), noindex: true }}>
      <h1>{escapeHtml(ctx.t('policies.accept.title'))}</h1>
      <p class="lead">{escapeHtml(ctx.t('policies.accept.intro'))}</p>
      {versions.map((v) => (
        <section class="policy-summary" aria-labelledby={`accept-${v.document}`}>
          <h2 id={`accept-${v.document}`}>{escapeHtml(ctx.t(v.document === 'terms' ? 'nav.terms' : 'nav.privacy'))}</h2>
          <p>{escapeHtml(ctx.t('policies.versionLine', { version: v.version, date: formatDate(ctx.locale, v.effectiveAt!) }))}</p>
          <p safe>{v.summary[ctx.locale]}</p>
          <p>
            <a href={href(ctx, `/${v.document}`)}>{escapeHtml(ctx.t('policies.accept.read'))}</a>
          </p>
        </section>
      ))}
      <form method="post" action={href(ctx, '/policies/accept')} class="narrow" novalidate>
        <ErrorSummary ctx={ctx} errors={errors} />
        {next ? <input type="hidden" name="next" value={next} /> : ''}
        <div class="checkbox-list">
          {errors?.accept ? (
            <p class="error" id="field-accept-error" safe>
              {errors.accept}
            </p>
          ) : (
            ''
          )}
          <div>
            <input type="checkbox" id="field-accept" name="accept" value="on" required aria-invalid={errors?.accept ? 'true' : undefined} aria-describedby={errors?.accept ? 'field-accept-error' : undefined} />
            <label for="field-accept">{escapeHtml(ctx.t('policies.accept.label'))}</label>
          </div>
        </div>
        <p class="form-actions">
          <button type="submit" class="button">
            {escapeHtml(ctx.t('policies.accept.submit'))}
          </button>
        </p>
      </form>
      <form method="post" action="/account/sign-out">
        <p>
          {escapeHtml(ctx.t('policies.accept.decline'))}{' '}
          <button type="submit" class="link-button">
            {escapeHtml(ctx.t('layout.signOut'))}
          </button>
        </p>
      </form>
    </Layout>
  );
}
