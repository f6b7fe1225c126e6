import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { Worker } from '../../core/jobs/index.js';
import type { EmailTemplate } from '../../core/mail/index.js';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';

const note: EmailTemplate<{ name: string }> = {
  name: 'test.note',
  category: 'transactional',
  render: (_t, data) => ({ subject: `A note for ${data.name}`, html: `<p>Dear ${data.name}</p><script>alert(1)</script>`, text: `Dear ${data.name}` }),
};

describe('the email outbox in the back office', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  test('admins read kept messages; the HTML version is sandboxed; others are refused', async () => {
    const admin = await t.signIn(['admin']);
    const editor = await t.signIn(['editor']);
    const id = await t.services.mail.send(t.services.db, note, { to: 'dee@example.test', locale: 'en', data: { name: 'Dee <b>' } });
    await new Worker({ db: t.services.db, queue: t.services.jobs, log: pino({ level: 'silent' }) }).drain();

    assert.equal((await t.request({ url: '/admin/outbox', as: editor })).statusCode, 403);
    const list = await t.request({ url: '/admin/outbox', as: admin });
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /No SMTP server is configured/);
    assert.match(list.body, /A note for Dee &lt;b>/);
    assert.match(list.body, /Kept in the outbox/);

    const detail = await t.request({ url: `/admin/outbox/${id}`, as: admin });
    assert.match(detail.body, /Dear Dee &lt;b>/);
    const html = await t.request({ url: `/admin/outbox/${id}/html`, as: admin });
    assert.match(String(html.headers['content-security-policy']), /default-src 'none'.*sandbox/);
    assert.equal((await t.request({ url: '/admin/outbox/nope', as: admin })).statusCode, 404);
  });
});
