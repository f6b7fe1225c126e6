import { fold } from './fold.js';
import { stemSpanish } from './stem-es.js';

export { fold } from './fold.js';

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

/** Stems already computed, per language: the same words come back in every text and query. */
const stemCache = { en: new Map<string, string>(), es: new Map<string, string>() };

/**
 * The form of a word the index compares (for highlighting and for the Spanish index):
 * folded, then stemmed, so an accent never changes it. Lower-case input.
 */
export function stemFor(locale: SearchLocale, word: string): string {
  const cache = stemCache[locale];
  let stem = cache.get(word);
  if (stem === undefined) {
    stem = locale === 'es' ? stemSpanish(word) : lightStemEnglish(fold(word));
    if (cache.size >= 50_000) cache.clear();
    cache.set(word, stem);
  }
  return stem;
}

/**
 * A text as both engines index it. Spanish: each word replaced by its stem (neither engine has
 * a Spanish stemmer that ignores accents). English: folded, and stemmed by the engine (FTS5's
 * porter, PostgreSQL's 'english').
 */
export function indexText(locale: SearchLocale, text: string): string {
  if (locale === 'en') return fold(text);
  const out: string[] = [];
  for (const match of normalise(text).matchAll(WORD)) out.push(stemFor('es', match[0]));
  return out.join(' ');
}

/** The query's words as the index holds them (see indexText). */
export function indexTerms(locale: SearchLocale, terms: readonly string[]): string[] {
  return terms.map((term) => (locale === 'es' ? stemFor('es', term) : fold(term)));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Decides whether a word of a text is one of the query's words; remembers its answers. */
export type WordMatcher = (word: string) => boolean;

/**
 * A word matches a term by its folded form or its stem; while typing, the last term also
 * matches as a prefix of either (the engines match its stem as a prefix of the index's stems).
 */
export function wordMatcher(locale: SearchLocale, terms: readonly string[], prefixLast = false): WordMatcher {
  const stems = new Set(terms.map((t) => stemFor(locale, t)));
  const folded = new Set(terms.map(fold));
  const last = prefixLast ? terms[terms.length - 1] : undefined;
  const prefix = last !== undefined && fold(last).length >= 2 ? { folded: fold(last), stem: stemFor(locale, last) } : null;
  const known = new Map<string, boolean>();
  return (word) => {
    let answer = known.get(word);
    if (answer === undefined) {
      const lower = word.toLowerCase();
      const w = fold(lower);
      const stem = stemFor(locale, lower);
      answer = folded.has(w) || stems.has(stem) || (prefix !== null && (w.startsWith(prefix.folded) || stem.startsWith(prefix.stem)));
      if (known.size < 10_000) known.set(word, answer);
    }
    return answer;
  };
}

/** Does the text hold one of the words? */
export function containsMatch(text: string, hit: WordMatcher): boolean {
  for (const match of text.matchAll(WORD)) if (hit(match[0])) return true;
  return false;
}

/** The whole text, escaped, with the query's words in `<mark>`. */
export function highlight(text: string, hit: WordMatcher): string {
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
 * A short passage of the text (about `size` words) where the query's words are densest,
 * escaped, with those words in `<mark>` and ellipses where it was cut. Without a match it is
 * the beginning of the text.
 */
export function snippet(text: string, hit: WordMatcher, size = 30): string {
  const words = [...text.slice(0, 200_000).matchAll(WORD)];
  if (!words.length) return '';
  const hits = words.map((m) => (hit(m[0]) ? 1 : 0));
  // A sliding window: the start with the most hits in the next `size` words; ties go to the earliest.
  let inWindow = 0;
  for (let j = 0; j < Math.min(size, words.length); j++) inWindow += hits[j] as number;
  let best = 0;
  let bestCount = inWindow;
  for (let i = 1; i + size <= words.length; i++) {
    inWindow += (hits[i + size - 1] as number) - (hits[i - 1] as number);
    if (inWindow > bestCount && hits[i]) {
      bestCount = inWindow;
      best = i;
    }
  }
  // Start a few words before the first hit so it reads as a sentence.
  const first = Math.max(0, best - (best > 0 ? 4 : 0));
  const last = Math.min(words.length, first + size);
  const start = (words[first] as RegExpMatchArray).index ?? 0;
  const endMatch = words[last - 1] as RegExpMatchArray;
  const end = last === words.length ? text.length : (endMatch.index ?? 0) + endMatch[0].length;
  return `${first > 0 ? '… ' : ''}${highlight(text.slice(start, end), hit)}${end < text.length ? ' …' : ''}`;
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
