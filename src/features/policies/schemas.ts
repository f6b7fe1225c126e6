import { z } from 'zod';
import { localPath } from '../../core/http/forms.js';
import { textField } from '../../core/http/text.js';
import { POLICY_DOCUMENTS } from './model.js';

const tick = z.literal('on').optional().transform((v) => v === 'on');
const summary = textField(2000);
const body = textField(200_000).refine((v) => v.length >= 20, 'form.policyTooShort').refine((v) => /^# \S/m.test(v), 'form.policyTitle');

export const versionForm = z.object({
  summary_en: summary,
  summary_es: summary,
  body_en: body,
  body_es: body,
  material: tick,
});

export const newVersionForm = versionForm.extend({ document: z.enum(POLICY_DOCUMENTS, 'form.choose') });

export const newVersionQuery = z.object({ document: z.enum(POLICY_DOCUMENTS).catch('privacy') }).loose();

/** Effective now, or from the start (00:00 UTC) of a day, today or later. */
export const publishForm = z
  .object({
    when: z.enum(['now', 'date'], 'form.choose'),
    date: z.string().trim().max(10).optional(),
  })
  .transform((v, ctx) => {
    if (v.when === 'now') return 'now' as const;
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v.date ?? '');
    const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
    if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== v.date) {
      ctx.addIssue({ code: 'custom', path: ['date'], message: 'form.dateInvalid' });
      return z.NEVER;
    }
    const today = new Date(new Date().toISOString().slice(0, 10));
    if (date < today) {
      ctx.addIssue({ code: 'custom', path: ['date'], message: 'form.datePast' });
      return z.NEVER;
    }
    return date.getTime() === today.getTime() ? ('now' as const) : date;
  });

export const acceptForm = z.object({
  accept: z.literal('on', 'form.acceptPolicies'),
  next: localPath.catch(undefined),
});

export const nextQuery = z.object({ next: localPath.catch(undefined) }).loose();
export const dismissForm = z.object({ returnTo: localPath.catch(undefined) }).loose();
export const versionParams = z.object({ version: z.coerce.number().int().min(1).max(100_000) });
export const idParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/) });
export const noticeQuery = z.object({ notice: z.enum(['created', 'saved', 'published', 'ran']).optional().catch(undefined) }).loose();
