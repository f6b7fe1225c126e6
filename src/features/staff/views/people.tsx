import { escapeHtml } from '@kitajs/html';
import { formatDate } from '../../../core/i18n/index.js';
import { DataTable, ErrorSummary, Field, Notice, type FieldErrors } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/layout.js';
import { PEOPLE_PAGE_SIZE, type Person } from '../model.js';
import { Pager, RoleChoices, roleLabel } from './shared.js';

function rolesText(ctx: ViewContext, person: Person): string {
  return person.roles.length ? person.roles.map((r) => roleLabel(ctx, r)).join(', ') : ctx.t('staff.people.noRoles');
}

type InviteState = { values?: Record<string, string>; errors?: FieldErrors; link?: string };

function InviteSection({ ctx, invite }: { ctx: ViewContext; invite: InviteState | undefined }): JSX.Element {
  const errors = invite?.errors;
  return (
    <section aria-labelledby="invite-title" class="section-editor">
      <h2 id="invite-title">{escapeHtml(ctx.t('staff.people.inviteTitle'))}</h2>
      {invite?.link ? (
        <div class="notice notice-success" role="status">
          <p>{escapeHtml(ctx.t('staff.people.inviteReady'))}</p>
          <p>
            <code class="invite-link" safe>
              {invite.link}
            </code>
          </p>
          <button type="button" class="button small secondary" data-copy={invite.link} data-copied={ctx.t('staff.people.copied')}>
            {escapeHtml(ctx.t('staff.people.copy'))}
          </button>
        </div>
      ) : (
        ''
      )}
      <form method="post" action="/admin/people/invite" novalidate>
        <ErrorSummary ctx={ctx} errors={errors} idFor={(field) => (field === 'roles' ? 'invite-roles' : `field-${field}`)} />
        <Field name="email" type="email" label={ctx.t('staff.people.inviteEmail')} hint={ctx.t('staff.people.inviteEmailHint')} value={invite?.values?.email} error={errors?.email} maxlength={254} autocomplete="off" />
        <RoleChoices ctx={ctx} idPrefix="invite-roles" legend={ctx.t('staff.people.inviteRoles')} checked={invite?.values?.roles ? [invite.values.roles] : []} error={errors?.roles} />
        <p class="form-actions">
          <button class="button" type="submit">
            {escapeHtml(ctx.t('staff.people.inviteSubmit'))}
          </button>
        </p>
      </form>
    </section>
  );
}

export function PeoplePage({ ctx, people, total, q, page, invite }: { ctx: ViewContext; people: readonly Person[]; total: number; q: string | undefined; page: number; invite?: InviteState }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('staff.people.title'), area: 'admin' }}>
      <h1>{escapeHtml(ctx.t('staff.people.title'))}</h1>
      <form method="get" action="/admin/people" class="filters" role="search">
        <Field name="q" type="search" label={ctx.t('staff.people.search')} value={q} maxlength={200} />
        <button class="button secondary" type="submit">
          {escapeHtml(ctx.t('staff.people.searchSubmit'))}
        </button>
      </form>
      <p class="hint">{escapeHtml(ctx.t('staff.people.count', { count: total }))}</p>
      {people.length ? (
        <DataTable caption={ctx.t('staff.people.title')} columns={[ctx.t('staff.people.colName'), ctx.t('staff.people.colEmail'), ctx.t('staff.people.colRoles'), ctx.t('staff.people.colCreated'), ctx.t('staff.people.colStatus')]}>
          {people.map((p) => (
            <tr>
              <td>
                <a href={`/admin/people/${p.id}`} safe>
                  {p.name}
                </a>
              </td>
              <td safe>{p.email}</td>
              <td>{escapeHtml(rolesText(ctx, p))}</td>
              <td>{escapeHtml(formatDate(ctx.locale, p.createdAt))}</td>
              <td>{escapeHtml(ctx.t(p.disabledAt ? 'staff.people.disabled' : 'staff.people.active'))}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p>{escapeHtml(ctx.t('staff.people.none'))}</p>
      )}
      <Pager ctx={ctx} base="/admin/people" query={{ q }} page={page} total={total} pageSize={PEOPLE_PAGE_SIZE} />
      <InviteSection ctx={ctx} invite={invite} />
    </Layout>
  );
}

export function PersonPage({ ctx, person, self, notice, error }: { ctx: ViewContext; person: Person; self: boolean; notice?: string | undefined; error?: string | undefined }): JSX.Element {
  const base = `/admin/people/${person.id}`;
  return (
    <Layout ctx={ctx} meta={{ title: person.name, area: 'admin' }}>
      <p class="eyebrow">
        <a href="/admin/people">{escapeHtml(ctx.t('staff.people.title'))}</a>
      </p>
      <h1 safe>{person.name}</h1>
      <Notice message={notice} />
      {error ? (
        <div class="error-summary" role="alert" tabindex="-1" data-autofocus>
          <p safe>{error}</p>
        </div>
      ) : (
        ''
      )}
      <dl class="import-report">
        <dt>{escapeHtml(ctx.t('staff.people.colEmail'))}</dt>
        <dd safe>{person.email}</dd>
        <dt>{escapeHtml(ctx.t('staff.people.colRoles'))}</dt>
        <dd>{escapeHtml(rolesText(ctx, person))}</dd>
        <dt>{escapeHtml(ctx.t('staff.people.colCreated'))}</dt>
        <dd>{escapeHtml(formatDate(ctx.locale, person.createdAt))}</dd>
        <dt>{escapeHtml(ctx.t('staff.people.colStatus'))}</dt>
        <dd>{escapeHtml(ctx.t(person.disabledAt ? 'staff.people.disabled' : 'staff.people.active'))}</dd>
      </dl>
      {self ? (
        <p class="notice notice-info">{escapeHtml(ctx.t('staff.people.selfNote'))}</p>
      ) : (
        <>
          <section aria-labelledby="roles-title" class="section-editor">
            <h2 id="roles-title">{escapeHtml(ctx.t('staff.people.rolesTitle'))}</h2>
            <p class="hint">{escapeHtml(ctx.t('staff.people.rolesHint'))}</p>
            <form method="post" action={`${base}/roles`}>
              <RoleChoices ctx={ctx} idPrefix="field-roles" legend={ctx.t('staff.people.rolesLegend', { name: person.name })} checked={person.roles} />
              <p class="form-actions">
                <button class="button" type="submit">
                  {escapeHtml(ctx.t('staff.people.rolesSubmit'))}
                </button>
              </p>
            </form>
          </section>
          <section aria-labelledby="access-title" class="section-editor">
            <h2 id="access-title">{escapeHtml(ctx.t('staff.people.accessTitle'))}</h2>
            {person.disabledAt ? (
              <form method="post" action={`${base}/enable`}>
                <button class="button secondary" type="submit">
                  {escapeHtml(ctx.t('staff.people.enable'))}
                </button>
              </form>
            ) : (
              <form method="post" action={`${base}/disable`} data-confirm={ctx.t('staff.people.disableConfirm', { name: person.name })}>
                <p class="hint">{escapeHtml(ctx.t('staff.people.disableHint'))}</p>
                <button class="button danger" type="submit">
                  {escapeHtml(ctx.t('staff.people.disable'))}
                </button>
              </form>
            )}
            {ctx.can('people.mark_minor') ? (
              <p>
                <a href={`/admin/minors?id=${person.id}`}>{escapeHtml(ctx.t('staff.minor.link'))}</a>
              </p>
            ) : (
              ''
            )}
          </section>
        </>
      )}
    </Layout>
  );
}
