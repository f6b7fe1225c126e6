import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stemSpanish } from './stem-es.js';
import { markdownToText, parseQuery, snippet, wordMatcher } from './text.js';

test('Snowball Spanish: known stems from the reference vocabulary', () => {
  const expected: Record<string, string> = {
    abarcaba: 'abarc', cantaban: 'cant', canciones: 'cancion', chiquillo: 'chiquill', niñas: 'niñ',
    cirugía: 'cirug', cirugías: 'cirug', pacientes: 'pacient', operación: 'oper', operaciones: 'oper', rápidamente: 'rapid', posibilidad: 'posibil',
    quirúrgicos: 'quirurg', resultados: 'result', párpados: 'parp', comiéndoselo: 'com',
  };
  for (const [word, stem] of Object.entries(expected)) assert.equal(stemSpanish(word), stem, word);
  // Short words and empty input pass through.
  assert.equal(stemSpanish('la'), 'la');
  assert.equal(stemSpanish(''), '');
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
