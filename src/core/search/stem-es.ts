/**
 * The Snowball Spanish stemmer (https://snowballstem.org/algorithms/spanish/stemmer.html),
 * ported compactly and applied to the word without its accents: attached pronouns, standard
 * suffixes, verb suffixes and residual endings are removed within the regions RV, R1 and R2.
 * Folding first means "cirugía" and "cirugia" always share a stem (Snowball's own suffix lists
 * would cut "ía" from one and only "a" from the other). Of the accented suffixes, only those
 * whose unaccented spelling is never anything else are kept (-ación, -ución, -logía), so
 * "operación" and "operaciones" still meet. Unaccented, the accented verb endings (-ía, -ió,
 * -erá ...) look like common noun endings (-ia, -io, -era) and cutting them would split "labio"
 * from "labios" or "cadera" from "caderas", so they are left out: some verb tenses ("operaría")
 * no longer meet their infinitive.
 * SQLite's FTS5 has no Spanish stemmer and PostgreSQL's 'spanish' configuration stems the
 * accented word, so Spanish text and query terms pass through this one before either index.
 */
import { fold } from './fold.js';

const VOWELS = new Set('aeiou');
const isVowel = (c: string | undefined): boolean => c !== undefined && VOWELS.has(c);

function regions(w: string): { rv: number; r1: number; r2: number } {
  const n = w.length;
  let rv = n;
  if (n >= 2) {
    if (!isVowel(w[1])) {
      for (let i = 2; i < n; i++) if (isVowel(w[i])) { rv = i + 1; break; }
    } else if (isVowel(w[0]) && isVowel(w[1])) {
      for (let i = 2; i < n; i++) if (!isVowel(w[i])) { rv = i + 1; break; }
    } else {
      rv = 3;
    }
  }
  const after = (start: number): number => {
    for (let i = start; i < n - 1; i++) if (isVowel(w[i]) && !isVowel(w[i + 1])) return i + 2;
    return n;
  };
  const r1 = after(0);
  const r2 = after(r1);
  return { rv: Math.min(rv, n), r1, r2 };
}

/** The longest suffix of `w` in the list, or ''. */
function longest(w: string, suffixes: readonly string[]): string {
  let best = '';
  for (const s of suffixes) if (s.length > best.length && w.endsWith(s)) best = s;
  return best;
}

const byLength = (list: string): readonly string[] => list.split(' ').sort((a, b) => b.length - a.length);

const PRONOUNS = byLength('me se sela selo selas selos la le lo las les los nos');
const STEP1 = {
  plain: byLength('anza anzas ico ica icos icas ismo ismos able ables ible ibles ista istas oso osa osos osas amiento amientos imiento imientos'),
  ador: byLength('adora ador acion adoras adores aciones ante antes ancia ancias'),
  logia: byLength('logia logias'),
  ucion: byLength('ucion uciones'),
  encia: byLength('encia encias'),
  amente: ['amente'],
  mente: ['mente'],
  idad: byLength('idad idades'),
  iva: byLength('iva ivo ivas ivos'),
};
const STEP1_ALL = byLength(Object.values(STEP1).flat().join(' '));
const STEP2A = byLength('ya ye yan yen yeron yendo yo yas yes yais yamos');
const STEP2B_GU = byLength('en es emos');
const STEP2B = byLength(
  'aremos eremos iremos aba ada ida ara iera ad ed id ase iese aste iste an aban aran ieran asen iesen aron ieron ado ido ando iendo ar er ir as abas adas idas aras ieras ases ieses abais arais ierais aseis ieseis asteis isteis ados idos amos imos',
);
const STEP3 = byLength('os a o');

/** The stem of one lower-case word, accents optional ("cirugía", "cirugia" -> "cirugi"). */
export function stemSpanish(word: string): string {
  let w = fold(word);
  if (w.length < 3) return w;
  const { rv, r1, r2 } = regions(w);
  const inRegion = (suffixLength: number, start: number): boolean => w.length - suffixLength >= start;

  // Step 0: attached pronoun after a gerund or infinitive.
  const pronoun = longest(w, PRONOUNS);
  if (pronoun && inRegion(pronoun.length, rv)) {
    const stem = w.slice(0, -pronoun.length);
    // (Snowball's accented forms, "comiéndoselo", arrive folded and are these.)
    const plain = longest(stem, ['iendo', 'ando', 'ar', 'er', 'ir']);
    if (plain && stem.length - plain.length >= rv) w = stem;
    else if (stem.endsWith('uyendo') && stem.length - 5 >= rv) w = stem;
  }

  // Step 1: standard suffixes.
  const before = w;
  const s1 = longest(w, STEP1_ALL);
  if (s1) {
    const cut = (n: number): string => w.slice(0, w.length - n);
    if (STEP1.plain.includes(s1)) {
      if (inRegion(s1.length, r2)) w = cut(s1.length);
    } else if (STEP1.ador.includes(s1)) {
      if (inRegion(s1.length, r2)) {
        w = cut(s1.length);
        if (w.endsWith('ic') && inRegion(2, r2)) w = w.slice(0, -2);
      }
    } else if (STEP1.logia.includes(s1)) {
      if (inRegion(s1.length, r2)) w = `${cut(s1.length)}log`;
    } else if (STEP1.ucion.includes(s1)) {
      if (inRegion(s1.length, r2)) w = `${cut(s1.length)}u`;
    } else if (STEP1.encia.includes(s1)) {
      if (inRegion(s1.length, r2)) w = `${cut(s1.length)}ente`;
    } else if (s1 === 'amente') {
      if (inRegion(s1.length, r1)) {
        w = cut(s1.length);
        if (w.endsWith('iv') && inRegion(2, r2)) {
          w = w.slice(0, -2);
          if (w.endsWith('at') && inRegion(2, r2)) w = w.slice(0, -2);
        } else {
          const x = longest(w, ['os', 'ic', 'ad']);
          if (x && inRegion(2, r2)) w = w.slice(0, -2);
        }
      }
    } else if (s1 === 'mente') {
      if (inRegion(s1.length, r2)) {
        w = cut(s1.length);
        const x = longest(w, ['ante', 'able', 'ible']);
        if (x && inRegion(x.length, r2)) w = w.slice(0, -x.length);
      }
    } else if (STEP1.idad.includes(s1)) {
      if (inRegion(s1.length, r2)) {
        w = cut(s1.length);
        const x = longest(w, ['abil', 'ic', 'iv']);
        if (x && inRegion(x.length, r2)) w = w.slice(0, -x.length);
      }
    } else if (STEP1.iva.includes(s1)) {
      if (inRegion(s1.length, r2)) {
        w = cut(s1.length);
        if (w.endsWith('at') && inRegion(2, r2)) w = w.slice(0, -2);
      }
    }
  }

  if (w === before) {
    // Step 2a: verb suffixes beginning with y, after u.
    const y = longest(w, STEP2A);
    if (y && inRegion(y.length, rv) && w.slice(0, -y.length).endsWith('u')) {
      w = w.slice(0, -y.length);
    } else {
      // Step 2b: other verb suffixes.
      const gu = longest(w, STEP2B_GU);
      const other = longest(w, STEP2B);
      if (gu.length >= other.length && gu && inRegion(gu.length, rv)) {
        w = w.slice(0, -gu.length);
        if (w.endsWith('gu')) w = w.slice(0, -1);
      } else if (other && inRegion(other.length, rv)) {
        w = w.slice(0, -other.length);
      }
    }
  }

  // Step 3: residual suffix.
  const r3 = longest(w, STEP3);
  if (r3 && w.length - r3.length >= rv) {
    w = w.slice(0, -r3.length);
  } else if (w.endsWith('e') && w.length - 1 >= rv) {
    w = w.slice(0, -1);
    if (w.endsWith('gu') && w.length - 1 >= rv) w = w.slice(0, -1);
  }
  return w;
}
