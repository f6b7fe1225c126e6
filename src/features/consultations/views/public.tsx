import { escapeHtml } from '@kitajs/html';
import type { MessageKey } from '../../../core/i18n/index.js';
import { ChoiceGroup, ErrorSummary, Field, type FieldErrors, Honeypot } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout, href } from '../../../core/views/layout.js';
import type { GuideSummary } from '../../procedures/model.js';
import { CONTACT_METHODS, CONTACT_TIMES } from '../model.js';
import { MESSAGE_MAX } from '../schemas.js';

/** What the form shows again after an error: the person's text and ticks (never the file). */
export interface ConsultationValues {
  readonly fields: Readonly<Record<string, string>>;
  readonly times: readonly string[];
  readonly procedures: readonly string[];
}

export const EMPTY_VALUES: ConsultationValues = { fields: {}, times: [], procedures: [] };

export function methodLabel(ctx: Pick<ViewContext, 't'>, method: string): string {
  return ctx.t(`consultation.method.${method}` as MessageKey);
}

export function timeLabel(ctx: Pick<ViewContext, 't'>, time: string): string {
  return ctx.t(`consultation.time.${time}` as MessageKey);
}

interface PageProps {
  ctx: ViewContext;
  guides: readonly GuideSummary[];
  values?: ConsultationValues;
  errors?: FieldErrors | undefined;
  sent?: boolean;
  photoMaxMb: number;
}

export function ConsultationPage({ ctx, guides, values = EMPTY_VALUES, errors, sent = false, photoMaxMb }: PageProps): JSX.Element {
  const v = values.fields;
  const method = v.method ?? '';
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('consultation.title'), description: ctx.t('consultation.intro'), noindex: sent }}>
      <h1>{escapeHtml(ctx.t('consultation.title'))}</h1>
      {sent ? (
        <div class="notice notice-success" role="status" tabindex="-1" data-autofocus>
          <p>{escapeHtml(ctx.t('consultation.sent'))}</p>
        </div>
      ) : (
        <>
          <p class="lead">{escapeHtml(ctx.t('consultation.intro'))}</p>
          <p class="notice notice-warning">{escapeHtml(ctx.t('consultation.emergency'))}</p>
          <ErrorSummary ctx={ctx} errors={errors} />
          <form method="post" action={href(ctx, '/consultation')} enctype="multipart/form-data" novalidate class="narrow">
            <fieldset>
              <legend>{escapeHtml(ctx.t('consultation.details'))}</legend>
              <Field name="name" label={ctx.t('consultation.name')} value={v.name} error={errors?.name} autocomplete="name" required maxlength={120} />
              <Field name="email" type="email" label={ctx.t('consultation.email')} value={v.email} error={errors?.email} autocomplete="email" required maxlength={254} />
              <Field name="phone" label={ctx.t('consultation.phone')} hint={ctx.t('consultation.phoneHint')} value={v.phone} error={errors?.phone} autocomplete="tel" maxlength={40} />
            </fieldset>

            <ChoiceGroup type="radio" name="method" label={ctx.t('consultation.method')} options={CONTACT_METHODS.map((m) => ({ value: m, label: methodLabel(ctx, m) }))} checked={method ? [method] : []} error={errors?.method} required />
            <ChoiceGroup name="times" label={ctx.t('consultation.times')} options={CONTACT_TIMES.map((time) => ({ value: time, label: timeLabel(ctx, time) }))} checked={values.times} error={errors?.times} />
            {guides.length ? (
              <ChoiceGroup
                name="procedures"
                label={ctx.t('consultation.procedures')}
                hint={ctx.t('consultation.proceduresHint')}
                options={guides.map((g) => ({ value: g.slug, label: g.title }))}
                checked={values.procedures}
                error={errors?.procedures}
              />
            ) : (
              ''
            )}

            <Field
              name="message"
              label={ctx.t('consultation.message')}
              hint={ctx.t('consultation.messageHint')}
              value={v.message}
              error={errors?.message}
              multiline
              rows={8}
              required
              maxlength={MESSAGE_MAX}
            />

            <div class={errors?.photo ? 'field has-error' : 'field'}>
              <label for="field-photo">{escapeHtml(ctx.t('consultation.photo'))}</label>
              <p class="hint" id="field-photo-hint">
                {escapeHtml(ctx.t('consultation.photoHint', { mb: photoMaxMb }))}
              </p>
              {errors?.photo ? (
                <p class="error" id="field-photo-error" safe>
                  {errors.photo}
                </p>
              ) : (
                ''
              )}
              <input
                type="file"
                id="field-photo"
                name="photo"
                accept="image/jpeg,image/png,image/webp,image/heic,image/heif"
                aria-describedby={errors?.photo ? 'field-photo-hint field-photo-error' : 'field-photo-hint'}
                aria-invalid={errors?.photo ? 'true' : undefined}
              />
            </div>

            <div class={errors?.consent ? 'field has-error' : 'field'}>
              <p class="hint" id="field-consent-hint">
                {escapeHtml(ctx.t('consultation.privacy'))} <a href={href(ctx, '/privacy')}>{escapeHtml(ctx.t('nav.privacy'))}</a>
              </p>
              {errors?.consent ? (
                <p class="error" id="field-consent-error" safe>
                  {errors.consent}
                </p>
              ) : (
                ''
              )}
              <div class="checkbox-list">
                <div>
                  <input
                    type="checkbox"
                    id="field-consent"
                    name="consent"
                    value="yes"
                    checked={v.consent === 'yes'}
                    required
                    aria-describedby={errors?.consent ? 'field-consent-hint field-consent-error' : 'field-consent-hint'}
                    aria-invalid={errors?.consent ? 'true' : undefined}
                  />
                  <label for="field-consent">{escapeHtml(ctx.t('consultation.consent'))}</label>
                </div>
              </div>
            </div>

            <Honeypot ctx={ctx} />
            <p class="hint">{escapeHtml(ctx.t('transfer.notice'))}</p>
            <p class="form-actions">
              <button class="button" type="submit">
                {escapeHtml(ctx.t('consultation.submit'))}
              </button>
            </p>
          </form>
        </>
      )}
    </Layout>
  );
}
