import { escapeHtml } from '@kitajs/html';
import type { MessageKey } from '../../../core/i18n/index.js';
import { erasureOf, keepKey, keptKey, type NonPersonalTable, type PersonalDataTable, purposeKey, whyKey } from '../../../core/privacy/registry.js';
import { DataTable } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/layout.js';

function retentionText(ctx: ViewContext, entry: PersonalDataTable): string {
  const r = entry.retention;
  const kept = keptKey(entry);
  if (kept) return `${ctx.t('inventory.retention.kept')} ${ctx.t(kept)}`;
  if (r.rule === 'days') return ctx.t('inventory.retention.days', { days: r.days, from: r.from });
  return ctx.t('inventory.retention.account');
}

/** Why erasure leaves the rows as they are, under the rule, for tables that say so. */
function keep(ctx: ViewContext, entry: PersonalDataTable): JSX.Element {
  const key = keepKey(entry);
  if (!key) return '';
  return (
    <>
      <br />
      <span class="hint" safe>
        {ctx.t(key)}
      </span>
    </>
  );
}

function linkText(entry: PersonalDataTable): string {
  const { userId, email, parent } = entry.link;
  return [userId ? `user: ${userId}` : '', email ? `email: ${email}` : '', parent ? `${parent.column} → ${parent.table}` : ''].filter(Boolean).join(', ');
}

/**
 * The data inventory: the personal-data registry as the privacy officer reads it, the same
 * declarations that drive export, erasure, retention and key rotation.
 */
export function InventoryPage({ ctx, personal, other }: { ctx: ViewContext; personal: readonly PersonalDataTable[]; other: readonly NonPersonalTable[] }): JSX.Element {
  const columns = [
    ctx.t('inventory.table'),
    ctx.t('inventory.subjects'),
    ctx.t('inventory.purpose'),
    ctx.t('inventory.basis'),
    ctx.t('inventory.retention'),
    ctx.t('inventory.erasure'),
    ctx.t('inventory.columns'),
  ];
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('inventory.title'), area: 'admin' }}>
      <h1>{escapeHtml(ctx.t('inventory.title'))}</h1>
      <p>{escapeHtml(ctx.t('inventory.intro', { count: personal.length }))}</p>
      <DataTable caption={ctx.t('inventory.title')} columns={columns}>
        {personal.map((entry) => (
          <tr>
            <th scope="row">
              <code safe>{entry.table}</code>
              <br />
              <span class="hint" safe>
                {entry.owner}
              </span>
            </th>
            <td safe>{entry.subjects.map((s) => ctx.t(`inventory.subject.${s}` as MessageKey)).join(', ')}</td>
            <td>
              <span safe>{ctx.t(purposeKey(entry))}</span>
              <br />
              <span class="hint" safe>
                {linkText(entry)}
              </span>
            </td>
            <td safe>{ctx.t(`inventory.basis.${entry.lawfulBasis}` as MessageKey)}</td>
            <td safe>{retentionText(ctx, entry)}</td>
            <td>
              <span safe>{ctx.t(`inventory.erasure.${erasureOf(entry).action}` as MessageKey)}</span>
              {keep(ctx, entry)}
            </td>
            <td>
              <ul class="plain-list">
                {Object.entries(entry.personal).map(([column, category]) => (
                  <li>
                    <code safe>{column}</code> <span safe>{ctx.t(`inventory.category.${category}` as MessageKey)}</span>
                    {entry.sealed?.columns?.[column] || entry.sealed?.files?.[column] ? ` · ${escapeHtml(ctx.t('inventory.sealed'))}` : ''}
                  </li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </DataTable>
      <h2>{escapeHtml(ctx.t('inventory.otherTitle'))}</h2>
      <DataTable caption={ctx.t('inventory.otherTitle')} columns={[ctx.t('inventory.table'), ctx.t('inventory.why')]}>
        {other.map((entry) => (
          <tr>
            <th scope="row">
              <code safe>{entry.table}</code>
            </th>
            <td safe>{ctx.t(whyKey(entry))}</td>
          </tr>
        ))}
      </DataTable>
    </Layout>
  );
}
