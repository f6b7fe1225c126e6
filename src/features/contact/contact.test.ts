import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, form, type TestApp } from '../../../test/support/app.js';

describe('Contact Us', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  const count = async (table: 'contact_messages' | 'mail_messages'): Promise<number> => (await t.services.db.selectFrom(table).select('id').execute()).length;

  test('links can preselect a topic; unknown topics are ignored', async () => {
    assert.match((await t.request({ url: '/contact?topic=appointments' })).body, /<option value="appointments" selected>/);
    const odd = await t.request({ url: '/contact?topic=%3Cscript%3E' });
    assert.equal(odd.statusCode, 200);
    assert.doesNotMatch(odd.body, /selected>/);
  });

  test('bad input returns the form with messages and stores nothing', async () => {
    const res = await t.request({ method: 'POST', url: '/contact', remoteAddress: '198.51.100.1', ...form({ name: '', email: 'nope', topic: 'lunch', message: 'Hi' }) });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /This field is required/);
    assert.match(res.body, /Enter an email address/);
    assert.match(res.body, /Choose one of the options/);
    assert.match(res.body, />Hi<\/textarea>/);
    assert.equal(await count('contact_messages'), 0);
  });

  test('a filled honeypot gets the same thanks but nothing is stored or sent', async () => {
    const res = await t.request({ method: 'POST', url: '/contact', remoteAddress: '198.51.100.2', ...form({ name: 'Bot', email: 'bot@example.test', topic: 'general', message: 'Buy now', website: 'http://spam.example' }) });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/contact?sent=1');
    assert.equal(await count('contact_messages'), 0);
    assert.equal(await count('mail_messages'), 0);
  });

  test('a message is stored, acknowledged in the sender\'s language, and audited without its content', async () => {
    const res = await t.request({ method: 'POST', url: '/es/contact', remoteAddress: '198.51.100.3', ...form({ name: 'Lucía', email: 'Lucia@Example.test', topic: 'procedures', message: 'Quiero saber más sobre la blefaroplastia.', website: '' }) });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/es/contact?sent=1');
    const thanks = await t.request({ url: '/es/contact?sent=1' });
    assert.match(thanks.body, /Gracias/);
    const stored = await t.services.db.selectFrom('contact_messages').selectAll().executeTakeFirstOrThrow();
    assert.equal(stored.email, 'lucia@example.test');
    assert.equal(stored.locale, 'es');
    const mail = await t.services.db.selectFrom('mail_messages').selectAll().executeTakeFirstOrThrow();
    assert.equal(mail.to_address, 'lucia@example.test');
    assert.match(mail.subject, /Recibimos su mensaje/);
    assert.match(mail.text, /Hola, Lucía/);
    const audit = await t.services.db.selectFrom('audit_events').select(['change']).where('action', '=', 'contact.received').execute();
    assert.equal(audit.length, 1);
    assert.doesNotMatch(JSON.stringify(audit), /blefaroplastia|lucia/i);
  });

  test('the inbox: refused to others; moderators assign, note, reply by email and close', async () => {
    const editor = await t.signIn(['editor']);
    const moderator = await t.signIn(['moderator']);
    assert.equal((await t.request({ url: '/admin/contact', headers: { accept: 'application/json' } })).statusCode, 401);
    assert.equal((await t.request({ url: '/admin/contact', as: editor })).statusCode, 403);

    const inbox = await t.request({ url: '/admin/contact', as: moderator });
    assert.equal(inbox.statusCode, 200);
    assert.match(inbox.body, /Lucía/);
    const id = (await t.services.db.selectFrom('contact_messages').select('id').executeTakeFirstOrThrow()).id;
    const detail = await t.request({ url: `/admin/contact/${id}`, as: moderator });
    assert.match(detail.body, /Quiero saber más sobre la blefaroplastia/);

    const staff = await t.services.db.selectFrom('users').innerJoin('user_roles', 'user_roles.user_id', 'users.id').select('users.id').where('user_roles.role', '=', 'moderator').executeTakeFirstOrThrow();
    assert.equal((await t.request({ method: 'POST', url: `/admin/contact/${id}/assign`, as: moderator, ...form({ assignee: staff.id }) })).statusCode, 303);
    assert.equal((await t.request({ method: 'POST', url: `/admin/contact/${id}/assign`, as: moderator, ...form({ assignee: 'not-staff' }) })).statusCode, 422);
    assert.equal((await t.request({ method: 'POST', url: `/admin/contact/${id}/note`, as: moderator, ...form({ body: 'Asked Dr. Reyes to call back.' }) })).statusCode, 303);
    assert.equal((await t.request({ method: 'POST', url: `/admin/contact/${id}/reply`, as: moderator, ...form({ body: '' }) })).statusCode, 422);
    assert.equal((await t.request({ method: 'POST', url: `/admin/contact/${id}/reply`, as: moderator, ...form({ body: 'Gracias por escribir. Le llamaremos mañana.' }) })).statusCode, 303);
    assert.equal((await t.request({ method: 'POST', url: `/admin/contact/${id}/status`, as: moderator, ...form({ status: 'closed' }) })).statusCode, 303);
    assert.equal((await t.request({ method: 'POST', url: `/admin/contact/${id}/status`, as: moderator, ...form({ status: 'lost' }) })).statusCode, 422);

    const after = await t.request({ url: `/admin/contact/${id}?notice=replied`, as: moderator });
    assert.match(after.body, /Reply sent/);
    assert.match(after.body, /Internal note by/);
    assert.match(after.body, /Le llamaremos mañana/);
    const row = await t.services.db.selectFrom('contact_messages').select(['status', 'assigned_to']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'closed');
    assert.equal(row.assigned_to, staff.id);
    const reply = await t.services.db.selectFrom('mail_messages').selectAll().where('template', '=', 'contact.reply').executeTakeFirstOrThrow();
    assert.equal(reply.to_address, 'lucia@example.test');
    assert.match(reply.subject, /Respuesta a su mensaje/);
    assert.match(reply.text, /Le llamaremos mañana/);
    assert.doesNotMatch(reply.text, /Dr\. Reyes/, 'internal notes are never sent');
  });

  test('one address cannot flood the form', async () => {
    let last = 0;
    for (let i = 0; i < 12 && last !== 429; i++) {
      last = (await t.request({ method: 'POST', url: '/contact', remoteAddress: '198.51.100.99', ...form({ name: 'A', email: 'a@example.test', topic: 'general', message: 'x' }) })).statusCode;
    }
    assert.equal(last, 429);
  });
});
