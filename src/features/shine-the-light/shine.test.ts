import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ParsedMail } from 'mailparser';
import pino from 'pino';
import { buildTestApp, form, type TestApp } from '../../../test/support/app.js';
import { type SmtpSink, startSmtpSink } from '../../../test/support/smtp.js';
import { Worker } from '../../core/jobs/index.js';
import { nextRequestDate } from './model.js';

describe('California Shine the Light', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let worker: Worker;
  let ip = 0;
  const from = () => ({ remoteAddress: `198.51.100.${10 + ++ip}` });

  before(async () => {
    sink = await startSmtpSink();
    t = await buildTestApp({ SMTP_URL: sink.url });
    worker = new Worker({ db: t.services.db, queue: t.services.jobs, log: pino({ level: 'silent' }) });
  });
  after(async () => {
    t.services.mail.close();
    await t.close();
    await sink.close();
  });

  const mailsTo = (address: string): ParsedMail[] => sink.messages.filter((m) => JSON.stringify(m.to).includes(address));
  const tokenOf = (mail: ParsedMail | undefined) => /confirm\?token=([\w-]+)/.exec(mail?.text ?? '')![1]!;

  async function ask(email: string, locale = ''): Promise<string> {
    const before = mailsTo(email).length;
    const res = await t.request({ method: 'POST', url: `${locale}/privacy/california`, ...from(), ...form({ name: 'Casey Resident', email, california: 'on' }) });
    assert.equal(res.statusCode, 303);
    await worker.drain();
    await sink.waitFor(sink.messages.length);
    const mails = mailsTo(email);
    assert.equal(mails.length, before + 1);
    return tokenOf(mails.at(-1));
  }

  test('the page is linked from every footer and the privacy center; bad input comes back with messages, nothing stored', async () => {
    const home = await t.request({ url: '/' });
    assert.match(home.body, /href="\/privacy\/california"/);
    assert.match((await t.request({ url: '/privacy/center' })).body, /href="\/privacy\/california"/);
    const page = await t.request({ url: '/privacy/california' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /stored and processed in the United States/);
    const bad = await t.request({ method: 'POST', url: '/privacy/california', ...from(), ...form({ name: '', email: 'nope' }) });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Confirm that you live in California/);
    assert.match(bad.body, /This field is required/);
    const bot = await t.request({ method: 'POST', url: '/privacy/california', ...from(), ...form({ name: 'Bot', email: 'bot@example.test', california: 'on', website: 'x' }) });
    assert.equal(bot.statusCode, 303);
    assert.equal((await t.services.db.selectFrom('shine_requests').select('id').execute()).length, 0);
  });

  test('an empty register: the answer says there were no disclosures; a second request this year is told when to ask again', async () => {
    const token = await ask('casey@example.test');
    const confirmPage = await t.request({ url: `/privacy/california/confirm?token=${token}` });
    assert.equal(confirmPage.statusCode, 200);
    const answered = await t.request({ method: 'POST', url: '/privacy/california/confirm', ...form({ token }) });
    assert.equal(answered.statusCode, 200);
    const lastYear = new Date().getUTCFullYear() - 1;
    assert.match(answered.body, new RegExp(`In ${lastYear}, Harbor Plastic Surgery did not disclose`));
    await worker.drain();
    await sink.waitFor(sink.messages.length);
    assert.match(mailsTo('casey@example.test').at(-1)!.text ?? '', /did not disclose/);
    // The link works once.
    assert.equal((await t.request({ method: 'POST', url: '/privacy/california/confirm', ...form({ token }) })).statusCode, 410);

    const again = await ask('casey@example.test');
    const refused = await t.request({ method: 'POST', url: '/privacy/california/confirm', ...form({ token: again }) });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /already received an answer this year/);
    assert.match(refused.body, new RegExp(`January 1, ${new Date().getUTCFullYear() + 1}`));
    const rows = await t.services.db.selectFrom('shine_requests').select(['status']).where('email', '=', 'casey@example.test').execute();
    assert.deepEqual(rows.map((r) => r.status).sort(), ['answered', 'repeat']);
    assert.equal((await t.services.db.selectFrom('audit_events').select('id').where('action', '=', 'shine.request_answered').execute()).length, 1);
  });

  test('the register, kept by privacy officers, answers in the person\'s language', async () => {
    const officer = await t.signIn(['privacy_officer']);
    assert.equal((await t.request({ url: '/admin/shine-the-light', as: await t.signIn(['moderator']), headers: { accept: 'application/json' } })).statusCode, 403);
    const lastYear = new Date().getUTCFullYear() - 1;
    const bad = await t.request({ method: 'POST', url: '/admin/shine-the-light/disclosures', as: officer, ...form({ year: 'soon', recipient: '', address: 'x' }) });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Tick at least one category/);
    assert.match(bad.body, /Enter a year/);
    const added = await t.request({
      method: 'POST',
      url: '/admin/shine-the-light/disclosures',
      as: officer,
      ...form({ year: String(lastYear), recipient: 'Glow Cosmetics LLC', address: '1 Market St, San Francisco, CA', categories: ['name', 'email'], markets: 'Skin care' }),
    });
    assert.equal(added.statusCode, 303);
    // An entry of another year is not part of the answer.
    await t.request({ method: 'POST', url: '/admin/shine-the-light/disclosures', as: officer, ...form({ year: String(lastYear - 3), recipient: 'Old Partner Inc', address: 'Somewhere', categories: 'phone' }) });
    const page = await t.request({ url: '/admin/shine-the-light', as: officer });
    assert.match(page.body, /Glow Cosmetics LLC/);

    const token = await ask('rosa@example.test', '/es');
    const answered = await t.request({ method: 'POST', url: '/es/privacy/california/confirm', ...form({ token }) });
    assert.equal(answered.statusCode, 200);
    assert.match(answered.body, /Glow Cosmetics LLC/);
    assert.match(answered.body, /Nombre, Correo electrónico/);
    assert.doesNotMatch(answered.body, /Old Partner/);
    await worker.drain();
    await sink.waitFor(sink.messages.length);
    const mail = mailsTo('rosa@example.test').at(-1)!;
    assert.match(mail.subject ?? '', /nuestra respuesta/);
    assert.match(mail.text ?? '', /Glow Cosmetics LLC, 1 Market St, San Francisco, CA\. Tipos de información: Nombre, Correo electrónico\. Qué comercializan: Skin care\./);
  });

  test('one answer per calendar year: the next date is 1 January of the following year (UTC)', () => {
    assert.equal(nextRequestDate(new Date('2026-12-31T23:59:59Z')).toISOString(), '2027-01-01T00:00:00.000Z');
    assert.equal(nextRequestDate(new Date('2027-01-01T00:00:00Z')).toISOString(), '2028-01-01T00:00:00.000Z');
  });
});
