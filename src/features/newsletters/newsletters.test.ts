import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ParsedMail } from 'mailparser';
import pino from 'pino';
import { buildTestApp, form, type TestApp } from '../../../test/support/app.js';
import { type SmtpSink, startSmtpSink } from '../../../test/support/smtp.js';
import { readJson } from '../../core/db/portable.js';
import { Worker } from '../../core/jobs/index.js';

const log = pino({ level: 'silent' });

function linkIn(mail: ParsedMail | undefined, pattern: RegExp): string {
  const match = (mail?.text ?? '').match(pattern);
  assert.ok(match, `no link matching ${pattern} in:\n${mail?.text}`);
  return match[0];
}

function header(mail: ParsedMail | undefined, name: string): string | undefined {
  return mail?.headerLines.find((h) => h.key === name)?.line;
}

function to(mail: ParsedMail): string {
  return JSON.stringify(mail.to);
}

/** The path and query of an absolute link in an email, for app.inject. */
function pathOf(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}

describe('newsletters', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let worker: Worker;
  let ip = 0;
  /** Each visitor gets an address of their own, so the per-IP subscribe limit never interferes. */
  const remoteAddress = () => `203.0.113.${++ip}`;

  before(async () => {
    sink = await startSmtpSink();
    t = await buildTestApp({ SMTP_URL: sink.url, NEWSLETTER_RATE: '1000000', NEWSLETTER_BATCH: '2' });
    worker = new Worker({ db: t.services.db, queue: t.services.jobs, log });
  });
  after(async () => {
    t.services.mail.close();
    await t.close();
    await sink.close();
  });

  const mailsTo = (address: string) => sink.messages.filter((m) => to(m).includes(address));

  async function subscribe(email: string, extra: Record<string, string | string[]> = {}, path = '/newsletter/subscribe'): Promise<void> {
    const res = await t.request({ method: 'POST', url: path, remoteAddress: remoteAddress(), ...form({ email, source: '/guides/necklift', ...extra }) });
    assert.equal(res.statusCode, 303, res.body);
  }

  /** Subscribes and confirms through the emailed link; returns the confirmation mail. */
  async function subscribeAndConfirm(email: string, extra: Record<string, string | string[]> = {}, path?: string): Promise<ParsedMail> {
    const before = sink.messages.length;
    await subscribe(email, extra, path);
    await worker.drain();
    await sink.waitFor(before + 1);
    const mail = mailsTo(email).at(-1);
    const confirmUrl = linkIn(mail, /http:\/\/localhost:3000\/(es\/)?newsletter\/confirm\?token=[\w-]+/);
    const token = new URL(confirmUrl).searchParams.get('token')!;
    const res = await t.request({ method: 'POST', url: pathOf(confirmUrl).split('?')[0]!, ...form({ token }) });
    assert.equal(res.statusCode, 303);
    return mail!;
  }

  const subscriber = (email: string) => t.services.db.selectFrom('newsletter_subscribers').selectAll().where('email', '=', email).executeTakeFirst();

  test('bad input gets the form back with a message, and nothing is stored', async () => {
    const bad = await t.request({ method: 'POST', url: '/newsletter/subscribe', remoteAddress: remoteAddress(), ...form({ email: 'not-an-address', choose: '1', lists: 'list-patients' }) });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Enter an email address/);
    assert.match(bad.body, /value="not-an-address"/);
    const none = await t.request({ method: 'POST', url: '/newsletter/subscribe', remoteAddress: remoteAddress(), ...form({ email: 'ana@example.test', choose: '1' }) });
    assert.equal(none.statusCode, 422);
    assert.match(none.body, /Choose at least one newsletter/);
    const unknown = await t.request({ method: 'POST', url: '/newsletter/subscribe', remoteAddress: remoteAddress(), ...form({ email: 'ana@example.test', lists: 'no-such-list' }) });
    assert.equal(unknown.statusCode, 422);
    const bot = await t.request({ method: 'POST', url: '/newsletter/subscribe', remoteAddress: remoteAddress(), ...form({ email: 'bot@example.test', website: 'http://spam.example' }) });
    assert.equal(bot.statusCode, 303);
    assert.equal((await t.services.db.selectFrom('newsletter_subscribers').select('id').execute()).length, 0);
  });

  test('double opt-in: nothing until the emailed link is confirmed with a button; consent keeps source and policy', async () => {
    const sent = await t.request({ method: 'POST', url: '/es/newsletter/subscribe', remoteAddress: remoteAddress(), ...form({ email: 'Lucia@Example.test', source: '/guides/necklift', tracking: 'on' }) });
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, '/es/newsletter?sent=1');
    assert.match((await t.request({ url: '/es/newsletter?sent=1' })).body, /Casi listo/);
    assert.equal((await subscriber('lucia@example.test'))?.status, 'pending');

    await worker.drain();
    await sink.waitFor(1);
    const mail = mailsTo('lucia@example.test')[0];
    assert.match(mail?.subject ?? '', /Confirme su suscripción/);
    assert.match(mail?.text ?? '', /Novedades para pacientes/);
    assert.equal(header(mail, 'list-unsubscribe'), undefined, 'a confirmation is not marketing');
    const confirmUrl = linkIn(mail, /http:\/\/localhost:3000\/es\/newsletter\/confirm\?token=[\w-]+/);

    // Following the link (as a mail scanner would) confirms nothing: it shows a button.
    const page = await t.request({ url: pathOf(confirmUrl) });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Sí, suscribirme/);
    assert.equal((await subscriber('lucia@example.test'))?.status, 'pending');

    const token = new URL(confirmUrl).searchParams.get('token')!;
    const confirmed = await t.request({ method: 'POST', url: '/es/newsletter/confirm', ...form({ token }) });
    assert.equal(confirmed.statusCode, 303);
    assert.match(String(confirmed.headers.location), /^\/es\/newsletter\/preferences\?token=.+&notice=confirmed$/);
    const prefs = await t.request({ url: String(confirmed.headers.location) });
    assert.match(prefs.body, /su suscripción está confirmada/);
    assert.match(prefs.body, /lucia@example\.test/);

    const row = await subscriber('lucia@example.test');
    assert.equal(row?.status, 'active');
    assert.equal(row?.locale, 'es');
    const consents = await t.services.db.selectFrom('newsletter_consents').selectAll().where('subscriber_id', '=', row!.id).orderBy('created_at').execute();
    assert.deepEqual(consents.map((c) => c.event), ['requested', 'confirmed']);
    assert.equal(consents[1]?.source, '/guides/necklift');
    assert.match(consents[1]?.policy_version ?? '', /^Version 1 · Effective/);
    assert.equal(Boolean(Number(consents[1]?.tracking) || consents[1]?.tracking === true), true);

    // The link is single-use.
    assert.equal((await t.request({ method: 'POST', url: '/newsletter/confirm', ...form({ token }) })).statusCode, 410);
    assert.equal((await t.request({ url: pathOf(confirmUrl) })).statusCode, 410);
  });

  test('asking again with a subscribed address reveals nothing on the page and emails a preferences link', async () => {
    await subscribeAndConfirm('ben@example.test');
    const count = sink.messages.length;
    await subscribe('ben@example.test');
    await worker.drain();
    await sink.waitFor(count + 1);
    const mail = mailsTo('ben@example.test').at(-1);
    assert.match(mail?.subject ?? '', /Your newsletter choices/);
    linkIn(mail, /http:\/\/localhost:3000\/newsletter\/preferences\?token=[\w.-]+/);
  });

  test('an issue is written, tested, scheduled and sent in batches, in each reader\'s language, with one-click unsubscribe', async () => {
    await subscribeAndConfirm('cat@example.test');
    await subscribeAndConfirm('dan@example.test', { lists: ['list-patients', 'list-professionals'], choose: '1' });
    await subscribe('pending@example.test'); // never confirmed: never mailed
    const editor = await t.signIn(['editor'], 'editor@example.test');

    const invalid = await t.request({ method: 'POST', url: '/admin/newsletters', as: editor, ...form({ listId: 'list-patients', subjectEn: '', bodyEn: 'Body', subjectEs: 'Solo asunto', bodyEs: '' }) });
    assert.equal(invalid.statusCode, 422);
    assert.match(invalid.body, /This field is required/);
    assert.match(invalid.body, /Solo asunto/);

    const created = await t.request({
      method: 'POST',
      url: '/admin/newsletters',
      as: editor,
      ...form({ listId: 'list-patients', subjectEn: 'Spring news', bodyEn: 'Our **new** guide is out.', subjectEs: 'Novedades de primavera', bodyEs: 'Nuestra **nueva** guía ya está aquí.' }),
    });
    assert.equal(created.statusCode, 303);
    const id = String(created.headers.location).match(/\/admin\/newsletters\/([\w-]+)\?/)![1]!;
    const preview = await t.request({ method: 'POST', url: '/admin/newsletters/preview', as: editor, ...form({ field: 'bodyEs', bodyEs: 'Hola **mundo**' }) });
    assert.match(preview.body, /<strong>mundo<\/strong>/);
    assert.equal((await t.request({ url: `/newsletter/issues/${id}` })).statusCode, 404, 'drafts are not public');

    let count = sink.messages.length;
    assert.equal((await t.request({ method: 'POST', url: `/admin/newsletters/${id}/test`, as: editor })).statusCode, 303);
    await worker.drain();
    await sink.waitFor(count + 2);
    const tests = mailsTo('editor@example.test');
    assert.deepEqual(tests.map((m) => m.subject).sort(), ['[TEST] Novedades de primavera', '[TEST] Spring news']);

    assert.doesNotMatch((await t.request({ url: '/sitemap.xml' })).body, new RegExp(`newsletter/issues/${id}`));
    count = sink.messages.length;
    assert.equal((await t.request({ method: 'POST', url: `/admin/newsletters/${id}/schedule`, as: editor, ...form({ at: '' }) })).statusCode, 303);
    const edit = await t.request({ method: 'POST', url: `/admin/newsletters/${id}`, as: editor, ...form({ listId: 'list-patients', subjectEn: 'Changed', bodyEn: 'x' }) });
    assert.equal(edit.statusCode, 422, 'a scheduled issue is no longer editable');
    await worker.drain();
    // lucia (es), ben, cat and dan are active on the patients list: four copies in two batches of two.
    await sink.waitFor(count + 4);
    const issue = await t.services.db.selectFrom('newsletter_issues').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(issue.status, 'sent');
    assert.equal(issue.recipients, 4);
    const batches = await t.services.db.selectFrom('jobs').select('id').where('name', '=', 'newsletter.batch').execute();
    assert.equal(batches.length, 2);
    assert.equal(mailsTo('pending@example.test').filter((m) => /Spring/.test(m.subject ?? '')).length, 0);

    const spanish = mailsTo('lucia@example.test').at(-1);
    assert.equal(spanish?.subject, 'Novedades de primavera');
    assert.match(String(spanish?.html), /<strong>nueva<\/strong>/);
    assert.match(String(spanish?.html), /newsletter\/open\/[\w.~-]+\.gif/, 'Lucía agreed to open counting');
    const english = mailsTo('cat@example.test').at(-1);
    assert.equal(english?.subject, 'Spring news');
    assert.doesNotMatch(String(english?.html), /newsletter\/open\//, 'no pixel without consent');
    assert.match(english?.text ?? '', /1200 Bayview Drive/, 'the postal address is in every issue');
    assert.equal(header(english, 'list-unsubscribe-post'), 'List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const unsubscribeUrl = header(english, 'list-unsubscribe')!.match(/<(.+)>/)![1]!;

    // The archive is public once sent, and the sitemap lists it at once (the worker sent it, not this process).
    assert.match((await t.request({ url: '/sitemap.xml' })).body, new RegExp(`/newsletter/issues/${id}<`));
    const archive = await t.request({ url: '/es/newsletter' });
    assert.match(archive.body, /Novedades de primavera/);
    assert.match((await t.request({ url: `/newsletter/issues/${id}` })).body, /<strong>new<\/strong>/);

    // Open tracking counts only consenting readers, and only genuine links.
    const pixel = linkIn({ text: String(spanish?.html) } as ParsedMail, /http:\/\/localhost:3000\/newsletter\/open\/[\w.~-]+\.gif/);
    const open = await t.request({ url: pathOf(pixel) });
    assert.equal(open.headers['content-type'], 'image/gif');
    assert.equal(open.headers['cache-control'], 'no-store');
    assert.equal((await t.request({ url: '/newsletter/open/forged.token.value.gif' })).statusCode, 200);
    const opened = await t.services.db.selectFrom('newsletter_deliveries').select(['subscriber_id', 'opened_at']).where('issue_id', '=', id).where('opened_at', 'is not', null).execute();
    assert.equal(opened.length, 1);

    // RFC 8058: the mailbox provider POSTs from its own servers: no cookie, no Origin of ours.
    const crossSite = { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://mail.example', 'sec-fetch-site': 'cross-site' };
    const forged = await t.request({ method: 'POST', url: pathOf(unsubscribeUrl).replace(/token=([\w-]+)/, 'token=$1x'), headers: crossSite, payload: 'List-Unsubscribe=One-Click' });
    assert.equal(forged.statusCode, 400);
    const oneClick = await t.request({ method: 'POST', url: pathOf(unsubscribeUrl), headers: crossSite, payload: 'List-Unsubscribe=One-Click' });
    assert.equal(oneClick.statusCode, 200);
    assert.match(oneClick.body, /You are unsubscribed/);
    const cat = await subscriber('cat@example.test');
    assert.equal(cat?.status, 'unsubscribed');
    const suppressed = await t.services.db.selectFrom('newsletter_suppressions').selectAll().execute();
    assert.equal(suppressed.length, 1);
    assert.doesNotMatch(JSON.stringify(suppressed), /cat@example/, 'the suppression list keeps a fingerprint, not the address');
    // The page behind the footer link now says so, without a button.
    assert.doesNotMatch((await t.request({ url: pathOf(unsubscribeUrl) })).body, /Unsubscribe from all/);

    // The next issue skips her.
    count = sink.messages.length;
    const second = await t.request({ method: 'POST', url: '/admin/newsletters', as: editor, ...form({ listId: 'list-patients', subjectEn: 'Summer news', bodyEn: 'Hello again.' }) });
    const secondId = String(second.headers.location).match(/\/admin\/newsletters\/([\w-]+)\?/)![1]!;
    await t.request({ method: 'POST', url: `/admin/newsletters/${secondId}/schedule`, as: editor, ...form({ at: '' }) });
    await worker.drain();
    await sink.waitFor(count + 3);
    assert.equal(mailsTo('cat@example.test').filter((m) => m.subject === 'Summer news').length, 0);
    // Lucía's edition falls back to English when no Spanish one was written.
    assert.equal(mailsTo('lucia@example.test').at(-1)?.subject, 'Summer news');
  });

  test('the preference page changes lists, language and open counting; no list at all is unsubscribing', async () => {
    await subscribeAndConfirm('eva@example.test');
    const manage = sink.messages.length;
    await subscribe('eva@example.test');
    await worker.drain();
    await sink.waitFor(manage + 1);
    const url = linkIn(mailsTo('eva@example.test').at(-1), /http:\/\/localhost:3000\/newsletter\/preferences\?token=[\w.-]+/);
    const token = new URL(url).searchParams.get('token')!;
    const page = await t.request({ url: pathOf(url) });
    assert.match(page.body, /eva@example\.test/);
    assert.match(page.body, /id="list-patients"[^>]*checked/);

    const saved = await t.request({ method: 'POST', url: '/newsletter/preferences', ...form({ token, lists: 'list-professionals', locale: 'es', tracking: 'on' }) });
    assert.equal(saved.statusCode, 303);
    const row = await subscriber('eva@example.test');
    assert.equal(row?.locale, 'es');
    const lists = await t.services.db.selectFrom('newsletter_subscriptions').select('list_id').where('subscriber_id', '=', row!.id).execute();
    assert.deepEqual(lists.map((l) => l.list_id), ['list-professionals']);

    const forged = await t.request({ method: 'POST', url: '/newsletter/preferences', ...form({ token: `${token}x`, lists: 'list-patients', locale: 'en' }) });
    assert.equal(forged.statusCode, 400);
    const unknownToken = await t.request({ url: '/newsletter/preferences?token=abc.def.ghijklmnop' });
    assert.equal(unknownToken.statusCode, 400);

    const none = await t.request({ method: 'POST', url: '/newsletter/preferences', ...form({ token, locale: 'en' }) });
    assert.equal(none.statusCode, 200);
    assert.equal((await subscriber('eva@example.test'))?.status, 'unsubscribed');
    const events = await t.services.db.selectFrom('newsletter_consents').select('event').where('subscriber_id', '=', row!.id).orderBy('created_at').execute();
    assert.deepEqual(events.map((e) => e.event), ['requested', 'confirmed', 'preferences', 'unsubscribed']);

    // Subscribing again, confirmed by email, lifts the suppression.
    await subscribeAndConfirm('eva@example.test');
    assert.equal((await subscriber('eva@example.test'))?.status, 'active');
    assert.equal((await t.services.db.selectFrom('newsletter_suppressions').select('email_hash').execute()).length, 1, 'only cat remains suppressed');
  });

  test('an SMTP outage in the middle of sending loses nothing and sends nothing twice', async () => {
    const editor = await t.signIn(['editor']);
    const created = await t.request({ method: 'POST', url: '/admin/newsletters', as: editor, ...form({ listId: 'list-professionals', subjectEn: 'Outage test', bodyEn: 'Body.' }) });
    const id = String(created.headers.location).match(/\/admin\/newsletters\/([\w-]+)\?/)![1]!;
    // dan and eva are on the professionals list; eva re-subscribed to patients only, so dan alone.
    await subscribeAndConfirm('fay@example.test', { lists: 'list-professionals', choose: '1' });
    await sink.close();
    await t.request({ method: 'POST', url: `/admin/newsletters/${id}/schedule`, as: editor, ...form({ at: '' }) });
    await worker.drain();
    const waiting = await t.services.db.selectFrom('newsletter_deliveries').select('status').where('issue_id', '=', id).execute();
    assert.ok(waiting.length >= 2);
    assert.ok(waiting.every((d) => d.status === 'queued'));
    const jobs = await t.services.db.selectFrom('jobs').select(['status', 'attempts', 'payload']).where('name', '=', 'newsletter.batch').execute();
    const job = jobs.find((j) => readJson<{ issueId: string }>(j.payload).issueId === id)!;
    assert.equal(job.status, 'queued');
    assert.equal(job.attempts, 1);

    sink = await startSmtpSink(sink.port);
    await t.services.db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000).toISOString() }).where('status', '=', 'queued').execute();
    await worker.drain();
    await sink.waitFor(waiting.length);
    const outage = sink.messages.filter((m) => m.subject === 'Outage test');
    assert.equal(outage.length, waiting.length);
    assert.equal(new Set(outage.map(to)).size, outage.length, 'nobody got it twice');
    assert.equal((await t.services.db.selectFrom('newsletter_issues').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status, 'sent');
  });

  test('subscriber records are for moderators and privacy officers; issues for editors', async () => {
    const editor = await t.signIn(['editor']);
    const officer = await t.signIn(['privacy_officer']);
    assert.equal((await t.request({ url: '/admin/newsletters/subscribers', as: editor })).statusCode, 403);
    const list = await t.request({ url: '/admin/newsletters/subscribers?email=lucia', as: officer });
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /lucia@example\.test/);
    assert.doesNotMatch(list.body, /ben@example\.test/);
    const id = (await subscriber('lucia@example.test'))!.id;
    const detail = await t.request({ url: `/admin/newsletters/subscribers/${id}`, as: officer });
    assert.match(detail.body, /Confirmed by email/);
    assert.match(detail.body, /\/guides\/necklift/);
    assert.equal((await t.request({ url: '/admin/newsletters', as: officer })).statusCode, 403);
  });
});
