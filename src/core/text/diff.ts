/**
 * Word-level differences between two revisions of a text, for the revision history view.
 */
import { diffWordsWithSpace } from 'diff';

/** A run of text that is unchanged, added in `after`, or removed from `before`. */
export interface DiffSegment {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** How many words a diff adds and removes. */
export interface DiffStats {
  added: number;
  removed: number;
}

/**
 * Compare `before` with `after` word by word, whitespace included, so the segments rebuild
 * both texts exactly: `same` + `removed` gives `before`, `same` + `added` gives `after`
 * (both in Unicode NFC). Adjacent segments of the same kind are merged, empty ones dropped,
 * and within a run of changes removals come before additions. A lone space (or tab) between
 * two changes is folded into them, so "two weeks" -> "10 days" reads as one replacement
 * rather than two, as it would in a word processor's track changes.
 */
export function wordDiff(before: string, after: string): DiffSegment[] {
  // NFC first: an accent typed as one code point or as a combining mark looks the same to an
  // editor, and jsdiff would otherwise split "está" (NFD) into two tokens and report a change.
  const changes = diffWordsWithSpace(before.normalize('NFC'), after.normalize('NFC'));
  const segments: DiffSegment[] = [];
  let removed = '';
  let added = '';
  const flush = (): void => {
    if (removed !== '') push(segments, 'removed', removed);
    if (added !== '') push(segments, 'added', added);
    removed = '';
    added = '';
  };
  for (const [i, change] of changes.entries()) {
    if (change.added) added += change.value;
    else if (change.removed) removed += change.value;
    else if ((removed !== '' || added !== '') && isChange(changes[i + 1]) && /^[^\S\r\n]+$/u.test(change.value)) {
      // Keep the space on both sides so each side still rebuilds its text exactly.
      removed += change.value;
      added += change.value;
    } else {
      flush();
      push(segments, 'same', change.value);
    }
  }
  flush();
  return segments;
}

function isChange(change: { added: boolean; removed: boolean } | undefined): boolean {
  return change !== undefined && (change.added || change.removed);
}

function push(segments: DiffSegment[], kind: DiffSegment['kind'], text: string): void {
  if (text === '') return;
  const last = segments.at(-1);
  if (last?.kind === kind) last.text += text;
  else segments.push({ kind, text });
}

/** Letters, marks and digits, with inner apostrophes ("don't") and hyphens kept in one word. */
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’\-][\p{L}\p{M}\p{N}]+)*/gu;

/**
 * Count the words in added and removed segments. Whitespace and punctuation count as no words,
 * so a whitespace-only edit reports zero of each.
 */
export function diffStats(segments: readonly DiffSegment[]): DiffStats {
  const stats: DiffStats = { added: 0, removed: 0 };
  for (const segment of segments) {
    if (segment.kind === 'same') continue;
    stats[segment.kind] += segment.text.match(WORD)?.length ?? 0;
  }
  return stats;
}
