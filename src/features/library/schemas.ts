import { z } from 'zod';
import { LOCALES } from '../../core/i18n/locales.js';
import { ITEM_KINDS, REMOVAL_REASONS, type Reference } from './model.js';

/** A DOI as Crossref defines it: 10.<registrant>/<suffix>, printable characters only. */
export const DOI = /^10\.\d{4,9}\/[^\s\p{Cc}]+$/u;
/** A PubMed id: digits only, up to 8 today (9 allowed for growth). */
export const PMID = /^[1-9]\d{0,8}$/;

/** Checkboxes and multi-selects arrive as a string or an array of strings. */
const list = z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(120)).max(50));

/** One name or slug per line (or comma), blank lines ignored. */
const lines = (max: number) =>
  z
    .string()
    .max(5000, 'form.tooLong')
    .default('')
    .transform((s) =>
      s
        .split(/[\n,]/)
        .map((x) => x.replace(/\p{Cc}/gu, '').trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().max(max, 'form.tooLong')).max(30, 'form.tooLong'));

/**
 * References, one per line: a citation, then optionally `doi:10.xxxx/...` or `pmid:12345`
 * (or a doi.org / PubMed address). A line with a malformed DOI or PubMed id is an error, not
 * a silently broken link.
 */
export function parseReferences(text: string): { ok: true; refs: Reference[] } | { ok: false; line: number } {
  const refs: Reference[] = [];
  const rows = text.split(/\r?\n/).map((l) => l.replace(/\p{Cc}/gu, '').trim());
  for (const [i, row] of rows.entries()) {
    if (!row) continue;
    let label = row;
    let doi: string | undefined;
    let pmid: string | undefined;
    const doiMatch = /(?:^|\s)(?:doi:\s*|https?:\/\/(?:dx\.)?doi\.org\/)(\S+)\s*$/i.exec(row);
    const pmidMatch = /(?:^|\s)(?:pmid:\s*|https?:\/\/pubmed\.ncbi\.nlm\.nih\.gov\/)(\S+?)\/?\s*$/i.exec(row);
    if (doiMatch) {
      doi = doiMatch[1]!;
      label = row.slice(0, doiMatch.index).trim();
      if (!DOI.test(doi) || doi.length > 200) return { ok: false, line: i + 1 };
    } else if (pmidMatch) {
      pmid = pmidMatch[1]!;
      label = row.slice(0, pmidMatch.index).trim();
      if (!PMID.test(pmid)) return { ok: false, line: i + 1 };
    } else if (/\b(doi|pmid)\s*:/i.test(row)) {
      return { ok: false, line: i + 1 };
    }
    if (label.length > 500) return { ok: false, line: i + 1 };
    refs.push({ label: label || (doi ?? pmid ?? ''), ...(doi ? { doi } : {}), ...(pmid ? { pmid } : {}) });
  }
  if (refs.length > 100) return { ok: false, line: 101 };
  return { ok: true, refs };
}

/** References back to the text a person typed. */
export function referencesText(refs: readonly Reference[]): string {
  return refs.map((r) => [r.label, r.doi ? `doi:${r.doi}` : r.pmid ? `pmid:${r.pmid}` : ''].filter(Boolean).join(' ')).join('\n');
}

export const itemForm = z.strictObject({
  kind: z.enum(ITEM_KINDS, 'form.choose'),
  locale: z.enum(LOCALES, 'form.choose'),
  title: z.string().trim().min(3, 'form.required').max(200, 'form.tooLong'),
  summary: z.string().trim().min(10, 'form.required').max(1000, 'form.tooLong'),
  body: z.string().max(100_000, 'form.tooLong').default(''),
  references: z.string().max(50_000, 'form.tooLong').default(''),
  coauthors: lines(120),
  external_authors: lines(200),
  procedures: list,
  nudity: z.literal('1').optional(),
  change_summary: z.string().trim().max(300, 'form.tooLong').default(''),
});

export const suggestForm = z.strictObject({
  title: z.string().trim().min(3, 'form.required').max(200, 'form.tooLong'),
  summary: z.string().trim().min(10, 'form.required').max(1000, 'form.tooLong'),
  body: z.string().max(100_000, 'form.tooLong').default(''),
  note: z.string().trim().min(1, 'form.required').max(1000, 'form.tooLong'),
});

export const returnForm = z.strictObject({ reason: z.string().trim().min(1, 'form.required').max(2000, 'form.tooLong') });
export const removeForm = z.strictObject({ reason: z.enum(REMOVAL_REASONS, 'form.choose') });
export const nudityForm = z.strictObject({ nudity: z.enum(['0', '1'], 'form.choose') });
export const decideForm = z.strictObject({ decision: z.enum(['accept', 'reject'], 'form.choose') });
export const licenceForm = z.strictObject({ accept: z.literal('1', 'library.licence.mustAccept'), next: z.string().max(200).optional() });

export const indexQuery = z
  .object({
    kind: z.enum(ITEM_KINDS).optional().catch(undefined),
    procedure: z.string().max(120).regex(/^[a-z0-9-]+$/).optional().catch(undefined),
    author: z.string().max(120).regex(/^[a-z0-9-]+$/).optional().catch(undefined),
    page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
  })
  .loose();

export const diffQuery = z.object({ from: z.coerce.number().int().min(1).max(1_000_000), to: z.coerce.number().int().min(1).max(1_000_000) }).loose();
