import { escapeHtml } from '@kitajs/html';
import { formatDate, formatDateTime, type MessageKey } from '../../../core/i18n/index.js';
import { ChoiceGroup, DataTable, ErrorSummary, Field, type FieldErrors, Notice } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/layout.js';
import { BREACH_CATEGORIES, bannerShown, type Deadline, type Incident, type Recipient } from '../model.js';

const category = (ctx: ViewContext, c: string) => ctx.t(`breach.category.${c}` as MessageKey);

/** Every incident recorded, and the form to record a new one. */
export function BreachesPage({ ctx, incidents, values = {}, chosen = [], errors }: { ctx: ViewContext; incidents: readonly Incident[]; values?: Record<string, string>; chosen?: readonly string[]; errors?: FieldErrors | undefined }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('breach.admin.title'), area: 'admin' }}>
      <h1>{escapeHtml(ctx.t('breach.admin.title'))}</h1>
      {incidents.length ? (
        <DataTable caption={ctx.t('breach.admin.title')} columns={[ctx.t('breach.admin.incident'), ctx.t('breach.admin.discovered'), ctx.t('breach.admin.noticesSent'), ctx.t('breach.admin.banner')]}>
          {incidents.map((i) => (
            <tr>
              <td>
                <a href={`/admin/breaches/${i.id}`} safe>
                  {i.title}
                </a>
              </td>
              <td>{escapeHtml(formatDate(ctx.locale, i.discoveredAt))}</td>
              <td>{escapeHtml(i.noticesSentAt ? formatDateTime(ctx.locale, i.noticesSentAt) : '—')}</td>
              <td>{escapeHtml(ctx.t(bannerShown(i) ? 'breach.admin.bannerUp' : 'breach.admin.bannerDown'))}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p>{escapeHtml(ctx.t('breach.admin.none'))}</p>
      )}
      <h2 id="record-title">{escapeHtml(ctx.t('breach.admin.record'))}</h2>
      <form method="post" action="/admin/breaches" novalidate aria-labelledby="record-title">
        <ErrorSummary ctx={ctx} errors={errors} />
        <Field name="title" label={ctx.t('breach.admin.titleField')} hint={ctx.t('breach.admin.titleHint')} value={values.title} error={errors?.title} required maxlength={200} />
        <Field name="discovered" label={ctx.t('breach.admin.discoveredField')} hint={ctx.t('policies.admin.dateHint')} value={values.discovered} error={errors?.discovered} required maxlength={10} />
        <Field name="occurred" label={ctx.t('breach.admin.occurredField')} hint={ctx.t('breach.admin.occurredHint')} value={values.occurred} error={errors?.occurred} maxlength={10} />
        <ChoiceGroup name="categories" label={ctx.t('breach.admin.categories')} options={BREACH_CATEGORIES.map((c) => ({ value: c, label: category(ctx, c) }))} checked={chosen} error={errors?.categories} />
        <ChoiceGroup
          type="radio"
          name="scope"
          label={ctx.t('breach.admin.scope')}
          options={[
            { value: 'selected', label: ctx.t('breach.admin.scopeSelected') },
            { value: 'all', label: ctx.t('breach.admin.scopeAll') },
          ]}
          checked={[values.scope === 'all' ? 'all' : 'selected']}
          error={errors?.scope}
        />
        <Field name="description_en" label={ctx.t('breach.admin.descriptionEn')} hint={ctx.t('breach.admin.descriptionHint')} value={values.description_en} error={errors?.description_en} multiline rows={4} required maxlength={5000} />
        <Field name="description_es" label={ctx.t('breach.admin.descriptionEs')} value={values.description_es} error={errors?.description_es} multiline rows={4} required maxlength={5000} />
        <Field name="actions_en" label={ctx.t('breach.admin.actionsEn')} value={values.actions_en} error={errors?.actions_en} multiline rows={3} required maxlength={5000} />
        <Field name="actions_es" label={ctx.t('breach.admin.actionsEs')} value={values.actions_es} error={errors?.actions_es} multiline rows={3} required maxlength={5000} />
        <Field name="advice_en" label={ctx.t('breach.admin.adviceEn')} value={values.advice_en} error={errors?.advice_en} multiline rows={3} required maxlength={5000} />
        <Field name="advice_es" label={ctx.t('breach.admin.adviceEs')} value={values.advice_es} error={errors?.advice_es} multiline rows={3} required maxlength={5000} />
        <p class="form-actions">
          <button type="submit" class="button">
            {escapeHtml(ctx.t('breach.admin.recordButton'))}
          </button>
        </p>
      </form>
    </Layout>
  );
}

/** One incident: its clocks, the people affected, the notices and the site notice. */
export function IncidentPage({
  ctx,
  incident,
  recipients,
  deadlines,
  q,
  found,
  notice,
  error,
}: {
  ctx: ViewContext;
  incident: Incident;
  recipients: readonly Recipient[];
  deadlines: readonly Deadline[];
  q?: string | undefined;
  found?: readonly { id: string; name: string; email: string }[] | undefined;
  notice?: string | undefined;
  error?: string | undefined;
}): JSX.Element {
  const listed = new Set(recipients.map((r) => r.userId));
  return (
    <Layout ctx={ctx} meta={{ title: incident.title, area: 'admin' }}>
      <h1 safe>{incident.title}</h1>
      <Notice message={notice} />
      {error ? (
        <p class="notice notice-warning" role="alert" safe>
          {error}
        </p>
      ) : (
        ''
      )}
      <dl>
        <dt>{escapeHtml(ctx.t('breach.admin.discovered'))}</dt>
        <dd>{escapeHtml(formatDate(ctx.locale, incident.discoveredAt))}</dd>
        <dt>{escapeHtml(ctx.t('breach.admin.occurredField'))}</dt>
        <dd>{escapeHtml(incident.occurredAt ? formatDate(ctx.locale, incident.occurredAt) : '—')}</dd>
        <dt>{escapeHtml(ctx.t('breach.admin.categories'))}</dt>
        <dd safe>{incident.categories.map((c) => category(ctx, c)).join(', ')}</dd>
        <dt>{escapeHtml(ctx.t('breach.admin.scope'))}</dt>
        <dd>{escapeHtml(ctx.t(incident.scope === 'all' ? 'breach.admin.scopeAll' : 'breach.admin.scopeSelected'))}</dd>
        <dt>{escapeHtml(ctx.t('breach.admin.descriptionEn'))}</dt>
        <dd safe>{incident.description[ctx.locale]}</dd>
      </dl>
      <h2>{escapeHtml(ctx.t('breach.admin.clocks'))}</h2>
      <DataTable caption={ctx.t('breach.admin.clocks')} columns={[ctx.t('breach.admin.who'), ctx.t('breach.admin.due'), ctx.t('breach.admin.applies')]}>
        {deadlines.map((d) => (
          <tr>
            <td>{escapeHtml(ctx.t(`breach.clock.${d.key}`))}</td>
            <td>{escapeHtml(d.due ? formatDate(ctx.locale, d.due) : '—')}</td>
            <td>{escapeHtml(ctx.t(d.applies === 'check' ? 'breach.admin.check' : d.applies ? 'policies.admin.yes' : 'policies.admin.no'))}</td>
          </tr>
        ))}
      </DataTable>

      <h2 id="notify-title">{escapeHtml(ctx.t('breach.admin.notices'))}</h2>
      <p>{escapeHtml(ctx.t('breach.admin.recipientCount', { count: incident.scope === 'all' && !incident.noticesSentAt ? ctx.t('breach.admin.everyone') : String(recipients.length) }))}</p>
      <form method="post" action={`/admin/breaches/${incident.id}/notify`}>
        <button type="submit" class="button">
          {escapeHtml(ctx.t(incident.noticesSentAt ? 'breach.admin.notifyAgain' : 'breach.admin.notify'))}
        </button>
      </form>

      <h2>{escapeHtml(ctx.t('breach.admin.banner'))}</h2>
      <form method="post" action={`/admin/breaches/${incident.id}/banner`}>
        <p>{escapeHtml(ctx.t(bannerShown(incident) ? 'breach.admin.bannerUp' : 'breach.admin.bannerDown'))}</p>
        <button type="submit" class="button secondary" name="banner" value={bannerShown(incident) ? 'withdraw' : 'publish'}>
          {escapeHtml(ctx.t(bannerShown(incident) ? 'breach.admin.withdraw' : 'breach.admin.publish'))}
        </button>
      </form>

      {incident.scope === 'selected' ? (
        <section aria-labelledby="people-title">
          <h2 id="people-title">{escapeHtml(ctx.t('breach.admin.people'))}</h2>
          <form method="get" action={`/admin/breaches/${incident.id}`} role="search">
            <Field name="q" type="search" label={ctx.t('staff.people.search')} value={q} maxlength={100} />
            <button type="submit" class="button secondary">
              {escapeHtml(ctx.t('breach.admin.search'))}
            </button>
          </form>
          {found?.length ? (
            <ul class="plain-list">
              {found.map((p) => (
                <li>
                  <span safe>{p.name}</span> (<span safe>{p.email}</span>){' '}
                  {listed.has(p.id) ? (
                    escapeHtml(ctx.t('breach.admin.onList'))
                  ) : (
                    <form method="post" action={`/admin/breaches/${incident.id}/recipients`} class="inline-form">
                      <input type="hidden" name="userId" value={p.id} />
                      <button type="submit" class="link-button">
                        {escapeHtml(ctx.t('breach.admin.add'))}
                      </button>
                    </form>
                  )}
                </li>
              ))}
            </ul>
          ) : q ? (
            <p>{escapeHtml(ctx.t('breach.admin.noMatch'))}</p>
          ) : (
            ''
          )}
        </section>
      ) : (
        ''
      )}
      {recipients.length ? (
        <DataTable caption={ctx.t('breach.admin.people')} columns={[ctx.t('breach.admin.person'), ctx.t('breach.admin.notified'), ctx.t('shine.admin.actions')]}>
          {recipients.map((r) => (
            <tr>
              <td safe>{r.name ?? ctx.t('breach.admin.deleted')}</td>
              <td>{escapeHtml(r.notifiedAt ? formatDateTime(ctx.locale, r.notifiedAt) : '—')}</td>
              <td>
                {!r.notifiedAt && r.userId ? (
                  <form method="post" action={`/admin/breaches/${incident.id}/recipients/remove`}>
                    <input type="hidden" name="userId" value={r.userId} />
                    <button type="submit" class="link-button">
                      {escapeHtml(ctx.t('shine.admin.remove'))}
                    </button>
                  </form>
                ) : (
                  ''
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : (
        ''
      )}
    </Layout>
  );
}
