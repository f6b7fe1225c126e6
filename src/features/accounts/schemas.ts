import { z } from 'zod';
import { MAX_PASSWORD, MIN_STAFF_PASSWORD } from '../../core/auth/index.js';

/** Where to go after signing in: only our own paths, never another site. */
export const nextPath = z
  .string()
  .max(500)
  .optional()
  .transform((v) => (v && /^\/(?!\/)[^\s\\]*$/.test(v) ? v : undefined));

export const signInForm = z.object({
  email: z.string().trim().min(1, 'form.required').max(254, 'form.tooLong'),
  password: z.string().min(1, 'form.required').max(MAX_PASSWORD, 'form.tooLong'),
  next: nextPath,
});

export const setupForm = z
  .object({
    token: z.string().min(1).max(64),
    name: z.string().trim().min(1, 'form.required').max(120, 'form.tooLong'),
    email: z.email('form.email').max(254, 'form.tooLong'),
    password: z.string().min(MIN_STAFF_PASSWORD, 'form.passwordShort').max(MAX_PASSWORD, 'form.tooLong'),
    confirm: z.string().max(MAX_PASSWORD),
  })
  .refine((v) => v.password === v.confirm, { message: 'form.passwordMismatch', path: ['confirm'] });
