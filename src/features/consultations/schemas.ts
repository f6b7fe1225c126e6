import { z } from 'zod';
import { CONSULTATION_STATUSES, CONTACT_METHODS, CONTACT_TIMES } from './model.js';

/** A checkbox set: absent (none ticked), one value (a string) or several (an array). */
function checkboxes<T extends z.ZodType<string>>(item: T, max: number) {
  return z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item, 'form.invalid').max(max, 'form.tooLong'));
}

export const MESSAGE_MAX = 5000;

export const consultationForm = z
  .strictObject({
    name: z.string().trim().min(1, 'form.required').max(120, 'form.tooLong'),
    email: z.string().trim().toLowerCase().pipe(z.email('form.email').max(254, 'form.tooLong')),
    phone: z
      .string()
      .trim()
      .max(40, 'form.tooLong')
      .refine((v) => v === '' || /^\+?[0-9 ().-]{7,30}$/.test(v), 'form.phone')
      .optional(),
    method: z.enum(CONTACT_METHODS, 'form.choose'),
    times: checkboxes(z.enum(CONTACT_TIMES, 'form.invalid'), CONTACT_TIMES.length),
    // Checked against the published guides by the service; here only their shape.
    procedures: checkboxes(z.string().max(120, 'form.invalid'), 50),
    message: z.string().trim().min(1, 'form.required').max(MESSAGE_MAX, 'form.tooLong'),
    consent: z.literal('yes', 'form.consent'),
    // The honeypot: hidden from people, filled in by bots.
    website: z.string().max(500).optional(),
  })
  .refine((v) => v.method !== 'phone' || Boolean(v.phone), {
    path: ['phone'],
    message: 'form.phoneNeeded',
    // Checked even when other fields are wrong, so every message shows at once.
    when: ({ value }) => {
      const v = value as { method?: unknown; phone?: unknown };
      return v?.method === 'phone' && (v.phone === undefined || typeof v.phone === 'string');
    },
  });
export type ConsultationForm = z.output<typeof consultationForm>;

/** `?sent=1` after a request; `?procedure=slug` ticks a procedure (the guides' call to action). */
export const consultationQuery = z
  .object({ sent: z.literal('1').optional().catch(undefined), procedure: z.string().max(120).optional().catch(undefined) })
  .loose();

export const statusForm = z.strictObject({ status: z.enum(CONSULTATION_STATUSES, 'form.choose') });
export const assignForm = z.strictObject({ assignee: z.string().max(40) });
export const noteForm = z.strictObject({ body: z.string().trim().min(1, 'form.required').max(10_000, 'form.tooLong') });
export const listQuery = z.object({ status: z.enum([...CONSULTATION_STATUSES, 'all']).default('new').catch('new') }).loose();
export const noticeQuery = z.object({ notice: z.enum(['status', 'assigned', 'noted']).optional().catch(undefined) }).loose();
