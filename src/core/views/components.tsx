import { escapeHtml } from '@kitajs/html';
import type { Children } from '@kitajs/html';
import type { ViewContext } from './context.js';

/** Field errors as message strings, keyed by field name. */
export type FieldErrors = Readonly<Record<string, string>>;

/** A summary of a form's errors at its top, focused by site.js so screen readers announce it. */
export function ErrorSummary({ ctx, errors, idFor = (field) => `field-${field}` }: { ctx: ViewContext; errors: FieldErrors | undefined; idFor?: (field: string) => string }): JSX.Element {
  const entries = Object.entries(errors ?? {});
  if (!entries.length) return <></>;
  return (
    <div class="error-summary" role="alert" tabindex="-1" data-autofocus>
      <h2>{escapeHtml(ctx.t('form.errorsTitle'))}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li>
            <a href={`#${idFor(field)}`} safe>
              {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  /** Element id when a page has several forms with the same field names. */
  id?: string;
  label: string;
  value?: string | undefined;
  error?: string | undefined;
  hint?: string | undefined;
  type?: 'text' | 'email' | 'password' | 'url' | 'search' | 'number';
  required?: boolean;
  autocomplete?: string;
  maxlength?: number;
  multiline?: boolean;
  rows?: number;
}

/** A labelled input or textarea with its hint and error wired up for assistive technology. */
export function Field(p: FieldProps): JSX.Element {
  const id = p.id ?? `field-${p.name}`;
  const described = [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: p.name,
    required: p.required,
    'aria-invalid': p.error ? 'true' : undefined,
    'aria-describedby': described,
    maxlength: p.maxlength === undefined ? undefined : String(p.maxlength),
    autocomplete: p.autocomplete,
  };
  return (
    <div class={p.error ? 'field has-error' : 'field'}>
      <label for={id} safe>
        {p.label}
      </label>
      <HintAndError id={id} hint={p.hint} error={p.error} />
      {p.multiline ? (
        <textarea {...common} rows={String(p.rows ?? 6)} safe>
          {p.value ?? ''}
        </textarea>
      ) : (
        <input {...common} type={p.type ?? 'text'} value={p.value ?? ''} />
      )}
    </div>
  );
}

interface SelectProps {
  name: string;
  id?: string;
  label: string;
  options: readonly { value: string; label: string }[];
  value?: string | undefined;
  error?: string | undefined;
  required?: boolean;
}

export function Select(p: SelectProps): JSX.Element {
  const id = p.id ?? `field-${p.name}`;
  return (
    <div class={p.error ? 'field has-error' : 'field'}>
      <label for={id} safe>
        {p.label}
      </label>
      {p.error ? (
        <p class="error" id={`${id}-error`} safe>
          {p.error}
        </p>
      ) : (
        ''
      )}
      <select id={id} name={p.name} required={p.required} aria-describedby={p.error ? `${id}-error` : undefined}>
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === p.value} safe>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A field's hint and error, with the ids its aria-describedby names (`<id>-hint`, `<id>-error`). */
function HintAndError({ id, hint, error }: { id: string; hint?: string | undefined; error?: string | undefined }): JSX.Element {
  return (
    <>
      {hint ? (
        <p class="hint" id={`${id}-hint`} safe>
          {hint}
        </p>
      ) : (
        ''
      )}
      {error ? (
        <p class="error" id={`${id}-error`} safe>
          {error}
        </p>
      ) : (
        ''
      )}
    </>
  );
}

interface ChoiceGroupProps {
  name: string;
  /** Element id when a page has several forms with the same field names. */
  id?: string;
  label: string;
  /** Checkboxes (any number ticked) or radio buttons (one). */
  type?: 'checkbox' | 'radio';
  options: readonly { value: string; label: string }[];
  /** The values ticked. */
  checked?: readonly string[] | ReadonlySet<string>;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
}

/**
 * Checkboxes or radio buttons sharing one name, in a fieldset whose legend names the group. The
 * first choice carries the id `field-<name>`, so the error summary's link moves focus into the
 * group (a link to the fieldset would only scroll); the hint and error are tied to the group with
 * aria-describedby, which screen readers read on entering it.
 */
export function ChoiceGroup(p: ChoiceGroupProps): JSX.Element {
  const id = p.id ?? `field-${p.name}`;
  const described = [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const ticked = new Set(p.checked ?? []);
  return (
    <fieldset class={p.error ? 'field has-error' : 'field'} aria-describedby={described}>
      <legend safe>{p.label}</legend>
      <HintAndError id={id} hint={p.hint} error={p.error} />
      <ul class="checkbox-list">
        {p.options.map((o, i) => {
          // "-option-" keeps an option's id apart from the group's own `-hint` and `-error`.
          const optionId = i === 0 ? id : `${id}-option-${o.value}`;
          return (
            <li>
              <input type={p.type ?? 'checkbox'} id={optionId} name={p.name} value={o.value} checked={ticked.has(o.value)} required={p.required && p.type === 'radio'} aria-invalid={p.error ? 'true' : undefined} />
              <label for={optionId} safe>
                {o.label}
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

/** A one-line status message shown after a redirect (e.g. "Guide published."). */
export function Notice({ message, kind = 'success' }: { message: string | undefined; kind?: 'success' | 'info' | 'warning' }): JSX.Element {
  if (!message) return <></>;
  return (
    <p class={`notice notice-${kind}`} role="status" safe>
      {message}
    </p>
  );
}

/** A back-office table: scrolls sideways on small screens, captioned for screen readers. */
export function DataTable({ caption, columns, extraClass, children }: { caption: string; columns: readonly string[]; extraClass?: string; children: Children }): JSX.Element {
  return (
    <div class="table-wrap">
      <table class={extraClass ? `admin-table ${extraClass}` : 'admin-table'}>
        <caption class="visually-hidden" safe>
          {caption}
        </caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" safe>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A field people never see and bots fill in: a form that comes back with it filled is dropped. */
export function Honeypot({ ctx, id = 'field-website' }: { ctx: ViewContext; id?: string }): JSX.Element {
  return (
    <div class="visually-hidden" aria-hidden="true">
      <label for={id}>{escapeHtml(ctx.t('form.honeypot'))}</label>
      <input id={id} name="website" tabindex="-1" autocomplete="off" value="" />
    </div>
  );
}
