import { ValidationError } from '../../core/errors.js';
import type { SectionKind } from './model.js';

/**
 * The brochure importer: turns a practice's plain-text patient brochure (ALL-CAPS headings,
 * paragraphs, caption lines, pages pasted twice, website pages dragged along at the end) into
 * a draft procedure guide. Pure: no I/O, no clock, no randomness, so the same input always
 * gives the same guide and the CLI can show a preview before anything is stored.
 */

/** One section of the imported guide; `body` is Markdown paragraphs separated by a blank line. */
export interface ImportedSection {
  kind: SectionKind;
  heading: string;
  body: string;
}

/** What the importer did, for the CLI and the editor's preview. */
export interface ImportReport {
  sections: number;
  paragraphs: number;
  captions: number;
  duplicatesDropped: number;
  /** The headings of the website pages left out at the end, as they appear in the text. */
  trailingPagesLeftOut: string[];
}

export interface ImportedGuide {
  title: string;
  summary: string;
  sections: ImportedSection[];
  captions: string[];
  report: ImportReport;
}

export type ImportErrorCode = 'import_empty' | 'import_binary' | 'import_no_heading';

// ---------------------------------------------------------------------------------------------
// Input normalisation

/** Control characters other than tab, line feed, form feed and carriage return (C0, DEL, C1). */
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]/gu;
/** Above this share of control characters the "text" is a binary file that happened to decode. */
const MAX_CONTROL_SHARE = 0.02;
const HORIZONTAL_SPACE = /[ \t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/gu;
/** Invisible characters that only get in the way of comparing text (ZWSP, word joiner, BOM, soft hyphen). */
const INVISIBLE = /[\u200B\u2060\uFEFF\u00AD]/gu;

function fail(code: ImportErrorCode, message: string): never {
  throw new ValidationError(code, message);
}

function decodeInput(input: string | Buffer): string {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    if (input.includes(0)) fail('import_binary', 'the file contains NUL bytes');
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      fail('import_binary', 'the file is not valid UTF-8 text');
    }
  }
  if (text.includes('\u0000')) fail('import_binary', 'the text contains NUL characters');
  const controls = text.match(CONTROL_CHARS)?.length ?? 0;
  if (controls > 0 && controls / text.length > MAX_CONTROL_SHARE) {
    fail('import_binary', 'the text is mostly control characters');
  }
  return text;
}

function normaliseText(raw: string): string {
  return raw
    .replace(/^\uFEFF/u, '')
    .normalize('NFC')
    .replace(/\r\n?/gu, '\n')
    .replace(/\f/gu, '\n\n') // a form feed is a page break (pdftotext): treat it as a blank line
    .replace(CONTROL_CHARS, '')
    .replace(INVISIBLE, '')
    .replace(HORIZONTAL_SPACE, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .trim();
}

// ---------------------------------------------------------------------------------------------
// Line classification

/** Bullets marked with a symbol; numbered items (`1.`, `2)`) are handled separately. */
const SYMBOL_BULLET = /^[•·▪‣◦●○■□►▸➢➤✓✔*+\-–—]\s+(.*)$/u;
const NUMBERED_ITEM = /^(\d{1,3})[.)]\s+(.*)$/u;
/** A line ending in a sentence period (not ?, !, :), possibly followed by a closing quote. */
const ENDS_IN_PERIOD = /[.…]["'”’»)\]]*$/u;
/** A line ending in any sentence or clause terminator. */
const ENDS_IN_TERMINATOR = /[.!?:;…]["'”’»)\]]*$/u;
const MAX_HEADING_WORDS = 12;

function wordCount(text: string): number {
  return text.split(' ').filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** Website navigation pasted along with the page, e.g. "Home | Procedures | Contact Us". */
function isNavigation(line: string): boolean {
  const parts = line.split(/\s+[|·•»]\s+/u);
  return parts.length >= 3 && parts.every((part) => wordCount(part) <= 5);
}

/** Decorative rules ("-----", "* * *") and page numbers ("3", "Page 3 of 8", "Página 3 de 8"). */
function isNoise(line: string): boolean {
  if (line !== '' && !/[\p{L}\p{N}]/u.test(line)) return true;
  return /^(?:(?:page|p[áa]g(?:ina)?\.?|p\.)\s*)?\d{1,4}(?:\s*(?:of|de|\/)\s*\d{1,4})?$/iu.test(line);
}

/**
 * A heading: every letter upper case (Unicode aware), at least two letters, at most twelve
 * words, not a bulleted line and not ending in a sentence period.
 */
function isHeadingLine(line: string): boolean {
  if (SYMBOL_BULLET.test(line) || isNavigation(line)) return false;
  const letters = line.match(/\p{L}/gu) ?? [];
  if (letters.length < 2) return false;
  if (!letters.every((letter) => /\p{Lu}/u.test(letter))) return false;
  if (wordCount(line) > MAX_HEADING_WORDS) return false;
  return !ENDS_IN_PERIOD.test(line);
}

// ---------------------------------------------------------------------------------------------
// Paragraphs

interface TextPara {
  type: 'text';
  text: string;
  /** How many source lines were joined into it: captions are single lines. */
  lines: number;
}
interface ListPara {
  type: 'list';
  items: { number: string | undefined; text: string }[];
}
interface CaptionPara {
  type: 'caption';
  text: string;
}
type Para = TextPara | ListPara | CaptionPara;

/** Hyphenated words written whole on one line somewhere in the text ("follow-up"). */
function collectHyphenatedWords(lines: string[]): Set<string> {
  const words = new Set<string>();
  for (const line of lines) {
    for (const match of line.matchAll(/\p{L}+(?:-\p{L}+)+/gu)) words.add(match[0].toLowerCase());
  }
  return words;
}

/**
 * Joins hard-wrapped lines with a space. A word broken at the line end ("recon-" + "struction")
 * is rejoined without the hyphen, unless the hyphenated form is a real word found elsewhere in
 * the text ("follow-up") or the part before the hyphen is a single letter ("Z-plasty").
 */
function joinLines(lines: string[], hyphenated: Set<string>): string {
  let out = '';
  for (const line of lines) {
    if (out === '') {
      out = line;
      continue;
    }
    const head = /(?<![\p{L}-])(\p{L}+)-$/u.exec(out);
    const tail = /^\p{Ll}\p{L}*/u.exec(line);
    if (head && tail) {
      const prefix = head[1] ?? '';
      const keepHyphen = prefix.length === 1 || hyphenated.has(`${prefix}-${tail[0]}`.toLowerCase());
      out = keepHyphen ? out + line : out.slice(0, -1) + line;
    } else {
      out = `${out} ${line}`;
    }
  }
  return out;
}

const CAPTION_LEAD =
  /^(?:figures?|fig\.|illustrations?|diagrams?|drawings?|photos?|photographs?|images?|pictures?|ilustraci[oó]n|figuras?|diagramas?|dibujos?|fotos?|fotograf[ií]as?|im[aá]gen(?:es)?)(?:\s*\d+[a-z]?)?\s*[:.\-–—)]/iu;
const BEFORE_AND_AFTER = /^(?:before\s*(?:and|&|\/|or|-|–)\s*after|after\s*(?:and|&|\/|-|–)\s*before|antes\s*(?:y|\/|-|–)\s*despu[eé]s)(?![\p{L}])/iu;
const PICTURE_WORD =
  /(?<![\p{L}\p{N}])(?:illustrat\w*|figures?|fig\.|diagrams?|drawings?|incisions?|photos?|photographs?|pictured|shown|ilustraci[oó]n|figuras?|diagramas?|dibujos?|incisi[oó]n|incisiones|fotos?|fotograf[ií]as?|im[aá]gen(?:es)?)(?![\p{L}\p{N}])/iu;
const BEFORE_WORD = /(?<![\p{L}])(?:before|antes)(?![\p{L}])/iu;
const AFTER_WORD = /(?<![\p{L}])(?:after|despu[eé]s)(?![\p{L}])/iu;
/** Words that speak to the reader: such a line is advice ("Call us before you come"), not a caption. */
const ADDRESSES_READER =
  /(?<![\p{L}])(?:you|your|yours|we|us|our|usted|ustedes|nosotros|nuestros?|nuestras?|tú|tu|tus)(?![\p{L}])/iu;
const MAX_CAPTION_WORDS = 20;
const MAX_LABELLED_CAPTION_WORDS = 25;

/** "Figure 1. ...", "Illustration: ...", "Before and after ...": a caption whatever its punctuation. */
function isLabelledCaption(text: string): boolean {
  if (wordCount(text) > MAX_LABELLED_CAPTION_WORDS) return false;
  if (CAPTION_LEAD.test(text)) return true;
  // "Before and after surgery, avoid aspirin." is advice, not a caption.
  if (!BEFORE_AND_AFTER.test(text)) return false;
  if (PICTURE_WORD.test(text)) return true;
  return !ENDS_IN_TERMINATOR.test(text) && !ADDRESSES_READER.test(text);
}

/**
 * A single short line with lower-case letters, no sentence ending and not addressed to the
 * reader: caption material.
 */
function isShortUnterminatedLine(para: Para): para is TextPara {
  return (
    para.type === 'text' &&
    para.lines === 1 &&
    !ADDRESSES_READER.test(para.text) &&
    wordCount(para.text) >= 2 &&
    wordCount(para.text) <= MAX_CAPTION_WORDS &&
    /\p{Ll}/u.test(para.text) &&
    !ENDS_IN_TERMINATOR.test(para.text)
  );
}

/** A short unterminated line that says it describes a picture. */
function describesPicture(para: TextPara): boolean {
  return PICTURE_WORD.test(para.text) || (BEFORE_WORD.test(para.text) && AFTER_WORD.test(para.text));
}

/**
 * Splits a block of consecutive non-blank lines into paragraphs: bulleted lines become one list
 * (an unmarked line after an item continues it), the rest is joined text. A labelled caption
 * on the last line of a block, under a line that ends a sentence, is split off.
 */
function blockToParas(lines: string[], hyphenated: Set<string>): Para[] {
  const out: Para[] = [];
  let text: string[] = [];
  let items: { number: string | undefined; parts: string[] }[] = [];

  const flushText = (): void => {
    if (text.length === 0) return;
    const last = text[text.length - 1] ?? '';
    const beforeLast = text[text.length - 2];
    if (beforeLast !== undefined && isLabelledCaption(last) && ENDS_IN_TERMINATOR.test(beforeLast)) {
      out.push({ type: 'text', text: joinLines(text.slice(0, -1), hyphenated), lines: text.length - 1 });
      out.push({ type: 'text', text: last, lines: 1 });
    } else {
      out.push({ type: 'text', text: joinLines(text, hyphenated), lines: text.length });
    }
    text = [];
  };
  const flushList = (): void => {
    if (items.length === 0) return;
    out.push({
      type: 'list',
      items: items.map((item) => ({ number: item.number, text: joinLines(item.parts, hyphenated) })),
    });
    items = [];
  };

  for (const line of lines) {
    const symbol = SYMBOL_BULLET.exec(line);
    const numbered = symbol ? null : NUMBERED_ITEM.exec(line);
    if (symbol || numbered) {
      flushText();
      items.push({
        number: numbered ? numbered[1] : undefined,
        parts: [(symbol ? symbol[1] : numbered?.[2]) ?? ''],
      });
    } else if (items.length > 0) {
      items[items.length - 1]?.parts.push(line);
    } else {
      text.push(line);
    }
  }
  flushText();
  flushList();
  return out;
}

/**
 * Marks captions inside one section: labelled captions and picture-describing short lines
 * anywhere, and the short unterminated lines that stand alone after the section's body. Short
 * paragraphs that end a sentence are never captions.
 */
function markCaptions(paras: Para[]): Para[] {
  const out: Para[] = paras.map((para) => {
    if (para.type !== 'text') return para;
    if ((para.lines <= 2 && isLabelledCaption(para.text)) || (isShortUnterminatedLine(para) && describesPicture(para))) {
      return { type: 'caption', text: para.text };
    }
    return para;
  });
  let end = out.length;
  while (end > 0 && out[end - 1]?.type === 'caption') end -= 1;
  for (let i = end - 1; i > 0; i -= 1) {
    const para = out[i];
    if (para === undefined || !isShortUnterminatedLine(para)) break;
    const bodyBefore = out.slice(0, i).some((p) => p.type !== 'caption' && !isShortUnterminatedLine(p));
    if (!bodyBefore) break;
    out[i] = { type: 'caption', text: para.text };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Headings: display forms, kinds, trailing pages

function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}

function capitalizeFirstLetter(word: string): string {
  return word.replace(/\p{L}/u, (letter) => letter.toUpperCase());
}

/** The English pronoun "I" survives lower-casing. */
function restorePronounI(text: string): string {
  return text.replace(/(?<![\p{L}\p{N}'’-])i(?=[\s'’?!.,:;)]|$)/gu, 'I');
}

/** Section numbering ("1.", "2.3", "4)") is the brochure's layout, not part of the name. */
function withoutNumbering(heading: string): string {
  const bare = heading.replace(/^\d{1,3}(?:\.\d{1,3})*[.)]?\s+/u, '');
  return /\p{L}/u.test(bare) ? bare : heading;
}

/** "WHAT IS SCAR REVISION?" -> "What is scar revision?" */
function sentenceCase(heading: string): string {
  return restorePronounI(capitalizeFirstLetter(withoutNumbering(heading).toLowerCase()));
}

const MINOR_WORDS = new Set([
  'a', 'an', 'and', 'as', 'at', 'but', 'by', 'for', 'from', 'in', 'into', 'nor', 'of', 'on', 'or',
  'the', 'to', 'vs', 'with', 'al', 'con', 'de', 'del', 'el', 'en', 'la', 'las', 'los', 'o', 'para',
  'por', 'sin', 'u', 'un', 'una', 'y',
]);

/** "SCAR REVISION: A GUIDE FOR PATIENTS" -> "Scar Revision: A Guide for Patients" */
function titleCase(text: string): string {
  const words = withoutNumbering(text).toLowerCase().split(' ');
  return restorePronounI(
    words
      .map((word, index) => {
        const bare = word.replace(/[^\p{L}]/gu, '');
        const afterColon = index > 0 && /[:–—]$/u.test(words[index - 1] ?? '');
        if (index > 0 && index < words.length - 1 && !afterColon && MINOR_WORDS.has(bare)) return word;
        return word.split('-').map(capitalizeFirstLetter).join('-');
      })
      .join(' '),
  );
}

/** The guide's name from a question-like first heading: "WHAT IS A NECKLIFT?" -> "NECKLIFT". */
function titleFromHeading(heading: string): string {
  const name = withoutNumbering(heading)
    .replace(/^[¿¡]+/u, '')
    .replace(/[?!:.]+$/u, '')
    .trim()
    .replace(
      /^(?:what\s+(?:is|are)|qu[eé]\s+(?:es|son)|understanding|all\s+about|about|introduction\s+to|introducci[oó]n\s+a)\s+(?:(?:an?|the|el|la|los|las|un|una)\s+)?/iu,
      '',
    )
    .trim();
  return /\p{L}/u.test(name) ? name : heading;
}

/**
 * Keyword rules on the accent-stripped, lower-cased heading. The rule matching earliest in the
 * heading wins ("PREPARING FOR THE SURGERY" is about preparing, not the procedure); ties go to
 * the rule listed first.
 */
const KIND_RULES: readonly (readonly [SectionKind, RegExp])[] = [
  ['overview', /\b(?:overview|introduction|introduccion|descripcion general)\b/u],
  ['candidates', /\b(?:candidat|right for (?:you|me))/u],
  ['risks', /\b(?:risk|riesgo|complication|complicacion)/u],
  ['planning', /\b(?:plan(?:s|ning)?\b|planific|planeaci)/u],
  ['preparing', /\bprepar/u],
  ['facility', /\b(?:where\b.*\b(?:performed|done|take place)\b|facilit(?:y|ies)\b|donde\b|instalaciones\b)/u],
  ['anesthesia', /\b(?:anesthe|anaesthe|anestesi)/u],
  ['back-to-normal', /\b(?:back to normal|return(?:ing)? to\b|getting back\b|vuelta a la normalidad|regreso a\b|volver a\b)/u],
  ['recovery', /\b(?:after (?:the |your )?(?:surgery|procedure|operation|treatment)\b|recover|recuperacion|despues de la (?:cirugia|operacion|intervencion)|postoperat)/u],
  ['results', /\b(?:results?\b|your new look\b|resultados?\b)/u],
  ['procedure', /\b(?:the (?:surgery|procedure|operation)\b|techniques?\b|la cirugia\b|el procedimiento\b|la intervencion\b|la operacion\b|tecnicas?\b)/u],
];
/** Question openings are weak evidence: "WHAT IS THE RECOVERY LIKE?" is about recovery. */
const WEAK_OVERVIEW = /\b(?:what (?:is|are)|que (?:es|son))\b/u;

function kindForHeading(heading: string): SectionKind {
  const key = stripAccents(heading).toLowerCase();
  let best: SectionKind | undefined;
  let bestIndex = Number.POSITIVE_INFINITY;
  for (const [kind, pattern] of KIND_RULES) {
    const match = pattern.exec(key);
    if (match && match.index < bestIndex) {
      best = kind;
      bestIndex = match.index;
    }
  }
  if (best) return best;
  return WEAK_OVERVIEW.test(key) ? 'overview' : 'custom';
}

const TRAILING_PAGE = new RegExp(
  '^(?:(?:website|web site|site|web|our|the|online|medical)\\s+)?' +
    '(?:terms of (?:use|service)|terms (?:and|&) conditions|privacy (?:policy|notice|statement)|disclaimers?|' +
    'legal notices?|contact us|site ?map|accessibility(?: statement)?|' +
    'terminos (?:de uso|y condiciones)|politica de privacidad|aviso (?:legal|de privacidad)|mapa del sitio|contacto|accesibilidad)' +
    '\\s*(?:[-–—:|(,].*)?$',
  'u',
);

/** Website pages that follow the guide when a brochure is copied from a site. */
function isTrailingPageHeading(heading: string): boolean {
  const key = stripAccents(heading).toLowerCase().replace(/^[¿¡]+/u, '').replace(/[?!.:]+$/u, '').trim();
  return TRAILING_PAGE.test(key) || /^(?:copyright\b|©)/u.test(key);
}

// ---------------------------------------------------------------------------------------------
// Markdown

/** Plain text into Markdown that renders as the same text. */
function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<]/gu, (char) => `\\${char}`);
}

function escapeParagraph(text: string): string {
  return escapeInline(text)
    .replace(/^(#{1,6}|>|[-+])(?=\s|$)/u, '\\$1')
    .replace(/^(\d+)([.)])(?=\s|$)/u, '$1\\$2');
}

function renderPara(para: TextPara | ListPara): string {
  if (para.type === 'text') return escapeParagraph(para.text);
  const ordered = para.items.every((item) => item.number !== undefined);
  return para.items
    .map((item, index) => `${ordered ? `${item.number ?? String(index + 1)}.` : '-'} ${escapeInline(item.text)}`)
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// Summary

const MAX_SUMMARY = 300;
const ABBREVIATION = /(?:^|\s)(?:dr|dra|mr|mrs|ms|sr|sra|st|vs|etc|e\.g|i\.e|fig|approx|no)\.$/iu;

/** The paragraph cut at the last sentence end within 300 characters (a word boundary if none). */
function summarize(text: string): string {
  if (text.length <= MAX_SUMMARY) return text;
  let cut = 0;
  for (const match of text.matchAll(/[.!?…]["'”’»)]*(?=\s)/gu)) {
    const end = match.index + match[0].length;
    if (end > MAX_SUMMARY) break;
    if (!ABBREVIATION.test(text.slice(0, end))) cut = end;
  }
  if (cut > 0) return text.slice(0, cut);
  const room = text.slice(0, MAX_SUMMARY - 1);
  const space = room.lastIndexOf(' ');
  return `${(space > 0 ? room.slice(0, space) : room).replace(/[\s,;:–—-]+$/u, '')}…`;
}

// ---------------------------------------------------------------------------------------------
// The importer

type Token = { type: 'heading'; text: string } | { type: 'block'; lines: string[] };

interface Run {
  heading: string;
  paras: Para[];
}

function normKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

function paraKey(para: Para): string {
  return normKey(para.type === 'list' ? para.items.map((item) => item.text).join('\n') : para.text);
}

function tokenize(lines: string[]): Token[] {
  const tokens: Token[] = [];
  let block: string[] = [];
  const flush = (): void => {
    if (block.length > 0) tokens.push({ type: 'block', lines: block });
    block = [];
  };
  for (const line of lines) {
    if (line === '' || isNoise(line) || isNavigation(line)) {
      flush();
    } else if (isHeadingLine(line)) {
      flush();
      tokens.push({ type: 'heading', text: line });
    } else {
      block.push(line);
    }
  }
  flush();
  return tokens;
}

/**
 * Imports a plain-text brochure.
 *
 * @throws ValidationError `import_binary` (NUL bytes, invalid UTF-8, mostly control characters),
 *   `import_empty` (nothing but whitespace), `import_no_heading` (prose without an ALL-CAPS heading).
 */
export function importBrochure(text: string | Buffer): ImportedGuide {
  const normalised = normaliseText(decodeInput(text));
  if (normalised === '') fail('import_empty', 'the brochure is empty');
  const lines = normalised.split('\n');
  const hyphenated = collectHyphenatedWords(lines);
  const tokens = tokenize(lines);

  const firstHeading = tokens.find((token) => token.type === 'heading');
  if (firstHeading === undefined || firstHeading.type !== 'heading') {
    fail('import_no_heading', 'no ALL-CAPS heading found');
  }

  // An ALL-CAPS first line directly followed by another heading is the guide's title.
  const [first, second] = tokens;
  const hasTitleLine = first?.type === 'heading' && second?.type === 'heading';
  const title = titleCase(hasTitleLine ? first.text : titleFromHeading(firstHeading.text));

  const preamble: Para[] = [];
  let runs: Run[] = [];
  for (const token of tokens.slice(hasTitleLine ? 1 : 0)) {
    if (token.type === 'heading') runs.push({ heading: token.text, paras: [] });
    else (runs[runs.length - 1]?.paras ?? preamble).push(...blockToParas(token.lines, hyphenated));
  }

  // Website pages after the guide: the first one and everything after it is left out.
  const trailingPagesLeftOut: string[] = [];
  const cut = runs.findIndex((run, index) => index > 0 && isTrailingPageHeading(run.heading));
  if (cut > 0) {
    for (const run of runs.slice(cut)) {
      if (isTrailingPageHeading(run.heading) && !trailingPagesLeftOut.includes(run.heading)) {
        trailingPagesLeftOut.push(run.heading);
      }
    }
    runs = runs.slice(0, cut);
  }

  // Duplicates: a repeated paragraph is dropped; a repeated heading is dropped with its run when
  // everything under it repeats too (a page pasted twice), otherwise it starts a new section.
  const seenParas = new Set<string>();
  const seenHeadings = new Set<string>(hasTitleLine ? [normKey(first.text)] : []);
  let duplicatesDropped = 0;
  const dedupe = (paras: Para[]): Para[] =>
    paras.filter((para) => {
      const key = paraKey(para);
      if (seenParas.has(key)) {
        duplicatesDropped += 1;
        return false;
      }
      seenParas.add(key);
      return true;
    });

  const keptPreamble = dedupe(markCaptions(preamble));
  const keptRuns: Run[] = [];
  for (const run of runs) {
    const headingKey = normKey(run.heading);
    const paras = markCaptions(run.paras);
    if (seenHeadings.has(headingKey) && paras.every((para) => seenParas.has(paraKey(para)))) {
      duplicatesDropped += 1 + paras.length;
      continue;
    }
    seenHeadings.add(headingKey);
    keptRuns.push({ heading: run.heading, paras: dedupe(paras) });
  }
  if (keptRuns.length === 0) keptRuns.push({ heading: title, paras: [] });
  const firstRun = keptRuns[0];
  if (firstRun) firstRun.paras.unshift(...keptPreamble);

  const captions: string[] = [];
  const sections: ImportedSection[] = [];
  const sectionTexts: { kind: SectionKind; texts: string[] }[] = [];
  const taken = new Set<SectionKind>();
  let paragraphs = 0;
  for (const run of keptRuns) {
    // Each fixed kind is used once; a second "WHAT IS A KELOID?" stays a custom section.
    let kind = kindForHeading(run.heading);
    if (kind !== 'custom' && taken.has(kind)) kind = 'custom';
    taken.add(kind);
    const body: string[] = [];
    const texts: string[] = [];
    for (const para of run.paras) {
      if (para.type === 'caption') {
        captions.push(para.text);
        continue;
      }
      body.push(renderPara(para));
      if (para.type === 'text') texts.push(para.text);
    }
    paragraphs += body.length;
    sections.push({ kind, heading: sentenceCase(run.heading), body: body.join('\n\n') });
    sectionTexts.push({ kind, texts });
  }

  const summarySource =
    sectionTexts.find((section) => section.kind === 'overview' && section.texts.length > 0) ??
    sectionTexts.find((section) => section.texts.length > 0);
  const summary = summarize(summarySource?.texts[0] ?? '');

  return {
    title,
    summary,
    sections,
    captions,
    report: {
      sections: sections.length,
      paragraphs,
      captions: captions.length,
      duplicatesDropped,
      trailingPagesLeftOut,
    },
  };
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * One line for the CLI, e.g. "5 sections, 23 paragraphs, 3 captions; 2 duplicate blocks dropped;
 * left out trailing pages: TERMS OF USE, PRIVACY POLICY". Clauses with nothing to say are omitted.
 */
export function describeImport(report: ImportReport, locale: 'en' | 'es'): string {
  const es = locale === 'es';
  const parts = [
    [
      es ? count(report.sections, 'sección', 'secciones') : count(report.sections, 'section', 'sections'),
      es ? count(report.paragraphs, 'párrafo', 'párrafos') : count(report.paragraphs, 'paragraph', 'paragraphs'),
      es ? count(report.captions, 'leyenda', 'leyendas') : count(report.captions, 'caption', 'captions'),
    ].join(', '),
  ];
  if (report.duplicatesDropped > 0) {
    parts.push(
      es
        ? count(report.duplicatesDropped, 'bloque duplicado descartado', 'bloques duplicados descartados')
        : count(report.duplicatesDropped, 'duplicate block dropped', 'duplicate blocks dropped'),
    );
  }
  const pages = report.trailingPagesLeftOut;
  if (pages.length > 0) {
    const label = es
      ? pages.length === 1 ? 'página final omitida' : 'páginas finales omitidas'
      : pages.length === 1 ? 'left out trailing page' : 'left out trailing pages';
    parts.push(`${label}: ${pages.join(', ')}`);
  }
  return parts.join('; ');
}
