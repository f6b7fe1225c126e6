import { escapeHtml } from '@kitajs/html';
import type { DiffSegment } from '../text/diff.js';
import type { ViewContext } from './context.js';

/**
 * Text added or removed, as <ins> or <del> with the change announced to screen readers (the
 * colours alone say nothing to them).
 */
export function DiffMark({ ctx, kind, text }: { ctx: ViewContext; kind: 'added' | 'removed'; text: string }): JSX.Element {
  const [start, end] = kind === 'added' ? (['admin.diff.addedStart', 'admin.diff.addedEnd'] as const) : (['admin.diff.removedStart', 'admin.diff.removedEnd'] as const);
  const inner = (
    <>
      <span class="visually-hidden">{escapeHtml(ctx.t(start))}</span>
      <span safe>{text}</span>
      <span class="visually-hidden">{escapeHtml(ctx.t(end))}</span>
    </>
  );
  return kind === 'added' ? <ins>{inner}</ins> : <del>{inner}</del>;
}

/** A word-level diff as text with marked changes. Used by the guide and library revision histories. */
export function DiffText({ ctx, segments }: { ctx: ViewContext; segments: readonly DiffSegment[] }): JSX.Element {
  return <div class="diff">{segments.map((s) => (s.kind === 'same' ? <span safe>{s.text}</span> : <DiffMark ctx={ctx} kind={s.kind} text={s.text} />))}</div>;
}
