import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { syllable } from 'syllable';
import { LOCALES } from '../../../core/i18n/locales.js';
import { GUIDE_CATEGORIES, SECTION_KINDS } from '../model.js';
import { SAMPLE_GUIDES, type SampleGuide } from './content.js';

const FIGURES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'figures');
const STANDARD_KINDS = SECTION_KINDS.filter((kind) => kind !== 'custom');
const EXPECTED = { 'scar-revision': 'skin', necklift: 'neck', facelift: 'face', 'eyelid-surgery': 'eyes' } as const;

const find = (slug: string, locale: string): SampleGuide | undefined =>
  SAMPLE_GUIDES.find((g) => g.slug === slug && g.locale === locale);
const figuresOf = (guide: SampleGuide) => guide.sections.flatMap((s) => s.figures ?? []);

/** A small XML well-formedness check: balanced tags, quoted attributes, no duplicate attributes, one root. */
function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const tag = /<(\/)?([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_:][\w:.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/)?>/y;
  const text = xml.replace(/^\s*<\?xml[^?]*\?>/, '').replace(/<!--[\s\S]*?-->/g, '');
  const stack: string[] = [];
  let roots = 0;
  let pos = 0;
  while (pos < text.length) {
    const lt = text.indexOf('<', pos);
    const between = text.slice(pos, lt === -1 ? text.length : lt);
    if (/&(?![a-z]+;|#\d+;|#x[0-9a-f]+;)/i.test(between)) problems.push(`bare & near ${pos}`);
    if (stack.length === 0 && between.trim() !== '') problems.push(`text outside the root near ${pos}`);
    if (lt === -1) break;
    tag.lastIndex = lt;
    const m = tag.exec(text);
    if (!m) {
      problems.push(`malformed tag near ${lt}: ${text.slice(lt, lt + 40)}`);
      break;
    }
    const [, closing, name = '', attrs = '', selfClosing] = m;
    const attrNames = [...attrs.matchAll(/([A-Za-z_:][\w:.-]*)\s*=/g)].map((a) => a[1]);
    if (new Set(attrNames).size !== attrNames.length) problems.push(`duplicate attribute on <${name}>`);
    if (closing) {
      if (stack.pop() !== name) problems.push(`unexpected </${name}>`);
    } else {
      if (stack.length === 0 && ++roots > 1) problems.push('more than one root element');
      if (!selfClosing) stack.push(name);
    }
    pos = tag.lastIndex;
  }
  if (stack.length > 0) problems.push(`unclosed <${stack.join('>, <')}>`);
  if (roots === 0) problems.push('no root element');
  return problems;
}

// Readability, measured the usual way: list items count as sentences; bold markers are ignored.
const plain = (guide: SampleGuide) =>
  guide.sections
    .map((s) => s.body)
    .join('\n')
    .replace(/\*\*/g, '')
    .replace(/^- /gm, '');
const sentences = (text: string) =>
  text
    .split(/[.!?]+(?=\s|$)|\n+/)
    .map((s) => s.trim())
    .filter((s) => /\p{L}/u.test(s));
const words = (text: string) => text.match(/[\p{L}\p{N}'’-]+/gu) ?? [];

/** Flesch–Kincaid grade level. */
function fleschKincaid(text: string): number {
  const w = words(text);
  const syllables = w.reduce((sum, word) => sum + syllable(word), 0);
  return 0.39 * (w.length / sentences(text).length) + 11.8 * (syllables / w.length) - 15.59;
}

/** Spanish syllables by vowel groups: two strong vowels (or an accented í/ú) split a group. */
function spanishSyllables(word: string): number {
  const w = word.toLowerCase().replace(/qu|gu(?=[eéií])/g, 'q').replace(/y$/, 'i');
  const strong = (c: string) => 'aeoáéóíú'.includes(c);
  let count = 0;
  for (const group of w.match(/[aeiouáéíóúü]+/g) ?? []) {
    count += 1;
    for (let i = 1; i < group.length; i++) if (strong(group[i - 1]!) && strong(group[i]!)) count += 1;
  }
  return Math.max(1, count);
}

/** Szigriszt-Pazos / INFLESZ: 55–65 normal, 65–80 fairly easy, above 80 very easy. */
function inflesz(text: string): number {
  const w = words(text);
  const syllables = w.reduce((sum, word) => sum + spanishSyllables(word), 0);
  return 206.835 - 62.3 * (syllables / w.length) - w.length / sentences(text).length;
}

describe('sample procedure guides', () => {
  it('has every guide in every language, once, with the expected category', () => {
    assert.equal(SAMPLE_GUIDES.length, Object.keys(EXPECTED).length * LOCALES.length);
    for (const [slug, category] of Object.entries(EXPECTED)) {
      for (const locale of LOCALES) {
        const guide = find(slug, locale);
        assert.ok(guide, `${slug} (${locale}) exists`);
        assert.equal(guide.category, category);
        assert.ok((GUIDE_CATEGORIES as readonly string[]).includes(guide.category));
        assert.equal(SAMPLE_GUIDES.filter((g) => g.slug === slug && g.locale === locale).length, 1);
      }
    }
  });

  it('has the fixed sections in order, with headings only on custom sections', () => {
    for (const guide of SAMPLE_GUIDES) {
      const kinds = guide.sections.filter((s) => s.kind !== 'custom').map((s) => s.kind);
      assert.deepEqual(kinds, STANDARD_KINDS, `${guide.slug} (${guide.locale})`);
      for (const section of guide.sections) {
        if (section.kind === 'custom') assert.ok(section.heading?.trim(), 'custom section has a heading');
        else assert.equal(section.heading, undefined, `${section.kind} has no heading`);
      }
    }
  });

  it('splits scar revision by scar type right after the overview, and explains the techniques', () => {
    const headings = { en: ['Keloid scars', 'Hypertrophic scars', 'Contractures', 'Facial scars'], es: ['Cicatrices queloides', 'Cicatrices hipertróficas', 'Contracturas', 'Cicatrices en la cara'] };
    const techniques = { en: ['Z-plasty', 'Skin grafts and flaps', 'Dermabrasion', 'Steroid injections'], es: ['Zetaplastia', 'Injertos y colgajos', 'Dermoabrasión', 'Inyecciones de corticoides'] };
    for (const locale of LOCALES) {
      const guide = find('scar-revision', locale)!;
      assert.deepEqual(guide.sections.slice(0, 5).map((s) => s.heading ?? s.kind), ['overview', ...headings[locale]]);
      const procedure = guide.sections.find((s) => s.kind === 'procedure')!.body;
      for (const technique of techniques[locale]) assert.ok(procedure.includes(`**${technique}`), `${locale}: ${technique}`);
    }
    for (const slug of ['necklift', 'facelift', 'eyelid-surgery'])
      for (const locale of LOCALES) assert.ok(!find(slug, locale)!.sections.some((s) => s.kind === 'custom'), slug);
  });

  it('keeps bodies to plain Markdown: paragraphs, lists and bold only', () => {
    for (const guide of SAMPLE_GUIDES) {
      for (const section of guide.sections) {
        const where = `${guide.slug} (${guide.locale}) ${section.heading ?? section.kind}`;
        const body = section.body;
        assert.ok(body.trim().length > 0, `${where} is empty`);
        assert.doesNotMatch(body, /<|>/, `${where} has HTML`);
        assert.doesNotMatch(body, /&[a-z#0-9]+;/i, `${where} has an HTML entity`);
        assert.doesNotMatch(body, /^\s*#/m, `${where} has a heading`);
        assert.doesNotMatch(body, /!\[|\]\(|https?:\/\//, `${where} has an image or a link`);
        assert.doesNotMatch(body, /^\s*(\*|\+|\d+\.)\s/m, `${where} uses a list marker other than '- '`);
        assert.equal((body.match(/\*\*/g) ?? []).length % 2, 0, `${where} has unbalanced bold`);
        const blocks = body.split(/\n\s*\n/);
        assert.ok(blocks.length >= 1 && blocks.length <= 5, `${where} has ${blocks.length} blocks`);
      }
    }
  });

  it('has short summaries and titles', () => {
    for (const guide of SAMPLE_GUIDES) {
      assert.ok(guide.title.trim().length > 0);
      assert.ok(guide.summary.trim().length > 0);
      assert.ok(guide.summary.length <= 240, `${guide.slug} (${guide.locale}) summary is ${guide.summary.length} chars`);
      assert.ok(sentences(guide.summary).length <= 2, `${guide.slug} (${guide.locale}) summary has at most 2 sentences`);
      assert.doesNotMatch(guide.summary, /<|>/);
    }
  });

  it('links related guides that exist in the same language', () => {
    for (const guide of SAMPLE_GUIDES) {
      assert.ok(guide.related.length > 0, `${guide.slug} has related guides`);
      for (const slug of guide.related) {
        assert.notEqual(slug, guide.slug);
        assert.ok(find(slug, guide.locale), `${guide.slug} -> ${slug} (${guide.locale})`);
      }
    }
    for (const locale of LOCALES) {
      assert.ok(find('necklift', locale)!.related.includes('facelift'));
      assert.ok(find('facelift', locale)!.related.includes('necklift'));
      assert.ok(find('eyelid-surgery', locale)!.related.includes('facelift'));
    }
  });

  it('ends every guide with a pointer to a board-certified plastic surgeon', () => {
    for (const guide of SAMPLE_GUIDES) {
      const results = guide.sections.at(-1)!;
      assert.equal(results.kind, 'results');
      assert.match(results.body, guide.locale === 'en' ? /board-certified plastic surgeon/ : /cirujano plástico certificado/);
    }
  });

  it('gives each guide 2–3 figures with translated alt text and captions, in the same places in both languages', () => {
    for (const slug of Object.keys(EXPECTED)) {
      const [en, es] = [find(slug, 'en')!, find(slug, 'es')!];
      const place = (g: SampleGuide) => g.sections.map((s) => (s.figures ?? []).map((f) => `${s.heading ? 'custom' : s.kind}:${f.image}`)).flat();
      assert.deepEqual(place(en), place(es), slug);
      const count = figuresOf(en).length;
      assert.ok(count >= 2 && count <= 3, `${slug} has ${count} figures`);
      figuresOf(en).forEach((figure, i) => {
        const other = figuresOf(es)[i]!;
        for (const f of [figure, other]) {
          assert.ok(f.alt.trim().length >= 20, `${f.image} alt is descriptive`);
          assert.ok(f.caption.trim().length > 0, `${f.image} has a caption`);
          assert.doesNotMatch(f.alt + f.caption, /<|>/);
          assert.notEqual(f.alt, f.caption);
        }
        assert.notEqual(figure.alt, other.alt, `${figure.image} alt is translated`);
        assert.notEqual(figure.caption, other.caption, `${figure.image} caption is translated`);
      });
    }
  });

  it('ships every figure as a small, safe, well-formed SVG, and no unused ones', async () => {
    const used = new Set(SAMPLE_GUIDES.flatMap(figuresOf).map((f) => f.image));
    const onDisk = new Set(readdirSync(FIGURES_DIR).filter((f) => f.endsWith('.svg')));
    assert.deepEqual([...onDisk].sort(), [...used].sort());
    for (const image of used) {
      assert.match(image, /^[a-z0-9-]+\.svg$/);
      const file = join(FIGURES_DIR, image);
      assert.ok(existsSync(file), `${image} exists`);
      assert.ok(statSync(file).size < 8 * 1024, `${image} is under 8 KB`);
      const svg = readFileSync(file, 'utf8');
      assert.deepEqual(xmlProblems(svg), [], `${image} is well-formed`);
      assert.match(svg, /^\s*<svg\s[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, `${image} root is <svg>`);
      assert.match(svg, /^\s*<svg\s[^>]*\bwidth="\d+"[^>]*\bheight="\d+"[^>]*\bviewBox="0 0 \d+ \d+"/, `${image} sets size`);
      assert.doesNotMatch(svg, /<script/i, `${image}: script`);
      assert.doesNotMatch(svg, /foreignObject/i, `${image}: foreignObject`);
      assert.doesNotMatch(svg, /<image\b/i, `${image}: embedded image`);
      assert.doesNotMatch(svg, /<text\b|<tspan\b/i, `${image}: text (figures are shared by both languages)`);
      assert.doesNotMatch(svg, /href\s*=\s*["']\s*(?!#)/i, `${image}: external href`);
      assert.doesNotMatch(svg, /url\(\s*(?!#)/i, `${image}: external url()`);
      assert.doesNotMatch(svg, /\son[a-z]+\s*=|javascript:|<!DOCTYPE|<!ENTITY|@import|data:/i, `${image}: active content`);
      const meta = await sharp(file).metadata();
      assert.equal(meta.format, 'svg');
      assert.equal(meta.width, 800);
      assert.equal(meta.height, 600);
    }
  });

  it('reads easily: English at grade 8 or below, Spanish at least fairly easy', () => {
    for (const guide of SAMPLE_GUIDES) {
      const text = plain(guide);
      if (guide.locale === 'en') {
        const grade = fleschKincaid(text);
        assert.ok(grade <= 8, `${guide.slug} (en) is at grade ${grade.toFixed(1)}`);
      } else {
        const score = inflesz(text);
        assert.ok(score >= 65, `${guide.slug} (es) scores ${score.toFixed(1)} on INFLESZ`);
      }
    }
  });
});
