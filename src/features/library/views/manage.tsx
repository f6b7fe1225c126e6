import { escapeHtml } from '@kitajs/html';
import { formatDate, formatDateTime } from '../../../core/i18n/index.js';
import type { DiffSegment } from '../../../core/text/diff.js';
import { ChoiceGroup, DataTable, ErrorSummary, Field, type FieldErrors, Notice, Select } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { DiffMark, DiffText } from '../../../core/views/diff.js';
import { href, Layout } from '../../../core/views/layout.js';
import { Picture } from '../../../core/views/picture.js';
import { type FullItem, ITEM_KINDS, KIND_FILES, type LibraryItem, LICENCE_VERSION, type ListChange, REMOVAL_REASONS, type Revision, type RevisionChanges, type Suggestion } from '../model.js';
import { fileUrl } from './parts.js';

/** The content licence, in our own words; a new version (LICENCE_VERSION) asks again. */
export function LicencePage({ ctx, next, error }: { ctx: ViewContext; next: string; error?: string | undefined }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('library.licence.title'), noindex: true }}>
      <h1>{escapeHtml(ctx.t('library.licence.title'))}</h1>
      <p class="hint">{escapeHtml(ctx.t('library.licence.version', { version: LICENCE_VERSION }))}</p>
      <div class="prose licence-text">
        <p>{escapeHtml(ctx.t('library.licence.p1', { practice: ctx.practice.legalEntity }))}</p>
        <p>{escapeHtml(ctx.t('library.licence.p2'))}</p>
        <p>{escapeHtml(ctx.t('library.licence.p3'))}</p>
        <p>{escapeHtml(ctx.t('library.licence.p4'))}</p>
      </div>
      <form method="post" action={href(ctx, '/library/licence')}>
        <ErrorSummary ctx={ctx} errors={error ? { accept: error } : undefined} />
        <input type="hidden" name="next" value={next} />
        <div class={error ? 'field checkbox has-error' : 'field checkbox'}>
          <input type="checkbox" id="field-accept" name="accept" value="1" required aria-invalid={error ? 'true' : undefined} />
          <label for="field-accept">{escapeHtml(ctx.t('library.licence.accept'))}</label>
        </div>
        <button class="button" type="submit">
          {escapeHtml(ctx.t('library.licence.submit'))}
        </button>
      </form>
    </Layout>
  );
}

export function MyItemsPage({ ctx, items, notice }: { ctx: ViewContext; items: readonly LibraryItem[]; notice?: string | undefined }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('library.mine.title'), noindex: true }}>
      <h1>{escapeHtml(ctx.t('library.mine.title'))}</h1>
      <Notice message={notice} />
      <p>
        <a class="button" href={href(ctx, '/library/items/new')}>
          {escapeHtml(ctx.t('library.mine.new'))}
        </a>
      </p>
      {items.length ? (
        <DataTable caption={ctx.t('library.mine.title')} columns={[ctx.t('library.field.title'), ctx.t('library.field.kind'), ctx.t('library.mine.status'), ctx.t('library.mine.updated')]}>
          {items.map((i) => (
            <tr>
              <td>
                <a href={href(ctx, `/library/items/${i.id}`)} safe>
                  {i.title}
                </a>
              </td>
              <td>{escapeHtml(ctx.t(`library.kind.${i.kind}`))}</td>
              <td>{escapeHtml(ctx.t(`library.status.${i.status}`))}</td>
              <td>{escapeHtml(formatDate(ctx.locale, i.updatedAt))}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p>{escapeHtml(ctx.t('library.mine.empty'))}</p>
      )}
    </Layout>
  );
}

/** The item form (new and edit): fields in the order a person thinks of them. */
export function ItemFormPage({
  ctx,
  item,
  values,
  errors,
  procedures,
}: {
  ctx: ViewContext;
  item?: LibraryItem | undefined;
  values: Record<string, string | string[] | undefined>;
  errors?: FieldErrors | undefined;
  procedures: readonly { slug: string; title: string }[];
}): JSX.Element {
  const v = (k: string): string => {
    const x = values[k];
    return Array.isArray(x) ? (x[0] ?? '') : (x ?? '');
  };
  const chosen = new Set(Array.isArray(values.procedures) ? values.procedures : values.procedures ? [values.procedures] : []);
  const title = item ? ctx.t('library.edit.title', { title: item.title }) : ctx.t('library.new.title');
  return (
    <Layout ctx={ctx} meta={{ title, noindex: true }}>
      <h1 safe>{title}</h1>
      <form method="post" action={href(ctx, item ? `/library/items/${item.id}/edit` : '/library/items')} novalidate>
        <ErrorSummary ctx={ctx} errors={errors} />
        <Select name="kind" label={ctx.t('library.field.kind')} value={v('kind')} error={errors?.kind} options={ITEM_KINDS.map((k) => ({ value: k, label: ctx.t(`library.kind.${k}`) }))} required />
        <Select name="locale" label={ctx.t('library.field.locale')} value={v('locale') || ctx.locale} error={errors?.locale} options={[{ value: 'en', label: ctx.t('lang.en') }, { value: 'es', label: ctx.t('lang.es') }]} required />
        <Field name="title" label={ctx.t('library.field.title')} value={v('title')} error={errors?.title} required maxlength={200} />
        <Field name="summary" label={ctx.t('library.field.summary')} value={v('summary')} error={errors?.summary} required multiline rows={3} maxlength={1000} />
        <Field name="body" label={ctx.t('library.field.body')} hint={ctx.t('library.field.bodyHint')} value={v('body')} error={errors?.body} multiline rows={14} />
        <Field name="references" label={ctx.t('library.field.references')} hint={ctx.t('library.field.referencesHint')} value={v('references')} error={errors?.references} multiline rows={5} />
        <Field name="coauthors" label={ctx.t('library.field.coauthors')} hint={ctx.t('library.field.coauthorsHint')} value={v('coauthors')} error={errors?.coauthors} multiline rows={2} />
        <Field name="external_authors" label={ctx.t('library.field.externalAuthors')} hint={ctx.t('library.field.externalAuthorsHint')} value={v('external_authors')} error={errors?.external_authors} multiline rows={2} />
        <ChoiceGroup name="procedures" label={ctx.t('library.field.procedures')} options={procedures.map((p) => ({ value: p.slug, label: p.title }))} checked={chosen} error={errors?.procedures} />
        <div class="field checkbox">
          <input type="checkbox" id="field-nudity" name="nudity" value="1" checked={v('nudity') === '1'} aria-describedby="field-nudity-hint" />
          <label for="field-nudity">{escapeHtml(ctx.t('library.field.nudity'))}</label>
          <p class="hint" id="field-nudity-hint">
            {escapeHtml(ctx.t('library.field.nudityHint'))}
          </p>
        </div>
        {item?.status === 'published' ? <Field name="change_summary" label={ctx.t('library.field.changeSummary')} value={v('change_summary')} error={errors?.change_summary} maxlength={300} /> : ''}
        <button class="button" type="submit">
          {escapeHtml(ctx.t(item ? 'library.edit.save' : 'library.new.create'))}
        </button>
      </form>
    </Layout>
  );
}

const UPLOAD_ACCEPT = { document: 'application/pdf', video: 'video/mp4,video/webm', image: 'image/jpeg,image/png,image/webp,image/avif', cover: 'image/jpeg,image/png,image/webp,image/avif' } as const;

function UploadForm({ ctx, item, role, error }: { ctx: ViewContext; item: LibraryItem; role: 'document' | 'video' | 'image' | 'cover'; error?: string | undefined }): JSX.Element {
  const id = `upload-${role}`;
  return (
    <form method="post" action={href(ctx, `/library/items/${item.id}/files/${role}`)} enctype="multipart/form-data" class="upload-form" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{escapeHtml(ctx.t(`library.upload.${role}`))}</h3>
      <Field name="alt" id={`${id}-alt`} label={ctx.t(role === 'document' || role === 'video' ? 'library.upload.caption' : 'library.upload.alt')} maxlength={300} />
      <div class={error ? 'field has-error' : 'field'}>
        <label for={`${id}-file`}>{escapeHtml(ctx.t('library.upload.file'))}</label>
        {error ? (
          <p class="error" id={`${id}-file-error`} safe>
            {error}
          </p>
        ) : (
          ''
        )}
        <input type="file" id={`${id}-file`} name="file" accept={UPLOAD_ACCEPT[role]} required aria-describedby={error ? `${id}-file-error` : undefined} aria-invalid={error ? 'true' : undefined} />
      </div>
      <button class="button secondary" type="submit">
        {escapeHtml(ctx.t('library.upload.submit'))}
      </button>
    </form>
  );
}

/**
 * An item's own page for its owner and reviewers: status, preview of the files (through the
 * library route, which checks the actor), uploads, and the workflow buttons each may use.
 */
export function ManagePage({
  ctx,
  item,
  isOwner,
  canEdit,
  canReview,
  canRemove,
  pendingSuggestions,
  notice,
  errors,
}: {
  ctx: ViewContext;
  item: FullItem;
  isOwner: boolean;
  canEdit: boolean;
  canReview: boolean;
  canRemove: boolean;
  pendingSuggestions: number;
  notice?: string | undefined;
  errors?: FieldErrors | undefined;
}): JSX.Element {
  const needed = KIND_FILES[item.kind];
  const editable = canEdit && item.status !== 'removed';
  return (
    <Layout ctx={ctx} meta={{ title: item.title, noindex: true }}>
      <p class="eyebrow">
        <a href={href(ctx, '/library/mine')}>{escapeHtml(ctx.t('library.mine.title'))}</a>
      </p>
      <h1 safe>{item.title}</h1>
      <Notice message={notice} />
      <ErrorSummary ctx={ctx} errors={errors} idFor={(f) => (f === 'form' ? 'workflow' : `upload-${f}-file`)} />
      <dl class="details">
        <dt>{escapeHtml(ctx.t('library.mine.status'))}</dt>
        <dd>{escapeHtml(ctx.t(`library.status.${item.status}`))}</dd>
        <dt>{escapeHtml(ctx.t('library.field.kind'))}</dt>
        <dd>{escapeHtml(ctx.t(`library.kind.${item.kind}`))}</dd>
        <dt>{escapeHtml(ctx.t('library.field.nudity'))}</dt>
        <dd>{escapeHtml(ctx.t(item.nudity ? 'library.yes' : 'library.no'))}</dd>
      </dl>
      {item.status === 'returned' && item.returnReason && isOwner ? (
        <div class="notice notice-warning">
          <p>{escapeHtml(ctx.t('library.returnedBecause'))}</p>
          <p class="pre-line" safe>
            {item.returnReason}
          </p>
        </div>
      ) : (
        ''
      )}
      <p class="lede" safe>
        {item.summary}
      </p>
      <div class="prose">{item.bodyHtml as 'safe'}</div>
      <section aria-labelledby="files-title">
        <h2 id="files-title">{escapeHtml(ctx.t('library.files'))}</h2>
        {item.files.length ? (
          <ul class="photo-set">
            {item.files.map((f) => (
              <li>
                <figure>
                  <Picture image={f.image} alt={f.alt || ctx.t(`library.role.${f.role}`)} sizes="12rem" url={fileUrl} />
                  <figcaption>
                    {escapeHtml(ctx.t(`library.role.${f.role}`))}
                    {f.alt ? <span safe>{` · ${f.alt}`}</span> : ''}
                  </figcaption>
                </figure>
                {editable ? (
                  <form method="post" action={href(ctx, `/library/items/${item.id}/files/${f.id}/delete`)}>
                    <button class="button small secondary" type="submit" aria-label={ctx.t('library.file.removeLabel', { role: ctx.t(`library.role.${f.role}`) })}>
                      {escapeHtml(ctx.t('library.file.remove'))}
                    </button>
                  </form>
                ) : (
                  ''
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p>{escapeHtml(ctx.t('library.files.none'))}</p>
        )}
        {editable ? (
          <>
            {needed ? <UploadForm ctx={ctx} item={item} role={needed} error={errors?.[needed]} /> : ''}
            <UploadForm ctx={ctx} item={item} role="cover" error={errors?.cover} />
          </>
        ) : (
          ''
        )}
      </section>
      <section aria-labelledby="workflow" class="toolbar">
        <h2 id="workflow" tabindex="-1">
          {escapeHtml(ctx.t('library.actions'))}
        </h2>
        {editable ? <a class="button secondary" href={href(ctx, `/library/items/${item.id}/edit`)}>{escapeHtml(ctx.t('library.edit'))}</a> : ''}
        {item.status === 'published' ? <a href={href(ctx, `/library/${item.slug}`)}>{escapeHtml(ctx.t('library.viewPublic'))}</a> : ''}
        {item.revision > 0 ? <a href={href(ctx, `/library/items/${item.id}/history`)}>{escapeHtml(ctx.t('library.history'))}</a> : ''}
        {editable && item.status === 'published' ? <a href={href(ctx, `/library/items/${item.id}/suggestions`)}>{escapeHtml(ctx.t('library.suggestions.link', { count: pendingSuggestions }))}</a> : ''}
        {isOwner && (item.status === 'draft' || item.status === 'returned') ? (
          <form method="post" action={href(ctx, `/library/items/${item.id}/submit`)}>
            <button class="button" type="submit">
              {escapeHtml(ctx.t('library.submit'))}
            </button>
          </form>
        ) : (
          ''
        )}
        {(isOwner || canRemove) && item.status !== 'removed' ? (
          <form method="post" action={href(ctx, `/library/items/${item.id}/nudity`)}>
            <input type="hidden" name="nudity" value={item.nudity ? '0' : '1'} />
            <button class="button secondary" type="submit">
              {escapeHtml(ctx.t(item.nudity ? 'library.nudity.unmark' : 'library.nudity.mark'))}
            </button>
          </form>
        ) : (
          ''
        )}
      </section>
      {isOwner && item.revision === 0 && (item.status === 'draft' || item.status === 'returned') ? (
        <section aria-labelledby="delete-title">
          <h2 id="delete-title">{escapeHtml(ctx.t('library.delete.title'))}</h2>
          <p>{escapeHtml(ctx.t('library.delete.text'))}</p>
          <form method="post" action={href(ctx, `/library/items/${item.id}/delete`)}>
            <button class="button danger" type="submit">
              {escapeHtml(ctx.t('library.delete.submit'))}
            </button>
          </form>
        </section>
      ) : (
        ''
      )}
      {canReview && item.status === 'submitted' ? (
        <section aria-labelledby="review-title">
          <h2 id="review-title">{escapeHtml(ctx.t('library.review.title'))}</h2>
          <form method="post" action={`/admin/library/${item.id}/publish`}>
            <button class="button" type="submit">
              {escapeHtml(ctx.t('library.review.publish'))}
            </button>
          </form>
          <form method="post" action={`/admin/library/${item.id}/return`}>
            <Field name="reason" id="return-reason" label={ctx.t('library.review.reason')} error={errors?.reason} multiline rows={3} required />
            <button class="button secondary" type="submit">
              {escapeHtml(ctx.t('library.review.return'))}
            </button>
          </form>
        </section>
      ) : (
        ''
      )}
      {canRemove && item.status === 'published' ? (
        <section aria-labelledby="remove-title">
          <h2 id="remove-title">{escapeHtml(ctx.t('library.remove.title'))}</h2>
          <form method="post" action={`/admin/library/${item.id}/remove`}>
            <Select name="reason" id="remove-reason" label={ctx.t('library.remove.reason')} options={REMOVAL_REASONS.map((r) => ({ value: r, label: ctx.t(`library.removal.${r}`) }))} />
            <button class="button danger" type="submit">
              {escapeHtml(ctx.t('library.remove.submit'))}
            </button>
          </form>
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}

export function SuggestPage({ ctx, item, values, errors }: { ctx: ViewContext; item: LibraryItem; values: Record<string, string>; errors?: FieldErrors | undefined }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('library.suggest.title', { title: item.title }), noindex: true }}>
      <h1 safe>{ctx.t('library.suggest.title', { title: item.title })}</h1>
      <p>{escapeHtml(ctx.t('library.suggest.intro'))}</p>
      <form method="post" action={href(ctx, `/library/items/${item.id}/suggest`)} novalidate>
        <ErrorSummary ctx={ctx} errors={errors} />
        <Field name="title" label={ctx.t('library.field.title')} value={values.title} error={errors?.title} required maxlength={200} />
        <Field name="summary" label={ctx.t('library.field.summary')} value={values.summary} error={errors?.summary} required multiline rows={3} />
        <Field name="body" label={ctx.t('library.field.body')} value={values.body} error={errors?.body} multiline rows={14} />
        <Field name="note" label={ctx.t('library.suggest.note')} value={values.note} error={errors?.note} required maxlength={1000} />
        <button class="button" type="submit">
          {escapeHtml(ctx.t('library.suggest.submit'))}
        </button>
      </form>
    </Layout>
  );
}

export function SuggestionsPage({ ctx, item, suggestions, notice }: { ctx: ViewContext; item: LibraryItem; suggestions: readonly (Suggestion & { segments: DiffSegment[] })[]; notice?: string | undefined }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('library.suggestions.title', { title: item.title }), noindex: true }}>
      <p class="eyebrow">
        <a href={href(ctx, `/library/items/${item.id}`)} safe>
          {item.title}
        </a>
      </p>
      <h1>{escapeHtml(ctx.t('library.suggestions.heading'))}</h1>
      <Notice message={notice} />
      {suggestions.length ? '' : <p>{escapeHtml(ctx.t('library.suggestions.none'))}</p>}
      {suggestions.map((s) => (
        <section class="suggestion" aria-labelledby={`s-${s.id}`}>
          <h2 id={`s-${s.id}`}>{escapeHtml(ctx.t('library.suggestions.by', { name: s.authorName ?? '—', date: formatDateTime(ctx.locale, s.createdAt) }))}</h2>
          <p safe>{s.note}</p>
          <DiffText ctx={ctx} segments={s.segments} />
          <form method="post" action={href(ctx, `/library/items/${item.id}/suggestions/${s.id}`)} class="toolbar">
            <button class="button" type="submit" name="decision" value="accept">
              {escapeHtml(ctx.t('library.suggestions.accept'))}
            </button>
            <button class="button secondary" type="submit" name="decision" value="reject">
              {escapeHtml(ctx.t('library.suggestions.reject'))}
            </button>
          </form>
        </section>
      ))}
    </Layout>
  );
}

export function HistoryPage({ ctx, item, revisions, canRestore, notice }: { ctx: ViewContext; item: LibraryItem; revisions: readonly Revision[]; canRestore: boolean; notice?: string | undefined }): JSX.Element {
  const latest = revisions[0]?.number ?? 0;
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('library.history.title', { title: item.title }), noindex: true }}>
      <p class="eyebrow">
        <a href={href(ctx, item.status === 'published' ? `/library/${item.slug}` : `/library/items/${item.id}`)} safe>
          {item.title}
        </a>
      </p>
      <h1>{escapeHtml(ctx.t('library.history'))}</h1>
      <Notice message={notice} />
      <DataTable caption={ctx.t('library.history')} columns={['#', ctx.t('admin.revisions.when'), ctx.t('admin.revisions.who'), ctx.t('admin.revisions.what'), ctx.t('admin.revisions.actions')]}>
        {revisions.map((r) => (
          <tr>
            <td>{escapeHtml(String(r.number))}</td>
            <td>{escapeHtml(formatDateTime(ctx.locale, r.createdAt))}</td>
            <td safe>{r.authorName ?? '—'}</td>
            <td>{escapeHtml(r.summary ? `${revisionChangeLabel(ctx, r)}: ${r.summary}` : revisionChangeLabel(ctx, r))}</td>
            <td class="toolbar">
              {r.number > 1 ? <a href={href(ctx, `/library/items/${item.id}/diff?from=${r.number - 1}&to=${r.number}`)}>{escapeHtml(ctx.t('admin.revisions.changes'))}</a> : ''}
              {r.number < latest ? <a href={href(ctx, `/library/items/${item.id}/diff?from=${r.number}&to=${latest}`)}>{escapeHtml(ctx.t('admin.revisions.compare', { number: r.number }))}</a> : ''}
              {canRestore && r.number < latest ? (
                <form method="post" action={href(ctx, `/library/items/${item.id}/revisions/${r.number}/restore`)}>
                  <button class="button small secondary" type="submit" aria-label={ctx.t('admin.revisions.restoreLabel', { number: r.number })}>
                    {escapeHtml(ctx.t('admin.revisions.restore'))}
                  </button>
                </form>
              ) : (
                ''
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </Layout>
  );
}

function revisionChangeLabel(ctx: ViewContext, r: Revision): string {
  return r.change === 'restored' ? ctx.t('library.revision.restored', { number: r.restoredFrom ?? 0 }) : ctx.t(`library.revision.${r.change}`);
}

/** A list's entries added and removed between two revisions; a null label is a former member. */
function ListChanges({ ctx, heading, change }: { ctx: ViewContext; heading: string; change: ListChange }): JSX.Element {
  const label = (x: string | null) => x ?? ctx.t('rights.formerMember');
  return (
    <section>
      <h2>{escapeHtml(heading)}</h2>
      <ul class="diff-list">
        {change.removed.map((x) => (
          <li>
            <DiffMark ctx={ctx} kind="removed" text={label(x)} />
          </li>
        ))}
        {change.added.map((x) => (
          <li>
            <DiffMark ctx={ctx} kind="added" text={label(x)} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function LibraryDiffPage({ ctx, item, from, to, changes }: { ctx: ViewContext; item: LibraryItem; from: number; to: number; changes: RevisionChanges }): JSX.Element {
  const lists = [
    [ctx.t('library.diff.authors'), changes.authors],
    [ctx.t('library.diff.references'), changes.references],
    [ctx.t('library.diff.procedures'), changes.procedures],
    [ctx.t('library.diff.files'), changes.files],
  ] as const;
  const changedLists = lists.filter(([, c]) => c.added.length + c.removed.length > 0);
  const textChanged = changes.text.some((s) => s.kind !== 'same');
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('admin.diff.title', { from, to }), noindex: true }}>
      <p class="eyebrow">
        <a href={href(ctx, `/library/items/${item.id}/history`)} safe>
          {item.title}
        </a>
      </p>
      <h1>{escapeHtml(ctx.t('admin.diff.title', { from, to }))}</h1>
      <p class="hint">{escapeHtml(ctx.t('admin.diff.legend'))}</p>
      {textChanged || changedLists.length ? '' : <p class="notice notice-info">{escapeHtml(ctx.t('library.diff.same'))}</p>}
      <h2>{escapeHtml(ctx.t('library.diff.text'))}</h2>
      <DiffText ctx={ctx} segments={changes.text} />
      {changedLists.map(([heading, change]) => (
        <ListChanges ctx={ctx} heading={heading} change={change} />
      ))}
    </Layout>
  );
}

/** The back-office review queue: submitted items, oldest first. */
export function QueuePage({ ctx, items, notice }: { ctx: ViewContext; items: readonly LibraryItem[]; notice?: string | undefined }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('library.queue.title'), area: 'admin' }}>
      <h1>{escapeHtml(ctx.t('library.queue.title'))}</h1>
      <Notice message={notice} />
      {items.length ? (
        <DataTable caption={ctx.t('library.queue.title')} columns={[ctx.t('library.field.title'), ctx.t('library.field.kind'), ctx.t('library.field.author'), ctx.t('library.mine.updated')]}>
          {items.map((i) => (
            <tr>
              <td>
                <a href={`/library/items/${i.id}`} safe>
                  {i.title}
                </a>
              </td>
              <td>{escapeHtml(ctx.t(`library.kind.${i.kind}`))}</td>
              <td safe>{i.authors.map((a) => a.name).join(', ')}</td>
              <td>{escapeHtml(formatDate(ctx.locale, i.updatedAt))}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p>{escapeHtml(ctx.t('library.queue.empty'))}</p>
      )}
    </Layout>
  );
}
