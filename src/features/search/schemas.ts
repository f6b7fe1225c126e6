import { z } from 'zod';
import { SEARCH_TYPES, type SearchType } from '../../core/search/index.js';

/** The first value of a query parameter that may arrive repeated. */
const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);

/**
 * The search page's query string. Nothing here is ever refused: a person's words are searched
 * as typed (core/search makes them safe), an unknown filter means no filter, a bad page is 1.
 */
export const searchParams = z.object({
  q: z.preprocess(first, z.string().catch('')).catch(''),
  type: z.preprocess(first, z.enum(SEARCH_TYPES).optional().catch(undefined)).catch(undefined),
  page: z.preprocess(first, z.coerce.number().int().min(1).max(1000).catch(1)).catch(1),
});

export interface SearchForm {
  readonly q: string;
  readonly type: SearchType | undefined;
  readonly page: number;
}

export function readSearchParams(query: unknown): SearchForm {
  const parsed = searchParams.safeParse(query ?? {});
  return parsed.success ? { q: parsed.data.q.slice(0, 1000), type: parsed.data.type, page: parsed.data.page } : { q: '', type: undefined, page: 1 };
}
