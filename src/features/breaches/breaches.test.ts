import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { buildTestApp, form, type TestApp } from '../../../test/support/app.js';
import { type SmtpSink, startSmtpSink } from '../../../test/support/smtp.js';
import { Worker } from '../../core/jobs/index.js';
import { deadlines } from './model.js';

const incident = {
  title: 'Exposed backup',
  discovered: '2026-11-30',
  occurred: '2026-11-28',
  categories: ['contact', 'medical'],
  scope: 'selected',
  description_en: 'A backup copy was readable by an outside server for two days.',
  description_es: 'Una copia de seguridad estuvo accesible desde un servidor externo durante dos días.',
  actions_en: 'We closed the access and are reviewing every server.',
  actions_es: 'Cerramos el acceso y estamos revisando cada servidor.',
  advice_en: 'Watch for emails that claim to come from us.',
  advice_es: 'Desconfíe de correos que digan venir de nosotros.',
};

describe('breach notification', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let officer: string;
  before(async () => {
    sink = await startSmtpSink();
    t = await buildTestApp({ SMTP_URL: sink.url });
    officer = await t.signIn(['privacy_officer']);
  });
  after(async () => {
    t.services.mail.close();
    await t.close();
    await sink.close();
  });

  test('staff only; a bad record comes back with messages and writes nothing', async () => {
    assert.equal((await t.request({ url: '/admin/breaches', headers: { accept: 'application/json' } })).statusCode, 401);
    assert.equal((await t.request({ url: '/admin/breaches', as: await t.signIn(['moderator']), headers: { accept: 'application/json' } })).statusCode, 403);
    const bad = await t.request({ method: 'POST', url: '/admin/breaches', as: officer, ...form({ ...incident, discovered: '2999-01-01', categories: [], description_es: '' }) });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Choose today or an earlier day/);
    assert.match(bad.body, /This field is required/);
    assert.equal((await t.services.db.selectFrom('breach_incidents').select('id').execute()).length, 0);
  });

  test('record, choose people, send notices in their language, publish and withdraw the site notice; all audited', async () => {
    await t.signIn(['member'], 'ana@example.test');
    await t.services.db.updateTable('users').set({ locale: 'es' }).where('email', '=', 'ana@example.test').execute();
    await t.signIn(['member'], 'bob@example.test');
    const recorded = await t.request({ method: 'POST', url: '/admin/breaches', as: officer, ...form(incident) });
    assert.equal(recorded.statusCode, 303);
    const id = recorded.headers.location!.split('/').at(-1)!.split('?')[0]!;
    const page = await t.request({ url: `/admin/breaches/${id}?q=ana%40example`, as: officer });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Affected people \(Florida, 30 days from the determination\)/);
    assert.match(page.body, /December 30, 2026/);
    const ana = await t.services.db.selectFrom('users').select('id').where('email', '=', 'ana@example.test').executeTakeFirstOrThrow();
    assert.match(page.body, new RegExp(`name="userId" value="${ana.id}"`));
    assert.equal((await t.request({ method: 'POST', url: `/admin/breaches/${id}/notify`, as: officer })).statusCode, 422, 'nobody chosen yet');
    assert.equal((await t.request({ method: 'POST', url: `/admin/breaches/${id}/recipients`, as: officer, ...form({ userId: ana.id }) })).statusCode, 303);
    assert.equal((await t.request({ method: 'POST', url: `/admin/breaches/${id}/recipients`, as: officer, ...form({ userId: 'nobody-at-all' }) })).statusCode, 422);
    assert.equal((await t.request({ method: 'POST', url: `/admin/breaches/${id}/notify`, as: officer })).statusCode, 303);
    await new Worker({ db: t.services.db, queue: t.services.jobs, log: pino({ level: 'silent' }) }).drain();
    await sink.waitFor(1);
    const mails = sink.messages.filter((m) => JSON.stringify(m.to).includes('ana@example.test'));
    assert.equal(mails.length, 1);
    assert.match(mails[0]!.subject ?? '', /Aviso importante/);
    assert.match(mails[0]!.text ?? '', /Una copia de seguridad/);
    assert.match(mails[0]!.text ?? '', /Ocurrió el 28 de noviembre de 2026/);
    assert.match(mails[0]!.text ?? '', /Información médica/);
    assert.match(mails[0]!.text ?? '', /Desconfíe de correos/);
    assert.ok(!sink.messages.some((m) => JSON.stringify(m.to).includes('bob@example.test')));

    assert.doesNotMatch((await t.request({ url: '/' })).body, /Notice of a security incident/);
    assert.equal((await t.request({ method: 'POST', url: `/admin/breaches/${id}/banner`, as: officer, ...form({ banner: 'publish' }) })).statusCode, 303);
    const home = await t.request({ url: '/guides' });
    assert.match(home.body, /Notice of a security incident/);
    assert.match(home.body, /href="\/security-notice"/);
    const notice = await t.request({ url: '/es/security-notice' });
    assert.match(notice.body, /Cerramos el acceso/);
    assert.equal((await t.request({ method: 'POST', url: `/admin/breaches/${id}/banner`, as: officer, ...form({ banner: 'withdraw' }) })).statusCode, 303);
    assert.doesNotMatch((await t.request({ url: '/guides' })).body, /Notice of a security incident/);
    const audit = await t.services.db.selectFrom('audit_events').select('action').where('action', 'like', 'breach.%').execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['breach.notice_published', 'breach.notice_withdrawn', 'breach.notices_sent', 'breach.recipients_changed', 'breach.recorded']);
    // The record is kept, with who was notified.
    const recipients = await t.services.db.selectFrom('breach_recipients').selectAll().where('incident_id', '=', id).execute();
    assert.equal(recipients.length, 1);
    assert.ok(recipients[0]!.notified_at);
  });

  test('"every account": the notices go to every enabled account, each once', async () => {
    const recorded = await t.request({ method: 'POST', url: '/admin/breaches', as: officer, ...form({ ...incident, scope: 'all', occurred: '' }) });
    const id = recorded.headers.location!.split('/').at(-1)!.split('?')[0]!;
    const before = sink.messages.length;
    assert.equal((await t.request({ method: 'POST', url: `/admin/breaches/${id}/notify`, as: officer })).statusCode, 303);
    const worker = new Worker({ db: t.services.db, queue: t.services.jobs, log: pino({ level: 'silent' }) });
    await worker.drain();
    const accounts = (await t.services.db.selectFrom('users').select('id').where('disabled_at', 'is', null).execute()).length;
    await sink.waitFor(before + accounts);
    assert.equal(sink.messages.length - before, accounts);
    assert.match(sink.messages.at(-1)!.text ?? '', /still establishing when it began|todavía estamos determinando/);
  });

  test('the clocks of LEGAL.md', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const small = deadlines({ discoveredAt: at, categories: ['contact'] }, 10);
    assert.equal(small.find((d) => d.key === 'individualsFl')!.due!.toISOString(), '2026-01-31T00:00:00.000Z');
    assert.equal(small.find((d) => d.key === 'floridaAg')!.applies, false);
    const big = deadlines({ discoveredAt: at, categories: ['medical'] }, 1200);
    assert.equal(big.find((d) => d.key === 'hhs')!.applies, true);
    assert.equal(big.find((d) => d.key === 'creditAgencies')!.applies, true);
    assert.equal(big.find((d) => d.key === 'individualsHipaa')!.due!.toISOString(), '2026-03-02T00:00:00.000Z');
  });
});
