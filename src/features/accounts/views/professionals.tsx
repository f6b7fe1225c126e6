import { escapeHtml } from '@kitajs/html';
import { formatDate, formatDateTime } from '../../../core/i18n/index.js';
import { DataTable, ErrorSummary, Field, Notice, type FieldErrors } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { href, Layout } from '../../../core/views/layout.js';
import { Picture } from '../../../core/views/picture.js';
import { PROFESSIONAL_STATUSES, type ProfessionalProfile, type ProfessionalStatus, type PublicProfile } from '../model.js';

function StatusTabs({ ctx, status }: { ctx: ViewContext; status: ProfessionalStatus }): JSX.Element {
  return (
    <nav class="chips" aria-label={ctx.t('professional.admin.title')}>
      <ul>
        {PROFESSIONAL_STATUSES.map((s) => (
          <li>
            <a href={`/admin/professionals?status=${s}`} aria-current={s === status ? 'page' : undefined}>
              {escapeHtml(ctx.t(`professional.status.${s}`))}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The staff's queue of professional applications. */
export function ProfessionalsQueuePage({ ctx, status, profiles, notice }: { ctx: ViewContext; status: ProfessionalStatus; profiles: readonly ProfessionalProfile[]; notice?: string | undefined }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('professional.admin.title'), area: 'admin' }}>
      <h1>{escapeHtml(ctx.t('professional.admin.title'))}</h1>
      <Notice message={notice} />
      <StatusTabs ctx={ctx} status={status} />
      {profiles.length === 0 ? (
        <p>{escapeHtml(ctx.t('professional.admin.none'))}</p>
      ) : (
        <DataTable caption={ctx.t(`professional.status.${status}`)} columns={[ctx.t('professional.admin.name'), ctx.t('professional.specialty'), ctx.t('professional.board'), ctx.t('professional.admin.applied')]}>
          {profiles.map((p) => (
            <tr>
              <td>
                <a href={`/admin/professionals/${p.userId}`} aria-label={ctx.t('professional.admin.open', { name: p.name })} safe>
                  {p.name}
                </a>
              </td>
              <td>{escapeHtml(ctx.t(`professional.specialty.${p.specialty}`))}</td>
              <td>{escapeHtml(ctx.t(`professional.board.${p.board}`))}</td>
              <td safe>{formatDateTime(ctx.locale, p.createdAt)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Layout>
  );
}

/** One application with what staff need to check it, and the two decisions. */
export function ApplicationPage({ ctx, profile, errors, values = {} }: { ctx: ViewContext; profile: ProfessionalProfile; errors?: FieldErrors | undefined; values?: Record<string, string> }): JSX.Element {
  const rows: [string, string][] = [
    [ctx.t('professional.admin.email'), `${profile.email} (${profile.emailVerified ? ctx.t('professional.admin.emailVerified') : ctx.t('professional.admin.emailNotVerified')})`],
    [ctx.t('professional.licenceNumber'), profile.licenceNumber],
    [ctx.t('professional.licenceRegion'), profile.licenceRegion],
    [ctx.t('professional.specialty'), ctx.t(`professional.specialty.${profile.specialty}`)],
    [ctx.t('professional.board'), ctx.t(`professional.board.${profile.board}`)],
    [ctx.t('professional.practiceName'), profile.practiceName],
    [ctx.t('professional.admin.applied'), formatDateTime(ctx.locale, profile.createdAt)],
  ];
  return (
    <Layout ctx={ctx} meta={{ title: profile.name, area: 'admin' }}>
      <h1 safe>{profile.name}</h1>
      <p>
        <span class={`status status-${profile.status}`}>{escapeHtml(ctx.t(`professional.status.${profile.status}`))}</span>
      </p>
      <dl class="details">
        {rows.map(([label, value]) => (
          <>
            <dt safe>{label}</dt>
            <dd safe>{value}</dd>
          </>
        ))}
        {profile.reason ? (
          <>
            <dt>{escapeHtml(ctx.t('professional.admin.previousReason'))}</dt>
            <dd class="pre-line" safe>
              {profile.reason}
            </dd>
          </>
        ) : (
          ''
        )}
      </dl>
      {profile.bio ? (
        <>
          <h2>{escapeHtml(ctx.t('professional.bio'))}</h2>
          <p class="pre-line" safe>
            {profile.bio}
          </p>
        </>
      ) : (
        ''
      )}
      {profile.status === 'pending' ? (
        <>
          <p class="notice notice-info">{escapeHtml(ctx.t('professional.admin.check'))}</p>
          <ErrorSummary ctx={ctx} errors={errors} />
          <form method="post" action={`/admin/professionals/${profile.userId}/approve`} class="form-actions">
            <button type="submit" class="button">
              {escapeHtml(ctx.t('professional.admin.approve'))}
            </button>
          </form>
          <form method="post" action={`/admin/professionals/${profile.userId}/reject`} novalidate>
            <Field name="reason" label={ctx.t('professional.admin.reason')} value={values.reason} error={errors?.reason} multiline rows={4} maxlength={2000} required />
            <p class="form-actions">
              <button type="submit" class="button danger">
                {escapeHtml(ctx.t('professional.admin.reject'))}
              </button>
            </p>
          </form>
        </>
      ) : (
        ''
      )}
    </Layout>
  );
}

/** A verified professional's public page, with the badge. */
export function PublicProfilePage({ ctx, profile }: { ctx: ViewContext; profile: PublicProfile }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: profile.name, description: `${profile.name} · ${ctx.t(`professional.specialty.${profile.specialty}`)} · ${profile.practiceName}` }}>
      <article class="profile">
        <h1 safe>{profile.name}</h1>
        {profile.photo ? (
          <div class="profile-photo">
            <Picture image={profile.photo} alt={ctx.t('professional.photoAlt', { name: profile.name })} sizes="12rem" eager />
          </div>
        ) : (
          ''
        )}
        <p>
          <span class="badge badge-verified">{escapeHtml(ctx.t('professional.verified'))}</span>
        </p>
        <dl class="details">
          <dt>{escapeHtml(ctx.t('professional.specialty'))}</dt>
          <dd>{escapeHtml(ctx.t(`professional.specialty.${profile.specialty}`))}</dd>
          <dt>{escapeHtml(ctx.t('professional.board'))}</dt>
          <dd>{escapeHtml(ctx.t(`professional.board.${profile.board}`))}</dd>
          <dt>{escapeHtml(ctx.t('professional.practice'))}</dt>
          <dd safe>{profile.practiceName}</dd>
        </dl>
        {profile.bio ? (
          <p class="pre-line" safe>
            {profile.bio}
          </p>
        ) : (
          ''
        )}
        <p class="hint">{escapeHtml(ctx.t('professional.verifiedOn', { practice: ctx.practice.name, date: formatDate(ctx.locale, profile.verifiedAt) }))}</p>
        <p>
          <a href={href(ctx, `/authors/${profile.slug}`)}>{escapeHtml(ctx.t('professional.publications', { name: profile.name }))}</a>
        </p>
      </article>
    </Layout>
  );
}

