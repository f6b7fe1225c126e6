import { escapeHtml } from '@kitajs/html';
import { formatDate, formatDateTime } from '../../../core/i18n/index.js';
import type { RetentionRule, RetentionRun } from '../../../core/privacy/retention.js';
import { DataTable, ErrorSummary, Field, type FieldErrors, Notice } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/layout.js';
import { POLICY_DOCUMENTS, type PolicyDocument, type PolicyVersion } from '../model.js';
import type { RenderedPolicy } from '../service.js';

const docName = (ctx: ViewContext, d: PolicyDocument) => ctx.t(d === 'terms' ? 'nav.terms' : 'nav.privacy');

function status(ctx: ViewContext, v: PolicyVersion, now: Date): string {
  if (v.status === 'draft') return ctx.t('policies.admin.draft');
  if (v.effectiveAt && v.effectiveAt > now) return ctx.t('policies.admin.scheduled', { date: formatDate(ctx.locale, v.effectiveAt) });
  return ctx.t('policies.admin.published', { date: formatDate(ctx.locale, v.effectiveAt ?? v.createdAt) });
}

/** Every version of both documents, newest first, with a way to start the next one. */
export function PoliciesPage({ ctx, versions, notice }: { ctx: ViewContext; versions: readonly PolicyVersion[]; notice?: string | undefined }): JSX.Element {
  const now = new Date();
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('policies.admin.title'), area: 'admin' }}>
      <h1>{escapeHtml(ctx.t('policies.admin.title'))}</h1>
      <Notice message={notice} />
      {POLICY_DOCUMENTS.map((d) => {
        const list = versions.filter((v) => v.document === d).slice().reverse();
        const draft = list.find((v) => v.status === 'draft');
        return (
          <section aria-labelledby={`doc-${d}`}>
            <h2 id={`doc-${d}`}>{escapeHtml(docName(ctx, d))}</h2>
            <p>
              {draft ? (
                <a class="button secondary" href={`/admin/policies/${draft.id}`}>
                  {escapeHtml(ctx.t('policies.admin.openDraft', { version: draft.version }))}
                </a>
              ) : (
                <a class="button secondary" href={`/admin/policies/new?document=${d}`}>
                  {escapeHtml(ctx.t('policies.admin.new'))}
                </a>
              )}
            </p>
            <DataTable caption={docName(ctx, d)} columns={[ctx.t('policies.admin.version'), ctx.t('policies.admin.status'), ctx.t('policies.admin.material'), ctx.t('policies.admin.summary')]}>
              {list.map((v) => (
                <tr>
                  <td>
                    <a href={`/admin/policies/${v.id}`}>{escapeHtml(String(v.version))}</a>
                  </td>
                  <td>{escapeHtml(status(ctx, v, now))}</td>
                  <td>{escapeHtml(ctx.t(v.material ? 'policies.admin.yes' : 'policies.admin.no'))}</td>
                  <td safe>{v.summary[ctx.locale]}</td>
                </tr>
              ))}
            </DataTable>
          </section>
        );
      })}
    </Layout>
  );
}

function VersionFields({ ctx, values, errors }: { ctx: ViewContext; values: Record<string, string>; errors?: FieldErrors | undefined }): JSX.Element {
  return (
    <>
      <Field name="summary_en" label={ctx.t('policies.admin.summaryEn')} hint={ctx.t('policies.admin.summaryHint')} value={values.summary_en} error={errors?.summary_en} multiline rows={3} maxlength={2000} required />
      <Field name="summary_es" label={ctx.t('policies.admin.summaryEs')} value={values.summary_es} error={errors?.summary_es} multiline rows={3} maxlength={2000} required />
      <div class="checkbox-list">
        <div>
          <input type="checkbox" id="field-material" name="material" value="on" checked={values.material === 'on'} aria-describedby="field-material-hint" />
          <label for="field-material">{escapeHtml(ctx.t('policies.admin.materialLabel'))}</label>
        </div>
        <p class="hint" id="field-material-hint">
          {escapeHtml(ctx.t('policies.admin.materialHint'))}
        </p>
      </div>
      <Field name="body_en" label={ctx.t('policies.admin.bodyEn')} hint={ctx.t('policies.admin.bodyHint')} value={values.body_en} error={errors?.body_en} multiline rows={20} maxlength={200000} required />
      <Field name="body_es" label={ctx.t('policies.admin.bodyEs')} value={values.body_es} error={errors?.body_es} multiline rows={20} maxlength={200000} required />
    </>
  );
}

export function NewVersionPage({ ctx, document, values, errors }: { ctx: ViewContext; document: PolicyDocument; values: Record<string, string>; errors?: FieldErrors | undefined }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('policies.admin.newTitle', { document: docName(ctx, document) }), area: 'admin' }}>
      <h1>{escapeHtml(ctx.t('policies.admin.newTitle', { document: docName(ctx, document) }))}</h1>
      <form method="post" action="/admin/policies" novalidate>
        <ErrorSummary ctx={ctx} errors={errors} />
        <input type="hidden" name="document" value={document} />
        <VersionFields ctx={ctx} values={values} errors={errors} />
        <p class="form-actions">
          <button type="submit" class="button">
            {escapeHtml(ctx.t('policies.admin.saveDraft'))}
          </button>
        </p>
      </form>
    </Layout>
  );
}

/** One version: its preview in both languages; a draft can be edited and published. */
export function VersionPage({
  ctx,
  version,
  previews,
  values,
  errors,
  publishValues,
  publishErrors,
  notice,
}: {
  ctx: ViewContext;
  version: PolicyVersion;
  previews: readonly RenderedPolicy[];
  values?: Record<string, string> | undefined;
  errors?: FieldErrors | undefined;
  publishValues?: Record<string, string> | undefined;
  publishErrors?: FieldErrors | undefined;
  notice?: string | undefined;
}): JSX.Element {
  const title = ctx.t('policies.admin.versionTitle', { document: docName(ctx, version.document), version: version.version });
  const draft = version.status === 'draft';
  const v = values ?? { summary_en: version.summary.en, summary_es: version.summary.es, body_en: version.body.en, body_es: version.body.es, ...(version.material ? { material: 'on' } : {}) };
  return (
    <Layout ctx={ctx} meta={{ title, area: 'admin' }}>
      <h1>{escapeHtml(title)}</h1>
      <Notice message={notice} />
      <p>
        {escapeHtml(status(ctx, version, new Date()))} · {escapeHtml(ctx.t(version.material ? 'policies.admin.isMaterial' : 'policies.admin.notMaterial'))}
      </p>
      {draft ? (
        <section aria-labelledby="publish-title">
          <h2 id="publish-title">{escapeHtml(ctx.t('policies.admin.publish'))}</h2>
          <form method="post" action={`/admin/policies/${version.id}/publish`} class="narrow" novalidate>
            <ErrorSummary ctx={ctx} errors={publishErrors?.date || publishErrors?.when ? { date: publishErrors.date ?? publishErrors.when ?? '' } : undefined} />
            <fieldset>
              <legend>{escapeHtml(ctx.t('policies.admin.when'))}</legend>
              <ul class="checkbox-list">
                <li>
                  <input type="radio" id="when-now" name="when" value="now" checked={publishValues?.when !== 'date'} />
                  <label for="when-now">{escapeHtml(ctx.t('policies.admin.now'))}</label>
                </li>
                <li>
                  <input type="radio" id="when-date" name="when" value="date" checked={publishValues?.when === 'date'} />
                  <label for="when-date">{escapeHtml(ctx.t('policies.admin.onDate'))}</label>
                </li>
              </ul>
            </fieldset>
            <Field name="date" label={ctx.t('policies.admin.date')} hint={ctx.t('policies.admin.dateHint')} value={publishValues?.date} error={publishErrors?.date ?? publishErrors?.when} maxlength={10} />
            <p class="form-actions">
              <button type="submit" class="button">
                {escapeHtml(ctx.t('policies.admin.publishButton'))}
              </button>
            </p>
          </form>
        </section>
      ) : (
        ''
      )}
      {previews.map((p) => (
        <section aria-labelledby={`preview-${p.version.id}-${p.title.length}`} class="legal">
          <h2 id={`preview-${p.version.id}-${p.title.length}`} safe>
            {p.title}
          </h2>
          <div class="prose">{p.html as 'safe'}</div>
        </section>
      ))}
      {draft ? (
        <section aria-labelledby="edit-title">
          <h2 id="edit-title">{escapeHtml(ctx.t('policies.admin.edit'))}</h2>
          <form method="post" action={`/admin/policies/${version.id}`} novalidate>
            <ErrorSummary ctx={ctx} errors={errors} />
            <VersionFields ctx={ctx} values={v} errors={errors} />
            <p class="form-actions">
              <button type="submit" class="button">
                {escapeHtml(ctx.t('policies.admin.saveDraft'))}
              </button>
            </p>
          </form>
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}

/** The retention rules the registry declares, and what each run of the job purged. */
export function RetentionPage({ ctx, rules, runs, notice }: { ctx: ViewContext; rules: readonly RetentionRule[]; runs: readonly RetentionRun[]; notice?: string | undefined }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('retention.title'), area: 'admin' }}>
      <h1>{escapeHtml(ctx.t('retention.title'))}</h1>
      <Notice message={notice} />
      <p>{escapeHtml(ctx.t('retention.intro'))}</p>
      <form method="post" action="/admin/retention/run">
        <button type="submit" class="button secondary">
          {escapeHtml(ctx.t('retention.runNow'))}
        </button>
      </form>
      <h2>{escapeHtml(ctx.t('retention.runs'))}</h2>
      {runs.length ? (
        <DataTable caption={ctx.t('retention.runs')} columns={[ctx.t('retention.when'), ctx.t('retention.trigger'), ctx.t('retention.total'), ctx.t('retention.purged')]}>
          {runs.map((r) => (
            <tr>
              <td>{escapeHtml(formatDateTime(ctx.locale, r.startedAt))}</td>
              <td>{escapeHtml(ctx.t(`retention.trigger.${r.trigger}`))}</td>
              <td>{escapeHtml(String(r.total))}</td>
              <td>
                <span safe>{Object.entries(r.purged).map(([table, n]) => `${table}: ${n}`).join(', ') || ctx.t('retention.nothing')}</span>
                {Object.keys(r.errors).length ? (
                  <p class="error">{escapeHtml(ctx.t('retention.failed', { tables: Object.keys(r.errors).join(', ') }))}</p>
                ) : (
                  ''
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p>{escapeHtml(ctx.t('retention.none'))}</p>
      )}
      <h2>{escapeHtml(ctx.t('retention.rules'))}</h2>
      <DataTable caption={ctx.t('retention.rules')} columns={[ctx.t('retention.table'), ctx.t('retention.days'), ctx.t('retention.from')]}>
        {rules.map((r) => (
          <tr>
            <td>
              <code safe>{r.table}</code>
            </td>
            <td>{escapeHtml(String(r.days))}</td>
            <td>
              <code safe>{r.from}</code>
            </td>
          </tr>
        ))}
      </DataTable>
    </Layout>
  );
}
