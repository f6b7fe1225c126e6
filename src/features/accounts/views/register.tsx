import { escapeHtml } from '@kitajs/html';
import { LOCALES } from '../../../core/i18n/index.js';
import { ErrorSummary, Field, Select, type FieldErrors } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { href, Layout } from '../../../core/views/layout.js';
import { BOARDS, countryOptions, SPECIALTIES } from '../model.js';

export interface RegisterValues {
  readonly [field: string]: string | undefined;
}

function MemberFields({ ctx, values, errors }: { ctx: ViewContext; values: RegisterValues; errors: FieldErrors | undefined }): JSX.Element {
  const birthError = errors?.birthDay ?? errors?.birthMonth ?? errors?.birthYear;
  const countries = [{ value: '', label: ctx.t('register.countryChoose') }, ...countryOptions(ctx.locale)];
  return (
    <>
      <Field name="name" label={ctx.t('register.name')} value={values.name} error={errors?.name} autocomplete="name" required maxlength={120} />
      <Field name="email" type="email" label={ctx.t('register.email')} value={values.email} error={errors?.email} autocomplete="email" required maxlength={254} />
      <Field name="password" type="password" label={ctx.t('register.password')} hint={ctx.t('register.passwordHint')} error={errors?.password} autocomplete="new-password" required />
      {/* Free entry, no hint of any age limit: the form asks for a date like any other. */}
      <fieldset class={birthError ? 'date-fields has-error' : 'date-fields'} aria-describedby={birthError ? 'field-birthDay-error' : undefined}>
        <legend>{escapeHtml(ctx.t('register.birthDate'))}</legend>
        {birthError ? (
          <p class="error" id="field-birthDay-error" safe>
            {birthError}
          </p>
        ) : (
          ''
        )}
        <div class="date-row">
          <div class="field">
            <label for="field-birthDay">{escapeHtml(ctx.t('register.day'))}</label>
            <input id="field-birthDay" name="birthDay" type="text" inputmode="numeric" maxlength="2" autocomplete="bday-day" value={values.birthDay ?? ''} aria-invalid={birthError ? 'true' : undefined} required />
          </div>
          <div class="field">
            <label for="field-birthMonth">{escapeHtml(ctx.t('register.month'))}</label>
            <input id="field-birthMonth" name="birthMonth" type="text" inputmode="numeric" maxlength="2" autocomplete="bday-month" value={values.birthMonth ?? ''} aria-invalid={birthError ? 'true' : undefined} required />
          </div>
          <div class="field">
            <label for="field-birthYear">{escapeHtml(ctx.t('register.year'))}</label>
            <input id="field-birthYear" name="birthYear" type="text" inputmode="numeric" maxlength="4" autocomplete="bday-year" value={values.birthYear ?? ''} aria-invalid={birthError ? 'true' : undefined} required />
          </div>
        </div>
      </fieldset>
      <Select name="country" label={ctx.t('register.country')} options={countries} value={values.country ?? ''} error={errors?.country} required />
      <p class="notice notice-info" id="transfer-notice">
        {escapeHtml(ctx.t('register.transfer'))}
      </p>
      <Select name="language" label={ctx.t('register.language')} options={LOCALES.map((l) => ({ value: l, label: ctx.t(`lang.${l}`) }))} value={values.language ?? ctx.locale} error={errors?.language} required />
    </>
  );
}

function ConsentFields({ ctx, values, errors }: { ctx: ViewContext; values: RegisterValues; errors: FieldErrors | undefined }): JSX.Element {
  return (
    <fieldset aria-describedby={errors?.terms ? 'terms-read field-terms-error' : 'terms-read'}>
      <legend>{escapeHtml(ctx.t('register.termsLegend'))}</legend>
      <p id="terms-read">
        {escapeHtml(ctx.t('register.termsRead'))} <a href={href(ctx, '/terms')}>{escapeHtml(ctx.t('nav.terms'))}</a> · <a href={href(ctx, '/privacy')}>{escapeHtml(ctx.t('nav.privacy'))}</a>
      </p>
      {errors?.terms ? (
        <p class="error" id="field-terms-error" safe>
          {errors.terms}
        </p>
      ) : (
        ''
      )}
      <div class="checkbox-list">
        <div>
          <input type="checkbox" id="field-terms" name="terms" value="on" checked={values.terms === 'on'} required aria-invalid={errors?.terms ? 'true' : undefined} />
          <label for="field-terms">{escapeHtml(ctx.t('register.terms'))}</label>
        </div>
        <div>
          {/* Marketing consent is separate and never ticked in advance. */}
          <input type="checkbox" id="field-newsletter" name="newsletter" value="on" checked={values.newsletter === 'on'} />
          <label for="field-newsletter">{escapeHtml(ctx.t('register.newsletter'))}</label>
        </div>
      </div>
    </fieldset>
  );
}

export function RegisterPage({ ctx, values = {}, errors }: { ctx: ViewContext; values?: RegisterValues; errors?: FieldErrors | undefined }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('register.title'), noindex: true }}>
      <h1>{escapeHtml(ctx.t('register.title'))}</h1>
      <p class="lead">{escapeHtml(ctx.t('register.intro'))}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={href(ctx, '/account/register')} novalidate class="narrow">
        <MemberFields ctx={ctx} values={values} errors={errors} />
        <ConsentFields ctx={ctx} values={values} errors={errors} />
        <p class="form-actions">
          <button class="button" type="submit">
            {escapeHtml(ctx.t('register.submit'))}
          </button>
        </p>
      </form>
      <p>
        <a href={href(ctx, '/account/register/professional')}>{escapeHtml(ctx.t('register.professionalLink'))}</a>
      </p>
    </Layout>
  );
}

export function ProfessionalRegisterPage({ ctx, values = {}, errors }: { ctx: ViewContext; values?: RegisterValues; errors?: FieldErrors | undefined }): JSX.Element {
  const choose = { value: '', label: ctx.t('professional.choose') };
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('professional.registerTitle'), noindex: true }}>
      <h1>{escapeHtml(ctx.t('professional.registerTitle'))}</h1>
      <p class="lead">{escapeHtml(ctx.t('professional.registerIntro'))}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={href(ctx, '/account/register/professional')} novalidate class="narrow">
        <fieldset>
          <legend>{escapeHtml(ctx.t('professional.personal'))}</legend>
          <MemberFields ctx={ctx} values={values} errors={errors} />
        </fieldset>
        <fieldset>
          <legend>{escapeHtml(ctx.t('professional.credentials'))}</legend>
          <Field name="licenceNumber" label={ctx.t('professional.licenceNumber')} value={values.licenceNumber} error={errors?.licenceNumber} required maxlength={60} autocomplete="off" />
          <Field name="licenceRegion" label={ctx.t('professional.licenceRegion')} value={values.licenceRegion} error={errors?.licenceRegion} required maxlength={120} autocomplete="off" />
          <Select name="specialty" label={ctx.t('professional.specialty')} options={[choose, ...SPECIALTIES.map((s) => ({ value: s, label: ctx.t(`professional.specialty.${s}`) }))]} value={values.specialty ?? ''} error={errors?.specialty} required />
          <Select name="board" label={ctx.t('professional.board')} options={[choose, ...BOARDS.map((b) => ({ value: b, label: ctx.t(`professional.board.${b}`) }))]} value={values.board ?? ''} error={errors?.board} required />
          <Field name="practiceName" label={ctx.t('professional.practiceName')} value={values.practiceName} error={errors?.practiceName} required maxlength={160} autocomplete="organization" />
          <Field name="bio" label={ctx.t('professional.bio')} value={values.bio} error={errors?.bio} multiline rows={5} maxlength={2000} />
        </fieldset>
        <ConsentFields ctx={ctx} values={values} errors={errors} />
        <p class="form-actions">
          <button class="button" type="submit">
            {escapeHtml(ctx.t('professional.submit'))}
          </button>
        </p>
      </form>
    </Layout>
  );
}
