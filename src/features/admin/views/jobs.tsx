import { escapeHtml } from '@kitajs/html';
import { formatDateTime } from '../../../core/i18n/index.js';
import type { JobRecord, JobStatus } from '../../../core/jobs/index.js';
import { DataTable, Notice } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/layout.js';

export interface JobsPageData {
  readonly counts: Readonly<Record<JobStatus, number>>;
  readonly dead: readonly JobRecord[];
  readonly waiting: readonly JobRecord[];
}

function JobTable({ ctx, jobs, caption, retry }: { ctx: ViewContext; jobs: readonly JobRecord[]; caption: string; retry: boolean }): JSX.Element {
  if (!jobs.length) return <p class="hint">{escapeHtml(ctx.t('admin.jobs.none'))}</p>;
  const columns = [ctx.t('admin.jobs.colJob'), ctx.t('admin.jobs.colAttempts'), ctx.t(retry ? 'admin.jobs.colFailed' : 'admin.jobs.colRunAt'), ctx.t('admin.jobs.colError')];
  return (
    <DataTable caption={caption} columns={retry ? [...columns, ctx.t('admin.jobs.colActions')] : columns}>
      {jobs.map((job) => (
        <tr>
          <td>
            <code safe>{job.name}</code>
          </td>
          <td>{escapeHtml(`${job.attempts} / ${job.maxAttempts}`)}</td>
          <td>{escapeHtml(formatDateTime(ctx.locale, retry ? (job.finishedAt ?? job.runAt) : job.runAt))}</td>
          <td safe>{job.lastError ?? ''}</td>
          {retry ? (
            <td>
              <form method="post" action={`/admin/jobs/${job.id}/retry`}>
                <button class="button small secondary" type="submit" aria-label={ctx.t('admin.jobs.retryLabel', { job: job.name })}>
                  {escapeHtml(ctx.t('admin.jobs.retry'))}
                </button>
              </form>
            </td>
          ) : (
            ''
          )}
        </tr>
      ))}
    </DataTable>
  );
}

/** Background jobs for the operator: what waits, what failed for good, and a way to retry. */
export function JobsPage({ ctx, data, notice }: { ctx: ViewContext; data: JobsPageData; notice?: string | undefined }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('admin.jobs.title'), area: 'admin' }}>
      <h1>{escapeHtml(ctx.t('admin.jobs.title'))}</h1>
      <Notice message={notice} />
      <p class="lead">
        {escapeHtml(ctx.t('admin.jobs.summary', { queued: data.counts.queued, running: data.counts.running, succeeded: data.counts.succeeded, dead: data.counts.dead }))}
      </p>
      <section aria-labelledby="dead-title">
        <h2 id="dead-title">{escapeHtml(ctx.t('admin.jobs.dead'))}</h2>
        <JobTable ctx={ctx} jobs={data.dead} caption={ctx.t('admin.jobs.dead')} retry />
      </section>
      <section aria-labelledby="waiting-title">
        <h2 id="waiting-title">{escapeHtml(ctx.t('admin.jobs.waiting'))}</h2>
        <JobTable ctx={ctx} jobs={data.waiting} caption={ctx.t('admin.jobs.waiting')} retry={false} />
      </section>
    </Layout>
  );
}
