import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { recordAudit } from '../../core/audit/index.js';
import { findUserByEmail } from '../../core/auth/index.js';
import { readJson } from '../../core/db/portable.js';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { csvCell, toCsv } from './service.js';

/** Splits CSV text into rows of cells (RFC 4180 quoting). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  return rows;
}

test('CSV cells: quoting, and formulas neutralised', () => {
  assert.equal(csvCell('plain'), 'plain');
  assert.equal(csvCell(null), '');
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  for (const danger of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) assert.ok(csvCell(danger).replace(/^"/, '').startsWith("'"), danger);
  assert.equal(csvCell('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
  assert.equal(toCsv(['a', 'b'], [['1', null]]), 'a,b\r\n1,\r\n');
});

describe('the audit log in the back office', () => {
  let t: TestApp;
  let officer: string;
  let officerId: string;
  let evilId: string;

  before(async () => {
    t = await buildTestApp();
    officer = await t.signIn(['privacy_officer'], 'olga.officer@example.test');
    officerId = (await findUserByEmail(t.services.db, 'olga.officer@example.test'))!.id;
    await t.signIn(['editor'], 'evil@example.test');
    evilId = (await findUserByEmail(t.services.db, 'evil@example.test'))!.id;
    // A person whose name is a spreadsheet formula, acting on a guide.
    await t.services.db.updateTable('users').set({ name: '=HYPERLINK("http://evil.example","click")' }).where('id', '=', evilId).execute();
    await t.services.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 60; i++) await recordAudit(trx, 'guide.updated', { type: 'guide', id: `guide-${i % 3}` }, { revision: i }, evilId);
      await recordAudit(trx, 'contact.noted', { type: 'contact_message', id: 'm1' }, undefined, officerId);
    });
  });
  after(() => t.close());

  test('privacy officers and admins read it; other staff do not', async () => {
    for (const role of ['editor', 'moderator', 'member', 'professional'] as const) {
      const as = await t.signIn([role]);
      assert.equal((await t.request({ url: '/admin/audit', as })).statusCode, 403, role);
      assert.equal((await t.request({ url: '/admin/audit/export.csv', as })).statusCode, 403, role);
    }
    assert.equal((await t.request({ url: '/admin/audit', as: await t.signIn(['admin']) })).statusCode, 200);
    assert.equal((await t.request({ url: '/admin/audit', headers: { accept: 'application/json' } })).statusCode, 401);
  });

  test('filters by action, actor, target and dates, in pages of 50', async () => {
    const all = await t.request({ url: '/admin/audit', as: officer });
    assert.equal(all.statusCode, 200);
    assert.match(all.body, /Events found: 61/);
    assert.match(all.body, /Page 1 of 2/);
    assert.equal((all.body.match(/<tr>/g) ?? []).length, 51); // header + 50
    const second = await t.request({ url: '/admin/audit?page=2', as: officer });
    assert.equal((second.body.match(/<tr>/g) ?? []).length, 12);

    const byAction = await t.request({ url: '/admin/audit?action=contact.noted', as: officer });
    assert.match(byAction.body, /Events found: 1/);
    const byActor = await t.request({ url: `/admin/audit?actor=${evilId}`, as: officer });
    assert.match(byActor.body, /Events found: 60/);
    const byTarget = await t.request({ url: '/admin/audit?targetType=guide&targetId=guide-1', as: officer });
    assert.match(byTarget.body, /Events found: 20/);
    const today = new Date().toISOString().slice(0, 10);
    assert.match((await t.request({ url: `/admin/audit?from=${today}&to=${today}`, as: officer })).body, /Events found: 61/);
    assert.match((await t.request({ url: '/admin/audit?to=2000-01-01', as: officer })).body, /Events found: 0/);
    assert.match((await t.request({ url: '/admin/audit?from=2999-01-01', as: officer })).body, /Events found: 0/);
    // Nonsense filters are ignored, never an error page.
    const junk = await t.request({ url: '/admin/audit?action=drop.tables&from=yesterday&to=2024-13-45&page=abc', as: officer });
    assert.equal(junk.statusCode, 200);
    assert.match(junk.body, /Events found: 61/);
    // The name is shown escaped in the page.
    assert.match(all.body, /=HYPERLINK\(&#34;http:\/\/evil\.example&#34;/);
  });

  test('CSV export of the filtered events: a header row, formulas neutralised, and the export audited', async () => {
    const res = await t.request({ url: `/admin/audit/export.csv?actor=${evilId}&targetId=guide-2`, as: officer });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv/);
    assert.match(String(res.headers['content-disposition']), /attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"/);
    assert.equal(res.headers['cache-control'], 'private, no-store');
    const rows = parseCsv(res.body);
    assert.deepEqual(rows[0], ['time', 'actor_id', 'actor_name', 'action', 'target_type', 'target_id', 'request_id', 'ip', 'change']);
    assert.equal(rows.length, 21);
    for (const row of rows.slice(1)) {
      assert.equal(row[1], evilId);
      assert.equal(row[2], `'=HYPERLINK("http://evil.example","click")`);
      assert.equal(row[5], 'guide-2');
      assert.ok(!/^[=+\-@]/.test(row.join('')), 'no cell starts a formula');
    }
    assert.ok(rows.slice(1).every((r) => r.every((cell) => !/^[=+\-@]/.test(cell))));

    const exports = await t.services.db.selectFrom('audit_events').selectAll().where('action', '=', 'audit.exported').execute();
    assert.equal(exports.length, 1);
    assert.equal(exports[0]!.actor_id, officerId);
    assert.deepEqual(readJson(exports[0]!.change), { filter: { actor: evilId, targetId: 'guide-2' }, rows: 20 });
    // The export is then in the log itself.
    assert.match((await t.request({ url: '/admin/audit?action=audit.exported', as: officer })).body, /Events found: 1/);
  });
});
