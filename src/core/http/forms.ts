import { z } from 'zod';
import type { Translate, MessageKey } from '../i18n/index.js';
import type { FieldErrors } from '../views/components.js';

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** Form values as strings, for re-rendering a form after an error. */
export function formValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (typeof v === 'string') out[k] = v;
      else if (Array.isArray(v) && typeof v[0] === 'string') out[k] = v[0];
    }
  }
  return out;
}

/**
 * Parses a submitted form with a zod schema whose messages are i18n keys. On failure, the
 * caller re-renders the form with these messages and the person's own input.
 */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown, t: Translate): FormResult<z.output<S>> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (errors[field]) continue;
    const key = issue.message.startsWith('form.') ? (issue.message as MessageKey) : 'form.invalid';
    errors[field] = t(key);
  }
  return { ok: false, errors, values: formValues(body) };
}

/**
 * A path on this site to return to after a form (sign-in's `next`, the cookie banner's return):
 * never another site (`//host`), and printable URL characters only, since a control character
 * (a NUL above all) would break the Location header. Anything else reads as no path.
 */
export const localPath = z
  .string()
  .max(500)
  .optional()
  .transform((v) => (v && /^\/(?!\/)[A-Za-z0-9\-._~!$&'()*+,;=:@%/?#]*$/.test(v) ? v : undefined));
