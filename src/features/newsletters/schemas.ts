import { z } from 'zod';
import { LOCALES } from '../../core/i18n/index.js';
import { SUBSCRIBER_STATUSES } from './model.js';

/** Checkbox groups arrive as a string (one ticked) or an array (several), or not at all. */
const checked = z.union([z.string().max(40), z.array(z.string().max(40)).max(20)]).optional().transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
const tick = z.literal('on').optional().transform((v) => v === 'on');

export const subscribeForm = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('form.email').max(254, 'form.tooLong')),
  lists: checked,
  tracking: tick,
  // The page the form was on, for the consent record: a path of our own site, nothing else.
  source: z.string().max(300).regex(/^\/[^/\\]/).or(z.literal('/')).optional().catch(undefined),
  website: z.string().max(500).optional(),
});

export const tokenQuery = z.object({ token: z.string().min(10).max(200).optional().catch(undefined) }).loose();
export const tokenForm = z.object({ token: z.string().min(10).max(200) }).loose();

export const preferencesForm = z.object({
  token: z.string().min(10).max(200),
  lists: checked,
  locale: z.enum(LOCALES, 'form.choose'),
  tracking: tick,
});

export const subscribeQuery = z.object({ sent: z.literal('1').optional(), confirmed: z.literal('1').optional() }).loose();

const subject = z.string().trim().max(200, 'form.tooLong');
const body = z.string().trim().max(100_000, 'form.tooLong');

/** An issue: English is required (the default language); Spanish is optional but all-or-nothing. */
export const issueForm = z
  .object({
    listId: z.string().min(1, 'form.choose').max(40),
    subjectEn: subject.min(1, 'form.required'),
    bodyEn: body.min(1, 'form.required'),
    subjectEs: subject.default(''),
    bodyEs: body.default(''),
  })
  .superRefine((v, ctx) => {
    if (v.subjectEs && !v.bodyEs) ctx.addIssue({ code: 'custom', path: ['bodyEs'], message: 'form.required' });
    if (v.bodyEs && !v.subjectEs) ctx.addIssue({ code: 'custom', path: ['subjectEs'], message: 'form.required' });
  });

export const previewForm = z.object({ body: z.string().max(100_000).default('') }).loose();

/** `datetime-local` gives minutes without a zone; the form says the time is UTC. Empty: now. */
export const scheduleForm = z.object({
  at: z
    .string()
    .max(40)
    .regex(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?)?$/, 'form.invalid')
    .optional(),
});

export const subscribersQuery = z
  .object({ status: z.enum(SUBSCRIBER_STATUSES).optional().catch(undefined), email: z.string().trim().max(254).optional().catch(undefined) })
  .loose();
