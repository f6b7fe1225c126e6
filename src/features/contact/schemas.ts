import { z } from 'zod';
import { CONTACT_STATUSES, CONTACT_TOPICS } from './model.js';

export const contactForm = z.strictObject({
  name: z.string().trim().min(1, 'form.required').max(120, 'form.tooLong'),
  email: z.string().trim().toLowerCase().pipe(z.email('form.email').max(254, 'form.tooLong')),
  topic: z.enum(CONTACT_TOPICS, 'form.choose'),
  message: z.string().trim().min(1, 'form.required').max(5000, 'form.tooLong'),
  // The honeypot: hidden from people, filled in by bots.
  website: z.string().max(500).optional(),
});

export const statusForm = z.strictObject({ status: z.enum(CONTACT_STATUSES, 'form.choose') });
export const assignForm = z.strictObject({ assignee: z.string().max(40) });
export const entryForm = z.strictObject({ body: z.string().trim().min(1, 'form.required').max(10_000, 'form.tooLong') });
export const inboxQuery = z.object({ status: z.enum([...CONTACT_STATUSES, 'all']).default('new'), notice: z.string().max(20).optional() }).loose();
/** `?sent=1` after a message; `?topic=` preselects a topic (links from other pages). */
export const contactQuery = z
  .object({ sent: z.literal('1').optional(), topic: z.enum(CONTACT_TOPICS).optional().catch(undefined) })
  .loose();
