import { z } from 'zod';
import { localPath } from '../../core/http/forms.js';
import { JURISDICTIONS, REQUEST_KINDS } from './model.js';

const tick = z.literal('on').optional().transform((v) => v === 'on');

export const consentForm = z.object({
  choice: z.enum(['accept', 'reject', 'save']),
  preferences: tick,
  analytics: tick,
  advertising: tick,
  // Where to go back after the choice: a path on this site only.
  returnTo: localPath.catch(undefined),
});

export const centerQuery = z
  .object({ saved: z.literal('1').optional().catch(undefined), requested: z.literal('1').optional().catch(undefined), confirmed: z.literal('1').optional().catch(undefined), deleted: z.literal('1').optional().catch(undefined) })
  .loose();

export const requestForm = z.object({
  kind: z.enum(REQUEST_KINDS, 'form.choose'),
  name: z.string().trim().min(1, 'form.required').max(120, 'form.tooLong'),
  email: z.string().trim().toLowerCase().pipe(z.email('form.email').max(254, 'form.tooLong')),
  jurisdiction: z.enum(JURISDICTIONS, 'form.choose'),
  details: z.string().trim().max(5000, 'form.tooLong').default(''),
  website: z.string().max(500).optional(),
});

export const tokenQuery = z.object({ token: z.string().min(10).max(100).optional().catch(undefined) }).loose();
export const tokenForm = z.object({ token: z.string().min(10).max(100) }).loose();
export const queueQuery = z.object({ filter: z.enum(['active', 'all']).default('active').catch('active'), notice: z.string().max(20).optional() }).loose();
export const noteForm = z.object({ body: z.string().trim().min(1, 'form.required').max(10_000, 'form.tooLong') });
export const writeForm = z.object({ outcome: z.enum(['waiting', 'completed', 'refused'], 'form.choose'), body: z.string().trim().min(1, 'form.required').max(10_000, 'form.tooLong') });

// The signed-in person's own rights

export const mineQuery = z.object({ notice: z.enum(['exported', 'corrected', 'saved', 'unsubscribed']).optional().catch(undefined) }).loose();
export const correctionForm = z.object({ details: z.string().trim().min(1, 'form.required').max(5000, 'form.tooLong') });
export const choicesForm = z.object({ marketing: tick, analytics: tick, restrict: tick }).loose();
export const deleteForm = z.object({ password: z.string().min(1, 'form.required').max(1024, 'form.tooLong'), confirm: z.literal('on', 'form.required') });
export const eraseForm = z.object({ confirm: z.literal('on', 'form.required') }).loose();
export const exportTokenQuery = z.object({ token: z.string().min(10).max(100).optional().catch(undefined) }).loose();
