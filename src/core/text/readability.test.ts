import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TARGET_GRADE, countSpanishSyllables, readingGrade } from './readability.js';

// English syllables below are the `syllable` package's counts, which match a dictionary for
// these words.
const EN_EASY = 'Most patients return to work after two weeks.';
// Most 1, pa-tients 2, re-turn 2, to 1, work 1, af-ter 2, two 1, weeks 1 = 11 syllables, 8 words.
// FK = 0.39·8 + 11.8·11/8 − 15.59 = 3.12 + 16.225 − 15.59 = 3.755 -> 3.8

const EN_HARD =
  'Comprehensive postoperative rehabilitation necessitates individualized physiotherapeutic interventions.';
// com-pre-hen-sive 4, post-op-er-a-tive 5, re-ha-bil-i-ta-tion 6, ne-ces-si-tates 4,
// in-di-vid-u-al-ized 6, phys-i-o-ther-a-peu-tic 7, in-ter-ven-tions 4 = 36 syllables, 7 words.
// FK = 0.39·7 + 11.8·36/7 − 15.59 = 2.73 + 60.6857 − 15.59 = 47.8257 -> 47.8

const ES_EASY = 'El gato come pan. La niña lee un libro.';
// El 1, ga-to 2, co-me 2, pan 1 | La 1, ni-ña 2, le-e 2, un 1, li-bro 2 = 14 syllables, 9 words,
// 2 sentences. OP = 200/9 = 22.222, SP = 1400/9 = 155.556.
// Crawford = −0.205·22.222 + 0.049·155.556 − 3.407 = −4.5556 + 7.6222 − 3.407 = −0.3403 -> −0.3

const ES_HARD =
  'La rehabilitación postoperatoria individualizada requiere intervenciones fisioterapéuticas especializadas.';
// La 1, re-ha-bi-li-ta-ción 6, pos-to-pe-ra-to-ria 6, in-di-vi-dua-li-za-da 7, re-quie-re 3,
// in-ter-ven-cio-nes 5, fi-sio-te-ra-péu-ti-cas 7, es-pe-cia-li-za-das 6 = 41 syllables, 8 words.
// OP = 100/8 = 12.5, SP = 4100/8 = 512.5.
// Crawford = −0.205·12.5 + 0.049·512.5 − 3.407 = −2.5625 + 25.1125 − 3.407 = 19.143 -> 19.1

describe('readingGrade: English (Flesch–Kincaid)', () => {
  it('grades an easy sentence', () => {
    assert.deepEqual(readingGrade(EN_EASY, 'en'), { grade: 3.8, words: 8, sentences: 1, syllables: 11, hardSentences: [] });
  });

  it('grades and flags a very hard sentence', () => {
    assert.deepEqual(readingGrade(EN_HARD, 'en'), {
      grade: 47.8,
      words: 7,
      sentences: 1,
      syllables: 36,
      hardSentences: [{ text: EN_HARD, grade: 47.8 }],
    });
  });

  it('grades a whole text and flags only the hard sentence', () => {
    // 15 words, 47 syllables, 2 sentences:
    // FK = 0.39·7.5 + 11.8·47/15 − 15.59 = 2.925 + 36.9733 − 15.59 = 24.3083 -> 24.3
    const report = readingGrade(`${EN_EASY} ${EN_HARD}`, 'en');
    assert.equal(report.grade, 24.3);
    assert.equal(report.words, 15);
    assert.equal(report.syllables, 47);
    assert.equal(report.sentences, 2);
    assert.deepEqual(report.hardSentences, [{ text: EN_HARD, grade: 47.8 }]);
  });

  it('keeps hard sentences in document order', () => {
    const second = 'Anesthesiologists evaluate cardiovascular comorbidities preoperatively.';
    const report = readingGrade(`${EN_HARD} ${EN_EASY} ${second}`, 'en');
    assert.deepEqual(
      report.hardSentences.map((s) => s.text),
      [EN_HARD, second],
    );
    assert.ok(report.hardSentences.every((s) => s.grade > TARGET_GRADE));
  });

  it('does not split at abbreviations or decimals', () => {
    // Dr 1, Smith 1, us-es 2, a-bout 2, 1.5 (a number counts as 1), ml 1, of 1, fil-ler 2,
    // e.g 2, in 1, the 1, lips 1 = 16 | Swell-ing 2, goes 1, down 1 = 4.
    // 15 words, 20 syllables, 2 sentences: FK = 0.39·7.5 + 11.8·20/15 − 15.59 = 3.0683 -> 3.1
    const report = readingGrade('Dr. Smith uses about 1.5 ml of filler, e.g. in the lips. Swelling goes down.', 'en');
    assert.deepEqual(report, { grade: 3.1, words: 15, sentences: 2, syllables: 20, hardSentences: [] });
  });

  it('splits at initials only when they end a sentence', () => {
    assert.equal(readingGrade('Ask J. Smith first. Then rest.', 'en').sentences, 2);
    assert.equal(readingGrade('Results vary, i.e. Swelling may last.', 'en').sentences, 1);
    assert.equal(readingGrade('See fig. 2 for details. Rest.', 'en').sentences, 2);
    assert.equal(readingGrade('The answer is no. Then we wait.', 'en').sentences, 2);
  });

  it('splits at question marks, exclamation marks, ellipses and closing quotes', () => {
    assert.equal(readingGrade('Does it hurt? Not much! Wait… Then go.', 'en').sentences, 4);
    assert.equal(readingGrade('He said “Stop.” Then he left.', 'en').sentences, 2);
  });

  it('does not split before a lowercase word', () => {
    assert.equal(readingGrade('Bruising, swelling, etc. are normal.', 'en').sentences, 1);
  });

  it('treats list items and paragraph ends as sentence ends, but not single line breaks', () => {
    const markdown = ['Before surgery', '- Stop smoking', '- Arrange a ride', '  home', '1. Eat lightly', '', 'After surgery rest'].join('\n');
    // Before surgery | Stop smoking | Arrange a ride home | Eat lightly | After surgery rest:
    // 2 + 2 + 4 + 2 + 3 = 13 words; the markers "-" and "1." are not words.
    const report = readingGrade(markdown, 'en');
    assert.equal(report.sentences, 5);
    assert.equal(report.words, 13);

    const wrapped = readingGrade('Most patients return\nto work after two weeks.', 'en');
    assert.deepEqual(wrapped, readingGrade(EN_EASY, 'en'));
  });

  it('treats headings as sentences and ignores Markdown markers as words', () => {
    const report = readingGrade('## Recovery\nMost patients return to work after two weeks.\n\n> Rest well.', 'en');
    assert.equal(report.sentences, 3);
    assert.equal(report.words, 11);
  });

  it('reports the flagged sentence as written, with whitespace collapsed', () => {
    const report = readingGrade(`Fine.\n\n${EN_HARD.replace(' postoperative', '\n  postoperative')}`, 'en');
    assert.deepEqual(report.hardSentences, [{ text: EN_HARD, grade: 47.8 }]);
  });
});

describe('readingGrade: Spanish (Crawford)', () => {
  it('grades an easy text', () => {
    assert.deepEqual(readingGrade(ES_EASY, 'es'), { grade: -0.3, words: 9, sentences: 2, syllables: 14, hardSentences: [] });
  });

  it('grades and flags a very hard sentence', () => {
    assert.deepEqual(readingGrade(ES_HARD, 'es'), {
      grade: 19.1,
      words: 8,
      sentences: 1,
      syllables: 41,
      hardSentences: [{ text: ES_HARD, grade: 19.1 }],
    });
  });

  it('grades a whole text', () => {
    // 17 words, 55 syllables, 3 sentences. OP = 300/17 = 17.647, SP = 5500/17 = 323.529.
    // Crawford = −0.205·17.647 + 0.049·323.529 − 3.407 = −3.6176 + 15.8529 − 3.407 = 8.8283 -> 8.8
    const report = readingGrade(`${ES_EASY}\n\n${ES_HARD}`, 'es');
    assert.deepEqual(report, {
      grade: 8.8,
      words: 17,
      sentences: 3,
      syllables: 55,
      hardSentences: [{ text: ES_HARD, grade: 19.1 }],
    });
  });

  it('does not split at Spanish abbreviations', () => {
    const text = 'La Dra. López aplica 1,5 ml, p. ej. en los labios. El Sr. Pérez descansa. ¿Duele? No mucho.';
    assert.equal(readingGrade(text, 'es').sentences, 4);
  });
});

describe('readingGrade: no words', () => {
  for (const text of ['', '   ', '\n\n', '...', '- \n\n#', '¿? !!']) {
    it(`returns a null grade for ${JSON.stringify(text)}`, () => {
      for (const locale of ['en', 'es'] as const) {
        assert.deepEqual(readingGrade(text, locale), { grade: null, words: 0, sentences: 0, syllables: 0, hardSentences: [] });
      }
    });
  }
});

describe('countSpanishSyllables', () => {
  const cases: [string, number][] = [
    ['gato', 2],
    ['leer', 2], // hiatus: two open vowels
    ['poeta', 3],
    ['aéreo', 4],
    ['río', 2], // hiatus: accented close vowel next to an open one
    ['país', 2],
    ['baúl', 2],
    ['María', 3],
    ['oír', 2],
    ['leías', 3],
    ['aire', 2], // diphthongs
    ['ciudad', 2],
    ['camión', 2],
    ['cuídate', 3], // two close vowels: a diphthong even with an accent
    ['chiita', 3], // equal close vowels: hiatus
    ['quien', 1],
    ['guion', 1],
    ['pingüino', 3],
    ['limpiáis', 2], // triphthong
    ['buey', 1], // final y is a vowel
    ['hoy', 1],
    ['muy', 1],
    ['Paraguay', 3],
    ['y', 1],
    ['mayo', 2], // y before a vowel is a consonant
    ['búho', 2], // h does not break a hiatus
    ['ahora', 3],
    ['ahumado', 3], // nor a diphthong
    ['rehabilitación', 6],
    ['MÉDICO', 3],
    ['ri\u0301o', 2], // decomposed accent
    ['1,5', 1],
    ['ml', 1],
  ];
  for (const [word, expected] of cases) {
    it(`${word} has ${expected}`, () => {
      assert.equal(countSpanishSyllables(word), expected);
    });
  }
});
