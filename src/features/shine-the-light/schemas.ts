import { z } from 'zod';
import { lineField } from '../../core/http/text.js';
import { DISCLOSURE_CATEGORIES } from './model.js';

export const shineForm = z.object({
  name: lineField(120),
  email: z.string().trim().toLowerCase().pipe(z.email('form.email').max(254, 'form.tooLong')),
  california: z.literal('on', 'form.californiaResident'),
  website: z.string().max(500).optional(),
});

export const disclosureForm = z.object({
  year: z.coerce.number('form.year').int('form.year').min(2000, 'form.year').max(2100, 'form.year'),
  recipient: lineField(200),
  address: lineField(500),
  categories: z
    .union([z.enum(DISCLOSURE_CATEGORIES), z.array(z.enum(DISCLOSURE_CATEGORIES))], 'form.chooseCategories')
    .transform((v) => [...new Set(Array.isArray(v) ? v : [v])])
    .refine((v) => v.length > 0, 'form.chooseCategories'),
  markets: lineField(500, 0).default(''),
});

export const tokenQuery = z.object({ token: z.string().min(10).max(100).optional().catch(undefined) }).loose();
export const tokenForm = z.object({ token: z.string().min(10).max(100) }).loose();
export const requestedQuery = z.object({ requested: z.literal('1').optional().catch(undefined) }).loose();
export const registerQuery = z.object({ notice: z.enum(['added', 'removed']).optional().catch(undefined) }).loose();
export const idParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/) });
