import { escapeHtml } from '@kitajs/html';
import { DiffText } from '../../../core/views/diff.js';
import type { MessageKey } from '../../../core/i18n/index.js';
import { formatDateTime } from '../../../core/i18n/index.js';
import type { StoredImage } from '../../../core/media/index.js';
import type { ReadingReport } from '../../../core/text/readability.js';
import { TARGET_GRADE } from '../../../core/text/target.js';
import type { DiffSegment } from '../../../core/text/diff.js';
import { DataTable, ErrorSummary, Field, type FieldErrors, Notice, Select } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/layout.js';
import { Picture } from '../../../core/views/picture.js';
import type { ImportReport } from '../import.js';
import { GUIDE_CATEGORIES, LOCALES_FOR_GUIDES, SECTION_KINDS, type Guide, type GuideRevision, type GuideSection, type GuideSnapshot, type GuideSummary } from '../model.js';
import { categoryLabel, sectionTitle } from './public.js';

const LANGUAGE_LABEL: Record<string, MessageKey> = { en: 'lang.en', es: 'lang.es' };

function categoryOptions(ctx: ViewContext): { value: string; label: string }[] {
  return GUIDE_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(ctx, c) }));
}

function localeOptions(ctx: ViewContext): { value: string; label: string }[] {
  return LOCALES_FOR_GUIDES.map((l) => ({ value: l, label: ctx.t(LANGUAGE_LABEL[l] ?? 'lang.en') }));
}

function Status({ ctx, status }: { ctx: ViewContext; status: string }): JSX.Element {
  return <span class={`status status-${status}`}>{escapeHtml(ctx.t(status === 'published' ? 'admin.guides.published' : 'admin.guides.draft'))}</span>;
}

export function GuideListPage({ ctx, guides, notice }: { ctx: ViewContext; guides: readonly GuideSummary[]; notice?: string | undefined }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('admin.guides.title'), area: 'admin' }}>
      <h1>{escapeHtml(ctx.t('admin.guides.title'))}</h1>
      <Notice message={notice} />
      <p class="toolbar">
        <a class="button" href="/admin/guides/new">
          {escapeHtml(ctx.t('admin.guides.new'))}
        </a>
        <a class="button secondary" href="/admin/guides/import">
          {escapeHtml(ctx.t('admin.nav.import'))}
        </a>
      </p>
      <DataTable caption={ctx.t('admin.guides.title')} columns={[ctx.t('admin.guides.colTitle'), ctx.t('admin.guides.colLanguage'), ctx.t('admin.guides.colArea'), ctx.t('admin.guides.colStatus'), ctx.t('admin.guides.colUpdated')]}>
        {guides.map((g) => (
          <tr>
            <td>
              <a href={`/admin/guides/${g.id}`} safe>
                {g.title}
              </a>
            </td>
            <td>{escapeHtml(ctx.t(LANGUAGE_LABEL[g.locale] ?? 'lang.en'))}</td>
            <td>{escapeHtml(categoryLabel(ctx, g.category))}</td>
            <td>
              <Status ctx={ctx} status={g.status} />
            </td>
            <td>{escapeHtml(formatDateTime(ctx.locale, g.updatedAt))}</td>
          </tr>
        ))}
      </DataTable>
    </Layout>
  );
}

export function NewGuidePage({ ctx, values = {}, errors }: { ctx: ViewContext; values?: Record<string, string>; errors?: FieldErrors }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('admin.guides.new'), area: 'admin' }}>
      <h1>{escapeHtml(ctx.t('admin.guides.new'))}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action="/admin/guides" novalidate>
        <Field name="title" label={ctx.t('admin.guides.fieldTitle')} value={values.title} error={errors?.title} required maxlength={160} />
        <Field name="slug" label={ctx.t('admin.guides.fieldSlug')} hint={ctx.t('admin.guides.slugHint')} value={values.slug} error={errors?.slug} required maxlength={80} />
        <Select name="locale" label={ctx.t('admin.guides.fieldLanguage')} options={localeOptions(ctx)} value={values.locale} error={errors?.locale} />
        <Select name="category" label={ctx.t('admin.guides.fieldArea')} options={categoryOptions(ctx)} value={values.category} error={errors?.category} />
        <Field name="summary" label={ctx.t('admin.guides.fieldSummary')} value={values.summary} error={errors?.summary} required multiline rows={3} maxlength={400} />
        <p class="form-actions">
          <button class="button" type="submit">
            {escapeHtml(ctx.t('admin.guides.create'))}
          </button>
        </p>
      </form>
    </Layout>
  );
}

/** The reading grade of a section, with the sentences that push it above the target. */
export function GradeBadge({ ctx, report }: { ctx: ViewContext; report: ReadingReport }): JSX.Element {
  if (report.grade === null) return <p class="grade">{escapeHtml(ctx.t('admin.grade.none'))}</p>;
  const high = report.grade > TARGET_GRADE;
  return (
    <div class="grade-report">
      <p class={high ? 'grade grade-high' : 'grade grade-ok'}>
        {escapeHtml(ctx.t(high ? 'admin.grade.high' : 'admin.grade.ok', { grade: report.grade.toFixed(1), target: TARGET_GRADE }))}
      </p>
      {report.hardSentences.length ? (
        <details class="hard-sentences">
          <summary>{escapeHtml(ctx.t('admin.grade.hardSentences', { count: report.hardSentences.length }))}</summary>
          <ul>
            {report.hardSentences.map((s) => (
              <li>
                <mark safe>{s.text}</mark> <span class="hint">{escapeHtml(ctx.t('admin.grade.sentence', { grade: s.grade.toFixed(1) }))}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : (
        ''
      )}
    </div>
  );
}

/** The live preview fragment (also the htmx response): rendered Markdown plus its grade. */
export function SectionPreview({ ctx, html, report }: { ctx: ViewContext; html: string; report: ReadingReport }): JSX.Element {
  return (
    <>
      <GradeBadge ctx={ctx} report={report} />
      <div class="prose">{html as 'safe'}</div>
    </>
  );
}

export interface EditorData {
  readonly guide: Guide;
  readonly images: ReadonlyMap<string, StoredImage>;
  readonly candidates: readonly GuideSummary[];
  readonly grades: ReadonlyMap<string, ReadingReport>;
  readonly canPublish: boolean;
}

function SectionEditor({ ctx, guide, section, index, count, grade, error }: { ctx: ViewContext; guide: Guide; section: GuideSection; index: number; count: number; grade: ReadingReport | undefined; error: FieldErrors | undefined }): JSX.Element {
  const base = `/admin/guides/${guide.id}/sections/${section.id}`;
  const title = sectionTitle(ctx, section);
  return (
    <section class="section-editor" id={`s-${section.id}`} aria-labelledby={`s-${section.id}-title`}>
      <div class="section-head">
        <h3 id={`s-${section.id}-title`}>
          {escapeHtml(`${index + 1}. `)}
          <span safe>{title}</span>
        </h3>
        <div class="toolbar">
          {index > 0 ? (
            <form method="post" action={`${base}/move`}>
              <input type="hidden" name="direction" value="up" />
              <button class="button small secondary" type="submit" aria-label={ctx.t('admin.section.moveUpLabel', { section: title })}>
                {escapeHtml(ctx.t('admin.section.moveUp'))}
              </button>
            </form>
          ) : (
            ''
          )}
          {index < count - 1 ? (
            <form method="post" action={`${base}/move`}>
              <input type="hidden" name="direction" value="down" />
              <button class="button small secondary" type="submit" aria-label={ctx.t('admin.section.moveDownLabel', { section: title })}>
                {escapeHtml(ctx.t('admin.section.moveDown'))}
              </button>
            </form>
          ) : (
            ''
          )}
          <form method="post" action={`${base}/delete`} data-confirm={ctx.t('admin.section.confirmDelete')}>
            <button class="button small danger" type="submit" aria-label={ctx.t('admin.section.deleteLabel', { section: title })}>
              {escapeHtml(ctx.t('admin.section.delete'))}
            </button>
          </form>
        </div>
      </div>
      <form method="post" action={base} class="section-form">
        <ErrorSummary ctx={ctx} errors={error} idFor={(field) => `${field}-${section.id}`} />
        <div class="editor">
          <div class="editor-main">
            <Select
              name="kind"
              id={`kind-${section.id}`}
              label={ctx.t('admin.section.kind')}
              options={SECTION_KINDS.map((k) => ({ value: k, label: ctx.t(`guide.section.${k}` as MessageKey) }))}
              value={section.kind}
            />
            <Field name="heading" label={ctx.t('admin.section.heading')} hint={ctx.t('admin.section.headingHint')} value={section.heading ?? ''} error={error?.heading} maxlength={160} id={`heading-${section.id}`} />
            <div class="field">
              <label for={`body-${section.id}`}>{escapeHtml(ctx.t('admin.section.body'))}</label>
              <p class="hint" id={`body-${section.id}-hint`}>
                {escapeHtml(ctx.t('admin.section.bodyHint'))}
              </p>
              <textarea
                id={`body-${section.id}`}
                name="body"
                rows="12"
                aria-describedby={`body-${section.id}-hint`}
                hx-post={`/admin/guides/${guide.id}/preview`}
                hx-trigger="input changed delay:400ms"
                hx-target={`#preview-${section.id}`}
                hx-swap="innerHTML"
                safe
              >
                {section.bodyMd}
              </textarea>
            </div>
            <p class="form-actions">
              <button class="button" type="submit">
                {escapeHtml(ctx.t('admin.section.save'))}
              </button>
            </p>
          </div>
          <div class="editor-side">
            <div class="preview" aria-live="polite">
              <h4>{escapeHtml(ctx.t('admin.section.preview'))}</h4>
              <div id={`preview-${section.id}`}>
                {grade ? <SectionPreview ctx={ctx} html={section.bodyHtml} report={grade} /> : ''}
              </div>
            </div>
          </div>
        </div>
      </form>
    </section>
  );
}

function FigureForm({ ctx, guide, figure, image }: { ctx: ViewContext; guide: Guide; figure?: Guide['figures'][number]; image?: StoredImage | undefined }): JSX.Element {
  const id = figure?.id ?? 'new';
  const action = figure ? `/admin/guides/${guide.id}/figures/${figure.id}` : `/admin/guides/${guide.id}/figures`;
  return (
    <form method="post" action={action} enctype="multipart/form-data" class="figure-form">
      <fieldset>
        <legend>{escapeHtml(figure ? ctx.t('admin.figure.edit') : ctx.t('admin.figure.add'))}</legend>
        {image ? (
          <div class="figure-thumb">
            <Picture image={image} alt={figure?.alt ?? ''} sizes="160px" />
          </div>
        ) : figure ? (
          <p class="notice notice-warning">{escapeHtml(ctx.t('admin.figure.awaitingImage'))}</p>
        ) : (
          ''
        )}
        <div class="field">
          <label for={`figure-file-${id}`}>{escapeHtml(ctx.t('admin.figure.file'))}</label>
          <p class="hint" id={`figure-file-${id}-hint`}>
            {escapeHtml(ctx.t('admin.figure.fileHint'))}
          </p>
          <input id={`figure-file-${id}`} type="file" name="image" accept="image/jpeg,image/png,image/webp,image/avif,image/gif" aria-describedby={`figure-file-${id}-hint`} />
        </div>
        <div class="field">
          <label for={`figure-alt-${id}`}>{escapeHtml(ctx.t('admin.figure.alt'))}</label>
          <input id={`figure-alt-${id}`} name="alt" value={figure?.alt ?? ''} maxlength="300" required />
        </div>
        <div class="field">
          <label for={`figure-caption-${id}`}>{escapeHtml(ctx.t('admin.figure.caption'))}</label>
          <input id={`figure-caption-${id}`} name="caption" value={figure?.caption ?? ''} maxlength="400" />
        </div>
        <div class="field">
          <label for={`figure-section-${id}`}>{escapeHtml(ctx.t('admin.figure.section'))}</label>
          <select id={`figure-section-${id}`} name="section">
            <option value="">{escapeHtml(ctx.t('admin.figure.noSection'))}</option>
            {guide.sections.map((s) => (
              <option value={s.id} selected={figure?.sectionId === s.id} safe>
                {sectionTitle(ctx, s)}
              </option>
            ))}
          </select>
        </div>
        <p class="form-actions">
          <button class="button small" type="submit">
            {escapeHtml(figure ? ctx.t('admin.figure.save') : ctx.t('admin.figure.addButton'))}
          </button>
        </p>
      </fieldset>
    </form>
  );
}

export function GuideEditorPage({ ctx, data, notice, errors, errorSection }: { ctx: ViewContext; data: EditorData; notice?: string | undefined; errors?: FieldErrors | undefined; errorSection?: string | undefined }): JSX.Element {
  const g = data.guide;
  const related = new Set(g.relatedIds);
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('admin.editor.title', { title: g.title }), area: 'admin' }}>
      <p class="eyebrow">
        <Status ctx={ctx} status={g.status} /> · {escapeHtml(ctx.t(LANGUAGE_LABEL[g.locale] ?? 'lang.en'))} · {escapeHtml(ctx.t('admin.editor.revision', { number: g.revision }))}
      </p>
      <h1 safe>{g.title}</h1>
      <Notice message={notice} />
      {!errorSection ? <ErrorSummary ctx={ctx} errors={errors} /> : ''}
      <div class="toolbar">
        {g.status === 'published' ? (
          <a class="button secondary" href={`${g.locale === 'en' ? '' : `/${g.locale}`}/guides/${g.slug}`}>
            {escapeHtml(ctx.t('admin.editor.view'))}
          </a>
        ) : (
          ''
        )}
        <a class="button secondary" href={`/admin/guides/${g.id}/revisions`}>
          {escapeHtml(ctx.t('admin.editor.history'))}
        </a>
        {data.canPublish ? (
          g.status === 'published' ? (
            <form method="post" action={`/admin/guides/${g.id}/unpublish`}>
              <button class="button secondary" type="submit">
                {escapeHtml(ctx.t('admin.editor.unpublish'))}
              </button>
            </form>
          ) : (
            <form method="post" action={`/admin/guides/${g.id}/publish`}>
              <button class="button" type="submit">
                {escapeHtml(ctx.t('admin.editor.publish'))}
              </button>
            </form>
          )
        ) : (
          ''
        )}
      </div>

      <section aria-labelledby="details-title">
        <h2 id="details-title">{escapeHtml(ctx.t('admin.editor.details'))}</h2>
        <form method="post" action={`/admin/guides/${g.id}/details`} novalidate>
          <Field name="title" label={ctx.t('admin.guides.fieldTitle')} value={g.title} error={errorSection ? undefined : errors?.title} required maxlength={160} />
          <Field name="slug" label={ctx.t('admin.guides.fieldSlug')} hint={ctx.t('admin.guides.slugHint')} value={g.slug} error={errorSection ? undefined : errors?.slug} required maxlength={80} />
          <Select name="category" label={ctx.t('admin.guides.fieldArea')} options={categoryOptions(ctx)} value={g.category} />
          <Field name="summary" label={ctx.t('admin.guides.fieldSummary')} value={g.summary} error={errorSection ? undefined : errors?.summary} required multiline rows={3} maxlength={400} />
          {data.candidates.length ? (
            <fieldset>
              <legend>{escapeHtml(ctx.t('admin.editor.related'))}</legend>
              <ul class="checkbox-list">
                {data.candidates.map((c) => (
                  <li>
                    <input type="checkbox" id={`related-${c.id}`} name="related" value={c.id} checked={related.has(c.id)} />{' '}
                    <label for={`related-${c.id}`} safe>
                      {c.title}
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          ) : (
            ''
          )}
          <p class="form-actions">
            <button class="button" type="submit">
              {escapeHtml(ctx.t('admin.editor.saveDetails'))}
            </button>
          </p>
        </form>
      </section>

      <section aria-labelledby="sections-title">
        <h2 id="sections-title">{escapeHtml(ctx.t('admin.editor.sections'))}</h2>
        <p class="hint">{escapeHtml(ctx.t('admin.editor.gradeTarget', { target: TARGET_GRADE }))}</p>
        {g.sections.map((s, i) => (
          <SectionEditor ctx={ctx} guide={g} section={s} index={i} count={g.sections.length} grade={data.grades.get(s.id)} error={errorSection === s.id ? errors : undefined} />
        ))}
        <form method="post" action={`/admin/guides/${g.id}/sections`} class="section-editor">
          <h3>{escapeHtml(ctx.t('admin.section.add'))}</h3>
          <Select
            name="kind"
            id="kind-new"
            label={ctx.t('admin.section.kind')}
            options={SECTION_KINDS.map((k) => ({ value: k, label: ctx.t(`guide.section.${k}` as MessageKey) }))}
            value="custom"
          />
          <Field name="heading" label={ctx.t('admin.section.heading')} hint={ctx.t('admin.section.headingHint')} error={errorSection === 'new' ? errors?.heading : undefined} maxlength={160} id="heading-new" />
          <input type="hidden" name="body" value="" />
          <p class="form-actions">
            <button class="button secondary" type="submit">
              {escapeHtml(ctx.t('admin.section.addButton'))}
            </button>
          </p>
        </form>
      </section>

      <section aria-labelledby="figures-title">
        <h2 id="figures-title">{escapeHtml(ctx.t('admin.editor.figures'))}</h2>
        {g.figures.map((f) => (
          <div class="section-editor">
            <FigureForm ctx={ctx} guide={g} figure={f} image={f.mediaId ? data.images.get(f.mediaId) : undefined} />
            <form method="post" action={`/admin/guides/${g.id}/figures/${f.id}/delete`} data-confirm={ctx.t('admin.figure.confirmDelete')}>
              <button class="button small danger" type="submit">
                {escapeHtml(ctx.t('admin.figure.delete'))}
              </button>
            </form>
          </div>
        ))}
        <div class="section-editor">
          <FigureForm ctx={ctx} guide={g} />
        </div>
      </section>
    </Layout>
  );
}

export function ImportPage({ ctx, values = {}, errors }: { ctx: ViewContext; values?: Record<string, string>; errors?: FieldErrors }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('admin.import.title'), area: 'admin' }}>
      <h1>{escapeHtml(ctx.t('admin.import.title'))}</h1>
      <p class="lead">{escapeHtml(ctx.t('admin.import.intro'))}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action="/admin/guides/import" novalidate>
        <Field name="text" label={ctx.t('admin.import.text')} hint={ctx.t('admin.import.textHint')} value={values.text} error={errors?.text} multiline rows={18} required />
        <Select name="locale" label={ctx.t('admin.guides.fieldLanguage')} options={localeOptions(ctx)} value={values.locale} error={errors?.locale} />
        <Select name="category" label={ctx.t('admin.guides.fieldArea')} options={categoryOptions(ctx)} value={values.category} error={errors?.category} />
        <p class="form-actions">
          <button class="button" type="submit">
            {escapeHtml(ctx.t('admin.import.submit'))}
          </button>
        </p>
      </form>
    </Layout>
  );
}

export function ImportResultPage({ ctx, guideId, title, report }: { ctx: ViewContext; guideId: string; title: string; report: ImportReport }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('admin.import.doneTitle'), area: 'admin' }}>
      <h1>{escapeHtml(ctx.t('admin.import.doneTitle'))}</h1>
      <p class="notice notice-success" role="status">
        {escapeHtml(ctx.t('admin.import.done', { title }))}
      </p>
      <dl class="import-report">
        <dt>{escapeHtml(ctx.t('admin.import.sections'))}</dt>
        <dd>{escapeHtml(String(report.sections))}</dd>
        <dt>{escapeHtml(ctx.t('admin.import.paragraphs'))}</dt>
        <dd>{escapeHtml(String(report.paragraphs))}</dd>
        <dt>{escapeHtml(ctx.t('admin.import.captions'))}</dt>
        <dd>{escapeHtml(String(report.captions))}</dd>
        <dt>{escapeHtml(ctx.t('admin.import.duplicates'))}</dt>
        <dd>{escapeHtml(String(report.duplicatesDropped))}</dd>
        <dt>{escapeHtml(ctx.t('admin.import.trailing'))}</dt>
        <dd safe>{report.trailingPagesLeftOut.length ? report.trailingPagesLeftOut.join(', ') : ctx.t('admin.import.none')}</dd>
      </dl>
      <p>
        <a class="button" href={`/admin/guides/${guideId}`}>
          {escapeHtml(ctx.t('admin.import.edit'))}
        </a>
      </p>
    </Layout>
  );
}

export function RevisionsPage({ ctx, guide, revisions, notice }: { ctx: ViewContext; guide: GuideSummary; revisions: readonly GuideRevision[]; notice?: string | undefined }): JSX.Element {
  const latest = revisions[0]?.number ?? 0;
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('admin.revisions.title', { title: guide.title }), area: 'admin' }}>
      <p class="eyebrow">
        <a href={`/admin/guides/${guide.id}`} safe>
          {guide.title}
        </a>
      </p>
      <h1>{escapeHtml(ctx.t('admin.revisions.heading'))}</h1>
      <Notice message={notice} />
      <DataTable caption={ctx.t('admin.revisions.heading')} columns={['#', ctx.t('admin.revisions.when'), ctx.t('admin.revisions.who'), ctx.t('admin.revisions.what'), ctx.t('admin.revisions.actions')]} extraClass="revisions">
        {revisions.map((r) => (
          <tr>
            <td>{escapeHtml(String(r.number))}</td>
            <td>{escapeHtml(formatDateTime(ctx.locale, r.createdAt))}</td>
            <td safe>{r.authorName ?? ctx.t('admin.revisions.system')}</td>
            <td safe>{r.note}</td>
            <td class="toolbar">
              {r.number < latest ? (
                <>
                  <a href={`/admin/guides/${guide.id}/diff?from=${r.number}&to=${latest}`}>{escapeHtml(ctx.t('admin.revisions.compare', { number: r.number }))}</a>
                  <form method="post" action={`/admin/guides/${guide.id}/revisions/${r.number}/restore`} data-confirm={ctx.t('admin.revisions.confirmRestore')}>
                    <button class="button small secondary" type="submit" aria-label={ctx.t('admin.revisions.restoreLabel', { number: r.number })}>
                      {escapeHtml(ctx.t('admin.revisions.restore'))}
                    </button>
                  </form>
                </>
              ) : (
                <span class="hint">{escapeHtml(ctx.t('admin.revisions.current'))}</span>
              )}
              {r.number > 1 ? <a href={`/admin/guides/${guide.id}/diff?from=${r.number - 1}&to=${r.number}`}>{escapeHtml(ctx.t('admin.revisions.changes'))}</a> : ''}
            </td>
          </tr>
        ))}
      </DataTable>
    </Layout>
  );
}

export function DiffPage({ ctx, guide, from, to, segments, fromSnapshot }: { ctx: ViewContext; guide: GuideSummary; from: number; to: number; segments: readonly DiffSegment[]; fromSnapshot: GuideSnapshot }): JSX.Element {
  const changed = segments.some((s) => s.kind !== 'same');
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('admin.diff.title', { from, to }), area: 'admin' }}>
      <p class="eyebrow">
        <a href={`/admin/guides/${guide.id}/revisions`} safe>
          {guide.title}
        </a>
      </p>
      <h1>{escapeHtml(ctx.t('admin.diff.title', { from, to }))}</h1>
      <p class="hint">{escapeHtml(ctx.t('admin.diff.legend'))}</p>
      {changed ? '' : <p class="notice notice-info">{escapeHtml(ctx.t('admin.diff.same'))}</p>}
      <DiffText ctx={ctx} segments={segments} />
      <p class="hint">
        {escapeHtml(ctx.t('admin.diff.fromTitle', { title: fromSnapshot.title }))}
      </p>
    </Layout>
  );
}
