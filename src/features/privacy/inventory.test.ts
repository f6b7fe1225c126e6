import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { personalDataRegistry } from '../../core/privacy/registry.js';

describe('data inventory', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  test('privacy officers read every registered table with its purpose, basis, retention and columns', async () => {
    const officer = await t.signIn(['privacy_officer'], 'officer@example.test');
    const res = await t.request({ url: '/admin/data-inventory', as: officer });
    assert.equal(res.statusCode, 200);
    for (const entry of personalDataRegistry()) assert.match(res.body, new RegExp(`<code>${entry.table}</code>`), entry.table);
    // Sealed medical data is marked as such, and the rules read in words.
    assert.match(res.body, /<code>message_sealed<\/code> <span>medical<\/span> · encrypted/);
    assert.match(res.body, /While the account exists/);
    const spanish = await t.request({ url: '/es/admin/data-inventory', as: officer });
    assert.match(spanish.body, /Inventario de datos personales/);
  });

  test('nobody else does', async () => {
    const editor = await t.signIn(['editor'], 'editor@example.test');
    assert.equal((await t.request({ url: '/admin/data-inventory', as: editor })).statusCode, 403);
    assert.notEqual((await t.request({ url: '/admin/data-inventory' })).statusCode, 200);
  });
});
