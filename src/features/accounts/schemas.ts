import { z } from 'zod';
import { MAX_PASSWORD, MAX_PASSWORD_INPUT, MIN_STAFF_PASSWORD } from '../../core/auth/index.js';
import { localPath } from '../../core/http/forms.js';
import { LOCALES } from '../../core/i18n/index.js';
import { BOARDS, COUNTRIES, SPECIALTIES } from './model.js';

// Control characters (NUL above all: PostgreSQL refuses it in text) have no place in a name.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** A one-line text a person types: trimmed, bounded, no control characters. */
function line(max: number, required = true) {
  const base = z.string('form.invalid').trim().max(max, 'form.tooLong').refine((v) => !CONTROL.test(v), 'form.invalid');
  return required ? base.refine((v) => v.length > 0, 'form.required') : base;
}

const email = z.string('form.invalid').trim().toLowerCase().max(254, 'form.tooLong').pipe(z.email('form.email'));
/** The new password's policy (length counted in characters, the common list) is checked by passwordProblem(). */
const newPassword = z.string('form.invalid').min(1, 'form.required').max(MAX_PASSWORD_INPUT, 'form.passwordLong');
const checkbox = z
  .union([z.literal('on'), z.literal('1'), z.literal('true')])
  .optional()
  .transform((v) => v !== undefined);

export const signInForm = z.object({
  // Not validated as an address (any typo gets the generic answer), but never a control
  // character: PostgreSQL refuses NUL in text, and nothing else has a use for them.
  email: z.string('form.invalid').trim().min(1, 'form.required').max(254, 'form.tooLong').refine((v) => !CONTROL.test(v), 'form.email'),
  password: z.string('form.invalid').min(1, 'form.required').max(MAX_PASSWORD_INPUT, 'form.tooLong'),
  remember: checkbox.catch(false),
  next: localPath.catch(undefined),
});

export const setupForm = z
  .object({
    token: z.string().min(1).max(64),
    name: line(120),
    email: z.email('form.email').max(254, 'form.tooLong'),
    password: z.string().min(MIN_STAFF_PASSWORD, 'form.passwordShort').max(MAX_PASSWORD_INPUT, 'form.passwordLong'),
    confirm: z.string().max(MAX_PASSWORD_INPUT),
  })
  .refine((v) => v.password === v.confirm, { message: 'form.passwordMismatch', path: ['confirm'] });

const day = z.string('form.invalid').trim().regex(/^\d{1,2}$/, 'form.birthDate');
const month = z.string('form.invalid').trim().regex(/^\d{1,2}$/, 'form.birthDate');
const year = z.string('form.invalid').trim().regex(/^\d{4}$/, 'form.birthDate');

/** A real calendar date in the past, in UTC, or null. */
export function birthDate(d: string, m: string, y: string): Date | null {
  if (!/^\d{1,2}$/.test(d.trim()) || !/^\d{1,2}$/.test(m.trim()) || !/^\d{4}$/.test(y.trim())) return null;
  const [dn, mn, yn] = [Number(d), Number(m), Number(y)];
  if (!Number.isInteger(dn) || !Number.isInteger(mn) || !Number.isInteger(yn) || yn < 1900) return null;
  const date = new Date(Date.UTC(yn, mn - 1, dn));
  if (date.getUTCFullYear() !== yn || date.getUTCMonth() !== mn - 1 || date.getUTCDate() !== dn) return null;
  return date.getTime() > Date.now() ? null : date;
}

/** Whole years between a birth date and now, in UTC. */
export function ageOn(birth: Date, now = new Date()): number {
  let age = now.getUTCFullYear() - birth.getUTCFullYear();
  const beforeBirthday = now.getUTCMonth() < birth.getUTCMonth() || (now.getUTCMonth() === birth.getUTCMonth() && now.getUTCDate() < birth.getUTCDate());
  if (beforeBirthday) age -= 1;
  return age;
}

const memberFields = {
  name: line(120),
  email,
  password: newPassword,
  birthDay: day,
  birthMonth: month,
  birthYear: year,
  country: z.enum(COUNTRIES, 'form.choose'),
  language: z.enum(LOCALES, 'form.choose'),
  terms: z.literal('on', 'form.terms'),
  newsletter: checkbox.catch(false),
};

function withBirthDate<T extends { birthDay: string; birthMonth: string; birthYear: string }>(v: T, ctx: z.RefinementCtx): void {
  if (!birthDate(v.birthDay, v.birthMonth, v.birthYear)) ctx.addIssue({ code: 'custom', message: 'form.birthDate', path: ['birthDay'] });
}

export const registerForm = z.object(memberFields).superRefine(withBirthDate);

export const professionalForm = z
  .object({
    ...memberFields,
    licenceNumber: line(60),
    licenceRegion: line(120),
    specialty: z.enum(SPECIALTIES, 'form.choose'),
    board: z.enum(BOARDS, 'form.choose'),
    practiceName: line(160),
    bio: z
      .string('form.invalid')
      .trim()
      .max(2000, 'form.tooLong')
      .refine((v) => !CONTROL_EXCEPT_LINES.test(v), 'form.invalid')
      .default(''),
  })
  .superRefine(withBirthDate);

export const emailForm = z.object({ email });

export const tokenForm = z.object({ token: z.string('form.invalid').min(1, 'form.invalid').max(64, 'form.invalid') });
export const tokenQuery = z.object({ token: z.string().max(200).default('').catch('') }).loose();

export const resetForm = z.object({
  token: z.string('form.invalid').min(1, 'form.invalid').max(64, 'form.invalid'),
  password: newPassword,
});

/** The account page's form: the name only (the language is a preference, on its own page). */
export const profileForm = z.object({
  name: line(120),
});

/**
 * The preferences form. Unticked boxes are simply absent (browser semantics), so any value other
 * than a tick reads as "off"; the language must be one we speak.
 */
export const preferencesForm = z.object({
  language: z.enum(LOCALES, 'form.choose'),
  newsletter: checkbox.catch(false),
  revealSensitiveMedia: checkbox.catch(false),
  newSignInEmail: checkbox.catch(false),
});

export const emailChangeForm = z.object({
  newEmail: email,
  currentPassword: z.string('form.invalid').min(1, 'form.required').max(MAX_PASSWORD_INPUT, 'form.tooLong'),
});

export const decisionForm = z.object({
  reason: z
    .string('form.invalid')
    .trim()
    .max(2000, 'form.tooLong')
    .refine((v) => !CONTROL_EXCEPT_LINES.test(v), 'form.invalid')
    .default(''),
});

export const rejectForm = z.object({
  reason: z
    .string('form.invalid')
    .trim()
    .min(1, 'form.reasonRequired')
    .max(2000, 'form.tooLong')
    .refine((v) => !CONTROL_EXCEPT_LINES.test(v), 'form.invalid'),
});

/** Ids and slugs in paths: their own alphabet only (a NUL in a path must not reach PostgreSQL). */
export const idParams = z.object({ id: z.string().min(1).max(40).regex(/^[\w-]+$/) });
export const slugParams = z.object({ slug: z.string().min(1).max(120).regex(/^[a-z0-9-]+$/) });

export { MAX_PASSWORD };
