import { escapeHtml } from '@kitajs/html';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout, href } from '../../../core/views/layout.js';

/** Where "Leave" on the age question goes: a plain page on this site, nothing followed outside it. */
export function AgeGateLeavePage({ ctx, minAge }: { ctx: ViewContext; minAge: number }): JSX.Element {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('ageGate.leaveTitle'), noindex: true }}>
      <h1>{escapeHtml(ctx.t('ageGate.leaveTitle'))}</h1>
      <p>{escapeHtml(ctx.t('ageGate.leaveText', { age: minAge, practice: ctx.practice.name }))}</p>
      <p>{escapeHtml(ctx.t('ageGate.leaveHelp'))}</p>
      <p>
        <a href={href(ctx, '/privacy')}>{escapeHtml(ctx.t('nav.privacy'))}</a>
      </p>
    </Layout>
  );
}
