import { escapeHtml } from '@kitajs/html';
import type { DiffSegment } from '../text/diff.js';
import type { ViewContext } from './context.js';

/**
 * A word-level diff as text with <ins> and <del>, each change announced to screen readers
 * (the colours alone say nothing to them). Used by the guide and library revision histories.
 */
export function DiffText({ ctx, segments }: { ctx: ViewContext; segments: readonly DiffSegment[] }): JSX.Element {
  return (
    <div class="diff">
      {segments.map((s) =>
        s.kind === 'added' ? (
          <ins>
            <span class="visually-hidden">{escapeHtml(ctx.t('admin.diff.addedStart'))}</span>
            <span safe>{s.text}</span>
            <span class="visually-hidden">{escapeHtml(ctx.t('admin.diff.addedEnd'))}</span>
          </ins>
        ) : s.kind === 'removed' ? (
          <del>
            <span class="visually-hidden">{escapeHtml(ctx.t('admin.diff.removedStart'))}</span>
            <span safe>{s.text}</span>
            <span class="visually-hidden">{escapeHtml(ctx.t('admin.diff.removedEnd'))}</span>
          </del>
        ) : (
          <span safe>{s.text}</span>
        ),
      )}
    </div>
  );
}
