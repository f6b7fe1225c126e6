import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { escapeHtml } from '@kitajs/html';
import pino from 'pino';
import { loadTestConfig } from '../config/index.js';
import { type Db, dropSchema, migrate, openDatabase } from '../db/index.js';
import { JobQueue, Worker } from '../jobs/index.js';
import { startSmtpSink } from '../../../test/support/smtp.js';
import { EmailLayout, type EmailTemplate, Mailer } from './index.js';

const log = pino({ level: 'silent' });

/** A test template: the body says hello in the recipient's language. */
const hello: EmailTemplate<{ name: string }> = {
  name: 'test.hello',
  category: 'transactional',
  render(t, data, site) {
    const greeting = site.locale === 'es' ? `Hola, ${data.name}` : `Hello, ${data.name}`;
    return {
      subject: `${greeting} · ${t('layout.skip')}`,
      html: EmailLayout({ locale: site.locale, practice: site.practice, preheader: greeting, children: <p>{escapeHtml(greeting)}</p> }) as string,
      text: `${greeting}\n\n${site.practice.legalEntity}, ${site.practice.address}`,
    };
  },
};
const news: EmailTemplate<Record<string, never>> = { ...hello, name: 'test.news', category: 'marketing', render: (t, _d, site) => hello.render(t, { name: 'reader' }, site) };

async function setUp(env: Record<string, string> = {}): Promise<{ db: Db; mailer: Mailer; worker: Worker; close: () => Promise<void> }> {
  const config = loadTestConfig(env);
  const db = await openDatabase(config);
  await migrate(db, config);
  const queue = new JobQueue(db);
  const mailer = new Mailer(db, queue, config);
  return {
    db,
    mailer,
    worker: new Worker({ db, queue, log }),
    async close() {
      mailer.close();
      if (config.database.kind === 'postgres' && config.database.schema) await dropSchema(db, config.database.schema);
      await db.destroy();
    },
  };
}

describe('email', () => {
  const cleanups: (() => Promise<void>)[] = [];
  after(async () => {
    for (const c of cleanups) await c();
  });

  test('without SMTP, messages are kept in the outbox, rendered in HTML and text', async () => {
    const m = await setUp();
    cleanups.push(m.close);
    const id = await m.mailer.send(m.db, hello, { to: 'ana@example.test', locale: 'es', data: { name: 'Ana' } });
    assert.equal(await m.worker.drain(), 1);
    const message = await m.mailer.find(id);
    assert.equal(message?.status, 'stored');
    assert.match(message?.html ?? '', /<html lang="es">/);
    assert.match(message?.html ?? '', /Hola, Ana/);
    assert.match(message?.text ?? '', /Harbor Plastic Surgery, P\.A\./);
    assert.match(message?.subject ?? '', /Saltar al contenido principal/);
  });

  test('a message in a rolled-back transaction is never sent', async () => {
    const m = await setUp();
    cleanups.push(m.close);
    await assert.rejects(
      m.db.transaction().execute(async (trx) => {
        await m.mailer.send(trx, hello, { to: 'x@example.test', locale: 'en', data: { name: 'X' } });
        throw new Error('rolled back');
      }),
    );
    assert.equal((await m.mailer.list()).length, 0);
    assert.equal(await m.worker.drain(), 0);
  });

  test('over SMTP: delivered in the recipient language; marketing mail carries one-click unsubscribe', async () => {
    const sink = await startSmtpSink();
    const m = await setUp({ SMTP_URL: sink.url, MAIL_FROM: 'Harbor <no-reply@harbor.example>' });
    cleanups.push(async () => {
      await m.close();
      await sink.close();
    });
    await m.mailer.send(m.db, hello, { to: 'ana@example.test', locale: 'es', data: { name: 'Ana' } });
    await assert.rejects(m.mailer.send(m.db, news, { to: 'ben@example.test', locale: 'en', data: {} }), /unsubscribe/);
    await m.mailer.send(m.db, news, { to: 'ben@example.test', locale: 'en', data: {}, unsubscribeUrl: 'http://localhost:3000/newsletter/unsubscribe?t=abc' });
    await m.worker.drain();
    await sink.waitFor(2);
    const spanish = sink.messages.find((x) => x.subject?.startsWith('Hola'));
    assert.ok(spanish);
    assert.match(spanish.text ?? '', /Hola, Ana/);
    assert.match(String(spanish.html), /Hola, Ana/);
    const header = (mail: typeof spanish, key: string): string | undefined => mail.headerLines.find((h) => h.key === key)?.line;
    assert.equal(header(spanish, 'list-unsubscribe'), undefined, 'transactional mail has no unsubscribe header');
    const marketing = sink.messages.find((x) => x.to && JSON.stringify(x.to).includes('ben@example.test'));
    assert.ok(marketing);
    assert.match(header(marketing, 'list-unsubscribe') ?? '', /^List-Unsubscribe: <http:\/\/localhost:3000\/newsletter\/unsubscribe\?t=abc>$/);
    assert.equal(header(marketing, 'list-unsubscribe-post'), 'List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    assert.equal((await m.mailer.list()).every((x) => x.status === 'sent'), true);
  });

  test('an SMTP outage delays delivery; nothing is lost when the server comes back', async () => {
    const probe = await startSmtpSink();
    const port = probe.port;
    await probe.close();
    const m = await setUp({ SMTP_URL: `smtp://127.0.0.1:${port}` });
    const id = await m.mailer.send(m.db, hello, { to: 'cat@example.test', locale: 'en', data: { name: 'Cat' } });
    await m.worker.drain();
    let message = await m.mailer.find(id);
    assert.equal(message?.status, 'queued');
    assert.match(message?.lastError ?? '', /ECONNREFUSED|connect/i);
    const job = await m.db.selectFrom('jobs').selectAll().where('name', '=', 'mail.deliver').executeTakeFirstOrThrow();
    assert.equal(job.status, 'queued');
    assert.equal(job.attempts, 1);

    const sink = await startSmtpSink(port);
    cleanups.push(async () => {
      await m.close();
      await sink.close();
    });
    await m.db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000).toISOString() }).execute();
    await m.worker.drain();
    await sink.waitFor(1);
    message = await m.mailer.find(id);
    assert.equal(message?.status, 'sent');
    assert.match(sink.messages[0]?.text ?? '', /Hello, Cat/);
  });
});
