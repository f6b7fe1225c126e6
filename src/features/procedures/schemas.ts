import { z } from 'zod';
import { GUIDE_CATEGORIES, SECTION_KINDS } from './model.js';
import { LOCALES } from '../../core/i18n/index.js';

/** Trims, and turns an empty field into undefined so `.optional()` means "left blank". */
const text = (max: number) => z.string().trim().max(max, 'form.tooLong');
const required = (max: number) => text(max).min(1, 'form.required');

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'form.required')
  .max(80, 'form.tooLong')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'form.slug');

export const newGuideForm = z.strictObject({
  title: required(160),
  slug: slugSchema,
  locale: z.enum(LOCALES, 'form.choose'),
  category: z.enum(GUIDE_CATEGORIES, 'form.choose'),
  summary: required(400),
});

/** Checkbox lists arrive as a string for one box and an array for several. */
const idList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.string().max(40)).max(20));

export const detailsForm = z.strictObject({
  title: required(160),
  slug: slugSchema,
  category: z.enum(GUIDE_CATEGORIES, 'form.choose'),
  summary: required(400),
  related: idList,
});

export const sectionForm = z
  .strictObject({
    kind: z.enum(SECTION_KINDS, 'form.choose'),
    heading: text(160).optional(),
    body: text(20_000),
  })
  .refine((v) => v.kind !== 'custom' || (v.heading ?? '').length > 0, { message: 'form.headingRequired', path: ['heading'] });

export const previewForm = z.object({ body: text(20_000).default('') }).loose();

export const moveForm = z.strictObject({ direction: z.enum(['up', 'down']) });

export const figureFields = z.strictObject({
  section: z.string().max(40).optional().transform((v) => (v ? v : null)),
  alt: required(300),
  caption: text(400),
});

export const importForm = z.strictObject({
  text: z.string().max(500_000, 'form.tooLong').refine((v) => v.trim().length > 0, 'form.importEmpty'),
  locale: z.enum(LOCALES, 'form.choose'),
  category: z.enum(GUIDE_CATEGORIES, 'form.choose'),
});

export const revisionParams = z.object({ id: z.string().max(40), number: z.coerce.number().int().min(1) });
export const diffQuery = z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) });
