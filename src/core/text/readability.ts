/**
 * Reading grade of patient-facing text, so editors can keep guides at a level most patients
 * read comfortably (health-literacy guidance aims at about US grade 8 or lower).
 *
 * Feed it plain text (see `markdownToPlainText`); it also copes with Markdown-ish input by
 * treating list items, headings and blank lines as sentence ends.
 */
import { syllable } from 'syllable';
import { TARGET_GRADE } from './target.js';

export { TARGET_GRADE };

/** A sentence harder than {@link TARGET_GRADE}, as written, with its own grade. */
export interface HardSentence {
  text: string;
  grade: number;
}

/** The reading grade of a text and the counts behind it. */
export interface ReadingReport {
  /** US school grade, one decimal; `null` when the text has no words. May be below zero. */
  grade: number | null;
  words: number;
  sentences: number;
  syllables: number;
  /** Sentences whose own grade is above {@link TARGET_GRADE}, in document order. */
  hardSentences: HardSentence[];
}

/**
 * Grade `text` for readers of `locale`: Flesch–Kincaid grade level for English, Crawford's
 * formula for Spanish. Grades are rounded to one decimal.
 */
export function readingGrade(text: string, locale: 'en' | 'es'): ReadingReport {
  const count = locale === 'es' ? countSpanishSyllables : countEnglishSyllables;
  const formula = locale === 'es' ? crawfordGrade : fleschKincaidGrade;

  let words = 0;
  let syllables = 0;
  let sentences = 0;
  const hardSentences: HardSentence[] = [];
  for (const sentence of splitSentences(text)) {
    const sentenceWords = wordsOf(sentence);
    if (sentenceWords.length === 0) continue;
    const sentenceSyllables = sentenceWords.reduce((sum, word) => sum + count(word), 0);
    words += sentenceWords.length;
    syllables += sentenceSyllables;
    sentences += 1;
    const grade = round1(formula(sentenceWords.length, 1, sentenceSyllables));
    if (grade > TARGET_GRADE) hardSentences.push({ text: sentence, grade });
  }
  const grade = words === 0 ? null : round1(formula(words, sentences, syllables));
  return { grade, words, sentences, syllables, hardSentences };
}

/** Flesch–Kincaid grade level (Kincaid et al., 1975). */
function fleschKincaidGrade(words: number, sentences: number, syllables: number): number {
  return 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59;
}

/**
 * Crawford (1984), for Spanish: grade = −0.205·OP + 0.049·SP − 3.407, with OP sentences and SP
 * syllables per 100 words. Calibrated on primary-school texts, so grades above ~6 extrapolate.
 */
function crawfordGrade(words: number, sentences: number, syllables: number): number {
  const op = (sentences * 100) / words;
  const sp = (syllables * 100) / words;
  return -0.205 * op + 0.049 * sp - 3.407;
}

function round1(value: number): number {
  const rounded = Math.round(value * 10) / 10;
  // Avoid -0, which prints as "0" but fails strict equality checks against 0.
  return rounded === 0 ? 0 : rounded;
}

// ---------------------------------------------------------------------------------------------
// Words and syllables

/** A run of letters/digits; apostrophes, hyphens and inner dots (1.5, e.g) stay inside a word. */
const WORD = /[\p{L}\p{M}\p{N}]+(?:(?:['’.\-]|,(?=\p{N}))[\p{L}\p{M}\p{N}]+)*/gu;

function wordsOf(sentence: string): string[] {
  return sentence.match(WORD) ?? [];
}

/** Every word is at least one syllable (the package says 0 for numbers like "1.5"). */
function countEnglishSyllables(word: string): number {
  return Math.max(1, syllable(word));
}

const STRONG = new Set(['a', 'e', 'o', 'á', 'é', 'ó']);
const WEAK = new Set(['i', 'u', 'ü']);
const ACCENTED_WEAK = new Set(['í', 'ú']);

function isVowel(ch: string): boolean {
  return STRONG.has(ch) || WEAK.has(ch) || ACCENTED_WEAK.has(ch);
}

/**
 * Whether two adjacent vowels belong to different syllables. Rule (RAE/ASALE, Ortografía de la
 * lengua española, 2010, and Diccionario panhispánico de dudas, entries "diptongo" and "hiato"):
 * two open vowels (a, e, o) form a hiatus (le-er, po-e-ta); a stressed close vowel written
 * with an accent (í, ú) next to an open vowel forms a hiatus (rí-o, pa-ís, ba-úl); an unstressed
 * close vowel (i, u, ü) with any vowel, or two different close vowels, form a diphthong
 * (ai-re, ciu-dad, cuí-da-te); two equal close vowels are a hiatus (chi-i-ta).
 */
function isHiatus(first: string, second: string): boolean {
  if (STRONG.has(first) && STRONG.has(second)) return true;
  if ((ACCENTED_WEAK.has(first) && STRONG.has(second)) || (STRONG.has(first) && ACCENTED_WEAK.has(second))) return true;
  return WEAK.has(first) && first === second;
}

/**
 * Count the syllables of a Spanish word by its vowel nuclei: each vowel group is one syllable
 * unless it contains a hiatus ({@link isHiatus}). An `h` between vowels is ignored, since it
 * does not break a diphthong or a hiatus (ahu-ma-do, bú-ho); a final `y` after a vowel is a
 * vowel (hoy, muy, Pa-ra-guay), and so is the word "y". Words without vowels (numbers,
 * abbreviations) count as one syllable.
 */
export function countSpanishSyllables(word: string): number {
  const letters = [...word.normalize('NFC').toLowerCase()];
  let count = 0;
  let previous: string | null = null; // the last vowel, while still in the same vowel group
  for (const [i, letter] of letters.entries()) {
    const final = i === letters.length - 1;
    const vowel: string = letter === 'y' && final && (previous !== null || letters.length === 1) ? 'i' : letter;
    if (isVowel(vowel)) {
      if (previous === null || isHiatus(previous, vowel)) count += 1;
      previous = vowel;
    } else if (vowel !== 'h') {
      previous = null;
    }
    // An `h` keeps `previous`: the next letter decides whether the group continues.
  }
  return Math.max(1, count);
}

// ---------------------------------------------------------------------------------------------
// Sentences

/** Markdown list items (`-`, `*`, `+`, `•`, `1.`, `1)`): each starts a new sentence. */
const LIST_ITEM = /^\s*(?:[-*+•]|\d{1,9}[.)])\s+(.*)$/u;
/** ATX headings: a sentence of their own, usually without a final period. */
const HEADING = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/u;
const BLOCKQUOTE = /^\s*(?:>\s?)+/u;

/** Titles before a name: never the end of a sentence ("Dr. Smith", "Sra. López"). */
const TITLES = new Set([
  'dr', 'dra', 'drs', 'dras', 'mr', 'mrs', 'ms', 'prof', 'profa', 'sr', 'sra', 'sres', 'srta', 'st', 'lic', 'ing', 'dña', 'jr',
]);
/** Abbreviations that are almost never sentence-final. */
const ABBREVIATIONS = new Set(['vs', 'cf', 'approx', 'aprox', 'ej', 'ud', 'uds', 'vd', 'vds', 'incl', 'esp', 'resp']);
/** Abbreviations before a number ("No. 5", "fig. 2", "pág. 10"); "no." elsewhere may end a sentence. */
const NUMBER_ABBREVIATIONS = new Set(['no', 'nos', 'núm', 'nº', 'fig', 'figs', 'p', 'pp', 'pág', 'págs', 'vol', 'ch', 'cap']);

/**
 * A candidate sentence end: terminal punctuation, optional closing quotes/brackets, whitespace.
 * Decimals ("1.5") never match because no whitespace follows the dot.
 */
const TERMINATOR = /([.!?…]+)["'”’»)\]]*\s+/gu;

/** Split text into sentences, trimmed, with whitespace collapsed, in document order. */
function splitSentences(text: string): string[] {
  return splitBlocks(text).flatMap(splitBlock);
}

/** Paragraphs, list items and headings: units that always end a sentence. */
function splitBlocks(text: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  const flush = (): void => {
    if (current.length > 0) blocks.push(current.join(' '));
    current = [];
  };
  for (const rawLine of text.normalize('NFC').split(/\r\n?|\n/u)) {
    const line = rawLine.replace(BLOCKQUOTE, '');
    const heading = HEADING.exec(line);
    const item = LIST_ITEM.exec(line);
    if (line.trim() === '') {
      flush();
    } else if (heading) {
      flush();
      blocks.push(heading[1] ?? '');
    } else if (item) {
      flush();
      current.push(item[1] ?? '');
    } else {
      current.push(line);
    }
  }
  flush();
  return blocks;
}

function splitBlock(block: string): string[] {
  const text = block.replace(/\s+/gu, ' ').trim();
  const sentences: string[] = [];
  let start = 0;
  for (const match of text.matchAll(TERMINATOR)) {
    const end = match.index + match[0].length;
    if (!endsSentence(text, match.index, match[1] ?? '', text.charAt(end))) continue;
    sentences.push(text.slice(start, end).trim());
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest !== '') sentences.push(rest);
  return sentences;
}

function endsSentence(text: string, at: number, terminator: string, next: string): boolean {
  // A sentence starts with a capital, a digit or opening punctuation, never a lowercase letter:
  // "etc. and", "p. ej. la", "¿sí? dijo" continue the sentence.
  if (/\p{Ll}/u.test(next)) return false;
  if (terminator !== '.') return true;
  const before = /\S+$/u.exec(text.slice(0, at))?.[0] ?? '';
  const token = before.replace(/^[("'“‘«[¿¡]+/u, '');
  const key = token.toLowerCase();
  if (TITLES.has(key) || ABBREVIATIONS.has(key)) return false;
  if (NUMBER_ABBREVIATIONS.has(key) && /\p{N}/u.test(next)) return false;
  // An initial ("J. Smith") or a dotted abbreviation ("e.g.", "i.e.", "U.S.").
  if (/^\p{Lu}$/u.test(token) || /^(?:\p{L}\.)+\p{L}$/u.test(token)) return false;
  return true;
}
