import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { type DiffSegment, diffStats, wordDiff } from './diff.js';

/** The text a side of the diff rebuilds to: `same` plus its own kind. */
function side(segments: DiffSegment[], kind: 'added' | 'removed'): string {
  return segments.filter((s) => s.kind === 'same' || s.kind === kind).map((s) => s.text).join('');
}

function assertRebuilds(before: string, after: string): DiffSegment[] {
  const segments = wordDiff(before, after);
  assert.equal(side(segments, 'removed'), before.normalize('NFC'));
  assert.equal(side(segments, 'added'), after.normalize('NFC'));
  for (const [i, segment] of segments.entries()) {
    assert.notEqual(segment.text, '', 'no empty segments');
    assert.notEqual(segment.kind, segments[i + 1]?.kind, 'adjacent segments differ in kind');
  }
  return segments;
}

describe('wordDiff', () => {
  it('returns one same segment for identical texts', () => {
    const text = 'Most patients return to work after two weeks.\n\nSwelling fades.';
    assert.deepEqual(wordDiff(text, text), [{ kind: 'same', text }]);
  });

  it('returns no segments for two empty texts', () => {
    assert.deepEqual(wordDiff('', ''), []);
  });

  it('shows an insertion', () => {
    assert.deepEqual(assertRebuilds('Rest for a week.', 'Rest at home for a week.'), [
      { kind: 'same', text: 'Rest ' },
      { kind: 'added', text: 'at home ' },
      { kind: 'same', text: 'for a week.' },
    ]);
  });

  it('shows a deletion', () => {
    assert.deepEqual(assertRebuilds('Rest at home for a week.', 'Rest for a week.'), [
      { kind: 'same', text: 'Rest ' },
      { kind: 'removed', text: 'at home ' },
      { kind: 'same', text: 'for a week.' },
    ]);
  });

  it('shows a replacement as a removal followed by an addition', () => {
    assert.deepEqual(assertRebuilds('Swelling lasts two weeks.', 'Swelling lasts three weeks.'), [
      { kind: 'same', text: 'Swelling lasts ' },
      { kind: 'removed', text: 'two' },
      { kind: 'added', text: 'three' },
      { kind: 'same', text: ' weeks.' },
    ]);
  });

  it('folds the spaces between changed words into one replacement', () => {
    assert.deepEqual(assertRebuilds('Call us today.', 'Write to the office tomorrow.'), [
      { kind: 'removed', text: 'Call us today' },
      { kind: 'added', text: 'Write to the office tomorrow' },
      { kind: 'same', text: '.' },
    ]);
    assert.deepEqual(assertRebuilds('after two weeks.', 'after 10 days.'), [
      { kind: 'same', text: 'after ' },
      { kind: 'removed', text: 'two weeks' },
      { kind: 'added', text: '10 days' },
      { kind: 'same', text: '.' },
    ]);
  });

  it('does not fold a line break between changes', () => {
    assert.deepEqual(assertRebuilds('one\ntwo', 'uno\ndos'), [
      { kind: 'removed', text: 'one' },
      { kind: 'added', text: 'uno' },
      { kind: 'same', text: '\n' },
      { kind: 'removed', text: 'two' },
      { kind: 'added', text: 'dos' },
    ]);
  });

  it('does not fold a space next to only one change', () => {
    assert.deepEqual(assertRebuilds('a b', 'x b'), [
      { kind: 'removed', text: 'a' },
      { kind: 'added', text: 'x' },
      { kind: 'same', text: ' b' },
    ]);
  });

  it('shows whole-text additions and removals', () => {
    assert.deepEqual(wordDiff('', 'New text'), [{ kind: 'added', text: 'New text' }]);
    assert.deepEqual(wordDiff('Old text', ''), [{ kind: 'removed', text: 'Old text' }]);
  });

  it('shows whitespace-only changes as whitespace segments', () => {
    assert.deepEqual(assertRebuilds('one two', 'one  two'), [
      { kind: 'same', text: 'one' },
      { kind: 'removed', text: ' ' },
      { kind: 'added', text: '  ' },
      { kind: 'same', text: 'two' },
    ]);
    assert.deepEqual(assertRebuilds('one two', 'one\ntwo'), [
      { kind: 'same', text: 'one' },
      { kind: 'removed', text: ' ' },
      { kind: 'added', text: '\n' },
      { kind: 'same', text: 'two' },
    ]);
  });

  it('treats accented Spanish words as whole words', () => {
    assert.deepEqual(assertRebuilds('La cirugía está lista.', 'La cirugía estará lista.'), [
      { kind: 'same', text: 'La cirugía ' },
      { kind: 'removed', text: 'está' },
      { kind: 'added', text: 'estará' },
      { kind: 'same', text: ' lista.' },
    ]);
    assert.deepEqual(assertRebuilds('el niño', 'el nino'), [
      { kind: 'same', text: 'el ' },
      { kind: 'removed', text: 'niño' },
      { kind: 'added', text: 'nino' },
    ]);
  });

  it('sees no change between composed and decomposed accents', () => {
    assert.deepEqual(wordDiff('recuperaci\u00f3n r\u00e1pida', 'recuperacio\u0301n ra\u0301pida'), [
      { kind: 'same', text: 'recuperación rápida' },
    ]);
  });

  it('rebuilds both sides of a larger edit', () => {
    assertRebuilds(
      'Most patients return to work after two weeks.\n\n- Avoid lifting.\n- Sleep raised.',
      'Many patients return to desk work after 10 days.\n\n- Avoid heavy lifting!\n- Sleep with your head raised.\n- Walk daily.',
    );
  });
});

describe('diffStats', () => {
  it('counts added and removed words', () => {
    const segments = wordDiff('Swelling lasts two weeks.', 'Swelling usually lasts three or four weeks.');
    assert.deepEqual(diffStats(segments), { added: 4, removed: 1 });
  });

  it('counts nothing for identical texts and whitespace-only changes', () => {
    assert.deepEqual(diffStats(wordDiff('a b', 'a b')), { added: 0, removed: 0 });
    assert.deepEqual(diffStats(wordDiff('a b', 'a \n b')), { added: 0, removed: 0 });
  });

  it('counts punctuation as no words', () => {
    assert.deepEqual(diffStats(wordDiff('Rest.', 'Rest!')), { added: 0, removed: 0 });
  });

  it('counts accented and hyphenated words once', () => {
    const segments: DiffSegment[] = [
      { kind: 'removed', text: 'está lista' },
      { kind: 'added', text: 'estará post-operatoria, ¿sí?' },
      { kind: 'same', text: 'ignored words here' },
    ];
    assert.deepEqual(diffStats(segments), { added: 3, removed: 2 });
  });

  it('counts an empty diff as zero', () => {
    assert.deepEqual(diffStats([]), { added: 0, removed: 0 });
  });
});
