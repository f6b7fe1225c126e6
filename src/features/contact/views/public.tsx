import { escapeHtml } from '@kitajs/html';
import type { MessageKey } from '../../../core/i18n/index.js';
import { ErrorSummary, Field, type FieldErrors, Honeypot, Select } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout, href } from '../../../core/views/layout.js';
import { CONTACT_TOPICS } from '../model.js';

export function topicLabel(ctx: Pick<ViewContext, 't'>, topic: string): string {
  return ctx.t(`contact.topic.${topic}` as MessageKey);
}

export function ContactPage({ ctx, values = {}, errors, sent = false }: { ctx: ViewContext; values?: Record<string, string>; errors?: FieldErrors; sent?: boolean }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('contact.title'), description: ctx.t('contact.intro') }}>
      <h1>{escapeHtml(ctx.t('contact.title'))}</h1>
      {sent ? (
        <div class="notice notice-success" role="status" tabindex="-1" data-autofocus>
          <p>{escapeHtml(ctx.t('contact.sent'))}</p>
        </div>
      ) : (
        <>
          <p class="lead">{escapeHtml(ctx.t('contact.intro'))}</p>
          <p class="notice notice-warning">{escapeHtml(ctx.t('contact.emergency'))}</p>
          <ErrorSummary ctx={ctx} errors={errors} />
          <form method="post" action={href(ctx, '/contact')} novalidate class="narrow">
            <Field name="name" label={ctx.t('contact.name')} value={values.name} error={errors?.name} autocomplete="name" required maxlength={120} />
            <Field name="email" type="email" label={ctx.t('contact.email')} value={values.email} error={errors?.email} autocomplete="email" required maxlength={254} />
            <Select
              name="topic"
              label={ctx.t('contact.topic')}
              options={CONTACT_TOPICS.map((t) => ({ value: t, label: topicLabel(ctx, t) }))}
              value={values.topic}
              error={errors?.topic}
            />
            <Field name="message" label={ctx.t('contact.message')} hint={ctx.t('contact.messageHint')} value={values.message} error={errors?.message} multiline rows={8} required maxlength={5000} />
            <Honeypot ctx={ctx} />
            <p class="hint">{escapeHtml(ctx.t('transfer.notice'))}</p>
            <p class="hint">
              {escapeHtml(ctx.t('contact.privacy'))} <a href={href(ctx, '/privacy')}>{escapeHtml(ctx.t('nav.privacy'))}</a>
            </p>
            <p class="form-actions">
              <button class="button" type="submit">
                {escapeHtml(ctx.t('contact.submit'))}
              </button>
            </p>
          </form>
        </>
      )}
    </Layout>
  );
}
