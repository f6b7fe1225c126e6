import { z } from 'zod';
import { lineField, textField } from '../../core/http/text.js';
import { BREACH_CATEGORIES } from './model.js';

const text = textField(5000);
/** A UTC date (year-month-day), not in the future. */
const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'form.dateInvalid')
  .transform((v, ctx) => {
    const date = new Date(`${v}T00:00:00Z`);
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== v) {
      ctx.addIssue({ code: 'custom', message: 'form.dateInvalid' });
      return z.NEVER;
    }
    if (date.getTime() > Date.now()) {
      ctx.addIssue({ code: 'custom', message: 'form.dateFuture' });
      return z.NEVER;
    }
    return date;
  });

export const incidentForm = z.object({
  title: lineField(200),
  description_en: text,
  description_es: text,
  actions_en: text,
  actions_es: text,
  advice_en: text,
  advice_es: text,
  categories: z
    .union([z.enum(BREACH_CATEGORIES), z.array(z.enum(BREACH_CATEGORIES))], 'form.chooseCategories')
    .transform((v) => [...new Set(Array.isArray(v) ? v : [v])]),
  scope: z.enum(['all', 'selected'], 'form.choose'),
  occurred: z.union([z.literal('').transform(() => null), day]).default(null),
  discovered: day,
});

export const searchQuery = z.object({ q: lineField(100).optional().catch(undefined), notice: z.enum(['recorded', 'added', 'removed', 'sent', 'published', 'withdrawn']).optional().catch(undefined) }).loose();
export const recipientForm = z.object({ userId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/) });
export const bannerForm = z.object({ banner: z.enum(['publish', 'withdraw']) });
export const idParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/) });
export const notifyPayload = z.object({ incidentId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/) });
