import { stemSpanish } from './stem-es.js';

export type SearchLocale = 'en' | 'es';

/** At most this much of what a person typed is read, and at most this many words of it. */
export const MAX_QUERY_CHARS = 256;
export const MAX_QUERY_TERMS = 12;
const MAX_TERM_CHARS = 40;

const WORD = /[\p{L}\p{N}]+/gu;

/** Lower case, compatibility forms folded (NFKC), no control characters. */
function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Removes diacritics (the index and PostgreSQL's `unaccent`-free configs agree on what is left). */
export function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC');
}

/**
 * What a person typed, reduced to safe search terms: words made of letters and digits only,
 * lower case, at most MAX_QUERY_TERMS of them, duplicates removed. Quotes, operators
 * (AND, OR, NOT, NEAR), `*`, `:`, parentheses, control characters and emoji never reach the
 * database's query language, so no input can make a query fail.
 */
export function parseQuery(input: string): string[] {
  const text = normalise(input.slice(0, MAX_QUERY_CHARS * 4)).slice(0, MAX_QUERY_CHARS);
  const terms: string[] = [];
  for (const match of text.matchAll(WORD)) {
    const term = match[0].slice(0, MAX_TERM_CHARS);
    if (!terms.includes(term)) terms.push(term);
    if (terms.length >= MAX_QUERY_TERMS) break;
  }
  return terms;
}

/**
 * A light English stemmer (plural and common inflection endings), used only to decide which
 * words of a snippet to highlight; the index itself uses FTS5's porter or PostgreSQL's
 * 'english' configuration.
 */
export function lightStemEnglish(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  for (const [suffix, replacement] of [
    ['ies', 'y'], ['sses', 'ss'], ['ings', ''], ['ing', ''], ['edly', ''], ['ed', ''], ['ly', ''], ['es', ''], ['s', ''],
  ] as const) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3 && !(suffix === 's' && w.endsWith('ss'))) {
      w = w.slice(0, w.length - suffix.length) + replacement;
      break;
    }
  }
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  if (w.endsWith('y') && w.length > 4) w = `${w.slice(0, -1)}i`;
  return w;
}

/** The form of a word the index compares (for highlighting and for the Spanish index). */
export function stemFor(locale: SearchLocale, word: string): string {
  return locale === 'es' ? fold(stemSpanish(word)) : fold(lightStemEnglish(word));
}

/** Spanish text as the SQLite index stores it: each word replaced by its stem. */
export function stemSpanishText(text: string): string {
  const out: string[] = [];
  for (const match of normalise(text).matchAll(WORD)) out.push(fold(stemSpanish(match[0])));
  return out.join(' ');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Does this word of the text match one of the query's terms (stem equality, or the last term as a prefix)? */
function matcher(locale: SearchLocale, terms: readonly string[], prefixLast: boolean): (word: string) => boolean {
  const stems = new Set(terms.map((t) => stemFor(locale, t)));
  const folded = new Set(terms.map(fold));
  const prefix = prefixLast && terms.length ? fold(terms[terms.length - 1] as string) : null;
  return (word) => {
    const w = fold(word.toLowerCase());
    if (folded.has(w) || stems.has(stemFor(locale, w))) return true;
    return prefix !== null && prefix.length >= 2 && w.startsWith(prefix);
  };
}

/** The whole text, escaped, with the query's words in `<mark>`. */
export function highlight(locale: SearchLocale, text: string, terms: readonly string[], prefixLast = false): string {
  const hit = matcher(locale, terms, prefixLast);
  let out = '';
  let at = 0;
  for (const match of text.matchAll(WORD)) {
    const start = match.index ?? 0;
    out += escapeHtml(text.slice(at, start));
    out += hit(match[0]) ? `<mark>${escapeHtml(match[0])}</mark>` : escapeHtml(match[0]);
    at = start + match[0].length;
  }
  return out + escapeHtml(text.slice(at));
}

/**
 * A short passage of the text (about `words` words) around the densest group of the query's
 * words, escaped, with those words in `<mark>` and ellipses where it was cut. Without a match
 * it is the beginning of the text.
 */
export function snippet(locale: SearchLocale, text: string, terms: readonly string[], options: { words?: number; prefixLast?: boolean } = {}): string {
  const size = options.words ?? 30;
  const hit = matcher(locale, terms, options.prefixLast ?? false);
  const words = [...text.matchAll(WORD)];
  if (!words.length) return '';
  const hits = words.map((m) => hit(m[0]));
  // The window of `size` words holding the most distinct hits; ties go to the earliest.
  let best = 0;
  let bestScore = -1;
  for (let i = 0; i < words.length; i++) {
    if (i > 0 && !hits[i]) continue;
    const seen = new Set<string>();
    for (let j = i; j < Math.min(words.length, i + size); j++) if (hits[j]) seen.add(stemFor(locale, (words[j] as RegExpMatchArray)[0].toLowerCase()));
    if (seen.size > bestScore) {
      bestScore = seen.size;
      best = i;
    }
    if (bestScore >= terms.length && bestScore > 0) break;
  }
  // Start a few words before the first hit so it reads as a sentence.
  const first = Math.max(0, best - (best > 0 ? 4 : 0));
  const last = Math.min(words.length, first + size);
  const start = (words[first] as RegExpMatchArray).index ?? 0;
  const endMatch = words[last - 1] as RegExpMatchArray;
  const end = last === words.length ? text.length : (endMatch.index ?? 0) + endMatch[0].length;
  const body = highlight(locale, text.slice(start, end), terms, options.prefixLast ?? false);
  return `${first > 0 ? '… ' : ''}${body}${end < text.length ? ' …' : ''}`;
}

/** Markdown as plain text for the index: links keep their words, markup characters go. */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]*>/g, ' ')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/[*_`~|]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Facet values as single tokens (procedure slugs have hyphens). */
export function facetToken(value: string): string {
  return fold(value.toLowerCase()).replace(/[^a-z0-9]+/g, '');
}
