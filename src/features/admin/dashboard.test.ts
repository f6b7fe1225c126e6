import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, form, type TestApp } from '../../../test/support/app.js';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

const cardTitles = (body: string) => [...body.matchAll(/<article class="card[^"]*">\s*<h2>\s*<a href="([^"]+)"/g)].map((m) => m[1]);

test('each member of staff sees the cards of their own work, and what waits stands out', async () => {
  const editor = await t.signIn(['editor']);
  const moderator = await t.signIn(['moderator']);
  const admin = await t.signIn(['admin']);
  assert.deepEqual(cardTitles((await t.request({ url: '/admin', as: editor })).body), ['/admin/guides', '/admin/library', '/admin/newsletters']);
  assert.deepEqual(cardTitles((await t.request({ url: '/admin', as: moderator })).body), ['/admin/library', '/admin/contact', '/admin/consultations']);
  assert.deepEqual(cardTitles((await t.request({ url: '/admin', as: admin })).body), ['/admin/guides', '/admin/library', '/admin/contact', '/admin/newsletters', '/admin/privacy', '/admin/consultations', '/admin/jobs']);

  const before = (await t.request({ url: '/admin', as: moderator })).body;
  assert.doesNotMatch(before, /card-attention/);
  await t.request({ method: 'POST', url: '/contact', remoteAddress: '198.51.100.90', ...form({ name: 'Rosa', email: 'rosa@example.test', topic: 'general', message: 'Hello there.', website: '' }) });
  const after = (await t.request({ url: '/admin', as: moderator })).body;
  assert.match(after, /<article class="card card-attention">\s*<h2>\s*<a href="\/admin\/contact"/);
  assert.match(after, /New messages: 1\./);
});
