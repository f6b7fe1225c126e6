import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ParsedMail } from 'mailparser';
import pino from 'pino';
import { buildTestApp, form, type TestApp } from '../../../test/support/app.js';
import { type SmtpSink, startSmtpSink } from '../../../test/support/smtp.js';
import { Worker } from '../../core/jobs/index.js';

describe('privacy rights requests', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let worker: Worker;
  let ip = 0;
  const from = () => ({ remoteAddress: `203.0.113.${100 + ++ip}` });

  before(async () => {
    sink = await startSmtpSink();
    t = await buildTestApp({ SMTP_URL: sink.url, PRIVACY_DAYS_CCPA: '45', PRIVACY_DAYS_GDPR: '30' });
    worker = new Worker({ db: t.services.db, queue: t.services.jobs, log: pino({ level: 'silent' }) });
  });
  after(async () => {
    t.services.mail.close();
    await t.close();
    await sink.close();
  });

  const mailsTo = (address: string): ParsedMail[] => sink.messages.filter((m) => JSON.stringify(m.to).includes(address));
  const link = (mail: ParsedMail | undefined, pattern: RegExp) => new URL((mail?.text ?? '').match(pattern)![0]!);

  test('bad input gets the form back with messages; nothing stored or sent', async () => {
    const res = await t.request({ method: 'POST', url: '/privacy/requests', ...from(), ...form({ kind: 'everything', name: '', email: 'nope', jurisdiction: 'mars' }) });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Choose one of the options/);
    assert.match(res.body, /This field is required/);
    assert.match(res.body, /Enter an email address/);
    assert.match(res.body, /value="nope"/);
    const bot = await t.request({ method: 'POST', url: '/privacy/requests', ...from(), ...form({ kind: 'access', name: 'Bot', email: 'bot@example.test', jurisdiction: 'other', website: 'x' }) });
    assert.equal(bot.statusCode, 303);
    assert.equal((await t.services.db.selectFrom('privacy_requests').select('id').execute()).length, 0);
  });

  test('a request is confirmed by email, gets its legal deadline, is matched to the data and answered', async () => {
    // Data held under the address: a contact message and a newsletter subscription request.
    await t.request({ method: 'POST', url: '/contact', ...from(), ...form({ name: 'Cleo', email: 'cleo@example.test', topic: 'general', message: 'Hi', website: '' }) });
    const sent = await t.request({ method: 'POST', url: '/es/privacy/requests', ...from(), ...form({ kind: 'deletion', name: 'Cleo', email: 'Cleo@Example.test', jurisdiction: 'us-ca', details: '' }) });
    assert.equal(sent.headers.location, '/es/privacy/center?requested=1#rights');
    await worker.drain();
    await sink.waitFor(2);
    const confirmMail = mailsTo('cleo@example.test').find((m) => /Confirme su solicitud/.test(m.subject ?? ''));
    const url = link(confirmMail, /http:\/\/localhost:3000\/es\/privacy\/requests\/confirm\?token=[\w-]+/);
    assert.equal((await t.services.db.selectFrom('privacy_requests').select('status').executeTakeFirstOrThrow()).status, 'unconfirmed');
    const page = await t.request({ url: `${url.pathname}${url.search}` });
    assert.match(page.body, /Confirmar mi solicitud/);

    const officerToken = await t.signIn(['privacy_officer'], 'olga@example.test');
    const confirmed = await t.request({ method: 'POST', url: '/es/privacy/requests/confirm', ...form({ token: url.searchParams.get('token')! }) });
    assert.equal(confirmed.statusCode, 303);
    assert.equal((await t.request({ method: 'POST', url: '/privacy/requests/confirm', ...form({ token: url.searchParams.get('token')! }) })).statusCode, 410, 'single use');
    const row = await t.services.db.selectFrom('privacy_requests').selectAll().executeTakeFirstOrThrow();
    assert.equal(row.status, 'open');
    assert.equal(row.policy_version, t.services.policyVersions.current('privacy'), 'the policy in force is kept with the request');
    assert.match(String(row.policy_version), /^Version \d+/);
    const days = (new Date(row.due_at as string).getTime() - new Date(row.confirmed_at as string).getTime()) / 86_400_000;
    assert.equal(Math.round(days), 45, 'California: 45 days');

    await worker.drain();
    await sink.waitFor(4);
    assert.match(mailsTo('cleo@example.test').at(-1)?.subject ?? '', /Hemos recibido su solicitud/);
    const notice = mailsTo('olga@example.test').at(-1);
    assert.match(notice?.text ?? '', /\/admin\/privacy\//);
    assert.doesNotMatch(notice?.text ?? '', /Cleo|cleo@/, 'officers are told where, not who');

    const anonymous = await t.request({ url: `/admin/privacy/${row.id}`, headers: { accept: 'application/json' } });
    assert.equal(anonymous.statusCode, 401);
    const moderator = await t.signIn(['moderator']);
    assert.equal((await t.request({ url: '/admin/privacy', as: moderator })).statusCode, 403);
    const queue = await t.request({ url: '/admin/privacy', as: officerToken });
    assert.match(queue.body, /Delete my information/);
    const detail = await t.request({ url: `/admin/privacy/${row.id}`, as: officerToken });
    assert.match(detail.body, /<code>contact_messages<\/code><\/td>\s*<td>contact<\/td>\s*<td>1<\/td>/);
    assert.match(detail.body, /<code>mail_messages<\/code>/);

    const empty = await t.request({ method: 'POST', url: `/admin/privacy/${row.id}/write`, as: officerToken, ...form({ outcome: 'completed', body: '' }) });
    assert.equal(empty.statusCode, 422);
    await t.request({ method: 'POST', url: `/admin/privacy/${row.id}/note`, as: officerToken, ...form({ body: 'Checked the inbox and the newsletter.' }) });
    const done = await t.request({ method: 'POST', url: `/admin/privacy/${row.id}/write`, as: officerToken, ...form({ outcome: 'completed', body: 'Hemos borrado su mensaje.' }) });
    assert.equal(done.statusCode, 303);
    await worker.drain();
    await sink.waitFor(5);
    assert.match(mailsTo('cleo@example.test').at(-1)?.text ?? '', /Hemos borrado su mensaje/);
    const closed = await t.services.db.selectFrom('privacy_requests').selectAll().executeTakeFirstOrThrow();
    assert.equal(closed.status, 'completed');
    assert.ok(closed.closed_at);
    const again = await t.request({ method: 'POST', url: `/admin/privacy/${row.id}/write`, as: officerToken, ...form({ outcome: 'waiting', body: 'More?' }) });
    assert.equal(again.statusCode, 422);
    const actions = (await t.services.db.selectFrom('audit_events').select('action').where('target_id', '=', row.id).execute()).map((a) => a.action);
    assert.deepEqual([...new Set(actions)].sort(), ['privacy.request_closed', 'privacy.request_noted', 'privacy.request_received', 'privacy.request_viewed']);
  });

  test('overdue requests stand out in the queue', async () => {
    const officerToken = await t.signIn(['privacy_officer']);
    await t.request({ method: 'POST', url: '/privacy/requests', ...from(), ...form({ kind: 'access', name: 'Dora', email: 'dora@example.test', jurisdiction: 'eu', details: '' }) });
    await worker.drain();
    const token = link(mailsTo('dora@example.test').at(-1), /http:\/\/localhost:3000\/privacy\/requests\/confirm\?token=[\w-]+/).searchParams.get('token')!;
    await t.request({ method: 'POST', url: '/privacy/requests/confirm', ...form({ token }) });
    await t.services.db.updateTable('privacy_requests').set({ due_at: new Date(Date.now() - 86_400_000).toISOString() }).where('email', '=', 'dora@example.test').execute();
    const queue = await t.request({ url: '/admin/privacy', as: officerToken });
    assert.match(queue.body, /<span class="status status-overdue">[^<]* · overdue<\/span>/);
    const dashboard = await t.request({ url: '/admin', as: officerToken });
    assert.match(dashboard.body, /card card-attention">\s*<h2>\s*<a href="\/admin\/privacy"/);
  });
});
