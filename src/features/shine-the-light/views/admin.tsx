import { escapeHtml } from '@kitajs/html';
import type { MessageKey } from '../../../core/i18n/index.js';
import { ChoiceGroup, DataTable, ErrorSummary, Field, type FieldErrors, Notice } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/layout.js';
import { DISCLOSURE_CATEGORIES, type Disclosure } from '../model.js';

/** The register of disclosures for third parties' direct marketing, and how many people asked. */
export function RegisterPage({
  ctx,
  disclosures,
  counts,
  year,
  values = {},
  chosen = [],
  errors,
  notice,
}: {
  ctx: ViewContext;
  disclosures: readonly Disclosure[];
  counts: { answered: number; repeats: number };
  year: number;
  values?: Record<string, string>;
  chosen?: readonly string[];
  errors?: FieldErrors | undefined;
  notice?: string | undefined;
}): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('shine.admin.title'), area: 'admin' }}>
      <h1>{escapeHtml(ctx.t('shine.admin.title'))}</h1>
      <Notice message={notice} />
      <p>{escapeHtml(ctx.t('shine.admin.intro'))}</p>
      <p>{escapeHtml(ctx.t('shine.admin.counts', { year, answered: counts.answered, repeats: counts.repeats }))}</p>
      {disclosures.length ? (
        <DataTable caption={ctx.t('shine.admin.title')} columns={[ctx.t('shine.admin.year'), ctx.t('shine.admin.recipient'), ctx.t('shine.admin.categories'), ctx.t('shine.admin.markets'), ctx.t('shine.admin.actions')]}>
          {disclosures.map((d) => (
            <tr>
              <td>{escapeHtml(String(d.year))}</td>
              <td>
                <span safe>{d.recipient}</span>
                <br />
                <span safe>{d.address}</span>
              </td>
              <td safe>{d.categories.map((c) => ctx.t(`shine.category.${c}` as MessageKey)).join(', ')}</td>
              <td safe>{d.markets}</td>
              <td>
                <form method="post" action={`/admin/shine-the-light/disclosures/${d.id}/delete`}>
                  <button type="submit" class="button secondary">
                    {escapeHtml(ctx.t('shine.admin.remove'))}
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p>{escapeHtml(ctx.t('shine.admin.empty'))}</p>
      )}
      <h2 id="add-title">{escapeHtml(ctx.t('shine.admin.add'))}</h2>
      <form method="post" action="/admin/shine-the-light/disclosures" class="narrow" novalidate aria-labelledby="add-title">
        <ErrorSummary ctx={ctx} errors={errors} />
        <Field name="year" type="number" label={ctx.t('shine.admin.year')} value={values.year ?? String(year - 1)} error={errors?.year} required />
        <Field name="recipient" label={ctx.t('shine.admin.recipient')} value={values.recipient} error={errors?.recipient} required maxlength={200} />
        <Field name="address" label={ctx.t('shine.admin.address')} value={values.address} error={errors?.address} required maxlength={500} />
        <ChoiceGroup name="categories" label={ctx.t('shine.admin.categories')} options={DISCLOSURE_CATEGORIES.map((c) => ({ value: c, label: ctx.t(`shine.category.${c}` as MessageKey) }))} checked={chosen} error={errors?.categories} />
        <Field name="markets" label={ctx.t('shine.admin.markets')} hint={ctx.t('shine.admin.marketsHint')} value={values.markets} error={errors?.markets} maxlength={500} />
        <p class="form-actions">
          <button type="submit" class="button">
            {escapeHtml(ctx.t('shine.admin.addButton'))}
          </button>
        </p>
      </form>
    </Layout>
  );
}
