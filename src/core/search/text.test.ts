import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stemSpanish } from './stem-es.js';
import { fold, highlight, indexTerms, indexText, markdownToText, parseQuery, snippet, wordMatcher } from './text.js';

test('Snowball Spanish: known stems from the reference vocabulary (accents folded first)', () => {
  const expected: Record<string, string> = {
    abarcaba: 'abarc', cantaban: 'cant', canciones: 'cancion', chiquillo: 'chiquill', niñas: 'nin',
    cirugía: 'cirugi', cirugías: 'cirugi', pacientes: 'pacient', operación: 'oper', operaciones: 'oper', rápidamente: 'rapid', posibilidad: 'posibil',
    quirúrgicos: 'quirurg', resultados: 'result', párpados: 'parp', comiéndoselo: 'com',
  };
  for (const [word, stem] of Object.entries(expected)) assert.equal(stemSpanish(word), stem, word);
  // Short words and empty input pass through (folded).
  assert.equal(stemSpanish('la'), 'la');
  assert.equal(stemSpanish('él'), 'el');
  assert.equal(stemSpanish(''), '');
});

test('Spanish stems: accents optional, and singular and plural still meet', () => {
  const sameStem = [
    ['cirugía', 'cirugia', 'cirugías', 'cirugias'],
    ['párpados', 'parpados', 'párpado', 'parpado'],
    ['rinoplastia', 'rinoplastía', 'rinoplastias'],
    ['operación', 'operacion', 'operaciones'],
    ['solución', 'solucion', 'soluciones'],
    ['anestesiología', 'anestesiologia', 'anestesiologías'],
    ['mentón', 'menton', 'mentones'],
    // Unaccented noun endings that look like accented verb endings (-io, -era) keep their plural.
    ['labio', 'labios'],
    ['cadera', 'caderas'],
    ['necesario', 'necesaria', 'necesarios'],
  ];
  for (const words of sameStem) {
    const stems = new Set(words.map(stemSpanish));
    assert.equal(stems.size, 1, `${words.join(', ')}: ${[...stems].join(', ')}`);
  }
});

test('fold removes diacritics and nothing else', () => {
  assert.equal(fold('Cirugía de PÁRPADOS, niño, pingüino'), 'Cirugia de PARPADOS, nino, pinguino');
  assert.equal(fold('café crème, naïve, Ångström'), 'cafe creme, naive, Angstrom');
  assert.equal(fold('plain <b>ascii</b> & 42'), 'plain <b>ascii</b> & 42');
  // Decomposed input (a letter, then its combining accent) folds the same as composed.
  assert.equal(fold('cirugi\u0301a'), 'cirugia');
});

test('indexText and indexTerms: the index and the query agree on every spelling', () => {
  assert.equal(indexText('es', 'Cirugía de los párpados'), 'cirugi de los parp');
  assert.equal(indexText('es', 'cirugia de los parpados'), 'cirugi de los parp');
  assert.equal(indexText('en', 'Café crème'), 'Cafe creme');
  assert.deepEqual(indexTerms('es', ['cirugía', 'cirugia', 'párpado']), ['cirugi', 'cirugi', 'parp']);
  assert.deepEqual(indexTerms('en', ['café', 'cafe']), ['cafe', 'cafe']);
});

test('highlighting marks the word as written, whatever accents the query had', () => {
  assert.equal(highlight('Cirugía de párpados.', wordMatcher('es', ['cirugia', 'parpado'])), '<mark>Cirugía</mark> de <mark>párpados</mark>.');
  assert.equal(highlight('cirugia de parpados', wordMatcher('es', ['cirugías'])), '<mark>cirugia</mark> de parpados');
  assert.equal(highlight('A café crème.', wordMatcher('en', ['cafe'])), 'A <mark>café</mark> crème.');
  // While typing, the unfinished word is a prefix, accented or not.
  assert.equal(highlight('Cirugía de párpados', wordMatcher('es', ['parp'], true)), 'Cirugía de <mark>párpados</mark>');
  assert.equal(highlight('Cirugía de párpados', wordMatcher('es', ['cirugía'], true)), '<mark>Cirugía</mark> de párpados');
  assert.equal(highlight('Cirugía de párpados', wordMatcher('es', ['cirug'], true)), '<mark>Cirugía</mark> de párpados');
  assert.equal(highlight('Cirugía de párpados', wordMatcher('es', ['cirug'])), 'Cirugía de párpados');
});

test('parseQuery keeps letters and digits only, bounded', () => {
  assert.deepEqual(parseQuery('"rhino*" AND (nose) NEAR/2 title:x'), ['rhino', 'and', 'nose', 'near', '2', 'title', 'x']);
  assert.deepEqual(parseQuery('\u0000🙂'), []);
  assert.ok(parseQuery('a b c d e f g h i j k l m n o p').length <= 12);
  assert.ok(parseQuery('x'.repeat(10_000))[0]!.length <= 40);
});

test('snippet: a window around the words, escaped, with ellipses', () => {
  const text = `${'filler '.repeat(60)}the <b>swelling</b> fades ${'tail '.repeat(60)}`;
  const s = snippet(text, wordMatcher('en', ['swelling']), 10);
  assert.match(s, /^… /);
  assert.match(s, / …$/);
  assert.match(s, /&lt;b&gt;<mark>swelling<\/mark>&lt;\/b&gt;/);
});

test('markdownToText keeps the words of links and drops markup', () => {
  assert.equal(markdownToText('## Risks\n\n- **Bleeding** and [infection](https://x.test)\n'), 'Risks Bleeding and infection');
});
